# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import EcoclicTourCase, company_user


class AwarenessCase(HttpCase):
    """Collectivity A (10 agents): a référent, three agents in two services and a
    contact without a user (French); collectivity B's référent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.company_a = Company.create({"name": "Awareness A", "ecoclic_agent_count": 10})
        cls.company_b = Company.create({"name": "Awareness B", "ecoclic_agent_count": 5})
        cls.referent = company_user(
            cls.env,
            cls.company_a,
            "aw.referent",
            "ecoclic_odoo.group_ecoclic_manager",
            email="referent@a.example",
        )
        cls.agents = [
            company_user(
                cls.env,
                cls.company_a,
                f"aw.agent{i}",
                "ecoclic_odoo.group_ecoclic_user",
                email=f"agent{i}@a.example",
                lang="en_US",
            )
            for i in range(3)
        ]
        for agent, service in zip(cls.agents, ("Accueil", "Accueil", "Technique"), strict=True):
            agent.partner_id.ecoclic_service = service
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Camille Contact",
                "email": "camille@a.example",
                "company_id": cls.company_a.id,
                "lang": "fr_FR",
                "ecoclic_service": "Écoles",
            }
        )
        cls.referent_b = company_user(
            cls.env, cls.company_b, "aw.referent.b", "ecoclic_odoo.group_ecoclic_manager"
        )
        cls.quizzes = cls.env["survey.survey"].search([("ecoclic_is_awareness", "=", True)])
        cls.env["res.lang"]._activate_lang("fr_FR")

    def new_campaign(self, user=None):
        Campaign = self.env["ecoclic.awareness.campaign"].with_user(user or self.referent)
        return Campaign.create({"name": "Printemps", "company_id": self.company_a.id})

    def sent_campaign(self):
        campaign = self.new_campaign()
        campaign.write({"participant_ids": [Command.create({"partner_id": self.contact.id})]})
        campaign.action_send()
        return campaign

    def participant(self, campaign, partner):
        return campaign.participant_ids.filtered(lambda p: p.partner_id == partner)

    def take(self, user_input, right):
        """Answer the quiz through survey's own pages and routes, as its link opens it:
        every question right, or every question wrong when ``right`` is false."""
        survey = user_input.survey_id
        start = self.url_open(
            f"/survey/start/{survey.access_token}?answer_token={user_input.access_token}"
        )
        self.assertEqual(start.status_code, 200)
        page = self.url_open(f"/survey/{survey.access_token}/{user_input.access_token}")
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r"csrf_token\W+([a-f0-9]{40}o[0-9]+)", page.text).group(1)
        base = survey.get_base_url()
        tokens = f"{survey.access_token}/{user_input.access_token}"
        self.opener.post(url=f"{base}/survey/begin/{tokens}", json={})
        post = {"csrf_token": csrf, "token": user_input.access_token}
        for question in survey.question_ids:
            answers = question.suggested_answer_ids
            post[str(question.id)] = str(
                answers.filtered("is_correct")[:1].id
                if right
                else answers.filtered(lambda a: not a.is_correct)[:1].id
            )
        response = self.opener.post(url=f"{base}/survey/submit/{tokens}", json={"params": post})
        self.assertEqual(response.status_code, 200)
        user_input.invalidate_recordset()
        self.assertEqual(user_input.state, "done")


@tagged("post_install", "-at_install")
class TestAwarenessCampaign(AwarenessCase):
    def test_quizzes_are_certifications_never_maturity(self):
        self.assertGreaterEqual(len(self.quizzes), 2)
        for quiz in self.quizzes:
            self.assertTrue(quiz.certification)
            self.assertEqual(quiz.scoring_type, "scoring_with_answers")
            self.assertEqual(quiz.access_mode, "token")
            self.assertFalse(quiz.ecoclic_is_maturity)
            self.assertTrue(quiz.question_ids)
            for question in quiz.question_ids:
                self.assertEqual(len(question.suggested_answer_ids.filtered("is_correct")), 1)
                self.assertTrue(question.ecoclic_explanation)
        self.assertNotEqual(
            self.quizzes[0].with_context(lang="fr_FR").title,
            self.quizzes[0].with_context(lang="en_US").title,
        )
        # the maturity code paths never pick a quiz
        Assessment = self.env["ecoclic.assessment"]
        domain = Assessment._fields["survey_id"].domain
        self.assertFalse(self.env["survey.survey"].search(domain) & self.quizzes)
        self.assertFalse(any(self.quizzes.question_ids.mapped("ecoclic_scored")))

    def test_referent_sends_to_users_and_contacts(self):
        campaign = self.new_campaign()
        # every user of the collectivity by default, contacts added by hand
        self.assertEqual(
            campaign.participant_ids.partner_id,
            self.referent.partner_id
            | self.env["res.partner"].concat(*(a.partner_id for a in self.agents)),
        )
        campaign.write({"participant_ids": [Command.create({"partner_id": self.contact.id})]})
        self.assertEqual(self.participant(campaign, self.contact).service, "Écoles")
        self.assertEqual(set(campaign.participant_ids.mapped("state")), {"draft"})
        campaign.action_send()
        self.assertEqual(campaign.state, "sent")
        self.assertEqual(set(campaign.participant_ids.mapped("state")), {"invited"})
        self.assertEqual(campaign.invited_count, 5)
        inputs = campaign.sudo().participant_ids.user_input_ids
        self.assertEqual(len(inputs), 5 * len(self.quizzes))
        self.assertEqual(set(inputs.mapped("ecoclic_company_id")), {self.company_a})
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "ecoclic.awareness.participant"),
                    ("res_id", "in", campaign.participant_ids.ids),
                ]
            )
        )
        self.assertEqual(len(mails), 5)
        to_contact = mails.filtered(lambda m: m.recipient_ids == self.contact)
        self.assertIn("/survey/start/", to_contact.body_html)
        self.assertIn("quiz", to_contact.subject)
        self.assertIn("Awareness A", to_contact.subject)
        self.assertIn("vous invite", to_contact.body_html)  # the contact reads French
        to_agent = mails.filtered(lambda m: m.recipient_ids == self.agents[0].partner_id)
        self.assertIn("invites you", to_agent.body_html)
        # reminders go to those who have not completed
        campaign.action_remind()
        self.assertTrue(campaign.date_reminded)

    def test_quiz_through_the_pages_gives_the_share_and_pre_answers(self):
        campaign = self.sent_campaign()
        contact_line = self.participant(campaign, self.contact).sudo()
        # the contact, without a user, opens the link of the mail (no login)
        for user_input in contact_line.user_input_ids:
            self.take(user_input, right=True)
        # an agent logs in and takes every quiz: one right, one wrong
        agent_line = self.participant(campaign, self.agents[0].partner_id).sudo()
        self.authenticate("aw.agent0", "aw.agent0")
        inputs = agent_line.user_input_ids.sorted("id")
        self.take(inputs[0], right=True)
        self.take(inputs[1], right=False)
        # a second agent passes every quiz
        other = self.participant(campaign, self.agents[2].partner_id).sudo()
        self.authenticate("aw.agent2", "aw.agent2")
        for user_input in other.user_input_ids:
            self.take(user_input, right=True)
        campaign.invalidate_recordset()
        campaign.participant_ids.invalidate_recordset()
        self.assertEqual(contact_line.state, "passed")
        self.assertEqual(agent_line.state, "completed")
        self.assertEqual(other.state, "passed")
        self.assertEqual(
            (campaign.invited_count, campaign.completed_count, campaign.passed_count), (5, 3, 2)
        )
        company = self.company_a.with_user(self.referent)
        self.assertEqual(company.ecoclic_awareness_passed, 2)
        self.assertAlmostEqual(company.ecoclic_staff_trained_share, 20.0)  # 2 of 10 agents
        by_service = {row[0]: row[1:] for row in campaign._ecoclic_by_service()}
        self.assertEqual(by_service["Accueil"], (2, 1, 0))
        self.assertEqual(by_service["Technique"], (1, 1, 1))
        self.assertEqual(by_service["Écoles"], (1, 1, 1))
        # the review shows each question's explanation
        review = self.url_open(
            f"/survey/print/{inputs[1].survey_id.access_token}"
            f"?answer_token={inputs[1].access_token}&review=True"
        )
        self.assertIn("o_ecoclic_explanation", review.text)
        # an assessment started now answers the awareness question from the share
        assessment = self.env["ecoclic.assessment"].create(
            {
                "company_id": self.company_a.id,
                "survey_id": self.env.ref("ecoclic_odoo.survey_maturity_v1").id,
                "date_start": date.today(),
            }
        )
        prefill = assessment.prefill_ids.filtered(lambda p: p.indicator == "staff_trained_share")
        self.assertEqual(prefill.question_id.ecoclic_code, "SEN-01")
        self.assertAlmostEqual(prefill.value, 20.0)
        # 10 % to less than 40 %: the second answer
        self.assertEqual(prefill.answer_id, prefill.question_id.suggested_answer_ids.sorted()[1])

    def test_figures_in_a_fixed_number_of_queries(self):
        self.sent_campaign()
        companies = self.company_a | self.company_b
        companies.invalidate_recordset()
        with self.assertQueryCount(1):
            companies._ecoclic_awareness_figures()
        campaign = self.env["ecoclic.awareness.campaign"].search(
            [("company_id", "=", self.company_a.id)]
        )
        campaign.invalidate_recordset()
        with self.assertQueryCount(1):
            campaign._ecoclic_by_service()


@tagged("post_install", "-at_install")
class TestAwarenessPersonas(AwarenessCase):
    def test_agent_takes_quizzes_but_cannot_run_campaigns(self):
        campaign = self.sent_campaign()
        agent = self.agents[1]
        with self.assertRaises(AccessError):
            self.new_campaign(user=agent)
        with self.assertRaises(AccessError):
            campaign.with_user(agent).read(["name"])
        with self.assertRaises(AccessError):
            campaign.participant_ids.with_user(agent).read(["state"])
        with self.assertRaises(AccessError):
            campaign.with_user(agent).action_send()
        # the référent sees each participant's state, never the answers or the score
        inputs = campaign.sudo().participant_ids.user_input_ids
        with self.assertRaises(AccessError):
            inputs.with_user(self.referent).read(["scoring_percentage"])
        self.assertEqual(
            set(campaign.participant_ids.with_user(self.referent).mapped("state")), {"invited"}
        )
        # the figures of the dashboard are the collectivity's, readable by its agents
        self.assertEqual(self.company_a.with_user(agent).ecoclic_awareness_invited, 5)

    def test_quiz_answers_are_the_persons_own(self):
        """Neither a survey officer of the same collectivity, nor the référent, nor an
        administrator reads an agent's quiz answers; the agent reads them."""
        campaign = self.sent_campaign()
        agent = self.agents[0]
        inputs = self.participant(campaign, agent.partner_id).sudo().user_input_ids
        self.assertTrue(inputs)
        officer = company_user(
            self.env, self.company_a, "aw.officer", "survey.group_survey_manager"
        )
        admin = company_user(self.env, self.company_a, "aw.admin", "base.group_system")
        for reader in (officer, self.referent, admin):
            # refused by the access rights (the référent) or by the rule (the others)
            for model, field in (
                ("survey.user_input", "id"),
                ("survey.user_input.line", "user_input_id"),
            ):
                try:
                    seen = self.env[model].with_user(reader).search([(field, "in", inputs.ids)])
                except AccessError:
                    seen = ()
                self.assertFalse(seen, f"{reader.login} reads {model}")
            with self.assertRaises(AccessError):
                inputs.with_user(reader).read(["scoring_percentage"])
        # the agent, were they a survey officer too, reads their own answers
        agent.groups_id = [Command.link(self.env.ref("survey.group_survey_user").id)]
        self.assertEqual(
            self.env["survey.user_input"].with_user(agent).search([("id", "in", inputs.ids)]),
            inputs,
        )

    def test_another_collectivity_is_refused(self):
        campaign = self.sent_campaign()
        other = self.referent_b
        with self.assertRaises(AccessError):
            campaign.with_user(other).read(["name"])
        with self.assertRaises(AccessError):
            campaign.participant_ids.with_user(other).read(["state"])
        self.assertFalse(self.env["ecoclic.awareness.campaign"].with_user(other).search([]))
        with self.assertRaises(AccessError):
            self.env["ecoclic.awareness.campaign"].with_user(other).create(
                {"name": "Not mine", "company_id": self.company_a.id}
            )
        with self.assertRaises(AccessError):
            campaign.with_user(other).action_remind()


