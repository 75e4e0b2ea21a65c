# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""OPSN staff's main job, walked in a real browser, in French, at 1440×900 (issue 16):
supervision → one collectivity → its assessment → its export, with the text a person
reads checked on every screen (``ecoclic_odoo/static/tests/tours/text_checks.js``)."""

from datetime import date, timedelta

from odoo.tests import tagged

from odoo.addons.ecoclic_odoo.tests.common import EcoclicTourCase, company_user
from odoo.addons.ecoclic_odoo.tests.test_persona_tours import PersonaDataMixin

# Realistic, long French names: what the supervision must show whole at 1440 px.
COLLECTIVITIES = (
    ("Communauté d'agglomération de Saint-Brieuc-Armor-et-Argoat", "ca", 151000, 0),
    ("Communauté de communes du Pays de Quimperlé-les-Landes", "cc", 55400, 1),
    ("Commune nouvelle de Saint-Thégonnec-Loc-Eguiner-sur-Penzé", "commune", 3100, 2),
    (
        "Syndicat intercommunal à vocation multiple du Val-d'Ille-Aubigné",
        "syndicat",
        36000,
        1,
    ),
)


@tagged("post_install", "-at_install")
class TestOpsnPersonaTours(PersonaDataMixin, EcoclicTourCase):
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opsn = cls.env["res.company"].create(
            {
                "name": "Mégalis Bretagne – Service numérique mutualisé",
                "ecoclic_is_opsn": True,
            }
        )
        cls.viewer = company_user(
            cls.env,
            cls.opsn,
            login="persona_opsn_viewer",
            name="Gwenaëlle Le Floc'h-Ménez",
            groups="ecoclic_odoo_opsn.group_opsn_viewer",
            lang="fr_FR",
        )
        cls.manager = company_user(
            cls.env,
            cls.opsn,
            login="persona_opsn_manager",
            name="Jean-Christophe Kerdraon-Trémel",
            groups="ecoclic_odoo_opsn.group_opsn_manager",
            lang="fr_FR",
        )
        for i, (name, kind, population, position) in enumerate(COLLECTIVITIES):
            company = cls._collectivity(
                name,
                ecoclic_collectivity_type=kind,
                ecoclic_population=population,
                ecoclic_opsn_id=cls.opsn.id,
                ecoclic_account_manager_id=cls.viewer.id,
            )
            referent = cls._referent(f"persona_opsn_ref_{i}", f"Référent n° {i + 1}", company)
            cls._submitted_assessment(referent, position=position)
            cls.env["ecoclic.opsn.followup"].create(
                {
                    "company_id": company.id,
                    "opsn_id": cls.opsn.id,
                    "date": date.today() + timedelta(days=10 * (i - 1)),
                }
            )

        # This year's campaign: the first collectivity has submitted (its line shows its
        # score), the others have not started (no score, not a score of 0).
        survey = cls.env.ref("ecoclic_odoo.survey_maturity_v1")
        campaign = (
            cls.env["ecoclic.opsn.campaign"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Campagne d'évaluation 2026",
                    "opsn_id": cls.opsn.id,
                    "survey_id": survey.id,
                    "date_deadline": date.today() + timedelta(days=60),
                }
            )
        )
        campaign.action_launch()
        first = campaign.line_ids.sorted("company_id")[0]
        submitted = cls.env["ecoclic.assessment"].search(
            [("company_id", "=", first.company_id.id), ("state", "=", "submitted")], limit=1
        )
        first.sudo().assessment_id = submitted

    def _walk(self, login):
        self.start_tour("/odoo", "ecoclic_persona_opsn_main_job", login=login, timeout=300)

    def test_opsn_viewer_supervision_collectivity_export(self):
        self._walk("persona_opsn_viewer")

    def test_opsn_manager_supervision_collectivity_export(self):
        self._walk("persona_opsn_manager")
