# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load test of Éco-clic's screens, as the web client calls them (Locust 2.x).

Run by ``tools/devctl.py load`` (which starts Odoo and writes the table); on its own:

    locust -f tests/benchmarks/load/locustfile.py --headless -u 50 -r 5 -t 60s \\
        --host http://127.0.0.1:8069     # ECOCLIC_LOAD_DB=<database with the demo data>

Personas are the demo's: référents (``referent.*``) open their dashboard and answer the
pages of the assessment under way (the choice shown, else the first one offered; the last
page is saved without completing the answers), buyers (``agent.*``) create purchase
orders (cancelled and deleted when the simulated user stops), OPSN staff (``opsn.*``)
open the supervision and export the portfolio. Each persona runs every one of its tasks
once before drawing them at random. Localhost only: the host must be a loopback address.
"""

import collections
import itertools
import os
import random
import re
import threading
from urllib.parse import urlparse

import requests
from locust import HttpUser, between, events, task

DB = os.environ.get("ECOCLIC_LOAD_DB", "ecoclic_demo")
ADMIN_PASSWORD = os.environ.get("ECOCLIC_LOAD_ADMIN_PASSWORD", "admin")
WAIT = [float(x) for x in os.environ.get("ECOCLIC_LOAD_WAIT", "1,3").split(",")]
_logins = {}
_turns = collections.defaultdict(itertools.count)
_logins_lock = threading.Lock()


@events.test_start.add_listener
def _localhost_only(environment, **_kwargs):
    host = urlparse(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"the load test runs against localhost only, not {host}")


def rpc_payload(params):
    return {"jsonrpc": "2.0", "method": "call", "id": random.randint(1, 10**9), "params": params}


_admin = {}


def admin_call(host, model, method, *args, **kwargs):
    """A call as the administrator (set-up only, not measured): one session per process."""
    with _logins_lock:
        if "session" not in _admin:
            session = requests.Session()
            auth = {"db": DB, "login": "admin", "password": ADMIN_PASSWORD}
            url = f"{host}/web/session/authenticate"
            info = session.post(url, json=rpc_payload(auth), timeout=60).json()["result"]
            companies = [int(c) for c in info["user_companies"]["allowed_companies"]]
            _admin.update(session=session, context={"allowed_company_ids": companies})
        kwargs = {"context": _admin["context"], **kwargs}
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        url = f"{host}/web/dataset/call_kw"
        res = _admin["session"].post(url, json=rpc_payload(params), timeout=120).json()
    if "result" not in res:
        raise SystemExit(f"{model}.{method} as admin: {res.get('error')}")
    return res["result"]


def demo_logins(host, prefix):
    """The demo's logins starting with ``prefix``: from ``ECOCLIC_LOAD_LOGINS`` (devctl
    reads them in the database), else those the administrator may read."""
    if not _logins:
        given = [x for x in os.environ.get("ECOCLIC_LOAD_LOGINS", "").split(",") if x]
        if not given:
            users = admin_call(
                host, "res.users", "search_read", [("login", "=like", "%.%")], ["login"]
            )
            given = [user["login"] for user in users]
        for login in given:
            _logins.setdefault(login.split(".")[0], []).append(login)
    found = sorted(_logins.get(prefix, []))
    if not found:
        raise SystemExit(f"no {prefix}.* user in {DB}: load the demo data")
    return found


class EcoclicUser(HttpUser):
    abstract = True
    wait_time = between(*WAIT)
    prefix = ""
    tasks_once = ()

    def on_start(self):
        # Logins in turn, so that a small run is the same every time.
        logins = demo_logins(self.host, self.prefix)
        self.login = logins[next(_turns[self.prefix]) % len(logins)]
        self.pending = list(self.tasks_once)
        self.ready = self.setup()

    def setup(self):
        """Log in and open what the persona works on; False when a request failed (it is
        counted as such, and the next task tries again)."""
        info = self.rpc(
            "/web/session/authenticate",
            {"db": DB, "login": self.login, "password": self.login},
            "login",
        )
        if not info:
            return False
        self.company_id = info["user_companies"]["current_company"]
        self.odoo_context = {"lang": "fr_FR", "allowed_company_ids": [self.company_id]}
        return True

    def is_ready(self):
        if not self.ready:
            self.ready = self.setup()
        return self.ready

    def rpc(self, url, params, name):
        """A JSON-RPC call; any HTTP or Odoo error fails the request."""
        with self.client.post(
            url, json=rpc_payload(params), name=name, catch_response=True
        ) as response:
            try:
                data = response.json() if response.status_code == 200 else {}
            except ValueError:
                data = {}
            if "result" not in data:
                error = data.get("error", {}).get("data", {}).get("message") or response.text
                response.failure(f"{name}: {error[:300]}")
                return None
            if isinstance(data["result"], dict) and data["result"].get("error"):
                response.failure(f"{name}: {data['result']}")
                return None
            response.success()
            return data["result"]

    def call(self, model, method, args, name, button=False, **kwargs):
        route = "call_button" if button else "call_kw"
        params = {
            "model": model,
            "method": method,
            "args": args,
            "kwargs": {"context": self.odoo_context, **kwargs},
        }
        return self.rpc(f"/web/dataset/{route}/{model}/{method}", params, name)

    def spec(self, model, view_id, view_type):
        """The web client's read specification of a view: every field in it."""
        views = self.call(model, "get_views", [[[view_id, view_type]]], "views")
        return views and {name: {} for name in views["models"][model]["fields"]}

    def next_task(self, choices):
        """Each task once, then at random by weight."""
        if self.pending:
            return self.pending.pop(0)
        names, weights = zip(*choices, strict=True)
        return random.choices(names, weights)[0]


