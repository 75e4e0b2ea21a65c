# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from . import scoring
from .ecoclic_views import read_only_outside_collectivity
from .peers import PEER_FLOOR  # noqa: F401 (imported from here by other modules)

MATURITY_LEVELS = [
    ("A", "Exemplary"),
    ("B", "Advanced"),
    ("C", "Committed"),
    ("D", "Getting started"),
    ("E", "To be built"),
]
GRADE_SELECTION = [(letter, letter) for letter, _lower in scoring.GRADES]
# Set by the assessment itself (creation, freezing), never written by users.
PROTECTED_FIELDS = frozenset({
    "company_id", "survey_id", "user_input_id", "state", "level2", "date_start",
    "date_submitted", "submitted_by_id", "overall_score", "grade", "target_score",
    "axis_score_ids", "segment_collectivity_type", "segment_population_band",
    "segment_departement_id", "segment_region_id", "segment_intercommunality_id",
})


def gap_text(env, target, score):
    """The score against the target in words: a gap alone (−1, +21) reads both ways."""
    if not target:
        return env._("No target set")
    if score < target:
        return env._("%(points)s points short of the target", points=target - score)
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
        "res.company", string="Collectivity", required=True, index=True, readonly=True,
        default=lambda self: self.env.company,
    )
    survey_id = fields.Many2one(
        "survey.survey", string="Questionnaire", required=True, readonly=True,
        ondelete="restrict",
        domain=[("ecoclic_is_maturity", "=", True), ("ecoclic_version_state", "=", "published")],
        default=lambda self: self._default_survey(),
    )
    survey_version = fields.Integer(related="survey_id.ecoclic_version", string="Version")
    user_input_id = fields.Many2one(
        "survey.user_input", string="Answers", readonly=True, copy=False, ondelete="restrict",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft", required=True, readonly=True, tracking=True, copy=False,
    )
    responsible_id = fields.Many2one(
        "res.users", string="Référent", default=lambda self: self.env.user, tracking=True,
        domain="[('company_ids', 'in', company_id)]",
    )
    level2 = fields.Boolean(
        string="Deeper questionnaire", readonly=True,
        help="The level-2 questions were asked (as set for the collectivity when it started).",
    )
    date_start = fields.Date(
        string="Started on", default=fields.Date.context_today, required=True, readonly=True,
    )
    date_submitted = fields.Datetime(string="Submitted on", readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", string="Submitted by", readonly=True,
                                      copy=False)
    overall_score = fields.Integer(string="Score", readonly=True, copy=False,
                                   aggregator="avg")
    grade = fields.Selection(GRADE_SELECTION, readonly=True, copy=False)
    maturity_level = fields.Selection(MATURITY_LEVELS, string="Maturity level",
                                      compute="_compute_maturity_level")
    target_score = fields.Integer(
        string="Target", readonly=True, copy=False,
        help="The overall target of the collectivity when the assessment was submitted.",
    )
    gap = fields.Integer(
        string="Gap to target", compute="_compute_gap",
        help="Target minus score: what is left to gain.",
    )
    gap_label = fields.Char(string="Against the target", compute="_compute_gap")
    axis_score_ids = fields.One2many(
        "ecoclic.assessment.axis", "assessment_id", string="Scores per axis", readonly=True,
        copy=False,
    )
    progress = fields.Integer(
        string="Answered (%)", compute="_compute_live",
        help="Share of the questions in scope that are answered.",
    )
    live_score = fields.Integer(string="Current score", compute="_compute_live")
    chart_data = fields.Json(string="Maturity chart", compute="_compute_chart_data")
    peer_html = fields.Html(string="Comparison with peers", compute="_compute_chart_data",
                            sanitize=False)
    axis_progress_html = fields.Html(string="Progress per axis",
                                     compute="_compute_chart_data", sanitize=False)

    @api.model
    def _default_survey(self):
        # The published questionnaire is shared reference data; référents and agents do
        # not read survey's records (a New assessment failed on that access error).
        return self.env["survey.survey"].sudo().search(
            [("ecoclic_is_maturity", "=", True), ("ecoclic_version_state", "=", "published")],
            order="ecoclic_version desc", limit=1,
        )

    @api.model
    def get_views(self, views, options=None):
        """No New, no editing, where the current company is not a collectivity: OPSN staff
        read their portfolio's assessments, only a collectivity's own users change them."""
        return read_only_outside_collectivity(self.env, super().get_views(views, options))

    @api.depends("date_start", "company_id")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = _(
                "%(company)s – assessment of %(date)s",
                company=assessment.company_id.name,
                date=format_date(self.env, assessment.date_start),
            )

    @api.depends("grade")
    def _compute_maturity_level(self):
        for assessment in self:
            assessment.maturity_level = assessment.grade

    @api.depends("overall_score", "target_score", "state", "live_score")
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
        return super().write(vals)

    def _ecoclic_check_protected(self, vals, creating=False):
        """Scores, state and links are set by the assessment itself, never by hand."""
        if self.env.su:
            return
        protected = PROTECTED_FIELDS - ({"company_id", "survey_id"} if creating else set())
        forbidden = protected & set(vals)
        if forbidden:
            raise AccessError(
                _(
                    "These fields of an assessment are set by the application only: %(fields)s.",
                    fields=", ".join(sorted(forbidden)),
                )
            )

    def _ecoclic_check_survey(self):
        for assessment in self.sudo():
            survey = assessment.survey_id
            if not survey.ecoclic_is_maturity or survey.ecoclic_version_state != "published":
                raise UserError(
                    _("An assessment answers a published maturity questionnaire; %(survey)s is not one.",
                      survey=survey.title)
                )

    def _ecoclic_create_user_inputs(self):
        """One survey answer per assessment, with the questions of the collectivity's level."""
        UserInput = self.env["survey.user_input"].sudo()
        for assessment in self.filtered(lambda a: not a.user_input_id):
            company = assessment.company_id
            assessment.level2 = company.ecoclic_level2_enabled
            questions = assessment.survey_id.sudo()._prepare_user_input_predefined_questions()
            if not assessment.level2:
                questions = questions.filtered(lambda q: q.ecoclic_level != "2")
            assessment.user_input_id = UserInput.create({
                "survey_id": assessment.survey_id.id,
                "ecoclic_company_id": company.id,
                "predefined_question_ids": [fields.Command.set(questions.ids)],
            })

    @api.constrains("responsible_id", "company_id")
    def _check_responsible_company(self):
        for assessment in self:
            assessment.company_id._ecoclic_check_members(
                assessment.responsible_id, _("the référent"))

    def action_answer(self):
        """Open the questionnaire in survey's pages, where answers are saved as you go."""
        self.ensure_one()
        # The tokens open the answers for writing: only the collectivity's own users get
        # them (OPSN staff read the portfolio's assessments, never answer them).
        self.check_access("write")
        if self.state != "draft":
            raise UserError(_("This assessment is submitted: its answers can no longer change."))
        user_input = self.user_input_id.sudo()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": f"/survey/{user_input.survey_id.access_token}/{user_input.access_token}",
        }

    def action_submit(self):
        """Validate: refuse an incomplete assessment, else close the answers and freeze the
        scores. Validating is the référent's (Éco-clic manager's) part."""
        if not self.env.user.has_group("ecoclic_odoo.group_ecoclic_manager"):
            raise AccessError(_("Only a référent (Éco-clic manager) validates an assessment."))
        self.check_access("write")
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(_("%(name)s is already submitted.", name=assessment.display_name))
            missing = assessment._ecoclic_missing_by_axis()
            if missing:
                detail = ", ".join(
                    self.env._("%(axis)s: %(count)s", axis=axis.name, count=count)
                    for axis, count in missing
                )
                raise UserError(
                    _(
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
        """Survey's last page was submitted: ask the référent to validate."""
        for assessment in self.filtered(lambda a: a.state == "draft"):
            if not assessment.activity_search(["mail.mail_activity_data_todo"]):
                assessment.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=(assessment.responsible_id or self.env.user).id,
                    summary=_("Validate the assessment"),
                    note=_("Every question is answered: check the answers and submit the "
                           "assessment to freeze its scores."),
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
            assessment.write({
                "state": "submitted",
                "overall_score": result.overall.score or 0,
                "grade": scoring.grade(result.overall.score or 0),
                "target_score": assessment.company_id.ecoclic_target_score,
                "date_submitted": fields.Datetime.now(),
                "submitted_by_id": self.env.context.get("ecoclic_submitter", self.env.uid),
                # the groups it is compared in, as the profile stands now, once and for all
                **assessment.company_id._ecoclic_segment_values(),
            })
        self.env["ecoclic.assessment.axis"].sudo().create(lines)

    # ------------------------------------------------------------------
    # Scores (set-based: a fixed number of queries whatever the questionnaire size)
    # ------------------------------------------------------------------
    def _ecoclic_results(self):
        """{assessment id: scoring.Result} computed from the answers."""
        inputs = self.sudo().user_input_id
        surveys = inputs.survey_id
        Question = self.env["survey.question"].sudo()
        records = Question.search_fetch(
            [("survey_id", "in", surveys.ids), ("is_page", "=", False)],
            ["survey_id", "ecoclic_axis_id", "ecoclic_max_weight", "ecoclic_scored",
             "triggering_answer_ids", "sequence"],
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
        lines = self.env["survey.user_input.line"].sudo().search_fetch(
            [("user_input_id", "in", inputs.ids), ("skipped", "=", False)],
            ["user_input_id", "question_id", "suggested_answer_id", "answer_type"],
        )
        lines.suggested_answer_id.fetch(["ecoclic_weight"])
        scored = {qid for questions in questions_by_survey.values()
                  for qid, question in questions.items() if question.scored}
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
                for line in self.axis_score_ids.sorted(lambda l: (l.axis_id.sequence, l.id))
            ]
        result = self._ecoclic_results()[self.id]
        axes = self.env["ecoclic.axis"].browse(list(result.axes)).sorted()
        # An axis with no answer yet has no score (None), rather than a score of 0.
        return [
            (axis, result.axes[axis.id].score, result.axes[axis.id].progress,
             targets[axis.id])
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
            assessment.axis_progress_html = self.env["ir.qweb"]._render(
                "ecoclic_odoo.assessment_axis_progress", {"rows": rows},
            ) if assessment.state == "draft" else False
            peers = assessment._ecoclic_peer_stats()
            reference = next(
                (seg for seg in peers["segments"] if seg["shown"]), None
            )
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
                    {"date": format_date(self.env, fields.Datetime.context_timestamp(
                        self, past.date_submitted)),
                     "score": past.overall_score}
                    for past in assessment._ecoclic_history()
                ],
                "strings": {
                    "score": _("Score"),
                    "target": _("Target"),
                    "peer": _("Peer median"),
                    "trend": _("Overall score over time"),
                },
            }
            assessment.peer_html = self.env["ir.qweb"]._render(
                "ecoclic_odoo.assessment_peer_table",
                {"assessment": assessment, "stats": peers, "rows": rows},
            )


class EcoclicAssessmentAxis(models.Model):
    """The frozen score of a submitted assessment on one axis."""

    _name = "ecoclic.assessment.axis"
    _description = "Assessment score per axis"
    _order = "assessment_id, axis_sequence, id"

    assessment_id = fields.Many2one("ecoclic.assessment", required=True, ondelete="cascade",
                                    index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    axis_id = fields.Many2one("ecoclic.axis", required=True, ondelete="restrict")
    axis_sequence = fields.Integer(related="axis_id.sequence", store=True)
    score = fields.Integer(aggregator="avg")
    grade = fields.Selection(GRADE_SELECTION, compute="_compute_grade", store=True)
    weight_sum = fields.Integer(string="Weights chosen")
    max_sum = fields.Integer(string="Maximum weights")
    answered_count = fields.Integer(string="Questions answered")
    in_scope_count = fields.Integer(string="Questions in scope")
    target_score = fields.Integer(string="Target")
    gap = fields.Integer(string="Gap to target", compute="_compute_grade", store=True)
    gap_label = fields.Char(string="Against the target", compute="_compute_gap_label")
    date_submitted = fields.Datetime(related="assessment_id.date_submitted", store=True)

    _sql_constraints = [
        ("axis_assessment_uniq", "unique(assessment_id, axis_id)",
         "An assessment has one score per axis."),
    ]

    @api.depends("score", "target_score")
    def _compute_grade(self):
        for line in self:
            line.grade = scoring.grade(line.score)
            line.gap = line.target_score - line.score

    @api.depends("score", "target_score")
    @api.depends_context("lang")
    def _compute_gap_label(self):
        for line in self:
            line.gap_label = gap_text(self.env, line.target_score, line.score)
