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
from datetime import date

from odoo import api, fields, models, tools
from odoo.tools import SQL

from .maintenance_equipment import ecoclic_today

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
    category_id = fields.Many2one("ecoclic.equipment.category", string="Sobriety category",
                                  readonly=True)
    condition = fields.Selection(CONDITIONS, readonly=True)
    second_hand = fields.Boolean(string="Refurbished or reused", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Vendor or donor", readonly=True)
    order_id = fields.Many2one("purchase.order", string="Purchase order", readonly=True)
    equipment_id = fields.Many2one("maintenance.equipment", string="Equipment", readonly=True)
    quantity = fields.Float(readonly=True)
    amount = fields.Monetary(string="Amount (untaxed)", currency_field="currency_id",
                             readonly=True)
    second_hand_amount = fields.Monetary(string="Refurbished or reused amount",
                                         currency_field="currency_id", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)

    @property
    def _table_query(self):
        return self._ecoclic_query()

    @api.model
    def _ecoclic_query(self):
        return SQL(
            """
            SELECT 2 * l.id AS id,
                   l.company_id,
                   po.date_approve::date AS date,
                   'purchase' AS origin,
                   l.ecoclic_category_id AS category_id,
                   COALESCE(l.ecoclic_condition, 'new') AS condition,
                   COALESCE(l.ecoclic_condition, 'new') IN ('refurbished', 'reused')
                       AS second_hand,
                   l.product_id,
                   po.partner_id,
                   po.id AS order_id,
                   NULL::integer AS equipment_id,
                   l.product_uom_qty - LEAST(COALESCE(ret.qty, 0), l.product_uom_qty)
                       AS quantity,
                   l.price_subtotal / COALESCE(NULLIF(po.currency_rate, 0), 1.0)
                       * (1 - LEAST(COALESCE(ret.qty, 0) / NULLIF(l.product_uom_qty, 0), 1))
                       AS amount,
                   CASE WHEN COALESCE(l.ecoclic_condition, 'new') IN ('refurbished', 'reused')
                        THEN l.price_subtotal / COALESCE(NULLIF(po.currency_rate, 0), 1.0)
                             * (1 - LEAST(COALESCE(ret.qty, 0)
                                          / NULLIF(l.product_uom_qty, 0), 1))
                        ELSE 0 END AS second_hand_amount,
                   rc.currency_id
              FROM purchase_order_line l
              JOIN purchase_order po ON po.id = l.order_id
              JOIN res_company rc ON rc.id = l.company_id
              JOIN ecoclic_equipment_category c ON c.id = l.ecoclic_category_id
         LEFT JOIN (SELECT sm.purchase_line_id, sum(sm.product_qty) AS qty
                      FROM stock_move sm
                      JOIN stock_location dest ON dest.id = sm.location_dest_id
                     WHERE sm.state = 'done' AND dest.usage = 'supplier'
                       AND sm.purchase_line_id IS NOT NULL
                  GROUP BY sm.purchase_line_id) ret ON ret.purchase_line_id = l.id
             WHERE po.state IN ('purchase', 'done') AND c.agec_it
               AND l.display_type IS NULL AND po.date_approve IS NOT NULL
            UNION ALL
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


class ResCompany(models.Model):
    _inherit = "res.company"

    ecoclic_agec_year = fields.Integer(string="AGEC year", compute="_compute_ecoclic_agec")
    ecoclic_agec_spend = fields.Monetary(
        string="IT & telephony purchases", compute="_compute_ecoclic_agec",
        currency_field="currency_id",
        help="Untaxed, this civil year: confirmed purchase lines of IT products and donations "
        "received at their fixed value.",
    )
    ecoclic_agec_second_hand = fields.Monetary(
        string="Of which refurbished or reused", compute="_compute_ecoclic_agec",
        currency_field="currency_id",
    )
    ecoclic_agec_share = fields.Float(string="Refurbished or reused share (%)",
                                      digits=(16, 1), compute="_compute_ecoclic_agec")
    ecoclic_agec_minimum = fields.Float(string="AGEC minimum (%)", digits=(16, 0),
                                        compute="_compute_ecoclic_agec")
    ecoclic_agec_missing = fields.Monetary(
        string="Still to buy refurbished", compute="_compute_ecoclic_agec",
        currency_field="currency_id",
        help="At this year's spend, the refurbished or reused purchases missing to reach the "
        "legal minimum.",
    )
    ecoclic_agec_behind = fields.Boolean(string="Behind the AGEC minimum",
                                         compute="_compute_ecoclic_agec")

    ecoclic_agec_history_html = fields.Html(
        string="IT purchases over the years", compute="_compute_ecoclic_agec_history",
        sanitize=False,
    )

    @api.depends_context("ecoclic_today")
    def _compute_ecoclic_agec_history(self):
        """The last four civil years: one query a year for all these companies."""
        today = ecoclic_today(self)
        years = list(range(today.year - 3, today.year + 1))
        by_year = {year: self._ecoclic_agec_figures(date(year, 1, 1), date(year, 12, 31))
                   for year in years}
        for company in self:
            rows = [(year, by_year[year].get(company.id)) for year in years]
            company.ecoclic_agec_history_html = self.env["ir.qweb"]._render(
                "ecoclic_odoo.agec_history", {"rows": rows, "currency": company.currency_id,
                                              "format_amount": self._ecoclic_format_amount},
            ) if any(values for _year, values in rows) else False

    def _ecoclic_format_amount(self, amount, currency):
        return tools.format_amount(self.env, amount, currency)

    @api.depends_context("ecoclic_today")
    def _compute_ecoclic_agec(self):
        today = ecoclic_today(self)
        figures = self._ecoclic_agec_figures(date(today.year, 1, 1), date(today.year, 12, 31))
        for company in self:
            values = figures.get(company.id, {})
            company.ecoclic_agec_year = today.year
            company.ecoclic_agec_spend = values.get("spend", 0.0)
            company.ecoclic_agec_second_hand = values.get("second_hand", 0.0)
            company.ecoclic_agec_share = values.get("share", 0.0)
            company.ecoclic_agec_minimum = values.get("minimum", 0.0)
            company.ecoclic_agec_missing = values.get("missing", 0.0)
            company.ecoclic_agec_behind = values.get("behind", False)

    def _ecoclic_agec_figures(self, date_from, date_to):
        """{company id: {spend, second_hand, donations, share, minimum, missing, behind}}
        over [date_from, date_to], in one query whatever the number of companies and lines.
        The minimum is the one in force in the year `date_to` falls in."""
        if not self:
            return {}
        for model in ("purchase.order", "purchase.order.line", "stock.move",
                      "maintenance.equipment", "ecoclic.equipment.category"):
            self.env[model].flush_model()
        self.env.cr.execute(SQL(
            """
            SELECT r.company_id, sum(r.amount), sum(r.second_hand_amount),
                   sum(r.amount) FILTER (WHERE r.origin = 'donation')
              FROM (%(query)s) r
             WHERE r.company_id = ANY(%(companies)s) AND r.date BETWEEN %(start)s AND %(end)s
          GROUP BY r.company_id
            """,
            query=self.env["ecoclic.agec.report"]._ecoclic_query(), companies=self.ids,
            start=date_from, end=date_to,
        ))
        rows = self.env.cr.fetchall()
        minimum = self.env["ecoclic.legal.rate"]._ecoclic_rate("agec_it", date_to.year)
        result = {}
        for company_id, spend, second_hand, donations in rows:
            spend, second_hand = float(spend or 0.0), float(second_hand or 0.0)
            share = 100.0 * second_hand / spend if spend else 0.0
            missing = max(minimum / 100.0 * spend - second_hand, 0.0)
            result[company_id] = {
                "spend": spend,
                "second_hand": second_hand,
                "donations": float(donations or 0.0),
                "share": share,
                "minimum": minimum,
                "missing": missing,
                "behind": bool(spend) and tools.float_compare(share, minimum, 2) < 0,
            }
        return result
