# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import company_user

TODAY = date(2026, 6, 30)
YEAR = 365.25
# Boavizta 2.5.0's figures the categories ship (data/boavizta/categories.csv): embodied
# kg CO2e, lifespan (archetype hours of life / 8 760), power (W) used 30 % of the year.
FRANCE_KG_PER_KWH = 0.098  # Boavizta's factor for France's electricity


def use_per_year(watts, hours=0.3 * 8760):
    """kg CO2e of a year of use in France, as Boavizta computes it."""
    return watts * hours / 1000 * FRANCE_KG_PER_KWH


LAPTOP = (181.0, 35040 / 8760, use_per_year(75))  # laptop-pro: 4 years, 75 W
DESKTOP = (277.0, 52560 / 8760, use_per_year(175))  # desktop-pro: 6 years, 175 W
SCREEN = (64.7, 6.6, use_per_year(55))  # monitor-default: 57 816 hours, 55 W
# dellR740: Boavizta computes its manufacturing from its components and its power from
# their consumption (557.3 W, always on); 4 years.
SERVER = (1170.9, 4.0, use_per_year(557.306, 8760))


def years(start, end):
    return (end - start).days / YEAR


@tagged("post_install", "-at_install")
class TestFleet(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", ecoclic_today=TODAY))
        Company = cls.env["res.company"]
        cls.company_a = Company.create(
            {
                "name": "Parc A",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 2000,
                "ecoclic_agent_count": 10,
            }
        )
        cls.company_b = Company.create(
            {
                "name": "Parc B",
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 2100,
                "ecoclic_agent_count": 5,
            }
        )
        ref = cls.env.ref
        cls.laptop = ref("ecoclic_odoo.equipment_category_laptop")
        cls.screen = ref("ecoclic_odoo.equipment_category_screen")
        cls.desktop = ref("ecoclic_odoo.equipment_category_desktop")
        cls.server = ref("ecoclic_odoo.equipment_category_server")
        Equipment = cls.env["maintenance.equipment"]

        def item(name, category, acquired, **values):
            return Equipment.create(
                {
                    "name": name,
                    "company_id": values.pop("company_id", cls.company_a.id),
                    "ecoclic_category_id": category.id,
                    "ecoclic_acquisition_date": acquired,
                    "effective_date": acquired,
                    **values,
                }
            )

        cls.e1 = item("Laptop 2024", cls.laptop, date(2024, 6, 30))
        cls.e2 = item(
            "Laptop 2019", cls.laptop, date(2019, 6, 30), ecoclic_acquisition_mode="refurbished"
        )
        cls.e3 = item(
            "Screen recycled",
            cls.screen,
            date(2020, 6, 30),
            ecoclic_lifecycle="recycled",
            scrap_date=date(2026, 3, 1),
        )
        cls.e4 = item(
            "Laptop donated",
            cls.laptop,
            date(2021, 2, 1),
            ecoclic_lifecycle="donated",
            scrap_date=date(2026, 2, 1),
        )
        cls.e5 = item(
            "Desktop reused",
            cls.desktop,
            date(2015, 4, 1),
            ecoclic_lifecycle="reused_internal",
            scrap_date=date(2026, 4, 1),
        )
        cls.e6 = item(
            "Server given to us",
            cls.server,
            date(2026, 1, 1),
            ecoclic_acquisition_mode="donated",
            ecoclic_lifecycle="in_stock",
        )
        cls.b1 = item("Laptop of B", cls.laptop, date(2025, 1, 1), company_id=cls.company_b.id)

    def test_age_and_footprint_of_each_item(self):
        e1, e2, e3 = self.e1, self.e2, self.e3
        manufacturing, lifespan, use = LAPTOP
        # Two years old, 4-year lifespan: 2 years left; manufacturing spread over 4 years.
        # (figures are kept at their display precision: years to 0.1, kg to 0.01)
        self.assertAlmostEqual(e1.ecoclic_age, years(date(2024, 6, 30), TODAY), places=1)
        self.assertAlmostEqual(e1.ecoclic_remaining_life, 2.0, places=1)
        self.assertAlmostEqual(e1.ecoclic_annual_manufacturing, manufacturing / lifespan, places=2)
        self.assertAlmostEqual(e1.ecoclic_use_footprint_year, use, places=2)  # 19.32
        # The same on the two other criteria: ADEME's laptop (pro) as Boavizta ships it, and
        # 197.1 kWh a year at Boavizta's French factors per kWh.
        self.assertAlmostEqual(e1.ecoclic_embodied_adpe, 0.0086, places=6)
        self.assertAlmostEqual(e1.ecoclic_embodied_pe, 2410, places=0)
        self.assertAlmostEqual(e1.ecoclic_yearly_energy, 197.1, places=1)
        self.assertAlmostEqual(e1.ecoclic_use_adpe_year, 197.1 * 4.85798e-08, places=10)
        self.assertAlmostEqual(e1.ecoclic_use_pe_year, 197.1 * 11.289, places=0)
        # Seven years old: outlived its lifespan; manufacturing spread over its 7 years.
        age2 = years(date(2019, 6, 30), TODAY)
        self.assertAlmostEqual(e2.ecoclic_annual_manufacturing, manufacturing / age2, places=2)
        self.assertLess(e2.ecoclic_remaining_life, -2.9)
        # Recycled after 5.7 years: its actual years of use, and no more use footprint.
        age3 = years(date(2020, 6, 30), date(2026, 3, 1))
        self.assertAlmostEqual(e3.ecoclic_age, age3, places=1)
        self.assertAlmostEqual(e3.ecoclic_annual_manufacturing, SCREEN[0] / age3, places=2)
        self.assertEqual(e3.ecoclic_use_footprint_year, 0)

    def test_a_collectivity_adjusts_the_figures(self):
        self.env["ecoclic.equipment.category.figure"].create(
            {
                "company_id": self.company_a.id,
                "category_id": self.laptop.id,
                "manufacturing_footprint": 150.0,
                "lifespan": 6.0,
                "use_footprint_year": 2.0,
            }
        )
        self.e1.invalidate_recordset()
        self.assertAlmostEqual(self.e1.ecoclic_annual_manufacturing, 150.0 / 6, places=2)
        self.assertAlmostEqual(self.e1.ecoclic_remaining_life, 4.0, places=1)
        # Company B keeps the reference figures.
        self.assertAlmostEqual(self.b1.ecoclic_lifespan, LAPTOP[1])
        with self.assertRaises(ValidationError):
            self.env["ecoclic.equipment.category.figure"].create(
                {
                    "company_id": self.company_b.id,
                    "category_id": self.laptop.id,
                    "manufacturing_footprint": 150.0,
                    "lifespan": 0.0,
                }
            )

    def test_fleet_indicators(self):
        indicators = self.company_a._ecoclic_fleet_indicators(2026, today=TODAY)[self.company_a.id]
        # In the fleet: e1, e2, e5 (reused internally), e6 (in stock); e3 and e4 have left.
        self.assertEqual(indicators["fleet"], 4)
        self.assertAlmostEqual(indicators["second_hand_share"], 50.0)  # e2 and e6
        ages = [
            years(date(2024, 6, 30), TODAY),
            years(date(2019, 6, 30), TODAY),
            years(date(2015, 4, 1), TODAY),
            years(date(2026, 1, 1), TODAY),
        ]
        self.assertAlmostEqual(indicators["age"], sum(ages) / 4, places=4)
        ratios = [ages[0] / 4, ages[1] / 4, ages[2] / 6, ages[3] / 4]
        self.assertAlmostEqual(indicators["age_ratio"], 100 * sum(ratios) / 4, places=3)
        footprint = (
            (LAPTOP[0] / LAPTOP[1] + LAPTOP[2])
            + (LAPTOP[0] / ages[1] + LAPTOP[2])
            + (DESKTOP[0] / ages[2] + DESKTOP[2])
            + (SERVER[0] / SERVER[1] + SERVER[2])
        )
        self.assertAlmostEqual(indicators["footprint"], footprint, places=3)
        self.assertAlmostEqual(indicators["footprint_per_agent"], footprint / 10, places=3)
        # Reformed in 2026 under 10 years: e3 (recycled) and e4 (donated); e5 was 11.
        self.assertEqual(indicators["reformed"], 2)
        self.assertEqual(indicators["reformed_reused"], 1)
        self.assertAlmostEqual(indicators["reuse_share"], 50.0)
        # The per-item computation agrees with the set-based one.
        fleet = self.e1 | self.e2 | self.e5 | self.e6
        per_item = sum(e.ecoclic_annual_manufacturing + e.ecoclic_use_footprint_year for e in fleet)
        self.assertAlmostEqual(per_item, indicators["footprint"], places=1)
        # At the end of 2025: e6 was not bought yet; e3 and e4 had not left.
        past = self.company_a._ecoclic_fleet_indicators(2025, today=TODAY)[self.company_a.id]
        self.assertEqual(past["fleet"], 5)
        self.assertAlmostEqual(
            past["age"],
            sum(
                years(d, date(2025, 12, 31))
                for d in (
                    date(2024, 6, 30),
                    date(2019, 6, 30),
                    date(2020, 6, 30),
                    date(2021, 2, 1),
                    date(2015, 4, 1),
                )
            )
            / 5,
            places=4,
        )
        self.assertEqual(past["reformed"], 0)
        history = self.company_a.ecoclic_fleet_history_html  # 2023 to 2026, as of TODAY
        rows = re.findall(r"<tr>\s*<td>(\d{4})</td>\s*<td[^>]*>(\d+)</td>", str(history))
        self.assertEqual(rows, [("2023", "4"), ("2024", "5"), ("2025", "5"), ("2026", "4")])
        # The legal minimum of the year, from the data.
        self.assertEqual(self.env["ecoclic.legal.rate"]._ecoclic_rate("reen_reuse", 2026), 50)
        self.assertEqual(self.env["ecoclic.legal.rate"]._ecoclic_rate("reen_reuse", 2023), 25)

    def test_indicators_take_one_query_whatever_the_companies(self):
        companies = self.company_a | self.company_b
        self.env.flush_all()
        for subset in (self.company_a, companies):
            with self.assertQueryCount(__system__=1):
                result = subset._ecoclic_fleet_indicators(2026, today=TODAY)
            self.assertEqual(set(result), set(subset.ids))

    def test_bad_input_is_refused(self):
        cases = [
            ({"ecoclic_acquisition_date": date(2099, 1, 1)}, "is in the future"),
            (
                {"scrap_date": date(2020, 1, 1), "ecoclic_lifecycle": "recycled"},
                "before it was acquired",
            ),
            ({"ecoclic_lifecycle": "donated", "scrap_date": False}, "give the date"),
            ({"cost": -5}, "cannot be negative"),
            ({"company_id": False}, "needs a collectivity"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                with self.assertRaises(ValidationError) as caught:
                    self.e1.write(values)
                self.assertIn(message, str(caught.exception))
        self.assertEqual(self.e1.ecoclic_lifecycle, "in_use")

    def test_collectivities_never_see_each_other_fleet(self):
        manager_b = company_user(
            self.env,
            self.company_b,
            login="fleet_manager_b",
            groups="ecoclic_odoo.group_ecoclic_manager",
        )
        agent_a = company_user(
            self.env,
            self.company_a,
            login="fleet_agent_a",
            groups="ecoclic_odoo.group_ecoclic_user",
        )
        Equipment = self.env["maintenance.equipment"]
        self.assertEqual(Equipment.with_user(manager_b).search([]), self.b1)
        self.assertEqual(len(Equipment.with_user(agent_a).search([])), 6)
        with self.assertRaises(AccessError):
            self.e1.with_user(manager_b).read(["name"])
        with self.assertRaises(AccessError):
            Equipment.with_user(manager_b).create(
                {
                    "name": "Sneaked in",
                    "company_id": self.company_a.id,
                    "ecoclic_category_id": self.laptop.id,
                }
            )
        with self.assertRaises(AccessError):
            self.e1.with_user(agent_a).write({"ecoclic_lifecycle": "in_stock"})
