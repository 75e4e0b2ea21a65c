# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.maintenance_equipment import LIFECYCLE_STATES

VALUE_KINDS = [("type", "Type"), ("status", "Status")]


class EcoclicFleetImportValue(models.TransientModel):
    """A question of the import: a type or a status of the file that is not a standard
    GLPI or OCS value, with how many lines carry it and what the user says it means."""

    _name = "ecoclic.fleet.import.value"
    _description = "Unrecognised value of an inventory export"
    _order = "kind desc, count desc, value"

    wizard_id = fields.Many2one("ecoclic.fleet.import", required=True, ondelete="cascade")
    kind = fields.Selection(VALUE_KINDS, string="Column", required=True, readonly=True)
    key = fields.Char(readonly=True)  # the value, normalised
    value = fields.Char(string="Value in the file", readonly=True)
    count = fields.Integer(string="Lines", readonly=True)
    category_id = fields.Many2one(
        "ecoclic.equipment.category",
        help="The sobriety category of the equipment of this type.",
    )
    lifecycle = fields.Selection(LIFECYCLE_STATES)
    ignore = fields.Boolean(string="Ignore these lines")
    suggested = fields.Boolean(readonly=True, help="Pre-filled from a word of the value: check it.")
