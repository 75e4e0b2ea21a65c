# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The guide with an OPSN: the practices it pushes appear in its collectivities' guides,
marked as coming from it; its own staff read the guide without a collectivity's buttons,
and never a member's statuses."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestGuideOpsn(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.opsn = cls.env.ref("ecoclic_odoo_opsn.company_opsn")
        cls.morvan = cls.env.ref("ecoclic_odoo.company_morvan")
        cls.agent = cls.env.ref("ecoclic_odoo.user_agent_morvan")
        cls.referent = cls.env.ref("ecoclic_odoo.user_referent_morvan")
        cls.outside = cls.env.ref("ecoclic_odoo.user_referent_ca_emeraude")
        cls.viewer = cls.env.ref("ecoclic_odoo_opsn.user_opsn_conseiller")
        cls.manager = cls.env.ref("ecoclic_odoo_opsn.user_opsn_manager")

    def guide(self, user):
        Action = self.env["ecoclic.action"].with_user(user).with_company(user.company_id)
        return Action.search([("company_id", "in", [False, user.company_id.id])])

    def test_pushed_practice_in_the_members_guide(self):
        action = (
            self.env["ecoclic.action"]
            .with_user(self.manager)
            .create(
                {
                    "code": "ACT-OPSN-GUIDE",
                    "name": "Mutualiser les achats de portables reconditionnés",
                    "axis_id": self.env.ref("ecoclic_odoo.axis_achats").id,
                    "company_id": self.opsn.id,
                }
            )
        )
        self.env["ecoclic.opsn.push"].with_user(self.manager)._ecoclic_push(action, self.morvan)
        pushed = self.guide(self.agent).filtered(lambda a: a.code == "ACT-OPSN-GUIDE")
        self.assertEqual(len(pushed), 1)
        self.assertEqual(pushed.guide_origin, f"Proposed by {self.opsn.name}")
        self.assertEqual(pushed.guide_state, "other")
        found = pushed.search([("id", "=", pushed.id), ("pushed_from_id", "!=", False)])
        self.assertEqual(found, pushed, "the 'From our OPSN' filter finds it")
        # The référent adopts it from the guide; the OPSN sees the adoption.
        pushed.with_user(self.referent).action_ecoclic_guide_add_to_plan()
        self.assertEqual(action.with_user(self.manager).adopted_count, 1)
        # A collectivity outside the OPSN never reads it.
        self.assertNotIn("ACT-OPSN-GUIDE", self.guide(self.outside).mapped("code"))

    def test_opsn_staff_read_the_guide_without_acting(self):
        guide = self.guide(self.viewer)
        self.assertTrue(guide)
        self.assertFalse(any(guide.mapped("guide_can_act")))
        self.assertEqual(set(guide.mapped("guide_state")), {"other"})
        # Their guide opens without the collectivity's status columns; a référent's with.
        Action = self.env["ecoclic.action"]
        viewer_ctx = (
            Action.with_user(self.viewer)
            .with_company(self.viewer.company_id)
            ._ecoclic_guide_action()["context"]
        )
        self.assertIs(viewer_ctx["ecoclic_guide_acts"], False)
        self.assertEqual(viewer_ctx["search_default_group_axis"], 1)
        referent_ctx = (
            Action.with_user(self.referent)
            .with_company(self.referent.company_id)
            ._ecoclic_guide_action()["context"]
        )
        self.assertIs(referent_ctx["ecoclic_guide_acts"], True)
        with self.assertRaises(UserError):
            guide[0].action_ecoclic_guide_suggest()
        # Saint-Morvan is in the viewer's portfolio: its guide stays its own, and its
        # choices are never read (its plan and assessments are, as the supervision does).
        self.env["ecoclic.action.choice"].create(
            {
                "company_id": self.morvan.id,
                "action_id": self.env.ref("ecoclic_odoo.action_act_gov_01").id,
                "state": "not_applicable",
            }
        )
        self.assertFalse(self.env["ecoclic.action.choice"].with_user(self.viewer).search([]))
        with self.assertRaises(AccessError):
            self.morvan.with_user(self.viewer)._ecoclic_export("guide-xlsx")
        statuses = (
            self.env["ecoclic.action"].with_user(self.viewer)._ecoclic_guide_statuses(self.morvan)
        )
        self.assertTrue(statuses)
        self.assertNotIn("not_applicable", {state for state, _line, _choice in statuses.values()})
