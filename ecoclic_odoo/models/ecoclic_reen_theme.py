# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcoclicReenTheme(models.Model):
    """The six themes of the responsible-digital strategy (loi REEN, décret 2022-1084)."""

    _name = "ecoclic.reen.theme"
    _description = "REEN strategy theme"
    _order = "sequence"

    sequence = fields.Integer(required=True)
    name = fields.Char(required=True, translate=True)
