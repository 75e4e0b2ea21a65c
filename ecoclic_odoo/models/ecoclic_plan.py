# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The action plan of a collectivity: lines (from recommendations or free,
ecoclic_plan_line.py), their success indicators (ecoclic_plan_indicator.py), the periodic
reviews (ecoclic_plan_review.py), and the scheduled follow-up (res_company.py). This module
holds their shared constants, and the notification of lines added to the plan."""

from .indicators import INDICATORS

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


def plan_notification(message, added):
    """The notification a button that adds lines to the plan returns: `message`, as a
    success when lines were `added`, then the screen reloaded."""
    return {
        "type": "ir.actions.client",
        "tag": "display_notification",
        "params": {
            "message": message,
            "type": "success" if added else "info",
            "sticky": False,
            "next": {"type": "ir.actions.client", "tag": "soft_reload"},
        },
    }
