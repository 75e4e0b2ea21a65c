# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcoclicOpsnRequestRefuse(models.TransientModel):
    _name = "ecoclic.opsn.request.refuse"
    _description = "Refuse a request to join an OPSN"

    request_id = fields.Many2one("ecoclic.opsn.request", required=True)
    reason = fields.Text(required=True)

    def action_refuse(self):
        self.ensure_one()
        return self.request_id.action_refuse(self.reason)
