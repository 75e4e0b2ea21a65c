# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _ecoclic_may_answer(self, user):
        """Whether `user` may write these answers of an assessment: a user of its
        collectivity, or the holder of an accompaniment grant in force."""
        self.ensure_one()
        company = self.sudo().ecoclic_company_id
        if not company or company in user.company_ids:
            return True
        return bool(self.env["ecoclic.opsn.grant"]._ecoclic_valid_for(self, user))

    def _ecoclic_granted_user(self):
        """The OPSN user answering through a grant, or no user (the collectivity's own
        users, and the administrators, whom the survey routes check as before)."""
        user = self.env.user
        company = self.sudo().ecoclic_company_id
        if (
            not company
            or company in user.company_ids
            or not user.has_group("ecoclic_odoo_opsn.group_opsn_viewer")
            or user.has_group("base.group_system")
        ):
            return user.browse()
        if not self._ecoclic_may_answer(user):
            raise AccessError(self.env._("Only the collectivity's users answer its assessment."))
        return user

    def _save_lines(self, question, answer, comment=None, overwrite_existing=True):
        """Answers entered by an OPSN user under a grant carry that user (the survey routes
        run as superuser, with the real user's id)."""
        granted = self._ecoclic_granted_user()
        result = super()._save_lines(
            question, answer, comment=comment, overwrite_existing=overwrite_existing
        )
        if granted:
            self.sudo().user_input_line_ids.filtered(
                lambda line: line.question_id == question
            ).write({"ecoclic_opsn_user_id": granted.id})
        return result
