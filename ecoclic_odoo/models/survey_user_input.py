# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


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
