# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcoclicRegion(models.Model):
    _name = "ecoclic.region"
    _description = "French region"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(string="INSEE code", required=True)
    departement_ids = fields.One2many("ecoclic.departement", "region_id", string="Departments")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each region has its own INSEE code."),
    ]
