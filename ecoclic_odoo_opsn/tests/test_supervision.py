# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.ecoclic_odoo.tests.common import company_user

TODAY = date.today()


class SupervisionCase(TransactionCase):
    """An OPSN supervising A and B; C is supervised by another OPSN, D by none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tracking_disable=True))
        Company = cls.env["res.company"]
        eur = cls.env.ref("base.EUR")
        cls.opsn = Company.create({"name": "OPSN S", "ecoclic_is_opsn": True})
        cls.other_opsn = Company.create({"name": "OPSN T", "ecoclic_is_opsn": True})

        def collectivity(name, opsn=None, **values):
            return Company.create(
                {
                    "name": name,
                    "ecoclic_collectivity_type": "commune",
                    "ecoclic_population": 1500,
                    "currency_id": eur.id,
                    "ecoclic_opsn_id": opsn and opsn.id,
                    **values,
                }
            )

        cls.a = collectivity("Commune A", cls.opsn, ecoclic_target_score=70)
        cls.b = collectivity("Commune B", cls.opsn)
        cls.c = collectivity("Commune C", cls.other_opsn)
        cls.d = collectivity("Commune D")
        cls.viewer = company_user(
            cls.env, cls.opsn, login="sup_viewer", groups="ecoclic_odoo_opsn.group_opsn_viewer"
        )
        cls.manager = company_user(
            cls.env, cls.opsn, login="sup_manager", groups="ecoclic_odoo_opsn.group_opsn_manager"
        )
        cls.user_a = company_user(
            cls.env, cls.a, login="sup_user_a", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        cls.user_d = company_user(
            cls.env, cls.d, login="sup_user_d", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        cls.a.ecoclic_account_manager_id = cls.viewer
        survey = cls.env.ref("ecoclic_odoo.survey_maturity_v1")
        cls.axis = cls.env.ref("ecoclic_odoo.axis_gouvernance")
        cls.assessments = {}
        for company, score, when in (
            (cls.a, 40, TODAY - timedelta(days=400)),
            (cls.a, 55, TODAY - timedelta(days=30)),
            (cls.b, 80, TODAY - timedelta(days=90)),
            (cls.c, 60, TODAY - timedelta(days=90)),
            (cls.d, 65, TODAY - timedelta(days=90)),
        ):
            assessment = cls.env["ecoclic.assessment"].create(
                {"company_id": company.id, "survey_id": survey.id}
            )
            assessment.write(
                {
                    "state": "submitted",
                    "overall_score": score,
                    "grade": "D",
                    "target_score": company.ecoclic_target_score,
                    "date_submitted": datetime.combine(when, datetime.min.time()),
                }
            )
            cls.assessments[company.name] = assessment
            cls.env["ecoclic.assessment.axis"].create(
                {
                    "assessment_id": assessment.id,
                    "axis_id": cls.axis.id,
                    "score": score - 5,
                    "target_score": 75,
                }
            )
        Line = cls.env["ecoclic.plan.line"]
        done = Line.create({"name": "Done", "company_id": cls.a.id})
        done.write({"state": "done", "date_done": TODAY})
        Line.create(
            {
                "name": "Half",
                "company_id": cls.a.id,
                "progress": 50,
                "state": "in_progress",
                "date_due": TODAY - timedelta(days=3),
            }
        )
        # A bought 1 000 new and 500 refurbished of IT this year: 33 %.
        laptop = cls.env.ref("ecoclic_odoo.equipment_category_laptop")
        vendor = cls.env["res.partner"].create({"name": "Vendor S"})
        new, refurbished = cls.env["product.template"].create(
            [
                {
                    "name": "New laptop",
                    "ecoclic_category_id": laptop.id,
                    "ecoclic_condition": "new",
                    "purchase_ok": True,
                    "type": "consu",
                },
                {
                    "name": "Refurbished laptop",
                    "ecoclic_category_id": laptop.id,
                    "ecoclic_condition": "refurbished",
                    "purchase_ok": True,
                    "type": "consu",
                },
            ]
        )
        cls.a.ecoclic_equipment_from_purchase = "none"
        order = (
            cls.env["purchase.order"]
            .with_company(cls.a)
            .create(
                {
                    "partner_id": vendor.id,
                    "company_id": cls.a.id,
                    "currency_id": eur.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": new.product_variant_id.id,
                                "product_qty": 1,
                                "price_unit": 1000,
                            }
                        ),
                        Command.create(
                            {
                                "product_id": refurbished.product_variant_id.id,
                                "product_qty": 1,
                                "price_unit": 500,
                            }
                        ),
                    ],
                }
            )
        )
        order.button_confirm()
        # Fleet: two laptops, 2 and 4 years old: 3 years on average.
        cls.equipment_a = cls.env["maintenance.equipment"].create(
            [
                {
                    "name": f"Laptop {years}",
                    "company_id": cls.a.id,
                    "ecoclic_category_id": laptop.id,
                    "ecoclic_acquisition_date": TODAY - relativedelta(years=years),
                    "effective_date": TODAY - relativedelta(years=years),
                }
                for years in (2, 4)
            ]
        )
        # Follow-ups: A's last one 8 months ago (every 6 months: overdue); B's is planned.
        Followup = cls.env["ecoclic.opsn.followup"]
        Followup.create(
            {
                "company_id": cls.a.id,
                "opsn_id": cls.opsn.id,
                "state": "done",
                "date": TODAY - relativedelta(months=8),
            }
        )
        Followup.create(
            {"company_id": cls.b.id, "opsn_id": cls.opsn.id, "date": TODAY + timedelta(days=10)}
        )


@tagged("post_install", "-at_install")
class TestSupervision(SupervisionCase):
    # Record rules ------------------------------------------------------------------------
    def test_opsn_staff_read_exactly_the_portfolio(self):
        for user in (self.viewer, self.manager):
            with self.subTest(user=user.login):
                Assessment = self.env["ecoclic.assessment"].with_user(user)
                self.assertEqual(Assessment.search([]).company_id, self.a | self.b)
                self.assertEqual(
                    self.env["ecoclic.plan.line"].with_user(user).search([]).company_id, self.a
                )
                # Purchase lines stay with the collectivity's buyers (AGEC figures only).
                with self.assertRaises(AccessError):
                    self.env["ecoclic.agec.report"].with_user(user).search([])
                self.assertEqual(
                    self.env["ecoclic.assessment.axis"]
                    .with_user(user)
                    .search_count([("company_id", "in", (self.c | self.d).ids)]),
                    0,
                )
                for company in (self.c, self.d):
                    with self.assertRaises(AccessError):
                        self.assessments[company.name].with_user(user).read(["overall_score"])
                # Writes stay with the collectivity's own users.
                with self.assertRaises(AccessError):
                    self.assessments["Commune A"].with_user(user).write({"responsible_id": False})
                with self.assertRaises(AccessError):
                    self.env["ecoclic.plan.line"].with_user(user).create(
                        {"name": "Imposed", "company_id": self.a.id}
                    )
                # Never the collectivity's other records: its equipment or purchases.
                with self.assertRaises(AccessError):
                    self.equipment_a[0].with_user(user).read(["name"])
                self.assertFalse(
                    self.env["maintenance.equipment"]
                    .with_user(user)
                    .search([("company_id", "=", self.a.id)])
                )

    def test_collectivity_users_read_their_own_only(self):
        for user, company in ((self.user_a, self.a), (self.user_d, self.d)):
            with self.subTest(user=user.login):
                Assessment = self.env["ecoclic.assessment"].with_user(user)
                self.assertEqual(Assessment.search([]).company_id, company)
                with self.assertRaises(AccessError):
                    self.assessments["Commune B"].with_user(user).read(["overall_score"])
                with self.assertRaises(AccessError):
                    self.env["ecoclic.opsn.dashboard"].with_user(user).search([])
        # A's référent still changes A's records.
        self.assessments["Commune A"].with_user(self.user_a).write(
            {"responsible_id": self.user_a.id}
        )

    def test_portfolio_changes_are_kept_and_apply_at_once(self):
        Assessment = self.env["ecoclic.assessment"].with_user(self.viewer)
        self.assertIn(self.b, Assessment.search([]).company_id)
        self.b.ecoclic_opsn_id = self.other_opsn
        self.assertNotIn(self.b, Assessment.search([]).company_id)
        history = self.b.ecoclic_membership_ids.sorted("id")
        self.assertEqual(history.opsn_id, self.opsn | self.other_opsn)
        self.assertEqual(history[0].date_end, fields.Date.context_today(self.b))
        self.assertFalse(history[1].date_end)
        with self.assertRaises(ValidationError):
            self.c.ecoclic_account_manager_id = self.viewer  # not on C's OPSN staff

    # Dashboard ---------------------------------------------------------------------------
    def test_dashboard_figures(self):
        rows = {
            row["company_id"][0]: row
            for row in self.env["ecoclic.opsn.dashboard"].with_user(self.viewer).search_read([])
        }
        self.assertEqual(set(rows), {self.a.id, self.b.id})
        a, b = rows[self.a.id], rows[self.b.id]
        self.assertEqual((a["score"], a["score_change"], a["gap"]), (55, 15, 15))
        self.assertEqual(a["assessment_age"], 30)
        self.assertEqual(a["manager_id"][0], self.viewer.id)
        self.assertEqual(a["plan_completion"], 75.0)
        self.assertEqual(a["overdue_actions"], 1)
        self.assertAlmostEqual(a["agec_share"], 100 * 500 / 1500, places=3)
        self.assertEqual(a["agec_minimum"], 20.0)
        self.assertFalse(a["agec_behind"])
        self.assertAlmostEqual(a["fleet_age"], 3.0, delta=0.01)
        # The fleet's footprint on the three criteria: the two laptops' own figures.
        self.assertEqual((a["fleet_count"], a["fleet_unhandled"]), (2, 0))
        for column, embodied, use in (
            ("fleet_gwp", "ecoclic_annual_manufacturing", "ecoclic_use_footprint_year"),
            ("fleet_adpe", "ecoclic_annual_adpe", "ecoclic_use_adpe_year"),
            ("fleet_pe", "ecoclic_annual_pe", "ecoclic_use_pe_year"),
        ):
            expected = sum(item[embodied] + item[use] for item in self.equipment_a)
            self.assertGreater(expected, 0)
            self.assertAlmostEqual(a[column], expected, delta=max(0.02, expected * 1e-6))
        self.assertEqual((b["fleet_count"], b["fleet_gwp"]), (0, 0.0))
        self.assertEqual(a["next_followup"], TODAY - relativedelta(months=2))
        self.assertTrue(a["followup_late"])
        self.assertTrue(a["late"])
        self.assertEqual((b["score"], b["score_change"]), (80, False))
        self.assertEqual(b["next_followup"], TODAY + timedelta(days=10))
        self.assertFalse(b["followup_late"])
        self.assertFalse(b["late"])
        # Why, in words, and the overdue follow-ups first.
        Dashboard = self.env["ecoclic.opsn.dashboard"].with_user(self.viewer)
        self.assertEqual(Dashboard.search([]).company_id[:1], self.a)
        by_company = {row.company_id: row for row in Dashboard.search([])}
        self.assertEqual(
            by_company[self.a].with_context(lang="en_US").attention,
            "Follow-up overdue, overdue actions: 1",
        )
        self.assertEqual(
            by_company[self.a].with_context(lang="fr_FR").attention,
            "Suivi en retard, actions en retard : 1",
        )
        self.assertFalse(by_company[self.b].attention)
        # Only the first letter is raised: "AGEC" stays as written.
        row = Dashboard.with_context(lang="fr_FR").new({"agec_behind": True, "overdue_actions": 2})
        self.assertEqual(row.attention, "Actions en retard : 2, sous le minimum AGEC")
        late = (
            self.env["ecoclic.opsn.dashboard"].with_user(self.viewer).search([("late", "=", True)])
        )
        self.assertEqual(late.company_id, self.a)
        action = late.action_open_collectivity()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.company", self.a.id))
        # The portfolio radar: median of A's latest (50) and B's (75) on gouvernance.
        chart = self.opsn.with_user(self.viewer).ecoclic_portfolio_chart
        index = chart["labels"].index(self.axis.name)
        self.assertEqual(chart["score"][index], 62)  # 62.5, rounded half to even
        self.assertEqual(chart["target"][index], 75)
        self.assertEqual(chart["score"].count(None), len(chart["labels"]) - 1)
        # The figures beside it: how many collectivities each axis's median is over.
        self.assertEqual(chart["count"][index], 2)
        self.assertEqual(chart["count"].count(0), len(chart["labels"]) - 1)

    def test_opsn_staff_get_no_collectivity_menus(self):
        """OPSN staff (every company of theirs an OPSN) see the OPSN menu and the
        collectivities, not the dashboard, assessments, plan, fleet or purchases of their
        OPSN's own, empty company; a collectivity's référent, and someone in both an OPSN
        and a collectivity, keep them."""

        def visible(user):
            menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
            return {menu["xmlid"] for key, menu in menus.items() if key != "root" and menu["xmlid"]}

        collectivity_menus = {
            "ecoclic_odoo.menu_ecoclic_dashboard",
            "ecoclic_odoo.menu_ecoclic_assessment",
            "ecoclic_odoo.menu_ecoclic_plan_root",
            "ecoclic_odoo.menu_ecoclic_fleet_root",
            "ecoclic_odoo.menu_ecoclic_fleet",
        }
        for user in (self.viewer, self.manager):
            with self.subTest(user=user.login):
                menus = visible(user)
                self.assertFalse(menus & collectivity_menus)
                self.assertIn("ecoclic_odoo_opsn.menu_ecoclic_opsn_dashboard", menus)
                self.assertIn("ecoclic_odoo.menu_ecoclic_collectivity", menus)
        self.assertLessEqual(collectivity_menus, visible(self.user_a))
        # Also in a collectivity: the menus come back (the cache is the user's).
        self.manager.write({"company_ids": [(4, self.a.id)]})
        self.assertLessEqual(collectivity_menus, visible(self.manager))

    def test_opsn_staff_land_on_the_supervision_not_their_opsn_dashboard(self):
        """The dashboard's URL (/odoo/ecoclic-dashboard, no record) takes OPSN staff who
        belong to no collectivity to the supervision; opened on their OPSN itself
        (/odoo/ecoclic-dashboard/<OPSN>), the dashboard says where their work is and
        offers no assessment. A collectivity's dashboard by its URL stays that dashboard;
        a référent, and OPSN staff also in a collectivity, get their collectivity's."""
        Company = self.env["res.company"]
        supervision = self.env.ref("ecoclic_odoo_opsn.action_ecoclic_opsn_dashboard")
        dashboard_view = self.env.ref("ecoclic_odoo.view_ecoclic_dashboard_form")
        for user in (self.viewer, self.manager):
            with self.subTest(user=user.login):
                action = Company.with_user(user).action_ecoclic_dashboard()
                self.assertEqual(action["id"], supervision.id)
                self.assertEqual(action["res_model"], "ecoclic.opsn.dashboard")
                # A reload of a collectivity's dashboard (its id in the URL's params).
                reload = (
                    Company.with_user(user)
                    .with_context(params={"action": "ecoclic-dashboard", "resId": self.a.id})
                    .action_ecoclic_dashboard()
                )
                self.assertEqual(reload["views"], [(dashboard_view.id, "form")])
                own, collectivity = (self.opsn | self.a).with_user(user)
                self.assertTrue(own.ecoclic_opsn_own_dashboard)
                self.assertFalse(collectivity.ecoclic_opsn_own_dashboard)
        action = Company.with_user(self.user_a).action_ecoclic_dashboard()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.company", self.a.id))
        self.assertFalse(self.a.with_user(self.user_a).ecoclic_opsn_own_dashboard)
        # Also in a collectivity: their collectivity's dashboard, no notice on the OPSN.
        self.manager.write({"company_ids": [Command.link(self.a.id)]})
        manager = Company.with_user(self.manager).with_company(self.a)
        self.assertEqual(manager.action_ecoclic_dashboard()["res_id"], self.a.id)
        self.assertFalse(self.opsn.with_user(self.manager).ecoclic_opsn_own_dashboard)

    def test_opsn_own_dashboard_view_hides_the_call_to_assess(self):
        """The notice replaces the next steps (start or continue the assessment), the
        no-assessment-yet call and the assessments' button on an OPSN's dashboard shown to
        its staff; a référent's dashboard has no notice (nor its supervision button)."""
        view = self.env.ref("ecoclic_odoo.view_ecoclic_dashboard_form")

        def form(user):
            views = self.env["res.company"].with_user(user).get_views([(view.id, "form")])
            return etree.fromstring(views["views"]["form"]["arch"])

        arch = form(self.viewer)
        (notice,) = arch.xpath("//div[contains(@class, 'o_ecoclic_opsn_own_dashboard')]")
        self.assertEqual(notice.get("invisible"), "not ecoclic_opsn_own_dashboard")
        hidden = [
            "//div[@name='next_steps']",
            "//button[@name='action_ecoclic_open_assessments']",
            "//div[@role='status'][contains(@class, 'alert-info')]"
            "[not(contains(@class, 'o_ecoclic_opsn_own_dashboard'))]",
        ]
        for path in hidden:
            with self.subTest(path=path):
                (node,) = arch.xpath(path)
                self.assertIn("ecoclic_opsn_own_dashboard", node.get("invisible"))
        (no_assessment,) = arch.xpath(hidden[2])
        self.assertIn("ecoclic_draft_assessment_id", no_assessment.get("invisible"))
        self.assertFalse(
            form(self.user_a).xpath("//div[contains(@class, 'o_ecoclic_opsn_own_dashboard')]")
        )

    def test_dashboard_queries_do_not_grow_with_the_portfolio(self):
        Dashboard = self.env["ecoclic.opsn.dashboard"].with_user(self.viewer)
        counts, exports = {}, {}
        for size in (10, 200):
            missing = size - Dashboard.search_count([])
            self.env["res.company"].create(
                [
                    {
                        "name": f"Scale {size}-{i}",
                        "ecoclic_collectivity_type": "commune",
                        "ecoclic_population": 100 * i,
                        "ecoclic_opsn_id": self.opsn.id,
                        "ecoclic_account_manager_id": self.viewer.id,
                    }
                    for i in range(missing)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=9):
                rows = Dashboard.search_read(
                    [],
                    [
                        "company_id",
                        "manager_id",
                        "score",
                        "grade",
                        "late",
                        "departement_id",
                        "agec_share",
                        "fleet_age",
                    ],
                )
            counts[size] = len(rows)
            # The consolidated exports too: the same queries at 10 and at 200.
            for name, export in (
                ("csv", self.opsn._ecoclic_portfolio_csv),
                ("xlsx", self.opsn._ecoclic_portfolio_xlsx),
                ("benchmark", self.opsn._ecoclic_benchmark_csv),
            ):
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                export()
                exports.setdefault(name, []).append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts, {10: 10, 200: 200})
        for name, (at_10, at_200) in exports.items():
            self.assertEqual(at_10, at_200, f"{name}: {at_10} queries at 10, {at_200} at 200")

    def test_opsn_manager_changes_only_what_is_theirs_to_change(self):
        a = self.a.with_user(self.manager)
        a.write({"ecoclic_level2_enabled": True, "ecoclic_followup_months": 3})
        self.assertTrue(self.a.ecoclic_level2_enabled)
        self.assertEqual(self.a.ecoclic_followup_months, 3)
        self.assertTrue(a.ecoclic_opsn_can_manage)
        for company, values in (
            (self.a, {"name": "Renamed"}),
            (self.c, {"ecoclic_level2_enabled": True}),
            (self.a, {"ecoclic_opsn_id": self.other_opsn.id}),
        ):
            with self.subTest(company=company.name, values=values):
                with self.assertRaises(AccessError):
                    company.with_user(self.manager).write(values)
        with self.assertRaises(AccessError):
            self.a.with_user(self.viewer).write({"ecoclic_level2_enabled": False})
        # Detaching a collectivity is a portfolio change the manager makes, and it is kept.
        a.write({"ecoclic_opsn_id": False})
        self.assertFalse(self.a.ecoclic_opsn_id)
        self.assertTrue(self.a.ecoclic_membership_ids.date_end)


