# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcoclicPlanAbandon(models.TransientModel):
    """Abandoning plan lines says why: the reason stays on each line and in its history."""

    _name = "ecoclic.plan.abandon"
    _description = "Abandon plan actions"

    line_ids = fields.Many2many("ecoclic.plan.line", string="Actions", required=True)
    reason = fields.Char(string="Why abandoned", required=True)

    def action_confirm(self):
        self.ensure_one()
        # As the user: the record rules say which lines they may change.
        self.line_ids.write({"state": "abandoned", "abandon_reason": self.reason})
        return {"type": "ir.actions.act_window_close"}
