# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        receipts = moves.filtered(
            lambda m: (
                m.state == "done"
                and m.purchase_line_id
                and m.purchase_line_id.ecoclic_category_id
                and m.company_id.ecoclic_equipment_from_purchase == "receipt"
                and m.location_dest_id.usage == "internal"
                and not m.origin_returned_move_id
            )
        )
        if receipts:
            receipts.purchase_line_id._ecoclic_create_equipment(
                **receipts._ecoclic_received_units()
            )
        return moves

    def _ecoclic_received_units(self):
        """Units received so far, serials and date per purchase line, from all its done
        incoming moves (so a second receipt or a re-validation only adds what is new)."""
        lines = self.purchase_line_id
        received, serials, dates = {}, {}, {}
        for move in lines.move_ids.filtered(
            lambda m: (
                m.state == "done"
                and m.location_dest_id.usage == "internal"
                and not m.origin_returned_move_id
            )
        ):
            line_id = move.purchase_line_id.id
            received[line_id] = received.get(line_id, 0.0) + move.product_qty
            serials.setdefault(line_id, []).extend(
                move.move_line_ids.lot_id.mapped("name")
                or [name for name in move.move_line_ids.mapped("lot_name") if name]
            )
            dates[line_id] = max(dates.get(line_id) or move.date, move.date)
        return {"received": received, "serials": serials, "dates": dates}
