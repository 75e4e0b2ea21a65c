# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The dialog of the guide in which an agent suggests a practice to the référent, or the
référent sets a practice aside as not applicable, with a note."""

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from ..models.ecoclic_action_choice import CHOICE_STATES


class EcoclicGuideDecision(models.TransientModel):
    _name = "ecoclic.guide.decision"
    _description = "Suggest or set aside a good practice"

    action_id = fields.Many2one("ecoclic.action", string="Practice", required=True)
    kind = fields.Selection(CHOICE_STATES, required=True, default="suggested")
    note = fields.Text(string="Why")

    def action_confirm(self):
        """Checked as the caller first: the practice readable, the collectivity theirs,
        setting aside for the référent. The choice is then written with the add-on's
        rights (an agent may not write choices directly)."""
        self.ensure_one()
        action = self.action_id
        company = action._ecoclic_check_guide_action(referent=self.kind == "not_applicable")
        Choice = self.env["ecoclic.action.choice"].sudo()
        choice = Choice.search([("company_id", "=", company.id), ("action_id", "=", action.id)])
        values = self._prepare_choice_vals(company)
        if choice:
            choice.write(values)
        else:
            choice = Choice.create(values)
        if self.kind == "suggested":
            self._ecoclic_notify_referents(choice, company)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _prepare_choice_vals(self, company):
        """Values of the choice this dialog writes (a hook for integrators)."""
        return {
            "company_id": company.id,
            "action_id": self.action_id.id,
            "state": self.kind,
            "note": self.note,
            "user_id": self.env.user.id,
        }

    def _ecoclic_notify_referents(self, choice, company):
        """A to-do for the collectivity's référent, on the choice, which opens it."""
        referent = company.sudo()._ecoclic_referent()
        if not referent:
            raise UserError(
                self.env._(
                    "%(company)s has no référent yet to receive the suggestion: ask your "
                    "administrator to name one.",
                    company=company.name,
                )
            )
        choice.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=referent.id,
            summary=self.env._("Good practice suggested by %(agent)s", agent=self.env.user.name),
            note=plaintext2html(self.note) if self.note else "",
        )
