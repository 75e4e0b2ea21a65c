# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Constants of the OPSN dashboard (report/ecoclic_opsn_dashboard.py), shared with the
exports and the benchmarks."""

# An assessment older than this is due again.
ASSESSMENT_MONTHS = 12
