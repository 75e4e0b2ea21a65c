# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A collectivity's choice on a practice of the guide, outside its plan: suggested by an
agent to the référent (who gets an activity), or set aside by the référent as not
applicable, with why. Putting the practice in the plan removes the choice."""

from odoo import api, fields, models

CHOICE_STATES = [
    ("suggested", "Suggested to the référent"),
    ("not_applicable", "Not applicable"),
]


class EcoclicActionChoice(models.Model):
    _name = "ecoclic.action.choice"
    _description = "Choice on a good practice"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "write_date desc, id desc"
    _check_company_auto = True
    _rec_name = "action_id"

    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    action_id = fields.Many2one(
        "ecoclic.action",
        string="Practice",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    state = fields.Selection(CHOICE_STATES, string="Choice", required=True, tracking=True)
    note = fields.Text(string="Why", tracking=True)
    user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user, readonly=True
    )
    # The practice, to read where the référent decides (the activity opens this record).
    axis_id = fields.Many2one(related="action_id.axis_id")
    priority = fields.Selection(related="action_id.priority")
    description = fields.Text(related="action_id.description", string="What to do")
    first_steps = fields.Text(related="action_id.first_steps")

    _sql_constraints = [
        (
            "company_action_uniq",
            "unique(company_id, action_id)",
            "A collectivity makes one choice per practice.",
        ),
    ]

    def action_ecoclic_add_to_plan(self):
        """From the suggestion the référent received: put the practice in the plan."""
        self.ensure_one()
        return self.action_id.with_company(self.company_id).action_ecoclic_guide_add_to_plan()

    @api.readonly
    def action_ecoclic_open_guide(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.action_id.name,
            "res_model": "ecoclic.action",
            "res_id": self.action_id.id,
            "view_mode": "form",
            "views": [(self.env.ref("ecoclic_odoo.view_ecoclic_guide_form").id, "form")],
            "target": "current",
        }
