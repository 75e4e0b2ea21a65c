"""Fixtures of the cross-module tests (run by pytest-odoo against the test database)."""

import os
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("ECOCLIC_ROOT") or Path(__file__).resolve().parent.parent)
MODULES = ("ecoclic_odoo", "ecoclic_odoo_opsn")


@pytest.fixture
def env():
    """A superuser environment on the test database, rolled back after the test."""
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tests.common import get_db_name

    registry = Registry(get_db_name())
    with registry.cursor() as cr:
        try:
            yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        finally:
            cr.rollback()


@pytest.fixture(scope="module")
def devctl():
    """tools/devctl.py, imported."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import devctl
    finally:
        sys.path.pop(0)
    return devctl
