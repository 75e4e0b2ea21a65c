# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.purchase_order_line import DISMISS_REASONS, OPEN_STATES


class EcoclicAlternativeDismiss(models.TransientModel):
    _name = "ecoclic.alternative.dismiss"
    _description = "Decline a refurbished alternative"

    line_ids = fields.Many2many("purchase.order.line", string="Lines")
    confirm_order_ids = fields.Many2many("purchase.order", string="Orders to confirm")
    reason = fields.Selection(DISMISS_REASONS, required=True)
    note = fields.Char(string="Explanation")
    suggestion_html = fields.Html(compute="_compute_suggestion_html", sanitize=False)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # The wizard is opened from the buyer's own orders: lines and orders of another
        # collectivity (ids sent over RPC) are refused, not read as superuser.
        wizards.line_ids.check_access("write")
        wizards.confirm_order_ids.check_access("write")
        return wizards

    @api.depends("line_ids")
    def _compute_suggestion_html(self):
        for wizard in self:
            # Read as the buyer: the comparison of their own draft orders only.
            orders = wizard.line_ids.order_id
            orders.check_access("read")
            wizard.suggestion_html = orders[:1].ecoclic_suggestion_html

    def action_apply(self):
        self.ensure_one()
        self.line_ids.check_access("write")
        if self.reason == "other" and not (self.note or "").strip():
            raise UserError(self.env._("Say in a few words why the alternative is declined."))
        open_lines = self.line_ids.filtered(lambda line: line.state in OPEN_STATES)
        for line in open_lines:
            line.write(
                {
                    "ecoclic_dismissed_alternative_id": line.ecoclic_alternative_id.id,
                    "ecoclic_dismiss_reason": self.reason,
                    "ecoclic_dismiss_note": self.note,
                }
            )
        if self.confirm_order_ids:
            return self.confirm_order_ids.action_ecoclic_confirm()
        return {"type": "ir.actions.act_window_close"}
