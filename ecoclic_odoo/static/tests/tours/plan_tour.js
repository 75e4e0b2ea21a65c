/** @odoo-module **/
// A référent turns two recommendations of a submitted assessment into plan lines, then
// starts one of them.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("ecoclic_plan", {
    steps: () => [
        {
            content: "Open the submitted assessment",
            trigger: ".o_list_view .o_data_row td[name='state']:contains('Soumise')",
            run: "click",
        },
        {
            content: "Open its recommendations",
            trigger: "button[name='action_open_recommendations']",
            run: "click",
        },
        {
            content: "Select the first recommendation",
            trigger:
                ".o_list_view .o_data_row:contains('Action T-01') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the second one",
            trigger:
                ".o_list_view .o_data_row:contains('Action T-02') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Add them to the plan",
            trigger: "button[name='action_ecoclic_add_to_plan']",
            run: "click",
        },
        {
            content: "The référent is told what was added",
            trigger: ".o_notification:contains('2 actions ajoutées au plan')",
        },
        {
            content: "They are in the plan now",
            trigger:
                ".o_list_view .o_data_row:contains('Action T-01') td[name='plan_state']:contains('À planifier')",
            run() {
                window.location.href = "/odoo/action-ecoclic_odoo.action_ecoclic_plan_line";
            },
            expectUnloadPage: true,
        },
        {
            content: "Open one of them on the plan's board",
            trigger:
                ".o_kanban_group:contains('À planifier') .o_kanban_record:contains('Action T-01')",
            run: "click",
        },
        {
            content: "Start it",
            trigger: ".o_form_view button[name='action_start']",
            run: "click",
        },
        {
            content: "It is in progress",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('En cours')",
        },
    ],
});
