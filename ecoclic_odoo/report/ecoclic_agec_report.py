# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The share of IT & telephony purchases that is refurbished or reused (loi AGEC art. 58,
décret 2024-134), per company and civil year, against the legal minimum.

Counted, in the company's currency and without taxes:
- the confirmed purchase lines of products with a sobriety category of the AGEC family,
  dated by the order's confirmation, converted at the order's rate (as Odoo's purchase
  analysis does), less the share of quantities returned to the vendor; cancelled orders and
  requests for quotation are left out;
- donations received (equipment acquired as "donated"), each at the fixed value its
  category gives (data, editable).
"""

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.product_template import SECOND_HAND_CONDITIONS
from ..models.purchase_order_line import CONFIRMED_STATES

ORIGINS = [("purchase", "Purchase"), ("donation", "Donation received")]
CONDITIONS = [
    ("new", "New"),
    ("refurbished", "Refurbished"),
    ("reused", "Reused"),
    ("donated", "Donated to us"),
]


class EcoclicAgecReport(models.Model):
    """One row per confirmed IT purchase line or donation received: the base of the AGEC
    indicator, and a report (graph, pivot) of it."""

    _name = "ecoclic.agec.report"
    _description = "IT purchases: refurbished share (AGEC)"
    _auto = False
    _order = "date desc"
    _rec_name = "product_id"

    company_id = fields.Many2one("res.company", string="Collectivity", readonly=True)
    date = fields.Date(readonly=True)
    origin = fields.Selection(ORIGINS, readonly=True)
    category_id = fields.Many2one(
        "ecoclic.equipment.category", string="Sobriety category", readonly=True
    )
    condition = fields.Selection(CONDITIONS, readonly=True)
    second_hand = fields.Boolean(string="Refurbished or reused", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Vendor or donor", readonly=True)
    order_id = fields.Many2one("purchase.order", string="Purchase order", readonly=True)
    equipment_id = fields.Many2one("maintenance.equipment", readonly=True)
    quantity = fields.Float(readonly=True)
    amount = fields.Monetary(string="Amount (untaxed)", currency_field="currency_id", readonly=True)
    second_hand_amount = fields.Monetary(
        string="Refurbished or reused amount", currency_field="currency_id", readonly=True
    )
    currency_id = fields.Many2one("res.currency", readonly=True)

    @property
    def _table_query(self):
        return self._ecoclic_query()

    @api.model
    def _ecoclic_query(self):
        """The rows of the report: the confirmed IT purchase lines (even ids), then the
        donations received (odd ids)."""
        return SQL(
            "%s UNION ALL %s", self._ecoclic_purchase_query(), self._ecoclic_donation_query()
        )

    @api.model
    def _ecoclic_purchase_query(self):
        """The confirmed purchase lines of AGEC products, net of what went back to the
        vendor, in the company's currency at the order's rate."""
        kept = SQL("(1 - LEAST(COALESCE(ret.qty, 0) / NULLIF(l.product_uom_qty, 0), 1))")
        amount = SQL("l.price_subtotal / COALESCE(NULLIF(po.currency_rate, 0), 1.0) * %s", kept)
        return SQL(
            """
            SELECT 2 * l.id AS id,
                   l.company_id,
                   po.date_approve::date AS date,
                   'purchase' AS origin,
                   l.ecoclic_category_id AS category_id,
                   COALESCE(l.ecoclic_condition, 'new') AS condition,
                   COALESCE(l.ecoclic_condition, 'new') IN %(second_hand)s
                       AS second_hand,
                   l.product_id,
                   po.partner_id,
                   po.id AS order_id,
                   NULL::integer AS equipment_id,
                   l.product_uom_qty - LEAST(COALESCE(ret.qty, 0), l.product_uom_qty)
                       AS quantity,
                   %(amount)s AS amount,
                   CASE WHEN COALESCE(l.ecoclic_condition, 'new') IN %(second_hand)s
                        THEN %(amount)s ELSE 0 END AS second_hand_amount,
                   rc.currency_id
              FROM purchase_order_line l
              JOIN purchase_order po ON po.id = l.order_id
              JOIN res_company rc ON rc.id = l.company_id
              JOIN ecoclic_equipment_category c ON c.id = l.ecoclic_category_id
         LEFT JOIN (%(returned)s) ret ON ret.purchase_line_id = l.id
             WHERE po.state IN %(confirmed)s AND c.agec_it
               AND l.display_type IS NULL AND po.date_approve IS NOT NULL
            """,
            second_hand=SECOND_HAND_CONDITIONS,
            confirmed=CONFIRMED_STATES,
            amount=amount,
            returned=self._ecoclic_returned_query(),
        )

    @api.model
    def _ecoclic_returned_query(self):
        """(purchase_line_id, qty): the quantities of each purchase line returned to the
        vendor."""
        return SQL(
            """
            SELECT sm.purchase_line_id, sum(sm.product_qty) AS qty
              FROM stock_move sm
              JOIN stock_location dest ON dest.id = sm.location_dest_id
             WHERE sm.state = 'done' AND dest.usage = 'supplier'
               AND sm.purchase_line_id IS NOT NULL
          GROUP BY sm.purchase_line_id
            """
        )

    @api.model
    def _ecoclic_donation_query(self):
        """The donations received: active equipment acquired as "donated", each at the
        fixed value of its category."""
        return SQL(
            """
            SELECT 2 * e.id + 1,
                   e.company_id,
                   COALESCE(e.ecoclic_acquisition_date, e.effective_date),
                   'donation',
                   e.ecoclic_category_id,
                   'donated',
                   TRUE,
                   NULL,
                   e.partner_id,
                   NULL,
                   e.id,
                   1,
                   c.agec_donation_value,
                   c.agec_donation_value,
                   rc.currency_id
              FROM maintenance_equipment e
              JOIN res_company rc ON rc.id = e.company_id
              JOIN ecoclic_equipment_category c ON c.id = e.ecoclic_category_id
             WHERE e.ecoclic_acquisition_mode = 'donated' AND e.active AND c.agec_it
            """
        )
