# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The action plan of a collectivity: lines (from recommendations or free), their success
indicators, the periodic reviews, and the scheduled follow-up."""
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from .indicators import INDICATORS
from .ecoclic_views import read_only_outside_collectivity
from .maintenance_equipment import ecoclic_today

PLAN_STATES = [
    ("to_define", "To define"),
    ("to_plan", "To plan"),
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("done", "Completed"),
    ("abandoned", "Abandoned"),
]
OPEN_STATES = ("to_define", "to_plan", "planned", "in_progress")
INDICATOR_SOURCES = [("manual", "Measured by hand")] + INDICATORS


class EcoclicPlanLine(models.Model):
    _name = "ecoclic.plan.line"
    _description = "Action plan line"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, priority_rank, id"
    _check_company_auto = True

    name = fields.Char(string="Action", required=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Collectivity", required=True,
                                 index=True, default=lambda self: self.env.company)
    action_id = fields.Many2one("ecoclic.action", string="Catalogue action", index=True,
                                check_company=True, ondelete="restrict")
    recommendation_id = fields.Many2one("ecoclic.recommendation", check_company=True,
                                        ondelete="set null")
    axis_id = fields.Many2one("ecoclic.axis", string="Axis")
    priority = fields.Selection(related="action_id.priority", store=True)
    priority_rank = fields.Integer(related="action_id.priority_rank", store=True)
    description = fields.Text(string="Our notes")
    # How to carry the action out, from the catalogue.
    action_description = fields.Text(related="action_id.description", string="How to do it")
    action_indicators = fields.Text(related="action_id.indicators",
                                    string="Suggested success indicators")
    action_resources = fields.Text(related="action_id.resources", string="Resources")
    user_id = fields.Many2one("res.users", string="Owner", tracking=True,
                              domain="[('company_ids', 'in', company_id)]")
    department = fields.Char(string="Service in charge", help="The department that carries it.")
    date_start = fields.Date(string="Start", tracking=True)
    date_due = fields.Date(string="Due", tracking=True)
    date_done = fields.Date(string="Completed on", tracking=True)
    state = fields.Selection(PLAN_STATES, string="Status", default="to_define", required=True,
                             tracking=True, group_expand="_expand_states")
    abandon_reason = fields.Char(string="Why abandoned", tracking=True)
    progress = fields.Integer(string="Progress (%)", default=0, tracking=True)
    budget = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    indicator_ids = fields.One2many("ecoclic.plan.indicator", "line_id",
                                    string="Success indicators")
    avoided = fields.Float(string="kg CO2e avoided per year", digits=(16, 0),
                           compute="_compute_avoided", store=True,
                           help="Estimated from the catalogue action and the fleet when the "
                           "line was created or its action changed.")
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")
    color = fields.Integer()

    @api.model
    def _expand_states(self, states, domain):
        return [key for key, _label in PLAN_STATES]

    @api.depends("action_id", "company_id")
    def _compute_avoided(self):
        avoided = self.action_id._ecoclic_avoided(self.company_id)
        for line in self:
            line.avoided = avoided.get((line.company_id.id, line.action_id.id), 0.0)

    @api.depends("date_due", "state")
    @api.depends_context("ecoclic_today")
    def _compute_overdue(self):
        today = ecoclic_today(self)
        for line in self:
            line.overdue = bool(line.date_due and line.date_due < today
                                and line.state in OPEN_STATES)

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        domain = [("date_due", "<", ecoclic_today(self)), ("state", "in", OPEN_STATES)]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.constrains("user_id", "company_id")
    def _check_owner_company(self):
        for line in self:
            line.company_id._ecoclic_check_members(
                line.user_id, self.env._("the owner of an action"))

    @api.constrains("date_start", "date_due", "progress", "state", "date_done",
                    "abandon_reason")
    def _check_line(self):
        _ = self.env._
        for line in self:
            if line.date_start and line.date_due and line.date_due < line.date_start:
                raise ValidationError(_("%(action)s cannot be due before it starts.",
                                        action=line.name))
            if not 0 <= line.progress <= 100:
                raise ValidationError(_("The progress of %(action)s goes from 0 to 100 %%.",
                                        action=line.name))
            if line.state == "done" and not line.date_done:
                raise ValidationError(_("%(action)s is done: give the date it was completed.",
                                        action=line.name))
            if line.state == "abandoned" and not (line.abandon_reason or "").strip():
                raise ValidationError(_("Say why %(action)s is abandoned.", action=line.name))

    @api.onchange("action_id")
    def _onchange_action_id(self):
        if self.action_id:
            self.name = self.action_id.name
            self.axis_id = self.action_id.axis_id
            self.description = self.action_id.description

    def write(self, vals):
        if vals.get("state") == "done":
            vals.setdefault("progress", 100)
            if "date_done" not in vals:
                vals["date_done"] = fields.Date.context_today(self)
        return super().write(vals)

    def action_start(self):
        self.write({"state": "in_progress"})

    def action_done(self):
        self.write({"state": "done"})

    def action_abandon(self):
        """Ask why, then abandon (ecoclic.plan.abandon)."""
        self.check_access("write")
        return {
            "type": "ir.actions.act_window", "res_model": "ecoclic.plan.abandon",
            "view_mode": "form", "target": "new", "name": self.env._("Abandon the action"),
            "context": {"default_line_ids": [fields.Command.set(self.ids)]},
        }

    @api.model
    def get_views(self, views, options=None):
        """Read-only for OPSN staff, who read their portfolio's plans and change none."""
        return read_only_outside_collectivity(self.env, super().get_views(views, options))


