# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from stdnum.fr import siren as stdnum_siren

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .ecoclic_assessment import GRADE_SELECTION, MATURITY_LEVELS

COLLECTIVITY_TYPES = [
    ("commune", "Municipality"),
    ("cc", "Community of municipalities"),
    ("ca", "Agglomeration community"),
    ("metropole", "Metropolis"),
    ("departement", "Department"),
    ("region", "Region"),
    ("syndicat", "Syndicate or other EPCI"),
]

# Population bands used by Éco-clic to compare collectivities (see FACTS.md).
# Each band is (key, lower bound included); the upper bound is the next band's lower bound.
POPULATION_BANDS = [
    ("0_499", 0),
    ("500_999", 500),
    ("1000_3499", 1000),
    ("3500_4999", 3500),
    ("5000_9999", 5000),
    ("10000_19999", 10000),
    ("20000_49999", 20000),
    ("50000_99999", 50000),
    ("100000_plus", 100000),
]
POPULATION_BAND_LABELS = [
    ("0_499", "0–499 inhabitants"),
    ("500_999", "500–999 inhabitants"),
    ("1000_3499", "1,000–3,499 inhabitants"),
    ("3500_4999", "3,500–4,999 inhabitants"),
    ("5000_9999", "5,000–9,999 inhabitants"),
    ("10000_19999", "10,000–19,999 inhabitants"),
    ("20000_49999", "20,000–49,999 inhabitants"),
    ("50000_99999", "50,000–99,999 inhabitants"),
    ("100000_plus", "100,000 inhabitants and more"),
]


def population_band(population):
    """Return the band key of a population (False when unknown: not given, or 0)."""
    if not population or population < 0:
        return False
    band = POPULATION_BANDS[0][0]
    for key, lower in POPULATION_BANDS:
        if population >= lower:
            band = key
    return band


