# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Onboarding one collectivity costs the same whatever the instance's size (issue 20)."""

from odoo.tests import TransactionCase, tagged

from odoo.addons.ecoclic_odoo.tests.test_ir_default import add_companies

RENNES = "213502388"


@tagged("post_install", "-at_install")
class TestOnboardingCost(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tracking_disable=True))
        cls.opsn = cls.env["res.company"].create({"name": "OPSN Cost", "ecoclic_is_opsn": True})

    def _onboard(self):
        """Queries of the wizard's confirm for Rennes and its référent, rolled back."""
        wizard = (
            self.env["ecoclic.opsn.onboarding"]
            .with_context(no_reset_password=True)
            .create({"opsn_id": self.opsn.id, "codes": f"{RENNES};referent.cost@example.org"})
        )
        self.env.flush_all()
        with self.env.cr.savepoint() as savepoint:
            before = self.env.cr.sql_log_count
            wizard.action_confirm()
            self.env.flush_all()
            count = self.env.cr.sql_log_count - before
            self.assertTrue(wizard.company_ids.ecoclic_referent_id)
            savepoint.rollback()
        self.env.invalidate_all()
        return count

    def test_queries_do_not_grow_with_companies(self):
        self._onboard()  # warms the caches
        small = self._onboard()
        add_companies(self.env, 25)
        self.env.registry.clear_cache()
        self._onboard()
        self.assertEqual(self._onboard(), small)
