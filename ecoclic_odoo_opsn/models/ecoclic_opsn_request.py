# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class EcoclicOpsnRequest(models.Model):
    """A collectivity's request to be supervised by an OPSN, answered by its managers.

    The référent cannot read the OPSN's company (record rules): the OPSN is chosen from a
    list of names (`opsn_choice`) and shown by a name copied when asked (`opsn_name`)."""

    _name = "ecoclic.opsn.request"
    _description = "Request to join an OPSN"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _rec_name = "company_id"

    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    opsn_id = fields.Many2one(
        "res.company", string="OPSN", required=True, readonly=True, index=True, ondelete="cascade"
    )
    opsn_name = fields.Char(string="OPSN asked", readonly=True)
    opsn_choice = fields.Selection(
        selection="_selection_opsn_choice",
        string="OPSN to join",
        help="The OPSN of this instance that the collectivity asks to be supervised by.",
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
    )
    message = fields.Text(string="Message to the OPSN")
    refusal_reason = fields.Text(string="Reason for refusal", readonly=True, tracking=True)
    answered_by_id = fields.Many2one("res.users", string="Answered by", readonly=True)
    date_answered = fields.Datetime(string="Answered on", readonly=True)
    can_answer = fields.Boolean(string="May answer", compute="_compute_can_answer")
    can_cancel = fields.Boolean(string="May cancel", compute="_compute_can_answer")

    @api.model
    def _selection_opsn_choice(self):
        """The OPSN of the instance, by name: what a référent needs to choose one, read as
        superuser since a référent reads no other company (to the instance's users only)."""
        if not self.env.user.has_group("ecoclic_odoo.group_ecoclic_user"):
            return []
        opsns = self.env["res.company"].sudo().search([("ecoclic_is_opsn", "=", True)])
        return [(str(opsn.id), opsn.name) for opsn in opsns]

    def _ecoclic_creation_message(self):
        return self.env._("Request to join an OPSN created")

    @api.depends("company_id")
    def _compute_display_name(self):
        # The OPSN's managers name the collectivity that asks before they read it.
        for request in self:
            request.display_name = request.company_id.sudo().name

    @api.depends_context("uid")
    def _compute_can_answer(self):
        for request in self:
            requested = request.state == "requested"
            request.can_answer = requested and request._ecoclic_is_opsn_manager()
            request.can_cancel = requested and request.company_id._ecoclic_is_referent()

    # ------------------------------------------------------------------
    # Asking
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("opsn_choice") and not vals.get("opsn_id"):
                vals["opsn_id"] = int(vals["opsn_choice"])
            vals["opsn_choice"] = str(vals.get("opsn_id") or "") or False
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            self._ecoclic_check_referent(company)
            opsn = self.env["res.company"].sudo().browse(vals.get("opsn_id"))
            if not opsn.exists() or not opsn.ecoclic_is_opsn:
                raise UserError(self.env._("Choose an OPSN of this instance."))
            vals.update(company_id=company.id, opsn_name=opsn.name)
        requests = super().create(vals_list)
        requests._ecoclic_check_request()
        requests.sudo()._ecoclic_notify_managers()
        return requests

    @api.model
    def _ecoclic_check_referent(self, company):
        if not company._ecoclic_is_referent():
            raise AccessError(
                self.env._(
                    "Only the collectivity's référent asks to join an OPSN or withdraws its "
                    "request."
                )
            )

    def _ecoclic_check_request(self):
        for request in self.sudo():
            company = request.company_id
            if company.ecoclic_is_opsn:
                raise ValidationError(self.env._("An OPSN is not supervised by another OPSN."))
            if company.ecoclic_opsn_id == request.opsn_id:
                raise ValidationError(
                    self.env._(
                        "%(company)s is already supervised by %(opsn)s.",
                        company=company.name,
                        opsn=request.opsn_name,
                    )
                )
            domain = [("company_id", "=", company.id), ("state", "=", "requested")]
            if request.search_count(domain) > 1:
                raise ValidationError(
                    self.env._(
                        "%(company)s already has a request waiting for an answer: cancel it "
                        "before asking another OPSN.",
                        company=company.name,
                    )
                )

    @api.model
    def _ecoclic_managers_of(self, opsn):
        """The managers of an OPSN: its users in the OPSN manager group."""
        group = self.env.ref("ecoclic_odoo_opsn.group_opsn_manager")
        return group.sudo().users.filtered(
            lambda u: opsn in u.company_ids and not u.share and u.active
        ) - self.env.ref("base.user_root")

    def _ecoclic_opsn_managers(self):
        self.ensure_one()
        return self._ecoclic_managers_of(self.opsn_id)

    @api.model
    def _ecoclic_send_leave(self, company, opsn):
        """Tell the managers of `opsn` that `company` left it (the template renders the
        collectivity)."""
        template = self.env.ref("ecoclic_odoo_opsn.mail_template_opsn_leave").sudo()
        for user in self._ecoclic_managers_of(opsn):
            template.with_context(
                lang=user.lang, ecoclic_opsn_name=opsn.name, ecoclic_user_name=self.env.user.name
            ).send_mail(
                company.id,
                email_values={"recipient_ids": [fields.Command.link(user.partner_id.id)]},
            )

    def _ecoclic_notify_managers(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for request in self:
            managers = request._ecoclic_opsn_managers()
            request._ecoclic_send("ecoclic_odoo_opsn.mail_template_opsn_request", managers)
            for manager in managers:
                request.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=request.with_context(lang=manager.lang).env._(
                        "Answer the request to join your OPSN"
                    ),
                    user_id=manager.id,
                )

    def _ecoclic_send(self, xmlid, users):
        """One e-mail per recipient, in the recipient's language."""
        template = self.env.ref(xmlid).sudo()
        for user in users:
            template.with_context(lang=user.lang).send_mail(
                self.id,
                email_values={"recipient_ids": [fields.Command.link(user.partner_id.id)]},
            )

    # ------------------------------------------------------------------
    # Answering
    # ------------------------------------------------------------------
    def _ecoclic_is_opsn_manager(self):
        self.ensure_one()
        user = self.env.user
        return self.env.su or (
            user.has_group("ecoclic_odoo_opsn.group_opsn_manager")
            and self.opsn_id in user.company_ids
        )

    def _ecoclic_check_answerable(self):
        for request in self:
            if not request._ecoclic_is_opsn_manager():
                raise AccessError(
                    self.env._("Only a manager of the OPSN asked answers this request.")
                )
            if request.state != "requested":
                raise UserError(self.env._("This request has already been answered."))

    def action_accept(self):
        """The OPSN supervises the collectivity from now on: set through the collectivity's
        own write, which keeps the supervision history."""
        self._ecoclic_check_answerable()
        for request in self.sudo():
            company = request.company_id
            company.write({"ecoclic_opsn_id": request.opsn_id.id})
            company._ecoclic_membership_note(
                self.env._("Request accepted by %(user)s", user=self.env.user.name)
            )
            request._ecoclic_answer("accepted")
            request._ecoclic_send(
                "ecoclic_odoo_opsn.mail_template_opsn_request_accepted",
                request.create_uid,
            )
        return True

    def action_refuse(self, reason):
        """Refused with a reason, which the référent receives."""
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the request is refused."))
        self._ecoclic_check_answerable()
        for request in self.sudo():
            request.refusal_reason = reason
            request._ecoclic_answer("refused")
            request._ecoclic_send(
                "ecoclic_odoo_opsn.mail_template_opsn_request_refused",
                request.create_uid,
            )
        return True

    def action_open_refuse(self):
        self._ecoclic_check_answerable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refuse the request"),
            "res_model": "ecoclic.opsn.request.refuse",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def _ecoclic_answer(self, state):
        self.write(
            {
                "state": state,
                "answered_by_id": self.env.user.id,
                "date_answered": fields.Datetime.now(),
            }
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_cancel(self):
        """The référent withdraws a request not answered yet."""
        for request in self:
            self._ecoclic_check_referent(request.company_id)
            if request.state != "requested":
                raise UserError(self.env._("This request has already been answered."))
        self.sudo().write({"state": "cancelled"})
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        return True
