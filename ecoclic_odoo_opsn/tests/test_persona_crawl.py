# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The persona crawl: every demo persona, through the web client's own RPCs.

For each persona the crawl logs in, loads the menus as the web client does, keeps those of
*Sobriété numérique* and the menus of other apps that open one of our actions, and for each
action replays what the client asks: the action, every view type (list, kanban, form, graph,
pivot, calendar) with the action's domain and context, one record's form, and the buttons of
that form the persona sees (``get_views`` has already removed those of groups the persona is
not in; ``invisible=`` is evaluated on the record). Export, print and report buttons are run
and their file fetched; other object buttons are run inside a savepoint that is rolled back,
and a *New* button the persona sees is tried the same way (defaults, then save). Windows a
button opens are crawled in turn.

An access error, a traceback, a failed RPC or a failed download fails the test, with the
persona and the screen. A business refusal (a ``UserError``, a ``ValidationError``: "answer
every question first") is what a user would read in a warning and is counted, not failed.
"""

import contextlib
import json
import logging
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.ecoclic_odoo.tests.common import EcoclicTourCase

_logger = logging.getLogger(__name__)

# The six personas of the demo: (label, login, password).
PERSONAS = {
    "referent": ("référent", "referent.morvan", "referent.morvan"),
    "agent": ("agent and buyer", "agent.morvan", "agent.morvan"),
    "opsn_viewer": ("OPSN viewer", "opsn.conseiller", "opsn.conseiller"),
    "opsn_manager": ("OPSN manager", "opsn.manager", "opsn.manager"),
    "admin": ("administrator", "admin", "admin"),
    "outside": ("référent outside any OPSN", "referent.ca_emeraude", "referent.ca_emeraude"),
}

# Buttons known to be broken and being fixed elsewhere, as (login, "model.method"): the
# crawl still runs them, reports them as "known broken" instead of failing, and says when
# one works again. Empty: the OPSN staff's exports, listed here until they were streamed
# to the user who asks (issue 13), are now checked like any other button.
KNOWN_BROKEN = set()

# What each persona must reach (issue 21's screens): the windows of these models, and these
# buttons pressed ("model.method"); the crawl fails when a change of menus, views or demo
# data hides one of them.
COVERAGE = {
    "referent": (
        {"ecoclic.reen.obligation", "ecoclic.opsn.grant"},
        {"ecoclic.assessment.action_ecoclic_open_grant", "res.company.action_ecoclic_opsn_leave"},
    ),
    "agent": ({"ecoclic.reen.obligation"}, set()),
    "opsn_viewer": (
        {"ecoclic.reen.obligation", "ecoclic.opsn.request", "ecoclic.opsn.grant"},
        {"ecoclic.assessment.action_answer"},
    ),
    "opsn_manager": (
        {"ecoclic.reen.obligation", "ecoclic.opsn.request", "ecoclic.opsn.request.refuse"},
        {"ecoclic.opsn.request.action_accept", "ecoclic.opsn.request.action_open_refuse"},
    ),
    "admin": ({"ecoclic.reen.obligation", "ecoclic.opsn.request"}, set()),
    "outside": (
        {"ecoclic.reen.obligation", "ecoclic.opsn.request"},
        {"ecoclic.reen.obligation.action_print", "ecoclic.opsn.request.action_cancel"},
    ),
}

# Errors a user reads as a warning about the business, not a failure of the screen.
BUSINESS_ERRORS = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.RedirectWarning",
}
VIEW_TYPES = ("list", "kanban", "form", "graph", "pivot", "calendar")
FALSE_VALUES = ("0", "false", "False")


class RpcError(Exception):
    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def _is_export(method):
    return "export" in method or "print" in method


class Crawler:
    """One persona's walk through the web client, as RPCs."""

    def __init__(self, case, key):
        self.case = case
        self.key = key
        self.label, self.login, self.password = PERSONAS[key]
        self.failures = []
        self.known_broken = []
        self.refused = []
        self.editable_read_only = []
        self.screens = 0
        self.buttons = 0
        self.seen_windows = set()
        self.seen_buttons = set()
        self.action_xmlids = {
            data.res_id: f"{data.module}.{data.name}"
            for data in case.env["ir.model.data"]
            .sudo()
            .search(
                [
                    ("module", "in", ("ecoclic_odoo", "ecoclic_odoo_opsn")),
                    ("model", "like", "ir.actions.%"),
                ]
            )
        }

    # --- transport -------------------------------------------------------------------
    def rpc(self, route, params):
        data = json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params})
        response = self.case.url_open(
            route, data=data.encode(), headers={"Content-Type": "application/json"}, timeout=120
        )
        if response.status_code != 200:
            raise RpcError("HTTP", f"{response.status_code} on {route}")
        body = response.json()
        if "error" in body:
            error = body["error"].get("data") or {}
            raise RpcError(error.get("name", "error"), error.get("message", str(body["error"])))
        return body.get("result")

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def fail(self, screen, what, error):
        self.failures.append(f"[{self.label} {self.login}] {screen}: {what}: {error}")

    def in_savepoint(self, func):
        """Run func (RPCs with side effects), then undo what it wrote."""
        cr = self.case.cr
        self.case.env.flush_all()
        cr.execute("SAVEPOINT ecoclic_crawl")
        try:
            return func()
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT ecoclic_crawl")
            cr.execute("RELEASE SAVEPOINT ecoclic_crawl")
            self.case.env.invalidate_all()
            self.case.env.registry.clear_cache()

    # --- the walk --------------------------------------------------------------------
    def run(self):
        self.case.authenticate(self.login, self.password)
        info = self.rpc("/web/session/get_session_info", {})
        self.uid = info["uid"]
        self.company_id = info["user_companies"]["current_company"]
        self.context = dict(info["user_context"], allowed_company_ids=[self.company_id])
        menus_hash = info["cache_hashes"]["load_menus"]
        response = self.case.url_open(f"/web/webclient/load_menus/{menus_hash}")
        menus = response.json()
        for menu, path in self.our_menus(menus):
            self.screens += 1
            screen = f"menu {path}"
            try:
                action = self.rpc(
                    "/web/action/load", {"action_id": menu["actionID"], "context": self.context}
                )
            except RpcError as exc:
                self.fail(screen, "loading the action", exc)
                continue
            self.do_action(action, screen, depth=0)
        return self

    def our_menus(self, menus):
        """Menus under Sobriété numérique, and our actions in other apps."""
        env = self.case.env
        root = env.ref("ecoclic_odoo.menu_ecoclic_root").id
        ours = set(
            env["ir.model.data"]
            .sudo()
            .search(
                [
                    ("module", "in", ("ecoclic_odoo", "ecoclic_odoo_opsn")),
                    ("model", "like", "ir.actions.%"),
                ]
            )
            .mapped("res_id")
        )
        assert str(root) in menus or root in menus, (
            f"{self.login} does not see the Sobriété numérique menu"
        )
        found = []

        def walk(menu_id, path, under_root):
            menu = menus.get(str(menu_id)) or menus.get(menu_id)
            if not menu:
                return
            path = f"{path} → {menu['name']}" if path else menu["name"]
            under_root = under_root or menu["id"] == root
            if menu.get("actionID") and (under_root or menu["actionID"] in ours):
                found.append((menu, path))
            for child in menu.get("children", []):
                walk(child, path if menu_id != "root" else "", under_root)

        walk("root", "", False)
        return found

    def eval_context(self, extra=None):
        return {
            "uid": self.uid,
            "allowed_company_ids": [self.company_id],
            "context_today": lambda: date.today(),
            "datetime": datetime,
            "time": time,
            "relativedelta": relativedelta,
            "timedelta": timedelta,
            "current_date": date.today().strftime("%Y-%m-%d"),
            "active_id": False,
            "active_ids": [],
            "active_model": False,
            "context": self.context,
            **(extra or {}),
        }

    def evaluate(self, expression, default, extra=None):
        if not isinstance(expression, str):
            return expression if expression is not None else default
        if not expression.strip():
            return default
        return safe_eval(expression, self.eval_context(extra))

    def do_action(self, action, screen, depth):
        kind = action.get("type")
        if kind == "ir.actions.server":
            try:
                action = self.rpc(
                    "/web/action/run", {"action_id": action["id"], "context": self.context}
                )
            except RpcError as exc:
                self.fail(screen, "running the server action", exc)
                return
            if not action:
                return
            kind = action.get("type")
        if kind == "ir.actions.act_window":
            self.window(action, screen, depth)
        elif kind == "ir.actions.report":
            self.report(action, screen, action.get("context", {}).get("active_ids") or [])
        elif kind == "ir.actions.act_url":
            self.fetch(action["url"], screen)
        elif kind in ("ir.actions.client", "ir.actions.act_window_close", None):
            pass
        else:
            self.fail(screen, "unexpected action", kind)

    def fetch(self, url, screen):
        response = self.case.url_open(url, timeout=120)
        if response.status_code != 200:
            self.fail(screen, f"downloading {url}", f"HTTP {response.status_code}")
            return False
        return True

    def report(self, action, screen, ids):
        if not ids:
            return True
        url = f"/report/pdf/{action['report_name']}/{','.join(map(str, ids))}"
        return self.fetch(url, screen)

    def window(self, action, screen, depth):
        model = action["res_model"]
        try:
            context = dict(self.context, **self.evaluate(action.get("context"), {}))
            domain = self.evaluate(action.get("domain"), []) or []
        except Exception as exc:  # noqa: BLE001 - a client would fail the same way
            self.fail(screen, "evaluating the action's domain or context", exc)
            return
        key = (model, json.dumps(action.get("views")), repr(domain), action.get("res_id"))
        if key in self.seen_windows:
            return
        self.seen_windows.add(key)
        views = [list(v) for v in action.get("views") or [[False, "form"]]]
        if not any(v[1] == "search" for v in views):
            views.append([action.get("search_view_id") and action["search_view_id"][0], "search"])
        try:
            result = self.call(
                model,
                "get_views",
                views=views,
                options={
                    "action_id": action.get("id") or False,
                    "load_filters": True,
                    "toolbar": True,
                },
                context=context,
            )
        except RpcError as exc:
            self.fail(screen, f"get_views of {model}", exc)
            return
        models = {name: value.get("fields", value) for name, value in result["models"].items()}
        archs = {vt: etree.fromstring(v["arch"]) for vt, v in result["views"].items()}
        record_id = action.get("res_id") or False
        more_ids = []
        for view_type in VIEW_TYPES:
            if view_type not in archs or view_type == "form":
                continue
            self.screens += 1
            view_screen = f"{screen} [{view_type}]"
            try:
                records = self.load_view(
                    model, view_type, archs[view_type], models, domain, context
                )
            except RpcError as exc:
                self.fail(view_screen, f"loading the {view_type} view of {model}", exc)
                continue
            ids = [r["id"] for r in records]
            record_id = record_id or (ids[0] if ids else False)
            # One record per state (up to three): a draft and a submitted assessment do
            # not show the same buttons.
            if view_type in ("list", "kanban") and not more_ids:
                by_state = {}
                for record in records:
                    by_state.setdefault(record.get("state"), record["id"])
                more_ids = [i for i in list(by_state.values())[:3] if i != record_id]
            if view_type == "list" and records:
                # The buttons of a list's rows and header act on its first record.
                self.press_buttons(model, records[0], archs["list"], context, view_screen, depth)
            self.check_new(model, archs[view_type], archs.get("form"), models, context, view_screen)
            toolbar = result["views"][view_type].get("toolbar", {})
            for printer in toolbar.get("print", []):
                self.print_menu(printer, ids[:1], view_screen)
        if "form" in archs:
            if record_id:
                for form_id in dict.fromkeys([record_id, *more_ids]):
                    self.form(model, form_id, archs["form"], models, context, screen, depth)
            elif action.get("target") == "new" or views[0][1] == "form":
                self.screens += 1
                self.check_new(
                    model,
                    archs["form"],
                    archs["form"],
                    models,
                    context,
                    f"{screen} [form]",
                    force=True,
                )

    # --- views -----------------------------------------------------------------------
    def spec(self, node, model, models):
        """The fields specification the web client sends for this arch."""
        fields = models.get(model, {})
        spec = {}
        for field in node.iter("field"):
            # Fields of a sub-view belong to that sub-view.
            parent = field.getparent()
            nested = False
            while parent is not None and parent is not node:
                if parent.tag in ("list", "tree", "kanban", "form"):
                    nested = True
                    break
                parent = parent.getparent()
            if nested:
                continue
            name = field.get("name")
            info = fields.get(name)
            if not info:
                continue
            if info["type"] == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif info["type"] in ("one2many", "many2many"):
                sub = next((c for c in field if c.tag in ("list", "tree", "kanban")), None)
                subspec = self.spec(sub, info["relation"], models) if sub is not None else {}
                spec[name] = {"fields": subspec or {"display_name": {}}}
                if sub is not None:
                    spec[name]["limit"] = 40
            else:
                spec[name] = {}
        return spec

    def load_view(self, model, view_type, arch, models, domain, context):
        spec = self.spec(arch, model, models)
        group_by = arch.get("default_group_by")
        if view_type in ("list", "kanban"):
            if group_by:
                self.call(
                    model,
                    "web_read_group",
                    domain=domain,
                    fields=[],
                    groupby=[group_by],
                    limit=80,
                    lazy=True,
                    context=context,
                )
                bar = arch.find(".//progressbar")
                if bar is not None:
                    self.call(
                        model,
                        "read_progress_bar",
                        domain=domain,
                        group_by=group_by,
                        progress_bar={
                            "field": bar.get("field"),
                            "colors": json.loads(bar.get("colors", "{}")),
                        },
                        context=context,
                    )
            result = self.call(
                model,
                "web_search_read",
                domain=domain,
                specification=spec,
                offset=0,
                limit=80,
                order="",
                count_limit=10001,
                context=context,
            )
            return result["records"]
        if view_type in ("graph", "pivot"):
            fields = models.get(model, {})
            measures, groupbys = [], []
            for field in arch.iter("field"):
                name = field.get("name")
                if name not in fields:
                    continue
                if field.get("type") == "measure":
                    measures.append(f"{name}:{fields[name].get('aggregator') or 'sum'}")
                elif field.get("invisible") not in ("1", "True"):
                    interval = field.get("interval")
                    groupbys.append(f"{name}:{interval}" if interval else name)
            self.call(
                model,
                "read_group",
                domain=domain,
                fields=["__count"] + measures,
                groupby=groupbys[:2],
                lazy=False,
                context=context,
            )
            return [{"id": i} for i in self.call(model, "search", domain, limit=1, context=context)]
        if view_type == "calendar":
            start = arch.get("date_start")
            self.call(
                model,
                "search_read",
                domain=domain
                + [
                    (start, ">=", str(date.today() - timedelta(days=62))),
                    (start, "<=", str(date.today() + timedelta(days=62))),
                ],
                fields=list(spec),
                context=context,
            )
            return [{"id": i} for i in self.call(model, "search", domain, limit=1, context=context)]
        return []

    def print_menu(self, printer, ids, screen):
        """The Print menu of a list: our reports only (Odoo's own are not ours to check)."""
        xmlid = printer.get("xml_id") or ""
        if not xmlid.startswith("ecoclic_") or not ids:
            return
        self.buttons += 1
        self.report(printer, f"{screen} print menu {printer['name']}", ids)

    def check_new(self, model, arch, form_arch, models, context, screen, force=False):
        """A *New* button the persona sees: defaults, then saving them, must be allowed."""
        if not force and (
            arch.get("create") in FALSE_VALUES
            or context.get("create") is False
            or form_arch is None
        ):
            return
        if form_arch is not None and form_arch.get("create") in FALSE_VALUES and not force:
            return
        spec = self.spec(form_arch, model, models)
        self.buttons += 1
        key = ("new", model, screen.split(" [")[0])
        if key in self.seen_buttons:
            return
        self.seen_buttons.add(key)

        def new():
            values = self.call(model, "onchange", [], {}, [], spec, context=context)["value"]
            if force:
                return None
            vals = {}
            # A many2one comes as {id, display_name}; a JSON field (a chart's data) as any
            # dict, without an id.
            plain = {
                k: v["id"] if isinstance(v, dict) and "id" in v else v for k, v in values.items()
            }
            readonly, required = set(), set()
            for field in form_arch.iter("field"):
                # Unknown names in a modifier: the client would send the field.
                with contextlib.suppress(Exception):
                    if self.evaluate(field.get("readonly"), False, plain) and not field.get(
                        "force_save"
                    ):
                        readonly.add(field.get("name"))
                    if self.evaluate(field.get("required"), False, plain):
                        required.add(field.get("name"))
            required |= {name for name in values if models[model].get(name, {}).get("required")}
            if any(values.get(name) in (False, None, "") for name in required):
                # The client asks the user to fill them before it saves anything.
                return None
            for name, value in values.items():
                info = models[model].get(name, {})
                if (
                    info.get("readonly")
                    or name in readonly
                    or info.get("type") in ("one2many", "many2many")
                ):
                    continue
                vals[name] = value["id"] if isinstance(value, dict) else value
            return self.call(model, "web_save", [], vals, specification={}, context=context)

        try:
            self.in_savepoint(new)
        except RpcError as exc:
            if exc.name in BUSINESS_ERRORS:
                self.refused.append(f"{screen} New: {exc.message}")
            else:
                self.fail(screen, f"New {model}", exc)

    def form(self, model, record_id, arch, models, context, screen, depth):
        self.screens += 1
        form_screen = f"{screen} [form #{record_id}]"
        spec = self.spec(arch, model, models)
        try:
            records = self.call(model, "web_read", [record_id], specification=spec, context=context)
        except RpcError as exc:
            self.fail(form_screen, f"reading {model} {record_id}", exc)
            return
        if not records:
            return  # a record the button created, gone with its savepoint
        record = records[0]
        editable = arch.get("edit") not in FALSE_VALUES and context.get("edit") is not False
        if editable:
            # An editable form on a record the persona may not write: saving would fail.
            # Reported (not failed): making such forms read-only is left to do.
            env = self.case.env(user=self.uid, context={"allowed_company_ids": [self.company_id]})
            if not env[model].browse(record_id).has_access("write"):
                self.editable_read_only.append(f"{form_screen} ({model})")
        self.press_buttons(model, record, arch, context, form_screen, depth)
        self.open_lines(model, record, arch, models, editable, form_screen, depth)

    def open_lines(self, model, record, arch, models, editable, screen, depth):
        """The first line of each of our one2many lists the form shows, opened as the web
        client opens a clicked line (its form, in a dialog), with the buttons it shows: a
        request to join in the collectivity's OPSN tab, a grant in an assessment's. (Not
        the lines of a list that opens none: ``no_open``.)"""
        if depth > 2:
            return
        closed = {
            field.get("name")
            for field in arch.iter("field")
            if any(sub.tag == "list" and sub.get("no_open") in ("1", "True") for sub in field)
        }
        for name, value in record.items():
            info = models.get(model, {}).get(name, {})
            relation = info.get("relation") or ""
            if info.get("type") != "one2many" or not relation.startswith("ecoclic."):
                continue
            if not value or name in closed:
                continue
            line = {"res_model": relation, "res_id": value[0]["id"], "target": "new"}
            if not editable:  # the web client opens it read-only, as the form
                line["context"] = {"edit": False}
            self.window(dict(line, views=[[False, "form"]]), f"{screen} → {name}", depth + 1)

    def press_buttons(self, model, record, arch, context, screen, depth):
        """The buttons of this arch the persona sees on this record, pressed."""
        record_id = record["id"]
        values = {
            name: (
                value["id"]
                if isinstance(value, dict) and "id" in value
                else [v["id"] if isinstance(v, dict) else v for v in value]
                if isinstance(value, list)
                else value
            )
            for name, value in record.items()
        }
        for button in arch.iter("button"):
            if button.get("special") or button.get("type") not in ("object", "action"):
                continue
            if not self.ours(model, button):
                continue
            # Buttons of a one2many's list act on its lines, not on this record.
            parent, nested = button.getparent(), False
            while parent is not None and parent is not arch:
                if parent.tag in ("list", "tree", "kanban", "form", "field"):
                    nested = True
                parent = parent.getparent()
            if nested:
                continue
            try:
                invisible = self.evaluate(
                    button.get("invisible"), False, {**values, "parent": {}, "context": context}
                )
            except Exception:  # noqa: BLE001 - unknown names: count it as shown
                invisible = False
            if invisible:
                continue
            self.button(model, record_id, button, context, screen, depth)

    def button(self, model, record_id, button, context, screen, depth):
        name, kind = button.get("name"), button.get("type")
        label = button.get("string") or button.get("title") or name
        what = f"button «{label}» ({model}.{name})"
        key = (model, name, screen.split(" [")[0])
        if key in self.seen_buttons:
            return
        self.seen_buttons.add(key)
        self.buttons += 1
        known = (self.login, f"{model}.{name}") in KNOWN_BROKEN
        button_context = dict(context)
        if button.get("context"):
            with contextlib.suppress(Exception):
                button_context.update(
                    self.evaluate(
                        button.get("context"), {}, {"active_id": record_id, "id": record_id}
                    )
                )

        def press():
            if kind == "object":
                result = self.rpc(
                    "/web/dataset/call_button",
                    {
                        "model": model,
                        "method": name,
                        "args": [[record_id]],
                        "kwargs": {"context": button_context},
                    },
                )
            else:
                result = self.rpc(
                    "/web/action/load", {"action_id": name, "context": button_context}
                )
                if result and result.get("type") == "ir.actions.report":
                    result.setdefault("context", {})["active_ids"] = [record_id]
            return result or {}

        exporting = kind == "object" and _is_export(name)
        try:
            if exporting:
                result = press()
                failures = len(self.failures)
                self.do_action(result, f"{screen} {what}", depth + 1)
                if known and len(self.failures) == failures:
                    self.known_broken.append(f"{what} now works: take it out of KNOWN_BROKEN")
                return
            result = self.in_savepoint(press)
        except RpcError as exc:
            if known:
                self.known_broken.append(f"{screen} {what}: {exc.name}")
            elif exc.name in BUSINESS_ERRORS and not exporting:
                self.refused.append(f"{screen} {what}: {exc.message}")
            else:
                self.fail(screen, what, exc)
            return
        kind = result.get("type")
        if kind == "ir.actions.report":
            self.report(result, f"{screen} {what}", [record_id])
        elif kind == "ir.actions.act_url":
            self.fetch(result["url"], f"{screen} {what}")
        elif kind == "ir.actions.act_window" and depth < 2 and result.get("res_model"):
            # A window the button opens (not one it created a record for: rolled back).
            if result.get("target") == "new" and result.get("res_id"):
                return
            self.window(result, f"{screen} → {label}", depth + 1)

    def ours(self, model, button):
        """A button of our add-ons: on our models, or calling our methods or actions.
        (Odoo's own buttons on its own forms, such as a product's, are not ours to check.)"""
        name = button.get("name") or ""
        if model.startswith("ecoclic.") or "ecoclic" in name:
            return True
        if button.get("type") == "action":
            xmlid = (
                name
                if "." in name
                else self.action_xmlids.get(int(name) if name.isdigit() else 0, "")
            )
            return xmlid.startswith("ecoclic_")
        return False

    def reached(self):
        """(models whose windows it opened, "model.method" of the buttons it pressed)."""
        models = {key[0] for key in self.seen_windows}
        buttons = {f"{key[0]}.{key[1]}" for key in self.seen_buttons if key[0] != "new"}
        return models, buttons

    def summary(self):
        return (
            f"{self.label} ({self.login}): {self.screens} screens, {self.buttons} buttons"
            f" ({len(self.refused)} refused for a business reason,"
            f" {len(self.known_broken)} known broken,"
            f" {len(self.editable_read_only)} editable forms it may not save)"
        )


