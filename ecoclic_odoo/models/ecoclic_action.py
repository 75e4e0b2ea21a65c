# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The catalogue of actions, and the recommendations a submitted assessment draws from it.

An action is triggered by answers, named by question code and answer position so that it
keeps working across questionnaire versions. Recommendations are ranked by
impact × (gap to target on the axis + 1) ÷ effort; ties are broken by priority level, then
by the footprint avoided on the three criteria (``weighted_points``), then by code. The
avoided footprint is estimated from the collectivity's fleet and the category figures where
the action says how (``estimate``), on each criterion with the same formula.
"""

import re
from collections import namedtuple

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from .ecoclic_plan import OPEN_STATES, PLAN_STATES
from .export_files import download_action
from .wording import elided

PRIORITIES = [
    ("necessaire", "Necessary"),
    ("prioritaire", "Priority"),
    ("recommande", "Recommended"),
]
PRIORITY_RANK = {"necessaire": 0, "prioritaire": 1, "recommande": 2}
COSTS = [("none", "None"), ("low", "Low"), ("medium", "Medium"), ("high", "High")]
ESTIMATE_KINDS = ("extend_lifespan", "refurbished_share", "fewer_devices", "use_reduction")
ESTIMATE_RE = re.compile(rf"^({'|'.join(ESTIMATE_KINDS)}):([a-z_]+):(\d+(?:\.\d+)?)$")
TRIGGER_RE = re.compile(r"^[A-Za-z0-9_.-]+:\d+(\|\d+)*$")
# Where a practice of the guide stands for the reader's collectivity, from the most to the
# least advanced: its plan, its référent's choices, its latest assessment.
GUIDE_STATES = [
    ("done", "Completed"),
    ("in_plan", "In the plan"),
    ("abandoned", "Abandoned in the plan"),
    ("not_applicable", "Not applicable"),
    ("suggested", "Suggested to the référent"),
    ("recommended", "Recommended by the assessment"),
    ("other", "To explore"),
]
URL_RE = re.compile(r"^https?://\S+$")


def parse_triggers(value):
    """'PAR-06:1|2;PAR-07:1' -> {('PAR-06', 1), ('PAR-06', 2), ('PAR-07', 1)}."""
    pairs = set()
    for part in filter(None, (value or "").replace(" ", "").split(";")):
        code, positions = part.split(":")
        pairs.update((code, int(position)) for position in positions.split("|"))
    return pairs


def avoided_per_year(estimate, count, manufacturing, lifespan, use_per_year):
    """kg CO2e avoided in a year by an action's estimate for `count` devices of a category
    (see data/actions/README.md); 0 when it cannot be estimated."""
    match = ESTIMATE_RE.match(estimate or "")
    if not match or not count:
        return 0.0
    kind, share = match.group(1), float(match.group(3))
    if kind == "extend_lifespan":
        if not lifespan:
            return 0.0
        return count * manufacturing * (1 / lifespan - 1 / (lifespan + share))
    if kind == "refurbished_share":
        return count / lifespan * share / 100 * manufacturing if lifespan else 0.0
    if kind == "fewer_devices":
        return (
            count * share / 100 * ((manufacturing / lifespan if lifespan else 0.0) + use_per_year)
        )
    return count * share / 100 * use_per_year  # use_reduction


# The Environmental Footprint 3.0 method's global normalisation factors (a world citizen's
# yearly impact) and weights, for the three criteria (European Commission, JRC: Sala et al.,
# "Global normalisation factors for the Environmental Footprint and Life Cycle Assessment",
# 2017, EUR 28984, updated for EF 3.0; weights of the PEF method): climate change, resource
# use of minerals and metals, resource use of fossils (which our primary energy stands for).
EF_FACTORS = {
    "gwp": (8_100.0, 0.2106),  # kg CO2e a person a year, weight 21.06 %
    "adpe": (0.0636, 0.0755),  # kg Sb eq., 7.55 %
    "pe": (65_000.0, 0.0832),  # MJ, 8.32 %
}
Avoided = namedtuple("Avoided", "gwp adpe pe")
NOTHING_AVOIDED = Avoided(0.0, 0.0, 0.0)


def weighted_points(avoided):
    """One figure for a saving on the three criteria: each divided by a world citizen's
    yearly impact on it, weighted as the EF method weighs it, summed (a thousandth of a
    point is a thousandth of a citizen's weighted yearly footprint)."""
    return sum(
        getattr(avoided, name) / reference * weight
        for name, (reference, weight) in EF_FACTORS.items()
    )


def recommendation_order(candidate):
    """Sort key of a recommendation (score, action, gap, Avoided, answer): the highest
    score first; ties broken by level, then by the saving on the three criteria
    (`weighted_points`), then by code."""
    score, action, _gap, saved, _answer = candidate
    return (-score, action.priority_rank, -weighted_points(saved), action.code, action.id)


class EcoclicAction(models.Model):
    _name = "ecoclic.action"
    _description = "Sobriety action"
    _order = "axis_sequence, priority_rank, code, id"
    _check_company_auto = True

    code = fields.Char(required=True, index=True)
    name = fields.Char(string="Action", required=True, translate=True)
    description = fields.Text(translate=True)
    axis_id = fields.Many2one("ecoclic.axis", required=True, ondelete="restrict")
    axis_sequence = fields.Integer(related="axis_id.sequence", store=True)
    priority = fields.Selection(PRIORITIES, string="Level", required=True, default="recommande")
    priority_rank = fields.Integer(compute="_compute_priority_rank", store=True)
    # Scales, not quantities: a group of actions shows no sum of them.
    impact = fields.Integer(
        string="Environmental impact",
        default=3,
        aggregator=False,
        help="From 1 (small) to 5 (large).",
    )
    effort = fields.Integer(
        default=2, aggregator=False, help="From 1 (a few days) to 3 (a project of months)."
    )
    cost = fields.Selection(COSTS, string="Indicative cost", default="low")
    estimate = fields.Char(
        string="Footprint estimate",
        help="How the kg CO2e avoided per year are estimated from the fleet, e.g. "
        "extend_lifespan:laptop:2 (see data/actions/README.md). Empty: not quantified.",
    )
    triggers = fields.Char(
        help="The answers that call for this action: question code and answer positions, "
        "e.g. PAR-06:1|2;PAR-07:1.",
    )
    first_steps = fields.Text(
        string="How to start", translate=True, help="The first steps, one per line."
    )
    indicators = fields.Text(string="Success indicators", translate=True)
    resources = fields.Text(help="Links to public guides, one per line.")
    resources_html = fields.Html(
        string="Public resources", compute="_compute_resources_html", sanitize=False
    )
    reen_theme_ids = fields.Many2many(related="axis_id.reen_theme_ids", string="REEN themes")
    reen_theme_names = fields.Char(
        string="REEN strategy themes", compute="_compute_reen_theme_names"
    )
    # The guide: where the practice stands for the reader's collectivity (env.company),
    # read as the reader (their record rules apply).
    guide_state = fields.Selection(
        GUIDE_STATES,
        string="For us",
        compute="_compute_guide_state",
        search="_search_guide_state",
    )
    guide_plan_line_id = fields.Many2one(
        "ecoclic.plan.line", string="Plan line", compute="_compute_guide_state"
    )
    guide_plan_state = fields.Selection(
        PLAN_STATES, string="Status in the plan", compute="_compute_guide_state"
    )
    guide_choice_id = fields.Many2one(
        "ecoclic.action.choice", string="Choice", compute="_compute_guide_state"
    )
    guide_choice_note = fields.Text(string="Why", compute="_compute_guide_state")
    guide_origin = fields.Char(string="Origin", compute="_compute_guide_origin")
    guide_can_act = fields.Boolean(string="Acts from the guide", compute="_compute_guide_can_act")
    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        index=True,
        help="Empty: the shared catalogue. Set: an action of this collectivity's own.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Each action has its own code."),
    ]

    @api.depends("priority")
    def _compute_priority_rank(self):
        for action in self:
            action.priority_rank = PRIORITY_RANK.get(action.priority, 3)

    @api.constrains("impact", "effort", "estimate", "triggers")
    def _check_action(self):
        _ = self.env._
        for action in self:
            if not 1 <= action.impact <= 5:
                raise ValidationError(
                    elided(
                        self.env._("The impact of %(action)s goes from 1 to 5."), action=action.name
                    )
                )
            if not 1 <= action.effort <= 3:
                raise ValidationError(
                    elided(
                        self.env._("The effort of %(action)s goes from 1 to 3."), action=action.name
                    )
                )
            if action.estimate and not ESTIMATE_RE.match(action.estimate):
                raise ValidationError(
                    elided(
                        self.env._(
                            "The footprint estimate of %(action)s is not understood: %(estimate)s "
                            "(expected e.g. extend_lifespan:laptop:2)."
                        ),
                        action=action.name,
                        estimate=action.estimate,
                    )
                )
            for part in filter(None, (action.triggers or "").replace(" ", "").split(";")):
                if not TRIGGER_RE.match(part):
                    raise ValidationError(
                        elided(
                            self.env._(
                                "The trigger %(trigger)s of %(action)s is not understood (expected "
                                "e.g. PAR-06:1|2)."
                            ),
                            trigger=part,
                            action=action.name,
                        )
                    )

    def _ecoclic_avoided(self, companies):
        """{(company id, action id): kg CO2e avoided per year} for these actions' estimates,
        from each company's fleet in service: one query for the counts."""
        return {
            key: avoided.gwp for key, avoided in self._ecoclic_avoided_criteria(companies).items()
        }

    def _ecoclic_avoided_criteria(self, companies):
        """{(company id, action id): Avoided(kg CO2e, kg Sb eq., MJ) per year} for these
        actions' estimates: the same formula on each criterion, with the category's figures
        (the company's own climate ones where set). One query for the counts."""
        estimated = self.filtered("estimate")
        if not estimated or not companies:
            return {}
        matches = filter(None, map(ESTIMATE_RE.match, estimated.mapped("estimate")))
        codes = list({match.group(2) for match in matches})
        categories = self.env["ecoclic.equipment.category"].search([("code", "in", codes)])
        figures = categories._ecoclic_figures(companies)
        counts = self._ecoclic_fleet_counts(companies, categories)
        by_code = {category.code: category for category in categories}
        result = {}
        for company in companies:
            for action in estimated:
                match = ESTIMATE_RE.match(action.estimate)
                category = by_code.get(match.group(2)) if match else None
                if not category:
                    continue
                figure = figures[company.id, category.id]
                count = counts.get((company.id, category.id), 0)
                result[company.id, action.id] = Avoided(
                    *(
                        avoided_per_year(action.estimate, count, embodied, figure.lifespan, use)
                        for embodied, use in (
                            (figure.manufacturing, figure.use_per_year),
                            (figure.embodied_adpe, figure.use_adpe_per_year),
                            (figure.embodied_pe, figure.use_pe_per_year),
                        )
                    )
                )
        return result

    @api.model
    def _ecoclic_fleet_counts(self, companies, categories):
        """{(company id, category id): equipment in service}, in one query."""
        self.env["maintenance.equipment"].flush_model()
        self.env.cr.execute(
            SQL(
                """
            SELECT company_id, ecoclic_category_id, count(*)
              FROM maintenance_equipment
             WHERE company_id = ANY(%(companies)s) AND active
               AND ecoclic_category_id = ANY(%(categories)s)
               AND ecoclic_lifecycle IN ('in_use', 'in_stock', 'in_repair', 'to_reform')
          GROUP BY company_id, ecoclic_category_id
            """,
                companies=companies.ids,
                categories=categories.ids,
            )
        )
        return {
            (company_id, category_id): count
            for company_id, category_id, count in self.env.cr.fetchall()
        }

    # --- The guide ---------------------------------------------------------------------

    def _compute_resources_html(self):
        for action in self:
            links = [
                Markup('<li><a href="%s" target="_blank" rel="noopener noreferrer">%s</a></li>')
                % (url, url)
                for url in (line.strip() for line in (action.resources or "").splitlines())
                if URL_RE.match(url)
            ]
            action.resources_html = (
                Markup("<ul>%s</ul>") % Markup("").join(links) if links else False
            )

    @api.depends("axis_id.reen_theme_ids.name")
    def _compute_reen_theme_names(self):
        for action in self:
            action.reen_theme_names = ", ".join(action.axis_id.reen_theme_ids.mapped("name"))

    @api.depends_context("company")
    def _compute_guide_state(self):
        statuses = self._ecoclic_guide_statuses(self.env.company)
        Line, Choice = self.env["ecoclic.plan.line"], self.env["ecoclic.action.choice"]
        for action in self:
            state, line, choice = statuses.get(action.id, ("other", Line, Choice))
            action.guide_state = state
            action.guide_plan_line_id = line
            action.guide_plan_state = line.state if line else False
            action.guide_choice_id = choice
            action.guide_choice_note = choice.note

    def _search_guide_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Operation not supported"))
        wanted = set(value) if isinstance(value, list | tuple) else {value}
        statuses = self._ecoclic_guide_statuses(self.env.company)
        ids = [key for key, (state, _line, _choice) in statuses.items() if state in wanted]
        domain = [("id", "in", ids)]
        if "other" in wanted:
            domain = ["|", *domain, ("id", "not in", list(statuses))]
        return domain if operator in ("=", "in") else ["!", *domain]

    @api.model
    def _ecoclic_guide_statuses(self, company):
        """{action id: (guide state, plan line, choice)} of the practices that have a status
        for `company` (the others are to explore), in four queries, as the current user:
        what they may not read never shows."""
        Line, Choice = self.env["ecoclic.plan.line"], self.env["ecoclic.action.choice"]
        recommended = set(self._ecoclic_guide_recommended(company))
        choices = {
            choice.action_id.id: choice
            for choice in Choice.search([("company_id", "=", company.id)])
        }
        best = self._ecoclic_guide_lines(company)
        statuses = {}
        for action_id in recommended | set(choices) | set(best):
            line, choice = best.get(action_id, Line), choices.get(action_id, Choice)
            if line and line.state != "abandoned":
                state = "in_plan" if line.state in OPEN_STATES else "done"
            elif choice:  # a choice made since the line was abandoned, if any
                state = choice.state
            elif line:
                state = "abandoned"
            else:
                state = "recommended"
            statuses[action_id] = (state, line, choice)
        return statuses

    @api.model
    def _ecoclic_guide_lines(self, company):
        """{action id: the most advanced plan line of `company` for it}: an open line, else
        a completed one, else an abandoned one."""
        rank = {"abandoned": 0, "done": 1}
        best = {}
        lines = self.env["ecoclic.plan.line"].search(
            [("company_id", "=", company.id), ("action_id", "!=", False)], order="id desc"
        )
        for line in lines:
            current = best.get(line.action_id.id)
            if not current or rank.get(line.state, 2) > rank.get(current.state, 2):
                best[line.action_id.id] = line
        return best

    @api.model
    def _ecoclic_guide_recommended(self, company):
        """Ids of the actions the latest submitted assessment of `company` recommends."""
        latest = self.env["ecoclic.assessment"].search(
            [("company_id", "=", company.id), ("state", "=", "submitted")],
            order="date_submitted desc, date_start desc, id desc",
            limit=1,
        )
        if not latest:
            return []
        recommendations = self.env["ecoclic.recommendation"].search_fetch(
            [("assessment_id", "=", latest.id)], ["action_id"]
        )
        return recommendations.action_id.ids

    def _compute_guide_origin(self):
        for action in self:
            action.guide_origin = self.env._("Our own practice") if action.company_id else False

    @api.depends_context("company")
    def _compute_guide_can_act(self):
        """Whether the reader's current company is a collectivity that keeps a plan (the
        OPSN add-on says an OPSN's own company does not)."""
        can_act = self._ecoclic_guide_company_acts(self.env.company)
        for action in self:
            action.guide_can_act = can_act

    @api.model
    def _ecoclic_guide_company_acts(self, company):
        return bool(company)

    @api.model
    def _ecoclic_guide_action(self):
        """The guide of the reader's current collectivity: the shared catalogue, its own
        practices and those its OPSN pushed to it."""
        action = self.env["ir.actions.act_window"]._for_xml_id("ecoclic_odoo.action_ecoclic_guide")
        action["domain"] = [("company_id", "in", [False, self.env.company.id])]
        # Staff of a company that keeps no plan (an OPSN) have no status to read in it.
        action["context"] = dict(
            safe_eval(action.get("context") or "{}"),
            ecoclic_guide_acts=self._ecoclic_guide_company_acts(self.env.company),
        )
        return action

    def _ecoclic_check_guide_action(self, referent=False):
        """The guide's buttons act for the reader's current collectivity, on practices it
        may read; adding to the plan and setting aside are the référent's decisions."""
        self.check_access("read")
        company = self.env.company
        if not self._ecoclic_guide_company_acts(company):
            raise UserError(
                self.env._("%(company)s keeps no action plan of its own.", company=company.name)
            )
        if self.filtered(lambda action: action.company_id and action.company_id != company):
            raise AccessError(self.env._("This practice belongs to another collectivity."))
        if referent and not self.env.user.has_group("ecoclic_odoo.group_ecoclic_manager"):
            raise AccessError(self.env._("Only your collectivity's référent decides this."))
        return company

    def _prepare_guide_plan_line_vals(self, company):
        """Values of the plan line a practice of the guide becomes (a hook for integrators):
        linked to the latest assessment's recommendation when there is one."""
        self.ensure_one()
        recommendation = self.env["ecoclic.recommendation"].search(
            [("company_id", "=", company.id), ("action_id", "=", self.id)],
            order="assessment_id desc, id desc",
            limit=1,
        )
        return self._prepare_plan_line_vals(company, recommendation)

    def _prepare_plan_line_vals(self, company, recommendation):
        """Values of a plan line putting this action in `company`'s plan, to be scheduled;
        the guide's and the recommendations' lines are both built here."""
        self.ensure_one()
        return {
            "company_id": company.id,
            "action_id": self.id,
            "recommendation_id": recommendation.id,
            "name": self.name,
            "axis_id": self.axis_id.id,
            "state": "to_plan",
        }

    def action_ecoclic_guide_add_to_plan(self):
        """The référent puts the practice in the plan and stays in the guide, told to give
        the new line an owner and a date (the practice's "In the plan" button opens it)."""
        self._ecoclic_guide_add_to_plan()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._(
                    "“%(practice)s” is in the plan, to be scheduled: give it an owner and a "
                    "due date.",
                    practice=self.name,
                ),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _ecoclic_guide_add_to_plan(self):
        """Put the practice in the reader's collectivity's plan; returns the plan line."""
        self.ensure_one()
        company = self._ecoclic_check_guide_action(referent=True)
        if self.guide_state == "in_plan":
            raise UserError(self.env._("This practice is already in the plan."))
        line = self.env["ecoclic.plan.line"].create(self._prepare_guide_plan_line_vals(company))
        # A suggestion is answered, a setting aside undone, by the practice entering the plan.
        self.guide_choice_id.unlink()
        # Every field of the guide's status (state, line, its status, choice, note) at once.
        self.invalidate_recordset()
        return line

    def _ecoclic_guide_choose(self, kind):
        """The dialog in which an agent suggests the practice (``suggested``), or the
        référent sets it aside (``not_applicable``), with a note."""
        self.ensure_one()
        self._ecoclic_check_guide_action(referent=kind == "not_applicable")
        return {
            "type": "ir.actions.act_window",
            "name": dict(self._fields["guide_state"]._description_selection(self.env))[kind],
            "res_model": "ecoclic.guide.decision",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_action_id": self.id, "default_kind": kind},
        }

    def action_ecoclic_guide_suggest(self):
        return self._ecoclic_guide_choose("suggested")

    def action_ecoclic_guide_not_applicable(self):
        return self._ecoclic_guide_choose("not_applicable")

    def action_ecoclic_guide_reconsider(self):
        """The référent takes back a setting aside: the practice is to explore again."""
        self.ensure_one()
        self._ecoclic_check_guide_action(referent=True)
        self.guide_choice_id.filtered(lambda choice: choice.state == "not_applicable").unlink()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    @api.readonly
    def action_ecoclic_guide_open_plan_line(self):
        self.ensure_one()
        line = self.guide_plan_line_id
        if not line:
            raise UserError(self.env._("This practice is not in the plan."))
        return {
            "type": "ir.actions.act_window",
            "name": line.name,
            "res_model": "ecoclic.plan.line",
            "res_id": line.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    @api.readonly
    def action_ecoclic_guide_print(self):
        """The guide of the reader's collectivity as a PDF, for a staff meeting (a button of
        the list's header: called on the selected practices, or none; the whole guide)."""
        company = self.env.company
        company._ecoclic_check_guide_reader()
        return self.env.ref("ecoclic_odoo.action_report_ecoclic_guide").report_action(company)

    @api.readonly
    def action_ecoclic_guide_export(self):
        """The guide of the reader's collectivity as a workbook (see the print button)."""
        company = self.env.company
        company._ecoclic_check_guide_reader()
        return download_action(company, "guide-xlsx")
