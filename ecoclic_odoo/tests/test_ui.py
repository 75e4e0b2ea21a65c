# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import EcoclicTourCase, MaturityQuestionnaireMixin, company_user


@tagged("post_install", "-at_install")
class TestCollectivityTour(EcoclicTourCase):
    def test_collectivity_profile_tour(self):
        company = self.env["res.company"].create(
            {
                "name": "Commune d'Essai",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 1500,
            }
        )
        self.env["res.company"].create(
            {
                "name": "Commune Voisine",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 1600,
            }
        )
        company_user(
            self.env,
            company,
            login="ecoclic_tour_user",
            groups="ecoclic_odoo.group_ecoclic_user",
            lang="fr_FR",
        )
        self.start_tour("/odoo", "ecoclic_collectivity_profile", login="ecoclic_tour_user")


@tagged("post_install", "-at_install")
class TestAssessmentTour(MaturityQuestionnaireMixin, EcoclicTourCase):
    def test_assessment_tour(self):
        survey, _questions = self._make_survey("tour")
        company = self.env["res.company"].create(
            {
                "name": "Commune du Tour",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 900,
                "ecoclic_target_score": 80,
            }
        )
        user = company_user(
            self.env,
            company,
            login="ecoclic_tour_referent",
            groups="ecoclic_odoo.group_ecoclic_manager",
            lang="fr_FR",
        )
        assessment = self.env["ecoclic.assessment"].with_user(user).create({"survey_id": survey.id})
        self.start_tour(
            "/odoo/action-ecoclic_odoo.action_ecoclic_assessment",
            "ecoclic_assessment",
            login="ecoclic_tour_referent",
        )
        # Answered in survey's pages, validated by the référent: the scores are frozen.
        self.assertEqual(assessment.state, "submitted")
        self.assertEqual(assessment.submitted_by_id.login, "ecoclic_tour_referent")
        # Gouvernance (2 + 3) / 6 -> 83, Achats (1 + 0) / 6 -> 16, overall 6 / 12 -> 50.
        self.assertEqual(assessment.overall_score, 50)
        self.assertEqual(sorted(assessment.axis_score_ids.mapped("score")), [16, 83])


@tagged("post_install", "-at_install")
class TestSharedAnswers(MaturityQuestionnaireMixin, HttpCase):
    """Colleagues of a collectivity answer the same assessment; nobody else reaches it."""

    def test_colleagues_share_the_answers_and_nobody_else(self):
        survey, questions = self._make_survey("shared")
        Company = self.env["res.company"]
        company_a = Company.create(
            {"name": "Commune Partagée", "ecoclic_collectivity_type": "commune"}
        )
        company_b = Company.create(
            {"name": "Commune Voisine", "ecoclic_collectivity_type": "commune"}
        )
        referent = company_user(
            self.env,
            company_a,
            login="shared_referent",
            groups="ecoclic_odoo.group_ecoclic_manager",
        )
        company_user(
            self.env, company_a, login="shared_colleague", groups="ecoclic_odoo.group_ecoclic_user"
        )
        company_user(
            self.env, company_b, login="shared_outsider", groups="ecoclic_odoo.group_ecoclic_user"
        )
        assessment = (
            self.env["ecoclic.assessment"].with_user(referent).create({"survey_id": survey.id})
        )
        user_input = assessment.sudo().user_input_id
        page = f"/survey/{survey.access_token}/{user_input.access_token}"
        submit = f"/survey/submit/{survey.access_token}/{user_input.access_token}"

        self.authenticate("shared_colleague", "shared_colleague")
        response = self.url_open(page)
        self.assertEqual(response.status_code, 200)
        self.assertIn('value="start"', response.text)

        self.authenticate("shared_outsider", "shared_outsider")
        response = self.url_open(page)
        self.assertNotIn('value="start"', response.text)
        self.assertNotIn("Q1 answer", response.text)
        result = self.make_jsonrpc_request(
            submit,
            {
                str(questions["q1"].id): questions["q1"].suggested_answer_ids[0].id,
            },
        )
        self.assertEqual(result, [{}, {"error": "answer_wrong_user"}])
        self.assertFalse(user_input.user_input_line_ids)

        self.logout()
        response = self.url_open(page)
        self.assertNotIn('value="start"', response.text)


