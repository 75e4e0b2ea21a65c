# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.ecoclic_odoo.tests.common import EcoclicTourCase


@tagged("post_install", "-at_install")
class TestPortfolioTour(EcoclicTourCase):
    def test_portfolio_tour(self):
        Company = self.env["res.company"]
        opsn = Company.create({"name": "OPSN de test", "ecoclic_is_opsn": True})
        Company.create([
            {"name": "Commune suivie", "ecoclic_collectivity_type": "commune",
             "ecoclic_population": 2000, "ecoclic_opsn_id": opsn.id},
            {"name": "Communauté suivie", "ecoclic_collectivity_type": "cc",
             "ecoclic_population": 15000, "ecoclic_opsn_id": opsn.id},
            {"name": "Commune hors portefeuille", "ecoclic_collectivity_type": "commune",
             "ecoclic_population": 2100},
        ])
        new_test_user(
            self.env, login="opsn_tour_viewer", groups="ecoclic_odoo_opsn.group_opsn_viewer",
            company_id=opsn.id, company_ids=[opsn.id], lang="fr_FR",
        )
        self.start_tour("/odoo", "ecoclic_opsn_portfolio", login="opsn_tour_viewer")
