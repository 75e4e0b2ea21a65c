/** @odoo-module **/
// The référent's what-if scenario for the fleet, in French at 1440×900: a new scenario
// shows the fleet's categories, a lever set gives the savings, both trajectories and their
// table, and one click puts it in the action plan. The data is built by
// ecoclic_odoo/tests/test_fleet_scenario.py (TestFleetScenarioTour).
import {registry} from "@web/core/registry";
import {makeCheck, noError} from "./text_checks";

const check = makeCheck([]);
const LINES = ".o_field_widget[name='line_ids']";

registry.category("web_tour.tours").add("ecoclic_fleet_scenario", {
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
            content: "Open the fleet menu",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_fleet_root']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='ecoclic_odoo.menu_ecoclic_fleet_scenario']",
            run: "click",
        },
        {
            content: "A new scenario",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Garder les ordinateurs portables deux ans de plus",
        },
        {
            content: "The fleet's laptops are there: set their lever",
            trigger: `${LINES} .o_data_row td[name='category_id']:contains('Ordinateur portable')`,
            run: "click",
        },
        {
            content: "Keep them 2 more years",
            trigger: `${LINES} .o_selected_row td[name='extra_years'] input`,
            run: "edit 2",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        ...check(
            "what-if scenario",
            ".o_form_view:not(:has(.o_form_button_save:visible)) .o_ecoclic_scenario_chart canvas",
            [
                ".o_form_view .oe_title h1",
                `${LINES} thead th[data-name]`,
                `${LINES} .o_data_row td[name='category_id']`,
                ".o_ecoclic_scenario_chart th",
                ".o_ecoclic_scenario_chart td",
                ".o_form_view .o_group .o_form_label",
            ]
        ),
        {
            content: "Laptops kept longer save greenhouse gases and purchases",
            trigger: ".o_form_view .o_field_widget[name='saved_amount']",
            run() {
                for (const name of ["saved_gwp", "saved_adpe", "saved_pe", "saved_amount"]) {
                    const text = document.querySelector(
                        `.o_form_view .o_field_widget[name='${name}']`
                    ).innerText;
                    if (!/[1-9]/.test(text)) {
                        throw new Error(`Nothing saved on ${name}: ${text}`);
                    }
                }
            },
        },
        {
            content: "Put it in the action plan",
            trigger: ".o_form_view button[name='action_ecoclic_create_plan_lines']",
            run: "click",
        },
        {
            content: "The référent is told what was made",
            trigger: ".o_notification .o_notification_content",
        },
        {
            content: "The scenario counts its plan line",
            trigger: ".o_form_view .oe_stat_button[name='action_ecoclic_open_plan_lines']",
        },
        noError,
    ],
});
