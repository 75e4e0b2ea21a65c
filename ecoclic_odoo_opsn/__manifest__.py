# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Éco-clic – OPSN Supervision",
    "summary": "Public IT mutualisation bodies (OPSN) supervise the digital sobriety "
    "of the collectivities they accompany",
    "version": "18.0.1.0.0",
    "category": "Productivity",
    "author": "Éco-clic for Odoo contributors",
    "maintainers": ["ecoclic"],
    "website": "https://github.com/ecoclic/ecoclic-odoo",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["ecoclic_odoo"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ecoclic_opsn_security.xml",
        "security/ir.model.access.csv",
        "security/ecoclic_opsn_request_security.xml",
        "data/ecoclic_opsn_data.xml",
        "report/ecoclic_opsn_dashboard_views.xml",
        "views/res_company_views.xml",
        "views/ecoclic_opsn_followup_views.xml",
        "views/ecoclic_opsn_campaign_views.xml",
        "views/ecoclic_action_views.xml",
        "wizards/ecoclic_opsn_push_views.xml",
        "data/ecoclic_opsn_request_mail.xml",
        "data/ecoclic_opsn_grant_cron.xml",
        "views/ecoclic_opsn_request_views.xml",
        "wizards/ecoclic_opsn_request_refuse_views.xml",
        "views/ecoclic_opsn_request_company_views.xml",
        "views/ecoclic_opsn_grant_views.xml",
        "views/ecoclic_opsn_menus.xml",
        "wizards/ecoclic_opsn_onboarding_views.xml",
    ],
    "demo": [
        "demo/ecoclic_opsn_demo.xml",
        "demo/ecoclic_opsn_request_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ecoclic_odoo_opsn/static/tests/tours/*.js",
        ],
    },
}
