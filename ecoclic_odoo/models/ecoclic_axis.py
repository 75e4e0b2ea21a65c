# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcoclicAxis(models.Model):
    """An axis of the maturity questionnaire (gouvernance, achats, parc...).

    Axes are shared reference data: every questionnaire version scores the same axes, so
    scores stay comparable across versions and collectivities.
    """

    _name = "ecoclic.axis"
    _description = "Maturity axis"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    reen_theme_ids = fields.Many2many("ecoclic.reen.theme", string="REEN themes")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each axis has its own code.")]
