# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ecoclic_service = fields.Char(
        string="Service",
        help="The collectivity's department this person works in (awareness campaigns "
        "count the agents trained by service).",
    )
