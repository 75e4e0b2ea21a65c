/** @odoo-module **/
// The guide of good practices and the method pages, walked in French at 1440×900 by the
// demo's Saint-Morvan agent and référent, with the text a person reads checked on each
// screen (no English, no technical name, names whole). Run by
// ecoclic_odoo/tests/test_guide_tours.py.
import {registry} from "@web/core/registry";
import {knownIssuesAllMet, makeCheck, noError} from "./text_checks";

// Problems the checks found on these screens, left to be fixed: none since the guide's
// forms read their breadcrumbs whole (issue 16).
export const KNOWN_ISSUES = [];
const check = makeCheck(KNOWN_ISSUES);

const openApp = [
    {
        content: "Open Sobriété numérique",
        trigger: ".o_navbar_apps_menu button",
        run: "click",
    },
    {
        trigger: ".o-dropdown--menu .o_app[data-menu-xmlid='ecoclic_odoo.menu_ecoclic_root']",
        run: "click",
    },
];
const openGuide = [
    ...openApp,
    {
        content: "Open the Guide menu",
        trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_guide_root']",
        run: "click",
    },
    {
        content: "Open the good practices",
        trigger: ".dropdown-item[data-menu-xmlid='ecoclic_odoo.menu_ecoclic_guide']",
        run: "click",
    },
];

registry.category("web_tour.tours").add("ecoclic_guide_agent", {
    steps: () => [
        ...openGuide,
        ...check("guide", ".o_list_view .o_group_header:contains('Gouvernance')", [
            ".o_list_view thead th[data-name]",
            ".o_list_view .o_group_header .o_group_name",
        ]),
        {
            content: "Search a word of the practices' first steps",
            trigger: ".o_searchview_input",
            run: "edit lettre de mission",
        },
        {
            content: "Search in the whole text",
            trigger: ".o_searchview_autocomplete .o_menu_item:contains('Texte')",
            run: "click",
        },
        {
            content: "The search is applied",
            trigger: ".o_searchview_facet:contains('lettre de mission')",
        },
        {
            content: "Show the practices without grouping them by axis",
            trigger: ".o_searchview_facet:contains('Axe') .o_facet_remove",
            run: "click",
        },
        ...check(
            "guide searched",
            ".o_list_view .o_data_row td[name='name']:contains('Désigner un référent numérique')",
            [
                ".o_list_view .o_data_row td[name='name']",
                ".o_list_view .o_data_row td[name='guide_state']",
            ]
        ),
        {
            content: "Open the practice",
            trigger:
                ".o_list_view .o_data_row td[name='name']:contains('Désigner un référent numérique')",
            run: "click",
        },
        ...check("practice", ".o_form_view h3:contains('Pour commencer')", [
            ".o_form_view .oe_title h1",
            ".o_form_view .o_ecoclic_guide_state",
            ".o_form_view .o_form_statusbar button[name]",
        ]),
        {
            content: "Suggest it to the référent",
            trigger: ".o_form_view button[name='action_ecoclic_guide_suggest']",
            run: "click",
        },
        ...check("suggestion dialog", ".modal .o_field_widget[name='note'] textarea", [
            ".modal .modal-footer button",
        ]),
        {
            trigger: ".modal .o_field_widget[name='note'] textarea",
            run: "edit Le service informatique le propose.",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button[name='action_confirm']:visible",
            run: "click",
        },
        {
            content: "The practice is now suggested",
            trigger:
                ".o_form_view .o_ecoclic_guide_state .o_field_badge:contains('Suggérée au référent')",
        },
        noError,
        knownIssuesAllMet(KNOWN_ISSUES),
    ],
});

registry.category("web_tour.tours").add("ecoclic_guide_referent", {
    steps: () => [
        ...openApp,
        {
            content: "Open the dashboard",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_dashboard']",
            run: "click",
        },
        {
            content: "How is the score computed?",
            trigger: ".o_ecoclic_dashboard button.o_ecoclic_help",
            run: "click",
        },
        ...check("method page", ".modal .o_field_widget[name='body'] h3", [
            ".modal .modal-title",
            ".modal .oe_title h1",
        ]),
        {
            content: "Close the method page",
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "Back on the dashboard",
            trigger: ".o_ecoclic_dashboard:not(:has(.modal))",
        },
        ...openGuide,
        {
            content: "Keep the practices the latest assessment recommends",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger:
                ".o_filter_menu .o-dropdown-item:contains('Recommandées par notre évaluation')",
            run: "click",
        },
        {
            content: "The filter is applied",
            trigger: ".o_searchview_facet:contains('Recommandées par notre évaluation')",
        },
        {
            content: "Show the practices without grouping them by axis",
            trigger: ".o_searchview_facet:contains('Axe') .o_facet_remove",
            run: "click",
        },
        ...check(
            "guide recommended",
            ".o_list_view .o_data_row td[name='guide_state']:contains('Recommandée')",
            [
                ".o_list_view .o_data_row td[name='name']",
                ".o_list_view .o_data_row td[name='guide_state']",
            ]
        ),
        {
            content: "Open the first recommended practice",
            trigger: ".o_list_view .o_data_row td[name='name']",
            run: "click",
        },
        {
            content: "Add it to the plan",
            trigger: ".o_form_view button[name='action_ecoclic_guide_add_to_plan']",
            run: "click",
        },
        {
            content: "The référent is told to schedule it",
            trigger: ".o_notification:contains('est dans le plan')",
        },
        ...check(
            "practice in the plan",
            ".o_form_view .o_ecoclic_guide_state .o_field_badge:contains('Dans le plan')",
            [".o_form_view .oe_button_box button[name='action_ecoclic_guide_open_plan_line']"]
        ),
        noError,
        knownIssuesAllMet(KNOWN_ISSUES),
    ],
});