@tagged("post_install", "-at_install")
class TestPurchaseTour(EcoclicTourCase):
    def _laptops(self):
        """A buyer's collectivity, a vendor, a new laptop and its refurbished alternative."""
        company = self.env["res.company"].create(
            {
                "name": "Commune Acheteuse",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 2500,
                "currency_id": self.env.ref("base.EUR").id,
            }
        )
        vendor = self.env["res.partner"].create({"name": "Bureautique du Tour", "is_company": True})
        laptop = self.env.ref("ecoclic_odoo.equipment_category_laptop")
        Product = self.env["product.template"]

        def offer(price):
            return [
                Command.create(
                    {
                        "partner_id": vendor.id,
                        "price": price,
                        "company_id": False,
                        "currency_id": self.env.ref("base.EUR").id,
                    }
                )
            ]

        refurbished = Product.create(
            {
                "name": "Portable 14 pouces reconditionné",
                "purchase_ok": True,
                "type": "consu",
                "ecoclic_category_id": laptop.id,
                "ecoclic_condition": "refurbished",
                "seller_ids": offer(540.0),
            }
        )
        new = Product.create(
            {
                "name": "Portable 14 pouces",
                "purchase_ok": True,
                "type": "consu",
                "ecoclic_category_id": laptop.id,
                "ecoclic_condition": "new",
                "ecoclic_alternative_ids": [Command.set(refurbished.ids)],
                "seller_ids": offer(990.0),
            }
        )
        buyer = company_user(
            self.env,
            company,
            login="ecoclic_tour_buyer",
            groups="purchase.group_purchase_user",
            lang="fr_FR",
        )
        return vendor, new, refurbished, buyer

    def test_buyer_swaps_for_the_refurbished_alternative(self):
        vendor, new, refurbished, buyer = self._laptops()
        order = (
            self.env["purchase.order"]
            .with_user(buyer)
            .create(
                {
                    "partner_id": vendor.id,
                    "order_line": [
                        Command.create({"product_id": new.product_variant_id.id, "product_qty": 5})
                    ],
                }
            )
        )
        self.assertEqual(order.order_line.ecoclic_alternative_id, refurbished)
        self.start_tour(
            "/odoo/action-purchase.purchase_rfq",
            "ecoclic_purchase_alternative",
            login="ecoclic_tour_buyer",
        )
        self.assertEqual(order.order_line.product_id, refurbished.product_variant_id)
        self.assertEqual(order.order_line.product_qty, 5)
        self.assertEqual(order.order_line.price_unit, 540.0)
        self.assertEqual(order.state, "draft")

    def test_buyer_swaps_on_an_order_not_saved_yet(self):
        """Issue 13: the line's button refused ("Please save your changes first") on a new
        order, although the banner points to it; it now saves the order first."""
        vendor, new, refurbished, buyer = self._laptops()
        # Names the demo's own laptops do not share, for the product's autocompletion.
        new.name, refurbished.name = "Portable du Tour", "Portable du Tour reconditionné"
        self.start_tour(
            "/odoo/action-purchase.purchase_rfq/new",
            "ecoclic_purchase_alternative_unsaved",
            login="ecoclic_tour_buyer",
        )
        order = self.env["purchase.order"].search([("partner_id", "=", vendor.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.order_line.product_id, refurbished.product_variant_id)
        self.assertEqual(order.order_line.price_unit, 540.0)


@tagged("post_install", "-at_install")
class TestPlanTour(MaturityQuestionnaireMixin, EcoclicTourCase):
    def test_recommendations_become_plan_lines(self):
        survey, questions = self._make_survey("plan-tour")
        company = self.env["res.company"].create(
            {
                "name": "Commune du Plan",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 1200,
                "ecoclic_target_score": 80,
            }
        )
        user = company_user(
            self.env,
            company,
            login="ecoclic_plan_referent",
            groups="ecoclic_odoo.group_ecoclic_manager",
            lang="fr_FR",
        )
        axis = self.env.ref("ecoclic_odoo.axis_gouvernance")
        self.env["ecoclic.action"].create(
            [
                {
                    "code": f"T-0{i}",
                    "name": f"Action T-0{i}",
                    "axis_id": axis.id,
                    "triggers": trigger,
                    "impact": 6 - i,
                    "effort": 1,
                }
                for i, trigger in ((1, "Q1:1"), (2, "Q2:1"), (3, "Q3:1"))
            ]
        )
        assessment = self.env["ecoclic.assessment"].with_user(user).create({"survey_id": survey.id})
        user_input = assessment.sudo().user_input_id
        for name in ("q1", "q2", "q3", "q5"):
            question = questions[name]
            user_input._save_lines(question, question.suggested_answer_ids.sorted()[0].id)
        assessment.with_user(user).action_submit()
        self.assertEqual(len(assessment.recommendation_ids), 3)
        self.start_tour(
            "/odoo/action-ecoclic_odoo.action_ecoclic_assessment",
            "ecoclic_plan",
            login="ecoclic_plan_referent",
        )
        lines = self.env["ecoclic.plan.line"].search([("company_id", "=", company.id)])
        self.assertEqual(sorted(lines.mapped("name")), ["Action T-01", "Action T-02"])
        self.assertEqual(
            lines.filtered(lambda line: line.name == "Action T-01").state, "in_progress"
        )
        self.assertEqual(lines.filtered(lambda line: line.name == "Action T-02").state, "to_plan")


@tagged("post_install", "-at_install")
class TestFleetImportTour(EcoclicTourCase):
    def test_referent_imports_a_messy_glpi_export(self):
        company = self.env["res.company"].create(
            {"name": "Commune de l'Import", "ecoclic_collectivity_type": "commune"}
        )
        referent = company_user(
            self.env,
            company,
            login="ecoclic_import_referent",
            groups="ecoclic_odoo.group_ecoclic_manager",
            lang="fr_FR",
        )
        self.start_tour(
            "/odoo/action-ecoclic_odoo.action_ecoclic_fleet_import",
            "ecoclic_fleet_import",
            login="ecoclic_import_referent",
        )
        fleet = self.env["maintenance.equipment"].search([("company_id", "=", company.id)])
        self.assertEqual(sorted(fleet.mapped("serial_no")), ["TOUR001", "TOUR002", "TOUR003"])
        network = self.env.ref("ecoclic_odoo.equipment_category_network")
        self.assertEqual(
            fleet.filtered(lambda e: e.serial_no == "TOUR003").ecoclic_category_id, network
        )
        # The answer is kept for the collectivity's next imports.
        choice = self.env["ecoclic.fleet.import.choice"].search([("company_id", "=", company.id)])
        self.assertEqual((choice.value, choice.category_id), ("Borne maison", network))
        self.assertEqual(choice.create_uid, referent)
