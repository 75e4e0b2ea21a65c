# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The audit's attacks, each run as the user who tries it (issue 14). Every test here
failed before its fix."""

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import EcoclicMaturityCase, MaturityQuestionnaireMixin, company_user
from .test_purchase import PurchaseCase


@tagged("post_install", "-at_install")
class TestQuestionnaireOwnership(EcoclicMaturityCase):
    """Item 2: a survey officer of one collectivity never replaces or retires the maturity
    questionnaire that every collectivity answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = company_user(
            cls.env,
            cls.company_b,
            login="survey_officer_b",
            groups="ecoclic_odoo.group_ecoclic_user,survey.group_survey_user",
        )

    def test_survey_staff_cannot_publish_a_questionnaire_of_their_own(self):
        Survey = self.env["survey.survey"]
        official = self.env["ecoclic.assessment"]._default_survey()
        self.assertTrue(official)
        for user in (self.officer, self.user_b):  # survey user, survey manager
            with self.subTest(user=user.login):
                as_user = Survey.with_user(user)
                with self.assertRaises(AccessError):
                    as_user.create(
                        {
                            "title": "v999",
                            "ecoclic_is_maturity": True,
                            "ecoclic_code": self.survey.ecoclic_code,
                            "ecoclic_version": 999,
                        }
                    )
                own = as_user.create({"title": "Mon questionnaire"})
                for vals in (
                    {"ecoclic_is_maturity": True},
                    {"ecoclic_code": self.survey.ecoclic_code},
                    {"ecoclic_version": 999},
                    {"ecoclic_version_state": "published"},
                ):
                    with self.assertRaises(AccessError):
                        own.write(vals)
                with self.assertRaises(AccessError):
                    own.action_ecoclic_publish()
                official_as_user = self.survey.with_user(user)
                with self.assertRaises(AccessError):
                    official_as_user.write({"ecoclic_version_state": "retired"})
                with self.assertRaises(AccessError):
                    official_as_user.write({"title": "Renamed"})
                with self.assertRaises(AccessError):
                    official_as_user.action_ecoclic_new_version()
                with self.assertRaises(AccessError):
                    official_as_user.unlink()
                with self.assertRaises(AccessError):
                    self.q["q1"].with_user(user).title = "Changed"
                # Their copy of the questionnaire is an ordinary survey of theirs.
                copy = official_as_user.copy()
                self.assertFalse(copy.ecoclic_is_maturity)
                self.assertEqual(copy.ecoclic_version_state, "draft")
        self.assertEqual(self.env["ecoclic.assessment"]._default_survey(), official)
        self.assertEqual(self.survey.ecoclic_version_state, "published")

    def test_administrators_still_publish_versions(self):
        admin = self.env.ref("base.user_admin")
        new = self.survey.with_user(admin).action_ecoclic_new_version()
        version = self.env["survey.survey"].browse(new["res_id"])
        version.with_user(admin).action_ecoclic_publish()
        self.assertEqual(version.ecoclic_version_state, "published")
        self.assertEqual(self.survey.ecoclic_version_state, "retired")


@tagged("post_install", "-at_install")
class TestReferentsStayInside(EcoclicMaturityCase):
    """Item 10: reminders and notifications never go to a user of another collectivity."""

    def test_referent_of_another_collectivity_is_refused(self):
        company_a = self.company_a.with_user(self.user_a)
        with self.assertRaises(ValidationError):
            company_a.write({"ecoclic_referent_id": self.user_b.id})
        portal = company_user(
            self.env, self.company_a, login="portal_a", groups="base.group_portal"
        )
        with self.assertRaises(ValidationError):
            company_a.write({"ecoclic_referent_id": portal.id})
        company_a.write({"ecoclic_referent_id": self.user_a.id})
        self.assertEqual(self.company_a.ecoclic_referent_id, self.user_a)

        assessment = (
            self.env["ecoclic.assessment"]
            .with_user(self.user_a)
            .create({"survey_id": self.survey.id})
        )
        with self.assertRaises(ValidationError):
            assessment.responsible_id = self.user_b
        line = (
            self.env["ecoclic.plan.line"]
            .with_user(self.user_a)
            .create({"name": "Éteindre les écrans", "company_id": self.company_a.id})
        )
        with self.assertRaises(ValidationError):
            line.user_id = self.user_b
        line.user_id = self.user_a


