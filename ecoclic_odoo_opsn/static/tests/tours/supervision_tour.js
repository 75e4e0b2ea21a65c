/** @odoo-module **/
// An OPSN viewer opens the supervision dashboard, keeps the late collectivities and drills
// into one of them.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("ecoclic_opsn_supervision", {
    steps: () => [
        {
            content: "Both supervised collectivities are listed",
            trigger: ".o_list_view .o_data_row td[name='company_id']:contains('Commune à jour')",
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Keep the late ones",
            trigger: ".o_filter_menu .o-dropdown-item:contains('En retard')",
            run: "click",
        },
        {
            content: "Why it needs attention is said in words, under a French header",
            trigger:
                ".o_list_view th[data-name='attention']:contains('À surveiller') ~ th, .o_list_view .o_data_row:contains('Commune en retard') td[name='attention']:contains('retard')",
        },
        {
            content: "Only the late collectivity is left",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains('Commune à jour'))) .o_data_row td[name='company_id']:contains('Commune en retard')",
            run: "click",
        },
        {
            content: "Its sobriety dashboard opens, read-only",
            trigger: ".o_form_view.o_ecoclic_dashboard h1:contains('Commune en retard')",
        },
        {
            content: "With its latest score",
            trigger:
                ".o_form_view.o_ecoclic_dashboard .o_field_widget[name='ecoclic_last_score']:contains('55')",
        },
    ],
});
