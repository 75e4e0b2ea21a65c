# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The OPSN's supervision dashboard: one row per supervised collectivity, computed by one
SQL query (a view) whatever the number of collectivities, so that it can be searched,
filtered, sorted and grouped like any list."""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.ecoclic_odoo.models.ecoclic_assessment import GRADE_SELECTION
from odoo.addons.ecoclic_odoo.models.ecoclic_awareness_participant import trained_share
from odoo.addons.ecoclic_odoo.models.ecoclic_plan import OPEN_STATES
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
    fleet_count = fields.Integer(
        string="Equipment counted",
        readonly=True,
        help="Equipment in the fleet with a category and a date (of acquisition, else of "
        "putting into service): its footprint is computed.",
    )
    fleet_unhandled = fields.Integer(
        string="Equipment left out",
        readonly=True,
        help="Equipment without a category: left out of the footprint.",
    )
    fleet_gwp = fields.Float(
        string="Fleet footprint (kg CO2e per year)",
        digits=(16, 0),
        readonly=True,
        help="Climate change: manufacturing spread over the years of use, plus a year of use "
        "(Boavizta's figures, the electricity of the collectivity's country).",
    )
    fleet_adpe = fields.Float(
        string="Fleet resources (kg Sb eq. per year)",
        digits=(16, 4),
        readonly=True,
        help="Abiotic depletion of minerals and metals, per year, as the climate footprint.",
    )
    fleet_pe = fields.Float(
        string="Fleet primary energy (MJ per year)",
        digits=(16, 0),
        readonly=True,
        help="Primary energy, per year, as the climate footprint.",
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
        """One row per supervised collectivity: the named steps below, then the flags."""
        steps = [
            *self._ecoclic_assessment_steps(),
            *self._ecoclic_agec_steps(),
            ("fleet", self._ecoclic_fleet_step()),
            ("followup", self._ecoclic_followup_step()),
            ("rows", self._ecoclic_rows_step()),
        ]
        return SQL(
            """
            WITH %(steps)s
            SELECT rows.company_id AS id, rows.*,
                   COALESCE(rows.next_followup < CURRENT_DATE, TRUE) AS followup_late,
                   (rows.assessment_late OR COALESCE(rows.next_followup < CURRENT_DATE, TRUE)
                    OR rows.overdue_actions > 0) AS late
              FROM rows
            """,
            steps=SQL(", ").join(
                SQL("%s AS (%s)", SQL.identifier(name), query) for name, query in steps
            ),
        )

    @api.model
    def _ecoclic_scope(self):
        """The collectivities whose rows the current user may see (those of the OPSN among
        the active companies, as the record rule says), as a query of their ids: every step
        reads their rows only, so that an OPSN's dashboard in a national instance costs
        its own portfolio, not every collectivity's (issue 20)."""
        if self.env.su:
            return SQL(
                "SELECT s.id FROM res_company s WHERE s.ecoclic_opsn_id IS NOT NULL AND s.active"
            )
        return SQL(
            "SELECT s.id FROM res_company s WHERE s.ecoclic_opsn_id = ANY(%s) AND s.active",
            self.env.companies.ids,
        )

    @api.model
    def _ecoclic_assessment_steps(self):
        """`ranked`: the submitted assessments, latest first; `plan`: completion and
        overdue actions of each collectivity's plan."""
        ranked = SQL(
            """
            SELECT a.company_id, a.overall_score, a.grade, a.target_score,
                   a.date_submitted::date AS day,
                   row_number() OVER (PARTITION BY a.company_id
                                      ORDER BY a.date_submitted DESC, a.id DESC) AS rn
              FROM ecoclic_assessment a
             WHERE a.state = 'submitted' AND a.company_id IN (%(scope)s)
            """,
            scope=self._ecoclic_scope(),
        )
        plan = SQL(
            """
            SELECT company_id,
                   avg(CASE WHEN state = 'done' THEN 100 ELSE progress END)
                       FILTER (WHERE state != 'abandoned') AS completion,
                   count(*) FILTER (WHERE state IN %(open)s AND date_due < CURRENT_DATE)
                       AS overdue
              FROM ecoclic_plan_line WHERE company_id IN (%(scope)s) GROUP BY company_id
            """,
            open=OPEN_STATES,
            scope=self._ecoclic_scope(),
        )
        return [("ranked", ranked), ("plan", plan)]

    @api.model
    def _ecoclic_agec_steps(self):
        """`agec`: this year's IT spend and its refurbished or reused part; `minimum`: the
        legal minimum share in force."""
        agec = SQL(
            """
            SELECT r.company_id, sum(r.amount) AS spend,
                   sum(r.second_hand_amount) AS second_hand
              FROM (%(agec)s) r
             WHERE r.date >= date_trunc('year', CURRENT_DATE)::date
               AND r.company_id IN (%(scope)s)
          GROUP BY r.company_id
            """,
            agec=self.env["ecoclic.agec.report"]._ecoclic_query(),
            scope=self._ecoclic_scope(),
        )
        minimum = SQL(
            """
            SELECT COALESCE((SELECT rate FROM ecoclic_legal_rate
                              WHERE kind = 'agec_it'
                                AND year_from <= extract(year FROM CURRENT_DATE)
                           ORDER BY year_from DESC LIMIT 1), 0) AS rate
            """
        )
        return [("agec", agec), ("minimum", minimum)]

    @api.model
    def _ecoclic_fleet_step(self):
        """The collectivity's fleet indicators today (the query of its own dashboard, for
        every supervised collectivity at once): average age, equipment counted and left
        out, footprints per year on the three criteria."""
        year = SQL("date_trunc('year', CURRENT_DATE)::date")
        return self.env["res.company"]._ecoclic_fleet_indicators_sql(
            year,
            SQL("(%s + interval '1 year - 1 day')::date", year),
            SQL("CURRENT_DATE"),
            SQL("e.company_id IN (%s)", self._ecoclic_scope()),
        )

    @api.model
    def _ecoclic_followup_step(self):
        """The last follow-up held and the next one planned."""
        return SQL(
            """
            SELECT company_id,
                   max(date) FILTER (WHERE state = 'done') AS last_done,
                   min(date) FILTER (WHERE state = 'planned') AS next_planned
              FROM ecoclic_opsn_followup WHERE company_id IN (%(scope)s) GROUP BY company_id
            """,
            scope=self._ecoclic_scope(),
        )

    @api.model
    def _ecoclic_rows_step(self):
        """The columns of each supervised collectivity, from the steps before."""
        return SQL(
            """
            SELECT c.id AS company_id, c.ecoclic_opsn_id AS opsn_id,
                   c.ecoclic_account_manager_id AS manager_id,
                   c.ecoclic_collectivity_type AS collectivity_type,
                   c.ecoclic_population_band AS population_band,
                   c.ecoclic_departement_id AS departement_id,
                   l.overall_score AS score, l.grade,
                   l.overall_score - p.overall_score AS score_change,
                   l.target_score - l.overall_score AS gap,
                   l.day AS assessment_date, CURRENT_DATE - l.day AS assessment_age,
                   plan.completion AS plan_completion,
                   COALESCE(plan.overdue, 0) AS overdue_actions,
                   CASE WHEN agec.spend > 0 THEN 100 * agec.second_hand / agec.spend END
                       AS agec_share,
                   minimum.rate AS agec_minimum,
                   COALESCE(agec.spend > 0
                            AND 100 * agec.second_hand / agec.spend < minimum.rate, FALSE)
                       AS agec_behind,
                   fleet.age AS fleet_age, COALESCE(fleet.fleet, 0) AS fleet_count,
                   COALESCE(fleet.unhandled, 0) AS fleet_unhandled,
                   fleet.footprints[1] AS fleet_gwp, fleet.footprints[2] AS fleet_adpe,
                   fleet.footprints[3] AS fleet_pe,
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
             WHERE c.id IN (%(scope)s)
            """,
            assessment_months=ASSESSMENT_MONTHS,
            scope=self._ecoclic_scope(),
        )

    @api.readonly
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

    # ------------------------------------------------------------------
    # Loi REEN art. 35: which supervised collectivities are bound, and late
    # ------------------------------------------------------------------
    reen_concerned = fields.Boolean(
        string="Bound by loi REEN", related="company_id.ecoclic_reen_concerned"
    )
    reen_late_count = fields.Integer(
        string="Late REEN deliverables",
        compute="_compute_reen_late_count",
        search="_search_reen_late_count",
        help="Deliverables of loi REEN art. 35 (work programme, strategy, yearly review) "
        "not done by their due date.",
    )

    @api.depends_context("ecoclic_today", "uid")
    def _compute_reen_late_count(self):
        """One grouped query for every row, as the user reads the deliverables (their
        OPSN's portfolio only)."""
        counts = dict(
            self.env["ecoclic.reen.obligation"]._read_group(
                [("company_id", "in", self.company_id.ids), ("is_late", "=", True)],
                ["company_id"],
                ["__count"],
            )
        )
        for row in self:
            row.reen_late_count = counts.get(row.company_id, 0)

    def _search_reen_late_count(self, operator, value):
        """Rows with late deliverables (``> 0``) or without (``= 0``)."""
        if (operator, value) not in ((">", 0), ("=", 0), ("!=", 0)):
            return NotImplemented
        late = self.env["ecoclic.reen.obligation"].search([("is_late", "=", True)])
        in_late = "in" if operator != "=" else "not in"
        return [("company_id", in_late, late.company_id.ids)]

    # ------------------------------------------------------------------
    # Awareness of the agents: the collectivity's share, never an agent's result
    # ------------------------------------------------------------------
    agent_count = fields.Integer(related="company_id.ecoclic_agent_count")
    awareness_invited = fields.Integer(
        string="Agents invited to a quiz", compute="_compute_awareness"
    )
    staff_trained_share = fields.Float(
        string="Agents trained (%)",
        digits=(16, 0),
        compute="_compute_awareness",
        help="Persons who passed the awareness quizzes of a campaign, against the number of "
        "agents of the collectivity's profile (empty without it).",
    )

    def _compute_awareness(self):
        """One query for every row: counts of persons per collectivity (the OPSN reads no
        participant, and no answer)."""
        figures = self.company_id._ecoclic_awareness_figures()
        for row in self:
            invited, __, passed = figures.get(row.company_id.id, (0, 0, 0))
            row.awareness_invited = invited
            row.staff_trained_share = trained_share(passed, row.company_id.ecoclic_agent_count)
