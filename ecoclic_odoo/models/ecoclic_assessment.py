# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from functools import partial

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date, formatLang

from . import peers, scoring
from .ecoclic_action import NOTHING_AVOIDED, parse_triggers, recommendation_order
from .ecoclic_views import read_only_outside_collectivity
from .export_files import (
    XLSX_MIME,
    download_action,
    new_workbook,
    write_header,
    write_text,
    xlsx_formats,
)
from .indicators import FLEET_FIGURES
from .res_company import (
    COLLECTIVITY_TYPES,
    POPULATION_BAND_LABELS,
    SEGMENT_FIELDS,
)
from .scoring import GRADE_SELECTION, MATURITY_LEVELS

# Which figures document which theme of the REEN summary, by the theme's sequence
# (décret 2022-1084's themes 1, 2 and 4).
REEN_THEME_FIGURES = {
    1: ["purchase_refurbished_share"],
    2: [
        "fleet_average_age_ratio",
        "reformed_reuse_share",
        "fleet_inventory_coverage",
        "equipment_per_agent",
        *FLEET_FIGURES,
    ],
    4: ["staff_trained_share"],
}

# Set by the assessment itself (creation, freezing), never written by users.
PROTECTED_FIELDS = frozenset(
    {
        "company_id",
        "survey_id",
        "user_input_id",
        "state",
        "level2",
        "date_start",
        "date_submitted",
        "submitted_by_id",
        "overall_score",
        "grade",
        "target_score",
        "axis_score_ids",
        "segment_collectivity_type",
        "segment_population_band",
        "segment_departement_id",
        "segment_region_id",
        "segment_intercommunality_id",
    }
)


def gap_text(env, target, score):
    """The score against the target in words: a gap alone (−1, +21) reads both ways."""
    if not target:
        return env._("No target set")
    if score == target - 1:
        return env._("1 point short of the target")
    if score < target:
        return env._("%(points)s points short of the target", points=target - score)
    if score == target + 1:
        return env._("1 point above the target")
    if score > target:
        return env._("%(points)s points above the target", points=score - target)
    return env._("On target")


