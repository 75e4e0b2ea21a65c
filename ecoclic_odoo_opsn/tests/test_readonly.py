# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What Odoo 18 may serve from a read-only replica (``db_replica_host``).

The web client's ``/web/dataset/call_kw`` and ``call_button`` open a read-only cursor,
on the replica when one is configured, for a method flagged ``@api.readonly``; the
export route does the same with ``readonly=``. A method so flagged must never write:
on a replica, a write fails and Odoo runs the request again on the primary. These tests
pin the list and run every method, the dashboards' and the supervision's reads and the
exports as their personas inside a read-only transaction, where any write fails.
"""

from contextlib import contextmanager

from psycopg2.errors import ReadOnlySqlTransaction

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ecoclic_odoo_opsn.controllers.export import EcoclicOpsnExport

from .test_supervision import SupervisionCase

# (model, method) the web client may run on the replica.
READONLY_METHODS = (
    ("res.company", "action_ecoclic_dashboard"),
    ("res.company", "action_ecoclic_open_assessments"),
    ("res.company", "action_ecoclic_top_recommendations"),
    ("res.company", "action_ecoclic_overdue_actions"),
    ("res.company", "action_ecoclic_opsn_portfolio_radar"),
    ("res.company", "action_ecoclic_export_portfolio_xlsx"),
    ("res.company", "action_ecoclic_export_portfolio_csv"),
    ("res.company", "action_ecoclic_export_benchmark"),
    ("ecoclic.assessment", "action_open_recommendations"),
    ("ecoclic.assessment", "action_export_xlsx"),
    ("ecoclic.assessment", "action_print_report"),
    ("ecoclic.assessment", "get_views"),
    ("ecoclic.plan.line", "get_views"),
    ("ecoclic.plan.review", "get_views"),
    ("ecoclic.action", "action_ecoclic_guide_open_plan_line"),
    ("ecoclic.action", "action_ecoclic_guide_print"),
    ("ecoclic.action", "action_ecoclic_guide_export"),
    ("ecoclic.action.choice", "action_ecoclic_open_guide"),
    ("purchase.order", "action_ecoclic_view_equipment"),
    ("ecoclic.opsn.dashboard", "action_open_collectivity"),
)
# Methods that write, and must stay on the primary.
WRITING_METHODS = (
    ("res.company", "write"),
    ("res.company", "action_ecoclic_continue_assessment"),
    ("ecoclic.assessment", "action_submit"),
    ("ecoclic.assessment", "action_answer"),
    ("ecoclic.plan.line", "action_done"),
    ("ecoclic.opsn.campaign", "action_launch"),
    ("ecoclic.fleet.import", "action_download_issues"),
)
# Export kinds streamed from the replica; the others are read on the primary.
REPLICA_EXPORTS = (
    "assessment-xlsx",
    "guide-xlsx",
    "portfolio-xlsx",
    "portfolio-csv",
    "benchmark-csv",
)


def runs_on_replica(registry, model, method):
    """The web client's own test (web's DataSet._call_kw_readonly): the first class of
    the model's MRO whose method carries the flag decides."""
    for cls in registry[model].mro():
        found = getattr(cls, method, None)
        if found is not None and hasattr(found, "_readonly"):
            return found._readonly
    return False


@contextmanager
def read_only_transaction(env):
    """Run the block as on a replica: inside a savepoint made read-only (as Odoo's test
    cursor does for read-only requests), so that any INSERT, UPDATE, DELETE or
    sequence step fails; everything is rolled back afterwards."""
    env.flush_all()
    env.cr.execute("SAVEPOINT ecoclic_read_only")
    env.cr.execute("SET TRANSACTION READ ONLY")
    try:
        yield
        env.flush_all()
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT ecoclic_read_only")
        env.invalidate_all()


