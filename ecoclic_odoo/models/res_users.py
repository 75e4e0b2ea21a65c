# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    ecoclic_portfolio_company_ids = fields.Many2many(
        "res.company",
        string="Supervised collectivities",
        compute="_compute_ecoclic_portfolio_company_ids",
        help="Collectivities whose sobriety records this user reads without being one of "
        "their users: the portfolio of their OPSN (see ecoclic_odoo_opsn). Record rules use "
        "it; empty here.",
    )

    def _compute_ecoclic_portfolio_company_ids(self):
        for user in self:
            user.ecoclic_portfolio_company_ids = False
