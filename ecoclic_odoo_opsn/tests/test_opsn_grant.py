# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.ecoclic_odoo.tests.common import company_user


class OpsnGrantCase(TransactionCase):
    """OPSN S (two viewers, a manager) supervises A (référent, agent; two draft
    assessments) and B (one draft assessment)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Company = cls.env["res.company"]
        cls.opsn = Company.create({"name": "OPSN S", "ecoclic_is_opsn": True})
        cls.a, cls.b = Company.create(
            [
                {
                    "name": name,
                    "ecoclic_collectivity_type": "commune",
                    "ecoclic_opsn_id": cls.opsn.id,
                }
                for name in ("Commune A", "Commune B")
            ]
        )
        cls.viewer = company_user(
            cls.env, cls.opsn, login="gr_viewer", groups="ecoclic_odoo_opsn.group_opsn_viewer"
        )
        cls.viewer2 = company_user(
            cls.env, cls.opsn, login="gr_viewer2", groups="ecoclic_odoo_opsn.group_opsn_viewer"
        )
        cls.referent = company_user(
            cls.env, cls.a, login="gr_referent", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        cls.agent = company_user(
            cls.env, cls.a, login="gr_agent", groups="ecoclic_odoo.group_ecoclic_user"
        )
        cls.referent_b = company_user(
            cls.env, cls.b, login="gr_referent_b", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        survey = cls.env.ref("ecoclic_odoo.survey_maturity_v1")
        Assessment = cls.env["ecoclic.assessment"]
        cls.assessment = Assessment.create({"company_id": cls.a.id, "survey_id": survey.id})
        cls.assessment2 = Assessment.create({"company_id": cls.a.id, "survey_id": survey.id})
        cls.assessment_b = Assessment.create({"company_id": cls.b.id, "survey_id": survey.id})

    def grant(self, user=None, assessment=None, **values):
        return (
            self.env["ecoclic.opsn.grant"]
            .with_user(self.referent)
            .create(
                {
                    "assessment_id": (assessment or self.assessment).id,
                    "user_id": (user or self.viewer).id,
                    **values,
                }
            )
        )

    @staticmethod
    def question(assessment):
        """A choice question of the assessment that the data did not pre-answer."""
        user_input = assessment.sudo().user_input_id
        prefilled = user_input.user_input_line_ids.question_id
        return (user_input.predefined_question_ids - prefilled).filtered(
            lambda q: q.question_type == "simple_choice"
        )[:1]

    def answer_as(self, user, assessment):
        """Save an answer as the survey routes do: as superuser, with the user's id."""
        question = self.question(assessment)
        user_input = assessment.sudo().user_input_id.with_user(user).sudo()
        user_input._save_lines(question, question.suggested_answer_ids.sorted()[0].id)
        return user_input.user_input_line_ids.filtered(lambda line: line.question_id == question)


