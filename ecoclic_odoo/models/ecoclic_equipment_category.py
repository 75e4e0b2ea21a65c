# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import file_open

from .ecoclic_electricity_mix import Factors
from .wording import elided

# The figures of one category for one collectivity. `manufacturing`, `lifespan` and
# `use_per_year` (kg CO2e) are the climate figures the fleet indicators rest on; the
# others give the same on the two other criteria (kg Sb eq., MJ) and the energy (kWh).
# `own`: the collectivity's own climate figures replace the reference ones.
Figures = namedtuple(
    "Figures",
    "manufacturing lifespan use_per_year embodied_adpe embodied_pe yearly_energy "
    "use_adpe_per_year use_pe_per_year own",
    defaults=(False,),
)
# The figures of equipment without a category: nothing counted.
EMPTY_FIGURES = Figures(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
CATEGORY_FILE = "ecoclic_odoo/data/boavizta/categories.csv"
# Figures of a category that the shipped file gives; writing one by hand keeps the
# category's figures from being replaced at the next update (`figures_custom`).
BOAVIZTA_FIELDS = (
    "manufacturing_footprint",
    "manufacturing_footprint_min",
    "manufacturing_footprint_max",
    "embodied_adpe",
    "embodied_adpe_min",
    "embodied_adpe_max",
    "embodied_pe",
    "embodied_pe_min",
    "embodied_pe_max",
    "lifespan",
    "use_hours_year",
    "avg_power",
    "avg_power_min",
    "avg_power_max",
)

FILE_COLUMNS = {
    "manufacturing_footprint": "embodied_gwp",
    "manufacturing_footprint_min": "embodied_gwp_min",
    "manufacturing_footprint_max": "embodied_gwp_max",
    "lifespan": "lifespan_years",
}
# Purchase prices of one item (new, refurbished; euros without taxes) that the fleet
# scenarios count the purchases avoided with: our estimates of a mid-range professional
# item, not a public reference (see data/equipment/README.md). Loaded where a category has
# none; a collectivity's administrator sets its own.
DEFAULT_PRICES = {
    "laptop": (980.0, 520.0),
    "desktop": (720.0, 360.0),
    "screen": (170.0, 75.0),
    "smartphone": (420.0, 230.0),
    "tablet": (390.0, 210.0),
    "printer": (450.0, 220.0),
    "server": (4500.0, 2000.0),
    "network": (600.0, 300.0),
    "videoprojector": (800.0, 400.0),
    "other": (200.0, 100.0),
}


class EcoclicEquipmentCategory(models.Model):
    """A kind of IT equipment, with the public figures the footprint estimates rest on.

    The figures ship as data with their source (see data/equipment/README.md); a
    collectivity's manager may adjust them for their own fleet
    (ecoclic.equipment.category.figure).
    """

    _name = "ecoclic.equipment.category"
    _description = "Sobriety equipment category"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    manufacturing_footprint = fields.Float(
        string="Manufacturing footprint (kg CO2e)",
        digits=(16, 1),
        help="Climate change: greenhouse gases emitted to make and deliver one item "
        "(embodied impact).",
    )
    manufacturing_footprint_min = fields.Float(string="Manufacturing, low (kg CO2e)")
    manufacturing_footprint_max = fields.Float(string="Manufacturing, high (kg CO2e)")
    embodied_adpe = fields.Float(
        string="Manufacturing resources (kg Sb eq.)",
        help="Abiotic depletion of minerals and metals (ADPe) to make one item, in kg of "
        "antimony equivalent.",
    )
    embodied_adpe_min = fields.Float(string="Manufacturing resources, low")
    embodied_adpe_max = fields.Float(string="Manufacturing resources, high")
    embodied_pe = fields.Float(
        string="Manufacturing energy (MJ)",
        help="Primary energy used to make one item. Where Boavizta gives no embodied primary "
        "energy (user devices), its fossil and nuclear resource use (ADPf) stands in.",
    )
    embodied_pe_min = fields.Float(string="Manufacturing energy, low (MJ)")
    embodied_pe_max = fields.Float(string="Manufacturing energy, high (MJ)")
    lifespan = fields.Float(string="Reference lifespan (years)")
    avg_power = fields.Float(
        string="Average power (W)",
        help="Average electric power while in use (Boavizta's power profile).",
    )
    avg_power_min = fields.Float(string="Average power, low (W)")
    avg_power_max = fields.Float(string="Average power, high (W)")
    use_hours_year = fields.Float(
        string="Hours of use per year",
        help="Hours a year the equipment is on; Boavizta counts 30 % of the time (2 628 "
        "hours) for user devices and every hour for servers and network devices.",
    )
    yearly_energy = fields.Float(
        string="Yearly energy (kWh)",
        compute="_compute_use",
        store=True,
        help="Average power × hours of use per year.",
    )
    use_footprint_year = fields.Float(
        string="Use footprint (kg CO2e per year)",
        compute="_compute_use",
        store=True,
        help="Emissions of one year of use with France's electricity; each collectivity's "
        "figures use the electricity of its country.",
    )
    use_adpe_year = fields.Float(
        string="Use resources (kg Sb eq. per year)",
        compute="_compute_use",
        store=True,
    )
    use_pe_year = fields.Float(
        string="Use energy (MJ per year)", compute="_compute_use", store=True
    )
    figures_basis = fields.Selection(
        [
            ("archetype", "Boavizta archetype"),
            ("proxy", "Boavizta archetype as a stand-in"),
            ("source", "Other public source"),
        ],
        string="Basis of the figures",
        help="Where the shipped figures come from: Boavizta's own figures for a device of this "
        "kind, a Boavizta device standing in for one it does not model, or another public "
        "source (see Sources).",
    )
    boavizta_archetype = fields.Char(
        string="Boavizta archetype", help="The device of Boavizta's data the figures come from."
    )
    boavizta_version = fields.Char(string="Boavizta version")
    embodied_pe_criterion = fields.Char(
        string="Boavizta criterion of the manufacturing energy",
        help="pe: primary energy; adpf: fossil and nuclear resource use, where Boavizta gives "
        "no primary energy.",
    )
    figures_custom = fields.Boolean(
        string="Figures set by hand",
        help="Ticked when someone changes the figures: updates of the add-on then keep them. "
        "Untick it to take Boavizta's figures back at the next update.",
    )
    source = fields.Text(help="Public source of each figure.", translate=True)
    figures_confirmed = fields.Boolean(
        string="Figures confirmed",
        default=True,
        help="Unticked where public sources disagree or are weak: check the figures.",
    )
    keywords = fields.Char(
        help="Comma-separated words of inventory types or models that fall in this category "
        "(used to guess it at import).",
    )
    agec_it = fields.Boolean(
        string="AGEC IT & telephony family",
        help="Purchases of this category count in the legal minimum share of refurbished or "
        "reused IT & telephony purchases (loi AGEC art. 58, décret 2024-134).",
    )
    agec_donation_value = fields.Float(
        string="Value of a donation received",
        digits=(16, 2),
        help="The fixed amount (without taxes) that one item of this category received as a "
        "donation counts for in the AGEC share. Check it against the annex of décret "
        "2024-134: the shipped values are estimates.",
    )
    unit_price = fields.Float(
        string="Purchase price, new (€ excl. VAT)",
        digits=(16, 0),
        help="What one new item costs, without taxes: the what-if scenarios count the "
        "purchases avoided with it. The shipped prices are estimates: set your own.",
    )
    refurbished_price = fields.Float(
        string="Purchase price, refurbished (€ excl. VAT)",
        digits=(16, 0),
        help="What one refurbished item costs, without taxes (what-if scenarios).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each category has its own code.")]

    @api.constrains(*BOAVIZTA_FIELDS, "agec_donation_value", "unit_price", "refurbished_price")
    def _check_figures(self):
        names = (*BOAVIZTA_FIELDS, "agec_donation_value", "unit_price", "refurbished_price")
        for category in self:
            if min(category[name] for name in names) < 0:
                raise ValidationError(
                    elided(
                        self.env._("The figures of %(category)s cannot be negative."),
                        category=category.name,
                    )
                )

    @api.depends("avg_power", "use_hours_year")
    def _compute_use(self):
        france = self.env["ecoclic.electricity.mix"].sudo()._ecoclic_default()
        for category in self:
            energy = category.avg_power * category.use_hours_year / 1000
            category.yearly_energy = energy
            category.use_footprint_year = energy * france.gwp
            category.use_adpe_year = energy * france.adpe
            category.use_pe_year = energy * france.pe

    def write(self, vals):
        if not self.env.context.get("ecoclic_boavizta_load") and "figures_custom" not in vals:
            if any(name in vals for name in BOAVIZTA_FIELDS):
                vals = dict(vals, figures_custom=True)
        return super().write(vals)

    @api.model
    def _ecoclic_load_boavizta(self):
        """Take the figures of data/boavizta/categories.csv (written by
        tools/boavizta_reference.py with Boavizta's engine), on each install and update,
        for every category whose figures nobody changed by hand."""
        self.env["ecoclic.electricity.mix"]._ecoclic_load_boavizta()
        everything = self.with_context(active_test=False).search([])
        categories = {category.code: category for category in everything}
        with file_open(CATEGORY_FILE, "r") as handle:
            rows = list(csv.DictReader(handle))
        loading = self.with_context(ecoclic_boavizta_load=True)
        for row in rows:
            category = categories.get(row["code"])
            if not category or category.figures_custom:
                continue
            vals = {name: float(row[FILE_COLUMNS.get(name, name)]) for name in BOAVIZTA_FIELDS}
            vals.update(
                figures_basis=row["basis"],
                boavizta_archetype=row["archetype"],
                boavizta_version=row["boavizta_version"],
                embodied_pe_criterion=row["embodied_pe_criterion"],
                figures_confirmed=row["basis"] == "archetype",
            )
            loading.browse(category.id).write(vals)
        # The use figures follow France's electricity, which may have changed.
        for name in ("yearly_energy", "use_footprint_year", "use_adpe_year", "use_pe_year"):
            self.env.add_to_compute(self._fields[name], everything)
        # Written now: a later failure (e.g. of demo data, loaded in a savepoint that does
        # not flush) must not take the figures away with it.
        self.env.flush_all()

    @api.model
    def _ecoclic_load_prices(self):
        """The estimated purchase prices (DEFAULT_PRICES), on each install and update, for
        the categories without a price."""
        categories = self.with_context(active_test=False).search([("unit_price", "=", 0)])
        for category in categories:
            prices = DEFAULT_PRICES.get(category.code)
            if prices:
                category.write({"unit_price": prices[0], "refurbished_price": prices[1]})

    def action_ecoclic_reset_figures(self):
        """Take Boavizta's shipped figures back (button of the category form)."""
        self.write({"figures_custom": False})
        self._ecoclic_load_boavizta()

    def _ecoclic_figures(self, companies):
        """{(company id, category id): Figures}: the company's own figures where set, else
        the reference ones; the use figures with the electricity of the company's country.
        One query for the overrides, one for the mixes."""
        mixes = self.env["ecoclic.electricity.mix"]._ecoclic_for_companies(companies)
        overrides = {
            (figure.company_id.id, figure.category_id.id): figure
            for figure in self.env["ecoclic.equipment.category.figure"]
            .sudo()
            .search([("company_id", "in", companies.ids), ("category_id", "in", self.ids)])
        }
        result = {}
        for company in companies:
            mix = mixes.get(company.id) or Factors(0.0, 0.0, 0.0)
            for category in self:
                energy = category.yearly_energy
                figure = overrides.get((company.id, category.id))
                result[company.id, category.id] = Figures(
                    manufacturing=(figure or category).manufacturing_footprint,
                    lifespan=(figure or category).lifespan,
                    use_per_year=figure.use_footprint_year if figure else energy * mix.gwp,
                    embodied_adpe=category.embodied_adpe,
                    embodied_pe=category.embodied_pe,
                    yearly_energy=energy,
                    use_adpe_per_year=energy * mix.adpe,
                    use_pe_per_year=energy * mix.pe,
                    own=bool(figure),
                )
        return result

    def _ecoclic_source_text(self, own=False):
        """The source and version of this category's figures, in words (equipment form)."""
        self.ensure_one()
        if self.figures_basis in ("archetype", "proxy"):
            source = self.env._(
                "Boavizta %(version)s, device %(archetype)s",
                version=self.boavizta_version or "",
                archetype=self.boavizta_archetype or "",
            )
            if self.figures_basis == "proxy":
                source = self.env._("%(origin)s, standing in", origin=source)
        else:
            source = self.env._("public source named on the category")
        if own:
            return self.env._(
                "Climate: the collectivity's own figures; other criteria: %(origin)s",
                origin=source,
            )
        return source
