# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Assessment campaigns: an OPSN asks all or part of its portfolio to assess itself by a
deadline, follows who has started and who has submitted, and reminds the others."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.ecoclic_odoo.models.wording import elided

LINE_STATES = [
    ("not_started", "Not started"),
    ("in_progress", "In progress"),
    ("submitted", "Submitted"),
]


class EcoclicOpsnCampaign(models.Model):
    _name = "ecoclic.opsn.campaign"
    _description = "Assessment campaign"
    _inherit = ["mail.thread"]
    _order = "date_deadline desc, id desc"

    name = fields.Char(required=True, tracking=True)
    opsn_id = fields.Many2one(
        "res.company",
        string="OPSN",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("ecoclic_is_opsn", "=", True)],
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        domain=[("ecoclic_is_maturity", "=", True), ("ecoclic_version_state", "=", "published")],
        default=lambda self: self.env["ecoclic.assessment"].sudo()._default_survey(),
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    company_ids = fields.Many2many(
        "res.company",
        string="Collectivities",
        domain="[('ecoclic_opsn_id', '=', opsn_id)]",
        help="Empty: the whole portfolio when the campaign is launched.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        "ecoclic.opsn.campaign.line", "campaign_id", string="Collectivities followed", readonly=True
    )
    not_started_count = fields.Integer(compute="_compute_counts", string="Not started")
    in_progress_count = fields.Integer(compute="_compute_counts", string="In progress")
    submitted_count = fields.Integer(compute="_compute_counts", string="Submitted")
    progress = fields.Float(compute="_compute_counts", string="Submitted (%)", digits=(16, 0))

    def _ecoclic_creation_message(self):
        return self.env._("Assessment campaign created")

    @api.depends("line_ids.state")
    def _compute_counts(self):
        for campaign in self:
            states = campaign.line_ids.mapped("state")
            campaign.not_started_count = states.count("not_started")
            campaign.in_progress_count = states.count("in_progress")
            campaign.submitted_count = states.count("submitted")
            campaign.progress = 100.0 * states.count("submitted") / len(states) if states else 0

    def action_launch(self):
        """Create each collectivity's draft assessment (or reuse the one under way on the
        same questionnaire) and give its référent a to-do due at the deadline."""
        # Assessments and to-dos are created as superuser below: the caller must be one who
        # may change these campaigns (the OPSN's managers), checked first.
        self.check_access("write")
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(
                    self.env._("The campaign %(name)s is already launched.", name=campaign.name)
                )
            # Those chosen, else the OPSN's whole portfolio (as superuser).
            companies = campaign.opsn_id._ecoclic_supervised_among(campaign.company_ids)
            drafts = campaign._ecoclic_campaign_assessments(companies)
            campaign.sudo().line_ids = [
                fields.Command.create(
                    {
                        "company_id": company.id,
                        "assessment_id": drafts[company.id].id,
                    }
                )
                for company in companies
            ]
            campaign.state = "running"
            campaign.line_ids._ecoclic_notify(
                lambda env, campaign=campaign: elided(
                    env._("Assessment campaign of %(opsn)s: %(name)s"),
                    opsn=campaign.opsn_id.name,
                    name=campaign.name,
                )
            )
        return True

    def _ecoclic_campaign_assessments(self, companies):
        """{company id: assessment} the campaign follows: the draft already under way on
        the campaign's questionnaire, else a new one (created as superuser, in one batch)."""
        self.ensure_one()
        Assessment = self.env["ecoclic.assessment"].sudo()
        drafts = {
            a.company_id.id: a
            for a in Assessment.search(
                [
                    ("company_id", "in", companies.ids),
                    ("state", "=", "draft"),
                    ("survey_id", "=", self.survey_id.id),
                ]
            )
        }
        new = [company for company in companies if company.id not in drafts]
        created = Assessment.create([self._prepare_assessment_vals(company) for company in new])
        drafts.update({a.company_id.id: a for a in created})
        return drafts

    def _prepare_assessment_vals(self, company):
        """Values of the assessment this campaign starts for `company` (a hook for
        integrators)."""
        self.ensure_one()
        return dict(
            company._prepare_ecoclic_assessment_vals(),
            survey_id=self.survey_id.id,
            responsible_id=company._ecoclic_referent().id,
        )

    def action_remind(self):
        """Remind the référents who have not submitted; an open reminder is not doubled."""
        self.check_access("write")  # the to-dos are scheduled as superuser
        sent = self.env["mail.activity"]
        for campaign in self.filtered(lambda c: c.state == "running"):
            sent |= campaign.line_ids.filtered(
                lambda line: line.state != "submitted"
            )._ecoclic_notify(
                lambda env, campaign=campaign: env._(
                    "Reminder: the assessment of the campaign %(name)s is due on %(date)s.",
                    name=campaign.name,
                    date=format_date(env, campaign.date_deadline) or "-",
                )
            )
        if sent:
            message = self.env._(
                "%(count)s référents reminded (a to-do each, due at the campaign's deadline).",
                count=len(sent),
            )
        else:
            message = self.env._(
                "No one to remind: every référent has submitted, or still "
                "has the previous to-do open."
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": "success" if sent else "info", "sticky": False},
        }

    def action_close(self):
        self.write({"state": "closed"})
