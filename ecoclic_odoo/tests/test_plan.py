# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.ecoclic_odoo.models.ecoclic_action import weighted_points
from odoo.addons.ecoclic_odoo.models.export_files import CSV_FORMULA_TRIGGERS, csv_cell

from .common import EcoclicMaturityCase, company_user


class PlanCase(EcoclicMaturityCase):
    """The small questionnaire, five test actions, company A's answers:
    Q1 first answer (0 of 3), Q2 second (2 of 3), Q3 first (0 of 3), Q5 first (0 of 3).
    Scores: gouvernance 2/6 -> 33, achats 0/6 -> 0; the overall target 70 stands for both
    axes, so the gaps are 37 and 70."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Action = cls.env["ecoclic.action"]

        def action(code, axis, triggers, impact, effort, priority, **extra):
            return Action.create(
                {
                    "code": code,
                    "name": f"Action {code}",
                    "axis_id": axis.id,
                    "triggers": triggers,
                    "impact": impact,
                    "effort": effort,
                    "priority": priority,
                    **extra,
                }
            )

        cls.a1 = action("T-01", cls.axis_gov, "Q1:1|2", 5, 1, "prioritaire")
        cls.a2 = action(
            "T-02", cls.axis_ach, "Q3:1", 4, 2, "necessaire", estimate="extend_lifespan:laptop:2"
        )
        cls.a3 = action("T-03", cls.axis_ach, "Q5:1", 4, 2, "recommande")
        cls.a4 = action("T-04", cls.axis_gov, "Q2:3", 5, 1, "prioritaire")
        cls.a5 = action(
            "T-05", cls.axis_gov, "Q1:1", 5, 1, "necessaire", company_id=cls.company_b.id
        )
        laptop = cls.env.ref("ecoclic_odoo.equipment_category_laptop")
        cls.env["maintenance.equipment"].create(
            [
                {
                    "name": f"Laptop {i}",
                    "company_id": cls.company_a.id,
                    "ecoclic_category_id": laptop.id,
                    "ecoclic_acquisition_date": date(2024, 1, 1),
                    "effective_date": date(2024, 1, 1),
                }
                for i in range(10)
            ]
        )

    def submitted(self, company, user):
        assessment = (
            self.env["ecoclic.assessment"]
            .with_user(user)
            .create({"survey_id": self.survey.id, "company_id": company.id})
        )
        for question, position in (("q1", 0), ("q2", 1), ("q3", 0), ("q5", 0)):
            self.answer(assessment, self.q[question], position)
        assessment.action_submit()
        return assessment

    def _exported(self):
        assessment = self.submitted(self.company_a, self.user_a)
        lines = (
            assessment.recommendation_ids.sorted("rank")[:2]
            .with_user(self.user_a)
            ._ecoclic_add_to_plan()
        )
        lines[0].write(
            {
                "date_start": date(2026, 1, 5),
                "date_due": date(2026, 9, 30),
                "progress": 40,
                "state": "in_progress",
                "budget": 1200,
            }
        )
        lines[1].write({"state": "done", "date_done": date(2026, 4, 1)})
        return assessment, lines


@tagged("post_install", "-at_install")
class TestRecommendationsAndPlan(PlanCase):
    def test_triggering_and_ranking(self):
        assessment = self.submitted(self.company_a, self.user_a)
        recommendations = assessment.recommendation_ids.sorted("rank")
        # A1: 5 x (37 + 1) / 1 = 190; A2 and A3: 4 x (70 + 1) / 2 = 142, the tie broken by
        # level (nécessaire before recommandé). A4's answer was not chosen; A5 is B's own.
        self.assertEqual([r.action_id for r in recommendations], [self.a1, self.a2, self.a3])
        self.assertEqual(recommendations.mapped("rank"), [1, 2, 3])
        self.assertEqual(recommendations.mapped("gap"), [37, 70, 70])
        self.assertEqual(recommendations.mapped("score"), [190.0, 142.0, 142.0])
        # 10 laptops kept 2 years beyond their 4 (Boavizta's laptop-pro: 181 kg CO2e, 35 040
        # hours): 10 x 181 x (1/4 - 1/6) kg a year.
        self.assertAlmostEqual(recommendations[1].avoided, 10 * 181 * (1 / 4 - 1 / 6), delta=0.5)
        why = recommendations[0].with_context(lang="en_US").why
        self.assertIn("Q1 answer 0", why)
        self.assertIn("Q1", why)
        self.assertIn("151 kg CO2e", recommendations[1].with_context(lang="en_US").why)
        # Same scores the other way round: ties are broken by level, then footprint, then code.
        self.a2.priority = "recommande"
        assessment._ecoclic_recommend()
        self.assertEqual(
            [r.action_id for r in assessment.recommendation_ids.sorted("rank")],
            [self.a1, self.a2, self.a3],
            "equal level: more kg avoided first",
        )
        self.a2.estimate = False
        assessment._ecoclic_recommend()
        self.assertEqual(
            [r.action_id for r in assessment.recommendation_ids.sorted("rank")],
            [self.a1, self.a2, self.a3],
            "then by code",
        )

    def test_ranking_weighs_metals_and_energy_too(self):
        """Between two actions of equal score and level, the one saving more on the three
        criteria together (EF 3.0 normalisation and weights) comes first, even when the
        other saves more CO2e: here keeping laptops heavy in metals a year longer (50 kg
        CO2e, 0.025 kg Sb eq.) before keeping desktops heavy in carbon (333 kg CO2e)."""
        laptop = self.env.ref("ecoclic_odoo.equipment_category_laptop")
        desktop = self.env.ref("ecoclic_odoo.equipment_category_desktop")
        laptop.write(
            {
                "manufacturing_footprint": 100,
                "embodied_adpe": 0.05,
                "embodied_pe": 100,
                "lifespan": 4,
            }
        )
        desktop.write(
            {
                "manufacturing_footprint": 1000,
                "embodied_adpe": 0.0001,
                "embodied_pe": 100,
                "lifespan": 5,
            }
        )
        self.env["maintenance.equipment"].create(
            [
                {
                    "name": f"Desktop {i}",
                    "company_id": self.company_a.id,
                    "ecoclic_category_id": desktop.id,
                    "ecoclic_acquisition_date": date(2024, 1, 1),
                }
                for i in range(10)
            ]
        )
        (self.a2 | self.a3).write({"priority": "recommande"})
        self.a2.estimate = "extend_lifespan:desktop:1"
        self.a3.estimate = "extend_lifespan:laptop:1"
        avoided = (self.a2 | self.a3)._ecoclic_avoided_criteria(self.company_a)
        carbon, metals = (
            avoided[self.company_a.id, self.a2.id],
            avoided[self.company_a.id, self.a3.id],
        )
        self.assertAlmostEqual(carbon.gwp, 10 * 1000 * (1 / 5 - 1 / 6))
        self.assertAlmostEqual(metals.gwp, 10 * 100 * (1 / 4 - 1 / 5))
        self.assertAlmostEqual(metals.adpe, 10 * 0.05 * (1 / 4 - 1 / 5))
        self.assertAlmostEqual(
            weighted_points(metals),
            50 / 8100 * 0.2106 + 0.025 / 0.0636 * 0.0755 + 50 / 65000 * 0.0832,
        )
        self.assertGreater(weighted_points(metals), weighted_points(carbon))
        assessment = self.submitted(self.company_a, self.user_a)
        recommendations = assessment.recommendation_ids.sorted("rank")
        self.assertEqual([r.action_id for r in recommendations], [self.a1, self.a3, self.a2])
        # The recommendation still says the CO2e it avoids.
        self.assertGreater(recommendations[2].avoided, recommendations[1].avoided)

    def test_planned_actions_are_marked_not_repeated(self):
        first = self.submitted(self.company_a, self.user_a)
        Line = self.env["ecoclic.plan.line"].with_user(self.user_a)
        lines = (
            first.recommendation_ids.filtered(lambda r: r.action_id == self.a1)
            .with_user(self.user_a)
            ._ecoclic_add_to_plan()
        )
        self.assertEqual(lines.action_id, self.a1)
        self.assertEqual(lines.state, "to_plan")
        lines.write({"state": "done", "date_done": date(2026, 5, 1)})
        second = self.submitted(self.company_a, self.user_a)
        marked = second.recommendation_ids.filtered(lambda r: r.action_id == self.a1)
        self.assertEqual(marked.plan_line_id, lines)
        self.assertEqual(marked.plan_state, "done")
        action = second.recommendation_ids.with_user(self.user_a).action_ecoclic_add_to_plan()
        self.assertEqual(
            action["params"]["message"],
            "2 actions added to the plan, to be scheduled: give each one an owner and a due date.",
        )
        added = Line.search([("recommendation_id", "in", second.recommendation_ids.ids)])
        self.assertEqual(added.action_id, self.a2 | self.a3)
        self.assertEqual(Line.search_count([("action_id", "=", self.a1.id)]), 1)
        self.assertFalse(
            second.recommendation_ids.with_user(self.user_a)._ecoclic_add_to_plan(),
            "twice adds nothing",
        )
        action = second.recommendation_ids.with_user(self.user_a).action_ecoclic_add_to_plan()
        self.assertEqual(action["params"]["message"], "These actions are already in the plan.")
        # Named after its action, not "ecoclic.recommendation,42"; the how comes along.
        recommendation = marked.with_user(self.user_a)
        self.assertEqual(recommendation.display_name, self.a1.name)
        self.assertEqual(recommendation.description, self.a1.description)

    def test_dashboard_next_steps(self):
        company = self.company_a.with_user(self.user_a)
        # Never assessed: the button starts one, then continues the same one.
        action = company.action_ecoclic_continue_assessment()
        draft = self.env["ecoclic.assessment"].browse(action["res_id"])
        self.assertEqual((draft.state, draft.company_id), ("draft", self.company_a))
        company.invalidate_recordset()
        self.assertEqual(company.action_ecoclic_continue_assessment()["res_id"], draft.id)
        # Another collectivity's user cannot start one here.
        with self.assertRaises(AccessError):
            self.company_b.with_user(self.user_a).action_ecoclic_continue_assessment()
        draft.unlink()
        assessment = self.submitted(self.company_a, self.user_a)
        company.invalidate_recordset()
        action = company.action_ecoclic_top_recommendations()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]), assessment.recommendation_ids
        )
        line = (
            self.env["ecoclic.plan.line"]
            .with_user(self.user_a)
            .create(
                {
                    "name": "Late",
                    "company_id": self.company_a.id,
                    "user_id": self.user_a.id,
                    "date_due": date(2020, 1, 1),
                    "state": "planned",
                }
            )
        )
        action = company.action_ecoclic_overdue_actions()
        self.assertEqual(action["context"], {"search_default_overdue": 1})
        self.assertIn(
            line, self.env[action["res_model"]].search(action["domain"] + [("overdue", "=", True)])
        )

    def test_abandoning_an_action_says_why(self):
        line = (
            self.env["ecoclic.plan.line"]
            .with_user(self.user_a)
            .create({"name": "Keep laptops six years", "company_id": self.company_a.id})
        )
        action = line.action_abandon()
        self.assertEqual(action["res_model"], "ecoclic.plan.abandon")
        wizard = (
            self.env["ecoclic.plan.abandon"]
            .with_user(self.user_a)
            .with_context(**action["context"])
            .create({"reason": "No budget this year"})
        )
        self.assertEqual(wizard.line_ids, line)
        wizard.action_confirm()
        self.assertEqual((line.state, line.abandon_reason), ("abandoned", "No budget this year"))
        # Another collectivity's user can neither open nor confirm it on A's line.
        other = (
            self.env["ecoclic.plan.line"]
            .with_user(self.user_a)
            .create({"name": "Print less", "company_id": self.company_a.id})
        )
        with self.assertRaises(AccessError):
            other.with_user(self.user_b).action_abandon()
        with self.assertRaises(AccessError):
            self.env["ecoclic.plan.abandon"].with_user(self.user_b).create(
                {"reason": "x", "line_ids": [(6, 0, other.ids)]}
            ).action_confirm()
        self.assertEqual(other.state, "to_define")

    def test_board_folds_closed_statuses(self):
        """The plan's board (grouped by status) shows every status, the completed and
        abandoned ones folded, so its columns fit 1440 px without scrolling sideways."""
        Line = self.env["ecoclic.plan.line"].with_user(self.user_a)
        Line.create({"name": "Print less", "company_id": self.company_a.id, "state": "planned"})
        groups = Line.web_read_group(
            [("company_id", "=", self.company_a.id)], ["state"], ["state"]
        )["groups"]
        folded = {group["state"]: group["__fold"] for group in groups}
        self.assertEqual(
            folded,
            {
                "to_define": False,
                "to_plan": False,
                "planned": False,
                "in_progress": False,
                "done": True,
                "abandoned": True,
            },
        )
        # Grouped otherwise, nothing is folded by us.
        groups = Line.web_read_group(
            [("company_id", "=", self.company_a.id)], ["axis_id"], ["axis_id"]
        )["groups"]
        self.assertFalse(any(group.get("__fold") for group in groups))

    def test_status_transitions_and_bad_input(self):
        Line = self.env["ecoclic.plan.line"].with_user(self.user_a)
        line = Line.create(
            {
                "name": "Keep laptops six years",
                "date_start": date(2026, 1, 1),
                "date_due": date(2026, 12, 31),
            }
        )
        self.assertEqual(line.state, "to_define")
        line.action_start()
        self.assertEqual(line.state, "in_progress")
        line.action_done()
        self.assertEqual((line.state, line.progress), ("done", 100))
        self.assertEqual(line.date_done, fields.Date.context_today(line))
        cases = [
            ({"date_due": date(2025, 12, 1)}, "due before it starts"),
            ({"progress": 120}, "from 0 to 100"),
            ({"progress": -1}, "from 0 to 100"),
            ({"state": "done", "date_done": False}, "give the date"),
            ({"state": "abandoned", "abandon_reason": " "}, "Say why"),
        ]
        for values, message in cases:
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, message):
                with self.env.cr.savepoint():
                    line.write(values)
        line.write({"state": "abandoned", "abandon_reason": "Replaced by a pooled fleet"})
        self.assertEqual(line.state, "abandoned")
        # A plan line cannot point at another collectivity's own action.
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                self.env["ecoclic.plan.line"].create(
                    {"name": "Borrowed", "company_id": self.company_a.id, "action_id": self.a5.id}
                )

    def test_indicators_bound_to_the_fleet_update_themselves(self):
        line = self.env["ecoclic.plan.line"].create(
            {"name": "Extend", "company_id": self.company_a.id}
        )
        indicator = self.env["ecoclic.plan.indicator"].create(
            {
                "line_id": line.id,
                "name": "Age ratio",
                "source": "fleet_inventory_coverage",
                "target": 90,
            }
        )
        manual = self.env["ecoclic.plan.indicator"].create(
            {"line_id": line.id, "name": "Staff trained", "target": 20, "manual_value": 25}
        )
        self.assertEqual(indicator.measured, 100.0)  # 10 laptops, all inventoried
        self.assertTrue(indicator.reached)
        self.assertTrue(manual.reached)
        self.env["maintenance.equipment"].create(
            [{"name": f"Unknown {i}", "company_id": self.company_a.id} for i in range(10)]
        )
        indicator.invalidate_recordset()
        self.assertEqual(indicator.measured, 50.0)
        self.assertFalse(indicator.reached)

    def test_scheduled_follow_up_is_idempotent(self):
        self.company_a.ecoclic_referent_id = self.user_a
        self.env["res.lang"]._activate_lang("fr_FR")
        self.user_a.lang = "fr_FR"  # the job runs in no one's language; the to-do is hers
        Line = self.env["ecoclic.plan.line"]
        late = Line.create(
            {
                "name": "Late",
                "company_id": self.company_a.id,
                "user_id": self.user_a.id,
                "date_due": date(2020, 1, 1),
                "state": "planned",
            }
        )
        Line.create(
            {
                "name": "On time",
                "company_id": self.company_a.id,
                "user_id": self.user_a.id,
                "date_due": date(2099, 1, 1),
            }
        )
        later = fields.Date.context_today(late) + relativedelta(months=7)
        Company = self.env["res.company"].with_context(ecoclic_today=later)
        created = Company._cron_ecoclic_plan_followup()
        review = self.env["ecoclic.plan.review"].search([("company_id", "=", self.company_a.id)])
        self.assertEqual(len(review), 1)
        self.assertEqual(review.state, "planned")
        ours = created.filtered(
            lambda a: (
                (a.res_model, a.res_id)
                in {("ecoclic.plan.line", late.id), ("ecoclic.plan.review", review.id)}
            )
        )
        self.assertEqual(len(ours), 2, "a review to-do and one overdue reminder")
        self.assertEqual(set(ours.user_id.ids), {self.user_a.id})
        self.assertEqual(
            set(ours.mapped("summary")),
            {
                "En retard : mettez à jour l'action ou son échéance",
                "Faire la revue du plan d'actions de sobriété numérique",
            },
        )
        self.assertFalse(
            created.filtered(
                lambda a: (
                    a.res_model == "ecoclic.plan.line"
                    and a.res_id != late.id
                    and a.res_id in Line.search([("company_id", "=", self.company_a.id)]).ids
                )
            )
        )
        self.assertFalse(Company._cron_ecoclic_plan_followup(), "a rerun adds nothing")
        # The review is held: its figures are kept, the next one is due 6 months later.
        review.with_user(self.user_a).write({"decisions": "<p>Keep going</p>"})
        review.with_user(self.user_a).action_close()
        self.assertEqual((review.state, review.line_count, review.overdue_count), ("done", 2, 1))
        self.assertFalse(review.activity_ids)
        with self.assertRaises(UserError):
            review.date = date(2020, 1, 1)
        self.assertEqual(
            self.company_a.with_context(ecoclic_today=later).ecoclic_next_review_date,
            review.date + relativedelta(months=6),
        )

    def test_dashboard_figures(self):
        Line = self.env["ecoclic.plan.line"]
        done = Line.create(
            {"name": "Done", "company_id": self.company_a.id, "action_id": self.a2.id}
        )
        done.write({"state": "done", "date_done": date(2026, 3, 1)})
        Line.create({"name": "Half", "company_id": self.company_a.id, "progress": 50})
        Line.create(
            {
                "name": "Dropped",
                "company_id": self.company_a.id,
                "progress": 90,
                "state": "abandoned",
                "abandon_reason": "No budget",
            }
        )
        company = self.company_a
        self.assertEqual(company.ecoclic_plan_count, 2)
        self.assertEqual(company.ecoclic_plan_completion, 75.0)
        self.assertAlmostEqual(company.ecoclic_plan_avoided, 10 * 181 * (1 / 4 - 1 / 6), delta=0.5)

    def test_company_isolation(self):
        assessment = self.submitted(self.company_a, self.user_a)
        line = assessment.recommendation_ids[:1].with_user(self.user_a)._ecoclic_add_to_plan()
        for model, record in (
            ("ecoclic.recommendation", assessment.recommendation_ids[:1]),
            ("ecoclic.plan.line", line),
        ):
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(self.user_b).search([]))
                with self.assertRaises(AccessError):
                    record.with_user(self.user_b).read(["company_id"])
        # B's own action is not in A's catalogue.
        self.assertNotIn(self.a5, self.env["ecoclic.action"].with_user(self.user_a).search([]))
        with self.assertRaises(AccessError):
            self.a1.with_user(self.user_a).write({"impact": 1})  # the shared catalogue


@tagged("post_install", "-at_install")
class TestAssessmentExports(PlanCase):
    """The workbook read back with openpyxl, and the printable report."""

    def test_xlsx_read_back(self):
        assessment, lines = self._exported()
        content = assessment.with_user(self.user_a).with_context(lang="fr_FR")._ecoclic_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(
            book.sheetnames,
            ["Synthèse", "Pairs", "Recommandations", "Plan d'actions", "Bilan REEN"],
        )
        summary = book["Synthèse"]
        cells = {summary.cell(row, 1).value: summary.cell(row, 2).value for row in range(1, 12)}
        self.assertEqual(cells["Score global"], assessment.overall_score)
        self.assertEqual(cells["Collectivité"], "Commune A")
        axis_rows = [
            [c.value for c in row]
            for row in summary.iter_rows(min_row=12, max_col=5)
            if row[0].value
        ]
        self.assertEqual(axis_rows[0], ["Axe", "Score", "Note", "Cible", "Par rapport à la cible"])
        self.assertEqual(sorted(r[1] for r in axis_rows[1:]), [0, 33])
        # The gap in words: a bare −1 or +21 reads both ways.
        self.assertTrue(
            all(
                r[4].endswith(
                    (
                        "sous la cible",
                        "au-dessus de la cible",
                        "Cible atteinte",
                        "Aucune cible fixée",
                    )
                )
                for r in axis_rows[1:]
            ),
            axis_rows,
        )
        self.assertTrue(summary._charts, "a chart of the scores")
        recommendations = book["Recommandations"]
        self.assertEqual(recommendations["A1"].value, "Rang")
        self.assertEqual(
            [recommendations.cell(r, 2).value for r in (2, 3, 4)],
            ["Action T-01", "Action T-02", "Action T-03"],
        )
        self.assertEqual(recommendations["I2"].value, "En cours")  # A1, started
        self.assertEqual(recommendations["I3"].value, "Réalisée")  # A2, done
        plan = book["Plan d'actions"]
        headers = [c.value for c in plan[1]]
        self.assertEqual(
            headers[:7],
            ["Action", "Axe", "Responsable", "Service porteur", "Début", "Échéance", "Statut"],
        )
        row = next(r for r in plan.iter_rows(min_row=2) if r[0].value == lines[0].name)
        self.assertEqual(row[4].value.date(), date(2026, 1, 5))
        self.assertEqual(row[4].number_format, "dd/mm/yyyy")
        self.assertEqual(row[7].value, 0.4)
        self.assertEqual(row[7].number_format, "0%")
        self.assertEqual(row[6].value, "En cours")
        reen = book["Bilan REEN"]
        themes = [reen.cell(r, 1).value for r in range(5, 11)]
        self.assertEqual(len([t for t in themes if t]), 6)
        done = "".join(str(reen.cell(r, 4).value or "") for r in range(5, 11))
        under_way = "".join(str(reen.cell(r, 5).value or "") for r in range(5, 11))
        self.assertIn("Action T-02", done)  # gouvernance and achats map to REEN themes
        self.assertIn("Action T-01", under_way)
        self.assertNotIn("Action T-01", done)

    def test_printable_report(self):
        assessment, _lines = self._exported()
        Report = self.env["ir.actions.report"]
        html = Report._render_qweb_html(
            "ecoclic_odoo.action_report_ecoclic_assessment", assessment.ids
        )[0].decode()
        for text in ("Action T-01", "Action T-02", "Commune A", "o_ecoclic_report_reen"):
            self.assertIn(text, html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "ecoclic_odoo.action_report_ecoclic_assessment", assessment.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreater(len(pdf), 5000)
        # Real text (system fonts, not web fonts drawn as shapes): it can be selected,
        # searched and read aloud; every page has its number, stamped at its foot.
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        pages = reader.getNumPages()
        text = [" ".join(reader.getPage(n).extractText().split()) for n in range(pages)]
        self.assertIn("Action T-01", " ".join(text))
        self.assertIn("Commune A", text[0])
        for number, page in enumerate(text, start=1):
            self.assertIn(f"Assessment report – page {number} of {pages}", page)

    def test_user_text_is_never_a_formula(self):
        """Whatever a collectivity's users type (an action, their name, a service, an
        indicator) reaches the workbook as text, never as a formula or a link."""
        assessment, lines = self._exported()
        agent = company_user(
            self.env, self.company_a, login="agent_a", groups="ecoclic_odoo.group_ecoclic_user"
        )
        agent.with_user(agent).write({"name": "+cmd"})  # their own name
        attacks = {
            "hyperlink": '=HYPERLINK("http://x","y")',
            "sum": "@SUM(1)",
            "minus": "-2+3",
            "tab": "\tService numérique",
            "owner": "+cmd",
            "indicator": "=1+1: 0 / 5",
        }
        Line = self.env["ecoclic.plan.line"].with_user(agent)
        Line.browse(lines[0].id).write(
            {"name": attacks["hyperlink"], "user_id": agent.id, "department": attacks["minus"]}
        )
        Line.browse(lines[1].id).write({"name": attacks["sum"], "department": attacks["tab"]})
        self.env["ecoclic.plan.indicator"].with_user(agent).create(
            {"line_id": lines[0].id, "name": "=1+1", "target": 5}
        )
        Line.create({"name": "https://phishing.example/login", "company_id": self.company_a.id})
        self.company_a.name = "@SUM(1)"
        content = assessment.with_user(self.user_a)._ecoclic_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(content))
        cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
        self.assertFalse(
            [cell.coordinate for cell in cells if cell.data_type == "f"],
            "no formula in the workbook",
        )
        texts = {cell.value for cell in cells if cell.data_type == "s"}
        for name, attack in attacks.items():
            with self.subTest(attack=name):
                self.assertIn(attack, texts, "written as text, exactly")
        plan = book["Action plan"]
        row = next(r for r in plan.iter_rows(min_row=2) if r[0].value == attacks["hyperlink"])
        self.assertEqual(
            [c.value for c in row[:4]],
            [attacks["hyperlink"], "Governance & strategy", "+cmd", "-2+3"],
        )
        self.assertIn("https://phishing.example/login", texts)
        self.assertFalse([cell.coordinate for cell in cells if cell.hyperlink], "nor a link")
        self.assertEqual(book["Summary"]["B3"].value, "@SUM(1)")
        reen = [c.value for r in book["REEN summary"].iter_rows(min_row=5) for c in r[3:5]]
        self.assertIn(attacks["hyperlink"], reen)
        self.assertIn(attacks["sum"], reen)

    def test_csv_cells_that_would_be_formulas_are_quoted(self):
        for value in ("=1+1", "+cmd", "-2+3", "@SUM(1)", "\tx", "\rx"):
            self.assertEqual(csv_cell(value), "'" + value)
        self.assertEqual(set(CSV_FORMULA_TRIGGERS), {"=", "+", "-", "@", "\t", "\r"})
        for value in (-2, 3.5, 0, None, True, "Commune A", "", "2A", "a=b"):
            self.assertEqual(csv_cell(value), value, "numbers and plain text are left alone")


@tagged("post_install", "-at_install")
class TestAssessmentDownload(PlanCase, HttpCase):
    """The workbook streamed by the export route, as the collectivity's users."""

    def test_referent_downloads_others_are_refused(self):
        assessment, _lines = self._exported()
        Attachment = self.env["ir.attachment"].sudo()
        attachments = Attachment.search_count([])
        action = assessment.with_user(self.user_a).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        url = action["url"]
        self.assertEqual(url, f"/ecoclic/export/assessment-xlsx/{assessment.id}")
        self.authenticate("referent_a", "referent_a")
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.headers["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        self.assertTrue(response.headers["Content-Disposition"].startswith("attachment;"))
        self.assertRegex(
            response.headers["Content-Disposition"], r"-Commune%20A-\d{4}-\d{2}-\d{2}\.xlsx$"
        )
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertIn("Action T-01", [c.value for c in book.worksheets[3]["A"]])
        self.assertEqual(Attachment.search_count([]), attachments, "no attachment left")
        # B's référent, a stranger, no session: nothing of A.
        self.authenticate("referent_b", "referent_b")
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(b"Commune A", response.content)
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_b).action_export_xlsx()
        self.logout()
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        # Unknown exports and records are not found; a draft is not exported.
        self.authenticate("referent_a", "referent_a")
        self.assertEqual(self.url_open(f"/ecoclic/export/nothing/{assessment.id}").status_code, 404)
        self.assertEqual(
            self.url_open("/ecoclic/export/assessment-xlsx/999999999").status_code, 404
        )
        draft = (
            self.env["ecoclic.assessment"]
            .with_user(self.user_a)
            .create({"survey_id": self.survey.id, "company_id": self.company_a.id})
        )
        with self.assertRaises(UserError):
            draft.action_export_xlsx()
        self.assertEqual(
            self.url_open(f"/ecoclic/export/assessment-xlsx/{draft.id}").status_code, 400
        )
        self.assertEqual(Attachment.search_count([]), attachments)
