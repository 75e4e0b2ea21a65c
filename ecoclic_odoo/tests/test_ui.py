# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import EcoclicTourCase


@tagged("post_install", "-at_install")
class TestCollectivityTour(EcoclicTourCase):
    def test_collectivity_profile_tour(self):
        company = self.env["res.company"].create(
            {"name": "Commune d'Essai", "ecoclic_collectivity_type": "commune",
             "ecoclic_population": 1500}
        )
        self.env["res.company"].create(
            {"name": "Commune Voisine", "ecoclic_collectivity_type": "commune",
             "ecoclic_population": 1600}
        )
        new_test_user(
            self.env, login="ecoclic_tour_user", groups="ecoclic_odoo.group_ecoclic_user",
            company_id=company.id, company_ids=[company.id], lang="fr_FR",
        )
        self.start_tour("/odoo", "ecoclic_collectivity_profile", login="ecoclic_tour_user")
