# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ecoclic_require_dismiss_reason = fields.Boolean(
        related="company_id.ecoclic_require_dismiss_reason",
        readonly=False,
    )
    ecoclic_equipment_from_purchase = fields.Selection(
        related="company_id.ecoclic_equipment_from_purchase",
        readonly=False,
    )
