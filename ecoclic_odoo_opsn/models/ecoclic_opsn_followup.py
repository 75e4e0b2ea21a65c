# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EcoclicOpsnFollowup(models.Model):
    """A follow-up meeting between an OPSN and a collectivity it supervises."""

    _name = "ecoclic.opsn.followup"
    _description = "OPSN follow-up meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        domain="[('ecoclic_opsn_id', '=', opsn_id)]",
    )
    opsn_id = fields.Many2one(
        "res.company",
        string="OPSN",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("ecoclic_is_opsn", "=", True)],
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Account manager", default=lambda self: self.env.user, tracking=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held")], default="planned", required=True, tracking=True
    )
    minutes = fields.Html()
    decisions = fields.Html()

    @api.depends("company_id", "date")
    def _compute_name(self):
        for followup in self:
            followup.name = self.env._(
                "Follow-up of %(company)s, %(date)s",
                company=followup.company_id.name or "",
                date=followup.date or "",
            )

    @api.constrains("company_id", "opsn_id")
    def _check_portfolio(self):
        for followup in self:
            if followup.company_id.sudo().ecoclic_opsn_id != followup.opsn_id:
                raise ValidationError(
                    self.env._(
                        "%(company)s is not supervised by %(opsn)s.",
                        company=followup.company_id.sudo().name,
                        opsn=followup.opsn_id.name,
                    )
                )

    @api.model
    def _ecoclic_demo_followups(self):
        """Demo: the two account managers of the demo OPSN share its portfolio; each
        collectivity had follow-ups, and the next one is planned, due or overdue."""
        opsn = self.env.ref("ecoclic_odoo_opsn.company_opsn")
        managers = self.env.ref("ecoclic_odoo_opsn.user_opsn_conseiller") | self.env.ref(
            "ecoclic_odoo_opsn.user_opsn_conseillere"
        )
        today = fields.Date.context_today(self)
        portfolio = self.env["res.company"].search(
            [("ecoclic_opsn_id", "=", opsn.id)], order="name"
        )
        vals_list = []
        for index, company in enumerate(portfolio):
            rng = random.Random(f"ecoclic-followup-{company.name}")
            manager = managers[index % 2]
            company.ecoclic_account_manager_id = manager
            last = today - relativedelta(months=2 + rng.randrange(9))
            vals_list.append(
                {
                    "company_id": company.id,
                    "opsn_id": opsn.id,
                    "user_id": manager.id,
                    "date": last,
                    "state": "done",
                    "minutes": "<p>Point sur l'évaluation et le plan d'actions.</p>",
                    "decisions": "<p>Prochaine étape : mettre à jour l'inventaire du parc.</p>",
                }
            )
            if rng.random() < 0.5:
                vals_list.append(
                    {
                        "company_id": company.id,
                        "opsn_id": opsn.id,
                        "user_id": manager.id,
                        "state": "planned",
                        "date": today + relativedelta(days=rng.randrange(-20, 60)),
                    }
                )
        self.with_context(tracking_disable=True, mail_create_nolog=True).create(vals_list)

    def action_done(self):
        self.write({"state": "done"})
