# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _ecoclic_schedule_once(self, activity_type, todo, summary):
        """Automated to-dos of `activity_type` for [(record, user, deadline)] of one model,
        skipping records without a user and records that still have an open one of that
        type: scheduled jobs and reminders run again without doubling anything. `summary` is
        a function of an environment (``lambda env: env._("...")``), called in each
        assignee's language: a scheduled job runs in no one's language. Returns the to-dos
        created."""
        todo = [(record, user, deadline) for record, user, deadline in todo if record and user]
        if not todo:
            return self.browse()
        model = todo[0][0]._name
        Activity = self.sudo()
        open_ids = set(
            Activity.search(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("res_model", "=", model),
                    ("res_id", "in", [record.id for record, _user, _deadline in todo]),
                ]
            ).mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(model)
        summaries = {}
        for _record, user, _deadline in todo:
            lang = user.lang or "en_US"
            if lang not in summaries:
                summaries[lang] = summary(self.with_context(lang=lang).env)
        return Activity.create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "user_id": user.id,
                    "date_deadline": deadline,
                    "automated": True,
                    "summary": summaries[user.lang or "en_US"],
                }
                for record, user, deadline in todo
                if record.id not in open_ids
            ]
        )
