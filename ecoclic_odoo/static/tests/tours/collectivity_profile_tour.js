/** @odoo-module **/
// A collectivity user opens the approach from the home menu, finds their own
// collectivity (and no other) and reads its profile, in French.
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ecoclic_collectivity_profile", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Sobriété numérique app",
            trigger:
                ".o_app[data-menu-xmlid='ecoclic_odoo.menu_ecoclic_root']:contains('Sobriété numérique')",
            run: "click",
        },
        {
            content: "Open the collectivities",
            trigger:
                ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_collectivity']:contains('Collectivités')",
            run: "click",
        },
        {
            content: "Only the user's own collectivity is listed",
            trigger: ".o_list_view .o_data_row td[name='name']:contains(\"Commune d'Essai\")",
            run() {
                const names = [...document.querySelectorAll(".o_data_row td[name='name']")].map(
                    (cell) => cell.textContent.trim()
                );
                if (names.length !== 1 || names.some((name) => name.includes("Voisine"))) {
                    throw new Error(`Unexpected collectivities listed: ${names.join(", ")}`);
                }
            },
        },
        {
            content: "Open it",
            trigger: ".o_list_view .o_data_row td[name='name']:contains(\"Commune d'Essai\")",
            run: "click",
        },
        {
            content: "The population band is shown in French",
            trigger:
                ".o_form_view .o_field_widget[name='ecoclic_population_band']:contains('1 000 à 3 499 habitants')",
        },
    ],
});
