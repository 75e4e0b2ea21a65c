# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Questions answered from the collectivity's own data.

A question of the maturity questionnaire may be bound to an indicator computed from the
fleet and the purchases; each of its answers gives the lowest figure it stands for
(``ecoclic_indicator_from``). When an assessment starts, such questions are pre-answered
with the answer whose lower bound is the highest one under the figure, and the figure and
its period are kept beside it. The référent may choose another answer, saying why in the
question's comment.

This module holds the indicators' constants only; the fields and methods are on
survey.question (survey_question.py), survey.question.answer, ecoclic.assessment.prefill
(ecoclic_assessment_prefill.py), ecoclic.assessment (ecoclic_assessment.py) and
res.company (res_company.py: the figures).
"""

INDICATORS = [
    (
        "purchase_refurbished_share",
        "IT & telephony purchases refurbished or reused, last 12 months (%)",
    ),
    (
        "fleet_inventory_coverage",
        "Equipment inventoried with its category and acquisition date (%)",
    ),
    ("equipment_per_agent", "IT devices in service per agent"),
    ("fleet_average_age_ratio", "Average age of the fleet against reference lifespans (%)"),
    (
        "reformed_reuse_share",
        "Equipment under 10 years parted with that went to reuse, last 12 months (%)",
    ),
    ("staff_trained_share", "Agents who passed an awareness quiz campaign (%)"),
]
# Indicators measured over the 12 months up to the start of the assessment; the others are
# the state of the fleet on that day.
PERIOD_INDICATORS = ("purchase_refurbished_share", "reformed_reuse_share")
PERCENT_INDICATORS = (
    "purchase_refurbished_share",
    "fleet_inventory_coverage",
    "fleet_average_age_ratio",
    "reformed_reuse_share",
    "staff_trained_share",
)
# Fleet figures shown beside the indicators (the REEN summary, the exports), with the
# decimals they are written with: the footprints on Boavizta's three criteria, per year, and
# the equipment counted in them or left out (no category or no date), as GLPI's Carbon plugin
# shows its "handled / unhandled" assets.
FLEET_FIGURES = {
    "fleet_footprint_gwp": 0,
    "fleet_footprint_adpe": 4,
    "fleet_footprint_pe": 0,
    "fleet_handled": 0,
    "fleet_undated": 0,
    "fleet_unhandled": 0,
}
