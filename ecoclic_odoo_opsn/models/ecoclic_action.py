# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Actions an OPSN writes once and pushes into the catalogues of collectivities it
supervises; it then sees which of them put the action in their plan."""

from odoo import api, fields, models


class EcoclicAction(models.Model):
    _name = "ecoclic.action"
    _inherit = ["ecoclic.action", "mail.thread"]

    pushed_from_id = fields.Many2one(
        "ecoclic.action",
        string="Pushed by the OPSN from",
        readonly=True,
        index="btree_not_null",
        copy=False,
        ondelete="set null",
    )
    pushed_ids = fields.One2many(
        "ecoclic.action", "pushed_from_id", string="Pushed copies", readonly=True
    )
    pushed_count = fields.Integer(string="Pushed to", compute="_compute_pushed")
    adopted_count = fields.Integer(
        string="Adopted by",
        compute="_compute_pushed",
        help="Collectivities that put the pushed action in their plan.",
    )
    adopted_company_ids = fields.Many2many(
        "res.company", string="Adopted by (collectivities)", compute="_compute_pushed"
    )

    def _ecoclic_creation_message(self):
        return self.env._("Sobriety action created")

    def _compute_pushed(self):
        copies = self.sudo().search([("pushed_from_id", "in", self.ids)])
        lines = (
            self.env["ecoclic.plan.line"]
            .sudo()
            .search([("action_id", "in", copies.ids), ("state", "!=", "abandoned")])
        )
        adopted = {line.action_id.pushed_from_id.id: set() for line in lines}
        for line in lines:
            adopted[line.action_id.pushed_from_id.id].add(line.company_id.id)
        pushed = {}
        for copy in copies:
            pushed[copy.pushed_from_id.id] = pushed.get(copy.pushed_from_id.id, 0) + 1
        for action in self:
            companies = adopted.get(action.id, set())
            action.pushed_count = pushed.get(action.id, 0)
            action.adopted_count = len(companies)
            action.adopted_company_ids = [fields.Command.set(list(companies))]

    def action_ecoclic_push(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Push to collectivities"),
            "res_model": "ecoclic.opsn.push",
            "view_mode": "form",
            "target": "new",
            "context": {"default_action_id": self.id},
        }

    def _compute_guide_origin(self):
        """A practice its OPSN pushed reads as coming from that OPSN (whose own record
        the collectivity cannot read)."""
        result = super()._compute_guide_origin()
        for action in self.filtered("pushed_from_id"):
            opsn = action.sudo().pushed_from_id.company_id
            action.guide_origin = self.env._("Proposed by %(opsn)s", opsn=opsn.name or "OPSN")
        return result

    @api.model
    def _ecoclic_guide_company_acts(self, company):
        """An OPSN's own company keeps no plan: its staff read the guide, without the
        buttons of a collectivity."""
        return super()._ecoclic_guide_company_acts(company) and not company.ecoclic_is_opsn