class EcoclicPlanIndicator(models.Model):
    _name = "ecoclic.plan.indicator"
    _description = "Success indicator of a plan line"
    _order = "line_id, id"

    line_id = fields.Many2one("ecoclic.plan.line", required=True, ondelete="cascade",
                              index=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    name = fields.Char(string="Indicator", required=True)
    source = fields.Selection(INDICATOR_SOURCES, default="manual", required=True,
                              help="An indicator bound to the fleet or the purchases is "
                              "measured by the application, always up to date.")
    target = fields.Float(digits=(16, 1))
    manual_value = fields.Float(string="Measured by hand", digits=(16, 1))
    measured = fields.Float(string="Measured", digits=(16, 1), compute="_compute_measured")
    reached = fields.Boolean(compute="_compute_measured")

    @api.depends("source", "manual_value", "target")
    @api.depends_context("ecoclic_today")
    def _compute_measured(self):
        bound = self.filtered(lambda i: i.source != "manual")
        values = bound.company_id.sudo()._ecoclic_indicator_values(ecoclic_today(self)) \
            if bound else {}
        for indicator in self:
            if indicator.source == "manual":
                indicator.measured = indicator.manual_value
            else:
                figure = values.get(indicator.company_id.id, {}).get(indicator.source)
                indicator.measured = figure[0] if figure else 0.0
            # equipment per agent goes down as it improves; the others go up
            if indicator.source == "equipment_per_agent":
                indicator.reached = bool(indicator.target) and indicator.measured <= indicator.target
            else:
                indicator.reached = bool(indicator.target) and indicator.measured >= indicator.target


class EcoclicPlanReview(models.Model):
    """A periodic review of the plan: who was there, what was decided, and the plan as it
    stood when the review was closed (kept as history)."""

    _name = "ecoclic.plan.review"
    _description = "Action plan review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one("res.company", string="Collectivity", required=True,
                                 index=True, default=lambda self: self.env.company)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection([("planned", "Planned"), ("done", "Held")], default="planned",
                             required=True, readonly=True, tracking=True)
    participant_ids = fields.Many2many("res.partner", string="Participants")
    decisions = fields.Html()
    line_count = fields.Integer(string="Actions", readonly=True)
    done_count = fields.Integer(string="Actions completed", readonly=True)
    in_progress_count = fields.Integer(string="In progress", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    completion = fields.Float(string="Completion (%)", digits=(16, 0), readonly=True)
    avoided_done = fields.Float(string="kg CO2e avoided per year (done)", digits=(16, 0),
                                readonly=True)

    @api.depends("date", "company_id")
    def _compute_name(self):
        for review in self:
            review.name = self.env._("Plan review of %(date)s",
                                     date=format_date(self.env, review.date))

    def action_close(self):
        """The review was held: keep the plan's figures of that day."""
        stats = self.company_id._ecoclic_plan_stats()
        for review in self.filtered(lambda r: r.state == "planned"):
            values = stats.get(review.company_id.id, {})
            review.write({
                "state": "done",
                "line_count": values.get("count", 0),
                "done_count": values.get("done", 0),
                "in_progress_count": values.get("in_progress", 0),
                "overdue_count": values.get("overdue", 0),
                "completion": values.get("completion", 0.0),
                "avoided_done": values.get("avoided_done", 0.0),
            })
        self.activity_feedback(["ecoclic_odoo.mail_activity_ecoclic_plan_review"])
        return True

    def write(self, vals):
        frozen = {"date", "state", "line_count", "done_count", "in_progress_count",
                  "overdue_count", "completion", "avoided_done"}
        if frozen & set(vals) and self.filtered(lambda r: r.state == "done"):
            raise UserError(self.env._(
                "A review that was held keeps the figures of its day; record a new one."))
        return super().write(vals)

    @api.model
    def get_views(self, views, options=None):
        """Read-only for OPSN staff, who read their portfolio's plans and change none."""
        return read_only_outside_collectivity(self.env, super().get_views(views, options))


class ResCompany(models.Model):
    _inherit = "res.company"

    ecoclic_review_months = fields.Integer(
        string="Plan review every (months)", default=6,
        help="How often the action plan is reviewed; a to-do reminds the référent.",
    )
    ecoclic_referent_id = fields.Many2one(
        "res.users", string="Référent",
        help="Receives the plan's review reminders; by default the first Éco-clic manager "
        "of the collectivity.",
    )
    ecoclic_last_review_date = fields.Date(string="Last plan review",
                                           compute="_compute_ecoclic_plan")
    ecoclic_next_review_date = fields.Date(string="Next plan review",
                                           compute="_compute_ecoclic_plan")
    ecoclic_plan_count = fields.Integer(string="Actions in the plan",
                                        compute="_compute_ecoclic_plan")
    ecoclic_plan_completion = fields.Float(string="Plan completion (%)", digits=(16, 0),
                                           compute="_compute_ecoclic_plan")
    ecoclic_plan_overdue = fields.Integer(string="Overdue actions",
                                          compute="_compute_ecoclic_plan")
    ecoclic_plan_avoided = fields.Float(
        string="Avoided by done actions (kg CO2e per year)", digits=(16, 0),
        compute="_compute_ecoclic_plan")

    @api.constrains("ecoclic_review_months")
    def _check_ecoclic_review_months(self):
        for company in self:
            if not 0 <= company.ecoclic_review_months <= 36:
                raise ValidationError(self.env._(
                    "Review the plan every 1 to 36 months (0: no reminder)."))

    @api.depends_context("ecoclic_today")
    def _compute_ecoclic_plan(self):
        stats = self._ecoclic_plan_stats()
        for company in self:
            values = stats.get(company.id, {})
            company.ecoclic_plan_count = values.get("count", 0)
            company.ecoclic_plan_completion = values.get("completion", 0.0)
            company.ecoclic_plan_overdue = values.get("overdue", 0)
            company.ecoclic_plan_avoided = values.get("avoided_done", 0.0)
            company.ecoclic_last_review_date = values.get("last_review")
            company.ecoclic_next_review_date = company._ecoclic_next_review(
                values.get("last_review"), values.get("first_line"))

    def _ecoclic_next_review(self, last_review, first_line):
        if not self.ecoclic_review_months or not (last_review or first_line):
            return False
        return (last_review or first_line) + relativedelta(months=self.ecoclic_review_months)

    def _ecoclic_plan_stats(self):
        """{company id: {count, done, in_progress, overdue, completion, avoided_done,
        last_review, first_line}} in two queries whatever the number of companies.

        Completion is the average progress of the lines not abandoned."""
        if not self:
            return {}
        today = ecoclic_today(self)
        self.env["ecoclic.plan.line"].flush_model()
        self.env["ecoclic.plan.review"].flush_model()
        self.env.cr.execute(SQL(
            """
            SELECT company_id,
                   count(*) FILTER (WHERE state != 'abandoned'),
                   count(*) FILTER (WHERE state = 'done'),
                   count(*) FILTER (WHERE state = 'in_progress'),
                   count(*) FILTER (WHERE state IN %(open)s AND date_due < %(today)s),
                   avg(CASE WHEN state = 'done' THEN 100 ELSE progress END)
                       FILTER (WHERE state != 'abandoned'),
                   sum(avoided) FILTER (WHERE state = 'done'),
                   min(create_date)::date
              FROM ecoclic_plan_line
             WHERE company_id = ANY(%(companies)s)
          GROUP BY company_id
            """,
            open=OPEN_STATES, today=today, companies=self.ids,
        ))
        result = {}
        for (company_id, count, done, in_progress, overdue, completion, avoided,
             first_line) in self.env.cr.fetchall():
            result[company_id] = {
                "count": count, "done": done, "in_progress": in_progress, "overdue": overdue,
                "completion": float(completion or 0.0), "avoided_done": float(avoided or 0.0),
                "first_line": first_line,
            }
        self.env.cr.execute(SQL(
            "SELECT company_id, max(date) FROM ecoclic_plan_review"
            " WHERE company_id = ANY(%(companies)s) AND state = 'done' GROUP BY company_id",
            companies=self.ids,
        ))
        for company_id, last_review in self.env.cr.fetchall():
            result.setdefault(company_id, {})["last_review"] = last_review
        return result

    def _ecoclic_referent(self):
        """The user who follows the plan: the one named, else the first Éco-clic manager."""
        self.ensure_one()
        if self.ecoclic_referent_id:
            return self.ecoclic_referent_id
        managers = self.env.ref("ecoclic_odoo.group_ecoclic_manager").users.filtered(
            lambda u: u.company_id == self and not u.share)
        return managers.sorted("id")[:1]

    @api.model
    def _cron_ecoclic_plan_followup(self):
        """Due reviews give the référent a to-do; overdue lines remind their owner. Run
        again, it adds nothing: an open reminder is never doubled."""
        today = ecoclic_today(self)
        review_type = self.env.ref("ecoclic_odoo.mail_activity_ecoclic_plan_review")
        overdue_type = self.env.ref("ecoclic_odoo.mail_activity_ecoclic_overdue")
        companies = self.search([("ecoclic_review_months", ">", 0)])
        due = companies.filtered(
            lambda c: c.ecoclic_next_review_date and c.ecoclic_next_review_date <= today)
        Review = self.env["ecoclic.plan.review"].sudo()
        planned = set(Review.search([("company_id", "in", due.ids),
                                     ("state", "=", "planned")]).company_id.ids)
        reviews = Review.create([
            {"company_id": company.id, "date": company.ecoclic_next_review_date}
            for company in due if company.id not in planned
        ])
        Activity = self.env["mail.activity"]
        created = Activity._ecoclic_schedule_once(
            review_type,
            [(review, review.company_id._ecoclic_referent(), review.date) for review in reviews],
            lambda env: env._("Review the digital sobriety action plan"))
        lines = self.env["ecoclic.plan.line"].sudo().search(
            [("overdue", "=", True), ("user_id", "!=", False)])
        return created | Activity._ecoclic_schedule_once(
            overdue_type, [(line, line.user_id, today) for line in lines],
            lambda env: env._("Overdue: update the action or its due date"))
