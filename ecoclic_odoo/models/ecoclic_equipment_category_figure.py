# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .wording import elided


class EcoclicEquipmentCategoryFigure(models.Model):
    """A collectivity's own figures for a category (its suppliers' data, its own studies)."""

    _name = "ecoclic.equipment.category.figure"
    _description = "Equipment figures of a collectivity"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    category_id = fields.Many2one("ecoclic.equipment.category", required=True, ondelete="cascade")
    manufacturing_footprint = fields.Float(
        string="Manufacturing footprint (kg CO2e)", digits=(16, 1)
    )
    lifespan = fields.Float(string="Reference lifespan (years)", digits=(16, 1))
    use_footprint_year = fields.Float(string="Use footprint (kg CO2e per year)", digits=(16, 2))
    note = fields.Char(help="Where these figures come from.")

    _sql_constraints = [
        (
            "category_company_uniq",
            "unique(company_id, category_id)",
            "A collectivity adjusts each category once.",
        ),
    ]

    @api.constrains("manufacturing_footprint", "lifespan", "use_footprint_year")
    def _check_figures(self):
        for figure in self:
            if (
                min(figure.manufacturing_footprint, figure.lifespan, figure.use_footprint_year) < 0
                or figure.lifespan == 0
            ):
                raise ValidationError(
                    elided(
                        self.env._(
                            "The figures of %(category)s must be positive, with a lifespan above 0."
                        ),
                        category=figure.category_id.name,
                    )
                )