class Referent(EcoclicUser):
    """Opens the dashboard, saves pages of the assessment under way."""

    weight = 3
    prefix = "referent"
    tasks_once = ("dashboard", "page_save")

    def setup(self):
        if not super().setup():
            return False
        action = self.call("res.company", "action_ecoclic_dashboard", [[]], "dashboard", True)
        self.dashboard_spec = action and self.spec("res.company", action["views"][0][0], "form")
        self.page_url = self._survey_page()
        self.tokens = self.page_url.split("/")[-2:] if self.page_url else None
        self.first_page = None
        return bool(self.dashboard_spec) and self.page_url is not False

    def _survey_page(self):
        """The URL of survey's page of the assessment under way, if any."""
        drafts = self.call(
            "ecoclic.assessment",
            "search",
            [[("company_id", "=", self.company_id), ("state", "=", "draft")]],
            "setup",
            limit=1,
        )
        if not drafts:
            return None if drafts == [] else False
        action = self.call("ecoclic.assessment", "action_answer", [drafts], "setup", True)
        return action["url"] if action else False

    def open_page(self):
        """Survey's page where the référent left off, as its script shows it: the page,
        or the start screen then the first page (``/survey/begin``)."""
        with self.client.get(self.page_url, name="page open", catch_response=True) as response:
            if not response.ok:
                response.failure(f"page open: HTTP {response.status_code}")
                return ""
            response.success()
            html = response.text
        if 'data-is-start-screen="True"' in html:
            shown = self.rpc("/survey/begin/{}/{}".format(*self.tokens), {}, "page open")
            html = shown[1].get("survey_content", "") if shown else ""
        return html

    @staticmethod
    def page_answers(html):
        """(page id, {question: answer}) of a page of single choices: the answer shown,
        else the first one offered; None for another page (other question types)."""
        page = re.search(r'name="page_id" value="(\d+)"', html)
        types = set(re.findall(r'data-question-type="(\w+)"', html))
        if not page or not types or types - {"simple_choice_radio"}:
            return None
        chosen = {}
        for tag in re.findall(r"<input[^>]*>", html):
            name, value = re.search(r'name="(\d+)"', tag), re.search(r'value="(\d+)"', tag)
            if 'type="radio"' in tag and name and value:
                if "checked" in tag or name.group(1) not in chosen:
                    chosen[name.group(1)] = value.group(1)
        return (page.group(1), chosen) if chosen else None

    def save_page(self):
        """Open the page and save it (survey's Next). The last page is saved as with its
        Previous button, which does not complete the answers."""
        html = self.open_page()
        shown = self.page_answers(html)
        if not shown:
            return
        page_id, chosen = shown
        params = {"page_id": page_id, **chosen}
        if 'value="finish"' in html:  # saved as with the page's Previous button
            previous = re.search(r'data-previous-page-id="(\d+)"', html)
            back_to = previous.group(1) if previous else self.first_page
            if not back_to or back_to == page_id:
                return
            params["previous_page_id"] = int(back_to)
        self.first_page = self.first_page or page_id
        self.rpc("/survey/submit/{}/{}".format(*self.tokens), params, "page save")

    @task
    def work(self):
        if not self.is_ready():
            return
        name = self.next_task((("dashboard", 3), ("page_save", 1)))
        if name == "page_save" and self.page_url:
            self.save_page()
        else:
            self.call(
                "res.company",
                "web_read",
                [[self.company_id]],
                "dashboard",
                specification=self.dashboard_spec,
            )


class Buyer(EcoclicUser):
    """Creates purchase orders of IT products (deleted when the user stops)."""

    weight = 2
    prefix = "agent"

    orders = ()

    def setup(self):
        if not super().setup():
            return False
        self.orders = []
        self.vendors = self.call(
            "res.partner", "search", [[("supplier_rank", ">", 0)]], "setup", limit=5
        )
        self.products = self.call(
            "product.product", "search", [[("purchase_ok", "=", True)]], "setup", limit=10
        )
        return self.vendors is not None and self.products is not None

    @task
    def order(self):
        if not self.is_ready() or not (self.vendors and self.products):
            return
        values = {
            "partner_id": random.choice(self.vendors),
            "order_line": [
                [0, 0, {"product_id": random.choice(self.products), "product_qty": 2}],
            ],
        }
        order_id = self.call("purchase.order", "create", [values], "order")
        if order_id:
            self.orders.append(order_id)
            spec = {"name": {}, "amount_total": {}, "state": {}, "order_line": {}}
            self.call("purchase.order", "web_read", [[order_id]], "order", specification=spec)

    def on_stop(self):
        if self.orders:
            self.call("purchase.order", "button_cancel", [self.orders], "cleanup", True)
            self.call("purchase.order", "unlink", [self.orders], "cleanup")


class OpsnStaff(EcoclicUser):
    """Opens the supervision and exports the portfolio."""

    weight = 1
    prefix = "opsn"
    tasks_once = ("supervision", "export")

    def setup(self):
        if not super().setup():
            return False
        self.supervision_spec = self.spec("ecoclic.opsn.dashboard", False, "list")
        return bool(self.supervision_spec)

    @task
    def work(self):
        if not self.is_ready():
            return
        name = self.next_task((("supervision", 3), ("export", 1)))
        if name == "export":
            self.client.get(f"/ecoclic/export/portfolio-csv/{self.company_id}", name="export")
        else:
            self.call(
                "ecoclic.opsn.dashboard",
                "web_search_read",
                [[]],
                "supervision",
                specification=self.supervision_spec,
                limit=80,
            )
