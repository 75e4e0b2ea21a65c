# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Questions answered from the collectivity's own data.

A question of the maturity questionnaire may be bound to an indicator computed from the
fleet and the purchases; each of its answers gives the lowest figure it stands for
(``ecoclic_indicator_from``). When an assessment starts, such questions are pre-answered
with the answer whose lower bound is the highest one under the figure, and the figure and
its period are kept beside it. The référent may choose another answer, saying why in the
question's comment.
"""
from dateutil.relativedelta import relativedelta
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date, formatLang

INDICATORS = [
    ("purchase_refurbished_share",
     "IT & telephony purchases refurbished or reused, last 12 months (%)"),
    ("fleet_inventory_coverage",
     "Equipment inventoried with its category and acquisition date (%)"),
    ("equipment_per_agent", "IT devices in service per agent"),
    ("fleet_average_age_ratio", "Average age of the fleet against reference lifespans (%)"),
    ("reformed_reuse_share",
     "Equipment under 10 years parted with that went to reuse, last 12 months (%)"),
]
# Indicators measured over the 12 months up to the start of the assessment; the others are
# the state of the fleet on that day.
PERIOD_INDICATORS = ("purchase_refurbished_share", "reformed_reuse_share")
PERCENT_INDICATORS = ("purchase_refurbished_share", "fleet_inventory_coverage",
                      "fleet_average_age_ratio", "reformed_reuse_share")


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    ecoclic_indicator = fields.Selection(
        INDICATORS, string="Answered from the data",
        help="When an assessment starts, this question is pre-answered from the "
        "collectivity's fleet and purchases.",
    )


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    ecoclic_indicator_from = fields.Float(
        string="From (indicator)", digits=(16, 2),
        help="For a question answered from the data: the lowest figure this answer stands "
        "for. The answer chosen is the one with the highest lower bound under the figure.",
    )


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    ecoclic_prefill_ids = fields.One2many("ecoclic.assessment.prefill", "user_input_id",
                                          string="Answers from the data")


class ResCompany(models.Model):
    _inherit = "res.company"

    def _ecoclic_indicator_values(self, as_of):
        """{company id: {indicator: (figure, first day or None, last day)}} on `as_of`, for
        these companies, in a fixed number of queries. An indicator without data (no fleet,
        no purchase, no agent count…) is left out."""
        if not self:
            return {}
        start = as_of - relativedelta(years=1) + relativedelta(days=1)
        agec = self._ecoclic_agec_figures(start, as_of)
        fleet = self._ecoclic_fleet_indicators(as_of.year, today=as_of, period=(start, as_of))
        self.env["maintenance.equipment"].flush_model()
        self.env.cr.execute(SQL(
            """
            SELECT company_id, count(*),
                   count(*) FILTER (WHERE ecoclic_category_id IS NOT NULL
                                      AND ecoclic_acquisition_date IS NOT NULL)
              FROM maintenance_equipment
             WHERE company_id = ANY(%(companies)s) AND active
               AND (ecoclic_lifecycle IS NULL
                    OR ecoclic_lifecycle NOT IN ('donated', 'sold', 'recycled'))
          GROUP BY company_id
            """,
            companies=self.ids,
        ))
        coverage = {company_id: (total, known) for company_id, total, known
                    in self.env.cr.fetchall()}
        result = {}
        for company in self:
            values = {}
            purchases = agec.get(company.id)
            if purchases and purchases["spend"]:
                values["purchase_refurbished_share"] = (purchases["share"], start, as_of)
            total, known = coverage.get(company.id, (0, 0))
            if total:
                values["fleet_inventory_coverage"] = (100.0 * known / total, None, as_of)
            in_fleet = fleet.get(company.id)
            if in_fleet and in_fleet["fleet"]:
                values["fleet_average_age_ratio"] = (in_fleet["age_ratio"], None, as_of)
                if company.ecoclic_agent_count:
                    values["equipment_per_agent"] = (
                        in_fleet["fleet"] / company.ecoclic_agent_count, None, as_of)
            if in_fleet and in_fleet["reformed"]:
                values["reformed_reuse_share"] = (in_fleet["reuse_share"], start, as_of)
            result[company.id] = values
        return result


class EcoclicAssessmentPrefill(models.Model):
    """A question of an assessment answered from the collectivity's data."""

    _name = "ecoclic.assessment.prefill"
    _description = "Answer from the data"
    _order = "assessment_id, sequence, id"
    _check_company_auto = True

    assessment_id = fields.Many2one("ecoclic.assessment", required=True, ondelete="cascade",
                                    index=True)
    user_input_id = fields.Many2one(related="assessment_id.user_input_id", store=True,
                                    index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    question_id = fields.Many2one("survey.question", required=True, ondelete="cascade")
    sequence = fields.Integer(related="question_id.sequence", store=True)
    indicator = fields.Selection(INDICATORS, required=True)
    value = fields.Float(string="Value", digits=(16, 2))
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    answer_id = fields.Many2one("survey.question.answer", string="Answer from the data",
                                ondelete="cascade")
    figure_display = fields.Char(string="Figure", compute="_compute_display_texts")
    period_display = fields.Char(string="Period", compute="_compute_display_texts")
    current_answer_id = fields.Many2one("survey.question.answer", string="Answer given",
                                        compute="_compute_current")
    overridden = fields.Boolean(string="Changed by the référent", compute="_compute_current")
    comment = fields.Char(compute="_compute_current")
    note = fields.Char(compute="_compute_display_texts",
                       help="The sentence shown under the question in the survey's pages.")

    @api.depends("indicator", "value", "date_from", "date_to")
    @api.depends_context("lang")
    def _compute_display_texts(self):
        labels = dict(self._fields["indicator"]._description_selection(self.env))
        for prefill in self:
            if prefill.indicator in PERCENT_INDICATORS:
                prefill.figure_display = self.env._("%(value)s %%", value=round(prefill.value))
            else:
                prefill.figure_display = self.env._(
                    "%(value)s per agent", value=formatLang(
                        # the language the sentence is written in (en_US when none is set)
                        self.with_context(lang=self.env.lang or "en_US").env,
                        prefill.value, digits=1))
            if prefill.date_from:
                prefill.period_display = self.env._(
                    "from %(start)s to %(end)s", start=format_date(self.env, prefill.date_from),
                    end=format_date(self.env, prefill.date_to))
            else:
                prefill.period_display = self.env._(
                    "on %(date)s", date=format_date(self.env, prefill.date_to))
            prefill.note = self.env._(
                "Pre-answered from your data: %(figure)s (%(indicator)s, %(period)s). If it "
                "does not reflect your situation, choose another answer and say why in the "
                "comment.",
                figure=prefill.figure_display,
                indicator=labels.get(prefill.indicator, ""),
                period=prefill.period_display,
            ) if prefill.indicator else False

    def _compute_current(self):
        lines = self.env["survey.user_input.line"].sudo().search_fetch(
            [("user_input_id", "in", self.user_input_id.ids),
             ("question_id", "in", self.question_id.ids)],
            ["user_input_id", "question_id", "answer_type", "suggested_answer_id",
             "value_char_box"],
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
            prefill.comment = comments.get(key, False)
            prefill.overridden = prefill.current_answer_id != prefill.answer_id

    @api.model
    def _ecoclic_pick_answer(self, question, value):
        """The answer whose lower bound is the highest one not above the figure."""
        answers = question.suggested_answer_ids.filtered(
            lambda a: a.ecoclic_indicator_from <= value + 1e-9)
        return max(answers, key=lambda a: (a.ecoclic_indicator_from, -a.sequence),
                   default=self.env["survey.question.answer"])


class EcoclicAssessment(models.Model):
    _inherit = "ecoclic.assessment"

    prefill_ids = fields.One2many("ecoclic.assessment.prefill", "assessment_id",
                                  string="Answers from the data", readonly=True)

    def _ecoclic_create_user_inputs(self):
        todo = self.filtered(lambda a: not a.user_input_id)
        result = super()._ecoclic_create_user_inputs()
        todo._ecoclic_prefill()
        return result

    def _ecoclic_prefill(self):
        """Pre-answer the questions bound to an indicator from each company's data."""
        Line = self.env["survey.user_input.line"].sudo()
        by_date = {}
        for assessment in self:
            by_date.setdefault(assessment.date_start, self.env["ecoclic.assessment"])
            by_date[assessment.date_start] |= assessment
        prefills, lines = [], []
        for as_of, assessments in by_date.items():
            values = assessments.company_id._ecoclic_indicator_values(as_of)
            for assessment in assessments:
                company_values = values.get(assessment.company_id.id, {})
                questions = assessment.user_input_id.predefined_question_ids.filtered(
                    "ecoclic_indicator")
                for question in questions:
                    if question.ecoclic_indicator not in company_values:
                        continue
                    value, start, end = company_values[question.ecoclic_indicator]
                    answer = self.env["ecoclic.assessment.prefill"]._ecoclic_pick_answer(
                        question, value)
                    if not answer:
                        continue
                    prefills.append({
                        "assessment_id": assessment.id, "question_id": question.id,
                        "indicator": question.ecoclic_indicator, "value": value,
                        "date_from": start, "date_to": end, "answer_id": answer.id,
                    })
                    lines.append({
                        "user_input_id": assessment.user_input_id.id,
                        "question_id": question.id, "answer_type": "suggestion",
                        "suggested_answer_id": answer.id, "skipped": False,
                    })
        self.env["ecoclic.assessment.prefill"].sudo().create(prefills)
        Line.create(lines)

    def action_submit(self):
        """A pre-answer the référent changed needs a word of explanation."""
        self.check_access("write")  # before reading the pre-answers as superuser
        for assessment in self:
            unexplained = assessment.sudo().prefill_ids.filtered(
                lambda p: p.overridden and p.current_answer_id and not (p.comment or "").strip())
            if unexplained:
                raise UserError(self.env._(
                    "Some answers computed from your data were changed without a comment: "
                    "%(questions)s. Say in the question's comment why the figure does not "
                    "reflect your situation.",
                    questions=", ".join(unexplained.question_id.mapped("title"))))
        return super().action_submit()
