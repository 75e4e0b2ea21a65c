# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The method, inside the product: one page per subject (how scores, peers, targets, the
ranking, footprints, AGEC and REEN figures are computed, and from which sources), in French
and English, reachable from the screens whose figures it explains.

The pages are data (``data/ecoclic_guide_page_data.xml``, translated in ``i18n/fr.po``
like any other record), so an instance may complete them; screens name a page by its
``code``, never by its id."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class EcoclicGuidePage(models.Model):
    _name = "ecoclic.guide.page"
    _description = "Method page"
    _order = "sequence, id"

    code = fields.Char(required=True, index=True, help="How screens link to the page.")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True, translate=True)
    summary = fields.Char(translate=True)
    body = fields.Html(translate=True, sanitize_attributes=True, sanitize_style=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each method page has its own code."),
    ]

    @api.model
    def _ecoclic_action_open(self, code):
        """The window that shows the page ``code`` (a help link of a screen)."""
        page = self.search([("code", "=", code)], limit=1) if code else self
        if not page:
            raise UserError(self.env._("This help page does not exist (yet)."))
        return {
            "type": "ir.actions.act_window",
            "name": page.name,
            "res_model": self._name,
            "res_id": page.id,
            "view_mode": "form",
            "views": [(self.env.ref("ecoclic_odoo.view_ecoclic_guide_page_form").id, "form")],
            "target": "new",
            "context": {"dialog_size": "large"},
        }
