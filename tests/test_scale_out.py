"""Scale-out on Odoo's own engine (issue 20): Odoo in prefork mode with a streaming
replica serves the read-only calls (``@api.readonly`` methods, the export route) from the
replica, and writes on the primary; and a small run of the load test.

How it is told where a call ran: the replica's WAL replay is paused
(``pg_wal_replay_pause()``), a collectivity is renamed through the web client's JSON-RPC
(a write, so on the primary), then the OPSN manager's read-only calls still give the old
name (the paused replica does not have the new one yet) while the same read through a
read/write path (``/jsonrpc``) gives the new one. Once replay resumes, the read-only calls
give the new name. Nothing depends on timing but a bounded wait for the replay.

Everything runs on a copy of the test database (``<test db>_scale``), dropped afterwards,
and on a replica of the throwaway cluster made for the run (``devctl.py replica``).
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import requests
from conftest import ROOT

DEVCTL = ROOT / "tools" / "devctl.py"


def free_port_pair():
    """A port whose next one is free too (Odoo's HTTP and gevent ports)."""
    for _attempt in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        try:
            with socket.socket() as second:
                second.bind(("127.0.0.1", port + 1))
        except OSError:
            continue
        return port
    raise RuntimeError("no free pair of ports")


def wait_http(port, proc, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "Odoo stopped"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=60):
                return
        except OSError:
            time.sleep(1)
    raise AssertionError(f"Odoo did not answer on port {port}")


@pytest.fixture(scope="module")
def pair(devctl):
    """(devctl, replica, database, port): Odoo with one worker, read-only requests on the
    replica, serving a copy of the test database."""
    import odoo.sql_db
    from odoo.tests.common import get_db_name

    pg = devctl.Postgres()
    if pg.external:
        pytest.skip("the tests run on a server of yours (PG* or ODOO_RC): no replica of it")
    try:
        pg.bindir()
    except devctl.UsageError as exc:
        pytest.skip(str(exc))
    source = get_db_name()
    db = f"{source}_scale"
    odoo.sql_db.close_db(source)  # a copy needs the source without connections
    devctl.Odoo(sys.executable, pg).copy_db(source, db)
    run = [sys.executable, str(DEVCTL)]
    subprocess.run([*run, "replica", "start", "--fresh"], check=True, cwd=ROOT, timeout=600)
    replica = devctl.Replica(pg)
    port = free_port_pair()
    serve = [*run, "serve", "--db", db, "--workers", "1", "--cron-threads", "0", "--replica"]
    proc = subprocess.Popen([*serve, "--http-port", str(port)], cwd=ROOT, start_new_session=True)
    try:
        wait_http(port, proc)
        yield devctl, replica, db, port
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        replica.sql("SELECT pg_wal_replay_resume()")
        subprocess.run([*run, "replica", "stop"], cwd=ROOT, timeout=300)
        pg.drop_db(db)


class Client:
    """A web client's session: JSON-RPC as the browser sends it."""

    def __init__(self, port, db, login, password):
        self.url = f"http://127.0.0.1:{port}"
        self.db, self.password = db, password
        self.session = requests.Session()
        self.info = self.rpc(
            "/web/session/authenticate", {"db": db, "login": login, "password": password}
        )
        self.company_id = self.info["user_companies"]["current_company"]

    def rpc(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        answer = self.session.post(self.url + path, json=payload, timeout=120).json()
        assert "result" in answer, answer.get("error")
        return answer["result"]

    def call(self, model, method, args, button=False, **kwargs):
        route = "call_button" if button else "call_kw"
        context = {"allowed_company_ids": [self.company_id]}
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        params["kwargs"].setdefault("context", context)
        return self.rpc(f"/web/dataset/{route}", params)

    def execute_kw(self, model, method, args):
        """The external API (``/jsonrpc``): always a read/write cursor, on the primary."""
        params = {
            "service": "object",
            "method": "execute_kw",
            "args": [self.db, self.info["uid"], self.password, model, method, args],
        }
        return self.rpc("/jsonrpc", params)


def test_read_only_calls_are_served_by_the_replica(pair):
    devctl, replica, db, port = pair
    admin = Client(port, db, "admin", "admin")
    manager = Client(port, db, "opsn.manager", "opsn.manager")
    opsn_id = manager.company_id
    (row,) = manager.call(
        "ecoclic.opsn.dashboard", "search_read", [[]], fields=["company_id"], limit=1
    )
    company_id, old = row["company_id"]
    new = f"{old} (renommée)"

    def name_on(server):
        sql = f"SELECT name FROM res_company WHERE id = {int(company_id)}"
        return server.sql(sql, db) if server is replica else server.psql_admin(sql, db)

    def read_only_names():
        action = manager.call(
            "ecoclic.opsn.dashboard", "action_open_collectivity", [[row["id"]]], button=True
        )
        export = manager.session.get(
            f"{manager.url}/ecoclic/export/portfolio-csv/{opsn_id}", timeout=120
        )
        assert export.status_code == 200, export.text[:500]
        return action["name"], export.content.decode("utf-8-sig")

    assert read_only_names()[0] == old
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        deadline = time.monotonic() + 30
        while replica.sql("SELECT pg_get_wal_replay_pause_state()") != "paused":
            assert time.monotonic() < deadline, "the replica's replay did not pause"
            time.sleep(0.2)
        # A write goes to the primary; the paused replica does not have it.
        assert admin.call("res.company", "write", [[company_id], {"name": new}]) is True
        assert name_on(replica.pg) == new
        assert name_on(replica) == old
        # The read-only calls are served by the replica: the old name...
        name, csv_text = read_only_names()
        assert name == old
        assert old in csv_text and new not in csv_text
        # ...where a read/write path reads the primary's new one.
        (read,) = admin.execute_kw("res.company", "read", [[company_id], ["name"]])
        assert read["name"] == new
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")
    deadline = time.monotonic() + 60
    while name_on(replica) != new:
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.2)
    name, csv_text = read_only_names()
    assert name == new and new in csv_text


def test_a_small_load_run(pair, tmp_path):
    """`devctl.py load` at a small size: Odoo with one worker and the replica, six
    simulated users (three référents, two buyers, one OPSN staff) for 60 s with short
    pauses; every persona's requests are made, none fails."""
    devctl, _replica, db, _port = pair
    port = free_port_pair()
    env = dict(os.environ, ECOCLIC_LOAD_WAIT="0.2,0.5")
    res = subprocess.run(
        [
            *(sys.executable, DEVCTL, "load", "--db", db, "--users", "6", "--workers", "1"),
            *("--replica", "yes", "--time", "60", "--http-port", str(port), "--out", tmp_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert res.returncode == 0, (res.stdout + res.stderr)[-4000:]
    (row,) = json.loads((tmp_path / "load.json").read_text())
    logs = "".join(p.read_text()[-2000:] for p in tmp_path.glob("runs/*-u6.log"))
    assert (row["replica"], row["workers"], row["users"]) == (True, 1, 6)
    assert row["errors"] == 0, logs
    assert all(row["count_by_name"][name] for name in devctl.LOAD_COLUMNS), (row, logs)
    table = (tmp_path / "load.md").read_text()
    assert "| yes | 1 | 6 |" in table
