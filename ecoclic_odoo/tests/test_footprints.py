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
