# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.tools import SQL

from .maintenance_equipment import GONE_STATES, REFORMED_STATES, REUSE_STATES, \
    SECOND_HAND_MODES, ecoclic_today

RATE_KINDS = [
    ("reen_reuse", "Reformed IT equipment going to reuse (loi REEN art. 16)"),
    ("agec_it", "IT purchases refurbished or reused (loi AGEC art. 58)"),
]


class EcoclicLegalRate(models.Model):
    """A legal minimum rate, from a given year on (data: editable, with its source)."""

    _name = "ecoclic.legal.rate"
    _description = "Legal minimum rate"
    _order = "kind, year_from"

    kind = fields.Selection(RATE_KINDS, required=True)
    year_from = fields.Integer(string="From year", required=True)
    rate = fields.Float(string="Minimum (%)", required=True)
    source = fields.Char(translate=True)

    _sql_constraints = [("kind_year_uniq", "unique(kind, year_from)",
                         "One rate per kind and starting year.")]

    @api.model
    def _ecoclic_rate(self, kind, year):
        """The rate in force in that year (0 before the first one)."""
        rate = self.sudo().search([("kind", "=", kind), ("year_from", "<=", year)],
                                  order="year_from desc", limit=1)
        return rate.rate


class ResCompany(models.Model):
    _inherit = "res.company"

    ecoclic_fleet_count = fields.Integer(string="Equipment in the fleet",
                                         compute="_compute_ecoclic_fleet")
    ecoclic_fleet_age = fields.Float(string="Average age (years)", digits=(16, 1),
                                     compute="_compute_ecoclic_fleet")
    ecoclic_fleet_age_ratio = fields.Float(
        string="Age against lifespan (%)", digits=(16, 0), compute="_compute_ecoclic_fleet",
        help="Average of each item's age divided by its reference lifespan.",
    )
    ecoclic_fleet_second_hand_share = fields.Float(
        string="Acquired refurbished or reused (%)", digits=(16, 0),
        compute="_compute_ecoclic_fleet",
    )
    ecoclic_fleet_reuse_share = fields.Float(
        string="Reformed this year going to reuse (%)", digits=(16, 0),
        compute="_compute_ecoclic_fleet",
        help="Of the equipment under 10 years reformed this year, the share reused internally, "
        "donated or sold rather than recycled (loi REEN art. 16).",
    )
    ecoclic_fleet_reformed_count = fields.Integer(
        string="Reformed this year (under 10 years)", compute="_compute_ecoclic_fleet",
    )
    ecoclic_fleet_reuse_target = fields.Float(string="Legal minimum (%)", digits=(16, 0),
                                              compute="_compute_ecoclic_fleet")
    ecoclic_fleet_footprint = fields.Float(
        string="Fleet footprint (kg CO2e per year)", digits=(16, 0),
        compute="_compute_ecoclic_fleet",
        help="Manufacturing spread over the years of use, plus a year of use, for the fleet.",
    )
    ecoclic_fleet_footprint_per_agent = fields.Float(
        string="Per agent (kg CO2e per year)", digits=(16, 1), compute="_compute_ecoclic_fleet",
    )

    ecoclic_fleet_history_html = fields.Html(
        string="Fleet over the years", compute="_compute_ecoclic_fleet_history", sanitize=False,
    )

    def _compute_ecoclic_fleet_history(self):
        """The last four years, one query a year for all these companies."""
        today = ecoclic_today(self)
        Rate = self.env["ecoclic.legal.rate"]
        years = list(range(today.year - 3, today.year + 1))
        by_year = {year: self._ecoclic_fleet_indicators(year, today=today) for year in years}
        minimums = {year: Rate._ecoclic_rate("reen_reuse", year) for year in years}
        for company in self:
            rows = [(year, by_year[year].get(company.id), minimums[year]) for year in years]
            company.ecoclic_fleet_history_html = self.env["ir.qweb"]._render(
                "ecoclic_odoo.fleet_history", {"rows": rows}
            ) if any(values for _year, values, _minimum in rows) else False

    def _compute_ecoclic_fleet(self):
        today = ecoclic_today(self)
        indicators = self._ecoclic_fleet_indicators(today.year, today=today)
        target = self.env["ecoclic.legal.rate"]._ecoclic_rate("reen_reuse", today.year)
        for company in self:
            values = indicators.get(company.id, {})
            company.ecoclic_fleet_count = values.get("fleet", 0)
            company.ecoclic_fleet_age = values.get("age", 0.0)
            company.ecoclic_fleet_age_ratio = values.get("age_ratio", 0.0)
            company.ecoclic_fleet_second_hand_share = values.get("second_hand_share", 0.0)
            company.ecoclic_fleet_reuse_share = values.get("reuse_share", 0.0)
            company.ecoclic_fleet_reformed_count = values.get("reformed", 0)
            company.ecoclic_fleet_reuse_target = target
            company.ecoclic_fleet_footprint = values.get("footprint", 0.0)
            company.ecoclic_fleet_footprint_per_agent = values.get("footprint_per_agent", 0.0)

    def _ecoclic_fleet_indicators(self, year, today=None, period=None):
        """Fleet indicators of these companies, in one query whatever their number or size.

        {company id: {fleet, second_hand_share, age, age_ratio, footprint,
        footprint_per_agent, reformed, reformed_reused, reuse_share}}: the fleet as it stood
        at the end of `year` (or today, for the current year), aged to that date; the reform
        figures count equipment under 10 years reformed during `year`.

        `period` (first day, last day) replaces the civil year: the fleet as it stood on its
        last day, the reforms during it.
        """
        if not self:
            return {}
        today = today or ecoclic_today(self)
        start, end = period or (date(year, 1, 1), date(year, 12, 31))
        as_of = min(end, today)
        self.env["maintenance.equipment"].flush_model()
        self.env["ecoclic.equipment.category"].flush_model()
        self.env["ecoclic.equipment.category.figure"].flush_model()
        self.env["res.company"].flush_model(["ecoclic_agent_count"])
        self.env.cr.execute(SQL(
            """
            WITH eq AS (
                SELECT e.company_id,
                       e.ecoclic_lifecycle AS state,
                       e.ecoclic_acquisition_mode AS mode,
                       e.scrap_date,
                       COALESCE(f.manufacturing_footprint, c.manufacturing_footprint) AS manu,
                       COALESCE(f.lifespan, c.lifespan) AS lifespan,
                       COALESCE(f.use_footprint_year, c.use_footprint_year) AS use_year,
                       (CASE WHEN e.ecoclic_lifecycle IN %(gone)s AND e.scrap_date <= %(as_of)s
                             THEN e.scrap_date ELSE %(as_of)s END
                        - COALESCE(e.ecoclic_acquisition_date, e.effective_date))
                         / 365.25 AS age,
                       (COALESCE(e.ecoclic_acquisition_date, e.effective_date) <= %(as_of)s
                        AND NOT (e.ecoclic_lifecycle IN %(gone)s
                                 AND e.scrap_date <= %(as_of)s)) AS in_fleet,
                       (e.scrap_date - COALESCE(e.ecoclic_acquisition_date, e.effective_date))
                         / 365.25 AS age_at_reform
                  FROM maintenance_equipment e
                  JOIN ecoclic_equipment_category c ON c.id = e.ecoclic_category_id
             LEFT JOIN ecoclic_equipment_category_figure f
                    ON f.company_id = e.company_id AND f.category_id = c.id
                 WHERE e.company_id = ANY(%(companies)s) AND e.active
            )
            SELECT eq.company_id,
                   max(rc.ecoclic_agent_count),
                   count(*) FILTER (WHERE in_fleet),
                   count(*) FILTER (WHERE in_fleet AND mode IN %(second_hand)s),
                   avg(GREATEST(age, 0)) FILTER (WHERE in_fleet),
                   avg(GREATEST(age, 0) / lifespan) FILTER (WHERE in_fleet AND lifespan > 0),
                   sum(manu / GREATEST(lifespan, age, 1.0 / 12) + use_year)
                       FILTER (WHERE in_fleet),
                   count(*) FILTER (WHERE state IN %(reformed)s AND age_at_reform < 10
                                      AND scrap_date BETWEEN %(start)s AND %(end)s),
                   count(*) FILTER (WHERE state IN %(reuse)s AND age_at_reform < 10
                                      AND scrap_date BETWEEN %(start)s AND %(end)s)
              FROM eq JOIN res_company rc ON rc.id = eq.company_id
          GROUP BY eq.company_id
            """,
            gone=GONE_STATES, as_of=as_of, companies=self.ids,
            second_hand=SECOND_HAND_MODES, reformed=REFORMED_STATES, reuse=REUSE_STATES,
            start=start, end=end,
        ))
        result = {}
        for (company_id, agents, fleet, second_hand, age, age_ratio, footprint, reformed,
             reused) in self.env.cr.fetchall():
            footprint = float(footprint or 0.0)
            result[company_id] = {
                "fleet": fleet,
                "second_hand_share": 100.0 * second_hand / fleet if fleet else 0.0,
                "age": float(age or 0.0),
                "age_ratio": 100.0 * float(age_ratio or 0.0),
                "footprint": footprint,
                "footprint_per_agent": footprint / agents if agents else 0.0,
                "reformed": reformed,
                "reformed_reused": reused,
                "reuse_share": 100.0 * reused / reformed if reformed else 0.0,
            }
        return result
