# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    ecoclic_opsn_user_id = fields.Many2one(
        "res.users",
        string="Entered by the OPSN",
        readonly=True,
        help="The OPSN user who entered this answer with the collectivity, under the "
        "référent's grant.",
    )
