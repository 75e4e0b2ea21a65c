# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class EcoclicOpsnPush(models.TransientModel):
    _name = "ecoclic.opsn.push"
    _description = "Push an action to collectivities"

    action_id = fields.Many2one("ecoclic.action", required=True)
    opsn_id = fields.Many2one(related="action_id.company_id")
    company_ids = fields.Many2many(
        "res.company",
        string="Collectivities",
        domain="[('ecoclic_opsn_id', '=', opsn_id)]",
        help="Empty: the whole portfolio.",
    )

    @api.model
    def _ecoclic_push(self, action, companies):
        """Copy the action into each collectivity's catalogue (once) and tell its
        référent. Returns the new copies."""
        _ = self.env._
        opsn = action.company_id
        if not opsn.ecoclic_is_opsn:
            raise UserError(self.env._("Only an action of an OPSN's own catalogue is pushed."))
        companies = opsn._ecoclic_supervised_among(companies)
        Action = self.env["ecoclic.action"].sudo()
        already = set(Action.search([("pushed_from_id", "=", action.id)]).company_id.ids)
        copies = Action.create(
            [
                dict(
                    action.copy_data(
                        {"company_id": company.id, "pushed_from_id": action.id, "code": action.code}
                    )[0]
                )
                for company in companies
                if company.id not in already
            ]
        )
        for copy in copies:
            referent = copy.company_id._ecoclic_referent()
            copy.message_post(
                body=self.env._(
                    "%(opsn)s suggests this action to your collectivity: see it in your "
                    "catalogue and add it to your plan if it fits.",
                    opsn=opsn.name,
                ),
                partner_ids=referent.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return copies

    def action_push(self):
        self.ensure_one()
        self._ecoclic_push(self.action_id, self.company_ids)
        return {"type": "ir.actions.act_window_close"}
