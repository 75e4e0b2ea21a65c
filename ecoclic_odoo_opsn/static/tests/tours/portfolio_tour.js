/** @odoo-module **/
// An OPSN viewer opens the portfolio and sees the collectivities of their OPSN only.
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ecoclic_opsn_portfolio", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Sobriété numérique app",
            trigger: ".o_app[data-menu-xmlid='ecoclic_odoo.menu_ecoclic_root']",
            run: "click",
        },
        {
            content: "Open the OPSN menu",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo_opsn.menu_ecoclic_opsn_root']",
            run: "click",
        },
        {
            content: "Open the portfolio",
            trigger:
                ".dropdown-item[data-menu-xmlid='ecoclic_odoo_opsn.menu_ecoclic_opsn_portfolio']:contains('Portefeuille')",
            run: "click",
        },
        {
            content: "Collectivities are grouped by type; open the communes",
            trigger: ".o_list_view .o_group_name:contains('Commune (1)')",
            run: "click",
        },
        {
            content: "The supervised commune is listed, the other one is not",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Commune suivie')",
            run() {
                const names = [...document.querySelectorAll(".o_data_row td[name='name']")].map(
                    (cell) => cell.textContent.trim()
                );
                if (names.some((name) => name.includes("hors portefeuille"))) {
                    throw new Error(`A collectivity outside the portfolio is listed: ${names}`);
                }
            },
        },
    ],
});
