# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Éco-clic – Digital Sobriety",
    "summary": "Digital sobriety for French local authorities: maturity, fleet, "
    "action plan and responsible purchasing",
    "version": "18.0.1.1.0",
    "category": "Productivity",
    "author": "Éco-clic for Odoo contributors",
    "maintainers": ["ecoclic"],
    "website": "https://github.com/ecoclic/ecoclic-odoo",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["mail", "survey", "maintenance", "purchase_stock"],
    # The libraries the add-on imports beyond Odoo's own code (PyPI names); Odoo 18.0
    # requires them too, setup.py repeats them.
    "external_dependencies": {
        "python": ["openpyxl", "python-stdnum", "reportlab", "xlsxwriter"],
    },
    "data": [
        "security/ecoclic_security.xml",
        "security/ir.model.access.csv",
        "data/ecoclic.region.csv",
        "data/ecoclic.departement.csv",
        "data/ecoclic_reen_theme_data.xml",
        "data/ecoclic_axis_data.xml",
        "data/ecoclic_equipment_category_data.xml",
        "data/ecoclic_boavizta_data.xml",
        "data/ecoclic_legal_rate_data.xml",
        "data/ecoclic_plan_data.xml",
        "data/ecoclic_reen_data.xml",
        "data/ecoclic_action_data.xml",
        "data/ecoclic_guide_page_data.xml",
        # First of the views: the help links of the others open its action.
        "views/ecoclic_guide_page_views.xml",
        "views/res_company_views.xml",
        "views/ecoclic_assessment_views.xml",
        "views/ecoclic_axis_views.xml",
        "views/survey_survey_views.xml",
        "views/survey_question_views.xml",
        "views/ecoclic_departement_views.xml",
        "views/ecoclic_dashboard_views.xml",
        "views/ecoclic_benchmark_views.xml",
        "wizards/ecoclic_benchmark_import_views.xml",
        "views/maintenance_equipment_views.xml",
        "views/ecoclic_equipment_category_views.xml",
        "views/ecoclic_equipment_category_figure_views.xml",
        "views/ecoclic_legal_rate_views.xml",
        "views/ecoclic_fleet_import_choice_views.xml",
        "wizards/ecoclic_fleet_import_views.xml",
        "views/product_template_views.xml",
        "views/purchase_order_views.xml",
        "wizards/ecoclic_alternative_dismiss_views.xml",
        "views/purchase_order_line_views.xml",
        "views/res_config_settings_views.xml",
        "report/ecoclic_agec_report_views.xml",
        "views/survey_templates.xml",
        "views/ecoclic_action_views.xml",
        "views/ecoclic_action_choice_views.xml",
        "wizards/ecoclic_guide_decision_views.xml",
        "views/ecoclic_recommendation_views.xml",
        "wizards/ecoclic_plan_abandon_views.xml",
        "views/ecoclic_plan_line_views.xml",
        "views/ecoclic_plan_review_views.xml",
        "views/ecoclic_fleet_scenario_views.xml",
        "views/ecoclic_reen_obligation_views.xml",
        "report/ecoclic_assessment_report.xml",
        "report/ecoclic_guide_report.xml",
        "report/ecoclic_reen_report.xml",
        "views/ecoclic_menus.xml",
        "data/survey_maturity_v1.xml",
    ],
    "demo": [
        "demo/ecoclic_collectivities_demo.xml",
    ],
    # Read at run time by the fleet import (models/fleet_import_parser.py), by the
    # territory lookup (models/territories.py, written by tools/territories.py), and by the
    # loader of ecoclic_boavizta_data.xml (written by tools/boavizta_reference.py).
    "oca_data_manual": [
        "data/fleet_import_values.csv",
        "data/territories/territories.csv.gz",
        "data/boavizta/categories.csv",
        "data/boavizta/electricity_mix.csv",
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
}
