# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_amount

from .purchase_order_line import CONFIRMED_STATES, OPEN_STATES


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    ecoclic_suggestion_count = fields.Integer(
        string="Refurbished alternatives",
        compute="_compute_ecoclic_suggestions",
    )
    ecoclic_suggestion_html = fields.Html(
        string="Refurbished alternatives compared",
        compute="_compute_ecoclic_suggestions",
        sanitize=False,
    )
    ecoclic_agec_behind = fields.Boolean(related="company_id.ecoclic_agec_behind")
    ecoclic_agec_share = fields.Float(related="company_id.ecoclic_agec_share")
    ecoclic_agec_minimum = fields.Float(related="company_id.ecoclic_agec_minimum")
    ecoclic_equipment_count = fields.Integer(
        string="Equipment",
        compute="_compute_ecoclic_equipment_count",
    )

    @api.depends("order_line.ecoclic_alternative_id", "state")
    def _compute_ecoclic_suggestions(self):
        for order in self:
            lines = order.order_line.filtered("ecoclic_alternative_id")
            order.ecoclic_suggestion_count = len(lines)
            if not lines:
                order.ecoclic_suggestion_html = False
                continue
            rows = [
                {
                    "product": line.product_id.display_name,
                    "alternative": line.ecoclic_alternative_id.display_name,
                    "difference": format_amount(
                        self.env, line.ecoclic_alternative_price_diff, order.currency_id
                    ),
                    "saving": line.ecoclic_alternative_price_diff <= 0,
                    "avoided": round(line.ecoclic_alternative_avoided),
                }
                for line in lines
            ]
            order.ecoclic_suggestion_html = Markup(
                self.env["ir.qweb"]._render(
                    "ecoclic_odoo.purchase_suggestions",
                    {
                        "rows": rows,
                        "avoided": round(sum(lines.mapped("ecoclic_alternative_avoided"))),
                    },
                )
            )

    def _compute_ecoclic_equipment_count(self):
        counts = dict(
            self.env["maintenance.equipment"]._read_group(
                [("ecoclic_purchase_line_id.order_id", "in", self.ids)],
                ["ecoclic_purchase_line_id"],
                ["__count"],
            )
        )
        for order in self:
            order.ecoclic_equipment_count = sum(counts.get(line, 0) for line in order.order_line)

    def action_ecoclic_swap_all(self):
        self.order_line.filtered("ecoclic_alternative_id").action_ecoclic_swap()
        return True

    def _ecoclic_dismiss_wizard(self, lines, confirm=False):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decline the refurbished alternative"),
            "res_model": "ecoclic.alternative.dismiss",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_line_ids": [fields.Command.set(lines.ids)],
                "default_confirm_order_ids": [fields.Command.set(self.ids)] if confirm else [],
            },
        }

    def action_ecoclic_confirm(self):
        """The form's Confirm button: where the collectivity asks for it, an order that
        ignores a refurbished alternative is confirmed only once the buyer says why (the
        wizard records the reason, then confirms). `button_confirm`, which code calls,
        confirms as it always does."""
        pending = self.filtered(
            lambda o: o.state in OPEN_STATES and o.company_id.ecoclic_require_dismiss_reason
        ).order_line.filtered("ecoclic_alternative_id")
        if pending:
            return pending.order_id._ecoclic_dismiss_wizard(pending, confirm=True)
        return self.button_confirm()

    def button_approve(self, force=False):
        result = super().button_approve(force=force)
        self.filtered(
            lambda o: (
                o.state in CONFIRMED_STATES
                and o.company_id.ecoclic_equipment_from_purchase == "confirm"
            )
        ).order_line._ecoclic_create_equipment()
        return result

    def _ecoclic_notify_equipment(self, equipment):
        """Say on each order how many items of the fleet were created from it."""
        for order in self:
            created = equipment.filtered(
                lambda e, order=order: e.ecoclic_purchase_line_id.order_id == order
            )
            if len(created) == 1:
                order.message_post(body=self.env._("1 item of IT equipment added to the fleet."))
            elif created:
                order.message_post(
                    body=self.env._(
                        "%(count)s items of IT equipment added to the fleet.", count=len(created)
                    )
                )

    @api.readonly
    def action_ecoclic_view_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ecoclic_odoo.action_ecoclic_fleet")
        action["domain"] = [("ecoclic_purchase_line_id.order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
