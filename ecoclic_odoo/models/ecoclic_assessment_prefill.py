# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import format_date, formatLang

from .indicators import INDICATORS, PERCENT_INDICATORS


class EcoclicAssessmentPrefill(models.Model):
    """A question of an assessment answered from the collectivity's data."""

    _name = "ecoclic.assessment.prefill"
    _description = "Answer from the data"
    _order = "assessment_id, sequence, id"
    _check_company_auto = True

    assessment_id = fields.Many2one(
        "ecoclic.assessment", required=True, ondelete="cascade", index=True
    )
    user_input_id = fields.Many2one(related="assessment_id.user_input_id", store=True, index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    question_id = fields.Many2one("survey.question", required=True, ondelete="cascade")
    sequence = fields.Integer(related="question_id.sequence", store=True)
    indicator = fields.Selection(INDICATORS, required=True)
    value = fields.Float(digits=(16, 2))
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    answer_id = fields.Many2one("survey.question.answer", string="Pre-answer", ondelete="cascade")
    figure_display = fields.Char(string="Figure", compute="_compute_display_texts")
    period_display = fields.Char(string="Period", compute="_compute_display_texts")
    current_answer_id = fields.Many2one(
        "survey.question.answer", string="Current answer", compute="_compute_current"
    )
    # The answers' own labels: an answer's display name repeats its question ("question :
    # answer"), which cut the answer away in the list of the assessment's form.
    answer_label = fields.Char(related="answer_id.value", string="Answer from the data")
    current_answer_label = fields.Char(string="Answer given", compute="_compute_current")
    overridden = fields.Boolean(string="Changed by the référent", compute="_compute_current")
    comment = fields.Char(compute="_compute_current")
    note = fields.Char(
        compute="_compute_display_texts",
        help="The sentence shown under the question in the survey's pages.",
    )

    @api.depends("indicator", "value", "date_from", "date_to")
    @api.depends_context("lang")
    def _compute_display_texts(self):
        labels = dict(self._fields["indicator"]._description_selection(self.env))
        for prefill in self:
            if prefill.indicator in PERCENT_INDICATORS:
                prefill.figure_display = self.env._("%(value)s %%", value=round(prefill.value))
            else:
                prefill.figure_display = self.env._(
                    "%(value)s per agent",
                    value=formatLang(
                        # the language the sentence is written in (en_US when none is set)
                        self.with_context(lang=self.env.lang or "en_US").env,
                        prefill.value,
                        digits=1,
                    ),
                )
            if prefill.date_from:
                prefill.period_display = self.env._(
                    "from %(start)s to %(end)s",
                    start=format_date(self.env, prefill.date_from),
                    end=format_date(self.env, prefill.date_to),
                )
            else:
                prefill.period_display = self.env._(
                    "on %(date)s", date=format_date(self.env, prefill.date_to)
                )
            prefill.note = (
                self.env._(
                    "Pre-answered from your data: %(figure)s (%(indicator)s, %(period)s). If it "
                    "does not reflect your situation, choose another answer and say why in the "
                    "comment.",
                    figure=prefill.figure_display,
                    indicator=labels.get(prefill.indicator, ""),
                    period=prefill.period_display,
                )
                if prefill.indicator
                else False
            )

    def _compute_current(self):
        lines = (
            self.env["survey.user_input.line"]
            .sudo()
            .search_fetch(
                [
                    ("user_input_id", "in", self.user_input_id.ids),
                    ("question_id", "in", self.question_id.ids),
                ],
                [
                    "user_input_id",
                    "question_id",
                    "answer_type",
                    "suggested_answer_id",
                    "value_char_box",
                ],
            )
        )
        chosen, comments = {}, {}
        for line in lines:
            key = (line.user_input_id.id, line.question_id.id)
            if line.answer_type == "suggestion":
                chosen[key] = line.suggested_answer_id
            elif line.answer_type == "char_box":
                comments[key] = line.value_char_box
        for prefill in self:
            key = (prefill.user_input_id.id, prefill.question_id.id)
            prefill.current_answer_id = chosen.get(key, False)
            prefill.current_answer_label = prefill.current_answer_id.value or False
            prefill.comment = comments.get(key, False)
            prefill.overridden = prefill.current_answer_id != prefill.answer_id

    @api.model
    def _ecoclic_pick_answer(self, question, value):
        """The answer whose lower bound is the highest one not above the figure."""
        answers = question.suggested_answer_ids.filtered(
            lambda a: a.ecoclic_indicator_from <= value + 1e-9
        )
        return max(
            answers,
            key=lambda a: (a.ecoclic_indicator_from, -a.sequence),
            default=self.env["survey.question.answer"],
        )
