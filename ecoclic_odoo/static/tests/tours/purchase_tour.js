/** @odoo-module **/
// A buyer opens a request for quotation for a new laptop, meets the refurbished
// alternative on the line and in the banner, and takes it in one click.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ecoclic_purchase_alternative", {
    steps: () => [
        {
            content: "Open the request for quotation",
            trigger: ".o_list_view .o_data_row td[name='partner_id']:contains('Bureautique du Tour')",
            run: "click",
        },
        {
            content: "The banner shows the refurbished alternative and what it avoids",
            trigger: ".o_ecoclic_suggestion_banner .o_ecoclic_alternative_name:contains('Portable 14 pouces reconditionné')",
        },
        {
            content: "The line offers the alternative",
            trigger: ".o_field_one2many[name='order_line'] .o_data_row:contains('Portable 14 pouces') button[name='action_ecoclic_swap']",
            run: "click",
        },
        {
            content: "The line now orders the refurbished laptop, same quantity",
            trigger: ".o_field_one2many[name='order_line'] .o_data_row td[name='product_id']:contains('Portable 14 pouces reconditionné')",
        },
        {
            content: "No suggestion is left",
            trigger: ".o_form_view:not(:has(.o_ecoclic_suggestion_banner:visible))",
        },
    ],
});
