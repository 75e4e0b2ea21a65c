# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What-if scenarios for the fleet: the arithmetic on a fleet computed by hand, a scenario
on the demo collectivity, its plan lines, and who may do what."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import EcoclicTourCase, company_user


@tagged("post_install", "-at_install")
class TestFleetScenario(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        # France's electricity, with round factors (the company has no country: France's).
        france = cls.env["ecoclic.electricity.mix"]._ecoclic_default()
        france.write({"gwp": 0.1, "adpe": 1e-7, "pe": 10.0})
        Category = cls.env["ecoclic.equipment.category"]
        # A: 200 kg CO2e, 0.01 kg Sb eq., 2 000 MJ to make; 4 years; 50 W × 2 000 h = 100 kWh
        # a year, so a year of use is 10 kg CO2e, 0.00001 kg Sb eq., 1 000 MJ; 1 000 € new,
        # 600 € refurbished.
        cls.cat_a = Category.create(cls._category("test_a", 200, 0.01, 2000, 4, 50, 1000, 600))
        # B: 300 kg CO2e, 0.012 kg Sb eq., 6 000 MJ; 6 years; 150 W × 2 000 h = 300 kWh, so a
        # year of use is 30 kg CO2e, 0.00003 kg Sb eq., 3 000 MJ; 720 € new, 360 € refurbished.
        cls.cat_b = Category.create(cls._category("test_b", 300, 0.012, 6000, 6, 150, 720, 360))
        cls.company = cls.env["res.company"].create({"name": "Commune du Scénario"})
        cls.other_company = cls.env["res.company"].create({"name": "Commune Voisine"})
        cls.referent = company_user(
            cls.env, cls.company, "scenario_referent", "ecoclic_odoo.group_ecoclic_manager"
        )
        cls.agent = company_user(
            cls.env, cls.company, "scenario_agent", "ecoclic_odoo.group_ecoclic_user"
        )
        cls.other_referent = company_user(
            cls.env, cls.other_company, "scenario_other", "ecoclic_odoo.group_ecoclic_manager"
        )
        # The fleet: 10 A and 4 B in use. Not counted: an A recycled, an A of the neighbour.
        cls._equipment(cls.company, cls.cat_a, 10)
        cls._equipment(cls.company, cls.cat_b, 4)
        cls._equipment(
            cls.company, cls.cat_a, 1, ecoclic_lifecycle="recycled", scrap_date=date(2025, 1, 1)
        )
        cls._equipment(cls.other_company, cls.cat_a, 1)

    @classmethod
    def _category(cls, code, gwp, adpe, pe, lifespan, power, price, refurbished):
        return {
            "code": code,
            "name": code.upper(),
            "manufacturing_footprint": gwp,
            "embodied_adpe": adpe,
            "embodied_pe": pe,
            "lifespan": lifespan,
            "avg_power": power,
            "use_hours_year": 2000,
            "unit_price": price,
            "refurbished_price": refurbished,
        }

    @classmethod
    def _equipment(cls, company, category, count, **values):
        return cls.env["maintenance.equipment"].create(
            [
                {
                    "name": f"{category.code} {company.name} {index}",
                    "company_id": company.id,
                    "ecoclic_category_id": category.id,
                    "ecoclic_acquisition_date": date(2024, 1, 1),
                    **values,
                }
                for index in range(count)
            ]
        )

    def _scenario(self, user=None):
        scenario = (
            self.env["ecoclic.fleet.scenario"]
            .with_user(user or self.referent)
            .create({"name": "Garder et reconditionner", "company_id": self.company.id})
        )
        levers = {
            self.cat_a: {"extra_years": 2, "refurbished_share": 50, "fewer_share": 10},
            self.cat_b: {"hours_saved": 500},
        }
        for line in scenario.line_ids:
            line.write(levers[line.category_id])
        return scenario

    def test_hand_computed_case(self):
        scenario = self._scenario()
        # One line per category the collectivity has in service, with its items.
        lines = {line.category_id: line for line in scenario.line_ids}
        self.assertEqual(set(lines), {self.cat_a, self.cat_b})
        self.assertEqual(lines[self.cat_a].count, 10)
        self.assertEqual(lines[self.cat_b].count, 4)
        # A, today: 10 / 4 = 2.5 bought a year. CO2e 2.5 × 200 + 10 × 10 = 600;
        #   Sb 2.5 × 0.01 + 10 × 0.00001 = 0.0251; MJ 2.5 × 2 000 + 10 × 1 000 = 15 000;
        #   € 2.5 × 1 000 = 2 500.
        # A, scenario: 10 × 0.9 = 9 items, 9 / (4 + 2) = 1.5 bought a year, half new.
        #   CO2e 1.5 × 0.5 × 200 + 9 × 10 = 240; Sb 1.5 × 0.5 × 0.01 + 9 × 0.00001 = 0.00759;
        #   MJ 1.5 × 0.5 × 2 000 + 9 × 1 000 = 10 500; € 1.5 × (0.5 × 1 000 + 0.5 × 600) = 1 200.
        # B, today: 4 / 6 bought a year. CO2e 4/6 × 300 + 4 × 30 = 320;
        #   Sb 4/6 × 0.012 + 4 × 0.00003 = 0.00812; MJ 4/6 × 6 000 + 4 × 3 000 = 16 000;
        #   € 4/6 × 720 = 480.
        # B, scenario: on 1 − 500 / 2 000 = 75 % of the hours. CO2e 200 + 120 × 0.75 = 290;
        #   Sb 0.008 + 0.00012 × 0.75 = 0.00809; MJ 4 000 + 12 000 × 0.75 = 13 000; € 480.
        # A year: today 920 kg CO2e, 0.03322 kg Sb eq., 31 000 MJ, 2 980 €; the scenario
        # 530, 0.01568, 23 500, 1 680. Over 5 years, saved: 5 × 390 = 1 950 kg CO2e,
        # 5 × 0.01754 = 0.0877 kg Sb eq., 5 × 7 500 = 37 500 MJ, 5 × 1 300 = 6 500 €.
        self.assertAlmostEqual(scenario.today_gwp, 4600, places=6)
        self.assertAlmostEqual(scenario.scenario_gwp, 2650, places=6)
        self.assertAlmostEqual(scenario.saved_gwp, 1950, places=6)
        self.assertAlmostEqual(scenario.saved_adpe, 0.0877, places=9)
        self.assertAlmostEqual(scenario.saved_pe, 37500, places=6)
        self.assertAlmostEqual(scenario.saved_amount, 6500, places=6)
        # Per category: A saves 5 × 360 kg CO2e and 5 × 1 300 €; B 5 × 30 kg and no euro.
        self.assertAlmostEqual(lines[self.cat_a].saved_gwp, 1800, places=6)
        self.assertAlmostEqual(lines[self.cat_a].saved_amount, 6500, places=6)
        self.assertAlmostEqual(lines[self.cat_b].saved_gwp, 150, places=6)
        self.assertAlmostEqual(lines[self.cat_b].saved_amount, 0, places=6)
        # The chart cumulates year by year: year 3, 3 × 920 today and 3 × 530 in the scenario.
        chart = scenario.chart_data
        self.assertEqual(len(chart["labels"]), 5)
        gwp = next(serie for serie in chart["series"] if serie["key"] == "gwp")
        self.assertEqual(gwp["today"][2], 2760)
        self.assertEqual(gwp["scenario"][2], 1590)
        amount = next(serie for serie in chart["series"] if serie["key"] == "amount")
        self.assertEqual(amount["today"][4] - amount["scenario"][4], 6500)

    def test_levers_turn_into_plan_lines_once(self):
        scenario = self._scenario()
        scenario.action_ecoclic_create_plan_lines()
        lines = scenario.plan_line_ids
        # A: keep longer, refurbished, fewer; B: switched off at night. No catalogue action
        # for these test categories: lines of their own, to plan.
        self.assertEqual(
            sorted(lines.mapped("scenario_lever")),
            [
                "extend_lifespan:test_a",
                "fewer_devices:test_a",
                "refurbished_share:test_a",
                "use_reduction:test_b",
            ],
        )
        self.assertEqual(set(lines.mapped("state")), {"to_plan"})
        self.assertEqual(set(lines.company_id), {self.company})
        targets = {
            line.scenario_lever: (line.indicator_ids.source, line.indicator_ids.target)
            for line in lines
        }
        self.assertEqual(targets["extend_lifespan:test_a"], ("manual", 6))  # 4 + 2 years
        self.assertEqual(targets["refurbished_share:test_a"], ("purchase_refurbished_share", 50))
        self.assertEqual(targets["fewer_devices:test_a"], ("manual", 9))  # 10 × 0.9
        self.assertEqual(targets["use_reduction:test_b"], ("manual", 1500))  # 2 000 − 500
        self.assertIn("TEST_A: keep 2 more years", lines.mapped("name"))
        # A second click makes nothing; a new lever makes its line only.
        scenario.action_ecoclic_create_plan_lines()
        self.assertEqual(scenario.plan_line_ids, lines)
        scenario.line_ids.filtered(lambda line: line.category_id == self.cat_b).extra_years = 1
        scenario.action_ecoclic_create_plan_lines()
        self.assertEqual(len(scenario.plan_line_ids), 5)
        self.assertEqual(scenario.plan_line_count, 5)

    def test_demo_collectivity(self):
        company = self.env.ref("ecoclic_odoo.company_morvan")
        referent = self.env.ref("ecoclic_odoo.user_referent_morvan")
        scenario = (
            self.env["ecoclic.fleet.scenario"]
            .with_user(referent)
            .with_company(company)
            .create({"name": "Plan de sobriété 2027", "company_id": company.id})
        )
        levers = {
            "laptop": {"extra_years": 2, "refurbished_share": 30},
            "desktop": {"extra_years": 2, "fewer_share": 10},
            "screen": {"hours_saved": 1000},
        }
        for line in scenario.line_ids:
            line.write(levers.get(line.category_id.code, {}))
        self.assertTrue(set(levers) <= set(scenario.line_ids.category_id.mapped("code")))
        self.assertTrue(all(scenario.line_ids.mapped("count")))
        for name in ("saved_gwp", "saved_adpe", "saved_pe", "saved_amount"):
            self.assertGreater(scenario[name], 0, name)
        PlanLine = self.env["ecoclic.plan.line"]
        before = PlanLine.search_count([("company_id", "=", company.id)])
        scenario.action_ecoclic_create_plan_lines()
        lines = scenario.plan_line_ids
        self.assertEqual(len(lines), 5)
        # Each with the scenario's indicator (the last one, beside those a line taken over
        # had), with its target.
        self.assertTrue(all(line.indicator_ids.sorted("id")[-1].target > 0 for line in lines))
        # Laptops kept 2 more years is a catalogue action (ACT-PAR-05): its line, taken over
        # if the plan had it, never doubled.
        keep = lines.filtered(lambda line: line.scenario_lever == "extend_lifespan:laptop")
        self.assertEqual(keep.action_id.estimate, "extend_lifespan:laptop:2")
        self.assertEqual(
            PlanLine.search_count(
                [
                    ("company_id", "=", company.id),
                    ("action_id", "=", keep.action_id.id),
                    ("state", "!=", "abandoned"),
                ]
            ),
            1,
        )
        after = PlanLine.search_count([("company_id", "=", company.id)])
        self.assertLessEqual(after - before, 5)
        scenario.action_ecoclic_create_plan_lines()
        self.assertEqual(PlanLine.search_count([("company_id", "=", company.id)]), after)

    def test_personas(self):
        # The référent creates and converts (above); the agent reads and converts nothing.
        scenario = self._scenario()
        as_agent = scenario.with_user(self.agent)
        self.assertAlmostEqual(as_agent.saved_gwp, 1950, places=6)
        with self.assertRaises(AccessError):
            as_agent.action_ecoclic_create_plan_lines()
        with self.assertRaises(AccessError):
            as_agent.write({"name": "Autre"})
        with self.assertRaises(AccessError):
            self.env["ecoclic.fleet.scenario"].with_user(self.agent).create(
                {"name": "Le mien", "company_id": self.company.id}
            )
        self.assertFalse(scenario.plan_line_ids)
        # Another collectivity's référent neither reads it nor converts it.
        as_other = scenario.with_user(self.other_referent)
        with self.assertRaises(AccessError):
            as_other.read(["saved_gwp"])
        with self.assertRaises(AccessError):
            as_other.action_ecoclic_create_plan_lines()
        with self.assertRaises(AccessError):
            scenario.line_ids[0].with_user(self.other_referent).read(["extra_years"])
        self.assertFalse(
            self.env["ecoclic.fleet.scenario"].with_user(self.other_referent).search([])
        )

    def test_query_count_does_not_grow_with_the_fleet(self):
        scenario = self._scenario()
        Scenario = self.env["ecoclic.fleet.scenario"]
        counts = []
        for extra in (0, 40):
            self._equipment(self.company, self.cat_a, extra)
            self._equipment(self.company, self.cat_b, extra)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(12):
                fresh = Scenario.browse(scenario.id)
                results = (fresh.saved_gwp, fresh.saved_amount, fresh.line_ids.mapped("count"))
            counts.append(results[2])
        self.assertEqual(counts, [[10, 4], [50, 44]])


@tagged("post_install", "-at_install")
class TestFleetScenarioTour(EcoclicTourCase):
    browser_size = "1440x900"

    def test_referent_builds_a_scenario(self):
        """Référent: Parc → Scénarios → a new scenario → laptops kept 2 more years → the
        savings, the chart and the table → the action plan."""
        company = self.env["res.company"].create(
            {
                "name": "Communauté de communes du Pays de Quimperlé-les-Landes",
                "ecoclic_collectivity_type": "cc",
                "ecoclic_population": 55400,
                "currency_id": self.env.ref("base.EUR").id,
            }
        )
        company_user(
            self.env,
            company,
            login="scenario_tour",
            name="Maëlle Le Goff-Kerhervé",
            groups="ecoclic_odoo.group_ecoclic_manager",
            lang="fr_FR",
        )
        laptop = self.env.ref("ecoclic_odoo.equipment_category_laptop")
        desktop = self.env.ref("ecoclic_odoo.equipment_category_desktop")
        self.env["maintenance.equipment"].create(
            [
                {
                    "name": f"{category.code} {index}",
                    "company_id": company.id,
                    "ecoclic_category_id": category.id,
                    "ecoclic_acquisition_date": date(2023, 3, 1),
                }
                for category, count in ((laptop, 12), (desktop, 5))
                for index in range(count)
            ]
        )
        self.start_tour("/odoo", "ecoclic_fleet_scenario", login="scenario_tour", timeout=300)
        scenario = self.env["ecoclic.fleet.scenario"].search([("company_id", "=", company.id)])
        self.assertEqual(scenario.name, "Garder les ordinateurs portables deux ans de plus")
        self.assertEqual(scenario.plan_line_ids.scenario_lever, "extend_lifespan:laptop")
        self.assertGreater(scenario.saved_gwp, 0)
