# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
import json
from datetime import timedelta

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.ecoclic_odoo.models.ecoclic_benchmark import CSV_COLUMNS
from odoo.addons.ecoclic_odoo.tests.common import company_user
from odoo.addons.ecoclic_odoo_opsn.models.res_company import PORTFOLIO_FIELDS

from .test_supervision import TODAY, SupervisionCase

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What collectivities' users may type, and a spreadsheet would run.
HYPERLINK = '=HYPERLINK("http://x","y")'


@tagged("post_install", "-at_install")
class TestCampaignsPushedActionsExports(SupervisionCase):
    """Campaigns, pushed actions and exports, on the portfolio of SupervisionCase."""

    def test_campaign_creates_assessments_and_reminds_without_duplicates(self):
        Campaign = self.env["ecoclic.opsn.campaign"]
        campaign = Campaign.with_user(self.manager).create(
            {
                "name": "Évaluation 2027",
                "date_deadline": TODAY + timedelta(days=30),
                "company_ids": [(6, 0, (self.a | self.b).ids)],
            }
        )
        with self.assertRaises(AccessError):
            campaign.with_user(self.viewer).action_launch()
        self.manager.lang = "en_US"  # the OPSN manager works in English, the référent not
        campaign.with_user(self.manager).action_launch()
        self.assertEqual(campaign.state, "running")
        self.assertEqual(campaign.line_ids.company_id, self.a | self.b)
        self.assertEqual(set(campaign.line_ids.mapped("state")), {"not_started"})
        line_a = campaign.line_ids.filtered(lambda line: line.company_id == self.a)
        assessment = line_a.assessment_id
        self.assertEqual((assessment.state, assessment.company_id), ("draft", self.a))
        activity_type = self.env.ref("ecoclic_odoo_opsn.mail_activity_ecoclic_campaign")

        def todos():
            return self.env["mail.activity"].search(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("res_model", "=", "ecoclic.assessment"),
                    ("res_id", "in", campaign.line_ids.assessment_id.ids),
                ]
            )

        self.assertEqual(todos().user_id, self.user_a, "A's référent; B has none")
        # In the référent's language (French), whatever the OPSN manager's; "de" elided
        # before the OPSN's name, which starts with a vowel.
        self.assertEqual(campaign.opsn_id.name, "OPSN S")
        self.assertEqual(todos().summary, "Campagne d'évaluation d'OPSN S : Évaluation 2027")
        self.assertEqual(todos().date_deadline, TODAY + timedelta(days=30))
        action = campaign.with_user(self.manager).action_remind()
        self.assertEqual(len(todos()), 1, "an open to-do is not doubled")
        self.assertEqual(
            action["params"]["message"],
            "No one to remind: every référent has submitted, or still has the previous to-do open.",
        )
        todos().action_feedback("Seen")
        self.env["res.lang"]._activate_lang("fr_FR")
        self.user_a.lang = "fr_FR"
        action = campaign.with_user(self.manager).action_remind()
        self.assertEqual(len(todos()), 1, "a reminder once the first was done")
        self.assertTrue(action["params"]["message"].startswith("1 référents reminded"))
        deadline = TODAY + timedelta(days=30)
        self.assertEqual(
            todos().summary,
            "Rappel : l'évaluation de la campagne Évaluation 2027 "
            f"est attendue pour le {deadline:%d/%m/%Y}.",
        )
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
        outside = Campaign.with_user(self.manager).create(
            {"name": "Outside", "date_deadline": TODAY, "company_ids": [(6, 0, self.c.ids)]}
        )
        with self.assertRaises(UserError):
            outside.action_launch()

    def test_pushed_action_reaches_the_catalogues_and_adoption_is_seen(self):
        axis = self.env.ref("ecoclic_odoo.axis_parc")
        action = (
            self.env["ecoclic.action"]
            .with_user(self.manager)
            .create(
                {
                    "code": "OPSN-01",
                    "name": "Join the OPSN's refurbished laptop purchase",
                    "axis_id": axis.id,
                    "company_id": self.opsn.id,
                    "impact": 4,
                    "effort": 1,
                }
            )
        )
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
        catalogue = (
            self.env["ecoclic.action"].with_user(self.user_a).search([("code", "=", "OPSN-01")])
        )
        self.assertEqual(catalogue.company_id, self.a)
        self.env["ecoclic.plan.line"].with_user(self.user_a).create(
            {"name": catalogue.name, "action_id": catalogue.id}
        )
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
        self.assertEqual(
            headers[:6],
            [
                "Collectivity",
                "Type",
                "Population band",
                "Department",
                "Account manager",
                "Latest score",
            ],
        )
        rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
        # One row per collectivity, then the portfolio's total of the fleet columns.
        self.assertEqual(set(rows), {"Commune A", "Commune B", "Portfolio total"})
        total = dict(zip(headers, rows.pop("Portfolio total"), strict=True))
        for column in ("Equipment counted", "Fleet footprint (kg CO2e per year)"):
            self.assertEqual(
                total[column], sum(row[headers.index(column)] for row in rows.values())
            )
        self.assertGreater(total["Equipment counted"], 0)
        a = dict(zip(headers, rows["Commune A"], strict=True))
        self.assertEqual(
            (a["Latest score"], a["Grade"], a["Change"], a["Gap to target"]), (55, "D", 15, 15)
        )
        self.assertEqual(a["Account manager"], self.viewer.name)
        self.assertEqual(a["Overdue actions"], 1)
        self.assertEqual(a["Late"], "Yes")
        self.assertEqual(a["Assessed on"].date(), TODAY - timedelta(days=30))
        governance = book[self.axis.name]
        values = {row[0].value: [c.value for c in row] for row in governance.iter_rows(min_row=2)}
        self.assertEqual(values["Commune A"][3:6], [50, 75, 25])
        aggregates = book["Aggregates"]
        self.assertEqual(
            [c.value for c in aggregates[2]][:6],
            ["Municipality", "1,000–3,499 inhabitants", 2, 2, 67.5, 67.5],
        )
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
        companies = self.env["res.company"].create(
            [
                {
                    "name": f"CC {i}",
                    "ecoclic_collectivity_type": "cc",
                    "ecoclic_population": 12000 + i,
                    "ecoclic_opsn_id": self.opsn.id,
                }
                for i in range(5)
            ]
        )
        for company, score, axis_score in zip(companies, scores, axis_scores, strict=True):
            assessment = self.env["ecoclic.assessment"].create(
                {"company_id": company.id, "survey_id": survey.id}
            )
            assessment.write(
                {"state": "submitted", "overall_score": score, "date_submitted": TODAY}
            )
            self.env["ecoclic.assessment.axis"].create(
                {"assessment_id": assessment.id, "axis_id": self.axis.id, "score": axis_score}
            )
        companies[0].sudo().ecoclic_population = 60000  # another band, after submission
        opsn = self.opsn.with_user(self.viewer)
        lines = list(csv.DictReader(io.StringIO(opsn._ecoclic_benchmark_csv().decode())))
        group = {
            line["axis"]: line
            for line in lines
            if line["segment"] == "type_band" and line["collectivity_type"] == "cc"
        }
        self.assertEqual(set(group), {"", self.axis.code})
        self.assertEqual(
            [group[""][key] for key in ("population_band", "count", "q1", "median", "q3")],
            ["10000_19999", "5", "", "50", ""],
        )
        self.assertEqual(group[self.axis.code]["median"], "45")
        published = {
            int(line[key]) for line in lines for key in ("q1", "median", "q3") if line[key]
        }
        self.assertFalse(published & (set(scores) | set(axis_scores)))
        for line in lines:  # every group of 5 to 9: the median alone, to 5 points
            self.assertLess(int(line["count"]), 10)
            self.assertEqual((line["q1"], line["q3"]), ("", ""))
            self.assertEqual(int(line["median"]) % 5, 0)
        # Another instance imports it as it is, and shows it under the same rule.
        self.env["ecoclic.benchmark.import"].create(
            {"file": base64.b64encode(opsn._ecoclic_benchmark_csv()), "filename": "benchmark.csv"}
        ).action_import()
        imported = self.env["ecoclic.benchmark"].search(
            [
                ("segment", "=", "type_band"),
                ("collectivity_type", "=", "cc"),
                ("axis_id", "=", False),
            ]
        )
        self.assertEqual((imported.count, imported.median), (5, 50))
        figures = self.env["ecoclic.benchmark"]._ecoclic_lookup(
            {"type": "cc", "band": "10000_19999", "departement": False, "region": False}
        )
        self.assertEqual(
            figures["type_band"]["overall"],
            {"count": 5, "q1": None, "median": 50, "q3": None, "step": 5},
        )

    def test_anonymised_benchmark_respects_the_floor(self):
        opsn = self.opsn.with_user(self.viewer)
        self.assertEqual(
            opsn._ecoclic_benchmark_csv().decode().splitlines(),
            [
                "segment,collectivity_type,population_band,departement,region,axis,"
                "count,q1,median,q3"
            ],
            "2 collectivities: below the floor",
        )
        survey = self.env.ref("ecoclic_odoo.survey_maturity_v1")
        for index, score in enumerate((30, 40, 50)):
            company = self.env["res.company"].create(
                {
                    "name": f"Commune {index}",
                    "ecoclic_collectivity_type": "commune",
                    "ecoclic_population": 2000,
                    "ecoclic_opsn_id": self.opsn.id,
                }
            )
            assessment = self.env["ecoclic.assessment"].create(
                {"company_id": company.id, "survey_id": survey.id}
            )
            assessment.write(
                {"state": "submitted", "overall_score": score, "date_submitted": TODAY}
            )
        lines = list(csv.DictReader(io.StringIO(opsn._ecoclic_benchmark_csv().decode())))
        overall = [line for line in lines if not line["axis"]]
        self.assertEqual({line["segment"] for line in overall}, {"type_band", "all"})
        everyone = next(line for line in overall if line["segment"] == "all")
        # 30, 40, 50, 55, 80: the median alone below 10 collectivities
        self.assertEqual((everyone["count"], everyone["median"]), ("5", "50"))
        self.assertEqual((everyone["q1"], everyone["q3"]), ("", ""))
        self.assertFalse([line for line in lines if line["axis"]], "axes: only 2 scored")
        # Another instance imports it as its reference benchmark.
        wizard = self.env["ecoclic.benchmark.import"].create(
            {"file": base64.b64encode(opsn._ecoclic_benchmark_csv()), "filename": "benchmark.csv"}
        )
        wizard.action_import()
        self.assertTrue(self.env["ecoclic.benchmark"].search_count([("segment", "=", "all")]))


