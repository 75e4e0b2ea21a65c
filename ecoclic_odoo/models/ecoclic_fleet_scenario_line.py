# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One equipment category of a what-if scenario: its levers and what they change.

Per category, in a year, with `n` items in service, reference lifespan `L`, manufacturing
`E` and one year of use `U` per item (each criterion: kg CO2e, kg Sb eq., MJ; the company's
figures, ``_ecoclic_figures``), hours of use `H` a year, prices `P` new and `Pr`
refurbished, and the levers: `N` more years, `r` % bought refurbished, `f` % fewer items,
`h` hours of use saved a year:

- today's trajectory: purchases `b = n / L` a year (each item replaced at the end of its
  lifespan), impact `b × E + n × U`, spend `b × P`;
- the scenario: `n' = n × (1 − f)`, purchases `b' = n' / (L + N)`, impact
  `b' × (1 − r) × E + n' × U × (1 − min(h, H) / H)`, spend `b' × ((1 − r) × P + r × Pr)`.

A refurbished item counts no manufacturing (as the catalogue actions' estimates do, see
``avoided_per_year``). The fleet is taken as in a steady state: each year is the same, and
the scenario's 5 years are 5 times a year.
"""

from collections import namedtuple

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from .ecoclic_equipment_category import EMPTY_FIGURES
from .wording import elided

HORIZON = 5
# Equipment counted in a scenario: in the collectivity's service.
IN_SERVICE = ("in_use", "in_stock", "in_repair", "to_reform")
# One year of a trajectory: kg CO2e, kg Sb eq., MJ and euros.
Year = namedtuple("Year", "gwp adpe pe amount")
NO_YEAR = Year(0.0, 0.0, 0.0, 0.0)
Levers = namedtuple("Levers", "extra_years refurbished fewer hours_saved")
# The four levers: (estimate kind of the catalogue actions, field of the scenario line).
LEVERS = (
    ("extend_lifespan", "extra_years"),
    ("refurbished_share", "refurbished_share"),
    ("fewer_devices", "fewer_share"),
    ("use_reduction", "hours_saved"),
)


def number(env, value):
    """A lever's figure as the user writes it: 2, 1,5 (French), 30."""
    if value == int(value):
        return str(int(value))
    return formatLang(env, value, digits=1)


def yearly_trajectories(count, figure, hours, prices, levers):
    """(today, scenario): one `Year` each for `count` items of a category with `figure`
    (Figures), `hours` of use a year, `prices` (new, refurbished) and `levers` (Levers,
    shares in %). See the module's docstring for the formulas."""
    lifespan = figure.lifespan
    kept = count * (1 - levers.fewer / 100)
    bought = count / lifespan if lifespan > 0 else 0.0
    bought_after = kept / (lifespan + levers.extra_years) if lifespan > 0 else 0.0
    new_share = 1 - levers.refurbished / 100
    on = 1 - min(levers.hours_saved, hours) / hours if hours > 0 else 1.0
    criteria = (
        (figure.manufacturing, figure.use_per_year),
        (figure.embodied_adpe, figure.use_adpe_per_year),
        (figure.embodied_pe, figure.use_pe_per_year),
    )
    price, refurbished_price = prices
    today = Year(
        *(bought * embodied + count * use for embodied, use in criteria),
        bought * price,
    )
    scenario = Year(
        *(bought_after * new_share * embodied + kept * on * use for embodied, use in criteria),
        bought_after * (new_share * price + (1 - new_share) * refurbished_price),
    )
    return today, scenario


