"""`pip install .` makes both add-ons importable by Odoo as odoo.addons.* (OCA layout)."""
import ast
import os
import shutil
import subprocess
import sys

from conftest import MODULES, ROOT


def test_pip_install_gives_odoo_addons(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".devenv", "__pycache__", "build", "*.egg-info"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--target", target, source],
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
    # Odoo finds them from there, with no addons_path entry.
    code = (
        "import odoo.addons, odoo.modules.module as m;"
        "print(m.get_module_path('ecoclic_odoo'));"
        "print(m.get_module_path('ecoclic_odoo_opsn'));"
        "print(m.get_manifest('ecoclic_odoo_opsn')['depends'])"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True, cwd=tmp_path).stdout.splitlines()
    assert out[0] == str(target / "odoo" / "addons" / "ecoclic_odoo")
    assert out[1] == str(target / "odoo" / "addons" / "ecoclic_odoo_opsn")
    assert out[2] == "['ecoclic_odoo']"


def test_setup_declares_the_python_dependencies():
    text = (ROOT / "setup.py").read_text()
    for requirement in ("psycopg2", "xlsxwriter", "pytest-odoo"):
        assert requirement in text
