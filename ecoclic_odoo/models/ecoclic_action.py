# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The catalogue of actions, and the recommendations a submitted assessment draws from it.

An action is triggered by answers, named by question code and answer position so that it
keeps working across questionnaire versions. Recommendations are ranked by
impact × (gap to target on the axis + 1) ÷ effort; ties are broken by priority level, then
by the footprint avoided, then by code. The avoided footprint is estimated from the
collectivity's fleet and the category figures where the action says how (``estimate``).
"""
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .ecoclic_plan import PLAN_STATES

PRIORITIES = [
    ("necessaire", "Necessary"),
    ("prioritaire", "Priority"),
    ("recommande", "Recommended"),
]
PRIORITY_RANK = {"necessaire": 0, "prioritaire": 1, "recommande": 2}
COSTS = [("none", "None"), ("low", "Low"), ("medium", "Medium"), ("high", "High")]
ESTIMATE_KINDS = ("extend_lifespan", "refurbished_share", "fewer_devices", "use_reduction")
ESTIMATE_RE = re.compile(r"^(%s):([a-z_]+):(\d+(?:\.\d+)?)$" % "|".join(ESTIMATE_KINDS))
TRIGGER_RE = re.compile(r"^[A-Za-z0-9_.-]+:\d+(\|\d+)*$")


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
        return count * share / 100 * ((manufacturing / lifespan if lifespan else 0.0)
                                      + use_per_year)
    return count * share / 100 * use_per_year  # use_reduction


class EcoclicAction(models.Model):
    _name = "ecoclic.action"
    _description = "Sobriety action"
    _order = "axis_sequence, priority_rank, code, id"
    _check_company_auto = True

    code = fields.Char(required=True, index=True)
    name = fields.Char(string="Action", required=True, translate=True)
    description = fields.Text(translate=True)
    axis_id = fields.Many2one("ecoclic.axis", string="Axis", required=True, ondelete="restrict")
    axis_sequence = fields.Integer(related="axis_id.sequence", store=True)
    priority = fields.Selection(PRIORITIES, string="Level", required=True,
                                default="recommande")
    priority_rank = fields.Integer(compute="_compute_priority_rank", store=True)
    impact = fields.Integer(string="Environmental impact", default=3,
                            help="From 1 (small) to 5 (large).")
    effort = fields.Integer(default=2, help="From 1 (a few days) to 3 (a project of months).")
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
    indicators = fields.Text(string="Success indicators", translate=True)
    resources = fields.Text(help="Links to public guides, one per line.")
    company_id = fields.Many2one(
        "res.company", string="Collectivity", index=True,
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
                raise ValidationError(_("The impact of %(action)s goes from 1 to 5.",
                                        action=action.name))
            if not 1 <= action.effort <= 3:
                raise ValidationError(_("The effort of %(action)s goes from 1 to 3.",
                                        action=action.name))
            if action.estimate and not ESTIMATE_RE.match(action.estimate):
                raise ValidationError(_(
                    "The footprint estimate of %(action)s is not understood: %(estimate)s "
                    "(expected e.g. extend_lifespan:laptop:2).",
                    action=action.name, estimate=action.estimate))
            for part in filter(None, (action.triggers or "").replace(" ", "").split(";")):
                if not TRIGGER_RE.match(part):
                    raise ValidationError(_(
                        "The trigger %(trigger)s of %(action)s is not understood (expected "
                        "e.g. PAR-06:1|2).", trigger=part, action=action.name))

    def _ecoclic_avoided(self, companies):
        """{(company id, action id): kg CO2e avoided per year} for these actions' estimates,
        from each company's fleet in service: one query for the counts."""
        estimated = self.filtered("estimate")
        if not estimated or not companies:
            return {}
        Category = self.env["ecoclic.equipment.category"]
        codes = {ESTIMATE_RE.match(a.estimate).group(2) for a in estimated
                 if ESTIMATE_RE.match(a.estimate)}
        categories = Category.search([("code", "in", list(codes))])
        figures = categories._ecoclic_figures(companies)
        self.env["maintenance.equipment"].flush_model()
        self.env.cr.execute(SQL(
            """
            SELECT company_id, ecoclic_category_id, count(*)
              FROM maintenance_equipment
             WHERE company_id = ANY(%(companies)s) AND active
               AND ecoclic_category_id = ANY(%(categories)s)
               AND ecoclic_lifecycle IN ('in_use', 'in_stock', 'in_repair', 'to_reform')
          GROUP BY company_id, ecoclic_category_id
            """,
            companies=companies.ids, categories=categories.ids,
        ))
        counts = {(company_id, category_id): count
                  for company_id, category_id, count in self.env.cr.fetchall()}
        by_code = {category.code: category for category in categories}
        result = {}
        for company in companies:
            for action in estimated:
                match = ESTIMATE_RE.match(action.estimate)
                category = by_code.get(match.group(2)) if match else None
                if not category:
                    continue
                figure = figures[company.id, category.id]
                result[company.id, action.id] = avoided_per_year(
                    action.estimate, counts.get((company.id, category.id), 0),
                    figure.manufacturing, figure.lifespan, figure.use_per_year)
        return result


