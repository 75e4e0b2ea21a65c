/** @odoo-module **/
// OPSN staff's main job, walked in French at 1440×900 (issue 16): the supervision → one
// collectivity → its assessment → its export, with the text a person reads checked on
// every screen (no English, no technical name, the collectivities' names whole).
// The data is built by ecoclic_odoo_opsn/tests/test_persona_tours.py.
import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";
import {textCheck} from "@ecoclic_odoo/../tests/tours/text_checks";

// Problems of the product the checks found, left to be fixed (issue 16): the lead fixes
// them and empties this list. Each one: {screen, kind: "english" | "technical" | "cut",
// text (or `in`: every name of that column), reason}; see isKnown() in
// ecoclic_odoo/static/tests/tours/text_checks.js. The tour logs each met as
// ECOCLIC_TEXT_KNOWN.
const NAME = "Communauté d'agglomération de Saint-Brieuc-Armor-et-Argoat";
const ASSESSMENT_NAME =
    /^Communauté d'agglomération de Saint-Brieuc-Armor-et-Argoat – évaluation du /;
export const KNOWN_ISSUES = [
    {
        screen: "collectivity dashboard",
        kind: "cut",
        text: NAME,
        reason: "breadcrumb: the collectivity's name cut (418 px of 443)",
    },
    {
        screen: "collectivity assessment",
        kind: "cut",
        text: "Supervision",
        reason: "breadcrumb: 'Supervision' cut (67 px of 76) beside the long names",
    },
    {
        screen: "collectivity assessment",
        kind: "cut",
        text: NAME,
        reason: "breadcrumb: the collectivity's name cut",
    },
    {
        screen: "collectivity assessment",
        kind: "cut",
        text: ASSESSMENT_NAME,
        reason: "breadcrumb: the assessment's name '<collectivity> – évaluation du <date>' cut",
    },
];

const COLLECTIVITY = "Communauté d'agglomération de Saint-Brieuc-Armor-et-Argoat";
const BREADCRUMB = ".o_control_panel .o_breadcrumb";

function check(screen, ready, whole) {
    return textCheck(screen, {
        ready,
        whole: [BREADCRUMB, ...whole],
        knownIssues: KNOWN_ISSUES,
    });
}

const noError = {
    content: "No error dialog, no failed request",
    trigger: "body:not(:has(.o_error_dialog, .o_notification.border-danger))",
};

// The export button's download leaves the page (act_url, target self): the tour keeps the
// URL instead, then fetches it as the user to check it is a file.
let downloadUrl = null;
let realLocation = null;

registry.category("web_tour.tours").add("ecoclic_persona_opsn_main_job", {
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
        ...check(
            "supervision",
            `.o_list_view .o_data_row td[name='company_id']:contains("${COLLECTIVITY}")`,
            [".o_list_view .o_data_row td[name='company_id']", ".o_list_view thead th[data-name]"]
        ),
        {
            content: "Open the collectivity",
            trigger: `.o_list_view .o_data_row td[name='company_id']:contains("${COLLECTIVITY}")`,
            run: "click",
        },
        ...check(
            "collectivity dashboard",
            `.o_form_view.o_ecoclic_dashboard .oe_title h1:contains("${COLLECTIVITY}")`,
            [
                ".o_ecoclic_dashboard .oe_title h1",
                ".o_ecoclic_dashboard .o_field_widget[name='ecoclic_last_assessment_id']",
            ]
        ),
        {
            content: "Open its latest assessment",
            trigger: ".o_ecoclic_dashboard .o_field_widget[name='ecoclic_last_assessment_id'] a",
            run: "click",
        },
        ...check(
            "collectivity assessment",
            ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Soumise')",
            [
                ".o_form_view .o_form_sheet .oe_title",
                ".o_form_view .o_statusbar_buttons button[name='action_export_xlsx']",
            ]
        ),
        {
            content: "Keep the download's URL instead of leaving the page",
            trigger: ".o_form_view button[name='action_export_xlsx']",
            run() {
                downloadUrl = null;
                realLocation = Object.getOwnPropertyDescriptor(browser, "location");
                // The real location for the router, but for assign (the download).
                // (A proxy of a plain object: Location's own properties cannot be proxied.)
                const fake = new Proxy(
                    {},
                    {
                        get(target, prop) {
                            if (prop === "assign") {
                                return (url) => {
                                    downloadUrl = url;
                                };
                            }
                            const value = window.location[prop];
                            return typeof value === "function"
                                ? value.bind(window.location)
                                : value;
                        },
                    }
                );
                Object.defineProperty(browser, "location", {
                    get: () => fake,
                    configurable: true,
                });
            },
        },
        {
            content: "Export the assessment (XLSX)",
            trigger: ".o_form_view button[name='action_export_xlsx']",
            run: "click",
        },
        {
            content: "The export gives a workbook, no error",
            trigger: "body:not(:has(.o_error_dialog, .o_notification.border-danger))",
            async run() {
                for (let i = 0; i < 50 && !downloadUrl; i++) {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                Object.defineProperty(browser, "location", realLocation);
                if (!downloadUrl || !downloadUrl.startsWith("/ecoclic/export/assessment-xlsx/")) {
                    throw new Error(`The export button downloads nothing (${downloadUrl})`);
                }
                const response = await fetch(downloadUrl);
                const disposition = response.headers.get("Content-Disposition") || "";
                const type = response.headers.get("Content-Type") || "";
                if (
                    response.status !== 200 ||
                    !disposition.startsWith("attachment;") ||
                    !type.includes("spreadsheetml")
                ) {
                    throw new Error(
                        `The export of ${downloadUrl} failed: ${response.status} ${type} ${disposition}`
                    );
                }
                console.log(`ECOCLIC_DOWNLOAD ${downloadUrl}: ${type}, ${disposition}`);
            },
        },
        noError,
    ],
});