@tagged("post_install", "-at_install")
class TestPurchaseIsolation(PurchaseCase):
    """Items 1 and 3: purchase lines stay with the collectivity's own buyers."""

    def test_dismiss_wizard_refuses_another_collectivitys_lines(self):
        order_b = self.order(self.company_b, [(self.laptop, 2, {})], user=self.buyer_b)
        line_b = order_b.order_line
        self.assertTrue(line_b.ecoclic_alternative_id)
        Wizard = self.env["ecoclic.alternative.dismiss"].with_user(self.buyer_a)
        with self.assertRaises(AccessError):
            Wizard.create({"line_ids": [Command.set(line_b.ids)], "reason": "other", "note": "x"})
        with self.assertRaises(AccessError):
            Wizard.create(
                {"confirm_order_ids": [Command.set(order_b.ids)], "reason": "other", "note": "x"}
            )
        with self.assertRaises(AccessError):
            Wizard.new({"line_ids": [Command.set(line_b.ids)]}).suggestion_html  # noqa: B018 (reading it is the test)
        # The buyer of B uses it on B's own order.
        wizard = (
            self.env["ecoclic.alternative.dismiss"]
            .with_user(self.buyer_b)
            .create({"line_ids": [Command.set(line_b.ids)], "reason": "other", "note": "budget"})
        )
        self.assertIn("Laptop 14", wizard.suggestion_html)
        wizard.action_apply()
        self.assertEqual(line_b.ecoclic_dismiss_reason, "other")

    def test_agec_lines_are_read_by_buyers_only(self):
        order = self.confirm(
            self.order(self.company_a, [(self.laptop, 1, {})]), "2026-03-01 10:00:00"
        )
        agent = company_user(
            self.env, self.company_a, login="agec_agent_a", groups="ecoclic_odoo.group_ecoclic_user"
        )
        with self.assertRaises(AccessError):
            self.env["ecoclic.agec.report"].with_user(agent).search_read([], ["order_id"])
        # The figures stay on the agent's dashboard.
        self.assertGreater(self.company_a.with_user(agent).ecoclic_agec_spend, 0)
        rows = self.env["ecoclic.agec.report"].with_user(self.buyer_a).search([])
        self.assertEqual(rows.order_id, order)


@tagged("post_install", "-at_install")
class TestSerialsPerCollectivity(EcoclicMaturityCase):
    """Item 9: a serial number is unique within a collectivity, and says nothing of others."""

    def test_same_serial_in_two_collectivities(self):
        Equipment = self.env["maintenance.equipment"]
        Equipment.create({"name": "PC A", "serial_no": "SN-42", "company_id": self.company_a.id})
        other = Equipment.create(
            {"name": "PC B", "serial_no": "SN-42", "company_id": self.company_b.id}
        )
        self.assertEqual(other.serial_no, "SN-42")
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                Equipment.create(
                    {"name": "PC A2", "serial_no": "SN-42", "company_id": self.company_a.id}
                )


@tagged("post_install", "-at_install")
class TestPrintRoute(MaturityQuestionnaireMixin, HttpCase):
    """Item 6: /survey/print checks the collectivity even for an archived questionnaire."""

    def test_archived_questionnaire_answers_stay_inside(self):
        survey, questions = self._make_survey("print")
        Company = self.env["res.company"]
        company_a = Company.create(
            {"name": "Commune Imprimée", "ecoclic_collectivity_type": "commune"}
        )
        company_b = Company.create(
            {"name": "Commune Curieuse", "ecoclic_collectivity_type": "commune"}
        )
        referent = company_user(
            self.env, company_a, login="print_referent", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        company_user(
            self.env,
            company_b,
            login="print_officer",
            groups="ecoclic_odoo.group_ecoclic_user,survey.group_survey_user",
        )
        company_user(
            self.env,
            company_a,
            login="print_colleague",
            groups="ecoclic_odoo.group_ecoclic_user,survey.group_survey_user",
        )
        assessment = (
            self.env["ecoclic.assessment"].with_user(referent).create({"survey_id": survey.id})
        )
        user_input = assessment.sudo().user_input_id
        user_input._save_lines(questions["q1"], questions["q1"].suggested_answer_ids[2].id)
        survey.active = False
        url = f"/survey/print/{survey.access_token}?answer_token={user_input.access_token}"

        self.authenticate("print_officer", "print_officer")
        response = self.url_open(url)
        self.assertNotIn("Questionnaire print", response.text)
        self.assertNotIn("o_survey_selected", response.text)

        # A colleague with the same survey rights prints them: the route does show them.
        self.authenticate("print_colleague", "print_colleague")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Questionnaire print", response.text)
        self.assertIn("o_survey_selected", response.text)
