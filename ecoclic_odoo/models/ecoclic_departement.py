# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class EcoclicDepartement(models.Model):
    _name = "ecoclic.departement"
    _description = "French department"
    _order = "code"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True)
    code = fields.Char(string="INSEE code", required=True)
    region_id = fields.Many2one("ecoclic.region", required=True, ondelete="restrict")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each department has its own INSEE code."),
    ]

    @api.depends("name", "code")
    def _compute_display_name(self):
        for departement in self:
            departement.display_name = f"{departement.code} – {departement.name}"