@tagged("post_install", "-at_install")
class TestFollowupList(SupervisionCase):
    def test_overdue_meetings_come_first_and_say_so(self):
        """As the OPSN viewer: a planned meeting whose date has passed reads "N days late"
        and comes first in the list the menu opens; its filter finds it alone."""
        Followup = self.env["ecoclic.opsn.followup"]
        late = Followup.create(
            {"company_id": self.a.id, "opsn_id": self.opsn.id, "date": TODAY - timedelta(days=3)}
        )
        yesterday = Followup.create(
            {"company_id": self.b.id, "opsn_id": self.opsn.id, "date": TODAY - timedelta(days=1)}
        )
        Viewer = Followup.with_user(self.viewer)
        self.assertEqual(Viewer.browse(late.id).late_label, "3 days late")
        self.assertEqual(Viewer.browse(yesterday.id).late_label, "1 day late")
        planned = Viewer.search([("state", "=", "planned")])
        upcoming = planned.filtered(lambda f: f.date >= TODAY)
        held = Viewer.search([("state", "=", "done")])
        self.assertTrue(upcoming and held)
        self.assertEqual(set((upcoming | held).mapped("late_label")), {False})
        # The list's order (its default_order) and the Overdue filter, as the client sends them.
        view = self.env.ref("ecoclic_odoo_opsn.view_ecoclic_opsn_followup_list")
        order = etree.fromstring(view.arch).get("default_order")
        ordered = Viewer.search([("state", "=", "planned")], order=order)
        self.assertEqual(ordered[:2], late | yesterday)
        search = self.env.ref("ecoclic_odoo_opsn.view_ecoclic_opsn_followup_search")
        domain = etree.fromstring(search.arch).xpath("//filter[@name='overdue']")[0].get("domain")
        overdue = Viewer.search(safe_eval(domain, {"context_today": lambda: TODAY}))
        self.assertEqual(overdue, late | yesterday)


