# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecoclic_odoo.tests.common import company_user


class OpsnRequestCase(TransactionCase):
    """OPSN S (a manager, a viewer) and OPSN T (a manager); collectivity A (référent, agent)
    supervised by nobody, collectivity B (référent)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Company = cls.env["res.company"]
        cls.opsn = Company.create({"name": "OPSN S", "ecoclic_is_opsn": True})
        cls.other_opsn = Company.create({"name": "OPSN T", "ecoclic_is_opsn": True})
        cls.a, cls.b = Company.create(
            [
                {"name": "Commune A", "ecoclic_collectivity_type": "commune"},
                {"name": "Commune B", "ecoclic_collectivity_type": "commune"},
            ]
        )

        def user(company, login, group):
            return company_user(
                cls.env,
                company,
                login=login,
                groups=group,
                email=f"{login}@example.org",
                lang="en_US",
            )

        cls.manager = user(cls.opsn, "req_manager", "ecoclic_odoo_opsn.group_opsn_manager")
        cls.viewer = user(cls.opsn, "req_viewer", "ecoclic_odoo_opsn.group_opsn_viewer")
        cls.other_manager = user(
            cls.other_opsn, "req_other_manager", "ecoclic_odoo_opsn.group_opsn_manager"
        )
        cls.referent = user(cls.a, "req_referent", "ecoclic_odoo.group_ecoclic_manager")
        cls.agent = user(cls.a, "req_agent", "ecoclic_odoo.group_ecoclic_user")
        cls.referent_b = user(cls.b, "req_referent_b", "ecoclic_odoo.group_ecoclic_manager")
        cls.Request = cls.env["ecoclic.opsn.request"]

    def ask(self, opsn=None, user=None):
        return self.Request.with_user(user or self.referent).create(
            {"opsn_choice": str((opsn or self.opsn).id), "message": "Aidez-nous"}
        )

    def activities(self, request):
        return self.env["mail.activity"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id)]
        )

    def mails(self, template, record):
        """The e-mails rendered from `template` for `record` (queued, not sent)."""
        template = self.env.ref(f"ecoclic_odoo_opsn.{template}")
        return self.env["mail.mail"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("subject", "=", template._render_field("subject", record.ids)[record.id]),
            ]
        )


@tagged("post_install", "-at_install")
class TestOpsnRequest(OpsnRequestCase):
    def test_referent_chooses_among_the_opsn_by_name_only(self):
        choices = dict(
            self.Request.with_user(self.referent).fields_get(["opsn_choice"])["opsn_choice"][
                "selection"
            ]
        )
        self.assertEqual(choices[str(self.opsn.id)], "OPSN S")
        self.assertEqual(choices[str(self.other_opsn.id)], "OPSN T")
        self.assertNotIn(str(self.a.id), choices)
        with self.assertRaises(AccessError):
            self.opsn.with_user(self.referent).check_access("read")
        request = self.ask()
        self.assertEqual(request.with_user(self.referent).opsn_name, "OPSN S")
        self.assertEqual(request.company_id, self.a)

    def test_ask_mails_and_schedules_the_opsn_managers(self):
        request = self.ask()
        self.assertEqual(request.state, "requested")
        mails = self.mails("mail_template_opsn_request", request)
        self.assertEqual(mails.recipient_ids, self.manager.partner_id)
        self.assertEqual(mails.subject, "Commune A asks to join OPSN S")
        self.assertIn("Aidez-nous", mails.body_html)
        activity = self.activities(request)
        self.assertEqual(activity.summary, "Answer the request to join your OPSN")
        self.assertEqual(activity.user_id, self.manager)

    def test_manager_mail_in_french(self):
        self.manager.lang = "fr_FR"
        request = self.ask()
        mail = self.env["mail.mail"].search(
            [("model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertEqual(mail.subject, "Commune A demande à rejoindre OPSN S")
        self.assertEqual(
            self.activities(request).summary, "Répondre à la demande d'adhésion à votre OPSN"
        )
        self.assertIn("référent", mail.body_html)
        self.assertIn("Acceptez ou refusez", mail.body_html)

    def test_who_may_ask(self):
        with self.assertRaises(AccessError):
            self.ask(user=self.agent)
        with self.assertRaises(AccessError):
            self.Request.with_user(self.referent_b).create(
                {"opsn_choice": str(self.opsn.id), "company_id": self.a.id}
            )
        with self.assertRaises(AccessError):
            self.ask(user=self.viewer)
        # one open request at a time
        self.ask()
        with self.assertRaises(ValidationError):
            self.ask(opsn=self.other_opsn)

    def test_accept_sets_the_supervision_through_the_history(self):
        request = self.ask()
        with self.assertRaises(AccessError):
            request.with_user(self.viewer).action_accept()
        with self.assertRaises(AccessError):
            request.with_user(self.other_manager).action_accept()
        with self.assertRaises(AccessError):
            request.with_user(self.referent).action_accept()
        self.assertFalse(self.a.ecoclic_opsn_id)
        self.assertTrue(request.with_user(self.manager).can_answer)
        self.assertFalse(request.with_user(self.viewer).can_answer)

        request.with_user(self.manager).action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.answered_by_id, self.manager)
        self.assertEqual(self.a.ecoclic_opsn_id, self.opsn)
        line = self.a.ecoclic_membership_ids
        self.assertEqual((line.opsn_id, line.date_end), (self.opsn, False))
        self.assertEqual(line.note, f"Request accepted by {self.manager.name}")
        self.assertEqual(line.user_id, self.manager)
        mails = self.mails("mail_template_opsn_request_accepted", request)
        self.assertEqual(mails.recipient_ids, self.referent.partner_id)
        self.assertIn(self.manager.name, mails.body_html)
        self.assertFalse(self.activities(request))
        # the OPSN now reads the collectivity
        self.a.with_user(self.viewer).check_access("read")
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_accept()

    def test_refuse_with_a_reason(self):
        request = self.ask()
        with self.assertRaises(AccessError):
            request.with_user(self.viewer).action_refuse("Non")
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_refuse(" ")
        wizard = (
            self.env["ecoclic.opsn.request.refuse"]
            .with_user(self.manager)
            .create({"request_id": request.id, "reason": "Hors de notre territoire"})
        )
        wizard.action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertFalse(self.a.ecoclic_opsn_id)
        mails = self.mails("mail_template_opsn_request_refused", request)
        self.assertEqual(mails.recipient_ids, self.referent.partner_id)
        self.assertIn("Hors de notre territoire", mails.body_html)
        # a new request may follow
        self.ask(opsn=self.other_opsn)

    def test_cancel_is_the_referents(self):
        request = self.ask()
        with self.assertRaises(AccessError):
            request.with_user(self.referent_b).action_cancel()
        with self.assertRaises(AccessError):
            request.with_user(self.agent).action_cancel()
        request.with_user(self.referent).action_cancel()
        self.assertEqual(request.state, "cancelled")
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_accept()

    def test_leave_keeps_the_history_and_tells_the_opsn(self):
        self.ask().with_user(self.manager).action_accept()
        with self.assertRaises(AccessError):
            self.a.with_user(self.agent).action_ecoclic_opsn_leave()
        with self.assertRaises(AccessError):
            self.a.with_user(self.referent_b).action_ecoclic_opsn_leave()
        with self.assertRaises(AccessError):
            self.a.with_user(self.manager).action_ecoclic_opsn_leave()

        self.a.with_user(self.referent).action_ecoclic_opsn_leave()
        self.assertFalse(self.a.ecoclic_opsn_id)
        line = self.a.ecoclic_membership_ids
        self.assertEqual(line.opsn_id, self.opsn)
        self.assertTrue(line.date_end)
        self.assertEqual(
            line.note,
            f"Request accepted by {self.manager.name} · Left at the request of "
            f"{self.referent.name}",
        )
        mails = self.env["mail.mail"].search(
            [("model", "=", "res.company"), ("res_id", "=", self.a.id)]
        )
        self.assertEqual(mails.recipient_ids, self.manager.partner_id)
        self.assertEqual(mails.subject, "Commune A leaves OPSN S")
        self.assertIn(self.referent.name, mails.body_html)
        with self.assertRaises(AccessError):
            self.a.with_user(self.viewer).check_access("read")
        with self.assertRaises(UserError):
            self.a.with_user(self.referent).action_ecoclic_opsn_leave()

    def test_screens_follow_the_persona(self):
        company = self.a.with_user(self.referent)
        self.assertTrue(company.ecoclic_can_edit_profile)
        action = company.action_ecoclic_opsn_ask()
        self.assertEqual(action["res_model"], "ecoclic.opsn.request")
        self.ask()
        self.assertTrue(company.ecoclic_opsn_request_open)
        with self.assertRaises(AccessError):
            self.a.with_user(self.agent).action_ecoclic_opsn_ask()
        # the managers' list: their OPSN's requests only
        requests = self.Request.with_user(self.manager).search([])
        self.assertEqual(requests.company_id, self.a)
        # the form, as the web client reads it, for a collectivity outside the portfolio
        self.env.invalidate_all()
        [values] = requests.web_read(
            {
                "display_name": {},
                "company_id": {"fields": {"display_name": {}}},
                "create_uid": {"fields": {"display_name": {}}},
                "can_answer": {},
            }
        )
        self.assertEqual(values["display_name"], "Commune A")
        self.assertEqual(values["company_id"]["display_name"], "Commune A")
        self.assertTrue(values["can_answer"])
        self.assertFalse(self.Request.with_user(self.other_manager).search([]))
        self.assertFalse(self.Request.with_user(self.referent_b).search([]))
