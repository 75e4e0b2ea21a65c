/** @odoo-module **/
// Each persona opens its main screen from the menu, then reloads the page: the same screen
// must come back (issue 13: reloading the dashboard showed the company's settings form),
// with no error dialog.
import {noError} from "@ecoclic_odoo/../tests/tours/text_checks";
import {registry} from "@web/core/registry";

function reload(content) {
    return {
        content,
        trigger: ".o_action_manager",
        run() {
            window.location.reload();
        },
        expectUnloadPage: true,
    };
}

export function openApp() {
    return [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open Sobriété numérique",
            trigger: ".o-dropdown--menu .o_app[data-menu-xmlid='ecoclic_odoo.menu_ecoclic_root']",
            run: "click",
        },
    ];
}

// The collectivity's dashboard (référent, agent, administrator).
registry.category("web_tour.tours").add("ecoclic_persona_dashboard_reload", {
    steps: () => [
        ...openApp(),
        {
            content: "Open the dashboard",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_dashboard']",
            run: "click",
        },
        {
            content: "The dashboard is shown",
            trigger: ".o_form_view.o_ecoclic_dashboard .oe_title h1",
        },
        noError,
        reload("Reload the dashboard through its URL"),
        {
            content: "The dashboard is back, not the company's settings",
            trigger: ".o_form_view.o_ecoclic_dashboard .oe_title h1",
        },
        {
            content: "The URL is the dashboard's own",
            trigger: ".o_form_view.o_ecoclic_dashboard",
            run() {
                if (!window.location.pathname.startsWith("/odoo/ecoclic-dashboard")) {
                    throw new Error(`unexpected URL ${window.location.pathname}`);
                }
            },
        },
        noError,
    ],
});

// The supervision of an OPSN, then a collectivity's dashboard from it (OPSN staff).
registry.category("web_tour.tours").add("ecoclic_persona_supervision_reload", {
    steps: () => [
        ...openApp(),
        {
            content: "Supervision opens first",
            trigger: ".o_list_view .o_data_row td[name='company_id']",
        },
        noError,
        reload("Reload the supervision"),
        {
            content: "The supervision is back",
            trigger: ".o_list_view .o_data_row td[name='company_id']",
            run: "click",
        },
        {
            content: "A collectivity's dashboard opens",
            trigger: ".o_form_view.o_ecoclic_dashboard .oe_title h1",
        },
        reload("Reload the collectivity's dashboard"),
        {
            content: "The collectivity's dashboard is back, not the company's settings",
            trigger: ".o_form_view.o_ecoclic_dashboard .oe_title h1",
        },
        noError,
    ],
});