@tagged("post_install", "-at_install")
class TestOpsnGrant(OpsnGrantCase):
    def test_granted_user_answers_that_assessment_only(self):
        grant = self.grant()
        self.assertAlmostEqual(
            grant.date_end, fields.Datetime.now() + timedelta(days=1), delta=timedelta(minutes=1)
        )
        self.assertIn("may answer this assessment", self.assessment.message_ids[0].body)
        mine = self.assessment.with_user(self.viewer)
        self.assertTrue(mine.ecoclic_granted)
        self.assertIn(mine.sudo().user_input_id.access_token, mine.action_answer()["url"])

        line = self.answer_as(self.viewer, self.assessment)
        self.assertEqual(line.ecoclic_opsn_user_id, self.viewer)
        self.assertEqual(grant.answer_count, 1)
        # the collectivity's own answers carry no OPSN marker
        own = self.answer_as(self.agent, self.assessment)
        self.assertFalse(own.ecoclic_opsn_user_id)

        # another assessment of the same collectivity, or of another one: refused
        for other in (self.assessment2, self.assessment_b):
            self.assertFalse(other.with_user(self.viewer).ecoclic_granted)
            with self.assertRaises(AccessError):
                self.answer_as(self.viewer, other)
            with self.assertRaises(AccessError):
                other.with_user(self.viewer).action_answer()

    def test_nothing_else_of_the_collectivity(self):
        self.grant()
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.viewer).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.viewer).action_submit()
        with self.assertRaises(AccessError):
            self.env["ecoclic.plan.line"].with_user(self.viewer).create(
                {"name": "Pushed", "company_id": self.a.id}
            )
        with self.assertRaises(AccessError):
            self.a.with_user(self.viewer).write({"ecoclic_population": 12})
        with self.assertRaises(AccessError):
            self.assessment.sudo().user_input_id.with_user(self.viewer).write({"state": "done"})

    def test_other_staff_cannot_answer(self):
        self.grant()
        self.assertFalse(self.assessment.with_user(self.viewer2).ecoclic_granted)
        with self.assertRaises(AccessError):
            self.answer_as(self.viewer2, self.assessment)
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.viewer2).action_answer()

    def test_the_grant_ends_by_itself(self):
        self.referent.lang = "fr_FR"
        grant = self.grant(date_end=fields.Datetime.now() + timedelta(hours=2))
        self.answer_as(self.viewer, self.assessment)
        with freeze_time(fields.Datetime.now() + timedelta(hours=3)):
            self.assertFalse(grant.is_valid)
            self.assertFalse(self.assessment.with_user(self.viewer).ecoclic_granted)
            with self.assertRaises(AccessError):
                self.answer_as(self.viewer, self.assessment)
            with self.assertRaises(AccessError):
                self.assessment.with_user(self.viewer).action_answer()
            self.env["ecoclic.opsn.grant"]._cron_close_expired()
        self.assertEqual(grant.state, "ended")
        # in the language of the référent who granted it, whatever the job's
        self.assertIn("terminé ; réponses saisies : 1.", self.assessment.message_ids[0].body)

    def test_still_in_force_until_its_end(self):
        grant = self.grant(date_end=fields.Datetime.now() + timedelta(hours=2))
        with freeze_time(fields.Datetime.now() + timedelta(hours=1)):
            self.env["ecoclic.opsn.grant"]._cron_close_expired()
            self.assertTrue(grant.is_valid)
            self.answer_as(self.viewer, self.assessment)
        self.assertEqual(grant.state, "active")

    def test_who_grants_what(self):
        with self.assertRaises(AccessError):
            self.env["ecoclic.opsn.grant"].with_user(self.agent).create(
                {"assessment_id": self.assessment.id, "user_id": self.viewer.id}
            )
        with self.assertRaises(AccessError):
            self.env["ecoclic.opsn.grant"].with_user(self.viewer).create(
                {"assessment_id": self.assessment.id, "user_id": self.viewer.id}
            )
        with self.assertRaises(AccessError):
            self.env["ecoclic.opsn.grant"].with_user(self.referent_b).create(
                {"assessment_id": self.assessment.id, "user_id": self.viewer.id}
            )
        # staff of the collectivity's OPSN only, for seven days at most
        with self.assertRaises(ValidationError):
            self.grant(user=self.agent)
        with self.assertRaises(ValidationError):
            self.grant(date_end=fields.Datetime.now() + timedelta(days=8))
        with self.assertRaises(ValidationError):
            self.grant(date_end=fields.Datetime.now() - timedelta(hours=1))
        self.assertEqual(
            self.assessment.with_user(self.referent).ecoclic_opsn_staff_ids,
            self.viewer | self.viewer2,
        )
        self.assertTrue(self.assessment.with_user(self.referent).ecoclic_can_grant)
        self.assertFalse(self.assessment.with_user(self.agent).ecoclic_can_grant)

    def test_referent_withdraws(self):
        grant = self.grant()
        with self.assertRaises(AccessError):
            grant.with_user(self.viewer).action_revoke()
        grant.with_user(self.referent).action_revoke()
        self.assertEqual(grant.state, "revoked")
        with self.assertRaises(AccessError):
            self.answer_as(self.viewer, self.assessment)

    def test_leaving_the_opsn_ends_the_access(self):
        self.grant()
        self.a.with_user(self.referent).action_ecoclic_opsn_leave()
        with self.assertRaises(AccessError):
            self.answer_as(self.viewer, self.assessment)


@tagged("post_install", "-at_install")
class TestOpsnGrantPages(HttpCase, OpsnGrantCase):
    def test_survey_pages_open_to_the_grant_holder_only(self):
        self.grant()
        user_input = self.assessment.sudo().user_input_id
        url = f"/survey/{user_input.survey_id.access_token}/{user_input.access_token}"
        self.authenticate("gr_viewer2", "gr_viewer2")
        response = self.url_open(url)
        self.assertNotIn("o_survey_form", response.text)
        self.authenticate("gr_viewer", "gr_viewer")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_survey_form", response.text)
        self.assertIn(user_input.access_token, response.text)
