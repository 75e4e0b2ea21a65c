# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import uuid

from odoo import api, fields, models

PARTICIPANT_STATES = [
    ("draft", "Not invited yet"),
    ("invited", "To answer"),
    ("completed", "Finished, not passed"),
    ("passed", "Passed"),
]


def trained_share(passed, agents):
    """The share (%) of the agents trained: persons who passed against the agent count of
    the collectivity's profile, at most 100; 0 without an agent count."""
    return min(100.0, 100.0 * passed / agents) if agents else 0.0


class EcoclicAwarenessParticipant(models.Model):
    """A person invited by an awareness campaign: their state, never their answers."""

    _name = "ecoclic.awareness.participant"
    _description = "Awareness campaign participant"
    _order = "campaign_id, service, partner_id"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "ecoclic.awareness.campaign", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        check_company=True,
        domain="[('is_company', '=', False)]",
    )
    email = fields.Char(related="partner_id.email")
    has_user = fields.Boolean(string="User account", compute="_compute_has_user")
    service = fields.Char(
        compute="_compute_service",
        store=True,
        readonly=False,
        help="The department the person works in; filled from the contact's service.",
    )
    access_token = fields.Char(string="Invitation", copy=False, readonly=True, index=True)
    # The answers are the person's own (global rules): neither field is on a screen, and
    # only administrators may even name them (a form built from the model would read them).
    user_input_ids = fields.One2many(
        "survey.user_input",
        "ecoclic_awareness_participant_id",
        string="Answers",
        groups="base.group_system",
    )
    state = fields.Selection(
        PARTICIPANT_STATES,
        compute="_compute_state",
        store=True,
        compute_sudo=True,
        index=True,
    )

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(campaign_id, partner_id)",
            "A person is invited once per campaign.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_service(self):
        for participant in self:
            participant.service = participant.partner_id.ecoclic_service or participant.service

    @api.depends("partner_id.user_ids.share")
    def _compute_has_user(self):
        for participant in self:
            participant.has_user = bool(participant.partner_id.user_ids)

    @api.depends(
        "access_token",
        "user_input_ids.state",
        "user_input_ids.scoring_success",
        "campaign_id.survey_ids",
    )
    def _compute_state(self):
        for participant in self:
            done = participant.user_input_ids.filtered(lambda u: u.state == "done")
            quizzes = participant.campaign_id.survey_ids
            if not participant.access_token:
                participant.state = "draft"
            elif quizzes <= done.filtered("scoring_success").survey_id:
                participant.state = "passed"
            elif quizzes <= done.survey_id:
                participant.state = "completed"
            else:
                participant.state = "invited"

    def _ecoclic_invite(self):
        """Give each participant an invitation token and their answers to every quiz of
        the campaign (survey's own ``_create_answer``, which the participant's link opens),
        then e-mail them the links."""
        for participant in self:
            participant.access_token = str(uuid.uuid4())
        for participant in self:
            for survey in participant.campaign_id.survey_ids.sudo():
                survey._create_answer(
                    user=participant.partner_id.user_ids[:1],
                    partner=participant.partner_id,
                    invite_token=participant.access_token,
                    check_attempts=False,
                    ecoclic_company_id=participant.company_id.id,
                )
        self.invalidate_recordset(["user_input_ids", "pending_input_ids"])
        self._ecoclic_mail("ecoclic_odoo.mail_template_awareness_invitation")

    def _ecoclic_mail(self, template_xmlid):
        """Mail the template to these participants, each in their own language (the
        answers' links need the superuser: participants' answers are not the sender's)."""
        with_email = self.filtered("email")
        if with_email:
            self.env.ref(template_xmlid).sudo().send_mail_batch(with_email.ids)

    pending_input_ids = fields.Many2many(
        "survey.user_input",
        string="Quizzes to take",
        compute="_compute_pending_input_ids",
        compute_sudo=True,
        groups="base.group_system",
    )

    def _compute_pending_input_ids(self):
        for participant in self:
            inputs = participant.user_input_ids.sorted("id")
            done = inputs.filtered(lambda u: u.state == "done").survey_id
            participant.pending_input_ids = inputs.filtered(
                lambda u, done=done: u.survey_id not in done
            )
