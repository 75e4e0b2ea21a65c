/** @odoo-module **/
// Joining an OPSN, walked in French at 1440×900 (issue 21), each part as its persona:
// the référent of a collectivity outside any OPSN asks to join one from the collectivity's
// OPSN tab; a manager of that OPSN accepts one request and refuses another with its
// reason. The text a person reads is checked on every screen (no English, no technical
// name, no name cut off). The data is built by ecoclic_odoo_opsn/tests/test_opsn_tours.py.
import {openApp} from "@ecoclic_odoo_opsn/../tests/tours/persona_tour";
import {registry} from "@web/core/registry";
import {knownIssuesAllMet, makeCheck, noError} from "@ecoclic_odoo/../tests/tours/text_checks";

// Problems the checks found and left to be fixed: none.
export const KNOWN_ISSUES = [];

const OPSN = "Mégalis Bretagne – Service numérique mutualisé";
const ASKING = "Communauté d'agglomération de Lannion-Trégor-Côte-de-Granit";
const REFUSED = "Commune nouvelle de Saint-Thégonnec-Loc-Eguiner-sur-Penzé";
const check = makeCheck(KNOWN_ISSUES);

// A selection field's option chosen by the text a person reads.
function chooseOption(selector, text) {
    return {
        content: `Choose «${text}»`,
        trigger: selector,
        run() {
            const select = document.querySelector(selector);
            const box = select.getBoundingClientRect();
            if (box.width < 100 || box.height < 10) {
                throw new Error(
                    `The list to choose from is not shown (${box.width}x${box.height})`
                );
            }
            // Before a choice, the empty list says what to choose (not a blank line).
            const shown = select.options[select.selectedIndex];
            if (!shown || !shown.textContent.trim()) {
                throw new Error("The list to choose from shows nothing before a choice");
            }
            const option = [...select.options].find((o) => o.textContent.trim() === text);
            if (!option) {
                throw new Error(`No option «${text}» in ${selector}`);
            }
            select.value = option.value;
            select.dispatchEvent(new Event("change", {bubbles: true}));
        },
    };
}

registry.category("web_tour.tours").add("ecoclic_opsn_join_request_referent", {
    steps: () => [
        ...openApp(),
        {
            content: "Open the collectivities",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_collectivity']",
            run: "click",
        },
        {
            content: "Open the référent's collectivity",
            trigger: `.o_list_view .o_data_row td[name='name']:contains("${ASKING}")`,
            run: "click",
        },
        {
            content: "Open its OPSN tab",
            trigger: ".o_notebook .nav-link[name='ecoclic_opsn']",
            run: "click",
        },
        ...check(
            "collectivity outside any OPSN",
            ".o_form_view button[name='action_ecoclic_opsn_ask']:contains('Demander à rejoindre un OPSN')",
            [".o_form_view .oe_title", ".o_notebook .nav-link"]
        ),
        {
            content: "Ask to join an OPSN",
            trigger: ".o_form_view button[name='action_ecoclic_opsn_ask']",
            run: "click",
        },
        chooseOption(".modal .o_field_widget[name='opsn_choice'] select", OPSN),
        {
            content: "Say what the collectivity expects",
            trigger: ".modal .o_field_widget[name='message'] textarea",
            run: "edit Nous souhaitons être accompagnés pour notre stratégie numérique responsable.",
        },
        ...check("request to join", ".modal .o_field_widget[name='opsn_choice'] select", [
            ".modal .modal-title",
            ".modal .o_form_label",
            ".modal .modal-footer button",
        ]),
        {
            content: "Send the request",
            trigger: ".modal .modal-footer button.btn-primary:contains('Envoyer la demande')",
            run: "click",
        },
        {
            content: "The request shows in the OPSN tab, waiting for an answer",
            trigger:
                ".o_field_widget[name='ecoclic_opsn_request_ids'] .o_data_row td[name='state']:contains('Demandée')",
        },
        ...check(
            "collectivity with its request",
            `.o_field_widget[name='ecoclic_opsn_request_ids'] td[name='opsn_name']:contains("${OPSN}")`,
            [
                ".o_field_widget[name='ecoclic_opsn_request_ids'] td",
                ".o_field_widget[name='ecoclic_opsn_request_ids'] thead th[data-name]",
            ]
        ),
        {
            content: "No second request while this one waits",
            trigger: ".o_form_view:not(:has(button[name='action_ecoclic_opsn_ask']))",
        },
        noError,
        knownIssuesAllMet(KNOWN_ISSUES),
    ],
});

function openRequests() {
    return [
        {
            content: "Open the OPSN menu",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo_opsn.menu_ecoclic_opsn_root']",
            run: "click",
        },
        {
            content: "Open the requests to join",
            trigger:
                ".dropdown-item[data-menu-xmlid='ecoclic_odoo_opsn.menu_ecoclic_opsn_request']",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("ecoclic_opsn_join_request_manager", {
    steps: () => [
        ...openApp(),
        ...openRequests(),
        ...check(
            "requests to answer",
            `.o_list_view .o_data_row td[name='company_id']:contains("${ASKING}")`,
            [".o_list_view .o_data_row td", ".o_list_view thead th[data-name]"]
        ),
        {
            content: "Open the request of the agglomeration",
            trigger: `.o_list_view .o_data_row td[name='company_id']:contains("${ASKING}")`,
            run: "click",
        },
        ...check(
            "request to answer",
            ".o_form_view button[name='action_accept']:contains('Accepter')",
            [
                ".o_form_view .o_field_widget[name='company_id']",
                ".o_form_view .o_field_widget[name='opsn_name']",
                ".o_form_view .o_statusbar_status button",
            ]
        ),
        {
            content: "Accept it",
            trigger: ".o_form_view button[name='action_accept']",
            run: "click",
        },
        ...check("confirm the acceptance", ".modal .modal-footer button.btn-primary", [
            ".modal .modal-body",
            ".modal .modal-footer button",
        ]),
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The request is accepted",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Acceptée')",
        },
        {
            trigger: ".o_form_view:not(:has(button[name='action_accept']))",
        },
        noError,
        ...openRequests(),
        {
            content: "Open the request of the commune",
            trigger: `.o_list_view .o_data_row td[name='company_id']:contains("${REFUSED}")`,
            run: "click",
        },
        {
            content: "Refuse it",
            trigger: ".o_form_view button[name='action_open_refuse']:contains('Refuser')",
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit La commune relève du territoire d'un autre OPSN.",
        },
        ...check("refuse the request", ".modal .o_field_widget[name='reason'] textarea", [
            ".modal .modal-title",
            ".modal .o_form_label",
            ".modal .modal-footer button",
        ]),
        {
            content: "Refuse",
            trigger: ".modal .modal-footer button[name='action_refuse']",
            run: "click",
        },
        {
            content: "The request is refused, with its reason",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Refusée')",
        },
        ...check(
            "refused request",
            ".o_form_view .o_field_widget[name='refusal_reason']:contains('autre OPSN')",
            [
                ".o_form_view .o_field_widget[name='company_id']",
                ".o_form_view .o_statusbar_status button",
            ]
        ),
        noError,
        knownIssuesAllMet(KNOWN_ISSUES),
    ],
});
