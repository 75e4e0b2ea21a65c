# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

TARGET_FIELDS = [
    ("ignore", "Ignore"),
    ("name", "Name"),
    ("status", "Status"),
    ("manufacturer", "Manufacturer"),
    ("serial", "Serial number"),
    ("inventory", "Inventory number"),
    ("type", "Type"),
    ("model", "Model"),
    ("location", "Location"),
    ("purchase_date", "Date of purchase"),
    ("startup_date", "Startup date"),
    ("value", "Value"),
    ("supplier", "Supplier"),
    ("decommission_date", "Decommission date"),
    ("warranty_date", "Warranty expiration date"),
]


class EcoclicFleetImportColumn(models.TransientModel):
    """A column of the file being imported, and the field it fills (guessed from its
    header, changed by the user)."""

    _name = "ecoclic.fleet.import.column"
    _description = "Column of an inventory export"
    _order = "sequence"

    wizard_id = fields.Many2one("ecoclic.fleet.import", required=True, ondelete="cascade")
    sequence = fields.Integer()
    header = fields.Char(string="Column", readonly=True)
    target = fields.Selection(TARGET_FIELDS, string="Imported as")
    recognised = fields.Boolean(readonly=True)