@tagged("post_install", "-at_install")
class TestExportDownloads(SupervisionCase, HttpCase):
    """The exports as OPSN staff download them (streamed, nothing stored), refused to
    everyone else; what users typed never reaches a file as a formula."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.viewer_t = company_user(
            cls.env,
            cls.other_opsn,
            login="sup_viewer_t",
            groups="ecoclic_odoo_opsn.group_opsn_viewer",
        )
        cls.agent_a = company_user(
            cls.env, cls.a, login="sup_agent_a", groups="ecoclic_odoo.group_ecoclic_user"
        )
        # Names typed by users (their own name), by administrators (collectivities)...
        cls.viewer.with_user(cls.viewer).write({"name": "+cmd"})  # A's account manager
        cls.b.name = "@SUM(1)"
        cls.hostile = cls.env["res.company"].create(
            [
                {
                    "name": name,
                    "ecoclic_collectivity_type": "commune",
                    "ecoclic_population": 900,
                    "ecoclic_opsn_id": cls.opsn.id,
                }
                for name in ("-2+3", "\tCommune F", HYPERLINK)
            ]
        )
        # ... and by a collectivity's agent, in the plan of A.
        cls.env["ecoclic.plan.line"].with_user(cls.agent_a).create(
            {
                "name": HYPERLINK,
                "department": "-2+3",
                "user_id": cls.agent_a.id,
                "axis_id": cls.axis.id,
                "state": "in_progress",
            }
        )
        cls.assessment_a = cls.assessments["Commune A"]

    def download(self, user, action, mimetype):
        """GET the URL of a button's action with ``user``'s session: the file's bytes."""
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(action["url"].startswith("/ecoclic/export/"), action["url"])
        self.authenticate(user.login, user.login)
        response = self.url_open(action["url"], timeout=60)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertTrue(response.headers["Content-Type"].startswith(mimetype))
        self.assertTrue(response.headers["Content-Disposition"].startswith("attachment;"))
        return response.content

    def assert_refused(self, url):
        response = self.url_open(url, timeout=60, allow_redirects=False)
        self.assertIn(response.status_code, (303, 403, 404), url)
        for name in ("Commune A", "Commune B", "+cmd"):
            self.assertNotIn(name.encode(), response.content)

    def attachments(self):
        return self.env["ir.attachment"].sudo().search_count([])

    def check_portfolio_xlsx(self, content):
        """The names typed by users are in the workbook as text, exactly; no formula."""
        names = {"Commune A", "@SUM(1)", "-2+3", "\tCommune F", HYPERLINK}
        manager = PORTFOLIO_FIELDS.index("manager_id")
        book = openpyxl.load_workbook(io.BytesIO(content))
        cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
        self.assertFalse([c.coordinate for c in cells if c.data_type == "f"], "no formula")
        portfolio = book.worksheets[0]
        column = [(c.value, c.data_type) for c in portfolio["A"][1:]]
        # (the last row: the portfolio's total, in the language of the user who exports)
        self.assertIn(column[-1], {("Portfolio total", "s"), ("Total du portefeuille", "s")})
        self.assertEqual(set(column[:-1]), {(name, "s") for name in names})
        a = next(r for r in portfolio.iter_rows() if r[0].value == "Commune A")
        self.assertEqual((a[manager].value, a[manager].data_type), ("+cmd", "s"))
        axis_sheet = book.worksheets[
            1 + self.env["ecoclic.axis"].search([]).ids.index(self.axis.id)
        ]
        self.assertEqual({c.value for c in axis_sheet["A"][1:]}, names)

    def check_portfolio_csv(self, content):
        """A cell a spreadsheet would run starts with a quote; numbers stay numbers."""
        manager, score, change = (
            PORTFOLIO_FIELDS.index(name) for name in ("manager_id", "score", "score_change")
        )
        table = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        rows = {row[0]: row for row in table[1:]}
        self.assertEqual(
            set(rows), {"Commune A", "'@SUM(1)", "'-2+3", "'\tCommune F", "'" + HYPERLINK}
        )
        a = rows["Commune A"]
        self.assertEqual((a[manager], a[score], a[change]), ("'+cmd", "55", "15"))

    def test_portfolio_files_keep_user_text_as_text(self):
        opsn = self.opsn.with_user(self.viewer)
        self.check_portfolio_xlsx(opsn._ecoclic_portfolio_xlsx())
        self.check_portfolio_csv(opsn._ecoclic_portfolio_csv())

    def test_opsn_staff_download_the_portfolio_exports(self):
        attachments = self.attachments()
        for user in (self.viewer, self.manager):
            with self.subTest(user=user.login):
                opsn = self.opsn.with_user(user)
                self.check_portfolio_xlsx(
                    self.download(user, opsn.action_ecoclic_export_portfolio_xlsx(), XLSX_MIME)
                )
                self.check_portfolio_csv(
                    self.download(user, opsn.action_ecoclic_export_portfolio_csv(), "text/csv")
                )
                content = self.download(user, opsn.action_ecoclic_export_benchmark(), "text/csv")
                self.assertEqual(next(csv.reader(io.StringIO(content.decode()))), CSV_COLUMNS)
        self.assertEqual(self.attachments(), attachments, "no file left behind")

    def test_opsn_staff_download_a_collectivity_assessment(self):
        attachments = self.attachments()
        report = "ecoclic_odoo.report_ecoclic_assessment"
        force = json.dumps({"force_report_rendering": True})
        # wkhtmltopdf fetches the report's styles from the server, and this test server
        # answers one request at a time (the report's own, meanwhile): point it nowhere,
        # which wkhtmltopdf tolerates (a PDF without styles) instead of waiting forever.
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        for user in (self.viewer, self.manager):
            with self.subTest(user=user.login):
                assessment = self.assessment_a.with_user(user)
                content = self.download(user, assessment.action_export_xlsx(), XLSX_MIME)
                book = openpyxl.load_workbook(io.BytesIO(content))
                plan = book.worksheets[3]
                line = next(r for r in plan.iter_rows(min_row=2) if r[0].value == HYPERLINK)
                self.assertEqual(
                    [(c.value, c.data_type) for c in line[:4:3]], [(HYPERLINK, "s"), ("-2+3", "s")]
                )
                self.assertEqual(self.attachments(), attachments)
                # The printable report, through Odoo's report route as the web client asks.
                action = assessment.action_print_report()
                self.assertEqual(
                    (action["type"], action["report_name"]), ("ir.actions.report", report)
                )
                response = self.url_open(
                    f"/report/pdf/{report}/{assessment.id}?context={force}", timeout=120
                )
                self.assertEqual(response.status_code, 200, response.text[:500])
                self.assertEqual(response.headers["Content-Type"], "application/pdf")
                self.assertTrue(response.content.startswith(b"%PDF"))

    def test_everyone_else_is_refused(self):
        portfolio = [
            f"/ecoclic/export/{kind}/{self.opsn.id}"
            for kind in ("portfolio-xlsx", "portfolio-csv", "benchmark-csv")
        ]
        assessment = f"/ecoclic/export/assessment-xlsx/{self.assessment_a.id}"
        # A collectivity's agent: not their OPSN's portfolio (A's own workbook is theirs).
        for method in (
            "action_ecoclic_export_portfolio_xlsx",
            "action_ecoclic_export_portfolio_csv",
            "action_ecoclic_export_benchmark",
        ):
            with self.assertRaises(AccessError):
                getattr(self.opsn.with_user(self.agent_a), method)()
            with self.assertRaises(AccessError):
                getattr(self.opsn.with_user(self.viewer_t), method)()
        self.authenticate("sup_agent_a", "sup_agent_a")
        for url in portfolio:
            self.assert_refused(url)
        self.assertEqual(self.url_open(assessment).status_code, 200)
        # Another OPSN's viewer: neither S's portfolio nor its collectivities.
        self.authenticate("sup_viewer_t", "sup_viewer_t")
        for url in portfolio + [assessment]:
            self.assert_refused(url)
        # S's viewer: not T's portfolio, nor the assessments of C (T's) and D (no OPSN).
        self.authenticate("sup_viewer", "sup_viewer")
        for url in [f"/ecoclic/export/portfolio-xlsx/{self.other_opsn.id}"] + [
            f"/ecoclic/export/assessment-xlsx/{self.assessments[name].id}"
            for name in ("Commune C", "Commune D")
        ]:
            self.assert_refused(url)
        self.assertEqual(
            self.url_open(f"/ecoclic/export/portfolio-xlsx/{self.a.id}").status_code,
            400,
            "not an OPSN",
        )
        # No session: the login page.
        self.logout()
        for url in portfolio + [assessment]:
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertIn("/web/login", response.headers["Location"])

    def test_demo_personas_download(self):
        """The demo's OPSN staff, as README tells to log in, on their real portfolio."""
        opsn = self.env.ref("ecoclic_odoo_opsn.company_opsn")
        morvan = self.env["ecoclic.assessment"].search(
            [
                ("company_id", "=", self.env.ref("ecoclic_odoo.company_morvan").id),
                ("state", "=", "submitted"),
            ],
            limit=1,
        )
        for login in ("opsn.conseiller", "opsn.manager"):
            with self.subTest(login=login):
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertEqual(user.company_id, opsn)
                staff = opsn.with_user(user)
                content = self.download(
                    user, staff.action_ecoclic_export_portfolio_xlsx(), XLSX_MIME
                )
                sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
                self.assertEqual(sheet.max_row, 2 + len(opsn.ecoclic_supervised_ids))
                content = self.download(
                    user, staff.action_ecoclic_export_portfolio_csv(), "text/csv"
                )
                table = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
                self.assertEqual(len(table), 1 + len(opsn.ecoclic_supervised_ids))
                content = self.download(user, staff.action_ecoclic_export_benchmark(), "text/csv")
                lines = list(csv.DictReader(io.StringIO(content.decode())))
                self.assertTrue([line for line in lines if line["segment"] == "all"])
                content = self.download(
                    user, morvan.with_user(user).action_export_xlsx(), XLSX_MIME
                )
                self.assertEqual(len(openpyxl.load_workbook(io.BytesIO(content)).worksheets), 5)
