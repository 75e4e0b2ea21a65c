# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcoclicOpsnMembership(models.Model):
    """Which OPSN supervised a collectivity, from when to when (kept when it changes)."""

    _name = "ecoclic.opsn.membership"
    _description = "Supervision of a collectivity by an OPSN"
    _order = "company_id, date_start desc, id desc"

    company_id = fields.Many2one(
        "res.company", string="Collectivity", required=True, index=True, ondelete="cascade"
    )
    opsn_id = fields.Many2one(
        "res.company", string="OPSN", required=True, index=True, ondelete="cascade"
    )
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="Until")
    user_id = fields.Many2one("res.users", string="Changed by", default=lambda self: self.env.user)
    note = fields.Char(
        string="Decision", help="Who asked for this change of supervision, who accepted it."
    )