class TestDashboardScope(SupervisionCase):
    """The dashboard's statement reads the rows of the viewer's OPSN only (issue 20: in a
    national instance an OPSN's dashboard must not aggregate every collectivity's fleet,
    scores, plans and purchases), and still shows what the record rule lets through."""

    def scope(self, env):
        env.cr.execute(env["ecoclic.opsn.dashboard"]._ecoclic_scope())
        return {row[0] for row in env.cr.fetchall()}

    def test_scope_is_the_active_opsns_portfolio(self):
        viewer_env = self.env(user=self.viewer)
        self.assertEqual(self.scope(viewer_env), set((self.a | self.b).ids))
        both = self.opsn | self.other_opsn
        self.viewer.company_ids |= self.other_opsn
        both_env = self.env(user=self.viewer, context={"allowed_company_ids": both.ids})
        self.assertEqual(self.scope(both_env), set((self.a | self.b | self.c).ids))
        # A superuser's dashboard reads every supervised collectivity, never D.
        self.assertLessEqual(set((self.a | self.b | self.c).ids), self.scope(self.env))
        self.assertNotIn(self.d.id, self.scope(self.env))
        rows = both_env["ecoclic.opsn.dashboard"].search_read([], ["company_id", "score"])
        self.assertEqual(
            {row["company_id"][0] for row in rows}, set((self.a | self.b | self.c).ids)
        )
        scores = {row["company_id"][0]: row["score"] for row in rows}
        everything = self.env["ecoclic.opsn.dashboard"].search_read(
            [("company_id", "in", list(scores))], ["company_id", "score"]
        )
        self.assertEqual({row["company_id"][0]: row["score"] for row in everything}, scores)
