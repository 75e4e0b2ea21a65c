# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A collectivity's what-if scenarios as OPSN staff see them: read for the collectivities
they supervise, never changed, never turned into plan lines; not read outside the
portfolio."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFleetScenarioOpsn(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Users = cls.env["res.users"]
        cls.viewer = Users.search([("login", "=", "opsn.conseiller")])
        Scenario = cls.env["ecoclic.fleet.scenario"]
        cls.morvan = cls.env.ref("ecoclic_odoo.company_morvan")
        cls.outside = cls.env.ref("ecoclic_odoo.company_ca_emeraude")
        cls.supervised = Scenario.create(
            {"name": "Garder plus longtemps", "company_id": cls.morvan.id}
        )
        cls.supervised.line_ids.write({"extra_years": 2})
        cls.unsupervised = Scenario.create(
            {"name": "Hors portefeuille", "company_id": cls.outside.id}
        )

    def test_the_viewer_reads_the_portfolio_and_changes_nothing(self):
        self.assertTrue(self.viewer)
        self.assertIn(
            self.morvan, self.env.ref("ecoclic_odoo_opsn.company_opsn").ecoclic_supervised_ids
        )
        scenario = self.supervised.with_user(self.viewer)
        self.assertGreater(scenario.saved_gwp, 0)
        self.assertTrue(all(scenario.line_ids.mapped("count")))
        with self.assertRaises(AccessError):
            scenario.write({"name": "Changé"})
        with self.assertRaises(AccessError):
            scenario.line_ids[0].write({"extra_years": 5})
        with self.assertRaises(AccessError):
            scenario.action_ecoclic_create_plan_lines()
        self.assertFalse(self.supervised.plan_line_ids)
        with self.assertRaises(AccessError):
            self.unsupervised.with_user(self.viewer).read(["saved_gwp"])
