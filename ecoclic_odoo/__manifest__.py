# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Éco-clic – Digital Sobriety",
    "summary": "Digital sobriety for French local authorities: maturity, fleet, "
    "action plan and responsible purchasing",
    "version": "18.0.1.0.0",
    "category": "Productivity",
    "author": "Éco-clic for Odoo contributors",
    "license": "AGPL-3",
    "depends": ["mail", "survey", "maintenance", "purchase"],
    "data": [
        "security/ecoclic_security.xml",
        "views/res_company_views.xml",
        "views/ecoclic_menus.xml",
    ],
    "demo": [
        "demo/ecoclic_collectivities_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ecoclic_odoo/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
