# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ecoclic_plan import OPEN_STATES, PLAN_STATES
from .ecoclic_views import read_only_outside_collectivity
from .maintenance_equipment import ecoclic_today
from .wording import elided


class EcoclicPlanLine(models.Model):
    _name = "ecoclic.plan.line"
    _description = "Action plan line"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, priority_rank, id"
    _check_company_auto = True

    name = fields.Char(string="Action", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    action_id = fields.Many2one(
        "ecoclic.action",
        string="Catalogue action",
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    recommendation_id = fields.Many2one(
        "ecoclic.recommendation", check_company=True, ondelete="set null"
    )
    axis_id = fields.Many2one("ecoclic.axis")
    priority = fields.Selection(related="action_id.priority", store=True)
    priority_rank = fields.Integer(related="action_id.priority_rank", store=True)
    description = fields.Text(string="Our notes")
    # How to carry the action out, from the catalogue.
    action_description = fields.Text(related="action_id.description", string="How to do it")
    action_indicators = fields.Text(
        related="action_id.indicators", string="Suggested success indicators"
    )
    action_resources = fields.Text(related="action_id.resources", string="Resources")
    user_id = fields.Many2one(
        "res.users", string="Owner", tracking=True, domain="[('company_ids', 'in', company_id)]"
    )
    department = fields.Char(string="Service in charge", help="The department that carries it.")
    date_start = fields.Date(string="Start", tracking=True)
    date_due = fields.Date(string="Due", tracking=True)
    date_done = fields.Date(string="Completed on", tracking=True)
    state = fields.Selection(
        PLAN_STATES,
        string="Status",
        default="to_define",
        required=True,
        tracking=True,
        group_expand="_expand_states",
    )
    abandon_reason = fields.Char(string="Why abandoned", tracking=True)
    progress = fields.Integer(string="Progress (%)", default=0, tracking=True)
    budget = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    indicator_ids = fields.One2many(
        "ecoclic.plan.indicator", "line_id", string="Success indicators"
    )
    avoided = fields.Float(
        string="kg CO2e avoided per year",
        digits=(16, 0),
        compute="_compute_avoided",
        store=True,
        help="Estimated from the catalogue action and the fleet when the "
        "line was created or its action changed.",
    )
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")
    color = fields.Integer()
    scenario_id = fields.Many2one(
        "ecoclic.fleet.scenario",
        string="What-if scenario",
        index="btree_not_null",
        check_company=True,
        ondelete="set null",
        copy=False,
        help="The fleet scenario this line was made from.",
    )
    # The scenario's lever this line carries ("<kind>:<category code>"): a second click on
    # "Create the plan lines" leaves it alone.
    scenario_lever = fields.Char(string="Lever of the scenario", copy=False, readonly=True)

    def _ecoclic_creation_message(self):
        return self.env._("Action plan line created")

    @api.model
    def _expand_states(self, states, domain):
        return [key for key, _label in PLAN_STATES]

    @api.model
    def _web_read_group(self, domain, fields, groupby, *args, **kwargs):
        """Grouped by status (the plan's board), the closed statuses (completed,
        abandoned) come folded, as a many2one's folded stages do: the six columns no
        longer need scrolling sideways at 1440 px, and a click unfolds them."""
        groups = super()._web_read_group(domain, fields, groupby, *args, **kwargs)
        first = groupby[0] if isinstance(groupby, list | tuple) and groupby else groupby
        if first == "state":
            for group in groups:
                group["__fold"] = group.get("state") not in OPEN_STATES
        return groups

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
            line.overdue = bool(
                line.date_due and line.date_due < today and line.state in OPEN_STATES
            )

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
                line.user_id, self.env._("the owner of an action")
            )

    @api.constrains("date_start", "date_due", "progress", "state", "date_done", "abandon_reason")
    def _check_line(self):
        _ = self.env._
        for line in self:
            if line.date_start and line.date_due and line.date_due < line.date_start:
                raise ValidationError(
                    self.env._("%(action)s cannot be due before it starts.", action=line.name)
                )
            if not 0 <= line.progress <= 100:
                raise ValidationError(
                    elided(
                        self.env._("The progress of %(action)s goes from 0 to 100 %%."),
                        action=line.name,
                    )
                )
            if line.state == "done" and not line.date_done:
                raise ValidationError(
                    self.env._(
                        "%(action)s is done: give the date it was completed.", action=line.name
                    )
                )
            if line.state == "abandoned" and not (line.abandon_reason or "").strip():
                raise ValidationError(
                    self.env._("Say why %(action)s is abandoned.", action=line.name)
                )

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
            "type": "ir.actions.act_window",
            "res_model": "ecoclic.plan.abandon",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Abandon the action"),
            "context": {"default_line_ids": [fields.Command.set(self.ids)]},
        }

    @api.model
    def get_views(self, views, options=None):
        """Read-only for OPSN staff, who read their portfolio's plans and change none."""
        return read_only_outside_collectivity(self.env, super().get_views(views, options))
