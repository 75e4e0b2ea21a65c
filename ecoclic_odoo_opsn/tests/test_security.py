# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The audit's attacks by OPSN staff, each run as that user (issue 14, items 1, 7, 8)."""

from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_supervision import TODAY, SupervisionCase


@tagged("post_install", "-at_install")
class TestOpsnStaffLimits(SupervisionCase):
    def test_staff_never_read_the_portfolios_purchase_lines(self):
        """Item 1: supervision shows AGEC figures, never the purchase lines."""
        for user in (self.viewer, self.manager):
            with self.subTest(user=user.login):
                Report = self.env["ecoclic.agec.report"].with_user(user)
                with self.assertRaises(AccessError):
                    Report.search_read([], ["order_id", "partner_id", "amount"])
                # Even a member of staff who buys for the OPSN itself reads none of them.
                user.groups_id += self.env.ref("purchase.group_purchase_user")
                self.assertFalse(Report.search([("company_id", "=", self.a.id)]))
                self.assertFalse(Report.search_read([], ["order_id", "partner_id", "amount"]))
                self.assertFalse(Report.read_group([], ["amount:sum"], ["company_id"]))
                # The figures: on the supervision dashboard.
                row = (
                    self.env["ecoclic.opsn.dashboard"]
                    .with_user(user)
                    .search([("company_id", "=", self.a.id)])
                )
                self.assertAlmostEqual(row.agec_share, 100 / 3, places=0)

    def test_staff_get_no_answer_tokens(self):
        """Item 7: a read-only user is never handed the tokens that open the answers."""
        draft = self.env["ecoclic.assessment"].create(
            {
                "company_id": self.a.id,
                "survey_id": self.env.ref("ecoclic_odoo.survey_maturity_v1").id,
            }
        )
        for user in (self.viewer, self.manager):
            with self.subTest(user=user.login):
                as_user = draft.with_user(user)
                self.assertEqual(as_user.company_id, self.a)  # they read it
                with self.assertRaises(AccessError):
                    as_user.action_answer()
        action = draft.with_user(self.user_a).action_answer()
        self.assertIn(draft.sudo().user_input_id.access_token, action["url"])

    def test_viewers_run_no_campaign_action(self):
        """Item 8: a read-only viewer runs none of the campaign's actions (they act as
        superuser once past the check)."""
        campaign = (
            self.env["ecoclic.opsn.campaign"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Évaluation",
                    "date_deadline": TODAY + timedelta(days=30),
                    "company_ids": [(6, 0, self.a.ids)],
                }
            )
        )
        campaign.action_launch()
        Activity = self.env["mail.activity"]
        before = Activity.search_count([])
        as_viewer = campaign.with_user(self.viewer)
        for action in ("action_remind", "action_close", "action_launch"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(as_viewer, action)()
        self.assertEqual(Activity.search_count([]), before)
        self.assertEqual(campaign.state, "running")
        other = self.env["ecoclic.opsn.campaign"].create(
            {
                "name": "Autre OPSN",
                "opsn_id": self.other_opsn.id,
                "date_deadline": TODAY + timedelta(days=30),
            }
        )
        with self.assertRaises(AccessError):
            other.with_user(self.manager).action_remind()
