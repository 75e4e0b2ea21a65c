# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models

# The menus of a collectivity's own work: an OPSN's staff have none of it in their OPSN's
# company (no assessment, fleet or purchase of its own), so these would show an empty
# screen, or offer to assess the OPSN itself. They reach a collectivity's dashboard,
# assessments and plan from the supervision instead.
COLLECTIVITY_MENUS = (
    "ecoclic_odoo.menu_ecoclic_dashboard",
    "ecoclic_odoo.menu_ecoclic_assessment",
    "ecoclic_odoo.menu_ecoclic_plan_root",
    "ecoclic_odoo.menu_ecoclic_plan_line",
    "ecoclic_odoo.menu_ecoclic_plan_review",
    "ecoclic_odoo.menu_ecoclic_fleet_root",
    "ecoclic_odoo.menu_ecoclic_fleet",
    "ecoclic_odoo.menu_ecoclic_fleet_import",
    "ecoclic_odoo.menu_ecoclic_fleet_import_choice",
    "ecoclic_odoo.menu_ecoclic_equipment_category_figure",
    "ecoclic_odoo.menu_ecoclic_purchase_root",
    "ecoclic_odoo.menu_ecoclic_agec_report",
    "ecoclic_odoo.menu_ecoclic_dismissed_alternatives",
    "ecoclic_odoo.menu_ecoclic_it_products",
)


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _load_menus_blacklist(self):
        """OPSN staff who belong to no collectivity (every company of theirs is an OPSN)
        do not get the collectivity's own menus. Someone also in a collectivity (an
        administrator, say) keeps them. Menus are cached per user; a change of the user's
        companies or groups clears that cache (Odoo's `res.users.write`), a change of a
        company's OPSN flag too (`res.company.write`)."""
        blacklist = super()._load_menus_blacklist()
        if self.env.user._ecoclic_is_opsn_staff_only():
            for xmlid in COLLECTIVITY_MENUS:
                menu = self.env.ref(xmlid, raise_if_not_found=False)
                if menu:
                    blacklist.append(menu.id)
        return blacklist
