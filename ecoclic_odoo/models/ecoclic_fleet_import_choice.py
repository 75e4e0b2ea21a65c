# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .maintenance_equipment import LIFECYCLE_STATES


class EcoclicFleetImportChoice(models.Model):
    """What a collectivity said an unrecognised value of its inventory exports means (a
    GLPI type of its own, a status of its own), applied to its next imports."""

    _name = "ecoclic.fleet.import.choice"
    _description = "Meaning of a value of a collectivity's inventory exports"
    _order = "kind desc, value"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    kind = fields.Selection(
        [("type", "Type"), ("status", "Status")], string="Column", required=True
    )
    key = fields.Char(
        help="The value, normalised (case and accents ignored); empty for lines without a value."
    )
    value = fields.Char(string="Value in the file", required=True)
    category_id = fields.Many2one("ecoclic.equipment.category", ondelete="cascade")
    lifecycle = fields.Selection(LIFECYCLE_STATES)
    ignore = fields.Boolean(string="Ignore these lines")

    _sql_constraints = [
        (
            "value_uniq",
            "unique(company_id, kind, key)",
            "This value already has a meaning for this collectivity.",
        ),
    ]

    @api.constrains("kind", "category_id", "lifecycle", "ignore")
    def _check_meaning(self):
        for choice in self:
            meaning = choice.category_id if choice.kind == "type" else choice.lifecycle
            if not meaning and not choice.ignore:
                raise ValidationError(
                    self.env._(
                        "Say what «%(value)s» means, or that its lines are ignored.",
                        value=choice.value,
                    )
                )
