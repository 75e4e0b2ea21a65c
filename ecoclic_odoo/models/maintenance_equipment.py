# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ecoclic_equipment_category import EMPTY_FIGURES
from .wording import elided

ACQUISITION_MODES = [
    ("new", "New"),
    ("refurbished", "Refurbished"),
    ("reused", "Reused from another department"),
    ("donated", "Donated to us"),
]
LIFECYCLE_STATES = [
    ("in_use", "In use"),
    ("in_stock", "In stock"),
    ("in_repair", "In repair"),
    ("to_reform", "To be reformed"),
    ("reused_internal", "Reused internally"),
    ("donated", "Donated"),
    ("sold", "Sold"),
    ("recycled", "Recycled (WEEE channel)"),
]
# Reformed: left its first use; the date of reform is the equipment's scrap date.
REFORMED_STATES = ("reused_internal", "donated", "sold", "recycled")
# Of those, the routes that keep the equipment in use (loi REEN art. 16).
REUSE_STATES = ("reused_internal", "donated", "sold")
# Left the collectivity: its years of use are over.
GONE_STATES = ("donated", "sold", "recycled")
SECOND_HAND_MODES = ("refurbished", "reused", "donated")
DAYS_PER_YEAR = 365.25


def ecoclic_today(records):
    """Today, or the date a computation is asked for (context key ecoclic_today)."""
    return records.env.context.get("ecoclic_today") or fields.Date.context_today(records)


def years_of_use(start, end):
    """Years between two dates (None when the start is unknown)."""
    if not start or not end:
        return None
    return max((end - start).days, 0) / DAYS_PER_YEAR


