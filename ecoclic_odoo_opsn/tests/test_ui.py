# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.tests import tagged

from odoo.addons.ecoclic_odoo.tests.common import EcoclicTourCase, company_user


@tagged("post_install", "-at_install")
class TestPortfolioTour(EcoclicTourCase):
    def test_portfolio_tour(self):
        Company = self.env["res.company"]
        opsn = Company.create({"name": "OPSN de test", "ecoclic_is_opsn": True})
        Company.create(
            [
                {
                    "name": "Commune suivie",
                    "ecoclic_collectivity_type": "commune",
                    "ecoclic_population": 2000,
                    "ecoclic_opsn_id": opsn.id,
                },
                {
                    "name": "Communauté suivie",
                    "ecoclic_collectivity_type": "cc",
                    "ecoclic_population": 15000,
                    "ecoclic_opsn_id": opsn.id,
                },
                {
                    "name": "Commune hors portefeuille",
                    "ecoclic_collectivity_type": "commune",
                    "ecoclic_population": 2100,
                },
            ]
        )
        company_user(
            self.env,
            opsn,
            login="opsn_tour_viewer",
            groups="ecoclic_odoo_opsn.group_opsn_viewer",
            lang="fr_FR",
        )
        self.start_tour("/odoo", "ecoclic_opsn_portfolio", login="opsn_tour_viewer")


@tagged("post_install", "-at_install")
class TestSupervisionTour(EcoclicTourCase):
    def test_viewer_filters_late_collectivities_and_drills_in(self):
        Company = self.env["res.company"]
        opsn = Company.create({"name": "OPSN du tour", "ecoclic_is_opsn": True})
        late, on_time = Company.create(
            [
                {
                    "name": "Commune en retard",
                    "ecoclic_collectivity_type": "commune",
                    "ecoclic_population": 2000,
                    "ecoclic_opsn_id": opsn.id,
                },
                {
                    "name": "Commune à jour",
                    "ecoclic_collectivity_type": "commune",
                    "ecoclic_population": 2100,
                    "ecoclic_opsn_id": opsn.id,
                },
            ]
        )
        survey = self.env.ref("ecoclic_odoo.survey_maturity_v1")
        today = date.today()
        for company, score, when in (
            (late, 55, today - timedelta(days=500)),
            (on_time, 70, today - timedelta(days=30)),
        ):
            assessment = self.env["ecoclic.assessment"].create(
                {"company_id": company.id, "survey_id": survey.id}
            )
            assessment.write(
                {"state": "submitted", "overall_score": score, "grade": "D", "date_submitted": when}
            )
        self.env["ecoclic.opsn.followup"].create(
            {"company_id": on_time.id, "opsn_id": opsn.id, "date": today + timedelta(days=20)}
        )
        company_user(
            self.env,
            opsn,
            login="opsn_tour_supervisor",
            groups="ecoclic_odoo_opsn.group_opsn_viewer",
            lang="fr_FR",
        )
        self.start_tour(
            "/odoo/action-ecoclic_odoo_opsn.action_ecoclic_opsn_dashboard",
            "ecoclic_opsn_supervision",
            login="opsn_tour_supervisor",
        )
