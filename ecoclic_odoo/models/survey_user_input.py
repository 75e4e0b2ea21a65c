# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    ecoclic_company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        index="btree_not_null",
        readonly=True,
        help="The collectivity whose assessment these answers are; only its users read them.",
    )
    ecoclic_assessment_ids = fields.One2many(
        "ecoclic.assessment",
        "user_input_id",
        string="Assessment",
    )

    def _mark_done(self):
        """The last page of an assessment's questionnaire was submitted: the answers are
        complete and the référent is asked to validate (which freezes the scores)."""
        result = super()._mark_done()
        self.sudo().ecoclic_assessment_ids._ecoclic_answers_completed()
        return result

    ecoclic_prefill_ids = fields.One2many(
        "ecoclic.assessment.prefill", "user_input_id", string="Answers from the data"
    )

    # Awareness quizzes: the campaign's participant whose invitation this answer is (its
    # retries keep the invitation's token, so they count too).
    ecoclic_awareness_participant_id = fields.Many2one(
        "ecoclic.awareness.participant",
        string="Awareness participant",
        compute="_compute_ecoclic_awareness_participant_id",
        store=True,
        index="btree_not_null",
        readonly=True,
    )

    @api.depends("invite_token")
    def _compute_ecoclic_awareness_participant_id(self):
        tokens = [token for token in self.mapped("invite_token") if token]
        participants = (
            self.env["ecoclic.awareness.participant"]
            .sudo()
            .search_fetch([("access_token", "in", tokens)], ["access_token"])
            if tokens
            else ()
        )
        by_token = {participant.access_token: participant.id for participant in participants}
        for user_input in self:
            user_input.ecoclic_awareness_participant_id = by_token.get(user_input.invite_token)

    @api.model_create_multi
    def create(self, vals_list):
        """A quiz answer (a retry too) belongs to the participant's collectivity, so that
        only its own survey officers may read it."""
        user_inputs = super().create(vals_list)
        for user_input in user_inputs.filtered(
            lambda u: u.ecoclic_awareness_participant_id and not u.ecoclic_company_id
        ):
            user_input.ecoclic_company_id = user_input.ecoclic_awareness_participant_id.company_id
        return user_inputs
