/** @odoo-module **/
// The référent's awareness campaign, in French at 1440×900, with the text a person reads
// checked on every screen: the campaigns, a sent campaign (its figures and participants),
// its results by service. The data is built by ecoclic_odoo/tests/test_awareness.py.
import {registry} from "@web/core/registry";
import {knownIssuesAllMet, makeCheck, noError} from "./text_checks";

export const KNOWN_ISSUES = [];
const check = makeCheck(KNOWN_ISSUES);

registry.category("web_tour.tours").add("ecoclic_awareness_campaign", {
    steps: () => [
        {
            content: "Open Sobriété numérique",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o_app[data-menu-xmlid='ecoclic_odoo.menu_ecoclic_root']",
            run: "click",
        },
        {
            content: "Open the action plan's menu",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_plan_root']",
            run: "click",
        },
        {
            content: "Open the awareness campaigns",
            trigger:
                ".dropdown-item[data-menu-xmlid='ecoclic_odoo.menu_ecoclic_awareness_campaign']",
            run: "click",
        },
        ...check(
            "awareness campaigns",
            ".o_list_view .o_data_row td[name='name']:contains('Sensibilisation du printemps')",
            [".o_list_view thead th", ".o_list_view .o_data_row td[name='name']"]
        ),
        {
            content: "Open the sent campaign",
            trigger:
                ".o_list_view .o_data_row td[name='name']:contains('Sensibilisation du printemps')",
            run: "click",
        },
        ...check(
            "awareness campaign",
            ".o_form_view .o_field_widget[name='passed_count']:contains('2')",
            [
                ".o_form_view .oe_title h1",
                ".o_form_view .o_field_widget[name='participant_ids'] thead th",
                ".o_form_view .o_field_widget[name='participant_ids'] td[name='partner_id']",
                ".o_form_view .o_field_widget[name='participant_ids'] td[name='state']",
            ]
        ),
        {
            content: "The share of agents trained",
            trigger: ".o_form_view .o_field_widget[name='trained_share']:contains('17')",
        },
        {
            content: "Open the results by service",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Par service')",
            run: "click",
        },
        ...check("results by service", ".o_ecoclic_awareness_services td:contains('Écoles')", [
            ".o_ecoclic_awareness_services th",
            ".o_ecoclic_awareness_services td",
        ]),
        noError,
        knownIssuesAllMet(KNOWN_ISSUES),
    ],
});
