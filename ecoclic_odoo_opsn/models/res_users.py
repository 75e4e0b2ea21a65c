# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _compute_ecoclic_portfolio_company_ids(self):
        """OPSN staff read the sobriety records of the collectivities their OPSN
        supervises (the record rules of ecoclic_odoo use this)."""
        viewers = self.filtered(lambda u: u.has_group("ecoclic_odoo_opsn.group_opsn_viewer"))
        Company = self.env["res.company"].sudo()
        for user in self:
            user.ecoclic_portfolio_company_ids = (
                Company.search([("ecoclic_opsn_id", "in", user.company_ids.ids)])
                if user in viewers
                else False
            )

    def _ecoclic_is_opsn_staff_only(self):
        """OPSN staff who belong to no collectivity: every company of theirs is an OPSN.
        They follow collectivities from the supervision, and have no collectivity work of
        their own (no assessment, plan, fleet or purchases)."""
        self.ensure_one()
        companies = self.sudo().company_ids
        return bool(
            companies
            and all(companies.mapped("ecoclic_is_opsn"))
            and self.has_group("ecoclic_odoo_opsn.group_opsn_viewer")
        )
