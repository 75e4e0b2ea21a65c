/** @odoo-module **/
// The OPSN's accompaniment of an assessment, walked in French at 1440×900 (issue 21), each
// part as its persona: the référent lets their OPSN's account manager answer the draft
// assessment; the account manager opens it from the supervision and answers its first page
// in survey's own pages; once the grant has ended, the same account manager finds the
// assessment read-only again. The data is built by ecoclic_odoo_opsn/tests/test_opsn_tours.py.
import {registry} from "@web/core/registry";
import {knownIssuesAllMet, makeCheck, noError} from "@ecoclic_odoo/../tests/tours/text_checks";
import {openApp} from "@ecoclic_odoo_opsn/../tests/tours/persona_tour";

// Problems the checks found and left to be fixed: none.
export const KNOWN_ISSUES = [];

const COLLECTIVITY = "Communauté de communes du Pays de Quimperlé-les-Landes";
const ACCOUNT_MANAGER = "Gwenaëlle Le Floc'h-Ménez";
const check = makeCheck(KNOWN_ISSUES);

registry.category("web_tour.tours").add("ecoclic_opsn_grant_referent", {
    steps: () => [
        ...openApp(),
        {
            content: "Open the assessments",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_assessment']",
            run: "click",
        },
        {
            content: "Open the draft assessment",
            trigger: ".o_list_view .o_data_row td[name='state']:contains('Brouillon')",
            run: "click",
        },
        ...check(
            "draft assessment",
            ".o_form_view button[name='action_ecoclic_open_grant']:contains('Répondre avec mon OPSN')",
            [".o_form_view .o_statusbar_buttons button", ".o_form_view .oe_title"]
        ),
        {
            content: "Let the OPSN answer with the collectivity",
            trigger: ".o_form_view button[name='action_ecoclic_open_grant']",
            run: "click",
        },
        {
            content: "Choose the account manager",
            trigger: ".modal .o_field_widget[name='user_id'] input",
            run: "edit Gwenaëlle",
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains("${ACCOUNT_MANAGER}")`,
            run: "click",
        },
        ...check(
            "grant to the OPSN",
            `.modal .o_field_widget[name='user_id'] input:value("${ACCOUNT_MANAGER}")`,
            [".modal .modal-title", ".modal .o_form_label", ".modal .modal-footer button"]
        ),
        {
            content: "Grant",
            trigger: `.modal .modal-footer button.btn-primary:contains("Ouvrir l'accès")`,
            run: "click",
        },
        {
            content: "Open the accompaniment tab",
            trigger:
                ".o_form_view:not(:has(.modal)) .o_notebook .nav-link[name='ecoclic_opsn_grants']",
            run: "click",
        },
        ...check(
            "assessment granted to the OPSN",
            `.o_field_widget[name='ecoclic_grant_ids'] td[name='user_id']:contains("${ACCOUNT_MANAGER}")`,
            [
                ".o_field_widget[name='ecoclic_grant_ids'] td",
                ".o_field_widget[name='ecoclic_grant_ids'] thead th[data-name]",
                ".o_notebook .nav-link",
            ]
        ),
        {
            content: "The grant is in force, and may be withdrawn",
            trigger:
                ".o_field_widget[name='ecoclic_grant_ids'] .o_data_row:has(td[name='state']:contains('Accordé')) button[name='action_revoke']",
        },
        noError,
        knownIssuesAllMet(KNOWN_ISSUES),
    ],
});

// From the supervision to the collectivity's draft assessment (OPSN staff).
function openTheAssessment() {
    return [
        ...openApp(),
        {
            content: "Open the collectivity from the supervision",
            trigger: `.o_list_view .o_data_row td[name='company_id']:contains("${COLLECTIVITY}")`,
            run: "click",
        },
        {
            content: "Open its assessments",
            trigger: ".o_ecoclic_dashboard button[name='action_ecoclic_open_assessments']",
            run: "click",
        },
        {
            content: "Open the draft assessment",
            trigger: ".o_list_view .o_data_row td[name='state']:contains('Brouillon')",
            run: "click",
        },
    ];
}

let surveyUrl = null;
let firstPage = new Set();

registry.category("web_tour.tours").add("ecoclic_opsn_grant_account_manager", {
    steps: () => [
        ...openTheAssessment(),
        ...check(
            "assessment the OPSN may answer",
            ".o_form_view button[name='action_answer']:contains('Répondre avec la collectivité')",
            [".o_form_view .o_statusbar_buttons button", ".o_form_view .oe_title"]
        ),
        {
            content: "Answer with the collectivity",
            trigger: ".o_form_view button[name='action_answer']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start",
            trigger: "button[value='start']:not(.disabled)",
            run: "click",
        },
        {
            content: "Answer every question of the first page left unanswered",
            trigger: ".o_survey_form .js_question-wrapper",
            run() {
                surveyUrl = window.location.pathname;
                const wrappers = document.querySelectorAll(".o_survey_form .js_question-wrapper");
                let answered = 0;
                for (const wrapper of wrappers) {
                    if (!wrapper.offsetParent || wrapper.querySelector("input:checked")) {
                        continue;
                    }
                    const choice = wrapper.querySelector("label.o_survey_choice_btn");
                    if (choice) {
                        choice.click();
                        answered++;
                    }
                }
                if (!answered) {
                    throw new Error("The first page has no question left to answer");
                }
                console.log(`ECOCLIC_GRANT answered ${answered} question(s) on ${surveyUrl}`);
            },
        },
        {
            content: "Next page: the answers of the first one are saved",
            trigger: ".o_survey_form button[value='next']",
            run() {
                firstPage = new Set(
                    [...document.querySelectorAll(".o_survey_form .js_question-wrapper")].map(
                        (wrapper) => wrapper.id
                    )
                );
                document.querySelector(".o_survey_form button[value='next']").click();
            },
        },
        {
            content: "The second page is shown",
            trigger: ".o_survey_form .js_question-wrapper",
            async run() {
                for (let i = 0; i < 100; i++) {
                    const shown = [
                        ...document.querySelectorAll(".o_survey_form .js_question-wrapper"),
                    ];
                    if (shown.length && !shown.some((wrapper) => firstPage.has(wrapper.id))) {
                        return;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                throw new Error("The survey stays on its first page");
            },
        },
        {
            content: "No error shown on the survey page",
            trigger: ".o_survey_form",
            run() {
                const shown = [...document.querySelectorAll(".alert-danger, .o_survey_error")]
                    .filter((el) => el.offsetParent && el.innerText.trim())
                    .map((el) => el.innerText.trim());
                if (shown.length) {
                    throw new Error(`The survey page shows: ${shown.join(" | ")}`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("ecoclic_opsn_grant_ended", {
    steps: () => [
        ...openTheAssessment(),
        ...check(
            "assessment after the accompaniment",
            ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Brouillon')",
            [".o_form_view .o_statusbar_status button", ".o_form_view .oe_title"]
        ),
        {
            content: "No button to answer any more",
            trigger: ".o_form_view:not(:has(button[name='action_answer']))",
        },
        {
            content: "The accompaniment tab says it ended",
            trigger: ".o_notebook .nav-link[name='ecoclic_opsn_grants']",
            run: "click",
        },
        ...check(
            "ended accompaniment",
            ".o_field_widget[name='ecoclic_grant_ids'] td[name='state']:contains('Terminé')",
            [
                ".o_field_widget[name='ecoclic_grant_ids'] td",
                ".o_field_widget[name='ecoclic_grant_ids'] thead th[data-name]",
            ]
        ),
        {
            content: "The history says how many answers the OPSN entered",
            trigger: ".o-mail-Chatter .o-mail-Message:contains('Accompagnement par')",
        },
        noError,
        knownIssuesAllMet(KNOWN_ISSUES),
    ],
});
