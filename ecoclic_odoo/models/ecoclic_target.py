# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .wording import elided


class EcoclicTarget(models.Model):
    """The score a collectivity aims at on one axis."""

    _name = "ecoclic.target"
    _description = "Maturity target"
    _order = "company_id, axis_sequence, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    axis_id = fields.Many2one("ecoclic.axis", required=True, ondelete="restrict")
    axis_sequence = fields.Integer(related="axis_id.sequence", store=True)
    target_score = fields.Integer(string="Target score", required=True, default=60)

    _sql_constraints = [
        (
            "axis_company_uniq",
            "unique(company_id, axis_id)",
            "A collectivity has one target per axis.",
        ),
    ]

    def write(self, vals):
        if "company_id" in vals and any(t.company_id.id != vals["company_id"] for t in self):
            raise UserError(self.env._("A target stays with its collectivity."))
        return super().write(vals)

    @api.constrains("target_score")
    def _check_target_score(self):
        for target in self:
            if not 0 <= target.target_score <= 100:
                raise ValidationError(
                    elided(
                        self.env._(
                            "The target of %(axis)s must lie between 0 and 100 (here %(score)s)."
                        ),
                        axis=target.axis_id.name,
                        score=target.target_score,
                    )
                )
