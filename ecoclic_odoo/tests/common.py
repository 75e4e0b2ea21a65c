# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from odoo.tests import HttpCase, common


class EcoclicTourCase(HttpCase):
    """Browser tours that fail, instead of skipping, where they cannot run.

    Odoo skips ``start_tour`` silently when Chromium or websocket-client is missing;
    a skipped tour would hide a broken screen, so the suite must notice it.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if common.websocket is None:
            raise AssertionError(
                "websocket-client is not installed: browser tours cannot run"
            )
        try:
            common._find_executable()
        except unittest.SkipTest as exc:
            raise AssertionError(f"browser tours cannot run: {exc}") from None