class EcoclicRecommendation(models.Model):
    _name = "ecoclic.recommendation"
    _description = "Recommendation"
    _order = "assessment_id, rank, id"
    _check_company_auto = True
    _rec_name = "action_id"  # a recommendation is named after its action

    assessment_id = fields.Many2one("ecoclic.assessment", required=True, ondelete="cascade",
                                    index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    action_id = fields.Many2one("ecoclic.action", required=True, ondelete="cascade",
                                check_company=True)
    axis_id = fields.Many2one(related="action_id.axis_id", store=True)
    priority = fields.Selection(related="action_id.priority", store=True)
    impact = fields.Integer(related="action_id.impact")
    effort = fields.Integer(related="action_id.effort")
    rank = fields.Integer(readonly=True)
    score = fields.Float(string="Ranking score", digits=(16, 2), readonly=True,
                         help="Impact × (gap to target on the axis + 1) ÷ effort.")
    gap = fields.Integer(string="Gap on the axis", readonly=True)
    avoided = fields.Float(string="kg CO2e avoided per year", digits=(16, 0), readonly=True)
    trigger_answer_id = fields.Many2one("survey.question.answer", string="Answer",
                                        readonly=True, ondelete="set null")
    trigger_question_id = fields.Many2one(related="trigger_answer_id.question_id",
                                          string="Question")
    why = fields.Char(compute="_compute_why")
    # How to carry the action out, from the catalogue, where the référent decides.
    description = fields.Text(related="action_id.description", string="How to do it")
    indicators = fields.Text(related="action_id.indicators")
    resources = fields.Text(related="action_id.resources")
    cost = fields.Selection(related="action_id.cost")
    plan_line_id = fields.Many2one("ecoclic.plan.line", string="Plan line",
                                   compute="_compute_plan_line")
    plan_state = fields.Selection(PLAN_STATES, string="In the plan",
                                  compute="_compute_plan_line")

    @api.depends("trigger_answer_id", "avoided")
    @api.depends_context("lang")
    def _compute_why(self):
        _ = self.env._
        for recommendation in self:
            answer = recommendation.trigger_answer_id.sudo()  # survey's records
            why = _("Answered “%(answer)s” to “%(question)s”.", answer=answer.value,
                    question=answer.question_id.title) if answer else ""
            if recommendation.avoided >= 1:
                why = " ".join(filter(None, [why, _(
                    "About %(kg)s kg CO2e avoided per year with your fleet.",
                    kg=round(recommendation.avoided))]))
            recommendation.why = why

    def _compute_plan_line(self):
        lines = self.env["ecoclic.plan.line"].search(
            [("action_id", "in", self.action_id.ids), ("company_id", "in", self.company_id.ids),
             ("state", "!=", "abandoned")])
        by_key = {(line.company_id.id, line.action_id.id): line for line in lines}
        for recommendation in self:
            line = by_key.get((recommendation.company_id.id, recommendation.action_id.id))
            recommendation.plan_line_id = line
            recommendation.plan_state = line.state if line else False

    def action_ecoclic_add_to_plan(self):
        """The button: add to the plan, and say what was added."""
        lines = self._ecoclic_add_to_plan()
        if lines:
            message = self.env._("%(count)s actions added to the plan, to be scheduled: "
                                 "give each one an owner and a due date.", count=len(lines))
        else:
            message = self.env._("These actions are already in the plan.")
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "message": message, "type": "success" if lines else "info", "sticky": False,
            "next": {"type": "ir.actions.client", "tag": "soft_reload"}}}

    def _ecoclic_add_to_plan(self):
        """Put these recommendations in their collectivity's plan (those not there yet);
        returns the plan lines created."""
        self.env["ecoclic.plan.line"].check_access("create")
        self.invalidate_recordset(["plan_line_id", "plan_state"])
        todo = self.filtered(lambda r: not r.plan_line_id)
        lines = self.env["ecoclic.plan.line"].create([{
            "company_id": r.company_id.id, "action_id": r.action_id.id,
            "recommendation_id": r.id, "name": r.action_id.name,
            "axis_id": r.axis_id.id, "state": "to_plan",
        } for r in todo])
        self.invalidate_recordset(["plan_line_id", "plan_state"])
        return lines


