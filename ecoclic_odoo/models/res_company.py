# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta
from stdnum.fr import siren as stdnum_siren

from odoo import Command, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .ecoclic_awareness_participant import trained_share
from .ecoclic_electricity_mix import DEFAULT_COUNTRY_CODE
from .ecoclic_plan import OPEN_STATES
from .ecoclic_reen_obligation import DEFAULT_REMINDER_DAYS, reen_concerned
from .export_files import XLSX_MIME
from .guide_export import guide_rows, guide_xlsx
from .maintenance_equipment import (
    GONE_STATES,
    REFORMED_STATES,
    REUSE_STATES,
    SECOND_HAND_MODES,
    ecoclic_today,
)
from .scoring import GRADE_SELECTION, MATURITY_LEVELS
from .territories import COLLECTIVITY_KINDS, lookup, successor
from .wording import elided

COLLECTIVITY_TYPES = [
    ("commune", "Municipality"),
    ("cc", "Community of municipalities"),
    ("ca", "Agglomeration community"),
    ("cu", "Urban community"),
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
PROFILE_FIELDS = frozenset(
    {
        "ecoclic_collectivity_type",
        "ecoclic_population",
        "ecoclic_agent_count",
        "ecoclic_departement_id",
        "ecoclic_region_id",
        "ecoclic_insee_code",
        "ecoclic_siren",
        "ecoclic_target_date",
        "ecoclic_target_ids",
        "ecoclic_target_score",
        "ecoclic_level2_enabled",
        "ecoclic_review_months",
        "ecoclic_referent_id",
        "ecoclic_reen_reminder_days",
    }
)
INTERCOMMUNALITY_TYPES = ("cc", "ca", "cu", "metropole", "syndicat")
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
EQUIPMENT_MODES = [
    ("none", "No"),
    ("receipt", "On receipt"),
    ("confirm", "On confirmation"),
]


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
        "ecoclic.target",
        "company_id",
        string="Targets per axis",
    )
    ecoclic_can_edit_profile = fields.Boolean(
        string="Can edit the profile",
        compute="_compute_ecoclic_can_edit_profile",
    )
    ecoclic_profile_change_ids = fields.One2many(
        "ecoclic.profile.change",
        "company_id",
        string="Profile changes",
        readonly=True,
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
        "ecoclic.assessment",
        string="Latest assessment",
        compute="_compute_ecoclic_dashboard",
    )
    ecoclic_last_score = fields.Integer(string="Latest score", compute="_compute_ecoclic_dashboard")
    ecoclic_last_grade = fields.Selection(
        GRADE_SELECTION, string="Latest grade", compute="_compute_ecoclic_dashboard"
    )
    ecoclic_last_maturity_level = fields.Selection(
        MATURITY_LEVELS,
        string="Maturity level",
        compute="_compute_ecoclic_dashboard",
    )
    ecoclic_last_gap = fields.Integer(string="Gap to target", compute="_compute_ecoclic_dashboard")
    ecoclic_last_gap_label = fields.Char(
        string="Against the target", compute="_compute_ecoclic_dashboard"
    )
    ecoclic_last_date = fields.Datetime(string="Assessed on", compute="_compute_ecoclic_dashboard")
    ecoclic_dashboard_chart = fields.Json(
        string="Maturity chart", compute="_compute_ecoclic_dashboard_charts"
    )
    ecoclic_dashboard_peer_html = fields.Html(
        string="Comparison with peers", compute="_compute_ecoclic_dashboard_charts", sanitize=False
    )
    ecoclic_draft_assessment_id = fields.Many2one(
        "ecoclic.assessment",
        string="Assessment under way",
        compute="_compute_ecoclic_dashboard",
    )
    ecoclic_draft_progress = fields.Integer(
        string="Answered (%)", compute="_compute_ecoclic_dashboard"
    )

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

    @api.readonly
    def action_ecoclic_dashboard(self):
        """The sobriety dashboard of the current collectivity."""
        company = self.env.company
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dashboard"),
            "res_model": "res.company",
            "res_id": company.id,
            "view_mode": "form",
            "views": [(self.env.ref("ecoclic_odoo.view_ecoclic_dashboard_form").id, "form")],
            "target": "current",
        }

    def _ecoclic_check_guide_reader(self):
        """The guide of a collectivity is read by its own users only (its statuses say what
        its plan holds); OPSN staff supervise plans from their portfolio instead."""
        self.ensure_one()
        user = self.env.user
        if not self.env.su and (
            self not in user.company_ids or not user.has_group("ecoclic_odoo.group_ecoclic_user")
        ):
            raise AccessError(
                self.env._("Only the users of %(company)s read its guide.", company=self.name)
            )

    def _ecoclic_export(self, kind):
        """(file name, bytes, mimetype) of the export ``kind`` of this collectivity, built
        as the current user (streamed by the export route)."""
        self.ensure_one()
        if kind != "guide-xlsx":
            raise UserError(self.env._("Unknown export: %(kind)s", kind=kind))
        self._ecoclic_check_guide_reader()
        name = self.env._(
            "good-practices-%(company)s-%(date)s.xlsx",
            company=self.name,
            date=fields.Date.context_today(self),
        )
        return name, guide_xlsx(self), XLSX_MIME

    def _ecoclic_guide_report_groups(self):
        """The guide's practices by axis, for the PDF (see guide_export.guide_rows)."""
        self.ensure_one()
        self._ecoclic_check_guide_reader()
        return guide_rows(self)

    @api.readonly
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
            assessment = self.env["ecoclic.assessment"].create(
                self._prepare_ecoclic_assessment_vals()
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecoclic.assessment",
            "res_id": assessment.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _prepare_ecoclic_assessment_vals(self):
        """Values of a new assessment of this collectivity (a hook for integrators)."""
        self.ensure_one()
        return {"company_id": self.id}

    @api.readonly
    def action_ecoclic_top_recommendations(self):
        self.ensure_one()
        return self.ecoclic_last_assessment_id.action_open_recommendations()

    @api.readonly
    def action_ecoclic_overdue_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecoclic_odoo.action_ecoclic_plan_line"
        )
        action.update(
            domain=[("company_id", "=", self.id)],
            view_mode="list,form",
            views=[(False, "list"), (False, "form")],
            context={"search_default_overdue": 1},
        )
        return action

    def _ecoclic_targets(self):
        """{company id: {axis id: target}} for these companies, in one query.

        An axis without a target of its own takes the collectivity's overall target.
        """
        targets = {
            company.id: defaultdict(lambda score=company.ecoclic_target_score: score)
            for company in self
        }
        for company, axis, score in (
            self.env["ecoclic.target"]
            .sudo()
            ._read_group(
                [("company_id", "in", self.ids)], ["company_id", "axis_id"], ["target_score:max"]
            )
        ):
            targets[company.id][axis.id] = score
        return targets

    def _ecoclic_segment_values(self):
        """{assessment segment field: value} of this collectivity's profile as it stands."""
        self.ensure_one()
        company = self.sudo()
        return {
            name: company[source].id
            if company._fields[source].type == "many2one"
            else company[source]
            for name, source in SEGMENT_FIELDS.items()
        }

    def write(self, vals):
        """Let référents edit the profile of their own collectivities, nothing else; log
        every change of the fields that decide the peer groups, whoever makes it."""
        watched = [name for name, _label in PEER_PROFILE_FIELDS]
        tracked = bool(set(vals) & (set(watched) | {"ecoclic_population_band"}))
        before = tracked and {
            company.id: {name: company.sudo()[name] for name in watched} for company in self
        }
        if self._ecoclic_is_profile_write(vals):
            # A référent's profile fields: checked here, then written as superuser (a
            # référent has no write access to companies).
            if self - self.env.user.company_ids:
                raise AccessError(
                    self.env._("You can only edit the profile of your own collectivity.")
                )
            vals = dict(vals)
            commands = vals.pop("ecoclic_target_ids", None)
            if commands:
                self._ecoclic_write_targets(commands)
            result = super(ResCompany, self.sudo()).write(vals) if vals else True
        else:
            result = super().write(vals)
        if tracked:
            self._ecoclic_log_profile_changes(watched, before)
        return result

    def _ecoclic_is_profile_write(self, vals):
        """A référent (not an administrator) changing only profile fields."""
        return (
            not self.env.su
            and vals
            and set(vals) <= PROFILE_FIELDS
            and self.env.user.has_group("ecoclic_odoo.group_ecoclic_manager")
            and not self.env.user.has_group("base.group_erp_manager")
        )

    def _ecoclic_log_profile_changes(self, watched, before):
        changes = []
        for company in self.sudo():
            for name in watched:
                old, new = before[company.id][name], company[name]
                if old != new:
                    changes.append(
                        {
                            "company_id": company.id,
                            "user_id": self.env.uid,
                            "field_name": name,
                            "old_value": company._ecoclic_profile_display(name, old),
                            "new_value": company._ecoclic_profile_display(name, new),
                        }
                    )
        if changes:
            self.env["ecoclic.profile.change"].sudo().create(changes)

    def _ecoclic_profile_display(self, name, value):
        field = self._fields[name]
        if field.type == "many2one":
            return value.display_name or ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        return str(value) if value else ""

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
                raise AccessError(
                    self.env._("You can only change the targets of your own collectivity.")
                )

    @api.depends("ecoclic_collectivity_type")
    def _compute_ecoclic_is_collectivity(self):
        for company in self:
            company.ecoclic_is_collectivity = bool(company.ecoclic_collectivity_type)

    @api.depends("ecoclic_population", "ecoclic_collectivity_type")
    def _compute_ecoclic_population_band(self):
        for company in self:
            company.ecoclic_population_band = company.ecoclic_collectivity_type and population_band(
                company.ecoclic_population
            )

    @api.constrains("ecoclic_siren", "ecoclic_insee_code", "ecoclic_intercommunality_id")
    def _check_ecoclic_identifiers(self):
        for company in self:
            if company.ecoclic_siren and not stdnum_siren.is_valid(company.ecoclic_siren):
                raise ValidationError(
                    self.env._(
                        "%(siren)s is not a valid SIREN number (9 digits with a valid "
                        "check digit).",
                        siren=company.ecoclic_siren,
                    )
                )
            code = company.ecoclic_insee_code
            if code and not (
                len(code) == 5
                and (code.isdigit() or (code[:2] in ("2A", "2B") and code[2:].isdigit()))
            ):
                raise ValidationError(
                    self.env._(
                        "%(code)s is not an INSEE code: five digits (2A or 2B followed by "
                        "three digits in Corsica).",
                        code=code,
                    )
                )
            parent = company.ecoclic_intercommunality_id
            if parent and (
                parent == company
                or parent.sudo().ecoclic_collectivity_type not in INTERCOMMUNALITY_TYPES
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s cannot belong to that company: an intercommunality is a "
                        "community of municipalities, an agglomeration, a metropolis or a "
                        "syndicate.",
                        company=company.name,
                    )
                )

    @api.constrains("ecoclic_referent_id")
    def _check_ecoclic_referent(self):
        for company in self:
            company._ecoclic_check_members(company.ecoclic_referent_id, self.env._("the référent"))

    def _ecoclic_check_members(self, users, role):
        """Reminders and notifications go to these users: each must be an internal user of
        this collectivity, never someone of another company."""
        self.ensure_one()
        outsiders = users.sudo().filtered(lambda user: user.share or self not in user.company_ids)
        if outsiders:
            raise ValidationError(
                elided(
                    self.env._(
                        "%(users)s cannot be %(role)s of %(company)s: choose a user of this "
                        "collectivity."
                    ),
                    users=", ".join(outsiders.mapped("name")),
                    role=role,
                    company=self.name,
                )
            )

    @api.constrains("ecoclic_population", "ecoclic_agent_count", "ecoclic_target_score")
    def _check_ecoclic_counts(self):
        for company in self:
            if not 0 <= company.ecoclic_target_score <= 100:
                raise ValidationError(
                    elided(
                        self.env._(
                            "The overall target of %(company)s must lie between 0 and 100 "
                            "(here %(score)s)."
                        ),
                        company=company.name,
                        score=company.ecoclic_target_score,
                    )
                )
            if company.ecoclic_population < 0:
                raise ValidationError(
                    elided(
                        self.env._("The population of %(company)s cannot be negative."),
                        company=company.name,
                    )
                )
            if company.ecoclic_agent_count < 0:
                raise ValidationError(
                    elided(
                        self.env._("The number of agents of %(company)s cannot be negative."),
                        company=company.name,
                    )
                )

    # ------------------------------------------------------------------
    # AGEC share of refurbished and reused purchases (see report/ecoclic_agec_report.py)
    # ------------------------------------------------------------------
    ecoclic_agec_year = fields.Integer(string="AGEC year", compute="_compute_ecoclic_agec")
    ecoclic_agec_spend = fields.Monetary(
        string="IT & telephony purchases",
        compute="_compute_ecoclic_agec",
        currency_field="currency_id",
        help="Untaxed, this civil year: confirmed purchase lines of IT products and donations "
        "received at their fixed value.",
    )
    ecoclic_agec_second_hand = fields.Monetary(
        string="Of which refurbished or reused",
        compute="_compute_ecoclic_agec",
        currency_field="currency_id",
    )
    ecoclic_agec_share = fields.Float(
        string="Refurbished or reused share (%)", digits=(16, 1), compute="_compute_ecoclic_agec"
    )
    ecoclic_agec_minimum = fields.Float(
        string="AGEC minimum (%)", digits=(16, 0), compute="_compute_ecoclic_agec"
    )
    ecoclic_agec_missing = fields.Monetary(
        string="Still to buy refurbished",
        compute="_compute_ecoclic_agec",
        currency_field="currency_id",
        help="At this year's spend, the refurbished or reused purchases missing to reach the "
        "legal minimum.",
    )
    ecoclic_agec_behind = fields.Boolean(
        string="Behind the AGEC minimum", compute="_compute_ecoclic_agec"
    )

    ecoclic_agec_history_html = fields.Html(
        string="IT purchases over the years",
        compute="_compute_ecoclic_agec_history",
        sanitize=False,
    )

    @api.depends_context("ecoclic_today")
    def _compute_ecoclic_agec_history(self):
        """The last four civil years: one query a year for all these companies."""
        today = ecoclic_today(self)
        years = list(range(today.year - 3, today.year + 1))
        by_year = {
            year: self._ecoclic_agec_figures(date(year, 1, 1), date(year, 12, 31)) for year in years
        }
        for company in self:
            rows = [(year, by_year[year].get(company.id)) for year in years]
            company.ecoclic_agec_history_html = (
                self.env["ir.qweb"]._render(
                    "ecoclic_odoo.agec_history",
                    {
                        "rows": rows,
                        "currency": company.currency_id,
                        "format_amount": self._ecoclic_format_amount,
                    },
                )
                if any(values for _year, values in rows)
                else False
            )

    def _ecoclic_format_amount(self, amount, currency):
        return tools.format_amount(self.env, amount, currency)

    @api.depends_context("ecoclic_today")
    def _compute_ecoclic_agec(self):
        today = ecoclic_today(self)
        figures = self._ecoclic_agec_figures(date(today.year, 1, 1), date(today.year, 12, 31))
        for company in self:
            values = figures.get(company.id, {})
            company.ecoclic_agec_year = today.year
            company.ecoclic_agec_spend = values.get("spend", 0.0)
            company.ecoclic_agec_second_hand = values.get("second_hand", 0.0)
            company.ecoclic_agec_share = values.get("share", 0.0)
            company.ecoclic_agec_minimum = values.get("minimum", 0.0)
            company.ecoclic_agec_missing = values.get("missing", 0.0)
            company.ecoclic_agec_behind = values.get("behind", False)

    def _ecoclic_agec_figures(self, date_from, date_to):
        """{company id: {spend, second_hand, donations, share, minimum, missing, behind}}
        over [date_from, date_to], in one query whatever the number of companies and lines.
        The minimum is the one in force in the year `date_to` falls in."""
        if not self:
            return {}
        for model in (
            "purchase.order",
            "purchase.order.line",
            "stock.move",
            "maintenance.equipment",
            "ecoclic.equipment.category",
        ):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """
            SELECT r.company_id, sum(r.amount), sum(r.second_hand_amount),
                   sum(r.amount) FILTER (WHERE r.origin = 'donation')
              FROM (%(query)s) r
             WHERE r.company_id = ANY(%(companies)s) AND r.date BETWEEN %(start)s AND %(end)s
          GROUP BY r.company_id
            """,
                query=self.env["ecoclic.agec.report"]._ecoclic_query(),
                companies=self.ids,
                start=date_from,
                end=date_to,
            )
        )
        rows = self.env.cr.fetchall()
        minimum = self.env["ecoclic.legal.rate"]._ecoclic_rate("agec_it", date_to.year)
        result = {}
        for company_id, spend, second_hand, donations in rows:
            spend, second_hand = float(spend or 0.0), float(second_hand or 0.0)
            share = 100.0 * second_hand / spend if spend else 0.0
            missing = max(minimum / 100.0 * spend - second_hand, 0.0)
            result[company_id] = {
                "spend": spend,
                "second_hand": second_hand,
                "donations": float(donations or 0.0),
                "share": share,
                "minimum": minimum,
                "missing": missing,
                "behind": bool(spend) and tools.float_compare(share, minimum, 2) < 0,
            }
        return result

    # ------------------------------------------------------------------
    # Fleet indicators
    # ------------------------------------------------------------------
    ecoclic_fleet_count = fields.Integer(
        string="Equipment in the fleet", compute="_compute_ecoclic_fleet"
    )
    ecoclic_fleet_age = fields.Float(
        string="Average age (years)", digits=(16, 1), compute="_compute_ecoclic_fleet"
    )
    ecoclic_fleet_age_ratio = fields.Float(
        string="Age against lifespan (%)",
        digits=(16, 0),
        compute="_compute_ecoclic_fleet",
        help="Average of each item's age divided by its reference lifespan.",
    )
    ecoclic_fleet_second_hand_share = fields.Float(
        string="Acquired refurbished or reused (%)",
        digits=(16, 0),
        compute="_compute_ecoclic_fleet",
    )
    ecoclic_fleet_reuse_share = fields.Float(
        string="Reformed this year going to reuse (%)",
        digits=(16, 0),
        compute="_compute_ecoclic_fleet",
        help="Of the equipment under 10 years reformed this year, the share reused internally, "
        "donated or sold rather than recycled (loi REEN art. 16).",
    )
    ecoclic_fleet_reformed_count = fields.Integer(
        string="Reformed this year (under 10 years)",
        compute="_compute_ecoclic_fleet",
    )
    ecoclic_fleet_reuse_target = fields.Float(
        string="Legal minimum (%)", digits=(16, 0), compute="_compute_ecoclic_fleet"
    )
    ecoclic_fleet_footprint = fields.Float(
        string="Fleet footprint (kg CO2e per year)",
        digits=(16, 0),
        compute="_compute_ecoclic_fleet",
        help="Climate change: manufacturing spread over the years of use, plus a year of use, "
        "for the equipment counted (with a category and a date).",
    )
    ecoclic_fleet_footprint_adpe = fields.Float(
        string="Fleet resources (kg Sb eq. per year)",
        digits=(16, 4),
        compute="_compute_ecoclic_fleet",
        help="Abiotic depletion of minerals and metals: manufacturing spread over the years of "
        "use, plus a year of use, for the equipment counted.",
    )
    ecoclic_fleet_footprint_pe = fields.Float(
        string="Fleet primary energy (MJ per year)",
        digits=(16, 0),
        compute="_compute_ecoclic_fleet",
        help="Primary energy: manufacturing spread over the years of use, plus a year of use, "
        "for the equipment counted.",
    )
    ecoclic_fleet_footprint_per_agent = fields.Float(
        string="Per agent (kg CO2e per year)",
        digits=(16, 1),
        compute="_compute_ecoclic_fleet",
    )
    ecoclic_fleet_unhandled = fields.Integer(
        string="Equipment left out of the footprint",
        compute="_compute_ecoclic_fleet",
        help="Equipment of the collectivity without a sobriety category: its footprint "
        "cannot be computed. Give it a category in Fleet → Equipment.",
    )

    ecoclic_fleet_undated = fields.Integer(
        string="Counted without an acquisition date",
        compute="_compute_ecoclic_fleet",
        help="Equipment counted in the footprint without an acquisition date: its age runs "
        "from the date it was put into service in Maintenance. Give its acquisition date for "
        "a sounder figure.",
    )

    ecoclic_fleet_history_html = fields.Html(
        string="Fleet over the years",
        compute="_compute_ecoclic_fleet_history",
        sanitize=False,
    )

    def _compute_ecoclic_fleet_history(self):
        """The last four years, one query a year for all these companies."""
        today = ecoclic_today(self)
        Rate = self.env["ecoclic.legal.rate"]
        years = list(range(today.year - 3, today.year + 1))
        by_year = {year: self._ecoclic_fleet_indicators(year, today=today) for year in years}
        minimums = {year: Rate._ecoclic_rate("reen_reuse", year) for year in years}
        for company in self:
            rows = [(year, by_year[year].get(company.id), minimums[year]) for year in years]
            company.ecoclic_fleet_history_html = (
                self.env["ir.qweb"]._render("ecoclic_odoo.fleet_history", {"rows": rows})
                if any(values and values["fleet"] for _year, values, _minimum in rows)
                else False
            )

    def _compute_ecoclic_fleet(self):
        today = ecoclic_today(self)
        indicators = self._ecoclic_fleet_indicators(today.year, today=today)
        target = self.env["ecoclic.legal.rate"]._ecoclic_rate("reen_reuse", today.year)
        for company in self:
            values = indicators.get(company.id, {})
            company.ecoclic_fleet_count = values.get("fleet", 0)
            company.ecoclic_fleet_unhandled = values.get("unhandled", 0)
            company.ecoclic_fleet_undated = values.get("undated", 0)
            company.ecoclic_fleet_age = values.get("age", 0.0)
            company.ecoclic_fleet_age_ratio = values.get("age_ratio", 0.0)
            company.ecoclic_fleet_second_hand_share = values.get("second_hand_share", 0.0)
            company.ecoclic_fleet_reuse_share = values.get("reuse_share", 0.0)
            company.ecoclic_fleet_reformed_count = values.get("reformed", 0)
            company.ecoclic_fleet_reuse_target = target
            company.ecoclic_fleet_footprint = values.get("footprint", 0.0)
            company.ecoclic_fleet_footprint_adpe = values.get("footprint_adpe", 0.0)
            company.ecoclic_fleet_footprint_pe = values.get("footprint_pe", 0.0)
            company.ecoclic_fleet_footprint_per_agent = values.get("footprint_per_agent", 0.0)

    def _ecoclic_fleet_indicators(self, year, today=None, period=None):
        """Fleet indicators of these companies, in one query whatever their number or size.

        {company id: {fleet, undated, unhandled, second_hand_share, age, age_ratio, footprint,
        footprint_adpe, footprint_pe, footprint_per_agent, reformed, reformed_reused,
        reuse_share}}: the fleet as it stood at the end of `year` (or today, for the current
        year), aged to that date; the reform figures count equipment under 10 years reformed
        during `year`. The footprints (kg CO2e, kg Sb eq., MJ per year) and the other fleet
        figures count the equipment *handled*, with a category and a date (`fleet`: the
        acquisition date, else Maintenance's effective date, which it always sets; `undated`:
        those aged from the effective date); `unhandled` counts the equipment then in the
        collectivity left out, without a category (or, written by SQL, without any date).

        `period` (first day, last day) replaces the civil year: the fleet as it stood on its
        last day, the reforms during it.
        """
        if not self:
            return {}
        today = today or ecoclic_today(self)
        start, end = period or (date(year, 1, 1), date(year, 12, 31))
        self._ecoclic_flush_fleet()
        self.env.cr.execute(
            self._ecoclic_fleet_indicators_sql(
                start, end, min(end, today), SQL("e.company_id = ANY(%s)", self.ids)
            )
        )
        return {
            row[0]: self._ecoclic_fleet_indicator_row(*row[1:]) for row in self.env.cr.fetchall()
        }

    def _ecoclic_flush_fleet(self):
        """What the fleet queries read, written to the database first."""
        self.env["maintenance.equipment"].flush_model()
        self.env["ecoclic.equipment.category"].flush_model()
        self.env["ecoclic.equipment.category.figure"].flush_model()
        self.env["ecoclic.electricity.mix"].flush_model()
        self.env["res.company"].flush_model(["ecoclic_agent_count", "partner_id"])
        self.env["res.partner"].flush_model(["country_id"])

    @api.model
    def _ecoclic_fleet_indicator_row(
        self, agents, fleet, undated, unhandled, second_hand, age, age_ratio, footprints, reform
    ):
        """One company's row of `_ecoclic_fleet_indicators_sql` as a dict."""
        gwp, adpe, pe = (float(value or 0.0) for value in footprints)
        reformed, reused = reform
        return {
            "fleet": fleet,
            "undated": undated,
            "unhandled": unhandled,
            "second_hand_share": 100.0 * second_hand / fleet if fleet else 0.0,
            "age": float(age or 0.0),
            "age_ratio": 100.0 * float(age_ratio or 0.0),
            "footprint": gwp,
            "footprint_adpe": adpe,
            "footprint_pe": pe,
            "footprint_per_agent": gwp / agents if agents else 0.0,
            "reformed": reformed,
            "reformed_reused": reused,
            "reuse_share": 100.0 * reused / reformed if reformed else 0.0,
        }

    @api.model
    def _ecoclic_fleet_indicators_sql(self, start, end, as_of, where):
        """The query of `_ecoclic_fleet_indicators`: one row per company with equipment
        matching `where` (an SQL condition on `e`, maintenance_equipment): company, agents,
        handled, of which without an acquisition date, unhandled, refurbished or reused,
        average age, average age against lifespan, [GWP, ADPe, PE per year], [reformed, of
        which reused]. `start`, `end` and `as_of` are dates or SQL expressions (the OPSN
        dashboard's CURRENT_DATE). Each equipment row is joined once to its company's
        figures for its category; the companies' agents are joined to the totals."""
        return SQL(
            """
            WITH eq AS (%(equipment)s), totals AS (%(totals)s)
            SELECT t.company_id, rc.ecoclic_agent_count AS agents, t.fleet, t.undated,
                   t.unhandled, t.second_hand, t.age, t.age_ratio, t.footprints, t.reform
              FROM totals t JOIN res_company rc ON rc.id = t.company_id
            """,
            equipment=self._ecoclic_fleet_equipment_sql(as_of, where),
            totals=self._ecoclic_fleet_totals_sql(start, end, as_of),
        )

    @api.model
    def _ecoclic_fleet_totals_sql(self, start, end, as_of):
        """The fleet figures of each company, from the equipment rows `eq`."""
        return SQL(
            """
            SELECT company_id,
                   count(*) FILTER (WHERE in_fleet) AS fleet,
                   count(*) FILTER (WHERE in_fleet AND acquired IS NULL) AS undated,
                   count(*) FILTER (WHERE NOT left_us AND (category_id IS NULL OR day IS NULL)
                                      AND COALESCE(day <= %(as_of)s, TRUE)) AS unhandled,
                   count(*) FILTER (WHERE in_fleet AND mode IN %(second_hand)s) AS second_hand,
                   avg(GREATEST(age, 0)) FILTER (WHERE in_fleet) AS age,
                   avg(GREATEST(age, 0) / lifespan) FILTER (WHERE in_fleet AND lifespan > 0)
                       AS age_ratio,
                   ARRAY[sum(manu / years + use_gwp) FILTER (WHERE in_fleet),
                         sum(manu_adpe / years + use_adpe) FILTER (WHERE in_fleet),
                         sum(manu_pe / years + use_pe) FILTER (WHERE in_fleet)] AS footprints,
                   ARRAY[count(*) FILTER (WHERE state IN %(reformed)s AND age_at_reform < 10
                                            AND scrap_date BETWEEN %(start)s AND %(end)s),
                         count(*) FILTER (WHERE state IN %(reuse)s AND age_at_reform < 10
                                            AND scrap_date BETWEEN %(start)s AND %(end)s)]
                       AS reform
              FROM (SELECT eq.*, GREATEST(lifespan, age, 1.0 / 12)::float8 AS years
                      FROM eq) eq
          GROUP BY company_id
            """,
            as_of=as_of,
            second_hand=SECOND_HAND_MODES,
            reformed=REFORMED_STATES,
            reuse=REUSE_STATES,
            start=start,
            end=end,
        )

    @api.model
    def _ecoclic_fleet_equipment_sql(self, as_of, where):
        """One row per active equipment record matching `where`, on `as_of`: its category's
        figures on the three criteria (`_ecoclic_fleet_figures_sql`), its age in years,
        whether it had left (`left_us`) and whether it is counted in the fleet (`in_fleet`:
        a category, a date, acquired and not left)."""
        return SQL(
            """
            SELECT e.company_id, e.ecoclic_category_id AS category_id,
                   e.ecoclic_lifecycle AS state, e.ecoclic_acquisition_mode AS mode,
                   e.scrap_date, e.ecoclic_acquisition_date AS acquired, k.day, k.left_us,
                   g.manu, g.manu_adpe, g.manu_pe, g.lifespan, g.use_gwp, g.use_adpe, g.use_pe,
                   (CASE WHEN k.left_us AND e.scrap_date IS NOT NULL THEN e.scrap_date
                         ELSE %(as_of)s END - k.day) / 365.25::float8 AS age,
                   (e.ecoclic_category_id IS NOT NULL AND k.day <= %(as_of)s
                    AND NOT k.left_us) AS in_fleet,
                   (e.scrap_date - k.day) / 365.25::float8 AS age_at_reform
              FROM maintenance_equipment e
             CROSS JOIN LATERAL (
                   SELECT COALESCE(e.ecoclic_acquisition_date, e.effective_date) AS day,
                          (COALESCE(e.ecoclic_lifecycle IN %(gone)s, FALSE)
                           AND COALESCE(e.scrap_date <= %(as_of)s, TRUE)) AS left_us) k
         LEFT JOIN (%(figures)s) g
                ON g.company_id = e.company_id AND g.category_id = e.ecoclic_category_id
             WHERE e.active AND %(where)s
            """,
            as_of=as_of,
            gone=GONE_STATES,
            figures=self._ecoclic_fleet_figures_sql(),
            where=where,
        )

    @api.model
    def _ecoclic_fleet_figures_sql(self):
        """One row per company and category: the category's figures, the company's own
        where set (climate change, lifespan), use with the electricity of the company's
        country (else France's), as floats."""
        return SQL(
            """
            SELECT rc.id AS company_id, c.id AS category_id,
                   COALESCE(f.manufacturing_footprint, c.manufacturing_footprint)::float8
                       AS manu,
                   c.embodied_adpe AS manu_adpe, c.embodied_pe AS manu_pe,
                   COALESCE(f.lifespan, c.lifespan)::float8 AS lifespan,
                   COALESCE(f.use_footprint_year, c.yearly_energy * COALESCE(m.gwp, d.gwp))::float8
                       AS use_gwp,
                   c.yearly_energy * COALESCE(m.adpe, d.adpe) AS use_adpe,
                   c.yearly_energy * COALESCE(m.pe, d.pe) AS use_pe
              FROM res_company rc
              JOIN res_partner ep ON ep.id = rc.partner_id
             CROSS JOIN ecoclic_equipment_category c
         LEFT JOIN ecoclic_equipment_category_figure f
                ON f.company_id = rc.id AND f.category_id = c.id
         LEFT JOIN ecoclic_electricity_mix m ON m.country_id = ep.country_id
         LEFT JOIN (SELECT x.gwp, x.adpe, x.pe FROM ecoclic_electricity_mix x
                      JOIN res_country xc ON xc.id = x.country_id
                     WHERE xc.code = %(default_country)s) d ON TRUE
            """,
            # Without a country, or one Boavizta has no factors for: France's electricity.
            default_country=DEFAULT_COUNTRY_CODE,
        )

    # ------------------------------------------------------------------
    # Purchase settings
    # ------------------------------------------------------------------
    ecoclic_require_dismiss_reason = fields.Boolean(
        string="Ask why a refurbished alternative is declined",
        help="An order that buys a new IT product with a refurbished alternative is confirmed "
        "only once the buyer gives a reason.",
    )
    ecoclic_equipment_from_purchase = fields.Selection(
        EQUIPMENT_MODES,
        string="Add purchased IT equipment to the fleet",
        default="receipt",
        required=True,
        help="Create one fleet item per unit of IT product bought: when it is received, or "
        "as soon as the order is confirmed (collectivities that do not record receipts).",
    )

    # ------------------------------------------------------------------
    # Action plan: reviews and scheduled follow-up
    # ------------------------------------------------------------------
    ecoclic_review_months = fields.Integer(
        string="Plan review every (months)",
        default=6,
        help="How often the action plan is reviewed; a to-do reminds the référent.",
    )
    ecoclic_referent_id = fields.Many2one(
        "res.users",
        string="Référent",
        help="Receives the plan's review reminders; by default the first Éco-clic manager "
        "of the collectivity.",
    )
    ecoclic_last_review_date = fields.Date(
        string="Last plan review", compute="_compute_ecoclic_plan"
    )
    ecoclic_next_review_date = fields.Date(
        string="Next plan review", compute="_compute_ecoclic_plan"
    )
    ecoclic_plan_count = fields.Integer(
        string="Actions in the plan", compute="_compute_ecoclic_plan"
    )
    ecoclic_plan_completion = fields.Float(
        string="Plan completion (%)", digits=(16, 0), compute="_compute_ecoclic_plan"
    )
    ecoclic_plan_overdue = fields.Integer(string="Overdue actions", compute="_compute_ecoclic_plan")
    ecoclic_plan_avoided = fields.Float(
        string="Avoided by done actions (kg CO2e per year)",
        digits=(16, 0),
        compute="_compute_ecoclic_plan",
    )

    @api.constrains("ecoclic_review_months")
    def _check_ecoclic_review_months(self):
        for company in self:
            if not 0 <= company.ecoclic_review_months <= 36:
                raise ValidationError(
                    self.env._("Review the plan every 1 to 36 months (0: no reminder).")
                )

    @api.depends_context("ecoclic_today")
    def _compute_ecoclic_plan(self):
        stats = self._ecoclic_plan_stats()
        for company in self:
            values = stats.get(company.id, {})
            company.ecoclic_plan_count = values.get("count", 0)
            company.ecoclic_plan_completion = values.get("completion", 0.0)
            company.ecoclic_plan_overdue = values.get("overdue", 0)
            company.ecoclic_plan_avoided = values.get("avoided_done", 0.0)
            company.ecoclic_last_review_date = values.get("last_review")
            company.ecoclic_next_review_date = company._ecoclic_next_review(
                values.get("last_review"), values.get("first_line")
            )

    def _ecoclic_next_review(self, last_review, first_line):
        if not self.ecoclic_review_months or not (last_review or first_line):
            return False
        return (last_review or first_line) + relativedelta(months=self.ecoclic_review_months)

    def _ecoclic_plan_stats(self):
        """{company id: {count, done, in_progress, overdue, completion, avoided_done,
        last_review, first_line}} in two queries whatever the number of companies.

        Completion is the average progress of the lines not abandoned."""
        if not self:
            return {}
        self.env["ecoclic.plan.line"].flush_model()
        self.env["ecoclic.plan.review"].flush_model()
        result = self._ecoclic_plan_line_stats()
        for company_id, last_review in self._ecoclic_last_reviews():
            result.setdefault(company_id, {})["last_review"] = last_review
        return result

    def _ecoclic_plan_line_stats(self):
        """The part of _ecoclic_plan_stats read from the plan lines (one query)."""
        self.env.cr.execute(
            SQL(
                """
            SELECT company_id,
                   count(*) FILTER (WHERE state != 'abandoned'),
                   count(*) FILTER (WHERE state = 'done'),
                   count(*) FILTER (WHERE state = 'in_progress'),
                   count(*) FILTER (WHERE state IN %(open)s AND date_due < %(today)s),
                   avg(CASE WHEN state = 'done' THEN 100 ELSE progress END)
                       FILTER (WHERE state != 'abandoned'),
                   sum(avoided) FILTER (WHERE state = 'done'),
                   min(create_date)::date
              FROM ecoclic_plan_line
             WHERE company_id = ANY(%(companies)s)
          GROUP BY company_id
            """,
                open=OPEN_STATES,
                today=ecoclic_today(self),
                companies=self.ids,
            )
        )
        keys = ("count", "done", "in_progress", "overdue", "completion", "avoided_done")
        result = {}
        for company_id, *figures, first_line in self.env.cr.fetchall():
            stats = result[company_id] = dict(zip(keys, figures, strict=True))
            stats["completion"] = float(stats["completion"] or 0.0)
            stats["avoided_done"] = float(stats["avoided_done"] or 0.0)
            stats["first_line"] = first_line
        return result

    def _ecoclic_last_reviews(self):
        """(company id, date of its last plan review held) for these companies that held
        one (one query)."""
        self.env.cr.execute(
            SQL(
                "SELECT company_id, max(date) FROM ecoclic_plan_review"
                " WHERE company_id = ANY(%(companies)s) AND state = 'done' GROUP BY company_id",
                companies=self.ids,
            )
        )
        return self.env.cr.fetchall()

    def _ecoclic_referent(self):
        """The user who follows the plan: the one named, else the first Éco-clic manager."""
        self.ensure_one()
        if self.ecoclic_referent_id:
            return self.ecoclic_referent_id
        managers = self.env.ref("ecoclic_odoo.group_ecoclic_manager").users.filtered(
            lambda u: u.company_id == self and not u.share
        )
        return managers.sorted("id")[:1]

    @api.model
    def _cron_ecoclic_plan_followup(self):
        """Due reviews give the référent a to-do; overdue lines remind their owner. Run
        again, it adds nothing: an open reminder is never doubled."""
        today = ecoclic_today(self)
        review_type = self.env.ref("ecoclic_odoo.mail_activity_ecoclic_plan_review")
        overdue_type = self.env.ref("ecoclic_odoo.mail_activity_ecoclic_overdue")
        companies = self.search([("ecoclic_review_months", ">", 0)])
        due = companies.filtered(
            lambda c: c.ecoclic_next_review_date and c.ecoclic_next_review_date <= today
        )
        Review = self.env["ecoclic.plan.review"].sudo()
        planned = set(
            Review.search([("company_id", "in", due.ids), ("state", "=", "planned")]).company_id.ids
        )
        reviews = Review.create(
            [
                {"company_id": company.id, "date": company.ecoclic_next_review_date}
                for company in due
                if company.id not in planned
            ]
        )
        Activity = self.env["mail.activity"]
        created = Activity._ecoclic_schedule_once(
            review_type,
            [(review, review.company_id._ecoclic_referent(), review.date) for review in reviews],
            lambda env: env._("Review the digital sobriety action plan"),
        )
        lines = (
            self.env["ecoclic.plan.line"]
            .sudo()
            .search([("overdue", "=", True), ("user_id", "!=", False)])
        )
        return created | Activity._ecoclic_schedule_once(
            overdue_type,
            [(line, line.user_id, today) for line in lines],
            lambda env: env._("Overdue: update the action or its due date"),
        )

    # ------------------------------------------------------------------
    # Indicators that pre-answer the questionnaire (see indicators.py)
    # ------------------------------------------------------------------
    def _ecoclic_indicator_values(self, as_of):
        """{company id: {indicator: (figure, first day or None, last day)}} on `as_of`, for
        these companies, in a fixed number of queries. An indicator without data (no fleet,
        no purchase, no agent count…) is left out. Besides the indicators of INDICATORS,
        the fleet's footprints and its handled and unhandled equipment (FLEET_FIGURES)."""
        if not self:
            return {}
        start = as_of - relativedelta(years=1) + relativedelta(days=1)
        agec = self._ecoclic_agec_figures(start, as_of)
        fleet = self._ecoclic_fleet_indicators(as_of.year, today=as_of, period=(start, as_of))
        coverage = self._ecoclic_fleet_coverage()
        awareness = self._ecoclic_awareness_figures()
        result = {}
        for company in self:
            values = {}
            purchases = agec.get(company.id)
            if purchases and purchases["spend"]:
                values["purchase_refurbished_share"] = (purchases["share"], start, as_of)
            total, known = coverage.get(company.id, (0, 0))
            if total:
                values["fleet_inventory_coverage"] = (100.0 * known / total, None, as_of)
            values.update(company._ecoclic_fleet_values(fleet.get(company.id), start, as_of))
            invited, __, passed = awareness.get(company.id, (0, 0, 0))
            if invited and company.ecoclic_agent_count:
                values["staff_trained_share"] = (
                    trained_share(passed, company.ecoclic_agent_count),
                    None,
                    as_of,
                )
            result[company.id] = values
        return result

    def _ecoclic_fleet_values(self, in_fleet, start, as_of):
        """The fleet's part of `_ecoclic_indicator_values` for this company."""
        if not in_fleet:
            return {}
        values = {}
        if in_fleet["fleet"]:
            values["fleet_average_age_ratio"] = (in_fleet["age_ratio"], None, as_of)
            if self.ecoclic_agent_count:
                values["equipment_per_agent"] = (
                    in_fleet["fleet"] / self.ecoclic_agent_count,
                    None,
                    as_of,
                )
            for key, name in (
                ("fleet_footprint_gwp", "footprint"),
                ("fleet_footprint_adpe", "footprint_adpe"),
                ("fleet_footprint_pe", "footprint_pe"),
            ):
                values[key] = (in_fleet[name], None, as_of)
        values["fleet_handled"] = (in_fleet["fleet"], None, as_of)
        values["fleet_undated"] = (in_fleet["undated"], None, as_of)
        values["fleet_unhandled"] = (in_fleet["unhandled"], None, as_of)
        if in_fleet["reformed"]:
            values["reformed_reuse_share"] = (in_fleet["reuse_share"], start, as_of)
        return values

    def _ecoclic_fleet_coverage(self):
        """{company id: (equipment in the collectivity, of which with a category and an
        acquisition date)}, in one query."""
        self.env["maintenance.equipment"].flush_model()
        self.env.cr.execute(
            SQL(
                """
            SELECT company_id, count(*),
                   count(*) FILTER (WHERE ecoclic_category_id IS NOT NULL
                                      AND ecoclic_acquisition_date IS NOT NULL)
              FROM maintenance_equipment
             WHERE company_id = ANY(%(companies)s) AND active
               AND (ecoclic_lifecycle IS NULL
                    OR ecoclic_lifecycle NOT IN %(gone)s)
          GROUP BY company_id
            """,
                companies=self.ids,
                gone=GONE_STATES,
            )
        )
        return {company_id: (total, known) for company_id, total, known in self.env.cr.fetchall()}

    # ------------------------------------------------------------------
    # The official territory file (issue 20): a SIREN or an INSEE code fills the profile.
    # ------------------------------------------------------------------
    def _ecoclic_territory_values(self, territory):
        """The profile values of a commune or EPCI of the official territory file: type,
        population, codes, département, région, and its intercommunality when that EPCI
        is a company the user can see in this instance."""
        departement = self.env["ecoclic.departement"].search(
            [("code", "=", territory.departement)], limit=1
        )
        region = departement.region_id or self.env["ecoclic.region"].search(
            [("code", "=", territory.region)], limit=1
        )
        vals = {
            "ecoclic_collectivity_type": COLLECTIVITY_KINDS[territory.kind],
            "ecoclic_population": territory.population,
            "ecoclic_departement_id": departement.id,
            "ecoclic_region_id": region.id,
        }
        if territory.siren:
            vals["ecoclic_siren"] = territory.siren
        if territory.code:
            vals["ecoclic_insee_code"] = territory.code
        if territory.epci:
            epci = self.env["res.company"].search(
                [
                    ("ecoclic_siren", "=", territory.epci),
                    ("ecoclic_collectivity_type", "in", INTERCOMMUNALITY_TYPES),
                ],
                limit=1,
            )
            if epci:
                vals["ecoclic_intercommunality_id"] = epci.id
        return vals

    def _ecoclic_territory_lookup(self, code):
        """(territory to fill from, warning or None) for a SIREN or INSEE code: None and
        a warning when the code is unknown, the new commune and a warning naming it when
        the code is a former commune's, merged since."""
        territory = lookup(code)
        if territory is None:
            return None, self.env._(
                "No commune or intercommunality has the code %(code)s in the official "
                "territory file: nothing was filled. Check the code.",
                code=code,
            )
        new = successor(territory)
        if territory.kind not in COLLECTIVITY_KINDS and new is None:
            return None, self.env._(
                "%(name)s (%(code)s) is no longer a commune: nothing was filled.",
                name=territory.name,
                code=code,
            )
        if new is not None:
            return new, self.env._(
                "%(old)s (%(code)s) has merged into %(new)s (INSEE code %(new_code)s, "
                "SIREN %(siren)s): the profile is filled with the data of the new commune. "
                "Discard the changes to keep the profile as it was.",
                old=territory.name,
                code=code,
                new=new.name,
                new_code=new.code,
                siren=new.siren,
            )
        return territory, None

    def _ecoclic_fill_from_territory(self, code):
        """Fill this profile (in a form) from a SIREN or INSEE code; returns the onchange
        warning, if any. Nothing is changed for an unknown code; the name only if empty."""
        if not code or len(code.strip()) not in (5, 9):
            return None
        territory, warning = self._ecoclic_territory_lookup(code.strip())
        if territory is None:
            return {"title": self.env._("Unknown code"), "message": warning}
        for name, value in self._ecoclic_territory_values(territory).items():
            self[name] = value
        if not self.name:
            self.name = territory.name
        present = self._ecoclic_present_company(territory)
        if present:
            warning = " ".join(
                filter(
                    None,
                    [
                        warning,
                        self.env._(
                            "%(company)s already has this SIREN in this instance.",
                            company=present.name,
                        ),
                    ],
                )
            )
        return warning and {"title": self.env._("Official territory data"), "message": warning}

    def _ecoclic_present_company(self, territory):
        """Another company of the instance with the territory's SIREN (superuser: it
        tells a duplicate, whoever can read it)."""
        if not territory.siren:
            return self.browse()
        return (
            self.env["res.company"]
            .sudo()
            .search(
                [("ecoclic_siren", "=", territory.siren), ("id", "!=", self._origin.id or 0)],
                limit=1,
            )
        )

    @api.onchange("ecoclic_siren")
    def _onchange_ecoclic_siren(self):
        if self.ecoclic_siren and self.ecoclic_siren != self._origin.ecoclic_siren:
            warning = self._ecoclic_fill_from_territory(self.ecoclic_siren)
            if warning:
                return {"warning": warning}

    @api.onchange("ecoclic_insee_code")
    def _onchange_ecoclic_insee_code(self):
        if self.ecoclic_insee_code and self.ecoclic_insee_code != self._origin.ecoclic_insee_code:
            warning = self._ecoclic_fill_from_territory(self.ecoclic_insee_code)
            if warning:
                return {"warning": warning}

    # ------------------------------------------------------------------
    # Onboarding cost (issue 20)
    # ------------------------------------------------------------------
    def _set_per_company_inter_company_locations(self, inter_company_location):
        """Stock's, set-based: two UPDATEs per field whatever the number of companies.

        ``stock`` gives every other company's partner the inter-company location as
        customer and supplier location in the new company (one ORM write of all those
        partners, its flush in batches), then the new company's partner the same location
        in every other company, with one ORM write per company (a new environment,
        company checks and followers each): seconds at 2 000 companies, in every
        collectivity's creation. Here both are merged into the partners' company-dependent
        columns by the SQL expression Odoo's flush uses (values equal to a company's
        fallback are not stored); no other field of the partners changes.
        """
        self.ensure_one()
        if not self.env.user.has_group("base.group_multi_company"):
            return
        other_companies = self.env["res.company"].search([("id", "!=", self.id)])
        # Their partners by one query: through the ORM, reading `partner_id` fetched every
        # field of every company (14 s at 36 000).
        self.env["res.company"].flush_model(["partner_id"])
        other_partners = self.env["res.partner"].browse(
            [
                row[0]
                for row in self.env.execute_query(
                    SQL(
                        "SELECT partner_id FROM res_company WHERE id = ANY(%s)", other_companies.ids
                    )
                )
            ]
        )
        Partner = self.env["res.partner"]
        names = ["property_stock_customer", "property_stock_supplier"]
        Partner.flush_model(names)
        location = inter_company_location.id
        self._ecoclic_merge_company_values(other_partners, names, {str(self.id): location})
        self._ecoclic_merge_company_values(
            self.partner_id, names, {str(id_): location for id_ in other_companies.ids}
        )
        Partner.invalidate_model(names)

    def _ecoclic_merge_company_values(self, partners, names, values):
        """Merge {company id: value} into `partners`' company-dependent columns `names`,
        by one UPDATE (each partner row is rewritten once, with all its indexes: at 36 000
        companies, about 8 s for every other company's partner).

        Each kept value is compared with its company's fallback by a key lookup in the
        fallbacks (a joined set of them, rebuilt for each partner, cost N² at N companies:
        40 s to onboard a collectivity at 36 000)."""
        Default = self.env["ir.default"]
        assignments = SQL(", ").join(
            SQL(
                """%(column)s = (
                       SELECT jsonb_object_agg(d.key, d.value)
                         FROM jsonb_each(COALESCE(%(column)s, '{}'::jsonb) || %(values)s::jsonb) d
                        WHERE d.value != %(fallbacks)s::jsonb -> d.key)""",
                column=SQL.identifier(name),
                values=json.dumps(values),
                fallbacks=Default._get_field_column_fallbacks("res.partner", name),
            )
            for name in names
        )
        self.env.execute_query(
            SQL(
                "UPDATE res_partner SET %s WHERE id = ANY(%s)",
                assignments,
                partners.ids,
            )
        )

    # ------------------------------------------------------------------
    # Loi REEN art. 35: who is bound, and the deliverables (ecoclic.reen.obligation)
    # ------------------------------------------------------------------
    ecoclic_reen_concerned = fields.Boolean(
        string="Bound by loi REEN",
        compute="_compute_ecoclic_reen_concerned",
        store=True,
        help="Communes and EPCI à fiscalité propre (communautés de communes, "
        "d'agglomération, urbaines, métropoles) of more than 50,000 inhabitants must adopt a "
        "responsible digital strategy and review it each year (loi REEN art. 35, "
        "décret 2022-1084).",
    )
    ecoclic_reen_reminder_days = fields.Integer(
        string="REEN reminders (days ahead)",
        default=DEFAULT_REMINDER_DAYS,
        help="The référent gets a to-do this many days before each REEN deliverable is due "
        "(the yearly review: before the budget debate).",
    )
    ecoclic_reen_next_id = fields.Many2one(
        "ecoclic.reen.obligation",
        string="Next REEN deadline",
        compute="_compute_ecoclic_reen",
    )
    ecoclic_reen_next_date = fields.Date(
        string="REEN next due date", compute="_compute_ecoclic_reen"
    )
    ecoclic_reen_late_count = fields.Integer(
        string="Late REEN deliverables", compute="_compute_ecoclic_reen"
    )

    @api.depends("ecoclic_collectivity_type", "ecoclic_population")
    def _compute_ecoclic_reen_concerned(self):
        for company in self:
            company.ecoclic_reen_concerned = reen_concerned(
                company.ecoclic_collectivity_type, company.ecoclic_population
            )

    @api.depends_context("ecoclic_today", "uid")
    def _compute_ecoclic_reen(self):
        """The next deadline (the earliest deliverable not done and not yet due) and the
        count of late ones, for all these companies in two queries, as the user reads them."""
        self.ecoclic_reen_next_id = False
        self.ecoclic_reen_next_date = False
        self.ecoclic_reen_late_count = 0
        Obligation = self.env["ecoclic.reen.obligation"]
        if not self.ids or not Obligation.has_access("read"):
            return
        # "Late" is the deliverable's own rule (is_late), read as the OPSN supervision does.
        late = dict(
            Obligation._read_group(
                [("company_id", "in", self.ids), ("is_late", "=", True)],
                ["company_id"],
                ["__count"],
            )
        )
        upcoming = Obligation.search(
            [("company_id", "in", self.ids), ("state", "!=", "done"), ("is_late", "=", False)],
            order="date_due, id",
        )
        for company in self:
            company.ecoclic_reen_late_count = late.get(company, 0)
            first = upcoming.filtered(lambda r, company=company: r.company_id == company)[:1]
            company.ecoclic_reen_next_id = first
            company.ecoclic_reen_next_date = first.date_due

    def action_ecoclic_open_reen(self):
        """The collectivity's REEN deliverables."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecoclic_odoo.action_ecoclic_reen_obligation"
        )
        action["domain"] = [("company_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Awareness of the agents (ecoclic.awareness.campaign): figures, never a person's result
    # ------------------------------------------------------------------
    ecoclic_awareness_invited = fields.Integer(
        string="Agents invited to a quiz", compute="_compute_ecoclic_awareness"
    )
    ecoclic_awareness_completed = fields.Integer(
        string="Agents who completed the quizzes", compute="_compute_ecoclic_awareness"
    )
    ecoclic_awareness_passed = fields.Integer(
        string="Agents trained", compute="_compute_ecoclic_awareness"
    )
    ecoclic_staff_trained_share = fields.Float(
        string="Share of agents trained (%)",
        digits=(16, 0),
        compute="_compute_ecoclic_awareness",
        help="Distinct persons who passed every quiz of an awareness campaign, against the "
        "number of agents of the collectivity's profile (capped at 100 %).",
    )

    def _compute_ecoclic_awareness(self):
        figures = self._ecoclic_awareness_figures()
        for company in self:
            invited, completed, passed = figures.get(company.id, (0, 0, 0))
            company.ecoclic_awareness_invited = invited
            company.ecoclic_awareness_completed = completed
            company.ecoclic_awareness_passed = passed
            company.ecoclic_staff_trained_share = trained_share(passed, company.ecoclic_agent_count)

    def _ecoclic_awareness_figures(self):
        """{company id: (persons invited, completed, passed)} over all the awareness
        campaigns of these companies, in one query (a person counts once, whatever the
        number of campaigns)."""
        if not self.ids:
            return {}
        self.env["ecoclic.awareness.participant"].flush_model(["company_id", "partner_id", "state"])
        self.env.cr.execute(
            SQL(
                """
            SELECT company_id, count(DISTINCT partner_id),
                   count(DISTINCT partner_id) FILTER (WHERE state IN ('completed', 'passed')),
                   count(DISTINCT partner_id) FILTER (WHERE state = 'passed')
              FROM ecoclic_awareness_participant
             WHERE company_id = ANY(%(companies)s) AND state != 'draft'
          GROUP BY company_id
            """,
                companies=self.ids,
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    def action_ecoclic_open_awareness(self):
        """The collectivity's awareness campaigns."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecoclic_odoo.action_ecoclic_awareness_campaign"
        )
        action["domain"] = [("company_id", "=", self.id)]
        return action
