# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fleet's footprint on Boavizta's three criteria, as each demo persona reads it: the
référent their collectivity's totals, an agent of another collectivity nothing, the OPSN
viewer the totals of their own portfolio only."""

import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

CRITERIA = (
    ("fleet_gwp", "footprint"),
    ("fleet_adpe", "footprint_adpe"),
    ("fleet_pe", "footprint_pe"),
)


@tagged("post_install", "-at_install")
class TestPortfolioFootprints(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.morvan = cls.env.ref("ecoclic_odoo.company_morvan")
        cls.opsn = cls.env.ref("ecoclic_odoo_opsn.company_opsn")
        cls.outside = cls.env.ref("ecoclic_odoo.company_ca_emeraude")
        Users = cls.env["res.users"]
        cls.referent = Users.search([("login", "=", "referent.morvan")])
        cls.viewer = Users.search([("login", "=", "opsn.conseiller")])
        cls.other_agent = Users.search([("login", "=", "agent.ca_emeraude")]) or Users.search(
            [("login", "=like", "agent.%"), ("company_id", "!=", cls.morvan.id)], limit=1
        )
        today = date.today()  # the OPSN dashboard's CURRENT_DATE
        cls.indicators = (
            cls.env["res.company"]
            .search([])
            .with_context(ecoclic_today=today)
            ._ecoclic_fleet_indicators(today.year, today=today)
        )

    def test_the_referent_reads_their_totals(self):
        expected = self.indicators[self.morvan.id]
        self.assertGreater(expected["fleet"], 0)
        morvan = self.morvan.with_user(self.referent)
        # (shown to the kilogram, the megajoule and the 0.1 g Sb eq.)
        self.assertAlmostEqual(morvan.ecoclic_fleet_footprint, expected["footprint"], delta=0.5)
        self.assertAlmostEqual(
            morvan.ecoclic_fleet_footprint_adpe, expected["footprint_adpe"], delta=5e-5
        )
        self.assertAlmostEqual(
            morvan.ecoclic_fleet_footprint_pe, expected["footprint_pe"], delta=0.5
        )
        self.assertEqual(morvan.ecoclic_fleet_unhandled, expected["unhandled"])
        for name in ("footprint", "footprint_adpe", "footprint_pe"):
            self.assertGreater(expected[name], 0, name)
        # The assessment workbook's REEN summary carries them, as the référent downloads it.
        assessment = self.env["ecoclic.assessment"].search(
            [("company_id", "=", self.morvan.id), ("state", "=", "submitted")], limit=1
        )
        _name, content, _mime = assessment.with_user(self.referent)._ecoclic_export(
            "assessment-xlsx"
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        text = "\n".join(
            str(cell.value) for row in book[book.sheetnames[-1]].iter_rows() for cell in row
        )
        for label in (
            "Fleet footprint, climate change (kg CO2e per year)",
            "Fleet footprint, abiotic depletion (kg Sb eq. per year)",
            "Fleet footprint, primary energy (MJ per year)",
            "Equipment left out of the footprint (without a category)",
        ):
            self.assertIn(label, text)

    def test_an_agent_of_another_collectivity_reads_nothing(self):
        self.assertTrue(self.other_agent)
        self.assertNotIn(self.morvan, self.other_agent.company_ids)
        with self.assertRaises(AccessError):
            self.morvan.with_user(self.other_agent).read(["ecoclic_fleet_footprint_adpe"])
        with self.assertRaises(AccessError):
            self.env["ecoclic.opsn.dashboard"].with_user(self.other_agent).search_read(
                [], ["fleet_gwp"]
            )

    def test_the_opsn_viewer_reads_the_totals_of_their_portfolio_only(self):
        Dashboard = self.env["ecoclic.opsn.dashboard"].with_user(self.viewer)
        rows = Dashboard.search_read(
            [], ["company_id", "fleet_count", "fleet_unhandled"] + [name for name, _key in CRITERIA]
        )
        portfolio = self.opsn.ecoclic_supervised_ids
        self.assertEqual({row["company_id"][0] for row in rows}, set(portfolio.ids))
        self.assertNotIn(self.outside.id, {row["company_id"][0] for row in rows})
        for row in rows:
            expected = self.indicators.get(row["company_id"][0], {})
            self.assertEqual(row["fleet_count"], expected.get("fleet", 0))
            self.assertEqual(row["fleet_unhandled"], expected.get("unhandled", 0))
            for name, key in CRITERIA:
                self.assertAlmostEqual(row[name], expected.get(key, 0.0), places=4)
        # The portfolio's totals, as the list's footer and the workbook's last row sum them.
        [totals] = Dashboard.read_group(
            [], [f"{name}:sum" for name, _key in CRITERIA] + ["fleet_unhandled:sum"], []
        )
        for name, key in CRITERIA:
            expected = sum(self.indicators.get(c, {}).get(key, 0.0) for c in portfolio.ids)
            self.assertGreater(expected, 0)
            self.assertAlmostEqual(totals[name], expected, places=3)
        content = self.opsn.with_user(self.viewer)._ecoclic_portfolio_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Portfolio"]
        headers = [cell.value for cell in sheet[1]]
        last = [cell.value for cell in sheet[sheet.max_row]]
        self.assertEqual(last[0], "Portfolio total")
        total_gwp = last[headers.index("Fleet footprint (kg CO2e per year)")]
        self.assertAlmostEqual(total_gwp, totals["fleet_gwp"], places=3)
        self.assertEqual(sheet.max_row, 2 + len(portfolio))
