# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from .ecoclic_plan import INDICATOR_SOURCES
from .maintenance_equipment import ecoclic_today


class EcoclicPlanIndicator(models.Model):
    _name = "ecoclic.plan.indicator"
    _description = "Success indicator of a plan line"
    _order = "line_id, id"

    line_id = fields.Many2one("ecoclic.plan.line", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    name = fields.Char(string="Indicator", required=True)
    source = fields.Selection(
        INDICATOR_SOURCES,
        default="manual",
        required=True,
        help="An indicator bound to the fleet or the purchases is "
        "measured by the application, always up to date.",
    )
    target = fields.Float(digits=(16, 1))
    manual_value = fields.Float(string="Measured by hand", digits=(16, 1))
    measured = fields.Float(digits=(16, 1), compute="_compute_measured")
    reached = fields.Boolean(compute="_compute_measured")

    @api.depends("source", "manual_value", "target")
    @api.depends_context("ecoclic_today")
    def _compute_measured(self):
        bound = self.filtered(lambda i: i.source != "manual")
        values = (
            bound.company_id.sudo()._ecoclic_indicator_values(ecoclic_today(self)) if bound else {}
        )
        for indicator in self:
            if indicator.source == "manual":
                indicator.measured = indicator.manual_value
            else:
                figure = values.get(indicator.company_id.id, {}).get(indicator.source)
                indicator.measured = figure[0] if figure else 0.0
            # equipment per agent goes down as it improves; the others go up
            if indicator.source == "equipment_per_agent":
                indicator.reached = (
                    bool(indicator.target) and indicator.measured <= indicator.target
                )
            else:
                indicator.reached = (
                    bool(indicator.target) and indicator.measured >= indicator.target
                )
