"""`pip install .` makes both add-ons importable as odoo.addons.* (OCA layout)."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MODULES, ROOT

# Where this Python finds Odoo (the folder holding the package odoo/), and whether it
# finds it on sys.path. A regular install (site-packages) or an editable install in
# setuptools' compat mode (a .pth file naming the source folder) puts it there.
# setuptools' default editable install does not: a finder at the end of sys.meta_path
# maps `odoo` to the source, so any odoo/ folder on sys.path, such as the add-ons
# installed by `pip install .`, is taken first as a namespace package `odoo` that hides
# Odoo (ImportError: cannot import name 'SUPERUSER_ID' from 'odoo'). Compat mode is
# setuptools' answer for such layouts (`pip install -e <odoo> --config-settings
# editable_mode=compat`; tools/devctl.py uses it).
ODOO_LOCATION = (
    "import os, sys, odoo;"
    "root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)));"
    "print(root); print(any(os.path.abspath(p or '.') == root for p in sys.path))"
)


def odoo_root():
    """The folder of this Python's Odoo, and the sys.path entries it needs: none
    where it is found on sys.path already, its folder where only an editable finder
    knows it."""
    out = subprocess.run(
        [sys.executable, "-c", ODOO_LOCATION],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    root, on_path = Path(out[0]), out[1] == "True"
    return root, [] if on_path else [str(root)]


def test_pip_install_gives_odoo_addons(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".devenv", "__pycache__", "build", "*.egg-info"),
    )
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            target,
            source,
        ],
        check=True,
    )
    # odoo.addons stays a namespace shared with Odoo: we must not install its __init__.
    assert not (target / "odoo" / "__init__.py").exists()
    assert not (target / "odoo" / "addons" / "__init__.py").exists()
    for module in MODULES:
        installed = target / "odoo" / "addons" / module
        manifest = ast.literal_eval((installed / "__manifest__.py").read_text())
        for data_file in manifest.get("data", []) + manifest.get("demo", []):
            assert (installed / data_file).is_file(), f"{module}: {data_file} not installed"
        for name in ("i18n/fr.po", f"i18n/{module}.pot", "static/description/icon.png"):
            assert (installed / name).is_file(), f"{module}: {name} not installed"
    # The demo's generator and the sample exports its demo data imports come with the add-on.
    demo = target / "odoo" / "addons" / "ecoclic_odoo" / "demo"
    assert (demo / "generator.py").is_file()
    samples = sorted(path.name for path in (ROOT / "ecoclic_odoo" / "demo" / "samples").iterdir())
    assert samples
    assert sorted(path.name for path in (demo / "samples").iterdir()) == samples
    # Odoo finds them from there, with no addons_path entry: the add-ons folder comes
    # first on sys.path, Odoo's own folder (for an editable Odoo, as compat mode gives
    # it) after it.
    root, odoo_entries = odoo_root()
    code = (
        "import odoo, odoo.addons, odoo.modules.module as m; "
        "from odoo.tools import config as c;"
        "print(odoo.__file__); print(c['addons_path']);"
        "print(m.get_module_path('ecoclic_odoo'));"
        "print(m.get_module_path('ecoclic_odoo_opsn'));"
        "print(m.get_manifest('ecoclic_odoo_opsn')['depends'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("ODOO_RC", "OPENERP_SERVER")}
    env["PYTHONPATH"] = os.pathsep.join([str(target), *odoo_entries])
    res = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    out = res.stdout.splitlines()
    assert out[0] == str(root / "odoo" / "__init__.py")  # Odoo itself, not a namespace
    assert str(target) not in out[1]  # no addons_path entry names the installed copy
    assert out[2] == str(target / "odoo" / "addons" / "ecoclic_odoo")
    assert out[3] == str(target / "odoo" / "addons" / "ecoclic_odoo_opsn")
    assert out[4] == "['ecoclic_odoo']"


def test_setup_declares_the_python_dependencies():
    text = (ROOT / "setup.py").read_text()
    for requirement in ("psycopg2", "xlsxwriter", "pytest-odoo"):
        assert requirement in text
