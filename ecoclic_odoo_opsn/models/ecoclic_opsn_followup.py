# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ecoclic_odoo.models.wording import elided


class EcoclicOpsnFollowup(models.Model):
    """A follow-up meeting between an OPSN and a collectivity it supervises."""

    _name = "ecoclic.opsn.followup"
    _description = "OPSN follow-up meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        domain="[('ecoclic_opsn_id', '=', opsn_id)]",
    )
    opsn_id = fields.Many2one(
        "res.company",
        string="OPSN",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("ecoclic_is_opsn", "=", True)],
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Account manager", default=lambda self: self.env.user, tracking=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held")], default="planned", required=True, tracking=True
    )
    minutes = fields.Html()
    decisions = fields.Html()
    late_label = fields.Char(
        string="Delay",
        compute="_compute_late_label",
        help="A planned meeting whose date has passed: hold it, or move its date.",
    )

    @api.depends("date", "state")
    @api.depends_context("lang")
    def _compute_late_label(self):
        today = fields.Date.context_today(self)
        for followup in self:
            days = (today - followup.date).days if followup.date else 0
            if followup.state != "planned" or days <= 0:
                followup.late_label = False
            elif days == 1:
                followup.late_label = self.env._("1 day late")
            else:
                followup.late_label = self.env._("%(days)s days late", days=days)

    @api.depends("company_id", "date")
    def _compute_name(self):
        for followup in self:
            followup.name = elided(
                self.env._("Follow-up of %(company)s, %(date)s"),
                company=followup.company_id.name or "",
                date=followup.date or "",
            )

    @api.constrains("company_id", "opsn_id")
    def _check_portfolio(self):
        for followup in self:
            if followup.company_id.sudo().ecoclic_opsn_id != followup.opsn_id:
                raise ValidationError(
                    self.env._(
                        "%(company)s is not supervised by %(opsn)s.",
                        company=followup.company_id.sudo().name,
                        opsn=followup.opsn_id.name,
                    )
                )

    def action_done(self):
        self.write({"state": "done"})
