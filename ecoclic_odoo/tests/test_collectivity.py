# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import company_user


@tagged("post_install", "-at_install")
class TestCollectivityProfile(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.commune_a = Company.create(
            {
                "name": "Commune A",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 1500,
            }
        )
        cls.commune_b = Company.create(
            {"name": "Commune B", "ecoclic_collectivity_type": "commune", "ecoclic_population": 700}
        )
        cls.user_a = company_user(
            cls.env, cls.commune_a, login="ecoclic_user_a", groups="ecoclic_odoo.group_ecoclic_user"
        )

    def test_population_bands_at_every_boundary(self):
        company = self.commune_a
        cases = [
            (1, "0_499"),
            (499, "0_499"),
            (500, "500_999"),
            (999, "500_999"),
            (1000, "1000_3499"),
            (3499, "1000_3499"),
            (3500, "3500_4999"),
            (4999, "3500_4999"),
            (5000, "5000_9999"),
            (9999, "5000_9999"),
            (10000, "10000_19999"),
            (19999, "10000_19999"),
            (20000, "20000_49999"),
            (49999, "20000_49999"),
            (50000, "50000_99999"),
            (99999, "50000_99999"),
            (100000, "100000_plus"),
            (2_100_000, "100000_plus"),
        ]
        for population, band in cases:
            with self.subTest(population=population):
                company.ecoclic_population = population
                self.assertEqual(company.ecoclic_population_band, band)
        # No population given (0) is unknown, not a commune of 0 to 499 inhabitants.
        company.ecoclic_population = 0
        self.assertFalse(company.ecoclic_population_band)

    def test_band_only_for_collectivities(self):
        company = self.env["res.company"].create(
            {"name": "Not a collectivity", "ecoclic_population": 1200}
        )
        self.assertFalse(company.ecoclic_is_collectivity)
        self.assertFalse(company.ecoclic_population_band)
        company.ecoclic_collectivity_type = "cc"
        self.assertTrue(company.ecoclic_is_collectivity)
        self.assertEqual(company.ecoclic_population_band, "1000_3499")

    def test_negative_counts_are_refused_in_both_languages(self):
        for lang, message in (
            ("en_US", "cannot be negative"),
            ("fr_FR", "ne peut pas être négati"),
        ):
            with self.subTest(lang=lang):
                company = self.commune_a.with_context(lang=lang)
                for values in ({"ecoclic_population": -1}, {"ecoclic_agent_count": -3}):
                    with self.assertRaises(ValidationError) as caught:
                        company.write(values)
                    self.assertIn(message, str(caught.exception))
        self.assertEqual(self.commune_a.ecoclic_population, 1500)
        self.assertEqual(self.commune_a.ecoclic_agent_count, 0)

    def test_labels_are_french_for_french_users(self):
        Company = self.env["res.company"].with_context(lang="fr_FR")
        fields = Company.fields_get(["ecoclic_collectivity_type", "ecoclic_population_band"])
        types = dict(fields["ecoclic_collectivity_type"]["selection"])
        bands = dict(fields["ecoclic_population_band"]["selection"])
        self.assertEqual(types["cc"], "Communauté de communes")
        self.assertEqual(bands["1000_3499"], "1 000 à 3 499 habitants")
        menu = self.env.ref("ecoclic_odoo.menu_ecoclic_root").with_context(lang="fr_FR")
        self.assertEqual(menu.name, "Sobriété numérique")

    def test_users_see_only_their_collectivity(self):
        Company = self.env["res.company"].with_user(self.user_a)
        visible = Company.search([("ecoclic_is_collectivity", "=", True)])
        self.assertEqual(visible, self.commune_a)
        with self.assertRaises(AccessError):
            self.commune_b.with_user(self.user_a).read(["ecoclic_population"])

    def test_users_cannot_edit_the_profile(self):
        with self.assertRaises(AccessError):
            self.commune_a.with_user(self.user_a).write({"ecoclic_population": 10})
