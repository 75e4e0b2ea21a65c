# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.ecoclic_odoo.controllers.export import EcoclicExport


class EcoclicOpsnExport(EcoclicExport):
    # The OPSN's portfolio exports, streamed by the same route (res.company._ecoclic_export).
    _ecoclic_export_models = {
        **EcoclicExport._ecoclic_export_models,
        "portfolio-xlsx": "res.company",
        "portfolio-csv": "res.company",
        "benchmark-csv": "res.company",
    }