# Fields of the collectivity profile that its référent (Éco-clic manager) may edit on
# their own company; every other field of res.company stays with the administrators.
PROFILE_FIELDS = frozenset({
    "ecoclic_collectivity_type", "ecoclic_population", "ecoclic_agent_count",
    "ecoclic_departement_id", "ecoclic_region_id", "ecoclic_insee_code", "ecoclic_siren",
    "ecoclic_target_date", "ecoclic_target_ids", "ecoclic_target_score",
    "ecoclic_level2_enabled", "ecoclic_review_months", "ecoclic_referent_id",
})
INTERCOMMUNALITY_TYPES = ("cc", "ca", "metropole", "syndicat")
# The profile fields that decide a collectivity's peer groups: their changes are logged
# (ecoclic.profile.change), and an assessment keeps them as they stood at its submission.
PEER_PROFILE_FIELDS = [
    ("ecoclic_collectivity_type", "Collectivity type"),
    ("ecoclic_population", "Population"),
    ("ecoclic_departement_id", "Department"),
    ("ecoclic_region_id", "Region"),
    ("ecoclic_intercommunality_id", "Intercommunality"),
]
# Assessment field: the company field it freezes.
SEGMENT_FIELDS = {
    "segment_collectivity_type": "ecoclic_collectivity_type",
    "segment_population_band": "ecoclic_population_band",
    "segment_departement_id": "ecoclic_departement_id",
    "segment_region_id": "ecoclic_region_id",
    "segment_intercommunality_id": "ecoclic_intercommunality_id",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    ecoclic_collectivity_type = fields.Selection(
        COLLECTIVITY_TYPES,
        string="Collectivity type",
        help="Kind of local authority; collectivities are compared with others of the same "
        "type and population band.",
    )
    ecoclic_is_collectivity = fields.Boolean(
        string="Is a collectivity",
        compute="_compute_ecoclic_is_collectivity",
        store=True,
    )
    ecoclic_population = fields.Integer(
        string="Population",
        help="Number of inhabitants (municipal population of the latest census).",
    )
    ecoclic_population_band = fields.Selection(
        POPULATION_BAND_LABELS,
        string="Population band",
        compute="_compute_ecoclic_population_band",
        store=True,
    )
    ecoclic_agent_count = fields.Integer(
        string="Number of agents",
        help="Staff of the collectivity; used to express indicators per agent.",
    )

    ecoclic_departement_id = fields.Many2one(
        "ecoclic.departement",
        string="Department",
        help="The French department the collectivity lies in.",
    )
    ecoclic_region_id = fields.Many2one(
        "ecoclic.region",
        string="Region",
        compute="_compute_ecoclic_region_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    ecoclic_insee_code = fields.Char(
        string="INSEE code",
        size=5,
        help="Official geographic code of the commune (or of the seat of the grouping).",
    )
    ecoclic_siren = fields.Char(
        string="SIREN",
        size=9,
        help="Identifier of the collectivity in the SIRENE register (9 digits).",
    )
    ecoclic_intercommunality_id = fields.Many2one(
        "res.company",
        string="Intercommunality",
        domain=[("ecoclic_collectivity_type", "in", INTERCOMMUNALITY_TYPES)],
        help="The grouping of municipalities this commune belongs to; collectivities are "
        "also compared within their intercommunality.",
    )
    ecoclic_level2_enabled = fields.Boolean(
        string="Deeper questionnaire",
        help="Also ask the level-2 questions in the next assessments.",
    )
    ecoclic_target_score = fields.Integer(
        string="Overall target",
        default=60,
        help="The overall maturity score the collectivity aims at.",
    )
    ecoclic_target_date = fields.Date(
        string="Target date",
        help="When the collectivity means to reach its targets.",
    )
    ecoclic_target_ids = fields.One2many(
        "ecoclic.target", "company_id", string="Targets per axis",
    )
    ecoclic_can_edit_profile = fields.Boolean(
        string="Can edit the profile",
        compute="_compute_ecoclic_can_edit_profile",
    )
    ecoclic_profile_change_ids = fields.One2many(
        "ecoclic.profile.change", "company_id", string="Profile changes", readonly=True,
        groups="ecoclic_odoo.group_ecoclic_manager,base.group_system",
    )

    @api.depends("ecoclic_departement_id")
    def _compute_ecoclic_region_id(self):
        for company in self:
            if company.ecoclic_departement_id:
                company.ecoclic_region_id = company.ecoclic_departement_id.region_id

    @api.depends_context("uid")
    def _compute_ecoclic_can_edit_profile(self):
        manager = self.env.user.has_group("ecoclic_odoo.group_ecoclic_manager")
        for company in self:
            company.ecoclic_can_edit_profile = self.env.su or (
                manager and company._origin in self.env.user.company_ids
            )

    ecoclic_last_assessment_id = fields.Many2one(
        "ecoclic.assessment", string="Latest assessment",
        compute="_compute_ecoclic_dashboard",
    )
    ecoclic_last_score = fields.Integer(string="Latest score",
                                        compute="_compute_ecoclic_dashboard")
    ecoclic_last_grade = fields.Selection(GRADE_SELECTION, string="Latest grade",
                                          compute="_compute_ecoclic_dashboard")
    ecoclic_last_maturity_level = fields.Selection(
        MATURITY_LEVELS, string="Maturity level", compute="_compute_ecoclic_dashboard",
    )
    ecoclic_last_gap = fields.Integer(string="Gap to target",
                                      compute="_compute_ecoclic_dashboard")
    ecoclic_last_gap_label = fields.Char(string="Against the target",
                                         compute="_compute_ecoclic_dashboard")
    ecoclic_last_date = fields.Datetime(string="Assessed on",
                                        compute="_compute_ecoclic_dashboard")
    ecoclic_dashboard_chart = fields.Json(string="Maturity chart",
                                          compute="_compute_ecoclic_dashboard_charts")
    ecoclic_dashboard_peer_html = fields.Html(string="Comparison with peers",
                                              compute="_compute_ecoclic_dashboard_charts",
                                              sanitize=False)
    ecoclic_draft_assessment_id = fields.Many2one(
        "ecoclic.assessment", string="Assessment under way",
        compute="_compute_ecoclic_dashboard",
    )
    ecoclic_draft_progress = fields.Integer(string="Answered (%)",
                                            compute="_compute_ecoclic_dashboard")

    def _compute_ecoclic_dashboard(self):
        """The latest submitted and the current draft assessment, in two queries."""
        Assessment = self.env["ecoclic.assessment"]
        last, draft = {}, {}
        for state, found in (("submitted", last), ("draft", draft)):
            for assessment in Assessment.search(
                [("company_id", "in", self.ids), ("state", "=", state)],
                order="date_submitted desc, date_start desc, id desc",
            ):
                found.setdefault(assessment.company_id.id, assessment)
        for company in self:
            latest = last.get(company.id, Assessment)
            current = draft.get(company.id, Assessment)
            company.ecoclic_last_assessment_id = latest
            company.ecoclic_last_score = latest.overall_score
            company.ecoclic_last_grade = latest.grade
            company.ecoclic_last_maturity_level = latest.maturity_level
            company.ecoclic_last_gap = latest.gap if latest else 0
            company.ecoclic_last_gap_label = latest.gap_label if latest else False
            company.ecoclic_last_date = latest.date_submitted
            company.ecoclic_draft_assessment_id = current
            company.ecoclic_draft_progress = current.progress if current else 0

    def _compute_ecoclic_dashboard_charts(self):
        for company in self:
            latest = company.ecoclic_last_assessment_id
            company.ecoclic_dashboard_chart = latest.chart_data if latest else False
            company.ecoclic_dashboard_peer_html = latest.peer_html if latest else False

    def action_ecoclic_dashboard(self):
        """The sobriety dashboard of the current collectivity."""
        company = self.env.company
        return {
            "type": "ir.actions.act_window",
            "name": _("Dashboard"),
            "res_model": "res.company",
            "res_id": company.id,
            "view_mode": "form",
            "views": [(self.env.ref("ecoclic_odoo.view_ecoclic_dashboard_form").id, "form")],
            "target": "current",
        }

    def action_ecoclic_open_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecoclic_odoo.action_ecoclic_assessment"
        )
        action["domain"] = [("company_id", "=", self.id)]
        return action

    # Next steps of the dashboard: where the référent goes from here.
    def action_ecoclic_continue_assessment(self):
        """The assessment under way, or a new one when there is none (in one's own
        collectivity only: OPSN staff read, they do not assess)."""
        self.ensure_one()
        assessment = self.ecoclic_draft_assessment_id
        if not assessment:
            if self not in self.env.user.company_ids:
                raise AccessError(self.env._("Only the collectivity's own users assess it."))
            assessment = self.env["ecoclic.assessment"].create({"company_id": self.id})
        return {"type": "ir.actions.act_window", "res_model": "ecoclic.assessment",
                "res_id": assessment.id, "view_mode": "form", "views": [(False, "form")]}

    def action_ecoclic_top_recommendations(self):
        self.ensure_one()
        return self.ecoclic_last_assessment_id.action_open_recommendations()

    def action_ecoclic_overdue_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecoclic_odoo.action_ecoclic_plan_line")
        action.update(domain=[("company_id", "=", self.id)], view_mode="list,form",
                      views=[(False, "list"), (False, "form")],
                      context={"search_default_overdue": 1})
        return action

    def _ecoclic_targets(self):
        """{company id: {axis id: target}} for these companies, in one query.

        An axis without a target of its own takes the collectivity's overall target.
        """
        targets = {
            company.id: defaultdict(lambda score=company.ecoclic_target_score: score)
            for company in self
        }
        for company, axis, score in self.env["ecoclic.target"].sudo()._read_group(
            [("company_id", "in", self.ids)], ["company_id", "axis_id"], ["target_score:max"]
        ):
            targets[company.id][axis.id] = score
        return targets

    def _ecoclic_segment_values(self):
        """{assessment segment field: value} of this collectivity's profile as it stands."""
        self.ensure_one()
        company = self.sudo()
        return {
            name: company[source].id if company._fields[source].type == "many2one"
            else company[source]
            for name, source in SEGMENT_FIELDS.items()
        }

    def write(self, vals):
        """Let référents edit the profile of their own collectivities, nothing else; log
        every change of the fields that decide the peer groups, whoever makes it."""
        watched = [name for name, _label in PEER_PROFILE_FIELDS]
        if not set(vals) & (set(watched) | {"ecoclic_population_band"}):
            return self._ecoclic_write_profile(vals)
        before = {company.id: {name: company.sudo()[name] for name in watched}
                  for company in self}
        result = self._ecoclic_write_profile(vals)
        changes = []
        for company in self.sudo():
            for name in watched:
                old, new = before[company.id][name], company[name]
                if old != new:
                    changes.append({
                        "company_id": company.id, "user_id": self.env.uid,
                        "field_name": name,
                        "old_value": company._ecoclic_profile_display(name, old),
                        "new_value": company._ecoclic_profile_display(name, new),
                    })
        if changes:
            self.env["ecoclic.profile.change"].sudo().create(changes)
        return result

    def _ecoclic_profile_display(self, name, value):
        field = self._fields[name]
        if field.type == "many2one":
            return value.display_name or ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        return str(value) if value else ""

    def _ecoclic_write_profile(self, vals):
        if (
            not self.env.su
            and vals
            and set(vals) <= PROFILE_FIELDS
            and self.env.user.has_group("ecoclic_odoo.group_ecoclic_manager")
            and not self.env.user.has_group("base.group_erp_manager")
        ):
            if self - self.env.user.company_ids:
                raise AccessError(
                    _("You can only edit the profile of your own collectivity.")
                )
            vals = dict(vals)
            commands = vals.pop("ecoclic_target_ids", None)
            if commands:
                self._ecoclic_write_targets(commands)
            return super(ResCompany, self.sudo()).write(vals) if vals else True
        return super().write(vals)

    def _ecoclic_write_targets(self, commands):
        """Apply the form's target commands as the user (ACLs and record rules apply):
        create, update and delete among the collectivity's own targets only."""
        self.ensure_one()
        Target = self.env["ecoclic.target"]
        own = self.ecoclic_target_ids
        for command in commands:
            operation, record_id = command[0], command[1]
            values = command[2] if len(command) > 2 else {}
            if operation == Command.CREATE:
                Target.create(dict(values, company_id=self.id))
            elif operation in (Command.UPDATE, Command.DELETE) and record_id in own.ids:
                if operation == Command.UPDATE:
                    Target.browse(record_id).write(values)
                else:
                    Target.browse(record_id).unlink()
            elif operation == Command.LINK and record_id in own.ids:
                continue
            else:
                raise AccessError(_("You can only change the targets of your own collectivity."))

    @api.depends("ecoclic_collectivity_type")
    def _compute_ecoclic_is_collectivity(self):
        for company in self:
            company.ecoclic_is_collectivity = bool(company.ecoclic_collectivity_type)

    @api.depends("ecoclic_population", "ecoclic_collectivity_type")
    def _compute_ecoclic_population_band(self):
        for company in self:
            company.ecoclic_population_band = (
                company.ecoclic_collectivity_type
                and population_band(company.ecoclic_population)
            )

    @api.constrains("ecoclic_siren", "ecoclic_insee_code", "ecoclic_intercommunality_id")
    def _check_ecoclic_identifiers(self):
        for company in self:
            if company.ecoclic_siren and not stdnum_siren.is_valid(company.ecoclic_siren):
                raise ValidationError(
                    _(
                        "%(siren)s is not a valid SIREN number (9 digits with a valid "
                        "check digit).",
                        siren=company.ecoclic_siren,
                    )
                )
            code = company.ecoclic_insee_code
            if code and not (len(code) == 5 and (code.isdigit() or (
                    code[:2] in ("2A", "2B") and code[2:].isdigit()))):
                raise ValidationError(
                    _(
                        "%(code)s is not an INSEE code: five digits (2A or 2B followed by "
                        "three digits in Corsica).",
                        code=code,
                    )
                )
            parent = company.ecoclic_intercommunality_id
            if parent and (parent == company or parent.sudo().ecoclic_collectivity_type
                           not in INTERCOMMUNALITY_TYPES):
                raise ValidationError(
                    _(
                        "%(company)s cannot belong to that company: an intercommunality is a "
                        "community of municipalities, an agglomeration, a metropolis or a "
                        "syndicate.",
                        company=company.name,
                    )
                )

    @api.constrains("ecoclic_referent_id")
    def _check_ecoclic_referent(self):
        for company in self:
            company._ecoclic_check_members(company.ecoclic_referent_id, _("the référent"))

    def _ecoclic_check_members(self, users, role):
        """Reminders and notifications go to these users: each must be an internal user of
        this collectivity, never someone of another company."""
        self.ensure_one()
        outsiders = users.sudo().filtered(
            lambda user: user.share or self not in user.company_ids)
        if outsiders:
            raise ValidationError(_(
                "%(users)s cannot be %(role)s of %(company)s: choose a user of this "
                "collectivity.", users=", ".join(outsiders.mapped("name")), role=role,
                company=self.name))

    @api.constrains("ecoclic_population", "ecoclic_agent_count", "ecoclic_target_score")
    def _check_ecoclic_counts(self):
        for company in self:
            if not 0 <= company.ecoclic_target_score <= 100:
                raise ValidationError(
                    _(
                        "The overall target of %(company)s must lie between 0 and 100 "
                        "(here %(score)s).",
                        company=company.name,
                        score=company.ecoclic_target_score,
                    )
                )
            if company.ecoclic_population < 0:
                raise ValidationError(
                    _(
                        "The population of %(company)s cannot be negative.",
                        company=company.name,
                    )
                )
            if company.ecoclic_agent_count < 0:
                raise ValidationError(
                    _(
                        "The number of agents of %(company)s cannot be negative.",
                        company=company.name,
                    )
                )
