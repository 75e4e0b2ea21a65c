# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .res_company import (
    PEER_PROFILE_FIELDS,
)


class EcoclicProfileChange(models.Model):
    """A change of a collectivity's profile field that decides its peer groups: who, when,
    from what to what. Written by `res.company.write`, never by hand."""

    _name = "ecoclic.profile.change"
    _description = "Collectivity profile change"
    _order = "date desc, id desc"

    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    date = fields.Datetime(
        string="Changed on", required=True, readonly=True, default=fields.Datetime.now
    )
    user_id = fields.Many2one("res.users", string="Changed by", readonly=True, ondelete="set null")
    field_name = fields.Selection(
        [(name, label) for name, label in PEER_PROFILE_FIELDS],
        string="Field",
        required=True,
        readonly=True,
    )
    old_value = fields.Char(string="Before", readonly=True)
    new_value = fields.Char(string="After", readonly=True)
