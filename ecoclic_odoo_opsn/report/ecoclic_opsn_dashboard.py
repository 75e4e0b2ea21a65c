# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The OPSN's supervision dashboard: one row per supervised collectivity, computed by one
SQL query (a view) whatever the number of collectivities, so that it can be searched,
filtered, sorted and grouped like any list."""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.ecoclic_odoo.models.ecoclic_assessment import GRADE_SELECTION
from odoo.addons.ecoclic_odoo.models.ecoclic_plan import OPEN_STATES
from odoo.addons.ecoclic_odoo.models.maintenance_equipment import GONE_STATES
from odoo.addons.ecoclic_odoo.models.res_company import (
    COLLECTIVITY_TYPES,
    POPULATION_BAND_LABELS,
)

from ..models.ecoclic_opsn_dashboard import ASSESSMENT_MONTHS


class EcoclicOpsnDashboard(models.Model):
    _name = "ecoclic.opsn.dashboard"
    _description = "OPSN supervision dashboard"
    _auto = False
    # What needs the account manager first: overdue follow-ups, then the rest by name.
    _order = "followup_late desc, late desc, company_id"
    _rec_name = "company_id"

    company_id = fields.Many2one("res.company", string="Collectivity", readonly=True)
    opsn_id = fields.Many2one("res.company", string="OPSN", readonly=True)
    manager_id = fields.Many2one("res.users", string="Account manager", readonly=True)
    collectivity_type = fields.Selection(COLLECTIVITY_TYPES, string="Type", readonly=True)
    population_band = fields.Selection(
        POPULATION_BAND_LABELS, string="Population band", readonly=True
    )
    departement_id = fields.Many2one("ecoclic.departement", string="Department", readonly=True)
    score = fields.Integer(string="Latest score", readonly=True, aggregator="avg")
    grade = fields.Selection(GRADE_SELECTION, readonly=True)
    score_change = fields.Integer(
        string="Change",
        readonly=True,
        aggregator="avg",
        help="Since the previous submitted assessment.",
    )
    gap = fields.Integer(string="Gap to target", readonly=True, aggregator="avg")
    assessment_date = fields.Date(string="Assessed on", readonly=True)
    assessment_age = fields.Integer(string="Assessment age (days)", readonly=True, aggregator="avg")
    plan_completion = fields.Float(
        string="Plan completion (%)", digits=(16, 0), readonly=True, aggregator="avg"
    )
    overdue_actions = fields.Integer(string="Overdue actions", readonly=True)
    agec_share = fields.Float(
        string="AGEC share (%)", digits=(16, 0), readonly=True, aggregator="avg"
    )
    agec_minimum = fields.Float(
        string="AGEC minimum (%)", digits=(16, 0), readonly=True, aggregator="max"
    )
    agec_behind = fields.Boolean(string="Behind AGEC", readonly=True)
    fleet_age = fields.Float(
        string="Fleet average age (years)", digits=(16, 1), readonly=True, aggregator="avg"
    )
    next_followup = fields.Date(string="Next follow-up", readonly=True)
    assessment_late = fields.Boolean(string="Assessment due", readonly=True)
    followup_late = fields.Boolean(string="Follow-up overdue", readonly=True)
    late = fields.Boolean(
        readonly=True,
        help="Assessment older than a year (or none), follow-up overdue or overdue actions.",
    )
    attention = fields.Char(
        string="To watch",
        compute="_compute_attention",
        help="Why the collectivity needs attention, in words.",
    )

    @api.depends_context("lang")
    def _compute_attention(self):
        for row in self:
            reasons = []
            if row.followup_late:
                reasons.append(self.env._("follow-up overdue"))
            if row.assessment_late:
                reasons.append(
                    self.env._("assessment due")
                    if row.assessment_date
                    else self.env._("never assessed")
                )
            if row.overdue_actions:
                reasons.append(self.env._("overdue actions: %(count)s", count=row.overdue_actions))
            if row.agec_behind:
                reasons.append(self.env._("behind the AGEC minimum"))
            text = ", ".join(reasons)
            # (not str.capitalize(): it lowercased the rest, "AGEC" read "agec")
            row.attention = text[:1].upper() + text[1:]

    @property
    def _table_query(self):
        agec = self.env["ecoclic.agec.report"]._ecoclic_query()
        return SQL(
            """
            WITH ranked AS (
                SELECT a.company_id, a.overall_score, a.grade, a.target_score,
                       a.date_submitted::date AS day,
                       row_number() OVER (PARTITION BY a.company_id
                                          ORDER BY a.date_submitted DESC, a.id DESC) AS rn
                  FROM ecoclic_assessment a
                 WHERE a.state = 'submitted'
            ), plan AS (
                SELECT company_id,
                       avg(CASE WHEN state = 'done' THEN 100 ELSE progress END)
                           FILTER (WHERE state != 'abandoned') AS completion,
                       count(*) FILTER (WHERE state IN %(open)s AND date_due < CURRENT_DATE)
                           AS overdue
                  FROM ecoclic_plan_line GROUP BY company_id
            ), agec AS (
                SELECT r.company_id, sum(r.amount) AS spend,
                       sum(r.second_hand_amount) AS second_hand
                  FROM (%(agec)s) r
                 WHERE r.date >= date_trunc('year', CURRENT_DATE)::date
              GROUP BY r.company_id
            ), minimum AS (
                SELECT COALESCE((SELECT rate FROM ecoclic_legal_rate
                                  WHERE kind = 'agec_it'
                                    AND year_from <= extract(year FROM CURRENT_DATE)
                               ORDER BY year_from DESC LIMIT 1), 0) AS rate
            ), fleet AS (
                SELECT company_id,
                       avg((CURRENT_DATE - COALESCE(ecoclic_acquisition_date, effective_date))
                           / 365.25) AS age
                  FROM maintenance_equipment
                 WHERE active AND ecoclic_category_id IS NOT NULL
                   AND (ecoclic_lifecycle IS NULL OR ecoclic_lifecycle NOT IN %(gone)s)
              GROUP BY company_id
            ), followup AS (
                SELECT company_id,
                       max(date) FILTER (WHERE state = 'done') AS last_done,
                       min(date) FILTER (WHERE state = 'planned') AS next_planned
                  FROM ecoclic_opsn_followup GROUP BY company_id
            ), rows AS (
                SELECT c.id AS company_id, c.ecoclic_opsn_id AS opsn_id,
                       c.ecoclic_account_manager_id AS manager_id,
                       c.ecoclic_collectivity_type AS collectivity_type,
                       c.ecoclic_population_band AS population_band,
                       c.ecoclic_departement_id AS departement_id,
                       l.overall_score AS score, l.grade,
                       l.overall_score - p.overall_score AS score_change,
                       l.target_score - l.overall_score AS gap,
                       l.day AS assessment_date,
                       CURRENT_DATE - l.day AS assessment_age,
                       plan.completion AS plan_completion,
                       COALESCE(plan.overdue, 0) AS overdue_actions,
                       CASE WHEN agec.spend > 0 THEN 100 * agec.second_hand / agec.spend END
                           AS agec_share,
                       minimum.rate AS agec_minimum,
                       COALESCE(agec.spend > 0
                                AND 100 * agec.second_hand / agec.spend < minimum.rate, FALSE)
                           AS agec_behind,
                       fleet.age AS fleet_age,
                       COALESCE(f.next_planned,
                                (f.last_done + make_interval(
                                    months => NULLIF(c.ecoclic_followup_months, 0)))::date)
                           AS next_followup,
                       (l.day IS NULL OR l.day < CURRENT_DATE - make_interval(
                           months => %(assessment_months)s)) AS assessment_late
                  FROM res_company c
                 CROSS JOIN minimum
             LEFT JOIN ranked l ON l.company_id = c.id AND l.rn = 1
             LEFT JOIN ranked p ON p.company_id = c.id AND p.rn = 2
             LEFT JOIN plan ON plan.company_id = c.id
             LEFT JOIN agec ON agec.company_id = c.id
             LEFT JOIN fleet ON fleet.company_id = c.id
             LEFT JOIN followup f ON f.company_id = c.id
                 WHERE c.ecoclic_opsn_id IS NOT NULL AND c.active
            )
            SELECT rows.company_id AS id, rows.*,
                   COALESCE(rows.next_followup < CURRENT_DATE, TRUE) AS followup_late,
                   (rows.assessment_late OR COALESCE(rows.next_followup < CURRENT_DATE, TRUE)
                    OR rows.overdue_actions > 0) AS late
              FROM rows
            """,
            open=OPEN_STATES,
            agec=agec,
            gone=GONE_STATES,
            assessment_months=ASSESSMENT_MONTHS,
        )

    def action_open_collectivity(self):
        """The collectivity's sobriety dashboard, read-only."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.company_id.name,
            "res_model": "res.company",
            "res_id": self.company_id.id,
            "view_mode": "form",
            "views": [(self.env.ref("ecoclic_odoo.view_ecoclic_dashboard_form").id, "form")],
            "target": "current",
            # The dashboard action's URL: a reload runs it again for this company, instead
            # of opening res.company's default form (the company settings).
            "path": "ecoclic-dashboard",
        }
