# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Loi REEN art. 35: the OPSN sees which of its collectivities are late with their
deliverables, and no other collectivity's; it changes none of them."""

import csv
import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.ecoclic_odoo.tests.common import company_user
from odoo.addons.ecoclic_odoo_opsn.models.res_company import PORTFOLIO_FIELDS

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

    def test_portfolio_exports_carry_the_late_counts_of_the_portfolio_only(self):
        """The supervision's 'REEN en retard' column in the portfolio's XLSX and CSV, as
        the OPSN viewer reads it; a manager of another OPSN exports none of it."""
        opsn = self.opsn.with_user(self.viewer)
        column = PORTFOLIO_FIELDS.index("reen_late_count")
        book = openpyxl.load_workbook(io.BytesIO(opsn._ecoclic_export("portfolio-xlsx")[1]))
        sheet = book.worksheets[0]
        self.assertEqual(sheet.cell(1, column + 1).value, "Late REEN deliverables")
        late = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(late, {"Commune A": 1, "Commune B": 0, "Portfolio total": None})
        cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
        self.assertFalse([c.coordinate for c in cells if c.data_type == "f"], "no formula")
        text = opsn._ecoclic_export("portfolio-csv")[1].decode("utf-8-sig")
        table = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(table[0][column], "Late REEN deliverables")
        self.assertEqual(
            {row[0]: row[column] for row in table[1:]}, {"Commune A": "1", "Commune B": "0"}
        )

        manager_t = company_user(
            self.env,
            self.other_opsn,
            login="reen_manager_t",
            groups="ecoclic_odoo_opsn.group_opsn_manager",
        )
        for kind in ("portfolio-xlsx", "portfolio-csv"):
            with self.assertRaises(AccessError):
                self.opsn.with_user(manager_t)._ecoclic_export(kind)
            with self.assertRaises(AccessError):
                self.opsn.with_user(manager_t).action_ecoclic_export_portfolio_csv()
        # Their own portfolio: C and its late deliverables, nothing of A or B.
        c_late = self.env["ecoclic.reen.obligation"].search_count(
            [("company_id", "=", self.c.id), ("is_late", "=", True)]
        )
        self.assertGreater(c_late, 0)
        own = self.other_opsn.with_user(manager_t)._ecoclic_export("portfolio-csv")[1]
        table = list(csv.reader(io.StringIO(own.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual({row[0]: row[column] for row in table[1:]}, {"Commune C": str(c_late)})
