# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

COLLECTIVITY_TYPES = [
    ("commune", "Municipality"),
    ("cc", "Community of municipalities"),
    ("ca", "Agglomeration community"),
    ("metropole", "Metropolis"),
    ("departement", "Department"),
    ("region", "Region"),
    ("syndicat", "Syndicate or other EPCI"),
]

# Population bands used by Éco-clic to compare collectivities (see FACTS.md).
# Each band is (key, lower bound included); the upper bound is the next band's lower bound.
POPULATION_BANDS = [
    ("0_499", 0),
    ("500_999", 500),
    ("1000_3499", 1000),
    ("3500_4999", 3500),
    ("5000_9999", 5000),
    ("10000_19999", 10000),
    ("20000_49999", 20000),
    ("50000_99999", 50000),
    ("100000_plus", 100000),
]
POPULATION_BAND_LABELS = [
    ("0_499", "0–499 inhabitants"),
    ("500_999", "500–999 inhabitants"),
    ("1000_3499", "1,000–3,499 inhabitants"),
    ("3500_4999", "3,500–4,999 inhabitants"),
    ("5000_9999", "5,000–9,999 inhabitants"),
    ("10000_19999", "10,000–19,999 inhabitants"),
    ("20000_49999", "20,000–49,999 inhabitants"),
    ("50000_99999", "50,000–99,999 inhabitants"),
    ("100000_plus", "100,000 inhabitants and more"),
]


def population_band(population):
    """Return the band key of a population (None for no population)."""
    if population is None or population is False or population < 0:
        return False
    band = POPULATION_BANDS[0][0]
    for key, lower in POPULATION_BANDS:
        if population >= lower:
            band = key
    return band


class ResCompany(models.Model):
    _inherit = "res.company"

    ecoclic_collectivity_type = fields.Selection(
        COLLECTIVITY_TYPES,
        string="Collectivity type",
        help="Kind of local authority; collectivities are compared with others of the same "
        "type and population band.",
    )
    ecoclic_is_collectivity = fields.Boolean(
        string="Is a collectivity",
        compute="_compute_ecoclic_is_collectivity",
        store=True,
    )
    ecoclic_population = fields.Integer(
        string="Population",
        help="Number of inhabitants (municipal population of the latest census).",
    )
    ecoclic_population_band = fields.Selection(
        POPULATION_BAND_LABELS,
        string="Population band",
        compute="_compute_ecoclic_population_band",
        store=True,
    )
    ecoclic_agent_count = fields.Integer(
        string="Number of agents",
        help="Staff of the collectivity; used to express indicators per agent.",
    )

    @api.depends("ecoclic_collectivity_type")
    def _compute_ecoclic_is_collectivity(self):
        for company in self:
            company.ecoclic_is_collectivity = bool(company.ecoclic_collectivity_type)

    @api.depends("ecoclic_population", "ecoclic_collectivity_type")
    def _compute_ecoclic_population_band(self):
        for company in self:
            company.ecoclic_population_band = (
                company.ecoclic_collectivity_type
                and population_band(company.ecoclic_population)
            )

    @api.constrains("ecoclic_population", "ecoclic_agent_count")
    def _check_ecoclic_counts(self):
        for company in self:
            if company.ecoclic_population < 0:
                raise ValidationError(
                    _(
                        "The population of %(company)s cannot be negative.",
                        company=company.name,
                    )
                )
            if company.ecoclic_agent_count < 0:
                raise ValidationError(
                    _(
                        "The number of agents of %(company)s cannot be negative.",
                        company=company.name,
                    )
                )
