# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .ecoclic_views import read_only_outside_collectivity


class EcoclicPlanReview(models.Model):
    """A periodic review of the plan: who was there, what was decided, and the plan as it
    stood when the review was closed (kept as history)."""

    _name = "ecoclic.plan.review"
    _description = "Action plan review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held")],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
    )
    participant_ids = fields.Many2many("res.partner", string="Participants")
    decisions = fields.Html()
    line_count = fields.Integer(string="Actions", readonly=True)
    done_count = fields.Integer(string="Actions completed", readonly=True)
    in_progress_count = fields.Integer(string="In progress", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    completion = fields.Float(string="Completion (%)", digits=(16, 0), readonly=True)
    avoided_done = fields.Float(
        string="kg CO2e avoided per year (done)", digits=(16, 0), readonly=True
    )

    def _ecoclic_creation_message(self):
        return self.env._("Action plan review created")

    @api.depends("date", "company_id")
    def _compute_name(self):
        for review in self:
            review.name = self.env._(
                "Plan review of %(date)s", date=format_date(self.env, review.date)
            )

    def action_close(self):
        """The review was held: keep the plan's figures of that day."""
        stats = self.company_id._ecoclic_plan_stats()
        for review in self.filtered(lambda r: r.state == "planned"):
            values = stats.get(review.company_id.id, {})
            review.write(
                {
                    "state": "done",
                    "line_count": values.get("count", 0),
                    "done_count": values.get("done", 0),
                    "in_progress_count": values.get("in_progress", 0),
                    "overdue_count": values.get("overdue", 0),
                    "completion": values.get("completion", 0.0),
                    "avoided_done": values.get("avoided_done", 0.0),
                }
            )
        self.activity_feedback(["ecoclic_odoo.mail_activity_ecoclic_plan_review"])
        return True

    def write(self, vals):
        frozen = {
            "date",
            "state",
            "line_count",
            "done_count",
            "in_progress_count",
            "overdue_count",
            "completion",
            "avoided_done",
        }
        if frozen & set(vals) and self.filtered(lambda r: r.state == "done"):
            raise UserError(
                self.env._("A review that was held keeps the figures of its day; record a new one.")
            )
        return super().write(vals)

    @api.model
    def get_views(self, views, options=None):
        """Read-only for OPSN staff, who read their portfolio's plans and change none."""
        return read_only_outside_collectivity(self.env, super().get_views(views, options))
