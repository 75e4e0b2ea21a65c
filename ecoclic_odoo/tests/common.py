# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, common, new_test_user


def company_user(env, company, login, groups, **values):
    """A test user of `company` alone (its current and only allowed company), in `groups`
    (comma-separated XML ids); other `values` (lang, name…) go to Odoo's new_test_user."""
    return new_test_user(
        env, login=login, groups=groups, company_id=company.id, company_ids=[company.id], **values
    )


class EcoclicTourCase(HttpCase):
    """Browser tours that fail, instead of skipping, where they cannot run.

    Odoo skips ``start_tour`` silently when Chromium or websocket-client is missing;
    a skipped tour would hide a broken screen, so the suite must notice it.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if common.websocket is None:
            raise AssertionError("websocket-client is not installed: browser tours cannot run")
        try:
            common._find_executable()
        except unittest.SkipTest as exc:
            raise AssertionError(f"browser tours cannot run: {exc}") from None

    _ecoclic_warmed_up = False  # once per Odoo process

    def setUp(self):
        super().setUp()
        if not EcoclicTourCase._ecoclic_warmed_up:
            EcoclicTourCase._ecoclic_warmed_up = True
            self._ecoclic_warm_up()

    def _ecoclic_warm_up(self):
        """The run's first page pays for the routing map and the web client's templates
        (compiled per language): 15 to 23 s on a loaded machine, where the first tour's
        navigation gets 20 s (Odoo's fixed timeout) and the next pages take 2 s. Pay it
        here, with time to spare, in each installed language."""
        admin = self.env.ref("base.user_admin")
        for lang, _name in self.env["res.lang"].get_installed():
            admin.lang = lang
            self.authenticate("admin", "admin")
            self.url_open("/odoo", timeout=300).raise_for_status()
        self.logout()


class MaturityQuestionnaireMixin:
    """A small maturity questionnaire whose scores are easy to compute by hand.

    Gouvernance: Q1 (weights 0/1/2/3), Q1a shown only when Q1's last answer is chosen
    (0/1/3), Q2 (0/2/3). Achats: Q3 (0/1/3), Q4 at level 2 (0/3), Q5 (0/3).
    """

    @classmethod
    def _make_survey(cls, code, extra_questions=0):
        """(survey, {name: question}) for the questionnaire above; extra_questions adds that
        many scored questions to a third section."""
        axis_gov = cls.env.ref("ecoclic_odoo.axis_gouvernance")
        axis_ach = cls.env.ref("ecoclic_odoo.axis_achats")
        Question = cls.env["survey.question"]
        survey = cls.env["survey.survey"].create(
            {
                "title": f"Questionnaire {code}",
                "ecoclic_is_maturity": True,
                "ecoclic_code": code,
                "survey_type": "assessment",
                "access_mode": "token",
                "users_login_required": True,
                "questions_layout": "page_per_section",
            }
        )

        def question(title, sequence, weights, **extra):
            return Question.create(
                {
                    "survey_id": survey.id,
                    "title": title,
                    "sequence": sequence,
                    "question_type": "simple_choice",
                    "constr_mandatory": True,
                    "ecoclic_code": title,
                    "suggested_answer_ids": [
                        Command.create(
                            {"value": f"{title} answer {i}", "sequence": i, "ecoclic_weight": w}
                        )
                        for i, w in enumerate(weights)
                    ],
                    **extra,
                }
            )

        Question.create(
            {
                "survey_id": survey.id,
                "title": "Gouvernance",
                "is_page": True,
                "sequence": 10,
                "ecoclic_axis_id": axis_gov.id,
            }
        )
        q1 = question("Q1", 11, [0, 1, 2, 3])
        q1a = question(
            "Q1a",
            12,
            [0, 1, 3],
            triggering_answer_ids=[Command.set(q1.suggested_answer_ids[-1:].ids)],
        )
        q2 = question("Q2", 13, [0, 2, 3])
        Question.create(
            {
                "survey_id": survey.id,
                "title": "Achats",
                "is_page": True,
                "sequence": 20,
                "ecoclic_axis_id": axis_ach.id,
            }
        )
        q3 = question("Q3", 21, [0, 1, 3])
        q4 = question("Q4", 22, [0, 3], ecoclic_level="2")
        q5 = question("Q5", 23, [0, 3])
        questions = {"q1": q1, "q1a": q1a, "q2": q2, "q3": q3, "q4": q4, "q5": q5}
        if extra_questions:
            Question.create(
                {
                    "survey_id": survey.id,
                    "title": "Parc",
                    "is_page": True,
                    "sequence": 30,
                    "ecoclic_axis_id": cls.env.ref("ecoclic_odoo.axis_parc").id,
                }
            )
            for i in range(extra_questions):
                questions[f"x{i}"] = question(f"X{i}", 31 + i, [0, 1, 2, 3])
        survey.action_ecoclic_publish()
        return survey, questions


class EcoclicMaturityCase(MaturityQuestionnaireMixin, TransactionCase):
    """Two collectivities, a référent each, and the small questionnaire."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Messages are asserted in English; the test database also speaks French.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.axis_gov = cls.env.ref("ecoclic_odoo.axis_gouvernance")
        cls.axis_ach = cls.env.ref("ecoclic_odoo.axis_achats")
        cls.survey, cls.q = cls._make_survey("test-maturity")
        cls.company_a = cls.env["res.company"].create(
            {
                "name": "Commune A",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 1500,
                "ecoclic_target_score": 70,
            }
        )
        cls.company_b = cls.env["res.company"].create(
            {
                "name": "Commune B",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 1700,
            }
        )
        cls.user_a = company_user(
            cls.env, cls.company_a, login="referent_a", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        cls.user_b = company_user(
            cls.env,
            cls.company_b,
            login="referent_b",
            groups="ecoclic_odoo.group_ecoclic_manager,survey.group_survey_manager",
        )

    def answer(self, assessment, question, position):
        """Choose the answer at `position` (0-based) of `question`, as survey's pages do."""
        user_input = assessment.sudo().user_input_id
        user_input._save_lines(question, question.suggested_answer_ids.sorted()[position].id)
