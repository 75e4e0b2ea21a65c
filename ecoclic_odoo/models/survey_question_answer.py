# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    ecoclic_weight = fields.Integer(
        string="Maturity weight",
        default=0,
        help="From 0 (no practice) to 3 (exemplary practice).",
    )

    @api.constrains("ecoclic_weight")
    def _check_ecoclic_weight(self):
        for answer in self:
            if not 0 <= answer.ecoclic_weight <= 3:
                raise ValidationError(
                    self.env._(
                        "The maturity weight of the answer %(answer)s must be 0, 1, 2 or 3 "
                        "(here %(weight)s).",
                        answer=answer.value,
                        weight=answer.ecoclic_weight,
                    )
                )

    def _ecoclic_surveys(self):
        return self.question_id.survey_id | self.matrix_question_id.survey_id

    @api.model_create_multi
    def create(self, vals_list):
        question_ids = {vals.get("question_id") for vals in vals_list if vals.get("question_id")}
        self.env["survey.question"].browse(question_ids).survey_id._ecoclic_check_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        surveys = self._ecoclic_surveys()
        for key in ("question_id", "matrix_question_id"):
            if vals.get(key):
                surveys |= self.env["survey.question"].browse(vals[key]).survey_id
        surveys._ecoclic_check_unlocked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ecoclic_locked_version(self):
        self._ecoclic_surveys()._ecoclic_check_unlocked()

    ecoclic_indicator_from = fields.Float(
        string="From (indicator)",
        digits=(16, 2),
        help="For a question answered from the data: the lowest figure this answer stands "
        "for. The answer chosen is the one with the highest lower bound under the figure.",
    )
