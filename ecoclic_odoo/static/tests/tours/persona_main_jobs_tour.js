/** @odoo-module **/
// Each persona's main job, walked in French at 1440×900, with the text a person reads
// checked on every screen (issue 16): no English, no technical name, names whole.
// The data is built by ecoclic_odoo/tests/test_persona_tours.py.
import {registry} from "@web/core/registry";
import {BREADCRUMB, knownIssuesAllMet, makeCheck, noError} from "./text_checks";

// Problems of the product the checks found, left to be fixed (issue 16): the lead fixes
// them and empties this list. Each one: {screen, kind: "english" | "technical" | "cut",
// text (or `in`: every name of that column), reason}; see isKnown() in text_checks.js.
// The tours log each one met as ECOCLIC_TEXT_KNOWN, and fail on an entry of a screen they
// walked that they did not meet (a stale entry: take it out).
// The breadcrumbs' cut names (the collectivity's, 'Évaluation du …' three levels deep) are
// gone: the add-ons' screens give the breadcrumbs the room of an empty button box and wrap
// a path's crumbs whole (static/src/scss/breadcrumbs.scss); so are the cuts of Odoo's
// purchase screens (vendor, column titles, a refurbished product's name on its line:
// views/purchase_order_views.xml and static/src/scss/lists.scss).
export const KNOWN_ISSUES = [];

const COLLECTIVITY = "Communauté de communes du Pays de Quimperlé-les-Landes";
const check = makeCheck(KNOWN_ISSUES);

registry.category("web_tour.tours").add("ecoclic_persona_referent_main_job", {
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
            content: "Open the dashboard",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_dashboard']",
            run: "click",
        },
        ...check(
            "dashboard",
            `.o_form_view.o_ecoclic_dashboard .oe_title h1:contains('${COLLECTIVITY}')`,
            [
                ".o_ecoclic_dashboard .oe_title h1",
                ".o_ecoclic_dashboard .o_ecoclic_next_steps button",
                ".o_ecoclic_dashboard .o_field_widget[name='ecoclic_last_assessment_id']",
            ]
        ),
        {
            content: "Continue the assessment under way",
            trigger: ".o_ecoclic_next_steps button[name='action_ecoclic_continue_assessment']",
            run: "click",
        },
        ...check(
            "assessment under way",
            ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Brouillon')",
            [".o_form_view .o_form_sheet .oe_title, .o_form_view .o_form_sheet h1"]
        ),
        {
            content: "The chatter's creation message agrees with the assessment (feminine)",
            trigger: ".o-mail-Chatter .o-mail-Message:contains('Évaluation de maturité créée')",
        },
        {
            content: "Back to the dashboard",
            trigger: `${BREADCRUMB} .breadcrumb-item a`,
            run: "click",
        },
        {
            content: "Open the latest submitted assessment",
            trigger: ".o_ecoclic_dashboard .o_field_widget[name='ecoclic_last_assessment_id'] a",
            run: "click",
        },
        ...check(
            "submitted assessment",
            ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Soumise')",
            [".o_form_view .oe_button_box button[name='action_open_recommendations']"]
        ),
        {
            content: "Open its recommendations",
            trigger: ".o_form_view button[name='action_open_recommendations']",
            run: "click",
        },
        ...check("recommendations list", ".o_list_view .o_data_row td[name='action_id']", [
            ".o_list_view .o_data_row td[name='action_id']",
            ".o_list_view thead th[data-name]",
        ]),
        {
            content: "Open the first recommendation",
            trigger: ".o_list_view .o_data_row:first td[name='action_id']",
            run: "click",
        },
        ...check("recommendation", ".o_form_view button[name='action_ecoclic_add_to_plan']", [
            ".o_form_view .oe_title h1",
            ".o_form_view .o_notebook .nav-link",
        ]),
        {
            content: "Add it to the plan",
            trigger: ".o_form_view button[name='action_ecoclic_add_to_plan']",
            run: "click",
        },
        {
            content: "The référent is told it was added",
            trigger: ".o_notification .o_notification_content",
        },
        ...check(
            "recommendation in the plan",
            ".o_form_view:not(:has(button[name='action_ecoclic_add_to_plan'])) .o_field_widget[name='plan_line_id'] a",
            [".o_form_view .oe_title h1", ".o_form_view .o_field_widget[name='plan_line_id']"]
        ),
        noError,
        {
            content: "Open the action plan",
            trigger: ".o_main_navbar [data-menu-xmlid='ecoclic_odoo.menu_ecoclic_plan_root']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='ecoclic_odoo.menu_ecoclic_plan_line']",
            run: "click",
        },
        ...check("plan board", ".o_kanban_view .o_kanban_group .o_kanban_record", [
            ".o_kanban_view .o_kanban_record [name='name']",
            ".o_kanban_view .o_kanban_header_title",
        ]),
        {
            content: "The completed and abandoned columns come folded",
            trigger:
                ".o_kanban_view:has(.o_kanban_group.o_column_folded:contains('Réalisée')):has(.o_kanban_group.o_column_folded:contains('Abandonnée'))",
        },
        {
            content: "The board fits 1440 px: no scrolling sideways",
            trigger: ".o_kanban_renderer",
            run() {
                const board = document.querySelector(".o_kanban_renderer");
                if (board.scrollWidth > board.clientWidth + 1) {
                    throw new Error(
                        `The plan's board scrolls sideways: ${board.scrollWidth}px in ${board.clientWidth}px`
                    );
                }
            },
        },
        {
            content: "See the plan as a list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        ...check("plan list", ".o_list_view .o_data_row td[name='name']", [
            ".o_list_view .o_data_row td[name='name']",
            ".o_list_view .o_data_row td[name='axis_id']",
            ".o_list_view .o_data_row td[name='user_id']",
            ".o_list_view .o_data_row td[name='state']",
            ".o_list_view thead th[data-name]",
        ]),
        {
            content: "The avoided kilograms read as whole numbers, their total too (not 2 200,00)",
            trigger: ".o_list_view tfoot",
            run() {
                const names = [...document.querySelectorAll(".o_list_view thead tr th")].map(
                    (th) => th.dataset.name
                );
                const index = names.indexOf("avoided");
                const total = document.querySelectorAll(".o_list_view tfoot tr td")[index];
                const shown = [
                    ...document.querySelectorAll(".o_list_view .o_data_row td[name='avoided']"),
                    total,
                ].map((cell) => (cell ? cell.innerText.trim() : "(none)"));
                const whole = /^\d{1,3}(?:[\s\u00a0\u202f]\d{3})*$/;
                if (index < 0 || !shown.every((text) => whole.test(text))) {
                    throw new Error(`Avoided kilograms, rows then total: ${shown.join(" | ")}`);
                }
            },
        },
        {
            content: "Open a plan line",
            trigger: ".o_list_view .o_data_row:first td[name='name']",
            run: "click",
        },
        ...check("plan line", ".o_form_view .o_statusbar_status", [
            ".o_form_view .oe_title",
            ".o_form_view .o_notebook .nav-link",
            ".o_form_view .o_statusbar_status button",
        ]),
        noError,
        knownIssuesAllMet(KNOWN_ISSUES),
    ],
});

