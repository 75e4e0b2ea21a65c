# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""IT products carry a sobriety category and a condition; a new product lists its
refurbished (or reused) alternatives, which purchase orders then suggest to buyers."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount

PRODUCT_CONDITIONS = [
    ("new", "New"),
    ("refurbished", "Refurbished"),
    ("reused", "Reused"),
]
SECOND_HAND_CONDITIONS = ("refurbished", "reused")


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ecoclic_category_id = fields.Many2one(
        "ecoclic.equipment.category",
        string="Sobriety category",
        help="The kind of IT equipment this product is: it counts in the AGEC share of IT "
        "purchases, gives the footprint of the equipment bought and suggests alternatives.",
    )
    ecoclic_condition = fields.Selection(
        PRODUCT_CONDITIONS,
        string="Condition",
        default="new",
        help="Refurbished and reused products count towards the legal minimum share of "
        "IT purchases (loi AGEC art. 58).",
    )
    ecoclic_alternative_ids = fields.Many2many(
        "product.template",
        "ecoclic_product_alternative_rel",
        "product_tmpl_id",
        "alternative_tmpl_id",
        string="Refurbished alternatives",
        check_company=True,
        domain="[('ecoclic_condition', 'in', ('refurbished', 'reused')), "
        "('ecoclic_category_id', '!=', False), ('purchase_ok', '=', True)]",
        help="Refurbished or reused products, from any vendor, suggested to buyers who order "
        "this new product.",
    )
    ecoclic_alternative_html = fields.Html(
        string="Alternatives compared",
        compute="_compute_ecoclic_alternative_html",
        sanitize=False,
    )

    @api.constrains("ecoclic_alternative_ids", "ecoclic_condition", "ecoclic_category_id")
    def _check_ecoclic_alternatives(self):
        for product in self.filtered("ecoclic_alternative_ids"):
            if product.ecoclic_condition != "new" or not product.ecoclic_category_id:
                raise ValidationError(
                    self.env._(
                        "Only a new IT product (with a sobriety category) has refurbished "
                        "alternatives: %(product)s.",
                        product=product.display_name,
                    )
                )
            wrong = product.ecoclic_alternative_ids.filtered(
                lambda alt, product=product: (
                    alt == product
                    or alt.ecoclic_condition not in SECOND_HAND_CONDITIONS
                    or not alt.ecoclic_category_id
                )
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "An alternative must be another IT product, refurbished or reused: "
                        "%(products)s.",
                        products=", ".join(wrong.mapped("display_name")),
                    )
                )

    def _ecoclic_unit_price(
        self, partner=None, quantity=1.0, currency=None, company=None, date=None
    ):
        """The price one unit of this product is bought at: the given vendor's price where
        it has one, else its first vendor's, else its cost; in `currency`."""
        self.ensure_one()
        company = company or self.env.company
        currency = currency or company.currency_id
        date = date or fields.Date.context_today(self)
        variant = self.product_variant_id
        seller = (
            variant._select_seller(partner_id=partner, quantity=quantity, date=date)
            if partner
            else self.env["product.supplierinfo"]
        )
        if not seller:  # another vendor's offer (an alternative often comes from elsewhere)
            seller = variant.with_company(company)._select_seller(quantity=quantity, date=date)
        if seller:
            price = seller.price * (1 - (seller.discount or 0.0) / 100.0)
            return seller.currency_id._convert(price, currency, company, date, round=False), seller
        return variant.cost_currency_id._convert(
            variant.standard_price, currency, company, date, round=False
        ), seller

    def _ecoclic_avoided_footprint(self, company):
        """kg CO2e of manufacturing avoided by buying one unit of this second-hand product
        instead of a new one: the manufacturing footprint of its category (the company's own
        figure where set). The refurbishing itself is not deducted."""
        self.ensure_one()
        category = self.ecoclic_category_id
        if not category or self.ecoclic_condition not in SECOND_HAND_CONDITIONS:
            return 0.0
        return category._ecoclic_figures(company)[company.id, category.id].manufacturing

    @api.depends("ecoclic_alternative_ids", "standard_price", "seller_ids.price")
    def _compute_ecoclic_alternative_html(self):
        company = self.env.company
        for product in self:
            if not product.ecoclic_alternative_ids:
                product.ecoclic_alternative_html = False
                continue
            reference, _seller = product._ecoclic_unit_price(company=company)
            rows = []
            for alternative in product.ecoclic_alternative_ids:
                price, seller = alternative._ecoclic_unit_price(company=company)
                rows.append(
                    {
                        "product": alternative.display_name,
                        "vendor": seller.partner_id.display_name or "",
                        "price": format_amount(self.env, price, company.currency_id),
                        "difference": format_amount(
                            self.env, price - reference, company.currency_id
                        ),
                        "saving": price <= reference,
                        "avoided": round(alternative._ecoclic_avoided_footprint(company), 1),
                    }
                )
            product.ecoclic_alternative_html = Markup(
                self.env["ir.qweb"]._render("ecoclic_odoo.product_alternatives", {"rows": rows})
            )
