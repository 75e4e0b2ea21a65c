/** @odoo-module **/
// A référent opens their draft assessment, answers it in survey's pages, submits it there,
// comes back and finds the scores and the radar chart.
import {registry} from "@web/core/registry";

function choose(question, answer) {
    return {
        content: `Answer ${question}`,
        trigger: `div.js_question-wrapper:contains("${question}") label:contains("${answer}")`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("ecoclic_assessment", {
    steps: () => [
        {
            content: "Open the draft assessment",
            trigger: ".o_list_view .o_data_row td[name='state']:contains('Brouillon')",
            run: "click",
        },
        {
            content: "Answer the questionnaire",
            trigger:
                ".o_form_view button[name='action_answer']:contains('Répondre au questionnaire')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start",
            trigger: "button[value='start']:not(.disabled)",
            run: "click",
        },
        choose("Q1", "Q1 answer 2"),
        choose("Q2", "Q2 answer 2"),
        {
            content: "Next section",
            trigger: "button[value='next']",
            run: "click",
        },
        choose("Q3", "Q3 answer 1"),
        choose("Q5", "Q5 answer 0"),
        {
            content: "Submit the answers",
            trigger: "button[value='finish']",
            run: "click",
        },
        {
            content: "The answers are saved",
            trigger: ".o_survey_finished",
            run() {
                window.location.href = "/odoo/action-ecoclic_odoo.action_ecoclic_assessment";
            },
            expectUnloadPage: true,
        },
        {
            content: "The answers are complete; the assessment waits for validation",
            trigger: ".o_list_view .o_data_row td[name='state']:contains('Brouillon')",
            run: "click",
        },
        {
            content: "Every question is answered",
            trigger: ".o_form_view .o_field_widget[name='progress']:contains('100')",
        },
        {
            content: "The référent validates it",
            trigger: ".o_form_view button[name='action_submit']:contains('Soumettre')",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The assessment is submitted",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Soumise')",
        },
        {
            content: "Its score is shown",
            trigger: ".o_form_view .o_field_widget[name='overall_score']:contains('50')",
        },
        {
            content: "The radar chart is drawn",
            trigger: ".o_ecoclic_maturity_chart .o_ecoclic_radar canvas",
        },
        {
            content: "Open the dashboard",
            trigger:
                ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_dashboard']:contains('Tableau de bord')",
            run: "click",
        },
        {
            content: "The dashboard shows the latest grade",
            trigger:
                ".o_ecoclic_dashboard .o_field_widget[name='ecoclic_last_grade']:contains('D')",
        },
        {
            content: "...and the radar",
            trigger: ".o_ecoclic_dashboard .o_ecoclic_radar canvas",
        },
    ],
});