class EcoclicAssessment(models.Model):
    _name = "ecoclic.assessment"
    _description = "Maturity assessment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        readonly=True,
        ondelete="restrict",
        domain=[("ecoclic_is_maturity", "=", True), ("ecoclic_version_state", "=", "published")],
        default=lambda self: self._default_survey(),
    )
    survey_version = fields.Integer(related="survey_id.ecoclic_version", string="Version")
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Answers",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Référent",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('company_ids', 'in', company_id)]",
    )
    level2 = fields.Boolean(
        string="Deeper questionnaire",
        readonly=True,
        help="The level-2 questions were asked (as set for the collectivity when it started).",
    )
    date_start = fields.Date(
        string="Started on",
        default=fields.Date.context_today,
        required=True,
        readonly=True,
    )
    date_submitted = fields.Datetime(string="Submitted on", readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", string="Submitted by", readonly=True, copy=False)
    overall_score = fields.Integer(string="Score", readonly=True, copy=False, aggregator="avg")
    grade = fields.Selection(GRADE_SELECTION, readonly=True, copy=False)
    maturity_level = fields.Selection(
        MATURITY_LEVELS, string="Maturity level", compute="_compute_maturity_level"
    )
    target_score = fields.Integer(
        string="Target",
        readonly=True,
        copy=False,
        help="The overall target of the collectivity when the assessment was submitted.",
    )
    gap = fields.Integer(
        string="Gap to target",
        compute="_compute_gap",
        help="Target minus score: what is left to gain.",
    )
    gap_label = fields.Char(string="Against the target", compute="_compute_gap")
    gap_comparable = fields.Boolean(
        string="Comparable with the target",
        compute="_compute_gap",
        help="Submitted, or every question answered: the score can be set against the target.",
    )
    axis_score_ids = fields.One2many(
        "ecoclic.assessment.axis",
        "assessment_id",
        string="Scores per axis",
        readonly=True,
        copy=False,
    )
    progress = fields.Integer(
        string="Answered (%)",
        compute="_compute_live",
        help="Share of the questions in scope that are answered.",
    )
    live_score = fields.Integer(
        string="Provisional score",
        compute="_compute_live",
        help="Computed on the answers given so far: it can still move a lot until every "
        "question is answered, and is frozen when the assessment is submitted.",
    )
    chart_data = fields.Json(string="Maturity chart", compute="_compute_chart_data")
    peer_html = fields.Html(
        string="Comparison with peers", compute="_compute_chart_data", sanitize=False
    )
    axis_progress_html = fields.Html(
        string="Progress per axis", compute="_compute_chart_data", sanitize=False
    )

    def _ecoclic_creation_message(self):
        return self.env._("Maturity assessment created")

    @api.model
    def _default_survey(self):
        # The published questionnaire is shared reference data; référents and agents do
        # not read survey's records (a New assessment failed on that access error).
        return (
            self.env["survey.survey"]
            .sudo()
            .search(
                [("ecoclic_is_maturity", "=", True), ("ecoclic_version_state", "=", "published")],
                order="ecoclic_version desc",
                limit=1,
            )
        )

    @api.model
    def get_views(self, views, options=None):
        """No New, no editing, where the current company is not a collectivity: OPSN staff
        read their portfolio's assessments, only a collectivity's own users change them."""
        return read_only_outside_collectivity(self.env, super().get_views(views, options))

    @api.depends("date_start", "company_id")
    @api.depends_context("allowed_company_ids")
    def _compute_display_name(self):
        """ "Assessment of <date>" where one company is at work (a référent in their
        collectivity, OPSN staff coming from a collectivity's dashboard: the collectivity
        is already on the screen and in the breadcrumbs, which the long name cut);
        "<collectivity> – assessment of <date>" where several are (an administrator)."""
        short = len(self.env.companies) == 1
        for assessment in self:
            assessment.display_name = (
                assessment._ecoclic_short_name() if short else assessment._ecoclic_full_name()
            )

    def _ecoclic_short_name(self):
        return self.env._("Assessment of %(date)s", date=format_date(self.env, self.date_start))

    def _ecoclic_full_name(self):
        """The name that says whose assessment it is, for files and printouts."""
        return self.env._(
            "%(company)s – assessment of %(date)s",
            company=self.company_id.name,
            date=format_date(self.env, self.date_start),
        )

    @api.depends("grade")
    def _compute_maturity_level(self):
        for assessment in self:
            assessment.maturity_level = assessment.grade

    @api.depends("overall_score", "target_score", "state", "live_score", "progress")
    @api.depends_context("lang")
    def _compute_gap(self):
        targets = {c.id: c.ecoclic_target_score for c in self.company_id}
        for assessment in self:
            if assessment.state == "submitted":
                target, score = assessment.target_score, assessment.overall_score
            else:
                target = targets.get(assessment.company_id.id, 0)
                score = assessment.live_score
            assessment.gap = target - score
            assessment.gap_comparable = (
                assessment.state == "submitted" or assessment.progress >= 100
            )
            if not assessment.gap_comparable:
                # A score on a few answers says little: compare it once complete.
                assessment.gap_label = self.env._("Compared once complete")
            else:
                assessment.gap_label = gap_text(self.env, target, score)

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ecoclic_check_protected(vals, creating=True)
            if vals.get("company_id") and "responsible_id" not in vals:
                # Created for a collectivity the creator is not a user of (an administrator,
                # a campaign): its référent follows it, not the creator.
                company = self.env["res.company"].browse(vals["company_id"])
                if company not in self.env.user.company_ids:
                    vals["responsible_id"] = company.sudo()._ecoclic_referent().id
        assessments = super().create(vals_list)
        assessments._ecoclic_check_survey()
        assessments.sudo()._ecoclic_create_user_inputs()
        return assessments

    def write(self, vals):
        self._ecoclic_check_protected(vals)
        result = super().write(vals)
        if vals.get("state") == "submitted":
            # Take the snapshot of the peer groups now, not at the next flush: a profile
            # edited in between must not be what the assessment keeps.
            self.flush_recordset(list(SEGMENT_FIELDS))
        return result

    def _ecoclic_check_protected(self, vals, creating=False):
        """Scores, state and links are set by the assessment itself, never by hand."""
        if self.env.su:
            return
        protected = PROTECTED_FIELDS - ({"company_id", "survey_id"} if creating else set())
        forbidden = protected & set(vals)
        if forbidden:
            raise AccessError(
                self.env._(
                    "These fields of an assessment are set by the application only: %(fields)s.",
                    fields=", ".join(sorted(forbidden)),
                )
            )

    def _ecoclic_check_survey(self):
        for assessment in self.sudo():
            survey = assessment.survey_id
            if not survey.ecoclic_is_maturity or survey.ecoclic_version_state != "published":
                raise UserError(
                    self.env._(
                        "An assessment answers a published maturity questionnaire; "
                        "%(survey)s is not one.",
                        survey=survey.title,
                    )
                )

    def _ecoclic_create_user_inputs(self):
        """One survey answer per assessment, with the questions of the collectivity's level;
        the questions bound to an indicator are pre-answered from the collectivity's data."""
        UserInput = self.env["survey.user_input"].sudo()
        todo = self.filtered(lambda a: not a.user_input_id)
        for assessment in todo:
            company = assessment.company_id
            assessment.level2 = company.ecoclic_level2_enabled
            questions = assessment.survey_id.sudo()._prepare_user_input_predefined_questions()
            if not assessment.level2:
                questions = questions.filtered(lambda q: q.ecoclic_level != "2")
            assessment.user_input_id = UserInput.create(
                {
                    "survey_id": assessment.survey_id.id,
                    "ecoclic_company_id": company.id,
                    "predefined_question_ids": [fields.Command.set(questions.ids)],
                }
            )
        todo._ecoclic_prefill()

    @api.constrains("responsible_id", "company_id")
    def _check_responsible_company(self):
        for assessment in self:
            assessment.company_id._ecoclic_check_members(
                assessment.responsible_id, self.env._("the référent")
            )

    def action_answer(self):
        """Open the questionnaire in survey's pages, where answers are saved as you go."""
        self.ensure_one()
        # The tokens open the answers for writing: only the collectivity's own users get
        # them (OPSN staff read the portfolio's assessments, never answer them).
        self.check_access("write")
        if self.state != "draft":
            raise UserError(
                self.env._("This assessment is submitted: its answers can no longer change.")
            )
        user_input = self.user_input_id.sudo()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": f"/survey/{user_input.survey_id.access_token}/{user_input.access_token}",
        }

    def action_submit(self):
        """Validate: refuse an incomplete assessment, else close the answers and freeze the
        scores. Validating is the référent's (Éco-clic manager's) part."""
        self.check_access("write")  # before reading the pre-answers as superuser
        self._ecoclic_check_prefills_explained()
        if not self.env.user.has_group("ecoclic_odoo.group_ecoclic_manager"):
            raise AccessError(
                self.env._("Only a référent (Éco-clic manager) validates an assessment.")
            )
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s is already submitted.", name=assessment._ecoclic_full_name()
                    )
                )
            missing = assessment._ecoclic_missing_by_axis()
            if missing:
                detail = ", ".join(
                    self.env._("%(axis)s: %(count)s", axis=axis.name, count=count)
                    for axis, count in missing
                )
                raise UserError(
                    self.env._(
                        "This assessment cannot be submitted yet: some questions are not "
                        "answered (%(detail)s).",
                        detail=detail,
                    )
                )
        inputs = self.sudo().user_input_id
        inputs.filtered(lambda i: i.state != "done")._mark_done()
        self.sudo().with_context(ecoclic_submitter=self.env.uid)._ecoclic_freeze()
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def _ecoclic_answers_completed(self):
        """Survey's last page was submitted: ask the référent to validate, in the
        référent's language (the last answer may come from anyone, or from no one's
        language: the demo, an import)."""
        for assessment in self.filtered(lambda a: a.state == "draft"):
            if not assessment.activity_search(["mail.mail_activity_data_todo"]):
                user = assessment.responsible_id or self.env.user
                env = self.with_context(lang=user.lang or self.env.lang).env
                assessment.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=env._("Validate the assessment"),
                    note=env._(
                        "Every question is answered: check the answers and submit the "
                        "assessment to freeze its scores."
                    ),
                )

    def _ecoclic_missing_by_axis(self):
        self.ensure_one()
        result = self._ecoclic_results()[self.id]
        axes = self.env["ecoclic.axis"].browse(list(result.axes)).sorted()
        return [
            (axis, result.axes[axis.id].in_scope - result.axes[axis.id].answered)
            for axis in axes
            if result.axes[axis.id].answered < result.axes[axis.id].in_scope
        ]

    def _ecoclic_freeze(self):
        """Store the scores of these assessments, once and for all."""
        results = self._ecoclic_results()
        targets = self.company_id._ecoclic_targets()
        lines = []
        for assessment in self:
            result = results[assessment.id]
            company_targets = targets[assessment.company_id.id]
            lines += [
                {
                    "assessment_id": assessment.id,
                    "axis_id": axis_id,
                    "score": axis.score or 0,
                    "weight_sum": axis.weight_sum,
                    "max_sum": axis.max_sum,
                    "answered_count": axis.answered,
                    "in_scope_count": axis.in_scope,
                    "target_score": company_targets[axis_id],
                }
                for axis_id, axis in result.axes.items()
                if axis.max_sum
            ]
            assessment.write(
                {
                    "state": "submitted",
                    "overall_score": result.overall.score or 0,
                    "grade": scoring.grade(result.overall.score or 0),
                    "target_score": assessment.company_id.ecoclic_target_score,
                    "date_submitted": fields.Datetime.now(),
                    "submitted_by_id": self.env.context.get("ecoclic_submitter", self.env.uid),
                    # the groups it is compared in, as the profile stands now, once and for all
                    **assessment.company_id._ecoclic_segment_values(),
                }
            )
        self.env["ecoclic.assessment.axis"].sudo().create(lines)
        self._ecoclic_recommend()

    # ------------------------------------------------------------------
    # Scores (set-based: a fixed number of queries whatever the questionnaire size)
    # ------------------------------------------------------------------
    def _ecoclic_results(self):
        """{assessment id: scoring.Result} computed from the answers."""
        inputs = self.sudo().user_input_id
        questions_by_survey = self._ecoclic_scoring_questions(inputs.survey_id)
        chosen = self._ecoclic_scoring_answers(inputs, questions_by_survey)
        asked = {
            user_input.id: set(user_input.predefined_question_ids.ids) for user_input in inputs
        }
        return {
            assessment.id: scoring.score(
                questions_by_survey.get(assessment.survey_id.id, {}),
                asked.get(assessment.user_input_id.id, set()),
                chosen.get(assessment.user_input_id.id, {}),
            )
            for assessment in self
        }

    def _ecoclic_scoring_questions(self, surveys):
        """{survey id: {question id: scoring.Question}}, the questions of these surveys as
        the scoring reads them (one query)."""
        records = (
            self.env["survey.question"]
            .sudo()
            .search_fetch(
                [("survey_id", "in", surveys.ids), ("is_page", "=", False)],
                [
                    "survey_id",
                    "ecoclic_axis_id",
                    "ecoclic_max_weight",
                    "ecoclic_scored",
                    "triggering_answer_ids",
                    "sequence",
                ],
            )
        )
        questions_by_survey = {survey.id: {} for survey in surveys}
        for question in records:
            questions_by_survey[question.survey_id.id][question.id] = scoring.Question(
                id=question.id,
                axis_id=question.ecoclic_axis_id.id,
                max_weight=question.ecoclic_max_weight,
                scored=question.ecoclic_scored,
                triggers=frozenset(question.triggering_answer_ids.ids),
                sequence=question.sequence,
            )
        return questions_by_survey

    def _ecoclic_scoring_answers(self, inputs, questions_by_survey):
        """{user input id: {question id: (answer id, weight)}}: the answers chosen in these
        user inputs; an unscored question answered by text counts as (False, 0)."""
        lines = (
            self.env["survey.user_input.line"]
            .sudo()
            .search_fetch(
                [("user_input_id", "in", inputs.ids), ("skipped", "=", False)],
                ["user_input_id", "question_id", "suggested_answer_id", "answer_type"],
            )
        )
        lines.suggested_answer_id.fetch(["ecoclic_weight"])
        scored = {
            qid
            for questions in questions_by_survey.values()
            for qid, question in questions.items()
            if question.scored
        }
        chosen = {user_input.id: {} for user_input in inputs}
        for line in lines:
            answers = chosen[line.user_input_id.id]
            question_id = line.question_id.id
            if line.answer_type == "suggestion":
                answer = line.suggested_answer_id
                answers[question_id] = (answer.id, answer.ecoclic_weight)
            elif question_id not in scored:
                # Only an unscored question is answered by text; a comment added to a
                # choice is not an answer and must not hide the choice.
                answers.setdefault(question_id, (False, 0))
        return chosen

    @api.depends("user_input_id.user_input_line_ids", "state")
    def _compute_live(self):
        drafts = self.filtered(lambda a: a.state == "draft" and a.user_input_id)
        results = drafts._ecoclic_results() if drafts else {}
        for assessment in self:
            result = results.get(assessment.id)
            if result:
                assessment.progress = result.overall.progress
                assessment.live_score = result.overall.score or 0
            else:
                assessment.progress = 100 if assessment.state == "submitted" else 0
                assessment.live_score = assessment.overall_score

    def _ecoclic_axis_rows(self):
        """[(axis, score, progress, target)] for one assessment: frozen, or live for drafts
        (where an axis not answered yet has the score None)."""
        self.ensure_one()
        targets = self.company_id._ecoclic_targets()[self.company_id.id]
        if self.state == "submitted":
            return [
                (line.axis_id, line.score, 100, line.target_score)
                for line in self.axis_score_ids.sorted(
                    lambda line: (line.axis_id.sequence, line.id)
                )
            ]
        result = self._ecoclic_results()[self.id]
        axes = self.env["ecoclic.axis"].browse(list(result.axes)).sorted()
        # An axis with no answer yet has no score (None), rather than a score of 0.
        return [
            (axis, result.axes[axis.id].score, result.axes[axis.id].progress, targets[axis.id])
            for axis in axes
        ]

    # ------------------------------------------------------------------
    # History, peers and the radar chart
    # ------------------------------------------------------------------
    def _ecoclic_history(self):
        """Submitted assessments of the same collectivity up to this one, oldest first."""
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id), ("state", "=", "submitted")]
        if self.state == "submitted":
            domain.append(("date_submitted", "<=", self.date_submitted))
        return self.search(domain, order="date_submitted, id")

    def _compute_chart_data(self):
        """The radar/trend data, the peer table and (for a draft) the progress per axis,
        from one computation of the scores and one of the peers."""
        for assessment in self:
            if not assessment.id:
                assessment.chart_data = assessment.peer_html = False
                assessment.axis_progress_html = False
                continue
            rows = assessment._ecoclic_axis_rows()
            assessment.axis_progress_html = (
                self.env["ir.qweb"]._render(
                    "ecoclic_odoo.assessment_axis_progress",
                    {"rows": rows},
                )
                if assessment.state == "draft"
                else False
            )
            peers = assessment._ecoclic_peer_stats()
            reference = next((seg for seg in peers["segments"] if seg["shown"]), None)
            assessment.chart_data = {
                "labels": [axis.name for axis, *_rest in rows],
                "score": [score for _axis, score, *_rest in rows],
                "target": [target for *_rest, target in rows],
                "peer": [
                    reference["axes"].get(axis.id, {}).get("median") if reference else None
                    for axis, *_rest in rows
                ],
                "peer_label": reference["label"] if reference else False,
                "trend": [
                    {
                        "date": format_date(
                            self.env, fields.Datetime.context_timestamp(self, past.date_submitted)
                        ),
                        "score": past.overall_score,
                    }
                    for past in assessment._ecoclic_history()
                ],
                "strings": {
                    "score": self.env._("Score"),
                    "target": self.env._("Target"),
                    "peer": self.env._("Peer median"),
                    "trend": self.env._("Overall score over time"),
                },
            }
            assessment.peer_html = self.env["ir.qweb"]._render(
                "ecoclic_odoo.assessment_peer_table",
                {"assessment": assessment, "stats": peers, "rows": rows},
            )

    # ------------------------------------------------------------------
    # Answers from the data (see indicators.py)
    # ------------------------------------------------------------------
    prefill_ids = fields.One2many(
        "ecoclic.assessment.prefill", "assessment_id", string="Answers from the data", readonly=True
    )

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
                    "ecoclic_indicator"
                )
                for question in questions:
                    if question.ecoclic_indicator not in company_values:
                        continue
                    value, start, end = company_values[question.ecoclic_indicator]
                    answer = self.env["ecoclic.assessment.prefill"]._ecoclic_pick_answer(
                        question, value
                    )
                    if not answer:
                        continue
                    prefills.append(
                        {
                            "assessment_id": assessment.id,
                            "question_id": question.id,
                            "indicator": question.ecoclic_indicator,
                            "value": value,
                            "date_from": start,
                            "date_to": end,
                            "answer_id": answer.id,
                        }
                    )
                    lines.append(
                        {
                            "user_input_id": assessment.user_input_id.id,
                            "question_id": question.id,
                            "answer_type": "suggestion",
                            "suggested_answer_id": answer.id,
                            "skipped": False,
                        }
                    )
        self.env["ecoclic.assessment.prefill"].sudo().create(prefills)
        Line.create(lines)

    def _ecoclic_check_prefills_explained(self):
        """A pre-answer the référent changed needs a word of explanation."""
        for assessment in self:
            unexplained = assessment.sudo().prefill_ids.filtered(
                lambda p: p.overridden and p.current_answer_id and not (p.comment or "").strip()
            )
            if unexplained:
                raise UserError(
                    self.env._(
                        "Some answers computed from your data were changed without a comment: "
                        "%(questions)s. Say in the question's comment why the figure does not "
                        "reflect your situation.",
                        questions=", ".join(unexplained.question_id.mapped("title")),
                    )
                )

    # ------------------------------------------------------------------
    # Recommendations
    # ------------------------------------------------------------------
    recommendation_ids = fields.One2many(
        "ecoclic.recommendation", "assessment_id", string="Recommendations", readonly=True
    )
    recommendation_count = fields.Integer(compute="_compute_recommendation_count")

    def _compute_recommendation_count(self):
        counts = dict(
            self.env["ecoclic.recommendation"]._read_group(
                [("assessment_id", "in", self.ids)], ["assessment_id"], ["__count"]
            )
        )
        for assessment in self:
            assessment.recommendation_count = counts.get(assessment, 0)

    def _ecoclic_recommend(self):
        """Recommendations of these submitted assessments, ranked; a fixed number of
        queries whatever the number of assessments, actions and answers."""
        self = self.sudo()
        self.recommendation_ids.unlink()
        actions = self.env["ecoclic.action"].search(
            [("triggers", "!=", False), ("company_id", "in", [False] + self.company_id.ids)]
        )
        chosen = self._ecoclic_chosen_answers()
        gaps = {(row.assessment_id.id, row.axis_id.id): row.gap for row in self.axis_score_ids}
        avoided = actions._ecoclic_avoided_criteria(self.company_id)
        triggers = {action.id: parse_triggers(action.triggers) for action in actions}
        vals_list = []
        for assessment in self:
            answers = chosen.get(assessment.user_input_id.id, {})
            candidates = []
            for action in actions:
                if action.company_id and action.company_id != assessment.company_id:
                    continue
                hits = sorted(triggers[action.id] & set(answers))
                if not hits:
                    continue
                gap = gaps.get((assessment.id, action.axis_id.id), 0)
                score = action.impact * (max(gap, 0) + 1) / action.effort
                saved = avoided.get((assessment.company_id.id, action.id), NOTHING_AVOIDED)
                candidates.append((score, action, gap, saved, answers[hits[0]]))
            candidates.sort(key=recommendation_order)
            vals_list += [
                assessment._prepare_recommendation_vals(rank, *candidate)
                for rank, candidate in enumerate(candidates, 1)
            ]
        return self.env["ecoclic.recommendation"].create(vals_list)

    def _ecoclic_chosen_answers(self):
        """{user input id: {(question code, 1-based position of the answer): answer}}: the
        choices of these assessments, in the terms of the actions' triggers."""
        lines = self.env["survey.user_input.line"].search_fetch(
            [("user_input_id", "in", self.user_input_id.ids), ("answer_type", "=", "suggestion")],
            ["user_input_id", "question_id", "suggested_answer_id"],
        )
        # answer -> (question code, 1-based position among the question's answers)
        positions = {}
        for question in lines.question_id:
            for position, answer in enumerate(
                question.suggested_answer_ids.sorted(lambda a: (a.sequence, a.id)), 1
            ):
                positions[answer.id] = (question.ecoclic_code, position)
        chosen = {}
        for line in lines:
            key = positions.get(line.suggested_answer_id.id)
            if key:
                chosen.setdefault(line.user_input_id.id, {})[key] = line.suggested_answer_id
        return chosen

    def _prepare_recommendation_vals(self, rank, score, action, gap, saved, answer):
        """Values of the recommendation of `action` for this assessment (a hook for other
        add-ons); `saved` is the footprint it avoids per year on the three criteria."""
        return {
            "assessment_id": self.id,
            "action_id": action.id,
            "rank": rank,
            "score": score,
            "gap": gap,
            "avoided": saved.gwp,
            "trigger_answer_id": answer.id,
        }

    @api.readonly
    def action_open_recommendations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recommendations"),
            "res_model": "ecoclic.recommendation",
            "view_mode": "list,form",
            "domain": [("assessment_id", "=", self.id)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Exports: the spreadsheet, the printed report, the REEN summary
    # ------------------------------------------------------------------
    def _ecoclic_reen_summary(self):
        """The REEN annual summary (loi REEN art. 35, décret 2022-1084): for each of the six
        themes, the axes it maps to with their scores and targets, the fleet and purchase
        indicators that document it, and the actions of the plan done and under way."""
        self.ensure_one()
        company = self.company_id
        themes = self.env["ecoclic.reen.theme"].search([])
        lines = self.env["ecoclic.plan.line"].search([("company_id", "=", company.id)])
        indicators = (
            company.sudo()
            ._ecoclic_indicator_values(fields.Date.context_today(self))
            .get(company.id, {})
        )
        labels = self._ecoclic_figure_labels()
        all_axes = self.env["ecoclic.axis"].search([("reen_theme_ids", "in", themes.ids)])
        rows = []
        for theme in themes:
            axes = all_axes.filtered(lambda axis, theme=theme: theme in axis.reen_theme_ids)
            theme_lines = lines.filtered(lambda line, axes=axes: line.axis_id in axes)
            rows.append(
                {
                    "theme": theme.name,
                    "axes": self._ecoclic_reen_axes(axes),
                    "figures": self._ecoclic_reen_figures(theme, indicators, labels),
                    "done": theme_lines.filtered(lambda line: line.state == "done").mapped("name"),
                    "in_progress": theme_lines.filtered(
                        lambda line: line.state in ("planned", "in_progress")
                    ).mapped("name"),
                }
            )
        return {
            "concerned": company.ecoclic_reen_concerned,
            "target": company.ecoclic_target_score,
            "target_date": company.ecoclic_target_date,
            "rows": rows,
            "title": self.env._("REEN annual summary"),
        }

    def _ecoclic_reen_axes(self, axes):
        """The axes of a REEN theme with this assessment's score and target on each."""
        scores = {row.axis_id: row for row in self.axis_score_ids}
        return [
            {
                "name": axis.name,
                "score": scores[axis].score if axis in scores else None,
                "target": scores[axis].target_score if axis in scores else None,
            }
            for axis in axes
        ]

    def _ecoclic_reen_figures(self, theme, indicators, labels):
        """The indicators that document a REEN theme: (label, value, value as the user's
        language writes it)."""
        env = self.with_context(lang=self.env.lang or "en_US").env
        return [
            (
                labels[key],
                round(indicators[key][0], FLEET_FIGURES.get(key, 1)),
                formatLang(env, indicators[key][0], digits=FLEET_FIGURES.get(key, 1)),
            )
            for key in REEN_THEME_FIGURES.get(theme.sequence, [])
            if key in indicators
        ]

    def _ecoclic_figure_labels(self):
        """{figure key: label} of the figures the REEN summary may show."""
        labels = dict(
            self.env["ecoclic.plan.indicator"]._fields["source"]._description_selection(self.env)
        )
        labels.update(
            fleet_footprint_gwp=self.env._("Fleet footprint, climate change (kg CO2e per year)"),
            fleet_footprint_adpe=self.env._(
                "Fleet footprint, abiotic depletion (kg Sb eq. per year)"
            ),
            fleet_footprint_pe=self.env._("Fleet footprint, primary energy (MJ per year)"),
            fleet_handled=self.env._("Equipment counted in the footprint"),
            fleet_undated=self.env._("Of which without an acquisition date"),
            fleet_unhandled=self.env._("Equipment left out of the footprint (without a category)"),
        )
        return labels

    @api.readonly
    def action_export_xlsx(self):
        """Download the assessment as a workbook: summary and scores with a chart, peers,
        recommendations, action plan and the REEN summary (streamed, see export_files)."""
        self.ensure_one()
        self._ecoclic_check_exportable()
        return download_action(self, "assessment-xlsx")

    def _ecoclic_check_exportable(self):
        self.ensure_one()
        if self.state != "submitted":
            raise UserError(self.env._("Only a submitted assessment is exported."))

    def _ecoclic_export(self, kind):
        """(file name, bytes, mimetype) of the export ``kind``, built as the current user,
        who must be able to read the assessment (collectivity users, OPSN staff)."""
        self.ensure_one()
        self.check_access("read")
        if kind != "assessment-xlsx":
            raise UserError(self.env._("Unknown export: %(kind)s", kind=kind))
        self._ecoclic_check_exportable()
        name = self.env._(
            "sobriety-assessment-%(company)s-%(date)s.xlsx",
            company=self.company_id.name,
            date=self.date_start.isoformat(),
        )
        return name, self._ecoclic_xlsx(), XLSX_MIME

    def _ecoclic_xlsx(self):
        """The workbook's bytes (built in memory: an assessment is a few hundred rows)."""
        self.ensure_one()
        buffer = io.BytesIO()
        book = new_workbook(buffer, {"in_memory": True})
        fmt = xlsx_formats(book)
        self._ecoclic_xlsx_summary(book, fmt)
        self._ecoclic_xlsx_peers(book, fmt)
        self._ecoclic_xlsx_recommendations(book, fmt)
        self._ecoclic_xlsx_plan(book, fmt)
        self._ecoclic_xlsx_reen(book, fmt)
        book.close()
        return buffer.getvalue()

    def _ecoclic_xlsx_summary(self, book, fmt):
        """The summary sheet: the assessment's facts, its scores per axis and their radar."""
        sheet = book.add_worksheet(self.env._("Summary"))
        write_text(sheet, 0, 0, self._ecoclic_full_name(), fmt["title"])
        top = self._ecoclic_xlsx_facts(sheet, fmt) + 1
        axes = self._ecoclic_xlsx_axis_scores(sheet, fmt, top)
        if axes:
            self._ecoclic_xlsx_radar(book, sheet, top, top + len(axes))

    def _ecoclic_xlsx_facts(self, sheet, fmt):
        """The assessment's facts, label and value, from the summary sheet's third row;
        the row after the last one."""
        facts = [
            (self.env._("Collectivity"), self.company_id.name),
            (self.env._("Questionnaire version"), self.survey_version),
            (self.env._("Started on"), self.date_start),
            (self.env._("Submitted on"), self.date_submitted and self.date_submitted.date()),
            (self.env._("Overall score"), self.overall_score),
            (self.env._("Grade"), self.grade),
            (self.env._("Target"), self.target_score),
            (self.env._("Against the target"), self.gap_label),
        ]
        for index, (label, value) in enumerate(facts, start=2):
            sheet.write(index, 0, label, fmt["bold"])
            if hasattr(value, "isoformat"):
                sheet.write_datetime(index, 1, fields.Datetime.to_datetime(value), fmt["date_fmt"])
            elif isinstance(value, str):
                write_text(sheet, index, 1, value)
            else:
                sheet.write(index, 1, value if value not in (None, False) else "")
        return len(facts) + 2

    def _ecoclic_xlsx_axis_scores(self, sheet, fmt, top):
        """The table of the scores per axis, its header on row `top`; the rows written."""
        write_header(
            fmt["head"],
            sheet,
            top,
            [
                self.env._("Axis"),
                self.env._("Score"),
                self.env._("Grade"),
                self.env._("Target"),
                self.env._("Against the target"),
            ],
            [34, 12, 10, 12, 30],
        )
        axes = self.axis_score_ids.sorted(lambda r: (r.axis_sequence, r.id))
        for index, row in enumerate(axes, start=top + 1):
            write_text(sheet, index, 0, row.axis_id.name)
            sheet.write_number(index, 1, row.score)
            sheet.write(index, 2, row.grade or "")
            sheet.write_number(index, 3, row.target_score)
            write_text(sheet, index, 4, row.gap_label)
        return axes

    def _ecoclic_xlsx_radar(self, book, sheet, top, last):
        """The radar of the scores and targets of the axis table (rows top + 1 to last),
        beside it."""
        chart = book.add_chart({"type": "radar", "subtype": "filled"})
        sheet_name = sheet.get_name()
        for name, column in ((self.env._("Score"), 1), (self.env._("Target"), 3)):
            chart.add_series(
                {
                    "name": name,
                    "categories": [sheet_name, top + 1, 0, last, 0],
                    "values": [sheet_name, top + 1, column, last, column],
                }
            )
        chart.set_title({"name": self.env._("Scores per axis")})
        chart.set_y_axis({"min": 0, "max": 100})
        sheet.insert_chart(top, 6, chart, {"x_scale": 1.3, "y_scale": 1.3})

    def _ecoclic_xlsx_peers(self, book, fmt):
        """The peers sheet, under the disclosure rule of `peers`."""
        _ = self.env._
        table = partial(write_header, fmt["head"])
        sheet = book.add_worksheet(self.env._("Peers"))
        table(
            sheet,
            0,
            [
                self.env._("Group of collectivities"),
                self.env._("Collectivities"),
                self.env._("1st quartile"),
                self.env._("Median"),
                self.env._("3rd quartile"),
                self.env._("Source"),
            ],
            [40, 14, 14, 12, 14, 30],
        )
        row = 1
        stats = self._ecoclic_peer_stats()
        for segment in stats["segments"]:
            write_text(sheet, row, 0, segment["label"])
            if segment["shown"]:
                overall = segment["overall"]
                sheet.write_number(row, 1, segment["count"])
                for col, key in ((2, "q1"), (3, "median"), (4, "q3")):
                    if overall[key] is None:  # the median alone: a small group
                        sheet.write(row, col, "–")
                    else:
                        sheet.write_number(row, col, overall[key])
                sheet.write(
                    row,
                    5,
                    self.env._("Reference benchmark")
                    if segment["reference"]
                    else self.env._("This instance"),
                )
            else:
                sheet.write(
                    row, 1, self.env._("Fewer than %(floor)s: not shown", floor=stats["floor"])
                )
            row += 1
        sheet.write(row + 1, 0, stats["note"])

    def _ecoclic_xlsx_recommendations(self, book, fmt):
        """The recommendations sheet, ranked."""
        _ = self.env._
        wrap, number = fmt["wrap"], fmt["number"]
        table = partial(write_header, fmt["head"])
        sheet = book.add_worksheet(self.env._("Recommendations"))
        table(
            sheet,
            0,
            [
                self.env._("Rank"),
                self.env._("Action"),
                self.env._("Axis"),
                self.env._("Level"),
                self.env._("Impact"),
                self.env._("Effort"),
                self.env._("Why"),
                self.env._("kg CO2e avoided per year"),
                self.env._("In the plan"),
            ],
            [8, 50, 24, 14, 10, 10, 60, 16, 16],
        )
        levels = dict(
            self.env["ecoclic.action"]._fields["priority"]._description_selection(self.env)
        )
        states = dict(
            self.env["ecoclic.plan.line"]._fields["state"]._description_selection(self.env)
        )
        for row, rec in enumerate(self.recommendation_ids.sorted("rank"), start=1):
            sheet.write_number(row, 0, rec.rank)
            write_text(sheet, row, 1, rec.action_id.name, wrap)
            write_text(sheet, row, 2, rec.axis_id.name)
            sheet.write(row, 3, levels.get(rec.priority, ""))
            sheet.write_number(row, 4, rec.impact)
            sheet.write_number(row, 5, rec.effort)
            write_text(sheet, row, 6, rec.why, wrap)
            sheet.write_number(row, 7, round(rec.avoided), number)
            sheet.write(row, 8, states.get(rec.plan_state, "") if rec.plan_state else "")

    def _ecoclic_xlsx_plan(self, book, fmt):
        """The collectivity's action plan."""
        _ = self.env._
        date_fmt, pct, wrap = fmt["date_fmt"], fmt["pct"], fmt["wrap"]
        number, money = fmt["number"], fmt["money"]
        table = partial(write_header, fmt["head"])
        states = dict(
            self.env["ecoclic.plan.line"]._fields["state"]._description_selection(self.env)
        )
        sheet = book.add_worksheet(self.env._("Action plan"))
        table(
            sheet,
            0,
            [
                self.env._("Action"),
                self.env._("Axis"),
                self.env._("Owner"),
                self.env._("Service in charge"),
                self.env._("Start"),
                self.env._("Due"),
                self.env._("Status"),
                self.env._("Progress"),
                self.env._("Budget"),
                self.env._("kg CO2e avoided per year"),
                self.env._("Success indicators"),
            ],
            [50, 24, 22, 18, 12, 12, 14, 10, 12, 16, 50],
        )
        plan = self.env["ecoclic.plan.line"].search([("company_id", "=", self.company_id.id)])
        for row, line in enumerate(plan, start=1):
            write_text(sheet, row, 0, line.name, wrap)
            write_text(sheet, row, 1, line.axis_id.name)
            write_text(sheet, row, 2, line.user_id.name)
            write_text(sheet, row, 3, line.department)
            for col, value in ((4, line.date_start), (5, line.date_due)):
                if value:
                    sheet.write_datetime(row, col, fields.Datetime.to_datetime(value), date_fmt)
            sheet.write(row, 6, states.get(line.state, ""))
            sheet.write_number(row, 7, line.progress / 100.0, pct)
            sheet.write_number(row, 8, line.budget, money)
            sheet.write_number(row, 9, round(line.avoided), number)
            write_text(
                sheet,
                row,
                10,
                "\n".join(f"{i.name}: {i.measured:g} / {i.target:g}" for i in line.indicator_ids),
                wrap,
            )

    def _ecoclic_xlsx_reen(self, book, fmt):
        """The REEN annual summary (loi REEN art. 35)."""
        _ = self.env._
        title, wrap = fmt["title"], fmt["wrap"]
        table = partial(write_header, fmt["head"])
        summary = self._ecoclic_reen_summary()
        sheet = book.add_worksheet(self.env._("REEN summary"))
        sheet.write(0, 0, summary["title"], title)
        sheet.write(
            1,
            0,
            self.env._("Concerned by the REEN strategy (over 50,000 inhabitants)")
            if summary["concerned"]
            else self.env._("Not bound by the REEN strategy (kept as a good practice)"),
        )
        table(
            sheet,
            3,
            [
                self.env._("REEN theme"),
                self.env._("Axes and scores"),
                self.env._("Figures"),
                self.env._("Actions done"),
                self.env._("Actions under way"),
            ],
            [36, 40, 40, 50, 50],
        )
        for row, item in enumerate(summary["rows"], start=4):
            write_text(sheet, row, 0, item["theme"], wrap)
            write_text(
                sheet,
                row,
                1,
                "\n".join(
                    f"{axis['name']}: {axis['score'] if axis['score'] is not None else '–'}"
                    f" / {axis['target'] if axis['target'] is not None else '–'}"
                    for axis in item["axes"]
                ),
                wrap,
            )
            write_text(
                sheet,
                row,
                2,
                "\n".join(f"{label}: {text}" for label, _value, text in item["figures"]),
                wrap,
            )
            write_text(sheet, row, 3, "\n".join(item["done"]), wrap)
            write_text(sheet, row, 4, "\n".join(item["in_progress"]), wrap)

    @api.readonly
    def action_print_report(self):
        self.ensure_one()
        return self.env.ref("ecoclic_odoo.action_report_ecoclic_assessment").report_action(self)

    # ------------------------------------------------------------------
    # Peers: the groups an assessment is compared in, frozen when it is submitted
    # ------------------------------------------------------------------
    # The collectivity's profile as it stood when the assessment was submitted: the groups
    # the assessment is compared in, and in which others see its scores.
    segment_collectivity_type = fields.Selection(
        COLLECTIVITY_TYPES,
        string="Type at submission",
        compute="_compute_segment",
        store=True,
        readonly=True,
        copy=False,
    )
    segment_population_band = fields.Selection(
        POPULATION_BAND_LABELS,
        string="Population band at submission",
        compute="_compute_segment",
        store=True,
        readonly=True,
        copy=False,
    )
    segment_departement_id = fields.Many2one(
        "ecoclic.departement",
        string="Department at submission",
        compute="_compute_segment",
        store=True,
        readonly=True,
        copy=False,
    )
    segment_region_id = fields.Many2one(
        "ecoclic.region",
        string="Region at submission",
        compute="_compute_segment",
        store=True,
        readonly=True,
        copy=False,
    )
    segment_intercommunality_id = fields.Many2one(
        "res.company",
        string="Intercommunality at submission",
        compute="_compute_segment",
        store=True,
        readonly=True,
        copy=False,
    )

    @api.depends("state")
    def _compute_segment(self):
        """The profile as it stands when the assessment becomes submitted (on install, for
        the demo's assessments, too), then never again: it depends on the state only, and
        a submitted assessment stays submitted. `_ecoclic_freeze` writes the same values."""
        for assessment in self:
            if assessment.state == "submitted":
                assessment.update(assessment.company_id.sudo()._ecoclic_segment_values())
            else:
                assessment.update(dict.fromkeys(SEGMENT_FIELDS, False))

    @api.model
    def _ecoclic_latest_submitted_sql(self, columns, where):
        """The latest submitted assessment of each collectivity that `where` keeps: one row
        per company, with `columns` of `a` (the assessment; `c` is its company). Peers,
        portfolios and benchmarks all read it as `WITH latest AS (...)`."""
        return SQL(
            """
                SELECT DISTINCT ON (a.company_id) %(columns)s
                  FROM ecoclic_assessment a JOIN res_company c ON c.id = a.company_id
                 WHERE a.state = %(submitted)s AND %(where)s
              ORDER BY a.company_id, a.date_submitted DESC, a.id DESC
            """,
            columns=columns,
            submitted="submitted",
            where=where,
        )

    def _ecoclic_peer_segment(self):
        """{type, band, departement, region, intercommunality} the assessment is compared
        by: its own snapshot once submitted; for a draft, the snapshot of the collectivity's
        latest submitted assessment, or its current profile if it has none."""
        self.ensure_one()
        source = self.sudo()
        if self.state != "submitted":
            source = source.search(
                [("company_id", "=", self.company_id.id), ("state", "=", "submitted")],
                order="date_submitted desc, id desc",
                limit=1,
            )
        values = (
            {name: source[name] for name in SEGMENT_FIELDS}
            if source
            else self.company_id.sudo()._ecoclic_segment_values()
        )
        values = {
            name: value.id if isinstance(value, models.BaseModel) else value
            for name, value in values.items()
        }
        return {
            "type": values["segment_collectivity_type"],
            "band": values["segment_population_band"],
            "departement": values["segment_departement_id"],
            "region": values["segment_region_id"],
            "intercommunality": values["segment_intercommunality_id"],
        }

    def _ecoclic_peer_stats(self):
        """Quartiles of the latest submitted scores of other collectivities, per group.

        Every collectivity is placed by the profile frozen on its latest submitted
        assessment, and the viewer by `_ecoclic_peer_segment`. One query for every group
        and axis; never a name; the figures are those `peers.publish` lets through (none
        below the floor, the median alone below QUARTILE_FLOOR, rounded below
        PRECISE_FLOOR).
        """
        self.ensure_one()
        mine = self._ecoclic_peer_segment()
        active = self._ecoclic_peer_filters(mine)
        segments = self._ecoclic_peer_aggregates(active)
        # Below the floor, an imported reference benchmark may stand in for the instance.
        result = self._ecoclic_peer_reference(segments, mine)
        return {
            "floor": peers.PEER_FLOOR,
            "quartile_floor": peers.QUARTILE_FLOOR,
            "precise_floor": peers.PRECISE_FLOOR,
            "step": peers.COARSE_STEP,
            "note": self.env._(
                "Each collectivity counts in the groups of its profile as it stood when its "
                "assessment was submitted. Quartiles from %(quartiles)s collectivities; "
                "figures of groups under %(precise)s rounded to %(step)s points.",
                quartiles=peers.QUARTILE_FLOOR,
                precise=peers.PRECISE_FLOOR,
                step=peers.COARSE_STEP,
            ),
            "segments": result,
        }

    @api.model
    def _ecoclic_peer_filters(self, mine):
        """[(group key, SQL condition on x)] of the groups the segment `mine` belongs to."""
        filters = {
            "type_band": mine["type"]
            and mine["band"]
            and SQL("x.type = %s AND x.band = %s", mine["type"], mine["band"]),
            "departement": mine["departement"]
            and SQL("x.departement_id = %s", mine["departement"]),
            "region": mine["region"] and SQL("x.region_id = %s", mine["region"]),
            "intercommunality": mine["intercommunality"]
            and SQL("x.intercommunality_id = %s", mine["intercommunality"]),
            "all": SQL("TRUE"),
        }
        return [(key, flt) for key, flt in filters.items() if flt]

    def _ecoclic_peer_aggregates(self, active):
        """{group key: segment} of the other collectivities' latest submitted scores, for
        the groups `active`, overall and per axis, as `peers.publish` lets them through:
        one query."""
        self.env["ecoclic.assessment"].flush_model()
        self.env["ecoclic.assessment.axis"].flush_model()
        self.env.cr.execute(self._ecoclic_peer_sql(active))
        # Fetched before the labels: their first translation in a process reads the
        # database on the same cursor (every figure was empty then).
        rows = self.env.cr.fetchall()
        labels = dict(self.env["ecoclic.assessment"]._ecoclic_segment_labels())
        segments = {
            key: {"key": key, "label": labels[key], "count": 0, "overall": {}, "axes": {}}
            for key, _flt in active
        }
        for row in rows:
            axis_id, values = row[0], row[1:]
            for index, (key, _flt) in enumerate(active):
                count, quartiles = values[2 * index], values[2 * index + 1]
                if axis_id:
                    # Each axis is held to the rule too (an axis may have fewer scores).
                    stats = peers.publish(count, *(quartiles or (None,) * 3))
                    if stats:
                        segments[key]["axes"][axis_id] = stats
                else:
                    segments[key]["count"] = count
                    segments[key]["overall"] = (
                        peers.publish(count, *(quartiles or (None,) * 3)) or {}
                    )
        return segments

    def _ecoclic_peer_sql(self, active):
        """The query of `_ecoclic_peer_aggregates`: per axis (0: the overall score), the
        count and quartiles of each group `active`."""
        aggregates = SQL(", ").join(
            SQL(
                "count(*) FILTER (WHERE %(f)s), "
                "percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY x.score) "
                "FILTER (WHERE %(f)s)",
                f=flt,
            )
            for _key, flt in active
        )
        return SQL(
            """
            WITH latest AS (%(latest)s), x AS (
                SELECT l.type, l.band, l.departement_id, l.region_id, l.intercommunality_id,
                       0 AS axis_id, l.overall_score AS score
                  FROM latest l
                 UNION ALL
                SELECT l.type, l.band, l.departement_id, l.region_id, l.intercommunality_id,
                       s.axis_id, s.score
                  FROM latest l JOIN ecoclic_assessment_axis s ON s.assessment_id = l.id
            )
            SELECT x.axis_id, %(aggregates)s
              FROM x
             WHERE x.type IS NOT NULL
          GROUP BY x.axis_id
            """,
            latest=self.env["ecoclic.assessment"]._ecoclic_latest_submitted_sql(
                SQL(
                    "a.id, a.company_id, a.overall_score, a.segment_collectivity_type AS "
                    "type, a.segment_population_band AS band, a.segment_departement_id AS "
                    "departement_id, a.segment_region_id AS region_id, "
                    "a.segment_intercommunality_id AS intercommunality_id"
                ),
                SQL("a.company_id != %(company)s", company=self.company_id.id),
            ),
            aggregates=aggregates,
        )

    @api.model
    def _ecoclic_peer_reference(self, segments, mine):
        """The segments as shown: a group below the floor shows nothing of this instance,
        and the imported reference benchmark's figures where it has some."""
        reference = self.env["ecoclic.benchmark"]._ecoclic_lookup(mine)
        result = []
        for segment in segments.values():
            segment["shown"] = bool(segment["overall"])
            segment["reference"] = False
            if not segment["shown"]:  # never hand out figures below the floor
                segment["axes"] = {}
                imported = reference.get(segment["key"])
                if imported and imported["overall"]:
                    segment.update(
                        shown=True,
                        reference=True,
                        count=imported["overall"]["count"],
                        overall=imported["overall"],
                        axes=imported["axes"],
                    )
            result.append(segment)
        return result

    @api.model
    def _ecoclic_segment_labels(self):
        """The groups of collectivities a score is compared with, in display order."""
        _ = self.env._
        return [
            ("type_band", self.env._("Same type and population band")),
            ("departement", self.env._("Same department")),
            ("region", self.env._("Same region")),
            ("intercommunality", self.env._("Same intercommunality")),
            ("all", self.env._("All collectivities")),
        ]
