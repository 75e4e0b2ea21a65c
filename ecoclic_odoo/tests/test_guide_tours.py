# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The guide through the web client, as the demo's Saint-Morvan agent and référent."""

from odoo.tests import tagged

from .common import EcoclicTourCase


@tagged("post_install", "-at_install")
class TestGuideTours(EcoclicTourCase):
    browser_size = "1440x900"

    def setUp(self):
        super().setUp()
        self.morvan = self.env.ref("ecoclic_odoo.company_morvan")
        self.gov_01 = self.env.ref("ecoclic_odoo.action_act_gov_01")

    def test_agent_searches_and_suggests(self):
        """agent.morvan: the guide, a search in the first steps, a practice, suggested."""
        self.start_tour("/odoo", "ecoclic_guide_agent", login="agent.morvan", timeout=180)
        choice = self.env["ecoclic.action.choice"].search(
            [("company_id", "=", self.morvan.id), ("action_id", "=", self.gov_01.id)]
        )
        self.assertEqual(choice.state, "suggested")
        self.assertEqual(
            choice.activity_ids.user_id, self.env.ref("ecoclic_odoo.user_referent_morvan")
        )

    def test_referent_reads_the_method_and_plans_from_the_guide(self):
        """referent.morvan: the dashboard's help link, then a recommended practice of the
        guide into the plan."""
        before = self.env["ecoclic.plan.line"].search_count([("company_id", "=", self.morvan.id)])
        self.start_tour("/odoo", "ecoclic_guide_referent", login="referent.morvan", timeout=180)
        after = self.env["ecoclic.plan.line"].search_count([("company_id", "=", self.morvan.id)])
        self.assertEqual(after, before + 1)
