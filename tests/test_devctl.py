"""The developer commands: clear messages where something is missing, and the two ways
of running them that a fresh clone must support (Odoo installed from ODOO_SOURCE; your
own Odoo and PostgreSQL)."""

import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

DEVCTL = ROOT / "tools" / "devctl.py"
# Odoo 18.0's pin for Python < 3.12: an sdist whose setup.py imports pkg_resources,
# which setuptools 81 removed. Forced to build here (no wheel) to need devctl's build
# constraint.
CBOR2 = "cbor2==5.4.2"


def free_port():
    with socket.socket() as sock:
        sock.bind(("", 0))
        return sock.getsockname()[1]


def clean_env(**values):
    """This environment without the settings the commands read, plus ``values``; the
    tours' port is a free one (the default may be another run's)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ODOO_", "ECOCLIC_", "PYTEST_"))
        and k not in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE")
    }
    env["ECOCLIC_TEST_HTTP_PORT"] = str(free_port())
    env.update({k: str(v) for k, v in values.items()})
    return env


@pytest.fixture(scope="module")
def python_without_odoo(tmp_path_factory):
    venv = tmp_path_factory.mktemp("no-odoo") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    assert subprocess.run([python, "-c", "import odoo"], capture_output=True).returncode
    return python


def assert_usage_error(res, *expected):
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    for text in expected:
        assert text in res.stderr, res.stderr


@pytest.mark.parametrize("command", ["test", "demo"])
@pytest.mark.parametrize(
    "source",
    [
        "/nonexistent/odoo-18.0",  # a folder that is not there
        "http://127.0.0.1:9/odoo_18.0.tar.gz",  # an archive URL that cannot be reached
    ],
)
def test_no_odoo_gives_a_clear_message(tmp_path, python_without_odoo, command, source):
    env = clean_env(
        ODOO_PYTHON=python_without_odoo,
        ODOO_SOURCE=source,
        ECOCLIC_STATE_DIR=tmp_path / "state",
    )
    res = subprocess.run(
        [sys.executable, DEVCTL, command],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert_usage_error(res, f"ODOO_SOURCE={source}", "Set ODOO_PYTHON", "ODOO_SOURCE to")


@pytest.mark.parametrize(
    "setting, expected",
    [
        (
            {"ODOO_PYTHON": "{tmp}/bin/python3"},
            "ODOO_PYTHON={tmp}/bin/python3 is not an executable",
        ),
        ({"ODOO_RC": "{tmp}/odoo.conf"}, "ODOO_RC={tmp}/odoo.conf cannot be read"),
        (
            {"ODOO_PYTHON": "{python}", "PGHOST": "{tmp}/no-server", "PGPORT": "5"},
            "cannot reach the server PGHOST={tmp}/no-server PGPORT=5",
        ),
        (
            {"ECOCLIC_STATE_DIR": "{tmp}/a-file/state"},
            "set ECOCLIC_STATE_DIR to a writable folder",
        ),
    ],
)
def test_a_wrong_machine_setting_is_one_line_saying_what_to_set(tmp_path, setting, expected):
    (tmp_path / "a-file").write_text("")
    values = {k: v.format(tmp=tmp_path, python=sys.executable) for k, v in setting.items()}
    env = clean_env(**{"ECOCLIC_STATE_DIR": tmp_path / "state", **values})
    for command in ("test", "demo"):
        res = subprocess.run(
            [sys.executable, DEVCTL, command],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert_usage_error(res, expected.format(tmp=tmp_path))
        message = res.stderr.strip().splitlines()
        assert len(message) == 1 and message[0].startswith("[ecoclic] error:"), res.stderr
        assert re.search(r"\b(set|unset)\b", message[0]), message[0]


def run_devctl(env, *args):
    return subprocess.run(
        [sys.executable, DEVCTL, *args], env=env, capture_output=True, text=True, timeout=300
    )


def assert_one_line_error(res, *expected):
    assert_usage_error(res, *expected)
    message = res.stderr.strip().splitlines()
    assert len(message) == 1 and message[0].startswith("[ecoclic] error:"), res.stderr


def test_a_taken_tour_port_is_said_before_anything_runs(tmp_path):
    """Two `make test` runs on one machine: the second one's Odoo would stop on
    `Address already in use` minutes in. It stops at once, naming the variable to set."""
    state = tmp_path / "state"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = clean_env(ECOCLIC_STATE_DIR=state, ECOCLIC_TEST_HTTP_PORT=port)
        res = run_devctl(env, "test", "--test-tags", "/ecoclic_odoo:TestNothing")
    assert_one_line_error(res, f"port {port} is in use", "set ECOCLIC_TEST_HTTP_PORT")
    assert not state.exists()  # nothing installed, no cluster started


def test_missing_browser_and_pdf_programs_are_said_before_the_run(tmp_path, devctl, monkeypatch):
    """Without Chromium Odoo skips the tours (our run fails after 25 minutes), without
    wkhtmltopdf the PDF tests fail: the whole suite says so first, with the package."""
    state = tmp_path / "state"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    res = run_devctl(clean_env(ECOCLIC_STATE_DIR=state, PATH=bin_dir), "test")
    assert_one_line_error(
        res, "apt-get install chromium", "apt-get install wkhtmltopdf", "not found on PATH"
    )
    assert not state.exists()  # nothing installed, no cluster started
    monkeypatch.setenv("PATH", str(bin_dir))
    (bin_dir / "chromium-browser").symlink_to(sys.executable)  # any name Odoo looks for
    with pytest.raises(devctl.UsageError) as missing:
        devctl.check_test_programs()
    assert "chromium" not in str(missing.value) and "wkhtmltopdf" in str(missing.value)
    (bin_dir / "wkhtmltopdf").symlink_to(sys.executable)
    devctl.check_test_programs()


def test_summary_counts_skips_as_failures(devctl):
    clean = {"total": 3, "failed": 0, "errors": 0, "skipped": [], "found": True}
    skipped = dict(clean, skipped=[("test_tour", "Chrome executable not found")])
    assert devctl.summarise([("odoo", 0, clean)]) == 0
    assert devctl.summarise([("odoo", 0, skipped)]) == 1
    assert devctl.summarise([("odoo", 1, clean)]) == 1
    assert devctl.summarise([("odoo", 0, dict(clean, total=0))]) == 1


# --------------------------------------------------------------------------
# No Odoo here: ODOO_SOURCE is installed into the state folder's virtualenv.
# --------------------------------------------------------------------------
def stand_in_odoo(folder):
    """A small Odoo 18.0 source tree: what devctl's install needs, a requirement that
    only builds under a build constraint, and nothing else."""
    (folder / "odoo").mkdir(parents=True)
    (folder / "odoo" / "__init__.py").write_text("SUPERUSER_ID = 1\n")
    (folder / "odoo" / "release.py").write_text(
        "version_info = (18, 0, 0, 'final', 0, '')\nversion = '18.0-standin'\n"
    )
    (folder / "setup.py").write_text(
        textwrap.dedent("""\
        from setuptools import setup
        setup(name="odoo", version="18.0", packages=["odoo"])
        """)
    )
    (folder / "requirements.txt").write_text(f"--no-binary cbor2\n{CBOR2}\n")
    return folder


def pip_version(python):
    out = subprocess.run(
        [python, "-m", "pip", "--version"], capture_output=True, text=True, check=True
    ).stdout
    return tuple(int(n) for n in re.match(r"pip (\d+)\.(\d+)", out).groups())


def metadata_of_requirements(python, source, env, dest):
    """`pip download` prepares the metadata of the sdist: its isolated build environment
    and setup.py run, as in an install (no compiling)."""
    return subprocess.run(
        [
            python,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "-d",
            dest,
            "-r",
            source / "requirements.txt",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def install_odoo(env, timeout):
    """devctl's install of ODOO_SOURCE, run as the commands run it; it prints the Python
    it installed Odoo into."""
    code = "import sys, devctl; print(devctl.install_odoo(sys.argv[1]))"
    return subprocess.run(
        [sys.executable, "-c", code, sys.executable],
        env=env,
        cwd=ROOT / "tools",
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_odoo_source_installs_with_todays_pip_and_older_ones(tmp_path, devctl):
    source = stand_in_odoo(tmp_path / "odoo-src")
    state = tmp_path / "state"
    # A cache of our own: a cbor2 wheel built earlier would hide a build that fails now.
    cache = tmp_path / "pip-cache"
    env = clean_env(ODOO_SOURCE=source, ECOCLIC_STATE_DIR=state, PIP_CACHE_DIR=cache)
    res = install_odoo(env, timeout=900)
    assert res.returncode == 0, res.stdout + res.stderr
    python = Path(res.stdout.strip().splitlines()[-1])
    assert python == state / "venv" / "bin" / "python"
    # pip's own output (its builds' warnings ran to 190 000 lines with Odoo's real
    # requirements) goes to a log; the terminal gets devctl's few lines.
    assert len((res.stdout + res.stderr).splitlines()) < 10, res.stdout + res.stderr
    assert "cbor2" in (state / "logs" / "odoo-install.log").read_text()
    # devctl's venv runs today's pip, the one that reads build constraints from
    # PIP_BUILD_CONSTRAINT only (pip >= 26.2).
    todays = pip_version(python)
    assert todays >= (26, 2), todays
    check = (
        "import sys, os, cbor2, odoo.release as r; "
        "from importlib.metadata import version;"
        "root = os.path.dirname(os.path.dirname(os.path.abspath(r.__file__)));"
        "print(r.version, version('cbor2'), root in sys.path)"
    )
    out = subprocess.run(
        [python, "-c", check],
        capture_output=True,
        text=True,
        env=clean_env(),
        cwd=tmp_path,
    )
    # Odoo's folder is on sys.path (editable compat mode), as `pip install .` add-ons
    # need.
    assert out.stdout.split() == ["18.0-standin", CBOR2.split("==")[1], "True"], out.stderr

    constraints = state / "build-constraints.txt"
    # Without devctl's variables, today's pip cannot build that requirement...
    old_way = dict(env, PIP_CONSTRAINT=str(constraints))
    res = metadata_of_requirements(python, source, old_way, tmp_path / "dl1")
    assert res.returncode and "pkg_resources" in res.stdout + res.stderr, res.stderr
    # ... and an older pip (the one Python bundles, as a new venv has it) builds it with
    # them.
    old = tmp_path / "old-pip"
    subprocess.run([sys.executable, "-m", "venv", old], check=True)
    if pip_version(old / "bin" / "python") >= (
        25,
        3,
    ):  # a Python that bundles a newer pip
        subprocess.run(
            [old / "bin" / "python", "-m", "pip", "install", "--quiet", "pip<25.3"],
            env=env,
            check=True,
        )
    res = metadata_of_requirements(
        old / "bin" / "python",
        source,
        dict(env, **devctl.pip_env(constraints)),
        tmp_path / "dl2",
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_a_failed_odoo_install_shows_the_end_of_pips_output(tmp_path, devctl):
    source = stand_in_odoo(tmp_path / "odoo-src")
    (source / "requirements.txt").write_text("./no-such-requirement\n")
    env = clean_env(ODOO_SOURCE=source, ECOCLIC_STATE_DIR=tmp_path / "state")
    res = install_odoo(env, timeout=600)
    assert res.returncode
    log = tmp_path / "state" / "logs" / "odoo-install.log"
    assert "no-such-requirement" in res.stderr  # pip's reason, from the log's end
    assert f"its whole output is in {log}" in res.stdout
    assert "could not be installed" in res.stderr + res.stdout


def test_a_missing_build_package_is_named(tmp_path, devctl):
    """python-ldap and psycopg2 build from source: when their headers are missing, the
    error names the Debian packages (pip's own words are in the log's last lines)."""
    log = tmp_path / "odoo-install.log"
    log.write_text(
        "Modules/constants.h:7:10: fatal error: lber.h: No such file or directory\n"
        "Error: pg_config executable not found.\n"
    )
    assert devctl.build_hint(log) == " (Debian: apt-get install libldap2-dev libpq-dev)"
    log.write_text("ERROR: Could not find a version that satisfies the requirement x\n")
    assert devctl.build_hint(log) == ""
    assert devctl.build_hint(tmp_path / "no-log") == ""


# --------------------------------------------------------------------------
# Your own Odoo and your own PostgreSQL, from a fresh clone.
# --------------------------------------------------------------------------
def repo_copy(dest):
    """The files a commit of this working tree would hold (tracked and new, not
    ignored): what a fresh clone of it would have, without .devenv/ or build
    leftovers."""
    names = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, names):
        path = ROOT / os.fsdecode(name)
        if path.is_file():  # a tracked file deleted in the working tree is left out
            (dest / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest / os.fsdecode(name))
    return dest


def outer_server():
    """libpq settings of the server the outer `make test` runs on (its Odoo config)."""
    from odoo.tools import config

    settings = {}
    for key, var in (
        ("db_host", "PGHOST"),
        ("db_port", "PGPORT"),
        ("db_user", "PGUSER"),
        ("db_password", "PGPASSWORD"),
    ):
        value = config.get(key) or os.environ.get(var)
        if value not in (None, "", False, "False"):
            settings[var] = str(value)
    return settings


@pytest.fixture
def inner_database(devctl):
    name = f"ecoclic_devctl_{os.getpid()}"
    psql = [
        shutil.which("psql") or devctl.Postgres.bindir() / "psql",
        "-X",
        "-q",
        "-d",
        "postgres",
        "-c",
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
    ]
    env = dict(os.environ, **outer_server())
    subprocess.run(psql, env=env, capture_output=True)
    yield name
    subprocess.run(psql, env=env, capture_output=True)


def test_own_odoo_and_own_postgresql_from_a_fresh_clone(tmp_path, inner_database):
    """`make test` (with ODOO_RC) then `make demo` (with the PG* variables), ODOO_PYTHON
    set, from a fresh copy of the project, on the server this run uses, in a database of
    their own (the template database is reused, never rebuilt)."""
    clone = repo_copy(tmp_path / "clone")
    state = tmp_path / "state"  # not created beforehand: the commands create it
    server = outer_server()
    rc = tmp_path / "odoo.conf"
    rc.write_text(
        "[options]\n"
        + "".join(
            f"{key} = {server[var]}\n"
            for key, var in (
                ("db_host", "PGHOST"),
                ("db_port", "PGPORT"),
                ("db_user", "PGUSER"),
                ("db_password", "PGPASSWORD"),
            )
            if var in server
        )
    )
    env = clean_env(
        ODOO_PYTHON=sys.executable,
        ODOO_RC=rc,
        ECOCLIC_STATE_DIR=state,
        ECOCLIC_TEST_DB=inner_database,
    )
    res = subprocess.run(
        [
            sys.executable,
            "tools/devctl.py",
            "test",
            "--pytest-only",
            "--http-port",
            "8369",
            "tests/test_install_log.py",
            "tests/test_questionnaire_data.py",
        ],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    output = res.stdout + res.stderr
    assert res.returncode == 0, output[-6000:]
    assert re.search(r"^tests: [1-9]\d* passed, 0 failed, 0 skipped$", res.stdout, re.M), output[
        -6000:
    ]
    assert f"fresh test database {inner_database}" in res.stdout
    assert "building template database" not in res.stdout

    # The demo serves that database (installed with demo data, add-ons unchanged since)
    # and lists its logins, read from the server the PG* variables name.
    env = clean_env(ODOO_PYTHON=sys.executable, ECOCLIC_STATE_DIR=state, **server)
    res = subprocess.run(
        [
            sys.executable,
            "tools/devctl.py",
            "demo",
            "--no-serve",
            "--db",
            inner_database,
        ],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    output = res.stdout + res.stderr
    assert res.returncode == 0, output[-6000:]
    assert f"reusing demo database {inner_database}" in res.stdout, output[-6000:]
    logins = re.findall(r"^    (\S+\.\S+) ", res.stdout, re.M)
    assert "opsn.manager" in logins and "referent.morvan" in logins, res.stdout[-3000:]


def test_a_shared_cluster_stops_with_its_last_command(devctl, tmp_path):
    """Two commands on one throwaway cluster: the first to end leaves it running for the
    other; the last one stops it, unless `pg start` started it for the developer."""
    pg = devctl.Postgres.__new__(devctl.Postgres)
    pg.dir, pg.external = tmp_path, False
    stopped = []
    pg.stop = lambda: stopped.append(True)
    users = tmp_path / "users"
    users.mkdir()
    (tmp_path / "auto-stop").touch()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (users / str(os.getpid())).touch()
        (users / str(other.pid)).touch()
        pg.release()
        assert not stopped, "another command still uses the cluster"
    finally:
        other.kill()
        other.wait()
    (users / str(os.getpid())).touch()
    pg.release()
    assert stopped == [True], "the last command stops a cluster a command started"
    assert not list(users.iterdir())
    (tmp_path / "auto-stop").unlink()
    stopped.clear()
    (users / str(os.getpid())).touch()
    pg.release()
    assert not stopped, "a cluster started by `pg start` stays up"


def test_replica_and_prefork_settings(devctl, monkeypatch, tmp_path):
    """The replica is made from the throwaway cluster only, on the next port by default;
    Odoo's prefork config carries the workers, the cron workers and the replica."""
    monkeypatch.setattr(devctl, "STATE", tmp_path)
    pg = devctl.Postgres.__new__(devctl.Postgres)
    pg.external, pg.port, pg.dir = True, 54329, tmp_path / "pg"
    with pytest.raises(devctl.UsageError, match="only from the throwaway cluster"):
        devctl.Replica(pg)
    pg.external = False
    monkeypatch.delenv("ECOCLIC_REPLICA_PGPORT", raising=False)
    replica = devctl.Replica(pg)
    assert replica.port == 54330
    assert replica.data == tmp_path / "pg-replica-54330" / "data"
    written = {}

    class FakeOdoo:
        def write_config(self, name, **options):
            written.update(options)
            return tmp_path / f"{name}.conf"

    devctl.server_config(FakeOdoo(), "odoo-load", "db", 8300, 4, 1, replica)
    assert written["workers"] == "4" and written["max_cron_threads"] == "1"
    assert (written["http_port"], written["gevent_port"]) == ("8300", "8301")
    assert written["http_interface"] == "127.0.0.1"
    assert written["db_replica_port"] == "54330"
    assert written["db_replica_host"] == str(replica.socket_dir)
    written.clear()
    devctl.server_config(FakeOdoo(), "odoo-load", "db", 8300, 2)
    assert "db_replica_host" not in written


def test_load_table(devctl, tmp_path):
    """One line per run of `devctl.py load`, in the README's columns."""
    row = {
        "replica": True,
        "workers": 4,
        "users": 200,
        "requests": 1234,
        "errors": 0,
        "rps": 20.56,
        "50": 120.0,
        "95": 480.0,
        "99": 900.0,
        "p95_by_name": {name: 100.0 for name in devctl.LOAD_COLUMNS} | {"export": None},
        "count_by_name": {name: 1 for name in devctl.LOAD_COLUMNS},
    }
    devctl.load_report([row], tmp_path, "note")
    lines = (tmp_path / "load.md").read_text().splitlines()
    assert lines[0] == "note"
    assert (
        lines[-1]
        == "| yes | 4 | 200 | 1234 | 20.6 | 120 | 480 | 900 | 0 | 100 | 100 | 100 | 100 | – |"
    )
    assert lines[2].count("|") == lines[-1].count("|") == lines[3].count("|")
