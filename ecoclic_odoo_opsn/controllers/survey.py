# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.ecoclic_odoo.controllers.main import EcoclicSurvey
from odoo.addons.survey.controllers.main import Survey


class EcoclicOpsnSurvey(EcoclicSurvey):
    def _check_validity(self, survey_token, answer_token, ensure_token=True, check_partner=True):
        """The holder of an accompaniment grant in force answers the assessment's pages as
        the collectivity's users do; the grant's end is checked at each page."""
        _survey_sudo, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
        user = request.env.user
        if (
            answer_sudo
            and answer_sudo.ecoclic_company_id
            and answer_sudo.ecoclic_company_id not in user.company_ids
            and not user._is_public()
            and request.env["ecoclic.opsn.grant"]._ecoclic_valid_for(answer_sudo, user)
        ):
            return Survey._check_validity(
                self, survey_token, answer_token, ensure_token=ensure_token, check_partner=False
            )
        return super()._check_validity(
            survey_token, answer_token, ensure_token=ensure_token, check_partner=check_partner
        )
