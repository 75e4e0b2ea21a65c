# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecoclic_odoo.tests.common import company_user


@tagged("post_install", "-at_install")
class TestOpsnPortfolio(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Messages are asserted in English; the test database speaks French too.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Company = cls.env["res.company"]
        cls.opsn = Company.create({"name": "OPSN Test", "ecoclic_is_opsn": True})
        cls.other_opsn = Company.create({"name": "Other OPSN", "ecoclic_is_opsn": True})
        cls.supervised = Company.create(
            [
                {
                    "name": f"Supervised {i}",
                    "ecoclic_collectivity_type": "commune",
                    "ecoclic_population": 800 + i,
                    "ecoclic_opsn_id": cls.opsn.id,
                }
                for i in range(3)
            ]
        )
        cls.elsewhere = Company.create(
            {
                "name": "Supervised elsewhere",
                "ecoclic_collectivity_type": "cc",
                "ecoclic_population": 12000,
                "ecoclic_opsn_id": cls.other_opsn.id,
            }
        )
        cls.unsupervised = Company.create(
            {
                "name": "Unsupervised",
                "ecoclic_collectivity_type": "departement",
                "ecoclic_population": 400000,
            }
        )
        cls.viewer = company_user(
            cls.env, cls.opsn, login="opsn_viewer", groups="ecoclic_odoo_opsn.group_opsn_viewer"
        )
        cls.collectivity_user = company_user(
            cls.env,
            cls.supervised[0],
            login="collectivity_user",
            groups="ecoclic_odoo.group_ecoclic_user",
        )

    def test_viewer_reads_exactly_the_portfolio(self):
        visible = (
            self.env["res.company"]
            .with_user(self.viewer)
            .search([("ecoclic_opsn_id", "!=", False)])
        )
        self.assertEqual(visible, self.supervised)
        with self.assertRaises(AccessError):
            self.elsewhere.with_user(self.viewer).read(["name"])
        with self.assertRaises(AccessError):
            self.unsupervised.with_user(self.viewer).read(["name"])

    def test_viewer_cannot_change_the_portfolio(self):
        with self.assertRaises(AccessError):
            self.supervised[0].with_user(self.viewer).write({"ecoclic_opsn_id": False})

    def test_collectivity_user_does_not_read_its_opsn_or_peers(self):
        Company = self.env["res.company"].with_user(self.collectivity_user)
        self.assertEqual(Company.search([]), self.supervised[0])
        with self.assertRaises(AccessError):
            self.opsn.with_user(self.collectivity_user).read(["name"])

    def test_supervised_count(self):
        self.assertEqual(self.opsn.ecoclic_supervised_count, 3)
        self.assertEqual(self.other_opsn.ecoclic_supervised_count, 1)
        self.assertEqual(self.unsupervised.ecoclic_supervised_count, 0)

    def assertRefused(self, message, write):
        # assertRaises (not assertRaisesRegex) rolls back and clears the cache in Odoo.
        with self.assertRaises(ValidationError) as caught:
            write()
        self.assertIn(message, str(caught.exception))

    def test_supervision_must_be_by_an_opsn(self):
        self.assertRefused(
            "not flagged as an OPSN",
            lambda: self.unsupervised.write({"ecoclic_opsn_id": self.supervised[1].id}),
        )
        self.assertRefused(
            "cannot supervise itself", lambda: self.opsn.write({"ecoclic_opsn_id": self.opsn.id})
        )
        self.assertRefused(
            "cannot be supervised", lambda: self.other_opsn.write({"ecoclic_opsn_id": self.opsn.id})
        )
        newcomer = self.env["res.company"].create(
            {"name": "Would-be OPSN", "ecoclic_opsn_id": self.opsn.id}
        )
        self.assertRefused(
            "cannot be supervised", lambda: newcomer.write({"ecoclic_is_opsn": True})
        )
        self.assertRefused(
            "still supervises collectivities", lambda: self.opsn.write({"ecoclic_is_opsn": False})
        )
        # Once its collectivities are detached, it may stop being an OPSN.
        self.other_opsn.ecoclic_supervised_ids.ecoclic_opsn_id = False
        self.other_opsn.ecoclic_is_opsn = False
        self.assertFalse(self.other_opsn.ecoclic_is_opsn)
        self.assertEqual(self.unsupervised.ecoclic_opsn_id.id, False)
        self.assertEqual(self.opsn.ecoclic_supervised_count, 4)
