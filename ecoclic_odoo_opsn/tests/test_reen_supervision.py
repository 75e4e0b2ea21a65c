# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Loi REEN art. 35: the OPSN sees which of its collectivities are late with their
deliverables, and no other collectivity's; it changes none of them."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_supervision import SupervisionCase


@tagged("post_install", "-at_install")
class TestReenSupervision(SupervisionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A and C (another OPSN's) are communes of more than 50 000 inhabitants; B is not.
        (cls.a | cls.c).write({"ecoclic_population": 64000})
        Obligation = cls.env["ecoclic.reen.obligation"]
        Obligation._ecoclic_ensure(cls.a | cls.b | cls.c)
        # A has done everything but its work programme; C nothing.
        Obligation.search([("company_id", "=", cls.a.id), ("kind", "!=", "programme")]).write(
            {"state": "done"}
        )

    def test_viewer_sees_the_late_collectivities_of_the_portfolio_only(self):
        Dashboard = self.env["ecoclic.opsn.dashboard"].with_user(self.viewer)
        rows = Dashboard.search([])
        self.assertEqual(set(rows.company_id.ids), {self.a.id, self.b.id})
        late = {row.company_id: row.reen_late_count for row in rows}
        self.assertEqual(late, {self.a: 1, self.b: 0})
        self.assertEqual(
            {row.company_id: row.reen_concerned for row in rows}, {self.a: True, self.b: False}
        )
        self.assertEqual(Dashboard.search([("reen_late_count", ">", 0)]).company_id, self.a)
        self.assertEqual(Dashboard.search([("reen_late_count", "=", 0)]).company_id, self.b)
        # The deliverables: the portfolio's, read-only; never another OPSN's collectivity.
        Obligation = self.env["ecoclic.reen.obligation"].with_user(self.viewer)
        self.assertEqual(Obligation.search([]).company_id, self.a)
        late = Obligation.search([("is_late", "=", True)])
        self.assertEqual(late.mapped("kind"), ["programme"])
        with self.assertRaises(AccessError):
            late.write({"state": "done"})
        c_late = self.env["ecoclic.reen.obligation"].search([("company_id", "=", self.c.id)])
        self.assertTrue(c_late)
        with self.assertRaises(AccessError):
            c_late.with_user(self.viewer).read(["state"])
        # The collectivity's dashboard, opened from the supervision, shows the same.
        self.assertEqual(self.a.with_user(self.viewer).ecoclic_reen_late_count, 1)

    def test_late_counts_take_the_same_queries_for_any_portfolio(self):
        Dashboard = self.env["ecoclic.opsn.dashboard"].with_user(self.viewer)
        counts = []
        for size in (6, 20):
            missing = size - Dashboard.search_count([])
            more = self.env["res.company"].create(
                [
                    {
                        "name": f"Ville {size}-{i}",
                        "ecoclic_collectivity_type": "commune",
                        "ecoclic_population": 60000 + i,
                        "ecoclic_opsn_id": self.opsn.id,
                    }
                    for i in range(missing)
                ]
            )
            self.env["ecoclic.reen.obligation"]._ecoclic_ensure(more)
            self.env.flush_all()
            rows = Dashboard.search([])
            self.assertEqual(len(rows), size)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            late = rows.mapped("reen_late_count")
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(late.count(0), 1)  # B, not bound
        self.assertEqual(counts[0], counts[1], f"queries at 6 and 20: {counts}")
