# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# What an OPSN manager changes on the collectivities of its portfolio.
OPSN_MANAGER_FIELDS = frozenset({
    "ecoclic_level2_enabled", "ecoclic_account_manager_id", "ecoclic_followup_months",
    "ecoclic_opsn_id",
})


class ResCompany(models.Model):
    _inherit = "res.company"

    ecoclic_is_opsn = fields.Boolean(
        string="Is an OPSN",
        help="This company is a public IT mutualisation body (OPSN) that supervises "
        "the digital sobriety of collectivities.",
    )
    ecoclic_opsn_id = fields.Many2one(
        "res.company",
        string="Supervising OPSN",
        domain=[("ecoclic_is_opsn", "=", True)],
        index="btree_not_null",
        help="The OPSN that accompanies this collectivity; it reads the collectivity's "
        "sobriety data, never its other business data.",
    )
    ecoclic_supervised_ids = fields.One2many(
        "res.company",
        "ecoclic_opsn_id",
        string="Supervised collectivities",
    )
    ecoclic_account_manager_id = fields.Many2one(
        "res.users", string="Account manager", index="btree_not_null",
        help="The OPSN staff member who accompanies this collectivity.",
    )
    ecoclic_followup_months = fields.Integer(
        string="Follow-up every (months)", default=6,
        help="How often the OPSN meets this collectivity to follow its approach.",
    )
    ecoclic_membership_ids = fields.One2many(
        "ecoclic.opsn.membership", "company_id", string="Supervision history",
    )
    ecoclic_supervised_count = fields.Integer(
        string="Number of supervised collectivities",
        compute="_compute_ecoclic_supervised_count",
    )

    def action_ecoclic_opsn_portfolio_radar(self):
        """The portfolio radar of the current OPSN."""
        # Outside an OPSN's company (an administrator's own company), the page says to
        # switch company, instead of an error dialog on opening the menu.
        opsn = self.env.company
        return {
            "type": "ir.actions.act_window",
            "name": _("Portfolio radar"),
            "res_model": "res.company",
            "res_id": opsn.id,
            "view_mode": "form",
            "views": [(self.env.ref("ecoclic_odoo_opsn.view_ecoclic_opsn_portfolio_form").id,
                       "form")],
            "target": "current",
        }

    def _compute_ecoclic_supervised_count(self):
        counts = dict(
            self.env["res.company"]
            .sudo()
            ._read_group(
                [("ecoclic_opsn_id", "in", self.ids)],
                ["ecoclic_opsn_id"],
                ["__count"],
            )
        )
        for company in self:
            company.ecoclic_supervised_count = counts.get(company._origin, 0)

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies.filtered("ecoclic_opsn_id")._ecoclic_record_membership()
        return companies

    ecoclic_opsn_can_manage = fields.Boolean(
        string="Managed by my OPSN", compute="_compute_ecoclic_opsn_can_manage",
        help="The current user is a manager of the OPSN that supervises this collectivity.",
    )

    def _compute_ecoclic_opsn_can_manage(self):
        manager = self.env.user.has_group("ecoclic_odoo_opsn.group_opsn_manager")
        opsns = self.env.user.company_ids.filtered("ecoclic_is_opsn")
        for company in self:
            company.ecoclic_opsn_can_manage = manager and \
                company.sudo().ecoclic_opsn_id in opsns and bool(opsns)

    def write(self, vals):
        if (not self.env.su and vals and set(vals) <= OPSN_MANAGER_FIELDS
                and self.env.user.has_group("ecoclic_odoo_opsn.group_opsn_manager")
                and not self.env.user.has_group("base.group_erp_manager")):
            return self._ecoclic_opsn_manager_write(vals)
        return self._ecoclic_write_and_record(vals)

    def _ecoclic_opsn_manager_write(self, vals):
        """An OPSN manager enables the deeper questionnaire, assigns account managers, sets
        the follow-up cadence and detaches collectivities, within their OPSN's portfolio
        only; anything else stays with administrators."""
        opsns = self.env.user.company_ids.filtered("ecoclic_is_opsn")
        if not opsns or self.sudo().filtered(lambda c: c.ecoclic_opsn_id not in opsns):
            raise AccessError(_("You can only change the collectivities of your OPSN's "
                                "portfolio."))
        if vals.get("ecoclic_opsn_id") and vals["ecoclic_opsn_id"] not in opsns.ids:
            raise AccessError(_("A collectivity is moved to another OPSN by an "
                                "administrator."))
        return self.sudo()._ecoclic_write_and_record(vals)

    def _ecoclic_write_and_record(self, vals):
        moved = self.browse()
        if "ecoclic_opsn_id" in vals:
            moved = self.filtered(lambda c: c.ecoclic_opsn_id.id != vals["ecoclic_opsn_id"])
            if moved and "ecoclic_account_manager_id" not in vals:
                # an account manager belongs to the OPSN the collectivity leaves
                super(ResCompany, moved).write({"ecoclic_account_manager_id": False})
        result = super().write(vals)
        if moved:
            moved._ecoclic_record_membership()
        return result

    def _ecoclic_record_membership(self):
        """Close the current supervision of these collectivities and open the new one;
        the portfolios changed, so the record rules' cached domains are reset."""
        today = fields.Date.context_today(self)
        Membership = self.env["ecoclic.opsn.membership"].sudo()
        Membership.search([("company_id", "in", self.ids), ("date_end", "=", False)]).write(
            {"date_end": today})
        Membership.create([
            {"company_id": company.id, "opsn_id": company.ecoclic_opsn_id.id,
             "date_start": today}
            for company in self if company.ecoclic_opsn_id
        ])
        self.env["res.users"].invalidate_model(["ecoclic_portfolio_company_ids"])
        self.env.registry.clear_cache()

    @api.constrains("ecoclic_account_manager_id", "ecoclic_opsn_id")
    def _check_ecoclic_account_manager(self):
        for company in self.filtered("ecoclic_account_manager_id"):
            manager = company.ecoclic_account_manager_id
            if company.ecoclic_opsn_id not in manager.company_ids:
                raise ValidationError(_(
                    "%(user)s is not on the staff of %(company)s's OPSN and cannot be its "
                    "account manager.", user=manager.name, company=company.name))

    @api.constrains("ecoclic_opsn_id", "ecoclic_is_opsn")
    def _check_ecoclic_opsn(self):
        for company in self:
            opsn = company.ecoclic_opsn_id
            if not company.ecoclic_is_opsn and company.sudo().ecoclic_supervised_ids:
                raise ValidationError(
                    _(
                        "%(company)s still supervises collectivities: detach them before "
                        "removing its OPSN flag.",
                        company=company.name,
                    )
                )
            if not opsn:
                continue
            if opsn == company:
                raise ValidationError(
                    _("%(company)s cannot supervise itself.", company=company.name)
                )
            if not opsn.ecoclic_is_opsn:
                raise ValidationError(
                    _(
                        "%(opsn)s is not flagged as an OPSN and cannot supervise "
                        "%(company)s.",
                        opsn=opsn.name,
                        company=company.name,
                    )
                )
            if company.ecoclic_is_opsn:
                raise ValidationError(
                    _(
                        "%(company)s is an OPSN and cannot be supervised by another OPSN.",
                        company=company.name,
                    )
                )
