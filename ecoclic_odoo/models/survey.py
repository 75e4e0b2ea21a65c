# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The maturity questionnaire lives in Odoo's survey engine.

A maturity questionnaire is a ``survey.survey`` flagged ``ecoclic_is_maturity``; its
sections (pages) are the axes, each suggested answer carries a maturity weight (0-3),
conditional sub-questions use survey's own triggering answers, and the deeper level is a
question attribute filtered when an assessment starts. A version that is published or
answered is locked: a change means a new version (a copy).
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

LEVELS = [("1", "Core"), ("2", "Deeper")]
VERSION_STATES = [("draft", "Draft"), ("published", "In use"), ("retired", "Retired")]
# Survey fields that hold the questionnaire's content.
SURVEY_CONTENT_FIELDS = frozenset({
    "question_and_page_ids", "question_ids", "page_ids", "questions_selection",
    "ecoclic_is_maturity", "ecoclic_code",
})
# Survey fields that make a survey a version of the shared maturity questionnaire.
SURVEY_MATURITY_FIELDS = frozenset({
    "ecoclic_is_maturity", "ecoclic_code", "ecoclic_version", "ecoclic_version_state",
    "ecoclic_previous_id",
})


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    ecoclic_is_maturity = fields.Boolean(
        string="Maturity questionnaire",
        help="Scored per axis and overall by the digital sobriety approach.",
    )
    ecoclic_code = fields.Char(
        string="Questionnaire family",
        help="All versions of one questionnaire share this code.",
    )
    ecoclic_version = fields.Integer(string="Version", default=1, copy=False)
    ecoclic_version_state = fields.Selection(
        VERSION_STATES, string="Version status", default="draft", copy=False,
        required=True,
    )
    ecoclic_previous_id = fields.Many2one(
        "survey.survey", string="Previous version", copy=False, index="btree_not_null",
    )
    ecoclic_assessment_ids = fields.One2many(
        "ecoclic.assessment", "survey_id", string="Assessments",
    )
    ecoclic_locked = fields.Boolean(
        string="Locked", compute="_compute_ecoclic_locked",
        help="A published or answered version is never edited: create a new version.",
    )

    @api.depends("ecoclic_version_state", "ecoclic_is_maturity")
    def _compute_ecoclic_locked(self):
        used = set()
        if self.ids:
            used = {
                survey.id for [survey] in self.env["ecoclic.assessment"].sudo()._read_group(
                    [("survey_id", "in", self.ids)], ["survey_id"]
                )
            }
        for survey in self:
            survey.ecoclic_locked = survey.ecoclic_is_maturity and (
                survey.ecoclic_version_state != "draft" or survey.id in used
            )

    def _ecoclic_check_owner(self):
        """The maturity questionnaire is shared by every collectivity of the instance: only
        administrators change it. Survey officers (of any collectivity) keep their own
        surveys, which never become it."""
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        if self.filtered("ecoclic_is_maturity"):
            raise AccessError(_(
                "Only an administrator of the instance changes the maturity questionnaire "
                "that every collectivity answers."))

    def _ecoclic_check_unlocked(self):
        self._ecoclic_check_owner()
        # Module data is loaded as superuser; a context key alone never unlocks a version.
        if self.env.su and self.env.context.get("install_module"):
            return
        locked = self.filtered("ecoclic_locked")
        if locked:
            raise UserError(
                _(
                    "The questionnaire %(survey)s (version %(version)s) is in use: it cannot "
                    "be changed, so that past scores keep their meaning. Create a new "
                    "version instead.",
                    survey=locked[0].title,
                    version=locked[0].ecoclic_version,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("ecoclic_is_maturity") for vals in vals_list):
            self.browse()._ecoclic_check_admin()
        return super().create(vals_list)

    def write(self, vals):
        self._ecoclic_check_owner()
        if SURVEY_MATURITY_FIELDS & set(vals):
            self._ecoclic_check_admin()
        if SURVEY_CONTENT_FIELDS & set(vals):
            self._ecoclic_check_unlocked()
        return super().write(vals)

    def _ecoclic_check_admin(self):
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(_(
                "Only an administrator of the instance makes a survey a version of the "
                "maturity questionnaire, publishes or retires one."))

    def unlink(self):
        self._ecoclic_check_owner()
        if self.sudo().ecoclic_assessment_ids:
            raise UserError(
                _("A questionnaire that has been answered cannot be deleted; archive it.")
            )
        return super().unlink()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if self.env.context.get("ecoclic_copy"):
            for survey, vals in zip(self, vals_list):
                vals["title"] = survey.title
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            # A survey officer's copy of the questionnaire is an ordinary survey of theirs.
            for vals in vals_list:
                vals.update(ecoclic_is_maturity=False, ecoclic_code=False, ecoclic_version=1,
                            ecoclic_version_state="draft", ecoclic_previous_id=False)
        return vals_list

    def action_ecoclic_new_version(self):
        """Copy this version into a new draft version of the same questionnaire."""
        self.ensure_one()
        self._ecoclic_check_admin()
        last = self.search(
            [("ecoclic_code", "=", self.ecoclic_code), ("active", "in", (True, False))],
            order="ecoclic_version desc", limit=1,
        )
        new = self.with_context(ecoclic_copy=True).copy({
            "ecoclic_version": last.ecoclic_version + 1,
            "ecoclic_previous_id": self.id,
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.survey",
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_ecoclic_publish(self):
        """Make this version the one new assessments answer; retire the previous one."""
        self._ecoclic_check_admin()
        for survey in self:
            if not survey.ecoclic_is_maturity:
                raise UserError(_("Only a maturity questionnaire can be published here."))
            scored = survey.question_ids.filtered("ecoclic_scored")
            if not scored:
                raise UserError(_("A questionnaire without scored questions cannot be published."))
            without_axis = scored.filtered(lambda q: not q.ecoclic_axis_id)
            if without_axis:
                raise UserError(
                    _(
                        "Every scored question needs a maturity axis (set it on its section): "
                        "%(questions)s.",
                        questions=", ".join(without_axis.mapped("title")),
                    )
                )
            self.search([
                ("ecoclic_code", "=", survey.ecoclic_code),
                ("ecoclic_version_state", "=", "published"),
                ("id", "!=", survey.id),
            ]).ecoclic_version_state = "retired"
            survey.ecoclic_version_state = "published"
        return True


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    ecoclic_axis_id = fields.Many2one(
        "ecoclic.axis", string="Maturity axis", ondelete="restrict",
        compute="_compute_ecoclic_axis_id", store=True, readonly=False, recursive=True,
        help="On a section: the axis it covers. Questions take the axis of their section.",
    )
    ecoclic_code = fields.Char(string="Question code", help="Stable code across versions.")
    ecoclic_level = fields.Selection(LEVELS, string="Questionnaire level", default="1")
    ecoclic_max_weight = fields.Integer(
        string="Maximum weight", compute="_compute_ecoclic_max_weight", store=True,
    )
    ecoclic_scored = fields.Boolean(
        string="Counts in the maturity score", compute="_compute_ecoclic_max_weight", store=True,
        help="A single-choice question of a maturity questionnaire counts in the scores.",
    )

    @api.depends("page_id.ecoclic_axis_id", "is_page")
    def _compute_ecoclic_axis_id(self):
        for question in self:
            if not question.is_page and question.page_id:
                question.ecoclic_axis_id = question.page_id.ecoclic_axis_id

    @api.depends("suggested_answer_ids.ecoclic_weight", "question_type",
                 "survey_id.ecoclic_is_maturity", "is_page")
    def _compute_ecoclic_max_weight(self):
        for question in self:
            scored = (
                question.survey_id.ecoclic_is_maturity and not question.is_page
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
                    _(
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

    def unlink(self):
        self.survey_id._ecoclic_check_unlocked()
        return super().unlink()


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    ecoclic_weight = fields.Integer(
        string="Maturity weight", default=0,
        help="From 0 (no practice) to 3 (exemplary practice).",
    )

    @api.constrains("ecoclic_weight")
    def _check_ecoclic_weight(self):
        for answer in self:
            if not 0 <= answer.ecoclic_weight <= 3:
                raise ValidationError(
                    _(
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

    def unlink(self):
        self._ecoclic_surveys()._ecoclic_check_unlocked()
        return super().unlink()


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    ecoclic_company_id = fields.Many2one(
        "res.company", string="Collectivity", index="btree_not_null", readonly=True,
        help="The collectivity whose assessment these answers are; only its users read them.",
    )
    ecoclic_assessment_ids = fields.One2many(
        "ecoclic.assessment", "user_input_id", string="Assessment",
    )

    def _mark_done(self):
        """The last page of an assessment's questionnaire was submitted: the answers are
        complete and the référent is asked to validate (which freezes the scores)."""
        result = super()._mark_done()
        self.sudo().ecoclic_assessment_ids._ecoclic_answers_completed()
        return result


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    ecoclic_company_id = fields.Many2one(
        related="user_input_id.ecoclic_company_id", store=True, index="btree_not_null",
    )
