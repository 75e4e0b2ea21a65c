#!/usr/bin/env python3
"""Developer commands of Éco-clic for Odoo: demo, test, pot, bench, pg, replica, serve, load.

Runs on any Python 3.10+ with the standard library only. It finds (or installs) a
Python that can ``import odoo`` 18.0, starts a throwaway PostgreSQL cluster of its
own unless PostgreSQL settings are given, and drives Odoo through ``python -m odoo``.

Everything it creates lives in the git-ignored folder ``.devenv/`` of the project
(or ``$ECOCLIC_STATE_DIR``).

"""

import argparse
import atexit
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("ECOCLIC_STATE_DIR") or ROOT / ".devenv").resolve()
MODULES = ("ecoclic_odoo", "ecoclic_odoo_opsn")
ODOO_MAJOR = 18
DEFAULT_ODOO_SOURCE = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
PG_OS_USER = "ecoclic-pg"
PG_SUPERUSER = "ecoclic_admin"
PG_ROLE = "odoo"  # Odoo refuses to run as the role ``postgres``
DEMO_DB = "ecoclic_demo"
# A test run inside a test run (tests/test_devctl.py) needs a database of its own.
TEST_DB = os.environ.get("ECOCLIC_TEST_DB") or "ecoclic_test"
TEST_LANG = "fr_FR"
# Tests whose Python lives outside the add-ons (cross-module tests, packaging, CLI).
PYTEST_PATHS = ("tests",)
# Python packages the commands need next to Odoo (see setup.py for the add-ons' own).
TOOL_REQUIREMENTS = ("pytest-odoo==2.3.0", "websocket-client", "xlsxwriter", "openpyxl")
# Boavizta's engine, in a virtualenv of its own (its pins are not Odoo's): it computes the
# footprint figures the add-on ships (tools/boavizta_reference.py); Odoo never imports it.
BOAVIZTA_REQUIREMENTS = ("boaviztapi==2.5.0", "Babel==2.10.3")


class UsageError(Exception):
    """An error the user can fix; printed without a traceback."""


def say(*parts):
    print("[ecoclic]", *parts, flush=True)


def run(cmd, check=True, **kwargs):
    return subprocess.run([str(c) for c in cmd], check=check, **kwargs)


def run_logged(cmd, log, **kwargs):
    """Run ``cmd`` with its output appended to ``log`` (pip's builds print hundreds of
    thousands of lines of warnings); on failure, say where the log is and print its end."""
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(str(c) for c in cmd)}\n")
        out.flush()
        result = run(cmd, check=False, stdout=out, stderr=subprocess.STDOUT, **kwargs)
    if result.returncode:
        lines = Path(log).read_text(encoding="utf-8", errors="replace").splitlines()
        print("\n".join(lines[-40:]), file=sys.stderr)
        say(f"the command above failed; its whole output is in {log}")
        raise subprocess.CalledProcessError(result.returncode, [str(c) for c in cmd])
    return result


def ensure_state_dir():
    """Create the state folder (``.devenv/`` or ``$ECOCLIC_STATE_DIR``), logs/ in it."""
    try:
        (STATE / "logs").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"cannot create the state folder {STATE} ({exc.strerror}); set "
            "ECOCLIC_STATE_DIR to a writable folder"
        ) from None
    return STATE


# --------------------------------------------------------------------------
# Odoo's Python
# --------------------------------------------------------------------------
PROBE = "import sys, odoo.release as r;sys.stdout.write('%d %s' % (r.version_info[0], r.version))"


