# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    ecoclic_company_id = fields.Many2one(
        related="user_input_id.ecoclic_company_id",
        store=True,
        index="btree_not_null",
    )
