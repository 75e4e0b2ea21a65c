"""The developer commands stop with a clear message where Odoo cannot be had."""
import os
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def python_without_odoo(tmp_path_factory):
    venv = tmp_path_factory.mktemp("no-odoo") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    assert subprocess.run([python, "-c", "import odoo"], capture_output=True).returncode
    return python


@pytest.mark.parametrize("command", ["test", "demo"])
@pytest.mark.parametrize("source", [
    "/nonexistent/odoo-18.0",               # a folder that is not there
    "http://127.0.0.1:9/odoo_18.0.tar.gz",  # an archive URL that cannot be reached
])
def test_no_odoo_gives_a_clear_message(tmp_path, python_without_odoo, command, source):
    env = dict(os.environ, ODOO_PYTHON=str(python_without_odoo), ODOO_SOURCE=source,
               ECOCLIC_STATE_DIR=str(tmp_path / "state"))
    res = subprocess.run([sys.executable, ROOT / "tools" / "devctl.py", command], env=env,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    assert f"ODOO_SOURCE={source}" in res.stderr
    assert "Set ODOO_PYTHON" in res.stderr and "ODOO_SOURCE to" in res.stderr


def test_summary_counts_skips_as_failures():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import devctl
    finally:
        sys.path.pop(0)
    clean = {"total": 3, "failed": 0, "errors": 0, "skipped": [], "found": True}
    skipped = dict(clean, skipped=[("test_tour", "Chrome executable not found")])
    assert devctl.summarise([("odoo", 0, clean)]) == 0
    assert devctl.summarise([("odoo", 0, skipped)]) == 1
    assert devctl.summarise([("odoo", 1, clean)]) == 1
    assert devctl.summarise([("odoo", 0, dict(clean, total=0))]) == 1