registry.category("web_tour.tours").add("ecoclic_persona_buyer_main_job", {
    steps: () => [
        ...check("requests for quotation", ".o_list_view .o_data_row td[name='partner_id']", [
            ".o_list_view .o_data_row td[name='partner_id']",
            ".o_list_view thead th[data-name]",
        ]),
        {
            content: "Open the order of new laptops",
            trigger:
                ".o_list_view .o_data_row td[name='partner_id']:contains('Informatique et Bureautique de Cornouaille')",
            run: "click",
        },
        ...check(
            "order with a refurbished alternative",
            ".o_ecoclic_suggestion_banner .o_ecoclic_alternative_name",
            [
                ".o_ecoclic_suggestion_banner .o_ecoclic_alternative_name",
                ".o_field_one2many[name='order_line'] .o_data_row td[name='product_id']",
                ".o_field_one2many[name='order_line'] thead th[data-name]",
            ]
        ),
        {
            content: "Take the refurbished alternative",
            trigger:
                ".o_field_one2many[name='order_line'] .o_data_row button[name='action_ecoclic_swap']",
            run: "click",
        },
        ...check(
            "order after the swap",
            ".o_field_one2many[name='order_line'] .o_data_row td[name='product_id']:contains('reconditionné')",
            [
                ".o_field_one2many[name='order_line'] .o_data_row td[name='product_id']",
                ".o_field_one2many[name='order_line'] thead th[data-name]",
            ]
        ),
        noError,
        knownIssuesAllMet(KNOWN_ISSUES),
    ],
});