def probe_python(python):
    """Return Odoo's version string if ``python`` imports Odoo 18, else None."""
    env = {k: v for k, v in os.environ.items() if k != "ODOO_RC"}  # Odoo may parse it
    try:
        out = subprocess.run(
            [python, "-c", PROBE], capture_output=True, text=True, timeout=120, env=env
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, _, version = out.stdout.partition(" ")
    return version if major == str(ODOO_MAJOR) else None


def venv_python():
    return STATE / "venv" / "bin" / "python"


def candidate_pythons():
    override = os.environ.get("ODOO_PYTHON")
    if override:
        path = override if os.path.sep in override else shutil.which(override)
        if not path or not os.path.isfile(path) or not os.access(path, os.X_OK):
            raise UsageError(
                f"ODOO_PYTHON={override} is not an executable Python; set ODOO_PYTHON "
                f"to a Python where `import odoo` gives Odoo {ODOO_MAJOR}.0, or unset "
                "it"
            )
        return [path]
    seen, found = set(), []
    for cand in (
        venv_python(),
        sys.executable,
        "python3",
        "python3.11",
        "python3.12",
        "python3.10",
        "python",
    ):
        path = str(cand) if os.path.sep in str(cand) else shutil.which(cand)
        if path and os.path.exists(path) and os.path.realpath(path) not in seen:
            seen.add(os.path.realpath(path))
            found.append(path)
    return found


def find_odoo_python():
    candidates = candidate_pythons()
    for python in candidates:
        version = probe_python(python)
        if version:
            return python, version
    base = candidates[0] if candidates else sys.executable
    return install_odoo(base), None


def fetch_source(source):
    """Return a directory holding Odoo's source tree (with ``odoo/release.py``)."""
    path = Path(source).expanduser()
    if path.is_dir():
        if (path / "odoo" / "release.py").is_file():
            return path
        raise UsageError(f"ODOO_SOURCE={source} is a folder without odoo/release.py.")
    dest = STATE / "odoo-src"
    if (dest / "odoo" / "release.py").is_file():
        return dest
    if path.is_file():
        archive = path
    elif re.match(r"^(https?|file)://", source):
        archive = STATE / "odoo-src-archive"
        say(f"downloading Odoo's source from {source}")
        try:
            with (
                urllib.request.urlopen(source, timeout=60) as resp,
                open(archive, "wb") as out,
            ):
                shutil.copyfileobj(resp, out)
        except OSError as exc:
            raise UsageError(f"could not download ODOO_SOURCE={source}: {exc}") from None
    else:
        raise UsageError(f"ODOO_SOURCE={source} is neither a folder, an archive nor a URL.")
    tmp = Path(tempfile.mkdtemp(dir=STATE))
    try:
        if zipfile.is_zipfile(archive):
            zipfile.ZipFile(archive).extractall(tmp)
        else:
            with tarfile.open(archive) as tar:
                tar.extractall(tmp)
    except (OSError, tarfile.TarError, zipfile.BadZipFile) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UsageError(f"ODOO_SOURCE={source} is not a readable archive: {exc}") from None
    roots = [p.parent.parent for p in tmp.glob("**/odoo/release.py")]
    if not roots:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UsageError(f"ODOO_SOURCE={source} holds no Odoo source (no odoo/release.py).")
    shutil.move(str(min(roots, key=lambda p: len(p.parts))), dest)
    shutil.rmtree(tmp, ignore_errors=True)
    return dest


# Odoo 18's pinned cbor2 (5.4.x) is an sdist whose setup.py imports pkg_resources, which
# setuptools 81 removed: its build environment needs an older setuptools.
BUILD_CONSTRAINTS = "setuptools<81\n"


def pip_env(constraints):
    """Environment for pip so that ``constraints`` reach isolated build environments.

    pip < 25.3 applies PIP_CONSTRAINT to build environments and knows no
    PIP_BUILD_CONSTRAINT (pip ignores PIP_* variables it does not know); pip >= 26.2 no
    longer applies PIP_CONSTRAINT there and reads PIP_BUILD_CONSTRAINT
    (--build-constraint) instead; the pips in between accept both.

    """
    return dict(
        os.environ,
        PIP_CONSTRAINT=str(constraints),
        PIP_BUILD_CONSTRAINT=str(constraints),
    )


# What a failed build of Odoo's requirements prints when a system package is missing,
# and the Debian packages that bring it (python-ldap and psycopg2 build from source).
BUILD_HINTS = (
    ("lber.h", "libldap2-dev"),
    ("ldap.h", "libldap2-dev"),
    ("sasl/sasl.h", "libsasl2-dev"),
    ("pg_config executable not found", "libpq-dev"),
    ("libpq-fe.h", "libpq-dev"),
    ("Python.h", "python3-dev"),
)


def build_hint(log):
    """``(Debian: apt-get install …)`` for the packages pip's log says are missing."""
    text = Path(log).read_text(encoding="utf-8", errors="replace") if Path(log).exists() else ""
    packages = dict.fromkeys(pkg for needle, pkg in BUILD_HINTS if needle in text)
    return f" (Debian: apt-get install {' '.join(packages)})" if packages else ""


def install_odoo(base_python):
    """Install Odoo 18.0 from ODOO_SOURCE into the project's virtualenv."""
    source = os.environ.get("ODOO_SOURCE") or DEFAULT_ODOO_SOURCE
    ensure_state_dir()
    try:
        say(
            f"no Python here can import Odoo {ODOO_MAJOR}.0; installing it from "
            f"ODOO_SOURCE={source}"
        )
        src = fetch_source(source)
        venv = STATE / "venv"
        if not venv_python().exists():
            if run([base_python, "-m", "venv", venv], check=False).returncode:
                shutil.rmtree(venv, ignore_errors=True)
                raise UsageError(
                    f"`{base_python} -m venv` failed (Debian: apt-get install python3-venv)"
                )
        py = venv_python()
        constraints = STATE / "build-constraints.txt"
        constraints.write_text(BUILD_CONSTRAINTS)
        env = pip_env(constraints)
        pip = [py, "-m", "pip", "install", "--quiet"]
        log = STATE / "logs" / "odoo-install.log"
        log.write_text("")
        say(
            "installing Odoo's requirements into",
            venv,
            f"(pip keeps the wheels it builds: the next install is quicker; output in {log})",
        )
        # The venv's own pip may predate build constraints; today's pip knows them.
        run_logged(pip + ["--upgrade", "pip"], log, env=env)
        run_logged(pip + ["--upgrade", "setuptools<81", "wheel"], log, env=env)
        run_logged(pip + ["-r", src / "requirements.txt"], log, env=env)
        # Compat mode puts the source folder on sys.path (a .pth file): with setuptools'
        # default editable finder, any odoo/ folder on sys.path (add-ons installed by
        # `pip install .`) would become the namespace package `odoo` and hide Odoo.
        run_logged(pip + ["-e", src, "--config-settings", "editable_mode=compat"], log, env=env)
        run_logged(pip + list(TOOL_REQUIREMENTS), log, env=env)
    except (subprocess.CalledProcessError, OSError, UsageError) as exc:
        raise UsageError(
            f"Odoo {ODOO_MAJOR}.0 is not importable and could not be installed "
            f"({exc}){build_hint(STATE / 'logs' / 'odoo-install.log')}.\n"
            "Set ODOO_PYTHON to a Python where `import odoo` gives Odoo 18.0, or "
            "ODOO_SOURCE to a local Odoo 18.0 Community source tree or archive (see "
            "DEVELOPERS.md)."
        ) from None
    if not probe_python(str(py)):
        raise UsageError(
            f"Odoo was installed into {py} but still does not import; see the messages "
            "above, or set ODOO_PYTHON to a Python where `import odoo` works."
        )
    return str(py)


def tool_python(name, requirements):
    """The Python of the virtualenv ``<state>/<name>`` holding ``requirements``, made on
    first use (for tools whose pins are not Odoo's)."""
    ensure_state_dir()
    venv = STATE / name
    py = venv / "bin" / "python"
    stamp = venv / "requirements.txt"
    wanted = "\n".join(requirements) + "\n"
    if py.exists() and stamp.exists() and stamp.read_text() == wanted:
        return py
    say("installing", ", ".join(requirements), "into", venv)
    if not py.exists() and run([sys.executable, "-m", "venv", venv], check=False).returncode:
        shutil.rmtree(venv, ignore_errors=True)
        raise UsageError(
            f"`{sys.executable} -m venv` failed (Debian: apt-get install python3-venv)"
        )
    pip = [py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if run([*pip, *requirements], check=False).returncode:
        raise UsageError(f"could not install {', '.join(requirements)} from PyPI")
    stamp.write_text(wanted)
    return py


def boavizta_python():
    """The Python of the Boavizta virtualenv (``<state>/boavizta-venv``), made on first use."""
    return tool_python("boavizta-venv", BOAVIZTA_REQUIREMENTS)


def cmd_boavizta(args):
    """Regenerate (or check) the footprint files of ecoclic_odoo/data/boavizta/."""
    py = boavizta_python()
    if args.print_python:
        print(py)
        return 0
    script = [py, ROOT / "tools" / "boavizta_reference.py"]
    return run([*script, *(["--check"] if args.check else [])], check=False).returncode


def ensure_tools(python):
    """pytest-odoo and websocket-client are needed by the test command."""
    missing = subprocess.run(
        [python, "-c", "import pytest_odoo, websocket, xlsxwriter, openpyxl"],
        capture_output=True,
    ).returncode
    if missing:
        say("installing the test tools:", ", ".join(TOOL_REQUIREMENTS))
        run([python, "-m", "pip", "install", "--quiet", *TOOL_REQUIREMENTS])


def check_not_shadowed(python):
    """A `pip install .` copy of the add-ons would shadow the working tree."""
    code = "import sys, odoo.addons as a;print('\\n'.join(p for p in a.__path__))"
    out = subprocess.run([python, "-c", code], capture_output=True, text=True).stdout.split()
    for path in out:
        for module in MODULES:
            if Path(path, module).exists() and Path(path).resolve() != ROOT:
                raise UsageError(
                    f"{module} is also installed in {path} (pip install .); it would "
                    f"hide the working tree. Remove it with `{python} -m pip uninstall "
                    "ecoclic-odoo`."
                )


# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------
def read_odoo_rc(path):
    """The [options] of an existing Odoo configuration file, as written there."""
    import configparser

    parser = configparser.RawConfigParser()
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc).splitlines()[0]
        raise UsageError(
            f"ODOO_RC={path} cannot be read ({reason}); set ODOO_RC to an Odoo "
            "configuration file, or unset it"
        ) from None
    if not parser.has_section("options"):
        raise UsageError(
            f"ODOO_RC={path} has no [options] section; set ODOO_RC to an Odoo "
            "configuration file, or unset it"
        )
    return dict(parser.items("options"))


def socket_dir_for(folder, port):
    """The socket folder of the cluster in ``folder``: ``run/`` in it, or a short path
    under the temporary folder when that one would be too long (a unix socket path is
    limited to 107 bytes)."""
    path = folder / "run"
    if len(str(path / f".s.PGSQL.{port}")) > 100:
        digest = hashlib.sha1(str(folder).encode()).hexdigest()[:10]
        path = Path(tempfile.gettempdir()) / f"ecoclic-pg-{digest}"
    return path


class Postgres:
    """The server described by PG* variables / an Odoo config, or our own cluster."""

    def __init__(self):
        self.external = any(os.environ.get(v) for v in ("PGHOST", "PGPORT", "PGUSER")) or bool(
            os.environ.get("ODOO_RC")
        )
        self.dir = STATE / "pg"
        self.data = self.dir / "data"
        self.port = int(os.environ.get("ECOCLIC_PGPORT", "54329"))
        self.socket_dir = self._socket_dir()
        self.env = dict(os.environ)
        self.rc_options = {}
        if os.environ.get("ODOO_RC"):
            self.rc_options = read_odoo_rc(os.environ["ODOO_RC"])
            self.env.update(self._libpq_env_from(self.rc_options))

    @staticmethod
    def _libpq_env_from(options):
        """PG* variables for psql from the db_* options of an Odoo config file."""
        mapping = {
            "db_host": "PGHOST",
            "db_port": "PGPORT",
            "db_user": "PGUSER",
            "db_password": "PGPASSWORD",
        }
        return {
            var: options[key]
            for key, var in mapping.items()
            if options.get(key) not in (None, "", "False")
        }

    def describe(self):
        """Where psql connects, for messages."""
        if not self.external:
            return f"the throwaway cluster (socket {self.socket_dir}, port {self.port})"
        given = [
            f"{var}={self.env[var]}" for var in ("PGHOST", "PGPORT", "PGUSER") if self.env.get(var)
        ]
        origin = f" (from ODOO_RC={os.environ['ODOO_RC']})" if self.rc_options else ""
        return f"the server {' '.join(given) or 'of libpq defaults'}{origin}"

    def _socket_dir(self):
        return socket_dir_for(self.dir, self.port)

    @staticmethod
    def bindir():
        given = os.environ.get("PG_BINDIR")
        if given:
            if not Path(given, "initdb").exists():
                raise UsageError(
                    f"PG_BINDIR={given} holds no initdb; set PG_BINDIR to the "
                    "folder of PostgreSQL's server programs, or unset it"
                )
            return Path(given)
        if shutil.which("pg_config"):
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
            if out.returncode == 0 and Path(out.stdout.strip(), "initdb").exists():
                return Path(out.stdout.strip())
        for cand in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
            if (cand / "initdb").exists():
                return cand
        if shutil.which("initdb"):
            return Path(shutil.which("initdb")).parent
        raise UsageError(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install "
            "PostgreSQL 15 (Debian: postgresql-15), set PG_BINDIR, or point "
            "PGHOST/PGPORT/PGUSER at a server."
        )

    # -- as the cluster's owner ------------------------------------------
    @staticmethod
    def _system_tool(name):
        """runuser, useradd: in sbin folders, which a PATH may leave out."""
        found = shutil.which(name) or next(
            (str(p) for p in (Path("/usr/sbin", name), Path("/sbin", name)) if p.exists()),
            None,
        )
        if not found:
            raise UsageError(
                f"{name} was not found: as root, the throwaway cluster runs as the OS "
                f"user {PG_OS_USER} (initdb refuses root). Install util-linux and "
                "passwd, or set PGHOST/PGPORT/PGUSER to a PostgreSQL server of yours"
            )
        return found

    def _as_owner(self, cmd, **kwargs):
        if os.geteuid() == 0:
            cmd = [self._system_tool("runuser"), "-u", PG_OS_USER, "--", *map(str, cmd)]
        return run(cmd, **kwargs)

    def _ensure_os_user(self):
        if os.geteuid() != 0:
            return
        if subprocess.run(["id", "-u", PG_OS_USER], capture_output=True).returncode:
            say(f"creating the unprivileged OS user {PG_OS_USER} for the throwaway cluster")
            run(
                [
                    self._system_tool("useradd"),
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    PG_OS_USER,
                ]
            )
        probe = subprocess.run(
            [
                self._system_tool("runuser"),
                "-u",
                PG_OS_USER,
                "--",
                "test",
                "-x",
                str(ROOT),
            ]
        )
        if probe.returncode:
            raise UsageError(
                f"the OS user {PG_OS_USER} cannot reach {ROOT}; make its parent "
                "folders traversable (chmod o+x) or point PGHOST/PGPORT/PGUSER at a "
                "server."
            )

    def _chown(self, *paths):
        if os.geteuid() == 0:
            run(["chown", "-R", f"{PG_OS_USER}:", *paths])

    def running(self):
        if not (self.data / "PG_VERSION").exists():
            return False
        res = self._as_owner(
            [self.bindir() / "pg_ctl", "-D", self.data, "status"],
            check=False,
            capture_output=True,
        )
        return res.returncode == 0

    def start(self):
        if self.external:
            self.check_external()
            return
        bindir = self.bindir()
        self._ensure_os_user()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if not (self.data / "PG_VERSION").exists():
            say(f"creating a throwaway PostgreSQL cluster in {self.data}")
            self.data.mkdir(parents=True, exist_ok=True)
            self._chown(self.dir, self.socket_dir)
            self._as_owner(
                [
                    bindir / "initdb",
                    "-D",
                    self.data,
                    "-U",
                    PG_SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
                stdout=subprocess.DEVNULL,
            )
            with open(self.data / "postgresql.conf", "a") as conf:
                # Throwaway cluster: no TCP, no durability, more speed.
                conf.write(
                    "\n# ecoclic throwaway cluster\nlisten_addresses = ''\n"
                    f"unix_socket_directories = '{self.socket_dir}'\n"
                    f"port = {self.port}\n"
                    "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                    "max_connections = 100\nshared_buffers = 256MB\n"
                )
        self._chown(self.dir, self.socket_dir)
        # Several commands may share the cluster (a test run and a demo, two terminals):
        # each registers itself, and the last one to end stops a cluster a command
        # started.
        users = self.dir / "users"
        users.mkdir(exist_ok=True)
        (users / str(os.getpid())).touch()
        atexit.register(self.release)
        if self.running():
            say(
                f"reusing the running throwaway cluster (socket {self.socket_dir}, "
                f"port {self.port})"
            )
        else:
            say(f"starting the throwaway cluster (socket {self.socket_dir}, port {self.port})")
            self._as_owner(
                [
                    bindir / "pg_ctl",
                    "-D",
                    self.data,
                    "-l",
                    self.dir / "server.log",
                    "-w",
                    "-t",
                    "60",
                    "start",
                ],
                stdout=subprocess.DEVNULL,
            )
            (self.dir / "auto-stop").touch()
        self.psql_admin(
            "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
            f"'{PG_ROLE}') THEN CREATE ROLE {PG_ROLE} LOGIN CREATEDB; END IF; END$$;"
        )

    def release(self):
        """This command is done with the cluster: stop it if a command started it and no
        other command still uses it (`pg start` leaves it running for you)."""
        users = self.dir / "users"
        (users / str(os.getpid())).unlink(missing_ok=True)
        for other in users.glob("*"):
            try:
                os.kill(int(other.name), 0)
            except (ValueError, ProcessLookupError):
                other.unlink(missing_ok=True)  # a command that ended without releasing
            except PermissionError:
                return
            else:
                return  # still in use
        if (self.dir / "auto-stop").exists():
            self.stop()

    def stop(self):
        (self.dir / "auto-stop").unlink(missing_ok=True)
        if self.external or not self.running():
            return
        say("stopping the throwaway PostgreSQL cluster")
        self._as_owner(
            [self.bindir() / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"],
            check=False,
            stdout=subprocess.DEVNULL,
        )

    def psql(self):
        """psql: beside the server programs, else on PATH (enough for your server)."""
        try:
            return self.bindir() / "psql"
        except UsageError:
            if self.external and shutil.which("psql"):
                return Path(shutil.which("psql"))
            raise

    def psql_admin(self, sql, db="postgres", capture=False):
        """Run SQL as our cluster's superuser, or as the given user (your server)."""
        cmd = [
            self.psql(),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-At",
            "-d",
            db,
            "-c",
            sql,
        ]
        if not self.external:
            cmd[1:1] = ["-h", self.socket_dir, "-p", self.port, "-U", PG_SUPERUSER]
        try:
            res = run(cmd, capture_output=True, text=True, check=False, env=self.env)
        except OSError as exc:
            raise UsageError(
                f"cannot run {cmd[0]}: {exc.strerror}; set PG_BINDIR to the folder "
                "of PostgreSQL's programs"
            ) from None
        if res.returncode:
            raise UsageError(f"PostgreSQL refused `{sql[:80]}`: {res.stderr.strip()}")
        return res.stdout.strip()

    def check_external(self):
        """Fail with one line saying what to set when the server cannot be reached."""
        cmd = [self.psql(), "-X", "-q", "-At", "-d", "postgres", "-c", "SELECT 1"]
        try:
            res = run(
                cmd,
                capture_output=True,
                text=True,
                check=False,
                env=self.env,
                timeout=60,
            )
        except OSError as exc:
            raise UsageError(
                f"cannot run {cmd[0]}: {exc.strerror}; set PG_BINDIR to the folder "
                "of PostgreSQL's programs"
            ) from None
        except subprocess.TimeoutExpired:
            res = subprocess.CompletedProcess(cmd, 1, "", "no answer within 60 s")
        if res.returncode:
            reason = " ".join(res.stderr.split()) or f"psql exit {res.returncode}"
            raise UsageError(
                f"cannot reach {self.describe()}: {reason}. Set "
                "PGHOST/PGPORT/PGUSER/PGPASSWORD (or ODOO_RC's db_* options) to a "
                "server where that user may create databases, or unset them to use the "
                "throwaway cluster"
            )

    def db_exists(self, name):
        return self.psql_admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"

    def drop_db(self, name):
        self.psql_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def clone_db(self, template, name):
        self.drop_db(name)
        owner = "" if self.external else f" OWNER {PG_ROLE}"
        self.psql_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{owner}')

    def odoo_options(self):
        if self.external:
            # The commands read Odoo's log from its output: not from a log file or
            # syslog.
            return {
                k: v
                for k, v in self.rc_options.items()
                if k not in ("logfile", "syslog", "pidfile")
            }
        return {
            "db_host": str(self.socket_dir),
            "db_port": str(self.port),
            "db_user": PG_ROLE,
            "db_password": "False",
        }


class Replica:
    """A streaming replica (hot standby) of the throwaway cluster, on the next port, for
    Odoo's ``db_replica_host``/``db_replica_port``: made by ``pg_basebackup -R`` from the
    running primary, it replays the primary's WAL and serves read-only queries."""

    def __init__(self, pg):
        if pg.external:
            raise UsageError(
                "PG* variables are set: the replica is made only from the throwaway cluster"
            )
        self.pg = pg
        self.port = int(os.environ.get("ECOCLIC_REPLICA_PGPORT") or pg.port + 1)
        self.dir = STATE / f"pg-replica-{self.port}"
        self.data = self.dir / "data"
        self.socket_dir = socket_dir_for(self.dir, self.port)

    def running(self):
        if not (self.data / "PG_VERSION").exists():
            return False
        res = self.pg._as_owner(
            [self.pg.bindir() / "pg_ctl", "-D", self.data, "status"],
            check=False,
            capture_output=True,
        )
        return res.returncode == 0

    def _clone(self):
        """A fresh copy of the primary, set up as its standby."""
        shutil.rmtree(self.data, ignore_errors=True)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        self.pg._chown(self.dir, self.socket_dir)
        say(f"copying the primary into {self.data} (pg_basebackup -R)")
        self.pg._as_owner(
            [
                *(self.pg.bindir() / "pg_basebackup", "-D", self.data),
                *("-h", self.pg.socket_dir, "-p", self.pg.port, "-U", PG_SUPERUSER),
                *("-R", "-X", "stream", "-c", "fast"),
            ]
        )
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                "\n# ecoclic replica: read-only queries while replaying the primary's WAL\n"
                f"port = {self.port}\nunix_socket_directories = '{self.socket_dir}'\n"
                "hot_standby = on\nhot_standby_feedback = on\n"
            )

    def start(self, fresh=False):
        """Start the replica (the primary first), copying the primary when there is no
        copy yet, or ``fresh``."""
        if self.running():
            if not fresh:
                say(f"the replica is running (socket {self.socket_dir}, port {self.port})")
                return
            self.stop()
        if fresh or not (self.data / "PG_VERSION").exists():
            self._clone()
        say(f"starting the replica (socket {self.socket_dir}, port {self.port})")
        self.pg._as_owner(
            [
                *(self.pg.bindir() / "pg_ctl", "-D", self.data, "-l", self.dir / "server.log"),
                *("-w", "-t", "120", "start"),
            ],
            stdout=subprocess.DEVNULL,
        )
        if self.sql("SELECT pg_is_in_recovery()") != "t":
            raise UsageError(f"{self.data} is not a standby; run `replica start --fresh`")

    def stop(self):
        if self.running():
            say("stopping the replica")
            self.pg._as_owner(
                [self.pg.bindir() / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"],
                check=False,
                stdout=subprocess.DEVNULL,
            )

    def sql(self, sql, db="postgres"):
        """Run SQL on the replica as the cluster's superuser; its output."""
        cmd = [self.pg.psql(), "-X", "-q", "-At", "-h", self.socket_dir, "-p", self.port]
        res = run([*cmd, "-U", PG_SUPERUSER, "-d", db, "-c", sql], capture_output=True, text=True)
        return res.stdout.strip()

    def odoo_options(self):
        return {"db_replica_host": str(self.socket_dir), "db_replica_port": str(self.port)}

    def status(self):
        """One line: running or not, and the primary's view of the replication."""
        if not self.running():
            return "replica stopped"
        lag = self.pg.psql_admin(
            "SELECT state || ', replay lag ' || coalesce(replay_lag::text, '0') "
            "FROM pg_stat_replication"
        )
        return f"replica running on port {self.port} ({lag or 'not streaming'})"


# --------------------------------------------------------------------------
# Odoo
# --------------------------------------------------------------------------
class Odoo:
    def __init__(self, python, pg):
        self.python = python
        self.pg = pg
        self.addons_path = self._addons_path()

    def _addons_path(self):
        code = "import os, odoo; print(os.path.join(os.path.dirname(odoo.__file__), 'addons'))"
        core = subprocess.run(
            [self.python, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        paths = [core]
        for variable, value in (
            ("ODOO_ADDONS_PATH", os.environ.get("ODOO_ADDONS_PATH")),
            ("ODOO_RC", self.pg.rc_options.get("addons_path")),
        ):
            for entry in (value or "").split(","):
                entry = entry.strip()
                if not entry:
                    continue
                if not Path(entry).expanduser().is_dir():
                    raise UsageError(
                        f"{variable}: the addons folder {entry} does not exist; "
                        f"fix or unset {variable}"
                    )
                paths.append(str(Path(entry).expanduser().resolve()))
        parent = Path(core).parent.parent / "addons"  # git checkouts keep addons beside odoo/
        if (parent / "web" / "__manifest__.py").exists():
            paths.append(str(parent))
        return ",".join(dict.fromkeys([str(ROOT), *paths]))

    def write_config(self, name, **options):
        """Write the Odoo config of one command: an ODOO_RC's options (its database
        server among them), with our addons path, data dir and the command's options on
        top."""
        conf = ensure_state_dir() / f"{name}.conf"
        values = {
            "admin_passwd": "admin",
            "list_db": "False",
            **self.pg.odoo_options(),
            "addons_path": self.addons_path,
            "data_dir": str(STATE / "odoo-data"),
            **options,
        }
        lines = ["[options]"] + [f"{k} = {v}" for k, v in values.items()]
        conf.write_text("\n".join(lines) + "\n")
        return conf

    def cmd(self, conf, *args):
        return [self.python, "-m", "odoo", "-c", conf, *args]

    def run(self, conf, *args, log=None, check=True):
        cmd = self.cmd(conf, *args)
        if log is None:
            res = run(cmd, check=False)
            if check and res.returncode:
                raise UsageError(f"Odoo failed (exit {res.returncode}): {' '.join(map(str, args))}")
            return res.returncode
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "w") as out:
            proc = subprocess.Popen(
                [str(c) for c in cmd],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                bufsize=1,
            )
            for line in proc.stdout:
                out.write(line)
                if re.search(
                    r" (WARNING|ERROR|CRITICAL) |Traceback|FAIL:|ERROR:|"
                    r"tests when loading|post-tests in|Modules loaded|"
                    r"loading \d+ modules",
                    line,
                ):
                    sys.stdout.write(line)
            rc = proc.wait()
        if check and rc:
            raise UsageError(f"Odoo failed (exit {rc}); its full log is {log}")
        return rc

    def filestore(self, db):
        return STATE / "odoo-data" / "filestore" / db

    def copy_db(self, template, name):
        self.pg.clone_db(template, name)
        shutil.rmtree(self.filestore(name), ignore_errors=True)
        if self.filestore(template).exists():
            shutil.copytree(self.filestore(template), self.filestore(name))

    def dependencies(self):
        """Odoo modules our add-ons depend on, outside the project."""
        deps = set()
        for module in MODULES:
            manifest = eval((ROOT / module / "__manifest__.py").read_text(), {})  # noqa: S307
            deps.update(manifest.get("depends", []))
        return sorted(deps - set(MODULES))


def fingerprint(*parts):
    return hashlib.sha1(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


def tree_fingerprint(*dirs):
    digest = hashlib.sha1()
    for folder in dirs:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def prepare(args):
    ensure_state_dir()
    pg = Postgres()  # reads ODOO_RC first: a wrong one is said as such
    python, version = find_odoo_python()
    version = version or probe_python(python)
    say(f"Odoo {version} from {python}")
    check_not_shadowed(python)
    if pg.external:
        say(f"using {pg.describe()}")
    pg.start()
    return Odoo(python, pg), version


def template_db(odoo, version, demo=True):
    """A database with our dependencies (not our add-ons) installed, reused between
    runs."""
    deps = odoo.dependencies()
    name = "ecoclic_tmpl_" + fingerprint(version, deps, TEST_LANG, demo)
    if odoo.pg.db_exists(name):
        say(f"reusing template database {name} ({', '.join(deps)})")
        return name
    say(f"building template database {name} with {', '.join(deps)} (once per Odoo version)")
    conf = odoo.write_config("odoo-template")
    args = [
        "-d",
        name,
        "-i",
        ",".join(deps),
        "--load-language",
        TEST_LANG,
        "--stop-after-init",
        "--log-level",
        "warn",
    ]
    if not demo:
        args.append("--without-demo=all")
    try:
        odoo.run(conf, *args, log=STATE / "logs" / "template.log")
    except UsageError:
        odoo.pg.drop_db(name)
        raise
    return name


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------
def installed_stamp(db):
    """The file saying which add-ons' code ``db`` was installed from (see demo_code)."""
    return STATE / f"{db}.fingerprint"


def demo_code(version):
    return fingerprint(version, tree_fingerprint(*(ROOT / m for m in MODULES)))


# Where Odoo's browser tours look for Chrome (odoo.tests.common, Linux).
CHROME_NAMES = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


def check_port_free(port, variable):
    """Odoo serves the browser tours on ``port``: when another program listens there,
    Odoo's test run stops on `Address already in use` (after the template and the
    install, minutes in), which only its log shows."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("", port))
        except OSError as exc:
            raise UsageError(
                f"port {port} is in use ({exc.strerror}; another test run or Odoo?); set "
                f"{variable} (or --http-port) to a free port"
            ) from None


def check_test_programs():
    """The browser tours need Chrome or Chromium (else Odoo skips them, which fails our
    run at its end) and the PDF reports need wkhtmltopdf: say so before the run."""
    missing = []
    if not any(shutil.which(name) for name in CHROME_NAMES):
        missing.append("Chromium (Debian: apt-get install chromium)")
    if not shutil.which("wkhtmltopdf"):
        missing.append("wkhtmltopdf (Debian: apt-get install wkhtmltopdf)")
    if missing:
        raise UsageError(
            f"{' and '.join(missing)} not found on PATH: the tests need them; install "
            "them, or set PATH to where they are"
        )


def cmd_test(args):
    if not args.pytest_only:
        if not args.test_tags:  # the whole suite: tours and PDF reports among them
            check_test_programs()
        check_port_free(args.http_port, "ECOCLIC_TEST_HTTP_PORT")
    odoo, version = prepare(args)
    ensure_tools(odoo.python)
    logs = STATE / "logs"
    template = template_db(odoo, version)
    say(f"fresh test database {TEST_DB} from {template}")
    installed_stamp(TEST_DB).unlink(missing_ok=True)
    odoo.copy_db(template, TEST_DB)
    conf = odoo.write_config("odoo-test", db_name=TEST_DB, http_port=str(args.http_port))
    install_log = logs / "install.log"
    say("installing", ", ".join(MODULES))
    code = demo_code(version)
    odoo.run(
        conf,
        "-d",
        TEST_DB,
        "-i",
        ",".join(MODULES),
        "--stop-after-init",
        "--log-level",
        "info",
        log=install_log,
    )
    # The test database holds the demo data too: `demo --db <it>` serves it as it is.
    installed_stamp(TEST_DB).write_text(code)

    results = []
    tags = ",".join(f"/{m}" for m in MODULES)
    if args.test_tags:
        tags = args.test_tags
    if not args.pytest_only:
        say(f"running Odoo's tests ({tags})")
        odoo_log = logs / "odoo-tests.log"
        rc = odoo.run(
            conf,
            "-d",
            TEST_DB,
            "--test-enable",
            "--test-tags",
            tags,
            "--stop-after-init",
            "--log-level",
            "test",
            log=odoo_log,
            check=False,
        )
        results.append(("odoo", rc, parse_odoo_log(odoo_log)))
    if not args.odoo_only:
        say("running the pytest-odoo tests under", ", ".join(PYTEST_PATHS))
        junit = logs / "pytest.xml"
        # tests/test_boavizta_engine.py makes the Boavizta virtualenv when it runs
        # (`devctl.py boavizta --print-python`, in this state folder).
        env = dict(
            os.environ,
            ECOCLIC_INSTALL_LOG=str(install_log),
            ECOCLIC_ROOT=str(ROOT),
            ECOCLIC_STATE_DIR=str(STATE),
        )
        cmd = [
            odoo.python,
            "-m",
            "pytest",
            "--odoo-config",
            conf,
            "--odoo-database",
            TEST_DB,
            "--junitxml",
            junit,
            "-q",
            "-p",
            "no:cacheprovider",
            *(args.pytest_args or PYTEST_PATHS),
        ]
        rc = run(cmd, check=False, cwd=ROOT, env=env).returncode
        results.append(("pytest", rc, parse_junit(junit, rc)))
    return summarise(results)


def parse_odoo_log(log):
    text = log.read_text(errors="replace") if log.exists() else ""
    found = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading", text)
    failed, errors, total = map(int, found[-1]) if found else (0, 0, 0)
    skipped = re.findall(r"skipped (\S+) : (.*)", text)
    return {
        "total": total,
        "failed": failed,
        "errors": errors,
        "skipped": skipped,
        "found": bool(found),
    }


def parse_junit(junit, rc):
    import xml.etree.ElementTree as ET

    if not junit.exists():
        return {
            "total": 0,
            "failed": 0,
            "errors": 1 if rc not in (0, 5) else 0,
            "skipped": [],
            "found": False,
        }
    root = ET.parse(junit).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) for s in suites)
    errors = sum(int(s.get("errors", 0)) for s in suites)
    skipped = [
        (case.get("name"), (case.find("skipped").get("message") or ""))
        for case in root.iter("testcase")
        if case.find("skipped") is not None
    ]
    return {
        "total": total,
        "failed": failed,
        "errors": errors,
        "skipped": skipped,
        "found": True,
    }


def summarise(results):
    """Print one line per runner and a closing `N passed, N failed` line; 0 if all is
    well.

    A runner that exits non-zero, reports no test, or skips a test fails the run: a
    skipped test hides a check (browser tours skip themselves without Chromium).

    """
    passed = failed = skipped = 0
    ok = True
    print()
    for name, rc, res in results:
        skips = len(res["skipped"])
        bad = res["failed"] + res["errors"]
        n_pass = max(0, res["total"] - bad - skips)
        print(
            f"  {name:7} {res['total']:4} tests: {n_pass} passed, {res['failed']} "
            f"failed, {res['errors']} errors, {skips} skipped (exit {rc})"
        )
        for test, reason in res["skipped"]:
            print(f"      skipped {test}: {reason}")
        if not res["total"]:
            print(f"  {name}: no test result found")
        if rc and not bad:
            bad = 1  # the runner failed outside any test (import error, crash...)
        ok = ok and not bad and not skips and res["total"] > 0
        passed, failed, skipped = passed + n_pass, failed + bad, skipped + skips
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    print("RESULT:", "OK" if ok else "FAILED")
    return 0 if ok else 1


def demo_logins(odoo, db):
    sql = (
        "SELECT u.login, c.name FROM res_users u JOIN res_company c ON c.id = "
        "u.company_id JOIN ir_model_data d ON d.model = 'res.users' AND d.res_id = "
        f"u.id WHERE d.module IN ({', '.join(repr(m) for m in MODULES)}) AND u.active "
        "ORDER BY d.module DESC, c.name, u.login"
    )
    rows = odoo.pg.psql_admin(sql, db=db)
    return [row.split("|") for row in rows.splitlines() if row]


def cmd_demo(args):
    odoo, version = prepare(args)
    db = args.db
    stamp = installed_stamp(db)
    current = demo_code(version)
    conf = odoo.write_config(
        "odoo-demo",
        db_name=db,
        dbfilter=f"^{db}$",
        http_port=str(args.port),
        http_interface="",
    )
    if (
        args.reset
        or not odoo.pg.db_exists(db)
        or not stamp.exists()
        or stamp.read_text() != current
    ):
        if odoo.pg.db_exists(db):
            say(
                f"rebuilding {db}: the add-ons changed since it was built"
                if not args.reset
                else f"rebuilding {db}"
            )
        template = template_db(odoo, version)
        odoo.copy_db(template, db)
        say(f"installing {', '.join(MODULES)} with their demo data into {db}")
        odoo.run(
            conf,
            "-d",
            db,
            "-i",
            ",".join(MODULES),
            "--stop-after-init",
            "--log-level",
            "info",
            log=STATE / "logs" / "demo-install.log",
        )
        stamp.write_text(current)
    else:
        say(f"reusing demo database {db}")
    url = f"http://localhost:{args.port}"
    print()
    print(f"  Éco-clic for Odoo demo: {url}/web/login  (database {db})")
    print("  Logins (the password is the login):")
    print("    admin                          administrator (password: admin)")
    for login, company in demo_logins(odoo, db):
        print(f"    {login:30} {company}")
    print("  Stop with Ctrl-C.\n", flush=True)
    if args.no_serve:
        return 0
    # Odoo runs in its own session: a Ctrl-C (or a SIGTERM) reaches this command only,
    # which asks Odoo once for its graceful shutdown, waits for it, then stops the
    # cluster (atexit).
    proc = subprocess.Popen([str(c) for c in odoo.cmd(conf, "-d", db)], start_new_session=True)

    def forward(signum, _frame):
        if proc.poll() is None:
            say("stopping Odoo")
            proc.send_signal(signal.SIGTERM)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, forward)
    try:
        rc = proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    return 0 if rc in (0, -signal.SIGTERM) else rc


def cmd_pot(args):
    """Regenerate each add-on's .pot from a database where they are installed, merge
    fr.po."""
    odoo, version = prepare(args)
    db = TEST_DB
    if not odoo.pg.db_exists(db):
        raise UsageError(
            f"run the test command first: it builds {db}, where the add-ons are installed"
        )
    conf = odoo.write_config("odoo-test", db_name=db)
    for module in MODULES:
        pot = ROOT / module / "i18n" / f"{module}.pot"
        pot.parent.mkdir(exist_ok=True)
        odoo.run(
            conf,
            "-d",
            db,
            "--i18n-export",
            pot,
            "--modules",
            module,
            "--stop-after-init",
            "--log-level",
            "warn",
        )
        po = pot.parent / "fr.po"
        if po.exists() and shutil.which("msgmerge"):
            run(
                [
                    "msgmerge",
                    "--quiet",
                    "--update",
                    "--no-fuzzy-matching",
                    "--backup=none",
                    po,
                    pot,
                ]
            )
            run(["msgattrib", "--no-obsolete", "--output-file", po, po])
        say(f"wrote {pot.relative_to(ROOT)}")
    return 0


def cmd_bench(args):
    """The OPSN-scale benchmark series (tests/benchmarks/scale.py): one generated
    database per size, kept while the add-ons and the generator are unchanged; every
    measure side by side with its per-record reference; tables in Markdown and JSON (and
    a PNG plot when matplotlib is installed) in --out."""
    odoo, version = prepare(args)
    ensure_tools(odoo.python)
    template = template_db(odoo, version, demo=False)
    if args.national:
        return bench_national(args, odoo, version, template)
    bench_dir = ROOT / "tests" / "benchmarks"
    state = STATE / "bench"
    state.mkdir(parents=True, exist_ok=True)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    code = (
        tree_fingerprint(*(ROOT / m for m in MODULES))
        + hashlib.sha1((bench_dir / "generate.py").read_bytes()).hexdigest()[:12]
    )
    sizes = sorted(set(args.sizes))
    results, failed = [], False
    for size in sizes:
        db = f"ecoclic_bench_{size}_{args.per_company}"
        stamp = fingerprint(version, code, size, args.per_company)
        stamp_file, ids_file = state / f"{db}.fingerprint", state / f"{db}.ids.json"
        conf = odoo.write_config("odoo-bench", db_name=db)
        scale = [odoo.python, str(bench_dir / "scale.py")]
        common = [
            "--config",
            str(conf),
            "--db",
            db,
            "--size",
            str(size),
            "--per-company",
            str(args.per_company),
            "--ids",
            str(ids_file),
        ]
        current = stamp_file.exists() and stamp_file.read_text() == stamp
        if args.regenerate or not current or not odoo.pg.db_exists(db):
            say(f"building {db}: {size} collectivities, {size * args.per_company} equipment")
            stamp_file.unlink(missing_ok=True)
            odoo.copy_db(template, db)
            odoo.run(
                conf,
                "-d",
                db,
                "-i",
                ",".join(MODULES),
                "--stop-after-init",
                "--log-level",
                "warn",
                log=STATE / "logs" / f"{db}.install.log",
            )
            run([*scale, "generate", *common])
            stamp_file.write_text(stamp)
        else:
            say(f"reusing {db}")
        result_file = state / f"{db}.result.json"
        rows = args.import_rows if size == sizes[-1] else 0
        rc = run(
            [
                *scale,
                "measure",
                *common,
                "--runs",
                str(args.runs),
                "--import-rows",
                str(rows),
                "--out",
                str(result_file),
            ],
            check=False,
        ).returncode
        if not result_file.exists():
            raise UsageError(f"the measures of {db} failed (exit {rc})")
        failed = failed or rc != 0
        for side in ("ours", "naive"):  # each in a process of its own
            run(
                [
                    *scale,
                    "xlsx-memory",
                    *common,
                    "--out",
                    str(result_file),
                    "--side",
                    side,
                ]
            )
        results.append(str(result_file))
    run([odoo.python, str(bench_dir / "report.py"), "--out", str(out), *results])
    if failed:
        say("the set-wise and per-record results differ somewhere (see the report)")
    return 1 if failed else 0


def bench_national(args, odoo, version, template):
    """The national-scale benchmark (tests/benchmarks/national.py): every commune, EPCI,
    département and région of the official territory file (or those of --departements),
    one database kept while the add-ons and the generator are unchanged; the measures'
    JSON and Markdown in --out."""
    bench_dir = ROOT / "tests" / "benchmarks"
    state = STATE / "bench"
    state.mkdir(parents=True, exist_ok=True)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    scope = "_".join(args.departements or ["france"]).lower()
    db = f"ecoclic_bench_national_{scope}"
    code = tree_fingerprint(*(ROOT / m for m in MODULES)) + "".join(
        hashlib.sha1((bench_dir / name).read_bytes()).hexdigest()[:12]
        for name in ("generate.py", "national.py")
    )
    stamp, stamp_file = fingerprint(version, code, scope), state / f"{db}.fingerprint"
    conf = odoo.write_config("odoo-bench", db_name=db)
    national = [odoo.python, str(bench_dir / "national.py")]
    common = ["--config", str(conf), "--db", db, "--ids", str(state / f"{db}.ids.json")]
    current = stamp_file.exists() and stamp_file.read_text() == stamp
    if args.regenerate or not current or not odoo.pg.db_exists(db):
        say(f"building {db} from the territory file ({scope})")
        stamp_file.unlink(missing_ok=True)
        odoo.copy_db(template, db)
        install = ["-d", db, "-i", ",".join(MODULES), "--stop-after-init", "--log-level", "warn"]
        odoo.run(conf, *install, log=STATE / "logs" / f"{db}.install.log")
        run([*national, "generate", *common, "--departements", *(args.departements or [])])
        stamp_file.write_text(stamp)
    else:
        say(f"reusing {db}")
    result = out / "benchmark.json"
    runs = ["--runs", str(args.runs), "--naive-runs", str(args.naive_runs)]
    rc = run([*national, "measure", *common, *runs, "--out", str(result)], check=False)
    if not result.exists():
        raise UsageError(f"the measures of {db} failed (exit {rc.returncode})")
    run([*national, "report", *common, "--out", str(result)])
    say(f"wrote {result} and {result.with_suffix('.md')}")
    return rc.returncode


LOCUST_REQUIREMENTS = ("locust==2.47.0",)
LOCUSTFILE = ROOT / "tests" / "benchmarks" / "load" / "locustfile.py"


def locust_python():
    """The Python of the Locust virtualenv (``<state>/locust-venv``), made on first use:
    Locust pins a gevent of its own, which Odoo's Python must not get."""
    return tool_python("locust-venv", LOCUST_REQUIREMENTS)


def server_config(odoo, name, db, port, workers, cron_threads=1, replica=None):
    """The config of Odoo in prefork mode (``workers`` processes; 0: threaded), its
    read-only requests on ``replica`` when given, on the loopback interface."""
    options = {
        "db_name": db,
        "dbfilter": f"^{db}$",
        "http_interface": "127.0.0.1",
        "http_port": str(port),
        "gevent_port": str(port + 1),
        "workers": str(workers),
        "max_cron_threads": str(cron_threads),
        "limit_time_cpu": "300",
        "limit_time_real": "600",
        **(replica.odoo_options() if replica else {}),
    }
    return odoo.write_config(name, **options)


def server_cmd(odoo, conf):
    """Odoo's command line through a launcher file: in prefork mode Odoo starts its
    gevent process (websockets) as ``python sys.argv[0] gevent``, which fails when
    ``sys.argv[0]`` is the ``odoo/__main__.py`` of ``python -m odoo``."""
    launcher = ensure_state_dir() / "odoo-launcher.py"
    launcher.write_text("import sys\n\nfrom odoo.cli.command import main\n\nsys.exit(main())\n")
    return [str(odoo.python), str(launcher), "-c", str(conf)]


def start_server(odoo, conf, port, log, timeout=300, warm_up=1):
    """Odoo on ``conf`` in a session of its own, once it answers /web/health."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        proc = subprocess.Popen(
            server_cmd(odoo, conf),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise UsageError(f"Odoo stopped (exit {proc.returncode}); its log is {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=5):
                pass
        except OSError:
            time.sleep(1)
            continue
        # The workers load the database's registry on their first request.
        for _worker in range(warm_up):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=timeout):
                pass
        return proc
    stop_server(proc)
    raise UsageError(f"Odoo did not answer on port {port} within {timeout} s; see {log}")


def stop_server(proc):
    """Odoo's graceful shutdown (its workers with it), killed after a minute."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def cmd_replica(args):
    pg = Postgres()
    replica = Replica(pg)
    if args.action == "start":
        if pg.running():  # another command's cluster: it stops it as it would
            pg.start()
            atexit.unregister(pg.release)
            (pg.dir / "users" / str(os.getpid())).unlink(missing_ok=True)
        else:  # as `pg start`: left running for you
            cmd_pg(argparse.Namespace(action="start"))
        replica.start(fresh=args.fresh)
        print(f"db_replica_host = {replica.socket_dir}\ndb_replica_port = {replica.port}")
    elif args.action == "stop":
        replica.stop()
    else:
        print(replica.status())
    return 0


def cmd_serve(args):
    """Odoo in prefork mode on an installed database, as in production (README)."""
    odoo, _version = prepare(args)
    if not odoo.pg.db_exists(args.db):
        raise UsageError(f"no database {args.db}: build it with `devctl.py demo --no-serve`")
    replica = None
    if args.replica:
        replica = Replica(odoo.pg)
        replica.start()
    conf = server_config(
        odoo, "odoo-serve", args.db, args.http_port, args.workers, args.cron_threads, replica
    )
    where = f"the replica (port {replica.port})" if replica else "the primary"
    say(
        f"Odoo on http://127.0.0.1:{args.http_port}: {args.workers} workers, "
        f"{args.cron_threads} cron worker(s), read-only requests on {where}; Ctrl-C stops"
    )
    proc = subprocess.Popen(server_cmd(odoo, conf), start_new_session=True)

    def forward(_signum, _frame):  # Odoo's graceful shutdown, its workers with it
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, forward)
    rc = proc.wait()
    return 0 if rc in (0, -signal.SIGTERM) else rc


# Request names of the load test, as in the README's table.
LOAD_COLUMNS = ("page save", "dashboard", "order", "supervision", "export")


def run_locust(py, port, db, users, seconds, prefix, logins):
    """One headless Locust run as the demo's ``logins``; its figures (from Locust's CSV
    statistics)."""
    rate = max(1, users // 10)
    cmd = [
        *(py, "-m", "locust", "-f", LOCUSTFILE, "--headless", "--only-summary"),
        *("-u", users, "-r", rate, "-t", f"{seconds}s", "--stop-timeout", "30"),
        *("--host", f"http://127.0.0.1:{port}", "--csv", prefix, "--exit-code-on-error", "0"),
    ]
    env = dict(os.environ, ECOCLIC_LOAD_DB=db, ECOCLIC_LOAD_LOGINS=",".join(logins))
    log = Path(f"{prefix}.log")
    with open(log, "w") as out:
        rc = subprocess.run([str(c) for c in cmd], env=env, stdout=out, stderr=subprocess.STDOUT)
    stats = Path(f"{prefix}_stats.csv")
    if rc.returncode or not stats.exists():
        raise UsageError(f"Locust failed (exit {rc.returncode}); its log is {log}")

    with open(stats, newline="") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    total = rows["Aggregated"]

    def ms(row, key):
        return None if row is None or row[key] in ("N/A", "") else float(row[key])

    exceptions = Path(f"{prefix}_exceptions.csv")
    crashes = 0
    if exceptions.exists():
        with open(exceptions, newline="") as f:
            crashes = sum(int(row["Count"]) for row in csv.DictReader(f))
    return {
        "users": users,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]) + crashes,
        "rps": float(total["Requests/s"]),
        **{q: ms(total, f"{q}%") for q in ("50", "95", "99")},
        "p95_by_name": {name: ms(rows.get(name), "95%") for name in LOAD_COLUMNS},
        "count_by_name": {
            name: int(rows[name]["Request Count"]) if name in rows else 0 for name in LOAD_COLUMNS
        },
    }


def load_report(rows, out, note):
    """The Markdown table of the load runs, and their JSON."""
    (out / "load.json").write_text(json.dumps(rows, indent=1) + "\n")
    head = (
        "| replica | workers | users | requests | req/s | p50 ms | p95 ms | p99 ms | errors | "
        + " | ".join(f"{name} p95" for name in LOAD_COLUMNS)
        + " |"
    )
    lines = [note, "", head, "|" + " --- |" * 4 + " ---: |" * (5 + len(LOAD_COLUMNS))]
    for row in rows:
        by_name = [
            "–" if row["p95_by_name"][n] is None else f"{row['p95_by_name'][n]:.0f}"
            for n in LOAD_COLUMNS
        ]
        lines.append(
            f"| {'yes' if row['replica'] else 'no'} | {row['workers']} | {row['users']} | "
            f"{row['requests']} | {row['rps']:.1f} | {row['50']:.0f} | {row['95']:.0f} | "
            f"{row['99']:.0f} | {row['errors']} | " + " | ".join(by_name) + " |"
        )
    (out / "load.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def cmd_load(args):
    """The Locust scenario against Odoo in prefork mode, for each number of workers, with
    and without the replica, at each number of users; a table of throughput, percentiles
    and errors."""
    odoo, version = prepare(args)
    if not odoo.pg.db_exists(args.db):
        raise UsageError(f"no database {args.db}: build it with `devctl.py demo --no-serve`")
    py = locust_python()
    logins = sorted(login for login, _company in demo_logins(odoo, args.db))
    out = Path(args.out).resolve()
    runs = out / "runs"  # Odoo's and Locust's logs and CSV statistics (git-ignored)
    runs.mkdir(parents=True, exist_ok=True)
    modes = {"no": (False,), "yes": (True,), "both": (False, True)}[args.replica]
    rows = []
    for with_replica in modes:
        replica = Replica(odoo.pg) if with_replica else None
        if replica:
            replica.start()
        for workers in args.workers:
            conf = server_config(odoo, "odoo-load", args.db, args.http_port, workers, 0, replica)
            tag = f"{'replica' if replica else 'primary'}-w{workers}"
            say(f"Odoo with {workers} workers, {'with' if replica else 'without'} the replica")
            proc = start_server(
                odoo, conf, args.http_port, runs / f"{tag}-odoo.log", warm_up=2 * workers
            )
            try:
                for users in args.users:
                    say(f"  {users} users for {args.time} s")
                    row = run_locust(
                        py,
                        args.http_port,
                        args.db,
                        users,
                        args.time,
                        runs / f"{tag}-u{users}",
                        logins,
                    )
                    rows.append({"replica": bool(replica), "workers": workers, **row})
            finally:
                stop_server(proc)
    note = (
        f"{time.strftime('%Y-%m-%d')}, Odoo {version}, database {args.db}, {args.time} s per "
        f"run, {os.cpu_count()} CPUs (Locust on the same machine)."
    )
    load_report(rows, out, note)
    return 0


def cmd_pg(args):
    pg = Postgres()
    if pg.external:
        raise UsageError("PG* variables are set: this command manages only the throwaway cluster")
    if args.action == "start":
        pg.start()
        atexit.unregister(pg.release)
        (pg.dir / "users" / str(os.getpid())).unlink(missing_ok=True)
        (pg.dir / "auto-stop").unlink(missing_ok=True)
        print(f"PGHOST={pg.socket_dir} PGPORT={pg.port} PGUSER={PG_ROLE}")
    elif args.action == "stop":
        pg.stop()
    else:
        print("running" if pg.running() else "stopped")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="devctl", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="build the demo database and serve Odoo on it")
    demo.add_argument("--port", type=int, default=int(os.environ.get("ECOCLIC_HTTP_PORT", 8069)))
    demo.add_argument("--db", default=DEMO_DB)
    demo.add_argument("--reset", action="store_true", help="rebuild the demo database")
    demo.add_argument("--no-serve", action="store_true", help="build it, print logins, stop")
    test = sub.add_parser("test", help="fresh database, install both add-ons, run every test")
    test.add_argument("--test-tags", help="Odoo --test-tags (default: both add-ons)")
    test.add_argument("--odoo-only", action="store_true", help="skip the pytest-odoo tests")
    test.add_argument("--pytest-only", action="store_true", help="skip Odoo's test runner")
    test.add_argument(
        "--http-port",
        type=int,
        default=int(os.environ.get("ECOCLIC_TEST_HTTP_PORT") or 8169),
        help="port for browser tours (default: $ECOCLIC_TEST_HTTP_PORT or 8169)",
    )
    test.add_argument("pytest_args", nargs="*", help="paths/options passed to pytest")
    sub.add_parser("pot", help="regenerate the .pot files and merge fr.po")
    boavizta = sub.add_parser(
        "boavizta", help="recompute the shipped footprint figures with Boavizta's engine"
    )
    boavizta.add_argument("--check", action="store_true", help="only say whether they differ")
    boavizta.add_argument(
        "--print-python", action="store_true", help="print the Boavizta virtualenv's Python"
    )
    bench = sub.add_parser("bench", help="the OPSN-scale benchmark series (README)")
    bench.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[100, 500, 2000],
        help="numbers of collectivities (default: 100 500 2000)",
    )
    bench.add_argument(
        "--per-company",
        type=int,
        default=500,
        help="equipment records per collectivity (default 500: a million at 2 000)",
    )
    bench.add_argument("--runs", type=int, default=3, help="timed runs after the warm-up")
    bench.add_argument(
        "--import-rows",
        type=int,
        default=50_000,
        help="rows of the GLPI import, measured at the largest size (0: skip)",
    )
    bench.add_argument(
        "--out",
        default=str(ROOT / "tests" / "benchmarks" / "results"),
        help="folder of the Markdown, JSON and PNG results",
    )
    bench.add_argument("--regenerate", action="store_true", help="rebuild the generated databases")
    bench.add_argument(
        "--national",
        action="store_true",
        help="the national instance of the territory file instead of --sizes (README)",
    )
    bench.add_argument(
        "--departements",
        nargs="+",
        help="--national: only the communes of these départements (e.g. 35 90)",
    )
    bench.add_argument(
        "--naive-runs", type=int, default=1, help="--national: runs of the per-record loops"
    )
    pg = sub.add_parser("pg", help="start/stop the throwaway PostgreSQL cluster")
    pg.add_argument("action", choices=("start", "stop", "status"))
    replica = sub.add_parser(
        "replica", help="start/stop a streaming replica of the throwaway cluster (README)"
    )
    replica.add_argument("action", choices=("start", "stop", "status"))
    replica.add_argument("--fresh", action="store_true", help="copy the primary again")
    serve = sub.add_parser("serve", help="Odoo in prefork mode on a database (README)")
    serve.add_argument("--db", default=DEMO_DB)
    serve.add_argument("--workers", type=int, default=2, help="HTTP worker processes")
    serve.add_argument("--cron-threads", type=int, default=1, help="cron worker processes")
    serve.add_argument("--replica", action="store_true", help="read-only requests on the replica")
    serve.add_argument(
        "--http-port", type=int, default=int(os.environ.get("ECOCLIC_HTTP_PORT", 8069))
    )
    load = sub.add_parser("load", help="the Locust load test, a table of its runs (README)")
    load.add_argument("--db", default=DEMO_DB)
    load.add_argument("--users", type=int, nargs="+", default=[50, 200])
    load.add_argument("--workers", type=int, nargs="+", default=[2, 4])
    load.add_argument("--replica", choices=("no", "yes", "both"), default="both")
    load.add_argument("--time", type=int, default=60, help="seconds per run")
    load.add_argument(
        "--http-port", type=int, default=int(os.environ.get("ECOCLIC_HTTP_PORT", 8069))
    )
    load.add_argument(
        "--out",
        default=str(ROOT / "tests" / "benchmarks" / "results" / "load"),
        help="folder of the table (load.md, load.json) and the runs' logs",
    )
    args = parser.parse_args(argv)
    commands = {
        "demo": cmd_demo,
        "test": cmd_test,
        "pot": cmd_pot,
        "pg": cmd_pg,
        "bench": cmd_bench,
        "boavizta": cmd_boavizta,
        "replica": cmd_replica,
        "serve": cmd_serve,
        "load": cmd_load,
    }
    try:
        return commands[args.command](args)
    except UsageError as exc:
        print(f"\n[ecoclic] error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
