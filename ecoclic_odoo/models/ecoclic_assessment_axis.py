# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from . import scoring
from .ecoclic_assessment import gap_text
from .scoring import GRADE_SELECTION


class EcoclicAssessmentAxis(models.Model):
    """The frozen score of a submitted assessment on one axis."""

    _name = "ecoclic.assessment.axis"
    _description = "Assessment score per axis"
    _order = "assessment_id, axis_sequence, id"

    assessment_id = fields.Many2one(
        "ecoclic.assessment", required=True, ondelete="cascade", index=True
    )
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
        (
            "axis_assessment_uniq",
            "unique(assessment_id, axis_id)",
            "An assessment has one score per axis.",
        ),
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
