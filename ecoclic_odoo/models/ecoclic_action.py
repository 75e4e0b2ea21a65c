# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The catalogue of actions, and the recommendations a submitted assessment draws from it.

An action is triggered by answers, named by question code and answer position so that it
keeps working across questionnaire versions. Recommendations are ranked by
impact × (gap to target on the axis + 1) ÷ effort; ties are broken by priority level, then
by the footprint avoided, then by code. The avoided footprint is estimated from the
collectivity's fleet and the category figures where the action says how (``estimate``).
"""

import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .wording import elided

PRIORITIES = [
    ("necessaire", "Necessary"),
    ("prioritaire", "Priority"),
    ("recommande", "Recommended"),
]
PRIORITY_RANK = {"necessaire": 0, "prioritaire": 1, "recommande": 2}
COSTS = [("none", "None"), ("low", "Low"), ("medium", "Medium"), ("high", "High")]
ESTIMATE_KINDS = ("extend_lifespan", "refurbished_share", "fewer_devices", "use_reduction")
ESTIMATE_RE = re.compile(rf"^({'|'.join(ESTIMATE_KINDS)}):([a-z_]+):(\d+(?:\.\d+)?)$")
TRIGGER_RE = re.compile(r"^[A-Za-z0-9_.-]+:\d+(\|\d+)*$")


def parse_triggers(value):
    """'PAR-06:1|2;PAR-07:1' -> {('PAR-06', 1), ('PAR-06', 2), ('PAR-07', 1)}."""
    pairs = set()
    for part in filter(None, (value or "").replace(" ", "").split(";")):
        code, positions = part.split(":")
        pairs.update((code, int(position)) for position in positions.split("|"))
    return pairs


def avoided_per_year(estimate, count, manufacturing, lifespan, use_per_year):
    """kg CO2e avoided in a year by an action's estimate for `count` devices of a category
    (see data/actions/README.md); 0 when it cannot be estimated."""
    match = ESTIMATE_RE.match(estimate or "")
    if not match or not count:
        return 0.0
    kind, share = match.group(1), float(match.group(3))
    if kind == "extend_lifespan":
        if not lifespan:
            return 0.0
        return count * manufacturing * (1 / lifespan - 1 / (lifespan + share))
    if kind == "refurbished_share":
        return count / lifespan * share / 100 * manufacturing if lifespan else 0.0
    if kind == "fewer_devices":
        return (
            count * share / 100 * ((manufacturing / lifespan if lifespan else 0.0) + use_per_year)
        )
    return count * share / 100 * use_per_year  # use_reduction


class EcoclicAction(models.Model):
    _name = "ecoclic.action"
    _description = "Sobriety action"
    _order = "axis_sequence, priority_rank, code, id"
    _check_company_auto = True

    code = fields.Char(required=True, index=True)
    name = fields.Char(string="Action", required=True, translate=True)
    description = fields.Text(translate=True)
    axis_id = fields.Many2one("ecoclic.axis", required=True, ondelete="restrict")
    axis_sequence = fields.Integer(related="axis_id.sequence", store=True)
    priority = fields.Selection(PRIORITIES, string="Level", required=True, default="recommande")
    priority_rank = fields.Integer(compute="_compute_priority_rank", store=True)
    impact = fields.Integer(
        string="Environmental impact", default=3, help="From 1 (small) to 5 (large)."
    )
    effort = fields.Integer(default=2, help="From 1 (a few days) to 3 (a project of months).")
    cost = fields.Selection(COSTS, string="Indicative cost", default="low")
    estimate = fields.Char(
        string="Footprint estimate",
        help="How the kg CO2e avoided per year are estimated from the fleet, e.g. "
        "extend_lifespan:laptop:2 (see data/actions/README.md). Empty: not quantified.",
    )
    triggers = fields.Char(
        help="The answers that call for this action: question code and answer positions, "
        "e.g. PAR-06:1|2;PAR-07:1.",
    )
    indicators = fields.Text(string="Success indicators", translate=True)
    resources = fields.Text(help="Links to public guides, one per line.")
    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        index=True,
        help="Empty: the shared catalogue. Set: an action of this collectivity's own.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Each action has its own code."),
    ]

    @api.depends("priority")
    def _compute_priority_rank(self):
        for action in self:
            action.priority_rank = PRIORITY_RANK.get(action.priority, 3)

    @api.constrains("impact", "effort", "estimate", "triggers")
    def _check_action(self):
        _ = self.env._
        for action in self:
            if not 1 <= action.impact <= 5:
                raise ValidationError(
                    elided(
                        self.env._("The impact of %(action)s goes from 1 to 5."), action=action.name
                    )
                )
            if not 1 <= action.effort <= 3:
                raise ValidationError(
                    elided(
                        self.env._("The effort of %(action)s goes from 1 to 3."), action=action.name
                    )
                )
            if action.estimate and not ESTIMATE_RE.match(action.estimate):
                raise ValidationError(
                    elided(
                        self.env._(
                            "The footprint estimate of %(action)s is not understood: %(estimate)s "
                            "(expected e.g. extend_lifespan:laptop:2)."
                        ),
                        action=action.name,
                        estimate=action.estimate,
                    )
                )
            for part in filter(None, (action.triggers or "").replace(" ", "").split(";")):
                if not TRIGGER_RE.match(part):
                    raise ValidationError(
                        elided(
                            self.env._(
                                "The trigger %(trigger)s of %(action)s is not understood (expected "
                                "e.g. PAR-06:1|2)."
                            ),
                            trigger=part,
                            action=action.name,
                        )
                    )

    def _ecoclic_avoided(self, companies):
        """{(company id, action id): kg CO2e avoided per year} for these actions' estimates,
        from each company's fleet in service: one query for the counts."""
        estimated = self.filtered("estimate")
        if not estimated or not companies:
            return {}
        Category = self.env["ecoclic.equipment.category"]
        codes = {
            ESTIMATE_RE.match(a.estimate).group(2)
            for a in estimated
            if ESTIMATE_RE.match(a.estimate)
        }
        categories = Category.search([("code", "in", list(codes))])
        figures = categories._ecoclic_figures(companies)
        self.env["maintenance.equipment"].flush_model()
        self.env.cr.execute(
            SQL(
                """
            SELECT company_id, ecoclic_category_id, count(*)
              FROM maintenance_equipment
             WHERE company_id = ANY(%(companies)s) AND active
               AND ecoclic_category_id = ANY(%(categories)s)
               AND ecoclic_lifecycle IN ('in_use', 'in_stock', 'in_repair', 'to_reform')
          GROUP BY company_id, ecoclic_category_id
            """,
                companies=companies.ids,
                categories=categories.ids,
            )
        )
        counts = {
            (company_id, category_id): count
            for company_id, category_id, count in self.env.cr.fetchall()
        }
        by_code = {category.code: category for category in categories}
        result = {}
        for company in companies:
            for action in estimated:
                match = ESTIMATE_RE.match(action.estimate)
                category = by_code.get(match.group(2)) if match else None
                if not category:
                    continue
                figure = figures[company.id, category.id]
                result[company.id, action.id] = avoided_per_year(
                    action.estimate,
                    counts.get((company.id, category.id), 0),
                    figure.manufacturing,
                    figure.lifespan,
                    figure.use_per_year,
                )
        return result
