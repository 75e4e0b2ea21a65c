# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# The parts of the demo that demo/ecoclic_collectivities_demo.xml has generated
# (see demo/generator.py).
DEMO_PARTS = ("fleets", "purchases", "assessments", "plans", "reen")


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _ecoclic_demo_generate(self, part):
        """Generate one part of the demo (`DEMO_PARTS`): the entry point of the demo data
        file, which can call only a model's method (on the model of the modules, which
        loads their demo data; the add-ons extend it for nothing else). The generator is
        imported here, when demo data is loaded, and never in a database without it."""
        if part not in DEMO_PARTS:
            raise ValueError(f"unknown demo part {part!r}")
        from . import generator  # pylint: disable=import-outside-toplevel

        getattr(generator, f"generate_{part}")(self.env)
