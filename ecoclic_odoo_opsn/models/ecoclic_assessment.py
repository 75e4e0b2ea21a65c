# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class EcoclicAssessment(models.Model):
    _inherit = "ecoclic.assessment"

    ecoclic_grant_ids = fields.One2many(
        "ecoclic.opsn.grant", "assessment_id", string="Accompaniment by the OPSN"
    )
    ecoclic_opsn_staff_ids = fields.Many2many(
        "res.users",
        string="Staff of the OPSN",
        compute="_compute_ecoclic_opsn_staff_ids",
        help="The users of the collectivity's OPSN whom the référent may let answer.",
    )
    ecoclic_can_grant = fields.Boolean(
        string="May open to the OPSN", compute="_compute_ecoclic_opsn_staff_ids"
    )
    ecoclic_granted = fields.Boolean(
        string="Open to me by a grant", compute="_compute_ecoclic_granted"
    )

    @api.depends("company_id", "state")
    @api.depends_context("uid")
    def _compute_ecoclic_opsn_staff_ids(self):
        viewers = self.env.ref("ecoclic_odoo_opsn.group_opsn_viewer").sudo().users
        for assessment in self:
            opsn = assessment.company_id.sudo().ecoclic_opsn_id
            assessment.ecoclic_opsn_staff_ids = (
                viewers.filtered(lambda u, opsn=opsn: opsn in u.company_ids and not u.share)
                - self.env.ref("base.user_root")
                if opsn
                else False
            )
            assessment.ecoclic_can_grant = bool(
                opsn
                and assessment.state == "draft"
                and assessment.company_id._ecoclic_is_referent()
            )

    @api.depends_context("uid")
    def _compute_ecoclic_granted(self):
        Grant = self.env["ecoclic.opsn.grant"]
        for assessment in self:
            assessment.ecoclic_granted = assessment.state == "draft" and bool(
                Grant._ecoclic_valid_for(assessment.sudo().user_input_id, self.env.user)
            )

    def action_answer(self):
        """OPSN staff holding a grant in force answer with the collectivity; anyone else goes
        through the collectivity's own check (write access)."""
        self.ensure_one()
        if self.env.user.company_ids & self.company_id or not self.ecoclic_granted:
            return super().action_answer()
        self._ecoclic_check_granted()
        # the grant is in force: the collectivity's own steps, as superuser
        return super(EcoclicAssessment, self.sudo()).action_answer()

    def _ecoclic_check_granted(self):
        if not self.ecoclic_granted:
            raise AccessError(self.env._("Only the collectivity's users answer its assessment."))

    def action_ecoclic_open_grant(self):
        """The form where the référent lets one user of their OPSN answer this assessment."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Answer with my OPSN"),
            "res_model": "ecoclic.opsn.grant",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assessment_id": self.id},
        }
