# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from .ecoclic_plan import PLAN_STATES, plan_notification


class EcoclicRecommendation(models.Model):
    _name = "ecoclic.recommendation"
    _description = "Recommendation"
    _order = "assessment_id, rank, id"
    _check_company_auto = True
    _rec_name = "action_id"  # a recommendation is named after its action

    assessment_id = fields.Many2one(
        "ecoclic.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    action_id = fields.Many2one(
        "ecoclic.action", required=True, ondelete="cascade", check_company=True
    )
    axis_id = fields.Many2one(related="action_id.axis_id", store=True)
    priority = fields.Selection(related="action_id.priority", store=True)
    impact = fields.Integer(related="action_id.impact")
    effort = fields.Integer(related="action_id.effort")
    rank = fields.Integer(readonly=True)
    score = fields.Float(
        string="Ranking score",
        digits=(16, 2),
        readonly=True,
        help="Impact × (gap to target on the axis + 1) ÷ effort.",
    )
    gap = fields.Integer(string="Gap on the axis", readonly=True)
    avoided = fields.Float(string="kg CO2e avoided per year", digits=(16, 0), readonly=True)
    trigger_answer_id = fields.Many2one(
        "survey.question.answer", string="Answer", readonly=True, ondelete="set null"
    )
    trigger_question_id = fields.Many2one(
        related="trigger_answer_id.question_id", string="Question"
    )
    why = fields.Char(compute="_compute_why")
    # How to carry the action out, from the catalogue, where the référent decides.
    description = fields.Text(related="action_id.description", string="How to do it")
    indicators = fields.Text(related="action_id.indicators")
    resources = fields.Text(related="action_id.resources")
    cost = fields.Selection(related="action_id.cost")
    plan_line_id = fields.Many2one(
        "ecoclic.plan.line", string="Plan line", compute="_compute_plan_line"
    )
    plan_state = fields.Selection(PLAN_STATES, string="In the plan", compute="_compute_plan_line")

    @api.depends("trigger_answer_id", "avoided")
    @api.depends_context("lang")
    def _compute_why(self):
        _ = self.env._
        for recommendation in self:
            answer = recommendation.trigger_answer_id.sudo()  # survey's records
            why = (
                self.env._(
                    "Answered “%(answer)s” to “%(question)s”.",
                    answer=answer.value,
                    question=answer.question_id.title,
                )
                if answer
                else ""
            )
            if recommendation.avoided >= 1:
                why = " ".join(
                    filter(
                        None,
                        [
                            why,
                            self.env._(
                                "About %(kg)s kg CO2e avoided per year with your fleet.",
                                kg=round(recommendation.avoided),
                            ),
                        ],
                    )
                )
            recommendation.why = why

    def _compute_plan_line(self):
        lines = self.env["ecoclic.plan.line"].search(
            [
                ("action_id", "in", self.action_id.ids),
                ("company_id", "in", self.company_id.ids),
                ("state", "!=", "abandoned"),
            ]
        )
        by_key = {(line.company_id.id, line.action_id.id): line for line in lines}
        for recommendation in self:
            line = by_key.get((recommendation.company_id.id, recommendation.action_id.id))
            recommendation.plan_line_id = line
            recommendation.plan_state = line.state if line else False

    def action_ecoclic_add_to_plan(self):
        """The button: add to the plan, and say what was added."""
        lines = self._ecoclic_add_to_plan()
        if lines:
            message = self.env._(
                "%(count)s actions added to the plan, to be scheduled: "
                "give each one an owner and a due date.",
                count=len(lines),
            )
        else:
            message = self.env._("These actions are already in the plan.")
        return plan_notification(message, added=bool(lines))

    def _ecoclic_add_to_plan(self):
        """Put these recommendations in their collectivity's plan (those not there yet);
        returns the plan lines created."""
        self.env["ecoclic.plan.line"].check_access("create")
        self.invalidate_recordset(["plan_line_id", "plan_state"])
        todo = self.filtered(lambda r: not r.plan_line_id)
        lines = self.env["ecoclic.plan.line"].create(
            [recommendation._prepare_plan_line_vals() for recommendation in todo]
        )
        self.invalidate_recordset(["plan_line_id", "plan_state"])
        return lines

    def _prepare_plan_line_vals(self):
        """Values of the plan line this recommendation becomes (a hook for integrators)."""
        self.ensure_one()
        return self.action_id._prepare_plan_line_vals(self.company_id, self)
