# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Refurbished alternatives met by buyers on the purchase order, and IT equipment created
from what was bought."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

from .product_template import PRODUCT_CONDITIONS
from .wording import elided

DISMISS_REASONS = [
    ("technical", "Technical need the alternative does not meet"),
    ("availability", "Not available in time or in the quantity needed"),
    ("price", "Price or total cost"),
    ("warranty", "Warranty or support"),
    ("contract", "Bound by a framework contract"),
    ("other", "Other"),
]
OPEN_STATES = ("draft", "sent")
CONFIRMED_STATES = ("purchase", "done")
CONDITION_TO_MODE = {"new": "new", "refurbished": "refurbished", "reused": "reused"}


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    # The AGEC figures of a collectivity read its lines (purchase indexes the order only).
    company_id = fields.Many2one(index=True)
    ecoclic_category_id = fields.Many2one(
        "ecoclic.equipment.category",
        string="Sobriety category",
        compute="_compute_ecoclic_product_class",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="Kept as it was when the line was written, so that past years do not change "
        "when a product is reclassified.",
    )
    ecoclic_condition = fields.Selection(
        PRODUCT_CONDITIONS,
        string="Condition",
        compute="_compute_ecoclic_product_class",
        store=True,
        readonly=False,
    )
    ecoclic_alternative_id = fields.Many2one(
        "product.template",
        string="Refurbished alternative",
        compute="_compute_ecoclic_alternative",
    )
    ecoclic_alternative_unit_price = fields.Monetary(
        string="Alternative unit price",
        compute="_compute_ecoclic_alternative",
        currency_field="currency_id",
    )
    ecoclic_alternative_price_diff = fields.Monetary(
        string="Price difference",
        compute="_compute_ecoclic_alternative",
        currency_field="currency_id",
        help="What buying the alternative would change on this line (negative: cheaper).",
    )
    ecoclic_alternative_avoided = fields.Float(
        string="kg CO2e avoided",
        digits=(16, 0),
        compute="_compute_ecoclic_alternative",
        help="Manufacturing footprint avoided by buying the alternative for this line's quantity.",
    )
    ecoclic_dismiss_reason = fields.Selection(
        DISMISS_REASONS,
        string="Alternative declined because",
        copy=False,
    )
    ecoclic_dismiss_note = fields.Char(string="Explanation", copy=False)
    ecoclic_dismissed_alternative_id = fields.Many2one(
        "product.template",
        string="Declined alternative",
        copy=False,
        readonly=True,
    )
    ecoclic_swapped_from_id = fields.Many2one(
        "product.product",
        string="Replaced new product",
        copy=False,
        readonly=True,
        help="The new product this line ordered before the buyer took the alternative.",
    )
    ecoclic_equipment_ids = fields.One2many(
        "maintenance.equipment",
        "ecoclic_purchase_line_id",
        string="Equipment created",
    )

    @api.depends("product_id")
    def _compute_ecoclic_product_class(self):
        for line in self:
            template = line.product_id.product_tmpl_id
            line.ecoclic_category_id = template.ecoclic_category_id
            line.ecoclic_condition = (
                template.ecoclic_condition if template.ecoclic_category_id else False
            )

    @api.depends(
        "product_id",
        "product_qty",
        "price_unit",
        "discount",
        "state",
        "ecoclic_dismiss_reason",
        "order_id.partner_id",
        "company_id",
    )
    def _compute_ecoclic_alternative(self):
        for line in self:
            alternative, price, avoided = line._ecoclic_best_alternative()
            line.ecoclic_alternative_id = alternative
            if not alternative:
                line.ecoclic_alternative_unit_price = 0.0
                line.ecoclic_alternative_price_diff = 0.0
                line.ecoclic_alternative_avoided = 0.0
                continue
            line.ecoclic_alternative_unit_price = price
            line.ecoclic_alternative_price_diff = line.currency_id.round(
                (price - line.price_unit * (1 - (line.discount or 0.0) / 100.0)) * line.product_qty
            )
            line.ecoclic_alternative_avoided = line.product_qty * avoided

    def _ecoclic_best_alternative(self):
        """The alternative to suggest: none once the line is confirmed, declined or not a
        new IT product; else the cheapest of the product's alternatives sold to this company
        (then the one avoiding most footprint).

        (alternative, its unit price, kg CO2e it avoids per unit), each candidate priced
        once."""
        self.ensure_one()
        none = (self.env["product.template"], 0.0, 0.0)
        template = self.product_id.product_tmpl_id
        if (
            self.display_type
            or self.state not in OPEN_STATES
            or self.ecoclic_dismiss_reason
            or not template.ecoclic_category_id
            or template.ecoclic_condition != "new"
        ):
            return none
        company = self.company_id or self.env.company
        candidates = template.ecoclic_alternative_ids.filtered(
            lambda alt: (
                alt.purchase_ok and alt.active and (not alt.company_id or alt.company_id == company)
            )
        )
        offers = [
            (alt, self._ecoclic_alternative_price(alt)[0], alt._ecoclic_avoided_footprint(company))
            for alt in candidates
        ]
        return min(offers, key=lambda offer: (offer[1], -offer[2], offer[0].id), default=none)

    def _ecoclic_alternative_price(self, alternative):
        """(unit price in the order's currency, vendor offer) of an alternative: the order's
        vendor's price where it sells it, else the best other vendor's."""
        date = self.order_id.date_order.date() if self.order_id.date_order else None
        return alternative._ecoclic_unit_price(
            partner=self.order_id.partner_id,
            quantity=self.product_qty,
            currency=self.currency_id,
            company=self.company_id or self.env.company,
            date=date,
        )

    def action_ecoclic_swap(self):
        """Order the suggested alternative instead: same quantity, same analytic
        distribution; price and description from the alternative."""
        for line in self:
            line._ecoclic_check_swappable()
            alternative = line.ecoclic_alternative_id
            price, seller = line._ecoclic_alternative_price(alternative)
            previous = line.product_id
            line.write(line._prepare_ecoclic_swap_vals(alternative, price))
            line._product_id_change()  # description and taxes of the new product
            line._ecoclic_log_swap(previous, seller)
        return True

    def _ecoclic_check_swappable(self):
        """A line of an order still open, with an alternative to take."""
        self.ensure_one()
        if self.state not in OPEN_STATES:
            raise UserError(
                self.env._(
                    "The order %(order)s is confirmed: its lines are no longer changed by a "
                    "suggestion.",
                    order=self.order_id.display_name,
                )
            )
        if not self.ecoclic_alternative_id:
            raise UserError(
                self.env._(
                    "There is no refurbished alternative to take on the line %(line)s.",
                    line=self.name,
                )
            )

    def _prepare_ecoclic_swap_vals(self, alternative, price):
        """Values of this line ordering `alternative` at `price` instead of its product,
        the same quantity and analytic distribution (a hook for integrators)."""
        self.ensure_one()
        precision = max(
            self.currency_id.decimal_places,
            self.env["decimal.precision"].precision_get("Product Price"),
        )
        variant = alternative.product_variant_id
        return {
            "product_id": variant.id,
            "product_uom": (variant.uom_po_id or variant.uom_id).id,
            "product_qty": self.product_qty,
            "price_unit": float_round(price, precision_digits=precision),
            "discount": 0.0,
            "analytic_distribution": self.analytic_distribution,
            "ecoclic_swapped_from_id": self.product_id.id,
            "ecoclic_dismiss_reason": False,
            "ecoclic_dismiss_note": False,
            "ecoclic_dismissed_alternative_id": False,
        }

    def _ecoclic_log_swap(self, previous, seller):
        """Say on the order which product replaced `previous`, and whose offer its price
        is when another vendor than the order's sells it."""
        self.ensure_one()
        new = self.product_id.display_name
        if seller.partner_id and seller.partner_id != self.partner_id:
            # French puts the vendor after "de" ("l'offre d'Armor…"): elided() elides it.
            body = elided(
                self.env._(
                    "%(new)s replaces %(old)s: its price is %(vendor)s's offer; check it with "
                    "%(partner)s or order it from %(vendor)s."
                ),
                new=new,
                old=previous.display_name,
                vendor=seller.partner_id.display_name,
                partner=self.partner_id.display_name,
            )
        else:
            body = self.env._(
                "%(new)s (refurbished) replaces %(old)s.", new=new, old=previous.display_name
            )
        self.order_id.message_post(body=body)

    def action_ecoclic_dismiss(self):
        """Ask why the alternative is not taken."""
        return self.order_id._ecoclic_dismiss_wizard(self)

    # ---- Equipment from purchases --------------------------------------------------------
    def _ecoclic_create_equipment(self, received=None, serials=None, dates=None):
        """Create the fleet's equipment for these IT lines: one per unit, up to the quantity
        received (`received`: {line id: units}) or ordered, never twice for the same unit.

        `serials`: {line id: [serial numbers]} from the receipt; `dates`: {line id: date}.
        """
        received = received or {}
        serials = serials or {}
        dates = dates or {}
        lines = self.filtered(lambda line: line.ecoclic_category_id and not line.display_type)
        if not lines:
            return self.env["maintenance.equipment"]
        Equipment = self.env["maintenance.equipment"].sudo().with_context(active_test=False)
        existing = {
            line.id: (count, set(known or []))
            for line, count, known in Equipment._read_group(
                [("ecoclic_purchase_line_id", "in", lines.ids)],
                ["ecoclic_purchase_line_id"],
                ["__count", "serial_no:array_agg"],
            )
        }
        wanted_serials = {s for line_serials in serials.values() for s in line_serials}
        taken = (
            set(Equipment.search([("serial_no", "in", list(wanted_serials))]).mapped("serial_no"))
            if wanted_serials
            else set()
        )
        vals_list = []
        for line in lines:
            units = received.get(line.id)
            if units is None:
                units = line.product_uom._compute_quantity(line.product_qty, line.product_id.uom_id)
            count, known = existing.get(line.id, (0, set()))
            missing = int(units) - count
            if missing <= 0:
                continue
            # The serial numbers of the receipt not yet in the fleet, in their order.
            line_serials = [s for s in serials.get(line.id, []) if s not in known]
            line_serials = [s if s not in taken else False for s in line_serials[:missing]]
            line_serials += [False] * (missing - len(line_serials))
            vals_list += line._ecoclic_new_equipment_vals(dates.get(line.id), line_serials)
        equipment = Equipment.create(vals_list)
        lines.order_id._ecoclic_notify_equipment(equipment)
        return equipment

    def _ecoclic_new_equipment_vals(self, date, serials):
        """Values of the new equipment of this line, one per serial number (False when the
        receipt gave none), at the unit's cost in the collectivity's currency and bought
        on `date` (default: when the order was confirmed)."""
        self.ensure_one()
        unit_cost = self.price_subtotal / self.product_qty if self.product_qty else 0.0
        cost = self.currency_id._convert(
            unit_cost,
            self.company_id.currency_id,
            self.company_id,
            self.order_id.date_approve or fields.Date.today(),
        )
        date = fields.Date.to_date(date or self.order_id.date_approve or fields.Datetime.now())
        return [self._prepare_ecoclic_equipment_vals(date, cost, serial) for serial in serials]

    def _prepare_ecoclic_equipment_vals(self, date, cost, serial):
        """Values of one item of the fleet bought on this line (a hook for integrators)."""
        self.ensure_one()
        return {
            "name": self.product_id.display_name,
            "company_id": self.company_id.id,
            "ecoclic_category_id": self.ecoclic_category_id.id,
            "ecoclic_acquisition_mode": CONDITION_TO_MODE.get(self.ecoclic_condition, "new"),
            "ecoclic_acquisition_date": date,
            "effective_date": date,
            "cost": cost,
            "partner_id": self.partner_id.id,
            "partner_ref": self.order_id.partner_ref or self.order_id.name,
            "serial_no": serial,
            "ecoclic_purchase_line_id": self.id,
        }
