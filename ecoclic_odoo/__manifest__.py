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
    "depends": ["mail", "survey", "maintenance", "purchase_stock"],
    "external_dependencies": {"python": ["python-stdnum"]},
    "data": [
        "security/ecoclic_security.xml",
        "security/ir.model.access.csv",
        "data/ecoclic.region.csv",
        "data/ecoclic.departement.csv",
        "data/ecoclic_reen_theme_data.xml",
        "data/ecoclic_axis_data.xml",
        "data/ecoclic_equipment_category_data.xml",
        "data/ecoclic_legal_rate_data.xml",
        "data/ecoclic_plan_data.xml",
        "data/ecoclic_action_data.xml",
        "views/res_company_views.xml",
        "views/ecoclic_assessment_views.xml",
        "views/ecoclic_config_views.xml",
        "views/ecoclic_dashboard_views.xml",
        "views/ecoclic_benchmark_views.xml",
        "views/ecoclic_fleet_views.xml",
        "views/ecoclic_fleet_import_views.xml",
        "views/product_views.xml",
        "views/purchase_views.xml",
        "views/agec_views.xml",
        "views/survey_templates.xml",
        "views/ecoclic_plan_views.xml",
        "report/ecoclic_assessment_report.xml",
        "views/ecoclic_menus.xml",
        "data/survey_maturity_v1.xml",
    ],
    "demo": [
        "demo/ecoclic_collectivities_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "ecoclic_odoo/static/src/**/*",
        ],
        "web.assets_tests": [
            "ecoclic_odoo/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
