# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class EcoclicSurvey(Survey):
    def _check_validity(self, survey_token, answer_token, ensure_token=True, check_partner=True):
        """An assessment's answers are shared by the users of its collectivity, and by them only.

        Survey ties an answer to one partner; an assessment is answered over several days by
        several colleagues, so for those answers the partner check becomes a company check.
        """
        _survey_sudo, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
        # An awareness quiz's answer is one person's (survey's own partner check holds).
        company = (
            answer_sudo.ecoclic_company_id
            if answer_sudo and not answer_sudo.ecoclic_awareness_participant_id
            else False
        )
        if not company:
            return super()._check_validity(
                survey_token, answer_token, ensure_token=ensure_token, check_partner=check_partner
            )
        # The company check comes first: routes such as /survey/print accept some validity
        # codes (an archived questionnaire is "survey_closed"), and must never skip it.
        user = request.env.user
        if user._is_public():
            return "survey_auth"
        if (
            company not in user.company_ids
            or not user._is_internal()
            or not user.has_group("ecoclic_odoo.group_ecoclic_user")
        ):
            return "answer_wrong_user"
        return super()._check_validity(
            survey_token, answer_token, ensure_token=ensure_token, check_partner=False
        )