class EcoclicAssessment(models.Model):
    _inherit = "ecoclic.assessment"

    recommendation_ids = fields.One2many("ecoclic.recommendation", "assessment_id",
                                         string="Recommendations", readonly=True)
    recommendation_count = fields.Integer(compute="_compute_recommendation_count")

    def _compute_recommendation_count(self):
        counts = dict(self.env["ecoclic.recommendation"]._read_group(
            [("assessment_id", "in", self.ids)], ["assessment_id"], ["__count"]))
        for assessment in self:
            assessment.recommendation_count = counts.get(assessment, 0)

    def _ecoclic_freeze(self):
        result = super()._ecoclic_freeze()
        self._ecoclic_recommend()
        return result

    def _ecoclic_recommend(self):
        """Recommendations of these submitted assessments, ranked; a fixed number of
        queries whatever the number of assessments, actions and answers."""
        self = self.sudo()
        self.recommendation_ids.unlink()
        actions = self.env["ecoclic.action"].search([
            ("triggers", "!=", False), ("company_id", "in", [False] + self.company_id.ids)])
        lines = self.env["survey.user_input.line"].search_fetch(
            [("user_input_id", "in", self.user_input_id.ids), ("answer_type", "=", "suggestion")],
            ["user_input_id", "question_id", "suggested_answer_id"])
        # answer -> (question code, 1-based position among the question's answers)
        positions = {}
        for question in lines.question_id:
            for position, answer in enumerate(
                    question.suggested_answer_ids.sorted(lambda a: (a.sequence, a.id)), 1):
                positions[answer.id] = (question.ecoclic_code, position)
        chosen = {}
        for line in lines:
            key = positions.get(line.suggested_answer_id.id)
            if key:
                chosen.setdefault(line.user_input_id.id, {})[key] = line.suggested_answer_id
        gaps = {(row.assessment_id.id, row.axis_id.id): row.gap for row in self.axis_score_ids}
        avoided = actions._ecoclic_avoided(self.company_id)
        triggers = {action.id: parse_triggers(action.triggers) for action in actions}
        vals_list = []
        for assessment in self:
            answers = chosen.get(assessment.user_input_id.id, {})
            candidates = []
            for action in actions:
                if action.company_id and action.company_id != assessment.company_id:
                    continue
                hits = sorted(triggers[action.id] & set(answers))
                if not hits:
                    continue
                gap = gaps.get((assessment.id, action.axis_id.id), 0)
                score = action.impact * (max(gap, 0) + 1) / action.effort
                kg = avoided.get((assessment.company_id.id, action.id), 0.0)
                candidates.append((score, action, gap, kg, answers[hits[0]]))
            candidates.sort(key=lambda c: (-c[0], c[1].priority_rank, -c[3], c[1].code,
                                           c[1].id))
            vals_list += [{
                "assessment_id": assessment.id, "action_id": action.id, "rank": rank,
                "score": score, "gap": gap, "avoided": kg, "trigger_answer_id": answer.id,
            } for rank, (score, action, gap, kg, answer) in enumerate(candidates, 1)]
        return self.env["ecoclic.recommendation"].create(vals_list)

    def action_open_recommendations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recommendations"),
            "res_model": "ecoclic.recommendation",
            "view_mode": "list,form",
            "domain": [("assessment_id", "=", self.id)],
            "context": {"create": False},
        }
