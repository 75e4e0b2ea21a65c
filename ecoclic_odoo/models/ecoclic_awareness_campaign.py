# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Awareness campaigns: the référent sends short quizzes to the collectivity's agents.

A quiz is a ``survey.survey`` flagged ``ecoclic_is_awareness`` in certification mode
(``data/awareness/``, built by ``tools/awareness.py``). A campaign invites participants
(the collectivity's users, and contacts without a user by a link), each with their
service; sending creates their answers with survey's own ``_create_answer`` and mails
the links (the recipient's language). A participant has *passed* once every quiz of the
campaign is passed. An agent's answers and score stay personal: the référent sees each
participant's state, the OPSN only the collectivity's figures (res.company)."""

from odoo import api, fields, models
from odoo.exceptions import UserError

STATES = [("draft", "Draft"), ("sent", "Sent")]


class EcoclicAwarenessCampaign(models.Model):
    _name = "ecoclic.awareness.campaign"
    _description = "Awareness campaign"
    _inherit = ["mail.thread"]
    _order = "date_sent desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    survey_ids = fields.Many2many(
        "survey.survey",
        string="Quizzes",
        required=True,
        domain=[("ecoclic_is_awareness", "=", True)],
        default=lambda self: (
            self.env["survey.survey"].sudo().search([("ecoclic_is_awareness", "=", True)])
        ),
    )
    state = fields.Selection(STATES, default="draft", required=True, tracking=True)
    date_sent = fields.Datetime(string="Sent on", readonly=True, copy=False)
    date_reminded = fields.Datetime(string="Last reminder", readonly=True, copy=False)
    participant_ids = fields.One2many(
        "ecoclic.awareness.participant", "campaign_id", string="Participants", copy=False
    )
    invited_count = fields.Integer(string="Invited", compute="_compute_counts")
    completed_count = fields.Integer(string="Finished", compute="_compute_counts")
    passed_count = fields.Integer(string="Have passed", compute="_compute_counts")
    agent_count = fields.Integer(related="company_id.ecoclic_agent_count")
    trained_share = fields.Float(
        string="Share of agents trained (%)",
        related="company_id.ecoclic_staff_trained_share",
    )
    service_html = fields.Html(string="By service", compute="_compute_service_html", sanitize=False)

    @api.depends("participant_ids.state")
    def _compute_counts(self):
        """One grouped query for all these campaigns."""
        counts = {
            (campaign.id, state): count
            for campaign, state, count in self.env["ecoclic.awareness.participant"]._read_group(
                [("campaign_id", "in", self._origin.ids)], ["campaign_id", "state"], ["__count"]
            )
        }
        for campaign in self:
            key = campaign._origin.id  # a campaign being created (a form's onchange) has none
            passed = counts.get((key, "passed"), 0)
            completed = counts.get((key, "completed"), 0) + passed
            campaign.passed_count = passed
            campaign.completed_count = completed
            campaign.invited_count = completed + counts.get((key, "invited"), 0)

    @api.depends("participant_ids.state", "participant_ids.service")
    def _compute_service_html(self):
        for campaign in self:
            rows = campaign._origin._ecoclic_by_service() if campaign._origin else []
            campaign.service_html = (
                self.env["ir.qweb"]._render("ecoclic_odoo.awareness_service_table", {"rows": rows})
                if rows
                else False
            )

    def _ecoclic_by_service(self):
        """[(service, invited, completed, passed)] of this campaign, in one query."""
        self.ensure_one()
        groups = self.env["ecoclic.awareness.participant"]._read_group(
            [("campaign_id", "=", self.id), ("state", "!=", "draft")],
            ["service", "state"],
            ["__count"],
        )
        table = {}
        for service, state, count in groups:
            row = table.setdefault(service or "", [0, 0, 0])
            row[0] += count
            row[1] += count if state in ("completed", "passed") else 0
            row[2] += count if state == "passed" else 0
        return [(service or self.env._("No service"), *table[service]) for service in sorted(table)]

    def _ecoclic_creation_message(self):
        return self.env._("Awareness campaign created")

    @api.model_create_multi
    def create(self, vals_list):
        """A new campaign invites every user of the collectivity unless told otherwise."""
        campaigns = super().create(vals_list)
        for campaign, vals in zip(campaigns, vals_list, strict=True):
            if "participant_ids" not in vals:
                campaign.action_add_users()
        return campaigns

    def action_add_users(self):
        """Add the collectivity's internal users who are not participants yet."""
        self.check_access("write")
        for campaign in self:
            users = (
                self.env["res.users"]
                .sudo()
                .search([("company_id", "=", campaign.company_id.id), ("share", "=", False)])
            )
            known = campaign.participant_ids.partner_id
            self.env["ecoclic.awareness.participant"].create(
                [
                    {"campaign_id": campaign.id, "partner_id": user.partner_id.id}
                    for user in users
                    if user.partner_id not in known
                ]
            )

    def action_send(self):
        """Invite the participants not invited yet: their answers to every quiz, and an
        e-mail with the links."""
        self.check_access("write")
        for campaign in self:
            if not campaign.survey_ids:
                raise UserError(self.env._("Choose at least one quiz before sending."))
            new = campaign.participant_ids.filtered(lambda p: not p.access_token)
            if not new and campaign.state == "sent":
                raise UserError(self.env._("Every participant is already invited."))
            new._ecoclic_invite()
        self.filtered(lambda c: c.state == "draft").write(
            {"state": "sent", "date_sent": fields.Datetime.now()}
        )
        return True

    def action_remind(self):
        """Remind the participants who have not completed every quiz."""
        self.check_access("write")
        late = self.participant_ids.filtered(lambda p: p.state == "invited")
        if not late:
            raise UserError(self.env._("Every invited participant has completed the quizzes."))
        late._ecoclic_mail("ecoclic_odoo.mail_template_awareness_reminder")
        self.write({"date_reminded": fields.Datetime.now()})
        return True
