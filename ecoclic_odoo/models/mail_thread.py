# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """The chatter's "<document> created" in one language. Without a language in the
        context (a record created by a scheduled job, by the demo, or ``with_user``), Odoo
        named the document in English and worded the sentence in the user's language:
        "Maturity assessment créé". Both now take the user's language."""
        if self.env.context.get("lang"):
            return super()._creation_message()
        lang = self.env.user.lang
        return super(MailThread, self.with_context(lang=lang))._creation_message()