def annual_manufacturing(footprint, lifespan, age, gone):
    """Manufacturing footprint spread over the years of use: the actual ones for equipment
    that has left, else the expected ones (the reference lifespan, or the age once it is
    older). None when the years cannot be known."""
    if age is None:
        return None
    years = age if gone else max(lifespan or 0.0, age)
    if years <= 0:
        return None
    return footprint / max(years, 1 / 12)  # under a month counts as a month


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    # Maintenance makes a serial number unique across every company of the instance. For
    # collectivities that is wrong (a device given by one to another keeps its serial) and it
    # tells one collectivity which serials another holds: unique within a collectivity only.
    _sql_constraints = [
        (
            "serial_no",
            "unique(company_id, serial_no)",
            "Another equipment of this collectivity already has this serial number.",
        ),
    ]

    # Fleet figures and the AGEC donations are read per collectivity: without this index
    # (maintenance has none) each of them scans every collectivity's fleet.
    company_id = fields.Many2one(index=True)
    ecoclic_category_id = fields.Many2one(
        "ecoclic.equipment.category",
        string="Sobriety category",
        index="btree_not_null",
        tracking=True,
    )
    ecoclic_acquisition_mode = fields.Selection(
        ACQUISITION_MODES,
        string="Acquisition",
        default="new",
        tracking=True,
    )
    ecoclic_acquisition_date = fields.Date(
        string="Acquisition date",
        help="Date of purchase (or of arrival, for equipment reused or donated to us).",
    )
    ecoclic_inventory_number = fields.Char(
        string="Inventory number", index="btree_not_null", copy=False
    )
    ecoclic_lifecycle = fields.Selection(
        LIFECYCLE_STATES,
        string="Lifecycle",
        default="in_use",
        tracking=True,
        help="Where the equipment stands in its life; its end-of-life date is the scrap date.",
    )
    ecoclic_eol_partner_id = fields.Many2one(
        "res.partner",
        string="Taken by",
        help="Who received the equipment: the association it was given to, the buyer, the "
        "WEEE collector.",
    )
    ecoclic_purchase_line_id = fields.Many2one(
        "purchase.order.line",
        string="Purchase line",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The purchase this equipment was created from.",
    )
    ecoclic_purchase_order_id = fields.Many2one(
        related="ecoclic_purchase_line_id.order_id",
        string="Purchase order",
    )
    ecoclic_age = fields.Float(
        string="Age (years)", digits=(16, 1), compute="_compute_ecoclic_footprint"
    )
    ecoclic_lifespan = fields.Float(
        string="Reference lifespan (years)", digits=(16, 1), compute="_compute_ecoclic_footprint"
    )
    ecoclic_remaining_life = fields.Float(
        string="Remaining life (years)",
        digits=(16, 1),
        compute="_compute_ecoclic_footprint",
        help="Reference lifespan minus age; negative once the equipment outlives it.",
    )
    ecoclic_manufacturing_footprint = fields.Float(
        string="Manufacturing footprint (kg CO2e)",
        digits=(16, 1),
        compute="_compute_ecoclic_footprint",
    )
    ecoclic_annual_manufacturing = fields.Float(
        string="Manufacturing per year (kg CO2e)",
        digits=(16, 2),
        compute="_compute_ecoclic_footprint",
        help="Manufacturing footprint divided by the actual years of use (equipment that has "
        "left) or the expected ones (the reference lifespan, or the age once older).",
    )
    ecoclic_use_footprint_year = fields.Float(
        string="Use per year (kg CO2e)",
        digits=(16, 2),
        compute="_compute_ecoclic_footprint",
    )
    ecoclic_embodied_adpe = fields.Float(
        string="Manufacturing resources (kg Sb eq.)",
        compute="_compute_ecoclic_footprint",
    )
    ecoclic_embodied_pe = fields.Float(
        string="Manufacturing energy (MJ)", compute="_compute_ecoclic_footprint"
    )
    ecoclic_yearly_energy = fields.Float(
        string="Electricity per year (kWh)",
        compute="_compute_ecoclic_footprint",
    )
    ecoclic_use_adpe_year = fields.Float(
        string="Use resources per year (kg Sb eq.)",
        compute="_compute_ecoclic_footprint",
    )
    ecoclic_use_pe_year = fields.Float(
        string="Use energy per year (MJ)", compute="_compute_ecoclic_footprint"
    )
    ecoclic_annual_adpe = fields.Float(
        string="Manufacturing resources per year (kg Sb eq.)",
        compute="_compute_ecoclic_footprint",
        help="Manufacturing resources divided by the years of use, as for the climate.",
    )
    ecoclic_annual_pe = fields.Float(
        string="Manufacturing energy per year (MJ)",
        compute="_compute_ecoclic_footprint",
        help="Manufacturing energy divided by the years of use, as for the climate.",
    )
    ecoclic_figures_source = fields.Char(
        string="Source of the figures",
        compute="_compute_ecoclic_footprint",
        help="Where the figures of the equipment's category come from, and their version.",
    )

    @api.depends(
        "ecoclic_category_id",
        "ecoclic_acquisition_date",
        "effective_date",
        "scrap_date",
        "ecoclic_lifecycle",
        "company_id",
    )
    @api.depends_context("ecoclic_today", "lang")
    def _compute_ecoclic_footprint(self):
        today = ecoclic_today(self)
        figures = self.ecoclic_category_id._ecoclic_figures(self.company_id)
        for equipment in self:
            category = equipment.ecoclic_category_id
            figure = figures.get((equipment.company_id.id, category.id))
            gone = equipment.ecoclic_lifecycle in GONE_STATES
            end = equipment.scrap_date if gone and equipment.scrap_date else today
            start = equipment.ecoclic_acquisition_date or equipment.effective_date
            age = years_of_use(start, end)
            equipment.ecoclic_age = age or 0.0
            equipment._ecoclic_set_figures(figure or EMPTY_FIGURES, age, gone)
            equipment.ecoclic_figures_source = (
                category._ecoclic_source_text(figure.own) if figure else False
            )

    def _ecoclic_set_figures(self, figure, age, gone):
        """Write one equipment record's figures from its category's (per year: the
        manufacturing spread over its years of use; the use, none once it has left)."""
        in_use = 0.0 if gone else 1.0
        self.ecoclic_lifespan = figure.lifespan
        self.ecoclic_remaining_life = figure.lifespan - (age or 0.0) if figure.lifespan else 0.0
        self.ecoclic_manufacturing_footprint = figure.manufacturing
        self.ecoclic_embodied_adpe = figure.embodied_adpe
        self.ecoclic_embodied_pe = figure.embodied_pe
        for name, embodied in (
            ("ecoclic_annual_manufacturing", figure.manufacturing),
            ("ecoclic_annual_adpe", figure.embodied_adpe),
            ("ecoclic_annual_pe", figure.embodied_pe),
        ):
            self[name] = annual_manufacturing(embodied, figure.lifespan, age, gone) or 0.0
        self.ecoclic_yearly_energy = in_use * figure.yearly_energy
        self.ecoclic_use_footprint_year = in_use * figure.use_per_year
        self.ecoclic_use_adpe_year = in_use * figure.use_adpe_per_year
        self.ecoclic_use_pe_year = in_use * figure.use_pe_per_year

    @api.constrains(
        "ecoclic_category_id",
        "company_id",
        "ecoclic_acquisition_date",
        "scrap_date",
        "cost",
        "ecoclic_lifecycle",
    )
    def _check_ecoclic_equipment(self):
        today = fields.Date.context_today(self)
        for equipment in self.filtered("ecoclic_category_id"):
            if not equipment.company_id:
                raise ValidationError(
                    self.env._(
                        "%(equipment)s needs a collectivity (company) to be part of a fleet.",
                        equipment=equipment.name,
                    )
                )
            acquired = equipment.ecoclic_acquisition_date
            if acquired and acquired > today:
                raise ValidationError(
                    elided(
                        self.env._("The acquisition date of %(equipment)s is in the future."),
                        equipment=equipment.name,
                    )
                )
            if acquired and equipment.scrap_date and equipment.scrap_date < acquired:
                raise ValidationError(
                    self.env._(
                        "%(equipment)s cannot reach its end of life before it was acquired.",
                        equipment=equipment.name,
                    )
                )
            if equipment.cost < 0:
                raise ValidationError(
                    elided(
                        self.env._("The cost of %(equipment)s cannot be negative."),
                        equipment=equipment.name,
                    )
                )
            if equipment.ecoclic_lifecycle in REFORMED_STATES and not equipment.scrap_date:
                raise ValidationError(
                    self.env._(
                        "%(equipment)s is reformed: give the date it left its first use "
                        "(scrap date).",
                        equipment=equipment.name,
                    )
                )
