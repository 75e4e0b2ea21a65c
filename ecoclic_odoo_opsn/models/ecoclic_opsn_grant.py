# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

GRANT_DEFAULT = timedelta(days=1)
GRANT_MAX = timedelta(days=7)


class EcoclicOpsnGrant(models.Model):
    """The référent lets one user of their OPSN answer one assessment, for a limited time.

    The grant widens no record rule: its holder gets the assessment's answer pages (the
    survey routes, checked in `survey.user_input._ecoclic_may_answer`) and nothing else, and
    its validity is read from `date_end` at each answer, so it ends at that time exactly;
    the cron only closes the grants past their end and writes it in the assessment's history.
    """

    _name = "ecoclic.opsn.grant"
    _description = "Accompaniment of an assessment by the OPSN"
    _order = "date_end desc, id desc"
    _rec_name = "user_id"

    assessment_id = fields.Many2one(
        "ecoclic.assessment", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="assessment_id.company_id", store=True, index=True, string="Collectivity"
    )
    opsn_id = fields.Many2one("res.company", string="OPSN", readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="OPSN user",
        required=True,
        index=True,
        help="The OPSN staff member who may answer the assessment with the collectivity.",
    )
    staff_ids = fields.Many2many(
        related="assessment_id.ecoclic_opsn_staff_ids", string="Staff of the OPSN"
    )
    date_end = fields.Datetime(
        string="Until",
        required=True,
        default=lambda self: fields.Datetime.now() + GRANT_DEFAULT,
        help="The grant ends by itself at this time (at most seven days from now).",
    )
    state = fields.Selection(
        [("active", "Granted"), ("ended", "Ended"), ("revoked", "Withdrawn")],
        string="Status",
        default="active",
        required=True,
        readonly=True,
    )
    is_valid = fields.Boolean(string="In force", compute="_compute_is_valid")
    answer_count = fields.Integer(string="Answers entered", compute="_compute_answer_count")

    @api.depends("state", "date_end")
    def _compute_is_valid(self):
        now = fields.Datetime.now()
        for grant in self:
            grant.is_valid = grant.state == "active" and grant.date_end > now

    def _compute_answer_count(self):
        Line = self.env["survey.user_input.line"].sudo()
        for grant in self:
            grant.answer_count = Line.search_count(
                [
                    ("user_input_id", "=", grant.assessment_id.sudo().user_input_id.id),
                    ("ecoclic_opsn_user_id", "=", grant.user_id.id),
                ]
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            assessment = self.env["ecoclic.assessment"].browse(vals.get("assessment_id"))
            company = assessment.company_id
            self._ecoclic_check_referent(company)
            vals["opsn_id"] = company.sudo().ecoclic_opsn_id.id
        grants = super().create(vals_list)
        grants._ecoclic_check_grant()
        for grant in grants.sudo():
            grant.assessment_id.message_post(
                body=self.env._(
                    "%(user)s (%(opsn)s) may answer this assessment with the collectivity "
                    "until %(date)s, granted by %(by)s.",
                    user=grant.user_id.name,
                    opsn=grant.opsn_id.name,
                    date=grant._ecoclic_date_end_text(),
                    by=self.env.user.name,
                )
            )
        return grants

    @api.model
    def _ecoclic_check_referent(self, company):
        if not company._ecoclic_is_referent():
            raise AccessError(
                self.env._(
                    "Only the référent of the collectivity lets its OPSN answer an assessment."
                )
            )

    def _ecoclic_date_end_text(self):
        return fields.Datetime.context_timestamp(self, self.date_end).strftime("%d/%m/%Y %H:%M")

    def _ecoclic_check_grant(self):
        now = fields.Datetime.now()
        for grant in self.sudo():
            if not grant.opsn_id:
                raise ValidationError(
                    self.env._("The collectivity is supervised by no OPSN to accompany it.")
                )
            if grant.opsn_id not in grant.user_id.company_ids or not grant.user_id.has_group(
                "ecoclic_odoo_opsn.group_opsn_viewer"
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not on the staff of %(opsn)s.",
                        user=grant.user_id.name,
                        opsn=grant.opsn_id.name,
                    )
                )
            if grant.assessment_id.state != "draft":
                raise ValidationError(self.env._("The assessment is submitted already."))
            if not now < grant.date_end <= now + GRANT_MAX + timedelta(minutes=1):
                raise ValidationError(
                    self.env._("A grant ends in the future, at most seven days from now.")
                )

    @api.model
    def _ecoclic_valid_for(self, user_input, user):
        """The grant in force that lets `user` answer `user_input`, if any (as superuser:
        the answer routes run so)."""
        grants = self.sudo().search(
            [
                ("assessment_id.user_input_id", "=", user_input.id),
                ("user_id", "=", user.id),
                ("state", "=", "active"),
                ("date_end", ">", fields.Datetime.now()),
            ],
            limit=1,
        )
        # still on the staff of the collectivity's OPSN today
        return grants.filtered(lambda g: g.company_id.ecoclic_opsn_id in user.company_ids)

    def action_revoke(self):
        """The référent ends the grant before its time."""
        for grant in self:
            self._ecoclic_check_referent(grant.company_id)
            if grant.state != "active":
                raise UserError(self.env._("This grant has ended already."))
        self.sudo()._ecoclic_close("revoked")
        return True

    def _ecoclic_close(self, state):
        """End the grants and say in each assessment's history how many answers were
        entered by the OPSN user."""
        self.write({"state": state})
        for grant in self:
            # In the language of the référent who granted it (the daily job has none).
            lang = grant.create_uid.lang or grant.company_id.partner_id.lang
            grant.assessment_id.message_post(
                body=grant.with_context(lang=lang).env._(
                    "Accompaniment by %(user)s (%(opsn)s) ended; answers entered: %(count)s.",
                    user=grant.user_id.name,
                    opsn=grant.opsn_id.name,
                    count=grant.answer_count,
                )
            )

    @api.model
    def _cron_close_expired(self):
        expired = self.sudo().search(
            [("state", "=", "active"), ("date_end", "<=", fields.Datetime.now())]
        )
        expired._ecoclic_close("ended")
