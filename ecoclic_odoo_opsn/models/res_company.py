# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    ecoclic_is_opsn = fields.Boolean(
        string="Is an OPSN",
        help="This company is a public IT mutualisation body (OPSN) that supervises "
        "the digital sobriety of collectivities.",
    )
    ecoclic_opsn_id = fields.Many2one(
        "res.company",
        string="Supervising OPSN",
        domain=[("ecoclic_is_opsn", "=", True)],
        index="btree_not_null",
        help="The OPSN that accompanies this collectivity; it reads the collectivity's "
        "sobriety data, never its other business data.",
    )
    ecoclic_supervised_ids = fields.One2many(
        "res.company",
        "ecoclic_opsn_id",
        string="Supervised collectivities",
    )
    ecoclic_supervised_count = fields.Integer(
        string="Number of supervised collectivities",
        compute="_compute_ecoclic_supervised_count",
    )

    def _compute_ecoclic_supervised_count(self):
        counts = dict(
            self.env["res.company"]
            .sudo()
            ._read_group(
                [("ecoclic_opsn_id", "in", self.ids)],
                ["ecoclic_opsn_id"],
                ["__count"],
            )
        )
        for company in self:
            company.ecoclic_supervised_count = counts.get(company._origin, 0)

    @api.constrains("ecoclic_opsn_id", "ecoclic_is_opsn")
    def _check_ecoclic_opsn(self):
        for company in self:
            opsn = company.ecoclic_opsn_id
            if not company.ecoclic_is_opsn and company.sudo().ecoclic_supervised_ids:
                raise ValidationError(
                    _(
                        "%(company)s still supervises collectivities: detach them before "
                        "removing its OPSN flag.",
                        company=company.name,
                    )
                )
            if not opsn:
                continue
            if opsn == company:
                raise ValidationError(
                    _("%(company)s cannot supervise itself.", company=company.name)
                )
            if not opsn.ecoclic_is_opsn:
                raise ValidationError(
                    _(
                        "%(opsn)s is not flagged as an OPSN and cannot supervise "
                        "%(company)s.",
                        opsn=opsn.name,
                        company=company.name,
                    )
                )
            if company.ecoclic_is_opsn:
                raise ValidationError(
                    _(
                        "%(company)s is an OPSN and cannot be supervised by another OPSN.",
                        company=company.name,
                    )
                )
