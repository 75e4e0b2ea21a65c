# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each persona's main job, walked in a real browser, in French, at 1440×900 (issue 16).

On every screen of the walk the tour checks the text a person reads
(``text_checks.js``): no English left, no technical name, the names and column headers
whole. Known problems of the product are listed in the tours' ``KNOWN_ISSUES``, to be
fixed and removed from it.
"""

from datetime import date, timedelta

from odoo import Command
from odoo.tests import tagged

from .common import EcoclicTourCase, company_user

# Realistic, long French names: what the screens must show whole.
COLLECTIVITY = "Communauté de communes du Pays de Quimperlé-les-Landes"
LAPTOP = "Ordinateur portable 14 pouces Latitude 5440"


class PersonaDataMixin:
    """Collectivities assessed on the real questionnaire, as a référent does it."""

    @classmethod
    def _collectivity(cls, name, **values):
        return cls.env["res.company"].create(
            {
                "name": name,
                "ecoclic_collectivity_type": "cc",
                "ecoclic_population": 55400,
                "ecoclic_target_score": 70,
                "currency_id": cls.env.ref("base.EUR").id,
                **values,
            }
        )

    @classmethod
    def _referent(cls, login, name, company):
        return company_user(
            cls.env,
            company,
            login=login,
            name=name,
            groups="ecoclic_odoo.group_ecoclic_manager",
            lang="fr_FR",
        )

    @classmethod
    def _submitted_assessment(cls, referent, position=0):
        """An assessment of the real questionnaire, every question shown answered with
        the answer at ``position`` (the weakest first), submitted by ``referent``."""
        survey = cls.env.ref("ecoclic_odoo.survey_maturity_v1")
        assessment = (
            cls.env["ecoclic.assessment"].with_user(referent).create({"survey_id": survey.id})
        )
        user_input = assessment.sudo().user_input_id
        chosen = cls.env["survey.question.answer"]
        questions = survey.question_ids.filtered(lambda q: not q.is_page).sorted(
            lambda q: (q.sequence, q.id)
        )
        for question in questions:
            if question.triggering_answer_ids and not (question.triggering_answer_ids & chosen):
                continue
            answers = question.suggested_answer_ids.sorted()
            answer = answers[min(position, len(answers) - 1)]
            user_input._save_lines(question, answer.id)
            chosen |= answer
        assessment.with_user(referent).action_submit()
        return assessment


@tagged("post_install", "-at_install")
class TestPersonaTours(PersonaDataMixin, EcoclicTourCase):
    browser_size = "1440x900"

    def test_referent_assess_recommendations_plan(self):
        """Référent: dashboard → the assessment under way and the last one → its
        recommendations → one of them → added to the plan → the plan (board, list) → a
        plan line."""
        company = self._collectivity(COLLECTIVITY)
        referent = self._referent("persona_referent", "Maëlle Le Goff-Kerhervé", company)
        assessment = self._submitted_assessment(referent)
        self.assertGreaterEqual(len(assessment.recommendation_ids), 5)
        # An earlier recommendation already in the plan, overdue; a new assessment under
        # way.
        earlier = assessment.recommendation_ids.sorted("rank")[1]
        earlier.with_user(referent).action_ecoclic_add_to_plan()
        earlier.plan_line_id.write(
            {
                "user_id": referent.id,
                "state": "planned",
                "date_due": date.today() - timedelta(days=10),
            }
        )
        self.env["ecoclic.assessment"].with_user(referent).create(
            {"survey_id": self.env.ref("ecoclic_odoo.survey_maturity_v1").id}
        )
        first = assessment.recommendation_ids.sorted("rank")[0]
        self.start_tour(
            "/odoo",
            "ecoclic_persona_referent_main_job",
            login="persona_referent",
            timeout=300,
        )
        self.assertTrue(first.plan_line_id, "the tour added the first recommendation")

    def test_buyer_order_with_alternative(self):
        """Buyer: the requests for quotation → an order for new laptops → the
        refurbished alternative shown and taken."""
        company = self._collectivity(
            "Commune de Saint-Thégonnec-Loc-Eguiner",
            ecoclic_collectivity_type="commune",
            ecoclic_population=3100,
        )
        vendor = self.env["res.partner"].create(
            {"name": "Informatique et Bureautique de Cornouaille", "is_company": True}
        )
        laptop = self.env.ref("ecoclic_odoo.equipment_category_laptop")
        eur = self.env.ref("base.EUR")

        def offer(price):
            return [
                Command.create(
                    {
                        "partner_id": vendor.id,
                        "price": price,
                        "company_id": False,
                        "currency_id": eur.id,
                    }
                )
            ]

        refurbished = self.env["product.template"].create(
            {
                "name": f"{LAPTOP} reconditionné grade A",
                "purchase_ok": True,
                "type": "consu",
                "ecoclic_category_id": laptop.id,
                "ecoclic_condition": "refurbished",
                "seller_ids": offer(540.0),
            }
        )
        new = self.env["product.template"].create(
            {
                "name": LAPTOP,
                "purchase_ok": True,
                "type": "consu",
                "ecoclic_category_id": laptop.id,
                "ecoclic_condition": "new",
                "seller_ids": offer(990.0),
                "ecoclic_alternative_ids": [Command.set(refurbished.ids)],
            }
        )
        buyer = company_user(
            self.env,
            company,
            login="persona_buyer",
            name="Yann-Gaël Le Bihan-Quéméner",
            groups="purchase.group_purchase_user",
            lang="fr_FR",
        )
        order = (
            self.env["purchase.order"]
            .with_user(buyer)
            .create(
                {
                    "partner_id": vendor.id,
                    "order_line": [
                        Command.create({"product_id": new.product_variant_id.id, "product_qty": 12})
                    ],
                }
            )
        )
        self.start_tour(
            "/odoo/action-purchase.purchase_rfq",
            "ecoclic_persona_buyer_main_job",
            login="persona_buyer",
            timeout=300,
        )
        self.assertEqual(order.order_line.product_id, refurbished.product_variant_id)
        self.assertEqual(order.order_line.product_qty, 12)
