# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .ecoclic_opsn_onboarding import LINE_STATUSES


class EcoclicOpsnOnboardingLine(models.TransientModel):
    _name = "ecoclic.opsn.onboarding.line"
    _description = "Line of an onboarding"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "ecoclic.opsn.onboarding", string="Onboarding", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(string="Line")
    code = fields.Char(string="SIREN or INSEE code")
    name = fields.Char(string="Collectivity")
    email = fields.Char(string="Référent's e-mail")
    referent_name = fields.Char(string="Référent")
    status = fields.Selection(LINE_STATUSES, required=True)
    message = fields.Char(string="Note")
    company_id = fields.Many2one("res.company", string="Collectivity in the instance")
