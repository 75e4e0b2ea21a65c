# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import file_open

from ..models.ecoclic_electricity_mix import MIX_FILE
from ..models.ecoclic_equipment_category import CATEGORY_FILE

FIGURES = (
    "manufacturing_footprint",
    "embodied_adpe",
    "embodied_pe",
    "lifespan",
    "avg_power",
    "use_hours_year",
    "yearly_energy",
    "use_footprint_year",
    "use_adpe_year",
    "use_pe_year",
)


def shipped(path):
    with file_open(path, "r") as handle:
        return list(csv.DictReader(handle))


@tagged("post_install", "-at_install")
class TestFootprintFigures(TransactionCase):
    """The categories' figures come from Boavizta's engine (data/boavizta/*.csv)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.Category = cls.env["ecoclic.equipment.category"].with_context(active_test=False)
        cls.laptop = cls.env.ref("ecoclic_odoo.equipment_category_laptop")
        cls.company = cls.env["res.company"].create({"name": "Commune de Boavizta"})
        cls.referent = new_test_user(
            cls.env,
            login="footprint_referent",
            groups="ecoclic_odoo.group_ecoclic_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.agent = new_test_user(
            cls.env,
            login="footprint_agent",
            groups="ecoclic_odoo.group_ecoclic_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def test_no_category_without_figures_source_and_version(self):
        rows = {row["code"]: row for row in shipped(CATEGORY_FILE)}
        categories = self.Category.with_user(self.referent).search([])
        self.assertEqual(set(categories.mapped("code")), set(rows))
        for category in categories:
            row = rows[category.code]
            with self.subTest(category=category.code):
                for name in FIGURES:
                    self.assertGreater(category[name], 0, name)
                for name in ("manufacturing_footprint", "embodied_adpe", "embodied_pe"):
                    low, high = category[f"{name}_min"], category[f"{name}_max"]
                    self.assertTrue(0 < low <= category[name] <= high, name)
                self.assertEqual(category.boavizta_version, row["boavizta_version"])
                self.assertEqual(category.boavizta_archetype, row["archetype"])
                self.assertEqual(category.figures_basis, row["basis"])
                self.assertTrue(category.source)
                # Boavizta's own devices are confirmed; stand-ins and other sources are not.
                self.assertEqual(category.figures_confirmed, row["basis"] == "archetype")
                self.assertAlmostEqual(
                    category.manufacturing_footprint, float(row["embodied_gwp"]), places=1
                )
                self.assertAlmostEqual(
                    category.yearly_energy, float(row["yearly_energy"]), places=1
                )
                self.assertAlmostEqual(
                    category.use_footprint_year, float(row["use_gwp_year_fr"]), places=2
                )

    def test_the_electricity_of_the_collectivity_country(self):
        mixes = self.env["ecoclic.electricity.mix"].search([])
        self.assertEqual(len(mixes), len(shipped(MIX_FILE)))
        france = self.env.ref("base.fr")
        germany = self.env.ref("base.de")
        Mix = self.env["ecoclic.electricity.mix"]
        self.assertEqual(Mix._ecoclic_default().country_id, france)
        self.assertAlmostEqual(Mix._ecoclic_default().gwp, 0.098)
        german = Mix.search([("country_id", "=", germany.id)])
        self.assertAlmostEqual(german.gwp, 0.422)
        other = self.env["res.company"].create({"name": "Gemeinde", "country_id": germany.id})
        Equipment = self.env["maintenance.equipment"]
        items = Equipment
        for company in (self.company, other):
            items |= Equipment.create(
                {
                    "name": f"Laptop of {company.name}",
                    "company_id": company.id,
                    "ecoclic_category_id": self.laptop.id,
                    "ecoclic_acquisition_date": date(2025, 1, 1),
                    "effective_date": date(2025, 1, 1),
                }
            )
        energy = self.laptop.yearly_energy  # 75 W x 2 628 hours
        self.assertAlmostEqual(energy, 197.1, places=1)
        # No country: France's electricity; Germany: its own.
        self.assertAlmostEqual(items[0].ecoclic_use_footprint_year, energy * 0.098, places=2)
        self.assertAlmostEqual(items[1].ecoclic_use_footprint_year, energy * 0.422, places=2)
        self.assertAlmostEqual(items[1].ecoclic_use_pe_year, energy * german.pe, places=0)
        # The fleet indicators (one query for all companies) use the same electricity.
        companies = self.company | other
        indicators = companies._ecoclic_fleet_indicators(2026, today=date(2026, 6, 30))
        for item in items:
            expected = item.ecoclic_annual_manufacturing + item.ecoclic_use_footprint_year
            # (the per-asset figures are kept to the displayed hundredth)
            self.assertAlmostEqual(
                indicators[item.company_id.id]["footprint"], expected, delta=0.02
            )

    def test_only_the_administrator_changes_the_reference_figures(self):
        # The référent reads every figure; neither the agent nor the référent changes them
        # (their own figures go to My equipment figures).
        laptop = self.laptop.with_user(self.referent)
        self.assertEqual(laptop.read(["boavizta_version"])[0]["boavizta_version"], "2.5.0")
        for user in (self.agent, self.referent):
            with self.assertRaises(AccessError):
                self.laptop.with_user(user).write({"manufacturing_footprint": 1.0})
            with self.assertRaises(AccessError):
                self.laptop.with_user(user).write({"use_hours_year": 1.0})
            with self.assertRaises(AccessError):
                self.env["ecoclic.electricity.mix"].search([], limit=1).with_user(user).write(
                    {"gwp": 1.0}
                )

    def test_figures_changed_by_hand_survive_updates(self):
        self.laptop.use_hours_year = 1000
        self.assertTrue(self.laptop.figures_custom)
        self.assertAlmostEqual(self.laptop.yearly_energy, 75.0)
        self.Category._ecoclic_load_boavizta()  # what each update of the add-on runs
        self.assertEqual(self.laptop.use_hours_year, 1000)
        self.laptop.action_ecoclic_reset_figures()
        self.assertFalse(self.laptop.figures_custom)
        self.assertAlmostEqual(self.laptop.use_hours_year, 2628)
        self.assertAlmostEqual(self.laptop.yearly_energy, 197.1, places=1)


@tagged("post_install", "-at_install")
class TestFleetFootprints(TransactionCase):
    """The fleet's footprint on Boavizta's three criteria, per asset and per collectivity,
    with the equipment left out (no category or no date) counted."""

    TODAY = date(2026, 6, 30)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", ecoclic_today=cls.TODAY))
        # Figures easy to follow by hand: France's electricity at 0.1 kg CO2e, 1e-7 kg Sb
        # eq. and 10 MJ per kWh; a laptop of 200 kg CO2e, 0.01 kg Sb eq. and 3 000 MJ over 5
        # years drawing 100 kWh a year; a desktop of 300, 0.02 and 6 000 over 5 years, 100 kWh.
        cls.env["ecoclic.electricity.mix"]._ecoclic_default().write(
            {"gwp": 0.1, "adpe": 1e-7, "pe": 10.0}
        )
        cls.laptop = cls.env.ref("ecoclic_odoo.equipment_category_laptop")
        cls.desktop = cls.env.ref("ecoclic_odoo.equipment_category_desktop")
        cls.laptop.write(
            {
                "manufacturing_footprint": 200.0,
                "embodied_adpe": 0.01,
                "embodied_pe": 3000.0,
                "lifespan": 5.0,
                "avg_power": 50.0,
                "use_hours_year": 2000.0,
            }
        )
        cls.desktop.write(
            {
                "manufacturing_footprint": 300.0,
                "embodied_adpe": 0.02,
                "embodied_pe": 6000.0,
                "lifespan": 5.0,
                "avg_power": 100.0,
                "use_hours_year": 1000.0,
            }
        )
        cls.company = cls.env["res.company"].create(
            {"name": "Commune de Calcul", "ecoclic_agent_count": 4}
        )
        Equipment = cls.env["maintenance.equipment"]
        base = {"company_id": cls.company.id}
        cls.recent = Equipment.create(
            dict(
                base,
                name="Laptop, a year old",
                ecoclic_category_id=cls.laptop.id,
                ecoclic_acquisition_date=date(2025, 6, 30),
            )
        )
        cls.old = Equipment.create(
            dict(
                base,
                name="Desktop, 8 years old",
                ecoclic_category_id=cls.desktop.id,
                ecoclic_acquisition_date=date(2018, 6, 30),
            )
        )
        cls.undated = Equipment.create(
            # Without an acquisition date: aged from Maintenance's effective date (required).
            dict(
                base,
                name="Laptop without a date",
                ecoclic_category_id=cls.laptop.id,
                effective_date=date(2025, 6, 30),
            )
        )
        cls.uncategorised = Equipment.create(
            dict(base, name="Device without a category", ecoclic_acquisition_date=date(2024, 1, 1))
        )
        cls.recycled = Equipment.create(
            dict(
                base,
                name="Recycled laptop",
                ecoclic_category_id=cls.laptop.id,
                ecoclic_acquisition_date=date(2019, 1, 1),
                ecoclic_lifecycle="recycled",
                scrap_date=date(2025, 1, 1),
            )
        )

    def test_the_arithmetic_on_three_criteria(self):
        # Laptop, a year old: spread over its 5-year lifespan, plus 100 kWh of use.
        self.assertAlmostEqual(self.recent.ecoclic_annual_manufacturing, 200 / 5)
        self.assertAlmostEqual(self.recent.ecoclic_annual_adpe, 0.01 / 5)
        self.assertAlmostEqual(self.recent.ecoclic_annual_pe, 3000 / 5)
        self.assertAlmostEqual(self.recent.ecoclic_use_footprint_year, 100 * 0.1)
        self.assertAlmostEqual(self.recent.ecoclic_use_adpe_year, 100 * 1e-7)
        self.assertAlmostEqual(self.recent.ecoclic_use_pe_year, 100 * 10)
        # Desktop, 8 years old: outlived its lifespan, spread over its 8 years.
        self.assertAlmostEqual(self.old.ecoclic_age, 8.0)
        self.assertAlmostEqual(self.old.ecoclic_annual_manufacturing, 300 / 8)
        self.assertAlmostEqual(self.old.ecoclic_annual_adpe, 0.02 / 8)
        self.assertAlmostEqual(self.old.ecoclic_annual_pe, 6000 / 8)
        # The equipment form names the figures' source and version, and warns when the
        # equipment is left out.
        self.assertEqual(self.recent.ecoclic_figures_source, "Boavizta 2.5.0, device laptop-pro")
        self.assertFalse(self.uncategorised.ecoclic_figures_source)
        values = self.company._ecoclic_fleet_indicators(2026, today=self.TODAY)[self.company.id]
        # Counted: the two laptops (one aged from Maintenance's effective date, without an
        # acquisition date) and the desktop; left out: the device without a category; the
        # recycled laptop has left.
        self.assertEqual((values["fleet"], values["undated"], values["unhandled"]), (3, 1, 1))
        self.assertAlmostEqual(values["footprint"], (40 + 10) * 2 + (37.5 + 10))  # 147.5
        self.assertAlmostEqual(values["footprint_adpe"], (0.002 + 1e-5) * 2 + (0.0025 + 1e-5))
        self.assertAlmostEqual(values["footprint_pe"], (600 + 1000) * 2 + (750 + 1000))  # 4 950
        self.assertAlmostEqual(values["footprint_per_agent"], 147.5 / 4)
        # The collectivity's dashboard shows the same, and what is left out.
        company = self.company.with_context(ecoclic_today=self.TODAY)
        self.assertEqual(
            (
                company.ecoclic_fleet_count,
                company.ecoclic_fleet_undated,
                company.ecoclic_fleet_unhandled,
            ),
            (3, 1, 1),
        )
        self.assertAlmostEqual(company.ecoclic_fleet_footprint, 147.5, delta=0.5)
        self.assertAlmostEqual(company.ecoclic_fleet_footprint_adpe, 0.00653, places=4)
        self.assertAlmostEqual(company.ecoclic_fleet_footprint_pe, 4950)
        # Given a category, the device is counted (a desktop, 2.5 years old: 300 / 5 + 10).
        self.uncategorised.ecoclic_category_id = self.desktop
        values = self.company._ecoclic_fleet_indicators(2026, today=self.TODAY)[self.company.id]
        self.assertEqual((values["fleet"], values["unhandled"]), (4, 0))
        self.assertAlmostEqual(values["footprint"], 147.5 + 70)
        self.assertAlmostEqual(values["footprint_pe"], 4950 + 1200 + 1000)

    def test_the_collectivity_own_figures_spread_every_criterion(self):
        self.env["ecoclic.equipment.category.figure"].create(
            {
                "company_id": self.company.id,
                "category_id": self.laptop.id,
                "manufacturing_footprint": 100.0,
                "lifespan": 10.0,
                "use_footprint_year": 1.0,
            }
        )
        self.recent.invalidate_recordset()
        self.assertAlmostEqual(self.recent.ecoclic_annual_manufacturing, 10.0)
        self.assertAlmostEqual(self.recent.ecoclic_annual_adpe, 0.01 / 10)
        self.assertIn("the collectivity's own figures", self.recent.ecoclic_figures_source)
        values = self.company._ecoclic_fleet_indicators(2026, today=self.TODAY)[self.company.id]
        # Both laptops on the collectivity's climate figures, every criterion over 10 years.
        self.assertAlmostEqual(values["footprint"], (10 + 1) * 2 + 47.5)
        self.assertAlmostEqual(values["footprint_adpe"], (0.001 + 1e-5) * 2 + 0.00251)

    def test_indicator_values_and_reen_summary_carry_the_footprints(self):
        other = self.env["res.company"].create({"name": "Commune voisine"})
        self.env.flush_all()
        for companies in (self.company, self.company | other):
            # The same queries for one collectivity or several (the awareness figures
            # included: two of the seven).
            with self.assertQueryCount(__system__=7):
                values = companies._ecoclic_indicator_values(self.TODAY)[self.company.id]
        self.assertAlmostEqual(values["fleet_footprint_gwp"][0], 147.5)
        self.assertAlmostEqual(values["fleet_footprint_adpe"][0], 0.00653)
        self.assertAlmostEqual(values["fleet_footprint_pe"][0], 4950)
        self.assertEqual(values["fleet_handled"][0], 3)
        self.assertEqual(values["fleet_undated"][0], 1)
        self.assertEqual(values["fleet_unhandled"][0], 1)
        # The REEN summary of the exports shows them, with the equipment left out.
        survey = self.env["survey.survey"].search([("ecoclic_is_maturity", "=", True)], limit=1)
        assessment = self.env["ecoclic.assessment"].create(
            {"company_id": self.company.id, "survey_id": survey.id}
        )
        figures = dict(
            (label, text)
            for row in assessment.with_context(ecoclic_today=self.TODAY)._ecoclic_reen_summary()[
                "rows"
            ]
            for label, _value, text in row["figures"]
        )
        self.assertIn("Equipment left out of the footprint (without a category)", figures)
        self.assertEqual(figures["Equipment counted in the footprint"], "3")
        self.assertIn("Fleet footprint, abiotic depletion (kg Sb eq. per year)", figures)
