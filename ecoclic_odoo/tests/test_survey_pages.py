# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import MaturityQuestionnaireMixin, company_user


@tagged("post_install", "-at_install")
class TestSurveyPages(MaturityQuestionnaireMixin, HttpCase):
    """Survey's pages of an assessment: a way back to it in Odoo, and "continue" (not
    "start") once some answers are there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey, cls.questions = cls._make_survey("pages")
        Company = cls.env["res.company"]
        cls.company = Company.create(
            {"name": "Commune des Pages", "ecoclic_collectivity_type": "commune"}
        )
        other = Company.create({"name": "Commune d'à Côté", "ecoclic_collectivity_type": "commune"})
        cls.referent = company_user(
            cls.env,
            cls.company,
            login="pages_referent",
            groups="ecoclic_odoo.group_ecoclic_manager",
            lang="fr_FR",
        )
        company_user(
            cls.env,
            cls.company,
            login="pages_agent",
            groups="ecoclic_odoo.group_ecoclic_user",
            lang="fr_FR",
        )
        company_user(
            cls.env, other, login="pages_outsider", groups="ecoclic_odoo.group_ecoclic_user"
        )
        cls.assessment = (
            cls.env["ecoclic.assessment"]
            .with_user(cls.referent)
            .create({"survey_id": cls.survey.id})
        )
        cls.user_input = cls.assessment.sudo().user_input_id
        cls.page = f"/survey/{cls.survey.access_token}/{cls.user_input.access_token}"
        cls.back = f'href="/odoo/action-ecoclic_odoo.action_ecoclic_assessment/{cls.assessment.id}"'

    def test_a_colleague_finds_the_way_back_and_starts(self):
        self.authenticate("pages_agent", "pages_agent")
        response = self.url_open(self.page)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.back, response.text)
        self.assertIn("Retour à l'évaluation", response.text)
        self.assertIn('value="start"', response.text)
        self.assertIn("Lancer le sondage", response.text)
        self.assertNotIn("Continuer le questionnaire", response.text)

    def test_a_questionnaire_partly_answered_is_continued(self):
        q1 = self.questions["q1"]
        self.user_input._save_lines(q1, q1.suggested_answer_ids[1])
        self.assertEqual(self.user_input.state, "new")
        self.authenticate("pages_referent", "pages_referent")
        response = self.url_open(self.page)
        # In the référent's French.
        self.assertIn("Continuer le questionnaire", response.text)
        self.assertNotIn("Lancer le sondage", response.text)
        total = len(self.user_input.predefined_question_ids)
        self.assertRegex(
            response.text, rf"Réponses déjà données\s*:\s*<strong>1 / {total}</strong>"
        )
        self.assertIn("Retour à l'évaluation", response.text)
        self.assertIn(self.back, response.text)

    def test_nobody_else_gets_the_link(self):
        self.authenticate("pages_outsider", "pages_outsider")
        response = self.url_open(self.page)
        self.assertNotIn(self.back, response.text)
        self.assertNotIn("Retour à l'évaluation", response.text)
        self.logout()
        response = self.url_open(self.page)
        self.assertNotIn(self.back, response.text)
        self.assertNotIn("Retour à l'évaluation", response.text)


@tagged("post_install", "-at_install")
class TestCreationMessage(MaturityQuestionnaireMixin, HttpCase):
    """The chatter's creation message in one language, even when the record is created
    without a language in the context (scheduled jobs, the demo)."""

    def test_creation_message_in_the_users_language(self):
        survey, _questions = self._make_survey("creation")
        company = self.env["res.company"].create(
            {"name": "Commune du Message", "ecoclic_collectivity_type": "commune"}
        )
        referent = company_user(
            self.env,
            company,
            login="message_referent",
            groups="ecoclic_odoo.group_ecoclic_manager",
            lang="fr_FR",
        )
        env = self.env(user=referent, context={})  # no "lang" in the context
        assessment = env["ecoclic.assessment"].create({"survey_id": survey.id})
        body = str(assessment.sudo().message_ids[-1:].body)
        self.assertIn("Évaluation de maturité", body)
        self.assertNotIn("Maturity assessment", body)
        # With a language in the context, Odoo's own behaviour.
        english = (
            env["ecoclic.assessment"].with_context(lang="en_US").create({"survey_id": survey.id})
        )
        self.assertIn("Maturity assessment created", str(english.sudo().message_ids[-1:].body))
