# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

RATE_KINDS = [
    ("reen_reuse", "Reformed IT equipment going to reuse (loi REEN art. 16)"),
    ("agec_it", "IT purchases refurbished or reused (loi AGEC art. 58)"),
]


class EcoclicLegalRate(models.Model):
    """A legal minimum rate, from a given year on (data: editable, with its source)."""

    _name = "ecoclic.legal.rate"
    _description = "Legal minimum rate"
    _order = "kind, year_from"

    kind = fields.Selection(RATE_KINDS, required=True)
    year_from = fields.Integer(string="From year", required=True)
    rate = fields.Float(string="Minimum (%)", required=True)
    source = fields.Char(translate=True)

    _sql_constraints = [
        ("kind_year_uniq", "unique(kind, year_from)", "One rate per kind and starting year.")
    ]

    @api.model
    def _ecoclic_rate(self, kind, year):
        """The rate in force in that year (0 before the first one)."""
        rate = self.sudo().search(
            [("kind", "=", kind), ("year_from", "<=", year)], order="year_from desc", limit=1
        )
        return rate.rate