class EcoclicFleetScenarioLine(models.Model):
    _name = "ecoclic.fleet.scenario.line"
    _description = "Category of a what-if scenario"
    _order = "scenario_id, sequence, id"
    _check_company_auto = True

    scenario_id = fields.Many2one(
        "ecoclic.fleet.scenario", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="scenario_id.company_id", store=True, index=True)
    category_id = fields.Many2one("ecoclic.equipment.category", required=True, ondelete="restrict")
    sequence = fields.Integer(related="category_id.sequence", store=True)
    extra_years = fields.Float(
        string="Years kept longer",
        digits=(16, 1),
        help="Years of use added to the reference lifespan before an item is renewed.",
    )
    refurbished_share = fields.Float(
        string="Bought refurbished (%)",
        digits=(16, 0),
        help="Share of the renewals bought refurbished rather than new.",
    )
    fewer_share = fields.Float(
        string="Fewer items (%)",
        digits=(16, 0),
        help="Share of the items given up (fewer devices per agent: shared, pooled).",
    )
    hours_saved = fields.Float(
        string="Hours of use saved a year",
        digits=(16, 0),
        help="Hours a year each item is no longer on (switched off at night and at weekends); "
        "at most the category's hours of use.",
    )
    count = fields.Integer(string="Items in service", compute="_compute_results")
    saved_gwp = fields.Float(
        string="kg CO2e saved over 5 years", digits=(16, 0), compute="_compute_results"
    )
    saved_amount = fields.Float(
        string="Purchases avoided over 5 years (€)", digits=(16, 0), compute="_compute_results"
    )

    _sql_constraints = [
        (
            "category_uniq",
            "unique(scenario_id, category_id)",
            "A scenario has one line per category.",
        ),
    ]

    @api.constrains("extra_years", "refurbished_share", "fewer_share", "hours_saved")
    def _check_levers(self):
        for line in self:
            shares = (line.refurbished_share, line.fewer_share)
            if min(line.extra_years, line.hours_saved, *shares) < 0 or max(shares) > 100:
                raise ValidationError(
                    elided(
                        self.env._(
                            "The levers of %(category)s cannot be negative, and its shares go "
                            "up to 100 %%."
                        ),
                        category=line.category_id.name,
                    )
                )

    def _levers(self):
        self.ensure_one()
        return Levers(self.extra_years, self.refurbished_share, self.fewer_share, self.hours_saved)

    @api.depends(
        "company_id",
        "category_id",
        "extra_years",
        "refurbished_share",
        "fewer_share",
        "hours_saved",
    )
    def _compute_results(self):
        results = self._ecoclic_results()
        for line in self:
            count, today, scenario = results.get(line, (0, NO_YEAR, NO_YEAR))
            line.count = count
            line.saved_gwp = HORIZON * (today.gwp - scenario.gwp)
            line.saved_amount = HORIZON * (today.amount - scenario.amount)

    def _ecoclic_results(self):
        """{line: (items in service, today's Year, the scenario's Year)}, from one grouped
        read of the equipment of every company of these lines and their figures."""
        lines = self.filtered("category_id")
        counts = self._ecoclic_fleet_counts(lines.company_id, lines.category_id)
        figures = lines.category_id._ecoclic_figures(lines.company_id)
        results = {}
        for line in lines:
            category = line.category_id
            count = counts.get((line.company_id.id, category.id), 0)
            figure = figures.get((line.company_id.id, category.id), EMPTY_FIGURES)
            prices = (category.unit_price, category.refurbished_price)
            years = yearly_trajectories(
                count, figure, category.use_hours_year, prices, line._levers()
            )
            results[line] = (count, *years)
        return results

    @api.model
    def _ecoclic_fleet_counts(self, companies, categories):
        """{(company id, category id): items in service}, in one grouped read. The fleet is
        counted as superuser: a scenario is read by whoever may read it (its record rules),
        OPSN staff too, who do not read the equipment itself."""
        if not companies or not categories:
            return {}
        groups = (
            self.env["maintenance.equipment"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "in", companies.ids),
                    ("ecoclic_category_id", "in", categories.ids),
                    ("ecoclic_lifecycle", "in", IN_SERVICE),
                ],
                ["company_id", "ecoclic_category_id"],
                ["__count"],
            )
        )
        return {(company.id, category.id): count for company, category, count in groups}

    # --- Into the action plan (ecoclic.fleet.scenario.action_ecoclic_create_plan_lines) --

    def _ecoclic_levers_set(self):
        """[(estimate kind, field)] of the levers this line sets."""
        self.ensure_one()
        return [(kind, name) for kind, name in LEVERS if self[name] > 0]

    def _ecoclic_lever_text(self, kind):
        """The lever in words, e.g. "Laptop: keep 2 more years"."""
        category = self.category_id.name
        if kind == "extend_lifespan":
            return self.env._(
                "%(category)s: keep %(years)s more years",
                category=category,
                years=number(self.env, self.extra_years),
            )
        if kind == "refurbished_share":
            return self.env._(
                "%(category)s: buy %(share)s %% refurbished",
                category=category,
                share=number(self.env, self.refurbished_share),
            )
        if kind == "fewer_devices":
            return self.env._(
                "%(category)s: %(share)s %% fewer items",
                category=category,
                share=number(self.env, self.fewer_share),
            )
        return self.env._(
            "%(category)s: switch off at night, %(hours)s hours of use saved a year",
            category=category,
            hours=number(self.env, self.hours_saved),
        )

    def _ecoclic_lever_indicator(self, kind):
        """(name, source, target) of the success indicator of a lever."""
        category = self.category_id
        if kind == "extend_lifespan":
            name = self.env._("%(category)s: years of use before renewal", category=category.name)
            return name, "manual", category.lifespan + self.extra_years
        if kind == "refurbished_share":
            Indicator = self.env["ecoclic.plan.indicator"]
            labels = dict(Indicator._fields["source"]._description_selection(self.env))
            source = "purchase_refurbished_share"
            return labels[source], source, self.refurbished_share
        if kind == "fewer_devices":
            name = self.env._("%(category)s in service", category=category.name)
            return name, "manual", round(self.count * (1 - self.fewer_share / 100))
        name = self.env._("%(category)s: hours of use a year", category=category.name)
        return name, "manual", max(category.use_hours_year - self.hours_saved, 0.0)

    def _prepare_plan_line_vals(self, kind, action, existing):
        """Values of the plan line a lever of this line becomes (a hook for integrators):
        those of the catalogue `action`'s line where there is one
        (`_prepare_guide_plan_line_vals`), else a line named after the lever; on a plan
        line `existing` of that action, only the link to the scenario and the indicator."""
        self.ensure_one()
        scenario = self.scenario_id
        lever = self._ecoclic_lever_text(kind)
        name, source, target = self._ecoclic_lever_indicator(kind)
        vals = {
            "scenario_id": scenario.id,
            "scenario_lever": f"{kind}:{self.category_id.code}",
            "indicator_ids": [Command.create({"name": name, "source": source, "target": target})],
        }
        note = self.env._(
            "%(lever)s (what-if scenario “%(scenario)s”).", lever=lever, scenario=scenario.name
        )
        if existing:
            vals["description"] = "\n\n".join(filter(None, [existing.description, note]))
            return vals
        if action:
            vals = {**action._prepare_guide_plan_line_vals(scenario.company_id), **vals}
        else:
            axis = "axis_achats" if kind == "refurbished_share" else "axis_parc"
            vals.update(
                company_id=scenario.company_id.id,
                name=lever,
                axis_id=self.env.ref(f"ecoclic_odoo.{axis}").id,
                state="to_plan",
            )
        vals["description"] = "\n\n".join(filter(None, [vals.get("description"), note]))
        return vals
