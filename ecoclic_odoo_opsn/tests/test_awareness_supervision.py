# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Awareness of the agents: the OPSN reads each supervised collectivity's share of agents
trained, in its supervision and its portfolio export, and never a participant or an
answer."""

import csv
import io

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.ecoclic_odoo.tests.common import company_user

from ..models.res_company import PORTFOLIO_FIELDS
from .test_supervision import SupervisionCase


@tagged("post_install", "-at_install")
class TestAwarenessSupervision(SupervisionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.a.ecoclic_agent_count = 4
        agents = [
            company_user(cls.env, cls.a, f"aws.agent{i}", "ecoclic_odoo.group_ecoclic_user")
            for i in range(2)
        ]
        cls.campaign = (
            cls.env["ecoclic.awareness.campaign"]
            .with_user(cls.user_a)
            .create(
                {
                    "name": "Quiz",
                    "company_id": cls.a.id,
                    "participant_ids": [
                        Command.create({"partner_id": agent.partner_id.id}) for agent in agents
                    ],
                }
            )
        )
        cls.campaign.action_send()
        # the first agent passes every quiz (their answers marked done and right)
        passed = cls.campaign.sudo().participant_ids[0]
        for user_input in passed.user_input_ids:
            for question in user_input.survey_id.question_ids:
                user_input._save_lines(
                    question, question.suggested_answer_ids.filtered("is_correct")[:1].id
                )
            user_input._mark_done()

    def test_viewer_reads_the_share_only(self):
        Dashboard = self.env["ecoclic.opsn.dashboard"].with_user(self.viewer)
        rows = {row.company_id: row for row in Dashboard.search([])}
        self.assertEqual(self.campaign.sudo().participant_ids[0].state, "passed")
        self.assertEqual(rows[self.a].awareness_invited, 2)
        self.assertAlmostEqual(rows[self.a].staff_trained_share, 25.0)  # 1 of 4 agents
        self.assertEqual(rows[self.b].awareness_invited, 0)
        # never a campaign, a participant or an answer
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.viewer).read(["name"])
        with self.assertRaises(AccessError):
            self.campaign.participant_ids.with_user(self.viewer).read(["state"])
        with self.assertRaises(AccessError):
            self.campaign.sudo().participant_ids.user_input_ids.with_user(self.viewer).read(
                ["scoring_percentage"]
            )
        # in the portfolio export
        column = PORTFOLIO_FIELDS.index("staff_trained_share")
        text = self.opsn.with_user(self.viewer)._ecoclic_portfolio_csv().decode("utf-8-sig")
        table = {row[0]: row for row in csv.reader(io.StringIO(text), delimiter=";")}
        self.assertEqual(float(table["Commune A"][column]), 25.0)

    def test_share_in_a_fixed_number_of_queries(self):
        """The same number of queries for a portfolio of 3 and of 15 collectivities."""
        Dashboard = self.env["ecoclic.opsn.dashboard"].with_user(self.viewer)
        counts = []
        for size in (3, 15):
            missing = size - Dashboard.search_count([])
            self.env["res.company"].create(
                [
                    {
                        "name": f"Ville {size}-{i}",
                        "ecoclic_agent_count": 10 + i,
                        "ecoclic_opsn_id": self.opsn.id,
                    }
                    for i in range(missing)
                ]
            )
            self.env.flush_all()
            rows = Dashboard.search([])
            self.assertEqual(len(rows), size)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            shares = rows.mapped("staff_trained_share")
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(sorted(shares)[-1], 25.0)
        self.assertEqual(counts[0], counts[1], f"queries at 3 and 15: {counts}")