@tagged("post_install", "-at_install")
class TestReadOnlyReplica(SupervisionCase):
    def test_flags(self):
        for model, method in READONLY_METHODS:
            with self.subTest(model=model, method=method):
                self.assertTrue(runs_on_replica(self.registry, model, method))
        for model, method in WRITING_METHODS:
            with self.subTest(model=model, method=method):
                self.assertFalse(runs_on_replica(self.registry, model, method))
        route = EcoclicOpsnExport()
        for kind in REPLICA_EXPORTS:
            self.assertTrue(route._ecoclic_export_on_replica(self.registry, kind), kind)
        self.assertFalse(route._ecoclic_export_on_replica(self.registry, "fleet-import-issues"))
        self.assertFalse(route._ecoclic_export_on_replica(self.registry, "no-such-kind"))
        self.assertEqual(
            set(route._ecoclic_export_models) - set(REPLICA_EXPORTS),
            {"fleet-import-issues"},
            "a new export kind: say whether it reads only (REPLICA_EXPORTS) or not",
        )

    def test_read_only_transaction_refuses_a_write(self):
        """The check below can fail: a write in it is refused."""
        with self.assertRaises(ReadOnlySqlTransaction), mute_logger("odoo.sql_db"):
            with read_only_transaction(self.env):
                self.a.write({"ecoclic_population": 1600})
        self.assertEqual(self.a.ecoclic_population, 1500)

    def _calls(self):
        """(persona, record, method) for each flagged method with a record to call it on."""
        assessment = self.assessments["Commune A"]
        line = self.env["ecoclic.opsn.dashboard"].search([("company_id", "=", self.a.id)])
        order = self.env["purchase.order"].search([("company_id", "=", self.a.id)], limit=1)
        self.assertTrue(line and order)
        calls = [
            (self.user_a, self.a, "action_ecoclic_dashboard"),
            (self.user_a, self.a, "action_ecoclic_open_assessments"),
            (self.user_a, self.a, "action_ecoclic_top_recommendations"),
            (self.user_a, self.a, "action_ecoclic_overdue_actions"),
            (self.viewer, self.opsn, "action_ecoclic_dashboard"),
            (self.viewer, self.opsn, "action_ecoclic_opsn_portfolio_radar"),
            (self.viewer, self.opsn, "action_ecoclic_export_portfolio_xlsx"),
            (self.viewer, self.opsn, "action_ecoclic_export_portfolio_csv"),
            (self.viewer, self.opsn, "action_ecoclic_export_benchmark"),
            (self.viewer, line, "action_open_collectivity"),
            (self.user_a, assessment, "action_open_recommendations"),
            (self.user_a, assessment, "action_export_xlsx"),
            (self.viewer, assessment, "action_print_report"),
            (self.user_a, self.env["ecoclic.action"], "action_ecoclic_guide_print"),
            (self.user_a, self.env["ecoclic.action"], "action_ecoclic_guide_export"),
            (self.user_a, order, "action_ecoclic_view_equipment"),
        ]
        return calls

    def test_flagged_methods_never_write(self):
        for user, record, method in self._calls():
            with self.subTest(user=user.login, method=method):
                env = self.env(user=user, context=dict(self.env.context, uid=user.id))
                company = record.company_id if "company_id" in record else record
                if company.ecoclic_is_opsn or company in user.company_ids:
                    env = env(context=dict(env.context, allowed_company_ids=company.ids))
                with read_only_transaction(self.env):
                    action = getattr(record.with_env(env), method)()
                self.assertIsInstance(action, dict)

    def _read_view(self, env, records, view_xmlid):
        """What the web client reads to draw a view: every field of it, web_read."""
        view = self.env.ref(view_xmlid)
        fields = env[records._name].get_views([(view.id, view.type)])["models"][records._name]
        spec = {name: {} for name in fields["fields"]}
        return records.with_env(env).web_read(spec)

    def test_dashboards_and_exports_read_only(self):
        """The collectivity's dashboard (with its peer figures), the supervision and every
        export that the route streams from the replica, as their personas."""
        as_user_a = self.env(user=self.user_a, context={"allowed_company_ids": self.a.ids})
        as_viewer = self.env(user=self.viewer, context={"allowed_company_ids": self.opsn.ids})
        assessment = self.assessments["Commune A"]
        with read_only_transaction(self.env):
            (dashboard,) = self._read_view(
                as_user_a, self.a, "ecoclic_odoo.view_ecoclic_dashboard_form"
            )
            self.assertEqual(dashboard["id"], self.a.id)
            (seen,) = self._read_view(as_viewer, self.a, "ecoclic_odoo.view_ecoclic_dashboard_form")
            self.assertEqual(seen["id"], self.a.id)
            rows = as_viewer["ecoclic.opsn.dashboard"].search([])
            read = self._read_view(
                as_viewer, rows, "ecoclic_odoo_opsn.view_ecoclic_opsn_dashboard_list"
            )
            self.assertEqual({row["id"] for row in read}, set(rows.ids))
            self.assertEqual(rows.company_id, self.a | self.b)
            exports = [
                (as_user_a, assessment, "assessment-xlsx"),
                (as_user_a, self.a, "guide-xlsx"),
                (as_viewer, self.opsn, "portfolio-xlsx"),
                (as_viewer, self.opsn, "portfolio-csv"),
                (as_viewer, self.opsn, "benchmark-csv"),
            ]
            self.assertEqual({kind for _env, _rec, kind in exports}, set(REPLICA_EXPORTS))
            for env, record, kind in exports:
                _name, content, _mime = record.with_env(env)._ecoclic_export(kind)
                self.assertTrue(content, kind)
