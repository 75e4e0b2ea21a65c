# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """The chatter's "<document> created" in one language. Without a language in the
        context (a record created by a scheduled job, by the demo, or ``with_user``), Odoo
        named the document in English and worded the sentence in the user's language:
        "Maturity assessment créé". Both now take the user's language. A model may word
        the whole sentence (`_ecoclic_creation_message`), for the French agreement."""
        if not self.env.context.get("lang"):
            lang = self.env.user.lang or "en_US"
            return self.with_context(lang=lang)._creation_message()
        return self._ecoclic_creation_message() or super()._creation_message()

    def _ecoclic_creation_message(self):
        """The whole creation sentence, where Odoo's "%s created" would not agree with the
        document's name in French ("Évaluation de maturité créée", feminine): a
        translated sentence, or None for Odoo's."""
        return None
