# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Joining an OPSN and the OPSN's accompaniment of an assessment, walked in a real browser,
in French, at 1440×900, each part as the persona it is for (issue 21); the text a person
reads is checked on every screen (``ecoclic_odoo/static/tests/tours/text_checks.js``)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.ecoclic_odoo.tests.common import EcoclicTourCase, company_user
from odoo.addons.ecoclic_odoo.tests.test_persona_tours import PersonaDataMixin

OPSN = "Mégalis Bretagne – Service numérique mutualisé"
ASKING = "Communauté d'agglomération de Lannion-Trégor-Côte-de-Granit"
REFUSED = "Commune nouvelle de Saint-Thégonnec-Loc-Eguiner-sur-Penzé"
ACCOMPANIED = "Communauté de communes du Pays de Quimperlé-les-Landes"


@tagged("post_install", "-at_install")
class TestOpsnJoinAndGrantTours(PersonaDataMixin, EcoclicTourCase):
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opsn = cls.env["res.company"].create({"name": OPSN, "ecoclic_is_opsn": True})
        cls.manager = company_user(
            cls.env,
            cls.opsn,
            login="tour_opsn_manager",
            name="Jean-Christophe Kerdraon-Trémel",
            groups="ecoclic_odoo_opsn.group_opsn_manager",
            email="jc.kerdraon@example.org",
            lang="fr_FR",
        )
        cls.viewer = company_user(
            cls.env,
            cls.opsn,
            login="tour_opsn_viewer",
            name="Gwenaëlle Le Floc'h-Ménez",
            groups="ecoclic_odoo_opsn.group_opsn_viewer",
            email="gwenaelle@example.org",
            lang="fr_FR",
        )

    def test_referent_asks_and_the_opsn_manager_answers(self):
        """Référent outside any OPSN: asks to join from the OPSN tab. OPSN manager: accepts
        that request, refuses another one with its reason."""
        asking = self._collectivity(
            ASKING, ecoclic_collectivity_type="ca", ecoclic_population=116000
        )
        referent = self._referent("tour_join_referent", "Maëlle Le Goff-Kerhervé", asking)
        referent.email = "maelle@example.org"
        refused = self._collectivity(
            REFUSED, ecoclic_collectivity_type="commune", ecoclic_population=3100
        )
        other = self._referent("tour_join_referent_2", "Yann-Vari Le Bihan", refused)
        other.email = "yann@example.org"
        Request = self.env["ecoclic.opsn.request"]
        Request.with_user(other).create({"opsn_choice": str(self.opsn.id)})

        self.start_tour("/odoo", "ecoclic_opsn_join_request_referent", login=referent.login)
        request = Request.search([("company_id", "=", asking.id)])
        self.assertEqual((request.state, request.opsn_id), ("requested", self.opsn))
        self.assertIn("stratégie numérique responsable", request.message)

        self.start_tour("/odoo", "ecoclic_opsn_join_request_manager", login=self.manager.login)
        self.assertEqual((request.state, request.answered_by_id), ("accepted", self.manager))
        self.assertEqual(asking.ecoclic_opsn_id, self.opsn)
        refusal = Request.search([("company_id", "=", refused.id)])
        self.assertEqual(refusal.state, "refused")
        self.assertIn("autre OPSN", refusal.refusal_reason)
        self.assertFalse(refused.ecoclic_opsn_id)
        # The e-mails of both answers went to the référent who asked.
        for template, answered, to in (
            ("mail_template_opsn_request_accepted", request, referent),
            ("mail_template_opsn_request_refused", refusal, other),
        ):
            template = self.env.ref(f"ecoclic_odoo_opsn.{template}")
            subject = template.with_context(lang=to.lang)._render_field("subject", answered.ids)
            subject = subject[answered.id]
            mails = self.env["mail.mail"].search(
                [
                    ("model", "=", Request._name),
                    ("res_id", "=", answered.id),
                    ("subject", "=", subject),
                ]
            )
            self.assertEqual(mails.recipient_ids, to.partner_id, template.name)

    def test_referent_grants_and_the_account_manager_answers_until_the_end(self):
        """Référent: lets the account manager answer the draft assessment. Account manager
        (OPSN viewer): answers its first page in survey's pages; once the grant has ended,
        finds it read-only."""
        company = self._collectivity(
            ACCOMPANIED,
            ecoclic_opsn_id=self.opsn.id,
            ecoclic_account_manager_id=self.viewer.id,
        )
        referent = self._referent("tour_grant_referent", "Maëlle Le Goff-Kerhervé", company)
        survey = self.env.ref("ecoclic_odoo.survey_maturity_v1")
        assessment = (
            self.env["ecoclic.assessment"].with_user(referent).create({"survey_id": survey.id})
        )
        self.start_tour("/odoo", "ecoclic_opsn_grant_referent", login=referent.login)
        grant = assessment.ecoclic_grant_ids
        self.assertEqual((grant.user_id, grant.state), (self.viewer, "active"))

        self.start_tour("/odoo", "ecoclic_opsn_grant_account_manager", login=self.viewer.login)
        lines = assessment.sudo().user_input_id.user_input_line_ids
        by_opsn = lines.filtered(lambda line: line.ecoclic_opsn_user_id == self.viewer)
        self.assertTrue(by_opsn, "the answers of the first page are marked as the OPSN's")
        self.assertEqual(grant.answer_count, len(by_opsn))

        # The grant's time is over: the cron closes it, the pages refuse its holder.
        grant.sudo().date_end = fields.Datetime.now() - timedelta(minutes=1)
        self.env["ecoclic.opsn.grant"]._cron_close_expired()
        self.assertEqual(grant.state, "ended")
        # (in the référent's language: the daily job has none)
        closing = assessment.message_ids.sorted("id")[-1].body
        self.assertIn(f"Accompagnement par {self.viewer.name}", closing)
        self.assertIn(f"réponses saisies : {len(by_opsn)}", closing)
        self.start_tour("/odoo", "ecoclic_opsn_grant_ended", login=self.viewer.login)
        user_input = assessment.sudo().user_input_id
        self.authenticate(self.viewer.login, self.viewer.login)
        page = self.url_open(f"/survey/{survey.access_token}/{user_input.access_token}")
        self.assertNotIn("o_survey_form", page.text)
        self.assertEqual(
            len(user_input.user_input_line_ids.filtered("ecoclic_opsn_user_id")), len(by_opsn)
        )
