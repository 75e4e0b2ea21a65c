# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .indicators import INDICATORS
from .survey_survey import LEVELS


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    ecoclic_axis_id = fields.Many2one(
        "ecoclic.axis",
        string="Maturity axis",
        ondelete="restrict",
        compute="_compute_ecoclic_axis_id",
        store=True,
        readonly=False,
        recursive=True,
        help="On a section: the axis it covers. Questions take the axis of their section.",
    )
    ecoclic_code = fields.Char(string="Question code", help="Stable code across versions.")
    ecoclic_level = fields.Selection(LEVELS, string="Questionnaire level", default="1")
    ecoclic_max_weight = fields.Integer(
        string="Maximum weight",
        compute="_compute_ecoclic_max_weight",
        store=True,
    )
    ecoclic_scored = fields.Boolean(
        string="Counts in the maturity score",
        compute="_compute_ecoclic_max_weight",
        store=True,
        help="A single-choice question of a maturity questionnaire counts in the scores.",
    )

    @api.depends("page_id.ecoclic_axis_id", "is_page")
    def _compute_ecoclic_axis_id(self):
        for question in self:
            if not question.is_page and question.page_id:
                question.ecoclic_axis_id = question.page_id.ecoclic_axis_id

    @api.depends(
        "suggested_answer_ids.ecoclic_weight",
        "question_type",
        "survey_id.ecoclic_is_maturity",
        "is_page",
    )
    def _compute_ecoclic_max_weight(self):
        for question in self:
            scored = (
                question.survey_id.ecoclic_is_maturity
                and not question.is_page
                and question.question_type == "simple_choice"
                and bool(question.suggested_answer_ids)
            )
            question.ecoclic_scored = scored
            question.ecoclic_max_weight = (
                max(question.suggested_answer_ids.mapped("ecoclic_weight")) if scored else 0
            )

    @api.constrains("ecoclic_max_weight", "ecoclic_scored")
    def _check_ecoclic_max_weight(self):
        for question in self.filtered("ecoclic_scored"):
            if question.ecoclic_max_weight <= 0:
                raise ValidationError(
                    self.env._(
                        "The question %(question)s needs at least one answer with a weight "
                        "above 0, or it cannot be scored.",
                        question=question.title,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        survey_ids = {vals.get("survey_id") for vals in vals_list if vals.get("survey_id")}
        self.env["survey.survey"].browse(survey_ids)._ecoclic_check_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        surveys = self.survey_id
        if vals.get("survey_id"):  # moving a question into a version counts as a change
            surveys |= self.env["survey.survey"].browse(vals["survey_id"])
        surveys._ecoclic_check_unlocked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ecoclic_locked_version(self):
        self.survey_id._ecoclic_check_unlocked()

    ecoclic_indicator = fields.Selection(
        INDICATORS,
        string="Answered from the data",
        help="When an assessment starts, this question is pre-answered from the "
        "collectivity's fleet and purchases.",
    )

    ecoclic_explanation = fields.Html(
        string="Explanation",
        translate=True,
        help="Awareness quizzes: why the correct answer is right, shown when the agent "
        "reviews the answers.",
    )