@tagged("post_install", "-at_install")
class TestAwarenessTour(EcoclicTourCase):
    browser_size = "1440x900"

    def test_referent_reads_a_campaign(self):
        """Référent, in French: the campaigns → a sent campaign (figures, participants) →
        its results by service. 12 agents, 2 passed: 17 %."""
        company = self.env["res.company"].create(
            {"name": "Commune de Plougastel-les-Tours", "ecoclic_agent_count": 12}
        )
        referent = company_user(
            self.env,
            company,
            "aw.tour.referent",
            "ecoclic_odoo.group_ecoclic_manager",
            name="Maëlle Le Goff-Kerhervé",
            lang="fr_FR",
        )
        people = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "email": f"p{i}@commune.example",
                    "company_id": company.id,
                    "ecoclic_service": service,
                }
                for i, (name, service) in enumerate(
                    (
                        ("Gwenaëlle Le Bihan-Morvan", "Écoles"),
                        ("Yann-Erwan Quéméner", "Services techniques"),
                        ("Soizic Tanguy", "Écoles"),
                    )
                )
            ]
        )
        campaign = (
            self.env["ecoclic.awareness.campaign"]
            .with_user(referent)
            .create(
                {
                    "name": "Sensibilisation du printemps",
                    "company_id": company.id,
                    "participant_ids": [Command.create({"partner_id": p.id}) for p in people],
                }
            )
        )
        campaign.action_send()
        for participant in campaign.sudo().participant_ids[:2]:
            for user_input in participant.user_input_ids:
                for question in user_input.survey_id.question_ids:
                    user_input._save_lines(
                        question, question.suggested_answer_ids.filtered("is_correct")[:1].id
                    )
                user_input._mark_done()
        self.start_tour("/odoo", "ecoclic_awareness_campaign", login="aw.tour.referent")
