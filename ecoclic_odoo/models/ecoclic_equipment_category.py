# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import ValidationError

Figures = namedtuple("Figures", "manufacturing lifespan use_per_year")


class EcoclicEquipmentCategory(models.Model):
    """A kind of IT equipment, with the public figures the footprint estimates rest on.

    The figures ship as data with their source (see data/equipment/README.md); a
    collectivity's manager may adjust them for their own fleet
    (ecoclic.equipment.category.figure).
    """

    _name = "ecoclic.equipment.category"
    _description = "Sobriety equipment category"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    manufacturing_footprint = fields.Float(
        string="Manufacturing footprint (kg CO2e)",
        digits=(16, 1),
        help="Greenhouse gases emitted to make and deliver one item.",
    )
    lifespan = fields.Float(string="Reference lifespan (years)", digits=(16, 1))
    use_footprint_year = fields.Float(
        string="Use footprint (kg CO2e per year)",
        digits=(16, 2),
        help="Emissions of one year of use in France (electricity).",
    )
    yearly_energy = fields.Float(
        string="Yearly energy (kWh)",
        digits=(16, 1),
        help="Typical electricity used in a year, where known.",
    )
    source = fields.Text(help="Public source of each figure.", translate=True)
    figures_confirmed = fields.Boolean(
        string="Figures confirmed",
        default=True,
        help="Unticked where public sources disagree or are weak: check the figures.",
    )
    keywords = fields.Char(
        help="Comma-separated words of inventory types or models that fall in this category "
        "(used to guess it at import).",
    )
    agec_it = fields.Boolean(
        string="AGEC IT & telephony family",
        help="Purchases of this category count in the legal minimum share of refurbished or "
        "reused IT & telephony purchases (loi AGEC art. 58, décret 2024-134).",
    )
    agec_donation_value = fields.Float(
        string="Value of a donation received",
        digits=(16, 2),
        help="The fixed amount (without taxes) that one item of this category received as a "
        "donation counts for in the AGEC share. Check it against the annex of décret "
        "2024-134: the shipped values are estimates.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each category has its own code.")]

    @api.constrains(
        "manufacturing_footprint",
        "lifespan",
        "use_footprint_year",
        "yearly_energy",
        "agec_donation_value",
    )
    def _check_figures(self):
        for category in self:
            if (
                min(
                    category.manufacturing_footprint,
                    category.lifespan,
                    category.use_footprint_year,
                    category.yearly_energy,
                    category.agec_donation_value,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "The figures of %(category)s cannot be negative.", category=category.name
                    )
                )

    def _ecoclic_figures(self, companies):
        """{(company id, category id): Figures}: the company's own figures where set, else
        the reference ones. One query for the overrides."""
        overrides = {
            (figure.company_id.id, figure.category_id.id): figure
            for figure in self.env["ecoclic.equipment.category.figure"]
            .sudo()
            .search([("company_id", "in", companies.ids), ("category_id", "in", self.ids)])
        }
        result = {}
        for company in companies:
            for category in self:
                figure = overrides.get((company.id, category.id), category)
                result[company.id, category.id] = Figures(
                    figure.manufacturing_footprint, figure.lifespan, figure.use_footprint_year
                )
        return result
