# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The collectivity profile filled from the official territory data (issue 20)."""

from odoo.tests import Form, TransactionCase, tagged

from ..models import territories
from .common import company_user

RENNES_SIREN = "213502388"
RENNES_METROPOLE_SIREN = "243500139"
# A valid SIREN (check digit right) that is no collectivity's.
UNKNOWN_SIREN = "732829320"


@tagged("post_install", "-at_install")
class TestTerritoryFill(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.metropole = cls.env["res.company"].create(
            {
                "name": "Rennes Métropole (test)",
                "ecoclic_collectivity_type": "metropole",
                "ecoclic_siren": RENNES_METROPOLE_SIREN,
            }
        )
        cls.bretagne = cls.env["ecoclic.region"].search([("code", "=", "53")])
        cls.ille_et_vilaine = cls.env["ecoclic.departement"].search([("code", "=", "35")])

    def test_lookup_by_siren_and_insee_code(self):
        rennes = territories.lookup(RENNES_SIREN)
        self.assertEqual(rennes, territories.lookup(" 35238 "))
        self.assertEqual(
            (rennes.name, rennes.kind, rennes.population, rennes.epci),
            ("Rennes", "commune", 230890, RENNES_METROPOLE_SIREN),
        )
        self.assertEqual(territories.lookup(RENNES_METROPOLE_SIREN).kind, "metropole")
        self.assertIsNone(territories.lookup(UNKNOWN_SIREN))
        self.assertIsNone(territories.lookup("123"))
        self.assertIn("6.0.0", territories.source())

    def test_siren_fills_a_new_collectivity(self):
        form = Form(self.env["res.company"])
        form.ecoclic_siren = RENNES_SIREN
        self.assertEqual(form.name, "Rennes")
        self.assertEqual(form.ecoclic_collectivity_type, "commune")
        self.assertEqual(form.ecoclic_population, 230890)
        self.assertEqual(form.ecoclic_population_band, "100000_plus")
        self.assertEqual(form.ecoclic_insee_code, "35238")
        self.assertEqual(form.ecoclic_departement_id, self.ille_et_vilaine)
        self.assertEqual(form.ecoclic_region_id, self.bretagne)
        self.assertEqual(form.ecoclic_intercommunality_id, self.metropole)
        company = form.save()
        self.assertEqual(company.ecoclic_siren, RENNES_SIREN)

    def test_epci_siren_gives_its_nature(self):
        company = self.env["res.company"].new({"name": "Perpignan"})
        self.assertIsNone(company._onchange_ecoclic_siren())  # no SIREN yet
        company.ecoclic_siren = "200027183"
        company._onchange_ecoclic_siren()
        self.assertEqual(company.ecoclic_collectivity_type, "cu")
        self.assertEqual(company.ecoclic_departement_id.code, "66")
        self.assertEqual(company.name, "Perpignan")  # a name given is kept

    def test_unknown_code_warns_and_changes_nothing(self):
        company = self.env["res.company"].new(
            {"name": "Ma commune", "ecoclic_collectivity_type": "commune", "ecoclic_population": 42}
        )
        for lang, words in (("en_US", "No commune or intercommunality"), ("fr_FR", "Aucune")):
            with self.subTest(lang=lang):
                record = company.with_context(lang=lang)
                record.ecoclic_siren = UNKNOWN_SIREN
                result = record._onchange_ecoclic_siren()
                self.assertIn(words, result["warning"]["message"])
                self.assertIn(UNKNOWN_SIREN, result["warning"]["message"])
        self.assertEqual(
            (company.name, company.ecoclic_population, company.ecoclic_departement_id.id),
            ("Ma commune", 42, False),
        )

    def test_merged_commune_leads_to_the_new_one(self):
        company = self.env["res.company"].new({})
        company.ecoclic_insee_code = "50173"  # Équeurdreville-Hainneville, merged in 2016
        result = company._onchange_ecoclic_insee_code()
        message = result["warning"]["message"]
        self.assertIn("Équeurdreville-Hainneville", message)
        self.assertIn("Cherbourg-en-Cotentin", message)
        self.assertEqual(company.name, "Cherbourg-en-Cotentin")
        self.assertEqual(company.ecoclic_insee_code, "50129")
        self.assertEqual(company.ecoclic_siren, "200056844")
        self.assertEqual(company.ecoclic_population, 78258)

    def test_commune_already_present_is_named(self):
        self.env["res.company"].create({"name": "Rennes (déjà là)", "ecoclic_siren": RENNES_SIREN})
        company = self.env["res.company"].with_context(lang="fr_FR").new({})
        company.ecoclic_siren = RENNES_SIREN
        result = company._onchange_ecoclic_siren()
        self.assertIn("Rennes (déjà là)", result["warning"]["message"])

    def test_referent_fills_their_own_profile(self):
        commune = self.env["res.company"].create(
            {"name": "Commune à compléter", "ecoclic_collectivity_type": "commune"}
        )
        referent = company_user(
            self.env, commune, login="referent_fill", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        view = "ecoclic_odoo.view_ecoclic_collectivity_form"
        with Form(commune.with_user(referent), view=view) as form:
            form.ecoclic_insee_code = "35238"
            self.assertEqual(form.ecoclic_population, 230890)
        self.assertEqual(commune.name, "Commune à compléter")
        self.assertEqual(commune.ecoclic_siren, RENNES_SIREN)
        self.assertEqual(commune.ecoclic_departement_id, self.ille_et_vilaine)
        self.assertEqual(commune.ecoclic_population_band, "100000_plus")
