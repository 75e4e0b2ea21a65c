# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_date, formatLang

from .common import company_user
from .test_purchase import PurchaseCase

START = date(2026, 6, 30)


@tagged("post_install", "-at_install")
class TestAnswersFromData(PurchaseCase):
    """The default questionnaire's questions bound to an indicator are pre-answered from the
    collectivity's purchases and fleet when an assessment starts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.ecoclic_agent_count = 4
        cls.survey = cls.env.ref("ecoclic_odoo.survey_maturity_v1")
        # Last 12 months (2025-07-01 to 2026-06-30): 3 new laptops, 1 refurbished: 600 of
        # 3 600, 16.7 %. Earlier: 9 refurbished, outside the period.
        cls.confirm(
            cls.order(
                cls.company_a, [(cls.laptop, 3, {}), (cls.refurb_cheap, 1, {"price_unit": 600})]
            ),
            datetime(2026, 3, 2),
        )
        cls.confirm(
            cls.order(cls.company_a, [(cls.refurb_cheap, 9, {"price_unit": 600})]),
            datetime(2025, 5, 1),
        )
        Equipment = cls.env["maintenance.equipment"]

        def item(name, category=None, acquired=date(2023, 6, 30), **values):
            return Equipment.create(
                {
                    "name": name,
                    "company_id": cls.company_a.id,
                    "ecoclic_category_id": category and category.id,
                    "ecoclic_acquisition_date": acquired if category else False,
                    "effective_date": acquired,
                    **values,
                }
            )

        # In service on 2026-06-30: 6 laptops 2.4 years old (60 % of the 4 years of
        # Boavizta's laptop-pro) and 2 devices without a category: 6 of 8 inventoried
        # (75 %), 6 devices for 4 agents (1.5).
        for i in range(6):
            item(f"Laptop {i}", cls.cat_laptop, date(2024, 2, 5))
        item("Unknown device 1")
        item("Unknown device 2")
        # Parted with during the period: one donated (reuse), one recycled: 50 %.
        item(
            "Donated laptop",
            cls.cat_laptop,
            date(2022, 1, 1),
            ecoclic_lifecycle="donated",
            scrap_date=date(2026, 2, 1),
        )
        item(
            "Recycled laptop",
            cls.cat_laptop,
            date(2022, 1, 1),
            ecoclic_lifecycle="recycled",
            scrap_date=date(2026, 3, 1),
        )
        cls.referent_a = company_user(
            cls.env,
            cls.company_a,
            login="data_referent_a",
            groups="ecoclic_odoo.group_ecoclic_manager",
        )

    def start(self, company):
        return self.env["ecoclic.assessment"].create(
            {
                "company_id": company.id,
                "survey_id": self.survey.id,
                "date_start": START,
            }
        )

    def question(self, code):
        return self.survey.question_ids.filtered(lambda q: q.ecoclic_code == code)

    def test_default_questionnaire_ships_bound_questions(self):
        bound = self.survey.question_ids.filtered("ecoclic_indicator")
        self.assertGreaterEqual(len(bound), 5)
        self.assertEqual(len(set(bound.mapped("ecoclic_indicator"))), 6)

    def test_questions_are_pre_answered_with_the_figure_and_its_period(self):
        assessment = self.start(self.company_a)
        prefills = {p.question_id.ecoclic_code: p for p in assessment.prefill_ids}
        expected = {
            # code: (figure, first day, answer position (1-based) in the questionnaire)
            "ACH-03": (100 * 600 / 3600, date(2025, 7, 1), 2),  # 5 % to less than 20 %
            "PAR-01": (75.0, None, 3),  # 50 % to less than 90 %
            "PAR-02": (1.5, None, 4),  # fewer than 2 per agent
            "PAR-06": (None, None, 3),  # 50 % to less than 70 % of the lifespan
            "PAR-15": (50.0, date(2025, 7, 1), 4),  # 50 % or more
        }
        self.assertEqual(set(prefills), set(expected))
        for code, (figure, first_day, position) in expected.items():
            prefill = prefills[code]
            with self.subTest(code=code):
                if figure is not None:
                    self.assertAlmostEqual(prefill.value, figure, places=2)
                self.assertEqual(prefill.date_from or None, first_day)
                self.assertEqual(prefill.date_to, START)
                answers = self.question(code).suggested_answer_ids.sorted("sequence")
                self.assertEqual(prefill.answer_id, answers[position - 1])
                self.assertEqual(prefill.current_answer_id, prefill.answer_id)
                self.assertFalse(prefill.overridden)
                # The list shows the answer's own label, not "question : answer".
                self.assertEqual(prefill.answer_label, answers[position - 1].value)
                self.assertEqual(prefill.current_answer_label, prefill.answer_label)
                self.assertNotIn(prefill.question_id.title, prefill.answer_label)
        # 2.4 years of a four-year lifespan (876 days of 1 461).
        self.assertAlmostEqual(prefills["PAR-06"].value, 60.0, delta=0.1)
        # The survey's answer holds them, so they count in the scores.
        lines = assessment.user_input_id.user_input_line_ids
        self.assertEqual(
            {line.question_id.ecoclic_code: line.suggested_answer_id for line in lines},
            {code: prefill.answer_id for code, prefill in prefills.items()},
        )
        note = prefills["ACH-03"].with_context(lang="en_US").note
        self.assertIn("17 %", note)
        self.assertIn(format_date(self.env, date(2025, 7, 1)), note)
        self.assertIn(format_date(self.env, START), note)
        # Decimals as the reader's language writes them (a comma in French); English falls
        # back to the instance's language where English is not installed.
        english = formatLang(self.env(context={"lang": "en_US"}), 1.5, digits=1)
        self.assertIn(f"{english} per agent", prefills["PAR-02"].with_context(lang="en_US").note)
        self.assertIn("1,5 par agent", prefills["PAR-02"].with_context(lang="fr_FR").note)

    def test_the_referent_overrides_with_a_comment(self):
        assessment = self.start(self.company_a).with_user(self.referent_a)
        question = self.question("ACH-03")
        user_input = assessment.sudo().user_input_id
        last = question.suggested_answer_ids.sorted("sequence")[-1]
        user_input._save_lines(question, last.id)
        prefill = assessment.prefill_ids.filtered(lambda p: p.question_id == question)
        self.assertTrue(prefill.overridden)
        with self.assertRaisesRegex(UserError, "without a comment"):
            assessment.action_submit()
        user_input._save_lines(question, last.id, comment="Donations of the département")
        prefill.invalidate_recordset()
        self.assertEqual(prefill.comment, "Donations of the département")
        # The explanation is given: what stops the submission now is the unanswered rest.
        with self.assertRaisesRegex(UserError, "not answered"):
            assessment.action_submit()

    def test_no_data_no_pre_answer_and_isolation(self):
        assessment_a = self.start(self.company_a)
        assessment_b = self.start(self.company_b)
        self.assertFalse(assessment_b.prefill_ids, "B has no fleet nor purchases")
        self.assertFalse(assessment_b.user_input_id.user_input_line_ids)
        referent_b = company_user(
            self.env,
            self.company_b,
            login="data_referent_b",
            groups="ecoclic_odoo.group_ecoclic_manager",
        )
        Prefill = self.env["ecoclic.assessment.prefill"].with_user(referent_b)
        self.assertFalse(Prefill.search([]))
        with self.assertRaises(AccessError):
            assessment_a.prefill_ids.with_user(referent_b).read(["value"])
