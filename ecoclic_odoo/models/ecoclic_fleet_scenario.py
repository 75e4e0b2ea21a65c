# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What-if scenarios for a collectivity's fleet: per category, keep items longer, buy
refurbished, have fewer of them, switch them off at night; over 5 years, today's trajectory
against the scenario's on Boavizta's three criteria and in euros (the formulas:
ecoclic_fleet_scenario_line.py). One click turns the levers into lines of the action plan
(ecoclic.plan.line), with their success indicators and targets."""

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError

from .ecoclic_fleet_scenario_line import HORIZON, NO_YEAR, Year
from .ecoclic_plan import plan_notification
from .ecoclic_views import read_only_outside_collectivity


class EcoclicFleetScenario(models.Model):
    _name = "ecoclic.fleet.scenario"
    _description = "What-if scenario for the fleet"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Scenario", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    note = fields.Text(string="Notes")
    line_ids = fields.One2many(
        "ecoclic.fleet.scenario.line", "scenario_id", string="Levers per category", copy=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    today_gwp = fields.Float(string="Today, kg CO2e", digits=(16, 0), compute="_compute_results")
    scenario_gwp = fields.Float(
        string="Scenario, kg CO2e", digits=(16, 0), compute="_compute_results"
    )
    saved_gwp = fields.Float(
        string="Climate change saved (kg CO2e)", digits=(16, 0), compute="_compute_results"
    )
    saved_adpe = fields.Float(
        string="Minerals and metals saved (kg Sb eq.)",
        digits=(16, 4),
        compute="_compute_results",
    )
    saved_pe = fields.Float(
        string="Primary energy saved (MJ)", digits=(16, 0), compute="_compute_results"
    )
    saved_amount = fields.Monetary(
        string="Purchases avoided",
        currency_field="currency_id",
        compute="_compute_results",
        help="Over 5 years: the spend of today's renewals minus the scenario's, at the "
        "categories' purchase prices.",
    )
    chart_data = fields.Json(string="Trajectories", compute="_compute_results")
    plan_line_ids = fields.One2many(
        "ecoclic.plan.line", "scenario_id", string="Lines of the action plan", readonly=True
    )
    plan_line_count = fields.Integer(string="Plan lines", compute="_compute_plan_line_count")

    @api.model
    def default_get(self, fields_list):
        """A new scenario's form shows a line for each category the collectivity has in
        service, without levers yet."""
        values = super().default_get(fields_list)
        if "line_ids" in fields_list and not values.get("line_ids"):
            company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
            values["line_ids"] = [
                Command.create({"category_id": category.id})
                for category in self._ecoclic_fleet_categories(company)[company.id]
            ]
        return values

    @api.model_create_multi
    def create(self, vals_list):
        scenarios = super().create(vals_list)
        bare = scenarios.filtered(lambda scenario: not scenario.line_ids)
        categories = self._ecoclic_fleet_categories(bare.company_id)
        self.env["ecoclic.fleet.scenario.line"].create(
            [
                {"scenario_id": scenario.id, "category_id": category.id}
                for scenario in bare
                for category in categories[scenario.company_id.id]
            ]
        )
        return scenarios

    @api.model
    def _ecoclic_fleet_categories(self, companies):
        """{company id: the categories it has in service}, in category order."""
        categories = self.env["ecoclic.equipment.category"].search([])
        counts = self.env["ecoclic.fleet.scenario.line"]._ecoclic_fleet_counts(
            companies, categories
        )
        return {
            company.id: categories.filtered(lambda c, company=company: (company.id, c.id) in counts)
            for company in companies
        }

    @api.depends(
        "line_ids.category_id",
        "line_ids.extra_years",
        "line_ids.refurbished_share",
        "line_ids.fewer_share",
        "line_ids.hours_saved",
        "company_id",
    )
    @api.depends_context("lang")
    def _compute_results(self):
        results = self.line_ids._ecoclic_results()
        for scenario in self:
            today, scenario_year = NO_YEAR, NO_YEAR
            for line in scenario.line_ids:
                _count, line_today, line_scenario = results.get(line, (0, NO_YEAR, NO_YEAR))
                today = Year(*map(sum, zip(today, line_today, strict=True)))
                scenario_year = Year(*map(sum, zip(scenario_year, line_scenario, strict=True)))
            scenario.today_gwp = HORIZON * today.gwp
            scenario.scenario_gwp = HORIZON * scenario_year.gwp
            scenario.saved_gwp = HORIZON * (today.gwp - scenario_year.gwp)
            scenario.saved_adpe = HORIZON * (today.adpe - scenario_year.adpe)
            scenario.saved_pe = HORIZON * (today.pe - scenario_year.pe)
            scenario.saved_amount = HORIZON * (today.amount - scenario_year.amount)
            scenario.chart_data = scenario._ecoclic_chart_data(today, scenario_year)

    def _ecoclic_chart_data(self, today, scenario_year):
        """The cumulated trajectories year by year, for the chart and the table: one series
        per criterion, today's and the scenario's."""
        titles = {
            "gwp": self.env._("Climate change (kg CO2e)"),
            "adpe": self.env._("Minerals and metals (kg Sb eq.)"),
            "pe": self.env._("Primary energy (MJ)"),
            "amount": self.env._("Purchases (€ excl. VAT)"),
        }
        digits = {"gwp": 0, "adpe": 4, "pe": 0, "amount": 0}
        years = range(1, HORIZON + 1)
        return {
            "labels": [self.env._("Year %(year)s", year=year) for year in years],
            "series": [
                {
                    "key": key,
                    "title": title,
                    "digits": digits[key],
                    "today": [round(year * getattr(today, key), digits[key]) for year in years],
                    "scenario": [
                        round(year * getattr(scenario_year, key), digits[key]) for year in years
                    ],
                }
                for key, title in titles.items()
            ],
            "strings": {
                "today": self.env._("Today's trajectory"),
                "scenario": self.env._("Scenario"),
                "year": self.env._("Cumulated"),
            },
        }

    def _compute_plan_line_count(self):
        groups = self.env["ecoclic.plan.line"]._read_group(
            [("scenario_id", "in", self.ids)], ["scenario_id"], ["__count"]
        )
        counts = {scenario.id: count for scenario, count in groups}
        for scenario in self:
            scenario.plan_line_count = counts.get(scenario.id, 0)

    @api.model
    def get_views(self, views, options=None):
        """Read-only for OPSN staff, who read their portfolio's scenarios and change none."""
        return read_only_outside_collectivity(self.env, super().get_views(views, options))

    # --- Into the action plan ----------------------------------------------------------

    def action_ecoclic_create_plan_lines(self):
        """The référent's button: the scenario's levers become lines of the plan (those not
        there yet); says what was done."""
        lines = self._ecoclic_create_plan_lines()
        if lines:
            message = self.env._(
                "%(count)s plan lines made from the scenario: give each one an owner and a "
                "due date.",
                count=len(lines),
            )
        else:
            message = self.env._("The levers of this scenario are already in the plan.")
        return plan_notification(message, added=bool(lines))

    def _ecoclic_create_plan_lines(self):
        """One plan line per lever set on a category, with its indicator and target: the
        catalogue action of that lever and category where there is one (its open plan line
        is taken over rather than doubled), else a line of its own. Levers already turned
        into a line by this scenario are left as they are. Returns the lines made or taken
        over."""
        self.ensure_one()
        self.check_access("write")
        if not self.env.user.has_group("ecoclic_odoo.group_ecoclic_manager"):
            raise AccessError(self.env._("Only your collectivity's référent decides this."))
        PlanLine = self.env["ecoclic.plan.line"]
        PlanLine.check_access("create")
        done = set(self.plan_line_ids.mapped("scenario_lever"))
        actions = self._ecoclic_lever_actions()
        open_lines = PlanLine.search(
            [
                ("company_id", "=", self.company_id.id),
                ("action_id", "in", [action.id for action in actions.values()]),
                ("state", "!=", "abandoned"),
                ("scenario_lever", "=", False),
            ]
        )
        by_action = {line.action_id: line for line in open_lines}
        to_create, taken = [], PlanLine
        for line in self.line_ids:
            for kind, _name in line._ecoclic_levers_set():
                key = f"{kind}:{line.category_id.code}"
                if key in done:
                    continue
                action = actions.get(key)
                existing = by_action.pop(action, PlanLine) if action else PlanLine
                vals = line._prepare_plan_line_vals(kind, action, existing)
                if existing:
                    existing.write(vals)
                    taken |= existing
                else:
                    to_create.append(vals)
        return taken | PlanLine.create(to_create)

    def _ecoclic_lever_actions(self):
        """{"<kind>:<category code>": catalogue action} for the actions whose footprint
        estimate is one of the levers, the collectivity's own before the shared ones."""
        actions = self.env["ecoclic.action"].search(
            [
                ("estimate", "!=", False),
                ("company_id", "in", [False, self.company_id.id]),
            ],
            order="company_id, code, id",
        )
        result = {}
        for action in actions:
            kind, code = action.estimate.split(":")[:2]
            result.setdefault(f"{kind}:{code}", action)
        return result

    def action_ecoclic_open_plan_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecoclic_odoo.action_ecoclic_plan_line"
        )
        action["domain"] = [("scenario_id", "=", self.id)]
        action["context"] = {}
        return action
