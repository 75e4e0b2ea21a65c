# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from .ecoclic_opsn_campaign import LINE_STATES


class EcoclicOpsnCampaignLine(models.Model):
    _name = "ecoclic.opsn.campaign.line"
    _description = "Collectivity in an assessment campaign"
    _order = "campaign_id, company_id"

    campaign_id = fields.Many2one(
        "ecoclic.opsn.campaign", required=True, ondelete="cascade", index=True
    )
    opsn_id = fields.Many2one(related="campaign_id.opsn_id", store=True)
    company_id = fields.Many2one("res.company", string="Collectivity", required=True)
    assessment_id = fields.Many2one("ecoclic.assessment", ondelete="set null")
    state = fields.Selection(LINE_STATES, compute="_compute_state", store=True)
    score = fields.Integer(related="assessment_id.overall_score")

    @api.depends("assessment_id.state", "assessment_id.user_input_id.state")
    def _compute_state(self):
        for line in self:
            assessment = line.assessment_id.sudo()
            if assessment.state == "submitted":
                line.state = "submitted"
            elif assessment.user_input_id.state in ("in_progress", "done"):
                line.state = "in_progress"
            else:
                line.state = "not_started"

    def _ecoclic_notify(self, summary):
        """A to-do for each line's référent on the collectivity's assessment, due at the
        campaign's deadline; none is added where one is still open."""
        activity_type = self.env.ref("ecoclic_odoo_opsn.mail_activity_ecoclic_campaign")
        todo = []
        for line in self:
            assessment = line.assessment_id.sudo()
            referent = assessment.responsible_id or line.company_id.sudo()._ecoclic_referent()
            todo.append((assessment, referent, line.campaign_id.date_deadline))
        return self.env["mail.activity"]._ecoclic_schedule_once(activity_type, todo, summary)
