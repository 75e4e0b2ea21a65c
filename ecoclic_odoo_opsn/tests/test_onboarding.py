# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bulk onboarding of an OPSN's members from their SIRENs (issue 20)."""

import base64

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecoclic_odoo.tests.common import company_user

RENNES = "213502388"
RENNES_METROPOLE = "243500139"
BETTON = "213500242"
ACIGNE = "213500010"
UNKNOWN = "732829320"


@tagged("post_install", "-at_install")
class TestOnboarding(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tracking_disable=True))
        Company = cls.env["res.company"]
        cls.opsn = Company.create({"name": "OPSN Onboarding", "ecoclic_is_opsn": True})
        cls.other_opsn = Company.create({"name": "OPSN Elsewhere", "ecoclic_is_opsn": True})
        cls.betton = Company.create(
            {
                "name": "Betton (here)",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_siren": BETTON,
            }
        )
        cls.acigne = Company.create(
            {
                "name": "Acigné (elsewhere)",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_siren": ACIGNE,
                "ecoclic_opsn_id": cls.other_opsn.id,
            }
        )
        cls.manager = company_user(
            cls.env, cls.opsn, login="onb_manager", groups="ecoclic_odoo_opsn.group_opsn_manager"
        )
        cls.viewer = company_user(
            cls.env, cls.opsn, login="onb_viewer", groups="ecoclic_odoo_opsn.group_opsn_viewer"
        )
        cls.other_manager = company_user(
            cls.env,
            cls.other_opsn,
            login="onb_other_manager",
            groups="ecoclic_odoo_opsn.group_opsn_manager",
        )
        cls.referent = company_user(
            cls.env, cls.betton, login="onb_referent", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        cls.codes = "\n".join(
            [
                "siren;email;name",
                f"{RENNES};referent.rennes@example.org;Jeanne Martin",
                RENNES_METROPOLE,
                f"{BETTON};referent.betton@example.org",
                ACIGNE,
                "50173",
                UNKNOWN,
                RENNES,
                "",
            ]
        )

    def _wizard(self, user, **values):
        return (
            self.env["ecoclic.opsn.onboarding"]
            .with_user(user)
            .create({"opsn_id": self.opsn.id, "codes": self.codes, **values})
        )

    def test_dry_run_writes_nothing(self):
        companies = self.env["res.company"].search_count([])
        wizard = self._wizard(self.manager)
        wizard.action_analyse()
        self.assertEqual(
            [(line.code, line.status) for line in wizard.line_ids],
            [
                (RENNES, "create"),
                (RENNES_METROPOLE, "create"),
                (BETTON, "link"),
                (ACIGNE, "other"),
                ("50173", "merged"),
                (UNKNOWN, "unknown"),
                (RENNES, "duplicate"),
            ],
        )
        merged = wizard.line_ids.filtered(lambda line: line.status == "merged")
        self.assertIn("Cherbourg-en-Cotentin", merged.message)
        self.assertIn("To create: 2", wizard.summary)
        self.assertEqual(self.env["res.company"].search_count([]), companies)
        french = wizard.with_context(lang="fr_FR")
        french.invalidate_recordset(["summary"])
        self.assertIn("À créer : 2", french.summary)

    def test_confirm_creates_links_and_invites(self):
        wizard = self._wizard(self.manager)
        wizard.action_analyse()
        wizard.action_confirm()
        Company = self.env["res.company"]
        rennes = Company.search([("ecoclic_siren", "=", RENNES)])
        metropole = Company.search([("ecoclic_siren", "=", RENNES_METROPOLE)])
        self.assertEqual(len(rennes), 1, "the repeated line creates nothing more")
        self.assertEqual(
            (rennes.name, rennes.ecoclic_collectivity_type, rennes.ecoclic_population),
            ("Rennes", "commune", 230890),
        )
        self.assertEqual(metropole.ecoclic_collectivity_type, "metropole")
        self.assertEqual(rennes.ecoclic_intercommunality_id, metropole)
        self.assertEqual(rennes.ecoclic_departement_id.code, "35")
        self.assertEqual((rennes | metropole | self.betton).ecoclic_opsn_id, self.opsn)
        self.assertEqual(self.acigne.ecoclic_opsn_id, self.other_opsn, "left where it was")
        self.assertEqual(Company.search_count([("ecoclic_siren", "=", BETTON)]), 1)
        memberships = self.env["ecoclic.opsn.membership"].search(
            [("opsn_id", "=", self.opsn.id), ("date_end", "=", False)]
        )
        self.assertEqual(memberships.company_id, rennes | metropole | self.betton)
        self.assertEqual(wizard.company_ids, rennes | metropole | self.betton)
        # The référents: Rennes' invited by Odoo's signup e-mail; Betton's too.
        referent = rennes.ecoclic_referent_id
        self.assertEqual(
            (referent.login, referent.name), ("referent.rennes@example.org", "Jeanne Martin")
        )
        self.assertEqual(referent.company_ids, rennes)
        self.assertTrue(referent.has_group("ecoclic_odoo.group_ecoclic_manager"))
        self.assertEqual(referent.partner_id.sudo().signup_type, "signup")
        self.assertEqual(self.betton.ecoclic_referent_id.login, "referent.betton@example.org")
        # The OPSN's manager now reads them in the portfolio.
        self.assertIn(rennes, self.manager.ecoclic_portfolio_company_ids)

    def test_names_stay_unique(self):
        self.env["res.company"].create({"name": "Rennes"})
        wizard = self._wizard(self.manager, codes=RENNES)
        wizard.action_analyse()
        wizard.action_confirm()
        rennes = self.env["res.company"].search([("ecoclic_siren", "=", RENNES)])
        self.assertEqual(rennes.name, "Rennes (35)")

    def test_file_upload(self):
        content = f"SIREN;Courriel\n{RENNES_METROPOLE};\n{UNKNOWN};\n".encode()
        wizard = self._wizard(self.manager, codes=False, file=base64.b64encode(content))
        wizard.action_analyse()
        self.assertEqual(wizard.line_ids.mapped("status"), ["create", "unknown"])

    def test_refused_personas(self):
        for user in (self.viewer, self.referent):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._wizard(user).action_analyse()
        # A manager of another OPSN onboards into theirs only.
        wizard = self._wizard(self.other_manager)
        for method in (wizard.action_analyse, wizard.action_confirm):
            with self.subTest(method=method.__name__), self.assertRaises(AccessError):
                method()
        self.assertFalse(self.env["res.company"].search([("ecoclic_siren", "=", RENNES)]))
        # Administrators onboard into any OPSN.
        admin = self.env.ref("base.user_admin")
        wizard = self._wizard(admin)
        wizard.action_analyse()
        self.assertEqual(len(wizard.line_ids), 7)
