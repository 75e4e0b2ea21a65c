# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
from datetime import timedelta

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_supervision import TODAY, SupervisionCase


@tagged("post_install", "-at_install")
class TestCampaignsPushedActionsExports(SupervisionCase):
    """Campaigns, pushed actions and exports, on the portfolio of SupervisionCase."""

    def test_campaign_creates_assessments_and_reminds_without_duplicates(self):
        Campaign = self.env["ecoclic.opsn.campaign"]
        campaign = Campaign.with_user(self.manager).create({
            "name": "Évaluation 2027", "date_deadline": TODAY + timedelta(days=30),
            "company_ids": [(6, 0, (self.a | self.b).ids)]})
        with self.assertRaises(AccessError):
            campaign.with_user(self.viewer).action_launch()
        campaign.with_user(self.manager).action_launch()
        self.assertEqual(campaign.state, "running")
        self.assertEqual(campaign.line_ids.company_id, self.a | self.b)
        self.assertEqual(set(campaign.line_ids.mapped("state")), {"not_started"})
        line_a = campaign.line_ids.filtered(lambda l: l.company_id == self.a)
        assessment = line_a.assessment_id
        self.assertEqual((assessment.state, assessment.company_id), ("draft", self.a))
        activity_type = self.env.ref("ecoclic_odoo_opsn.mail_activity_ecoclic_campaign")

        def todos():
            return self.env["mail.activity"].search([
                ("activity_type_id", "=", activity_type.id),
                ("res_model", "=", "ecoclic.assessment"),
                ("res_id", "in", campaign.line_ids.assessment_id.ids)])

        self.assertEqual(todos().user_id, self.user_a, "A's référent; B has none")
        self.assertEqual(todos().date_deadline, TODAY + timedelta(days=30))
        campaign.with_user(self.manager).action_remind()
        self.assertEqual(len(todos()), 1, "an open to-do is not doubled")
        todos().action_feedback("Seen")
        campaign.with_user(self.manager).action_remind()
        self.assertEqual(len(todos()), 1, "a reminder once the first was done")
        # The référent starts, then submits: the campaign follows.
        assessment.sudo().user_input_id.state = "in_progress"
        self.assertEqual(line_a.state, "in_progress")
        assessment.sudo().write({"state": "submitted", "overall_score": 60})
        self.assertEqual(line_a.state, "submitted")
        self.assertEqual((campaign.submitted_count, campaign.progress), (1, 50.0))
        campaign.with_user(self.manager).action_remind()
        self.assertEqual(len(todos()), 1, "no reminder for a submitted assessment")
        with self.assertRaises(UserError):
            campaign.with_user(self.manager).action_launch()
        outside = Campaign.with_user(self.manager).create({
            "name": "Outside", "date_deadline": TODAY,
            "company_ids": [(6, 0, self.c.ids)]})
        with self.assertRaises(UserError):
            outside.action_launch()

    def test_pushed_action_reaches_the_catalogues_and_adoption_is_seen(self):
        axis = self.env.ref("ecoclic_odoo.axis_parc")
        action = self.env["ecoclic.action"].with_user(self.manager).create({
            "code": "OPSN-01", "name": "Join the OPSN's refurbished laptop purchase",
            "axis_id": axis.id, "company_id": self.opsn.id, "impact": 4, "effort": 1})
        Push = self.env["ecoclic.opsn.push"].with_user(self.manager)
        Push.create({"action_id": action.id}).action_push()
        copies = action.sudo().pushed_ids  # in the collectivities' catalogues, not the OPSN's
        self.assertEqual(copies.company_id, self.a | self.b)
        self.assertEqual(set(copies.mapped("code")), {"OPSN-01"})
        notified = copies.filtered(lambda c: c.company_id == self.a).message_ids.partner_ids
        self.assertIn(self.user_a.partner_id, notified)
        Push.create({"action_id": action.id}).action_push()
        self.assertEqual(len(action.sudo().pushed_ids), 2, "pushed once per collectivity")
        # A sees its copy (not B's) and plans it: the OPSN sees the adoption.
        catalogue = self.env["ecoclic.action"].with_user(self.user_a).search(
            [("code", "=", "OPSN-01")])
        self.assertEqual(catalogue.company_id, self.a)
        self.env["ecoclic.plan.line"].with_user(self.user_a).create(
            {"name": catalogue.name, "action_id": catalogue.id})
        action.invalidate_recordset()
        self.assertEqual((action.pushed_count, action.adopted_count), (2, 1))
        self.assertEqual(action.adopted_company_ids, self.a)
        with self.assertRaises(UserError):
            Push.create({"action_id": action.id, "company_ids": [(6, 0, self.c.ids)]}).action_push()

    def test_portfolio_xlsx_and_csv_read_back(self):
        opsn = self.opsn.with_user(self.viewer)
        book = openpyxl.load_workbook(io.BytesIO(opsn._ecoclic_portfolio_xlsx()))
        axes = self.env["ecoclic.axis"].search([])
        self.assertEqual(book.sheetnames, ["Portfolio"] + axes.mapped("name") + ["Aggregates"])
        sheet = book["Portfolio"]
        headers = [cell.value for cell in sheet[1]]
        self.assertEqual(headers[:6], ["Collectivity", "Type", "Population band", "Department",
                                       "Account manager", "Latest score"])
        rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(set(rows), {"Commune A", "Commune B"})
        a = dict(zip(headers, rows["Commune A"]))
        self.assertEqual((a["Latest score"], a["Grade"], a["Change"], a["Gap to target"]),
                         (55, "D", 15, 15))
        self.assertEqual(a["Account manager"], self.viewer.name)
        self.assertEqual(a["Overdue actions"], 1)
        self.assertEqual(a["Late"], "Yes")
        self.assertEqual(a["Assessed on"].date(), TODAY - timedelta(days=30))
        governance = book[self.axis.name]
        values = {row[0].value: [c.value for c in row] for row in governance.iter_rows(min_row=2)}
        self.assertEqual(values["Commune A"][3:6], [50, 75, 25])
        aggregates = book["Aggregates"]
        self.assertEqual([c.value for c in aggregates[2]][:6],
                         ["Municipality", "1,000–3,499 inhabitants", 2, 2, 67.5, 67.5])
        self.assertTrue(aggregates._charts)
        text = opsn._ecoclic_portfolio_csv().decode("utf-8-sig")
        table = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(table[0], headers)
        self.assertEqual(len(table), 3)

    def test_anonymised_benchmark_never_gives_a_score(self):
        """Five communities of municipalities of the portfolio, none of their scores a
        multiple of 5: the exported group shows neither quartiles nor a real score, and it
        stays as it was submitted when one of them edits its profile afterwards."""
        survey = self.env.ref("ecoclic_odoo.survey_maturity_v1")
        scores, axis_scores = (23, 37, 48, 61, 77), (12, 33, 44, 58, 86)
        companies = self.env["res.company"].create([
            {"name": f"CC {i}", "ecoclic_collectivity_type": "cc",
             "ecoclic_population": 12000 + i, "ecoclic_opsn_id": self.opsn.id}
            for i in range(5)])
        for company, score, axis_score in zip(companies, scores, axis_scores):
            assessment = self.env["ecoclic.assessment"].create(
                {"company_id": company.id, "survey_id": survey.id})
            assessment.write({"state": "submitted", "overall_score": score,
                              "date_submitted": TODAY})
            self.env["ecoclic.assessment.axis"].create({
                "assessment_id": assessment.id, "axis_id": self.axis.id, "score": axis_score})
        companies[0].sudo().ecoclic_population = 60000  # another band, after submission
        opsn = self.opsn.with_user(self.viewer)
        lines = list(csv.DictReader(io.StringIO(opsn._ecoclic_benchmark_csv().decode())))
        group = {line["axis"]: line for line in lines
                 if line["segment"] == "type_band" and line["collectivity_type"] == "cc"}
        self.assertEqual(set(group), {"", self.axis.code})
        self.assertEqual([group[""][key] for key in ("population_band", "count", "q1",
                                                     "median", "q3")],
                         ["10000_19999", "5", "", "50", ""])
        self.assertEqual(group[self.axis.code]["median"], "45")
        published = {int(line[key]) for line in lines for key in ("q1", "median", "q3")
                     if line[key]}
        self.assertFalse(published & (set(scores) | set(axis_scores)))
        for line in lines:  # every group of 5 to 9: the median alone, to 5 points
            self.assertLess(int(line["count"]), 10)
            self.assertEqual((line["q1"], line["q3"]), ("", ""))
            self.assertEqual(int(line["median"]) % 5, 0)
        # Another instance imports it as it is, and shows it under the same rule.
        self.env["ecoclic.benchmark.import"].create({
            "file": base64.b64encode(opsn._ecoclic_benchmark_csv()),
            "filename": "benchmark.csv"}).action_import()
        imported = self.env["ecoclic.benchmark"].search(
            [("segment", "=", "type_band"), ("collectivity_type", "=", "cc"),
             ("axis_id", "=", False)])
        self.assertEqual((imported.count, imported.median), (5, 50))
        figures = self.env["ecoclic.benchmark"]._ecoclic_lookup(
            {"type": "cc", "band": "10000_19999", "departement": False, "region": False})
        self.assertEqual(figures["type_band"]["overall"],
                         {"count": 5, "q1": None, "median": 50, "q3": None, "step": 5})

    def test_anonymised_benchmark_respects_the_floor(self):
        opsn = self.opsn.with_user(self.viewer)
        self.assertEqual(opsn._ecoclic_benchmark_csv().decode().splitlines(),
                         ["segment,collectivity_type,population_band,departement,region,axis,"
                          "count,q1,median,q3"], "2 collectivities: below the floor")
        survey = self.env.ref("ecoclic_odoo.survey_maturity_v1")
        for index, score in enumerate((30, 40, 50)):
            company = self.env["res.company"].create({
                "name": f"Commune {index}", "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 2000, "ecoclic_opsn_id": self.opsn.id})
            assessment = self.env["ecoclic.assessment"].create(
                {"company_id": company.id, "survey_id": survey.id})
            assessment.write({"state": "submitted", "overall_score": score,
                              "date_submitted": TODAY})
        lines = list(csv.DictReader(io.StringIO(opsn._ecoclic_benchmark_csv().decode())))
        overall = [line for line in lines if not line["axis"]]
        self.assertEqual({line["segment"] for line in overall}, {"type_band", "all"})
        everyone = next(line for line in overall if line["segment"] == "all")
        # 30, 40, 50, 55, 80: the median alone below 10 collectivities
        self.assertEqual((everyone["count"], everyone["median"]), ("5", "50"))
        self.assertEqual((everyone["q1"], everyone["q3"]), ("", ""))
        self.assertFalse([line for line in lines if line["axis"]], "axes: only 2 scored")
        # Another instance imports it as its reference benchmark.
        wizard = self.env["ecoclic.benchmark.import"].create({
            "file": base64.b64encode(opsn._ecoclic_benchmark_csv()),
            "filename": "benchmark.csv"})
        wizard.action_import()
        self.assertTrue(self.env["ecoclic.benchmark"].search_count([("segment", "=", "all")]))
