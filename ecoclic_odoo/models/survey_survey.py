# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The maturity questionnaire lives in Odoo's survey engine.

A maturity questionnaire is a ``survey.survey`` flagged ``ecoclic_is_maturity``; its
sections (pages) are the axes, each suggested answer carries a maturity weight (0-3),
conditional sub-questions use survey's own triggering answers, and the deeper level is a
question attribute filtered when an assessment starts. A version that is published or
answered is locked: a change means a new version (a copy).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

LEVELS = [("1", "Core"), ("2", "Deeper")]
VERSION_STATES = [("draft", "Draft"), ("published", "In use"), ("retired", "Retired")]
# Survey fields that hold the questionnaire's content.
SURVEY_CONTENT_FIELDS = frozenset(
    {
        "question_and_page_ids",
        "question_ids",
        "page_ids",
        "questions_selection",
        "ecoclic_is_maturity",
        "ecoclic_code",
    }
)
# Survey fields that make a survey a version of the shared maturity questionnaire.
SURVEY_MATURITY_FIELDS = frozenset(
    {
        "ecoclic_is_maturity",
        "ecoclic_code",
        "ecoclic_version",
        "ecoclic_version_state",
        "ecoclic_previous_id",
    }
)


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
        VERSION_STATES,
        string="Version status",
        default="draft",
        copy=False,
        required=True,
    )
    ecoclic_previous_id = fields.Many2one(
        "survey.survey",
        string="Previous version",
        copy=False,
        index="btree_not_null",
    )
    ecoclic_assessment_ids = fields.One2many(
        "ecoclic.assessment",
        "survey_id",
        string="Assessments",
    )
    ecoclic_locked = fields.Boolean(
        string="Locked",
        compute="_compute_ecoclic_locked",
        help="A published or answered version is never edited: create a new version.",
    )

    @api.depends("ecoclic_version_state", "ecoclic_is_maturity")
    def _compute_ecoclic_locked(self):
        used = set()
        if self.ids:
            used = {
                survey.id
                for [survey] in self.env["ecoclic.assessment"]
                .sudo()
                ._read_group([("survey_id", "in", self.ids)], ["survey_id"])
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
            raise AccessError(
                self.env._(
                    "Only an administrator of the instance changes the maturity questionnaire "
                    "that every collectivity answers."
                )
            )

    def _ecoclic_check_unlocked(self):
        self._ecoclic_check_owner()
        # Module data is loaded as superuser; a context key alone never unlocks a version.
        if self.env.su and self.env.context.get("install_module"):
            return
        locked = self.filtered("ecoclic_locked")
        if locked:
            raise UserError(
                self.env._(
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
            raise AccessError(
                self.env._(
                    "Only an administrator of the instance makes a survey a version of the "
                    "maturity questionnaire, publishes or retires one."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ecoclic_answered(self):
        self._ecoclic_check_owner()
        if self.sudo().ecoclic_assessment_ids:
            raise UserError(
                self.env._("A questionnaire that has been answered cannot be deleted; archive it.")
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if self.env.context.get("ecoclic_copy"):
            for survey, vals in zip(self, vals_list, strict=True):
                vals["title"] = survey.title
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            # A survey officer's copy of the questionnaire is an ordinary survey of theirs.
            for vals in vals_list:
                vals.update(
                    ecoclic_is_maturity=False,
                    ecoclic_code=False,
                    ecoclic_version=1,
                    ecoclic_version_state="draft",
                    ecoclic_previous_id=False,
                )
        return vals_list

    def action_ecoclic_new_version(self):
        """Copy this version into a new draft version of the same questionnaire."""
        self.ensure_one()
        self._ecoclic_check_admin()
        last = self.search(
            [("ecoclic_code", "=", self.ecoclic_code), ("active", "in", (True, False))],
            order="ecoclic_version desc",
            limit=1,
        )
        new = self.with_context(ecoclic_copy=True).copy(
            {
                "ecoclic_version": last.ecoclic_version + 1,
                "ecoclic_previous_id": self.id,
            }
        )
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
                raise UserError(self.env._("Only a maturity questionnaire can be published here."))
            scored = survey.question_ids.filtered("ecoclic_scored")
            if not scored:
                raise UserError(
                    self.env._("A questionnaire without scored questions cannot be published.")
                )
            without_axis = scored.filtered(lambda q: not q.ecoclic_axis_id)
            if without_axis:
                raise UserError(
                    self.env._(
                        "Every scored question needs a maturity axis (set it on its section): "
                        "%(questions)s.",
                        questions=", ".join(without_axis.mapped("title")),
                    )
                )
            self.search(
                [
                    ("ecoclic_code", "=", survey.ecoclic_code),
                    ("ecoclic_version_state", "=", "published"),
                    ("id", "!=", survey.id),
                ]
            ).ecoclic_version_state = "retired"
            survey.ecoclic_version_state = "published"
        return True

    # ------------------------------------------------------------------
    # Awareness quizzes (ecoclic.awareness.campaign): never a maturity questionnaire
    # ------------------------------------------------------------------
    ecoclic_is_awareness = fields.Boolean(
        string="Awareness quiz",
        help="A short quiz in certification mode that the référent sends to the "
        "collectivity's agents; never scored as a maturity questionnaire.",
    )

    @api.constrains("ecoclic_is_awareness", "ecoclic_is_maturity")
    def _check_ecoclic_awareness_not_maturity(self):
        if self.filtered(lambda s: s.ecoclic_is_awareness and s.ecoclic_is_maturity):
            raise UserError(self.env._("An awareness quiz cannot be a maturity questionnaire too."))