@tagged("post_install", "-at_install")
class TestPersonaCrawl(HttpCase):
    """Each demo persona opens every screen and button of both add-ons it sees."""

    def crawl(self, key):
        crawler = Crawler(self, key).run()
        _logger.info("persona crawl: %s", crawler.summary())
        for line in crawler.known_broken:
            _logger.info("persona crawl: known broken for %s: %s", crawler.login, line)
        for line in crawler.editable_read_only:
            _logger.info("persona crawl: editable but not writable for %s: %s", crawler.login, line)
        for line in crawler.refused:
            _logger.info("persona crawl: refused for %s: %s", crawler.login, line)
        models, buttons = crawler.reached()
        _logger.info(
            "persona crawl: %s reached %s; pressed %s", key, sorted(models), sorted(buttons)
        )
        self.assertFalse(crawler.failures, "\n".join(crawler.failures))
        must_models, must_buttons = COVERAGE[key]
        self.assertFalse(must_models - models, f"{key}: screens not reached")
        self.assertFalse(must_buttons - buttons, f"{key}: buttons not pressed")
        self.assertGreater(crawler.screens, 5, crawler.summary())
        return crawler

    def test_referent(self):
        self.crawl("referent")

    def test_agent_buyer(self):
        self.crawl("agent")

    def test_opsn_viewer(self):
        # The référent of the first collectivity of the supervision lets the account
        # manager answer its assessment under way (the demo has no grant in force).
        viewer = self.env["res.users"].search([("login", "=", PERSONAS["opsn_viewer"][1])])
        first = self.env["ecoclic.opsn.dashboard"].with_user(viewer).search([], limit=1).company_id
        referent = first.user_ids.filtered(
            lambda u: (
                u.has_group("ecoclic_odoo.group_ecoclic_manager")
                and not u.has_group("ecoclic_odoo_opsn.group_opsn_viewer")
            )
        )[:1]
        Assessment = self.env["ecoclic.assessment"].with_user(referent)
        draft = Assessment.search([("company_id", "=", first.id), ("state", "=", "draft")], limit=1)
        draft = draft or Assessment.create(
            {"survey_id": self.env.ref("ecoclic_odoo.survey_maturity_v1").id}
        )
        self.env["ecoclic.opsn.grant"].with_user(referent).create(
            {"assessment_id": draft.id, "user_id": viewer.id}
        )
        self.crawl("opsn_viewer")

    def test_opsn_manager(self):
        self.crawl("opsn_manager")

    def test_administrator(self):
        self.crawl("admin")

    def test_referent_outside_opsn(self):
        self.crawl("outside")


@tagged("post_install", "-at_install")
class TestPersonaReloadTour(EcoclicTourCase):
    """Each persona opens its main screen and reloads it through its URL."""

    def test_collectivity_personas(self):
        for key in ("referent", "agent", "admin", "outside"):
            label, login, _password = PERSONAS[key]
            with self.subTest(persona=label):
                self.start_tour("/odoo", "ecoclic_persona_dashboard_reload", login=login)

    def test_opsn_personas(self):
        for key in ("opsn_viewer", "opsn_manager"):
            label, login, _password = PERSONAS[key]
            with self.subTest(persona=label):
                self.start_tour("/odoo", "ecoclic_persona_supervision_reload", login=login)
