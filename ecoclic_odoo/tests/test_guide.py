# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The guide of good practices and the method pages, as the personas who use them (the
demo's Saint-Morvan agent and référent) and as those who must be refused (another
collectivity's agent)."""

import html
import importlib.util
import io

from lxml import etree
from openpyxl import load_workbook

from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import file_path
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.tests.common import TransactionCaseWithUserDemo

from .common import company_user

GUIDE_FIELDS = ["name", "guide_state", "guide_plan_state", "guide_origin", "guide_can_act"]


@tagged("post_install", "-at_install")
class TestGuide(TransactionCaseWithUserDemo):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.morvan = cls.env.ref("ecoclic_odoo.company_morvan")
        cls.agent = cls.env.ref("ecoclic_odoo.user_agent_morvan")
        cls.referent = cls.env.ref("ecoclic_odoo.user_referent_morvan")
        cls.other = cls.env.ref("ecoclic_odoo.company_plouvenec")
        cls.other_agent = cls.env.ref("ecoclic_odoo.user_agent_plouvenec")

    def guide(self, user, company=None, domain=()):
        """The guide as `user` reads it: in their language, for their collectivity."""
        Action = (
            self.env["ecoclic.action"]
            .with_user(user)
            .with_context(lang=user.lang)
            .with_company(company or user.company_id)
        )
        return Action.search([("company_id", "in", [False, Action.env.company.id]), *domain])

    def expected_states(self, company):
        """Where each practice stands for `company`, worked out here from its records
        (read as superuser) with the rules the guide documents."""
        sudo = self.env["ecoclic.action"].sudo()
        lines = sudo.env["ecoclic.plan.line"].search(
            [("company_id", "=", company.id), ("action_id", "!=", False)]
        )
        latest = sudo.env["ecoclic.assessment"].search(
            [("company_id", "=", company.id), ("state", "=", "submitted")],
            order="date_submitted desc, date_start desc, id desc",
            limit=1,
        )
        expected = dict.fromkeys(latest.recommendation_ids.action_id.ids, "recommended")
        for choice in sudo.env["ecoclic.action.choice"].search([("company_id", "=", company.id)]):
            expected[choice.action_id.id] = choice.state
        for action in lines.action_id:
            states = set(lines.filtered(lambda line, a=action: line.action_id == a).mapped("state"))
            if states - {"done", "abandoned"}:
                expected[action.id] = "in_plan"
            elif "done" in states:
                expected[action.id] = "done"
            elif action.id not in expected or expected[action.id] == "recommended":
                expected[action.id] = "abandoned"
        return expected

    def test_agent_reads_the_guide_with_the_collectivity_statuses(self):
        """As agent.morvan: every practice of the catalogue, each with Saint-Morvan's status,
        the same as its plan and latest assessment say; filters by status agree."""
        guide = self.guide(self.agent)
        self.assertEqual(
            len(guide), self.env["ecoclic.action"].search_count([("company_id", "=", False)])
        )
        expected = self.expected_states(self.morvan)
        states = {action.id: action.guide_state for action in guide}
        for action_id, state in states.items():
            self.assertEqual(
                state,
                expected.get(action_id, "other"),
                self.env["ecoclic.action"].browse(action_id).code,
            )
        # The demo has a bit of everything, so that the check above checks something.
        self.assertTrue({"recommended", "in_plan", "done", "other"} <= set(states.values()), states)
        for state in ("recommended", "in_plan", "done", "other", "abandoned"):
            found = self.guide(self.agent, domain=[("guide_state", "=", state)])
            self.assertEqual(set(found.ids), {k for k, v in states.items() if v == state}, state)
        both = self.guide(self.agent, domain=[("guide_state", "in", ["done", "other"])])
        self.assertEqual(
            len(both), list(states.values()).count("done") + list(states.values()).count("other")
        )
        not_other = self.guide(self.agent, domain=[("guide_state", "!=", "other")])
        self.assertEqual(len(not_other), len(states) - list(states.values()).count("other"))
        in_plan = guide.filtered(lambda action: action.guide_state == "in_plan")[:1]
        self.assertTrue(in_plan.guide_plan_line_id)
        self.assertEqual(in_plan.guide_plan_state, in_plan.guide_plan_line_id.state)

    def test_agent_filters_and_searches(self):
        """Levels, effort and cost filter; the text search reads the first steps too."""
        necessary = self.guide(self.agent, domain=[("priority", "=", "necessaire")])
        self.assertTrue(necessary)
        self.assertEqual(set(necessary.mapped("priority")), {"necessaire"})
        cheap_quick = self.guide(self.agent, domain=[("effort", "=", 1), ("cost", "=", "none")])
        self.assertTrue(cheap_quick)
        self.assertTrue(all(a.effort == 1 and a.cost == "none" for a in cheap_quick))
        action = self.env.ref("ecoclic_odoo.action_act_gov_01").with_user(self.agent)
        self.assertTrue(action.first_steps, "the catalogue says how to start")
        word = "lettre de mission"  # in ACT-GOV-01's first steps, in French
        arch = self.env.ref("ecoclic_odoo.view_ecoclic_guide_search").arch
        text_filter = (
            etree.fromstring(arch).xpath("//field[@string='Text']")[0].get("filter_domain")
        )
        domain = safe_eval(text_filter, {"self": word})
        self.assertEqual(self.agent.lang, "fr_FR")
        found = self.guide(self.agent, domain=domain)
        self.assertIn(action, found)
        themes = self.env["ecoclic.reen.theme"].search([], limit=1)
        by_theme = self.guide(self.agent, domain=[("reen_theme_ids", "in", themes.ids)])
        self.assertTrue(by_theme)
        self.assertTrue(all(themes in a.axis_id.reen_theme_ids for a in by_theme))

    def test_guide_reads_in_a_fixed_number_of_queries(self):
        guide = self.guide(self.agent)
        guide.read(GUIDE_FIELDS)  # the rules' and groups' caches filled
        self.env.invalidate_all()
        # The practices, the latest assessment, its recommendations, the choices, the plan
        # lines (search and fields), the company, the OPSN add-on's origin of pushed
        # practices: whatever the number of practices.
        with self.assertQueryCount(8):
            guide.read(GUIDE_FIELDS)

    def test_referent_adds_a_practice_to_the_plan(self):
        guide = self.guide(self.referent)
        action = guide.filtered(lambda a: a.guide_state == "recommended")[:1]
        self.assertTrue(action, "the demo's latest assessment recommends practices")
        result = action.action_ecoclic_guide_add_to_plan()
        self.assertEqual(result["params"]["type"], "success")
        line = action.guide_plan_line_id
        self.assertEqual(line.company_id, self.morvan)
        self.assertEqual(line.action_id, action)
        self.assertEqual(line.state, "to_plan")
        self.assertTrue(line.recommendation_id, "linked to the assessment that recommended it")
        action.invalidate_recordset()
        self.assertEqual(action.guide_state, "in_plan")
        self.assertEqual(action.guide_plan_line_id, line)
        with self.assertRaises(UserError):
            action.action_ecoclic_guide_add_to_plan()

    def test_agent_suggests_and_the_referent_decides(self):
        """The agent may not add to the plan nor set aside: they suggest, the référent gets
        a to-do on the suggestion, and adding it to the plan answers it."""
        action = self.guide(self.agent).filtered(lambda a: a.guide_state == "other")[:1]
        with self.assertRaises(AccessError):
            action.action_ecoclic_guide_add_to_plan()
        with self.assertRaises(AccessError):
            action.action_ecoclic_guide_not_applicable()
        with self.assertRaises(AccessError):
            self.env["ecoclic.action.choice"].with_user(self.agent).create(
                {"company_id": self.morvan.id, "action_id": action.id, "state": "suggested"}
            )
        dialog = action.action_ecoclic_guide_suggest()
        wizard = (
            self.env[dialog["res_model"]]
            .with_user(self.agent)
            .with_context(**dialog["context"])
            .create({"note": "Utile pour le service informatique"})
        )
        wizard.action_confirm()
        action.invalidate_recordset()
        self.assertEqual(action.guide_state, "suggested")
        choice = action.guide_choice_id
        self.assertEqual(choice.user_id, self.agent)
        activity = choice.sudo().activity_ids
        self.assertEqual(activity.user_id, self.morvan._ecoclic_referent())
        self.assertEqual(activity.user_id, self.referent)
        self.assertIn("Utile pour le service informatique", str(activity.note))
        # The référent opens the to-do, reads the suggestion and puts it in the plan.
        choice.with_user(self.referent).action_ecoclic_add_to_plan()
        action.invalidate_recordset()
        self.assertEqual(action.guide_state, "in_plan")
        self.assertEqual(action.guide_plan_line_id.company_id, self.morvan)
        self.assertFalse(choice.exists())
        self.assertFalse(activity.exists())

    def test_referent_sets_aside_and_takes_back(self):
        action = self.guide(self.referent).filtered(lambda a: a.guide_state == "other")[:1]
        dialog = action.action_ecoclic_guide_not_applicable()
        Decision = self.env[dialog["res_model"]].with_user(self.referent)
        Decision.with_context(**dialog["context"]).create(
            {"note": "Pas de serveur sur place"}
        ).action_confirm()
        action.invalidate_recordset()
        self.assertEqual(action.guide_state, "not_applicable")
        self.assertEqual(action.guide_choice_id.note, "Pas de serveur sur place")
        self.assertIn(
            action, self.guide(self.agent, domain=[("guide_state", "=", "not_applicable")])
        )
        action.action_ecoclic_guide_reconsider()
        action.invalidate_recordset()
        self.assertEqual(action.guide_state, "other")

    def test_another_collectivity_never_reads_saint_morvan_statuses(self):
        """Plouvenec's agent reads its own statuses; Saint-Morvan's choices, plan and
        guide are out of reach, whatever company they ask for."""
        choice = self.env["ecoclic.action.choice"].create(
            {
                "company_id": self.morvan.id,
                "action_id": self.env.ref("ecoclic_odoo.action_act_gov_01").id,
                "state": "not_applicable",
                "note": "secret de Saint-Morvan",
            }
        )
        statuses = (
            self.env["ecoclic.action"]
            .with_user(self.other_agent)
            ._ecoclic_guide_statuses(self.morvan)
        )
        self.assertEqual(statuses, {}, "nothing of Saint-Morvan's is read")
        mine = self.guide(self.other_agent)
        self.assertEqual(mine.env.company, self.other)
        self.assertEqual(
            {a.id: a.guide_state for a in mine if a.guide_state != "other"},
            {k: v for k, v in self.expected_states(self.other).items()},
        )
        with self.assertRaises(AccessError):
            self.env["ecoclic.action"].with_user(self.other_agent).with_company(self.morvan).search(
                []
            ).mapped("guide_state")
        with self.assertRaises(AccessError):
            choice.with_user(self.other_agent).read(["note"])
        with self.assertRaises(AccessError):
            self.morvan.with_user(self.other_agent)._ecoclic_export("guide-xlsx")
        with self.assertRaises(AccessError):
            self.morvan.with_user(self.other_agent)._ecoclic_guide_report_groups()
        own = self.env["ecoclic.action"].create(
            {
                "code": "ACT-MORVAN-01",
                "name": "Action propre à Saint-Morvan",
                "axis_id": self.env.ref("ecoclic_odoo.axis_gouvernance").id,
                "company_id": self.morvan.id,
            }
        )
        with self.assertRaises(AccessError):
            own.with_user(self.other_agent).with_company(self.other).action_ecoclic_guide_suggest()

    def test_exports_for_a_staff_meeting(self):
        """The agent prints and exports Saint-Morvan's guide; a practice named like a
        formula stays text."""
        self.env["ecoclic.action"].create(
            {
                "code": "ACT-MORVAN-02",
                "name": '=HYPERLINK("http://example.com","x")',
                "axis_id": self.env.ref("ecoclic_odoo.axis_gouvernance").id,
                "company_id": self.morvan.id,
            }
        )
        company = self.morvan.with_user(self.agent).with_company(self.morvan)
        name, content, _mime = company._ecoclic_export("guide-xlsx")
        self.assertTrue(name.endswith(".xlsx"))
        sheet = load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        self.assertEqual(len(rows), len(self.guide(self.agent)))
        formula = [row for row in rows if row[1] == "ACT-MORVAN-02"][0]
        self.assertEqual(formula[2], '=HYPERLINK("http://example.com","x")')
        cell = [c for c in sheet["C"] if c.value == formula[2]][0]
        self.assertEqual(cell.data_type, "s")
        states = {a.code: a.guide_state for a in self.guide(self.agent)}
        labels = dict(
            self.env["ecoclic.action"]._fields["guide_state"]._description_selection(company.env)
        )
        for row in rows:
            self.assertEqual(row[7], labels[states[row[1]]], row[1])
        # As the list's header buttons are called: on the selected practices (none here).
        Action = self.env["ecoclic.action"].with_user(self.agent).with_company(self.morvan)
        action = call_kw(Action, "action_ecoclic_guide_print", [[]], {})
        self.assertEqual(action["report_name"], "ecoclic_odoo.report_ecoclic_guide")
        content = (
            self.env["ir.actions.report"]
            .with_user(self.agent)
            .with_context(lang=self.agent.lang)
            .with_company(self.morvan)
            ._render_qweb_html("ecoclic_odoo.action_report_ecoclic_guide", self.morvan.ids)[0]
        )
        text = html.unescape(content.decode())
        recommended = self.guide(self.agent).filtered(lambda a: a.guide_state == "recommended")
        self.assertTrue(recommended)
        self.assertEqual(text.count("Recommandée par l'évaluation"), len(recommended))
        for action in recommended:
            self.assertIn(action.name, text)
        self.assertIn("Guide des bonnes pratiques", text)
        selected = self.guide(self.agent)[:2]
        export = call_kw(Action, "action_ecoclic_guide_export", [selected.ids], {})
        self.assertEqual(export["url"], f"/ecoclic/export/guide-xlsx/{self.morvan.id}")

    def test_upgrade_gives_the_catalogue_its_first_steps(self):
        """An instance installed before 1.1.0 gets the first steps on update (the catalogue
        is noupdate data); a text an administrator wrote is kept."""
        path = file_path("ecoclic_odoo/migrations/18.0.1.1.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("ecoclic_post_migration_1_1", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        env = self.env(context={"lang": "en_US"})
        empty, edited = (
            env.ref("ecoclic_odoo.action_act_gov_01"),
            env.ref("ecoclic_odoo.action_act_gov_02"),
        )
        expected = empty.first_steps
        empty.first_steps = False
        edited.first_steps = "Our own first step"
        migration.migrate(env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(empty.first_steps, expected)
        self.assertEqual(edited.first_steps, "Our own first step")


@tagged("post_install", "-at_install")
class TestMethodPages(TransactionCaseWithUserDemo):
    """Every figure of the dashboard, and the assessment's, the equipment's footprint and
    the order's AGEC block, has a help link to an existing method page."""

    SCREENS = (
        ("res.company", "ecoclic_odoo.view_ecoclic_dashboard_form"),
        ("ecoclic.assessment", "ecoclic_odoo.view_ecoclic_assessment_form"),
    )

    def help_codes(self, node):
        codes = set()
        for button in node.iter("button"):
            context = button.get("context") or ""
            if "ecoclic_page" in context:
                codes.add(safe_eval(context)["ecoclic_page"])
        return codes

    def test_every_dashboard_figure_has_a_help_link(self):
        referent = self.env.ref("ecoclic_odoo.user_referent_morvan")
        pages = set(self.env["ecoclic.guide.page"].with_user(referent).search([]).mapped("code"))
        for model, xmlid in self.SCREENS:
            view = self.env.ref(xmlid)
            arch = (
                self.env[model]
                .with_user(referent)
                .get_views([(view.id, "form")])["views"]["form"]["arch"]
            )
            root = etree.fromstring(arch)
            self.assertTrue(self.help_codes(root) <= pages, (xmlid, self.help_codes(root) - pages))
            figures = 0
            for field in root.iter("field"):
                if field.get("invisible") in ("1", "True") or field.get("widget") == "statusbar":
                    continue
                if field.xpath(
                    "ancestor::div[contains(@class, 'oe_title')] | ancestor::header"
                    " | ancestor::div[@name='button_box']"
                ):
                    continue
                if field.xpath("ancestor::group[@name='ecoclic_context'] | ancestor::field"):
                    continue  # who and what, not figures; a list's columns
                figures += 1
                containers = field.xpath("ancestor::group | ancestor::page | ancestor::div")
                self.assertTrue(
                    any(self.help_codes(c) for c in containers),
                    f"{xmlid}: {field.get('name')} has no help link",
                )
            self.assertGreater(figures, 10, xmlid)

    def test_help_links_open_their_page(self):
        agent = self.env.ref("ecoclic_odoo.user_agent_morvan")
        help_action = self.env.ref("ecoclic_odoo.action_ecoclic_method_help")
        for code in ("score", "peers", "target", "plan", "footprint", "agec", "recommendations"):
            result = help_action.with_user(agent).with_context(ecoclic_page=code).run()
            page = self.env["ecoclic.guide.page"].browse(result["res_id"])
            self.assertEqual(page.code, code)
            self.assertTrue(page.with_user(agent).body)
        for xmlid, code in (
            ("ecoclic_odoo.hr_equipment_view_form_ecoclic", "footprint"),
            ("ecoclic_odoo.purchase_order_form_ecoclic", "agec"),
        ):
            codes = self.help_codes(etree.fromstring(self.env.ref(xmlid).arch))
            self.assertEqual(codes, {code}, xmlid)
        with self.assertRaises(UserError):
            help_action.with_user(agent).with_context(ecoclic_page="nothing").run()
        outsider = company_user(
            self.env, self.env.ref("ecoclic_odoo.company_morvan"), "no.ecoclic", "base.group_user"
        )
        with self.assertRaises(AccessError):
            help_action.with_user(outsider).with_context(ecoclic_page="score").run()
