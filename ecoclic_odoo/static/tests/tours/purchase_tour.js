/** @odoo-module **/
// A buyer opens a request for quotation for a new laptop, meets the refurbished
// alternative on the line and in the banner, and takes it in one click.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("ecoclic_purchase_alternative", {
    steps: () => [
        {
            content: "Open the request for quotation",
            trigger:
                ".o_list_view .o_data_row td[name='partner_id']:contains('Bureautique du Tour')",
            run: "click",
        },
        {
            content: "The banner shows the refurbished alternative and what it avoids",
            trigger:
                ".o_ecoclic_suggestion_banner .o_ecoclic_alternative_name:contains('Portable 14 pouces reconditionné')",
        },
        {
            content: "The line offers the alternative",
            trigger:
                ".o_field_one2many[name='order_line'] .o_data_row:contains('Portable 14 pouces') button[name='action_ecoclic_swap']",
            run: "click",
        },
        {
            content: "The line now orders the refurbished laptop, same quantity",
            trigger:
                ".o_field_one2many[name='order_line'] .o_data_row td[name='product_id']:contains('Portable 14 pouces reconditionné')",
        },
        {
            content: "No suggestion is left",
            trigger: ".o_form_view:not(:has(.o_ecoclic_suggestion_banner:visible))",
        },
    ],
});

// The same on an order not saved yet: the line's button saves the order first.
registry.category("web_tour.tours").add("ecoclic_purchase_alternative_unsaved", {
    steps: () => [
        {
            content: "Choose the vendor of the new order",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
            run: "edit Bureautique du Tour",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Bureautique du Tour')",
            run: "click",
        },
        {
            content: "Add a line",
            trigger: ".o_field_one2many[name='order_line'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Order the new laptop",
            trigger:
                ".o_field_one2many[name='order_line'] .o_selected_row .o_field_widget[name='product_id'] input",
            run: "edit Portable du Tour",
        },
        {
            trigger:
                ".o-autocomplete--dropdown-item:contains('Portable du Tour'):not(:contains('reconditionné'))",
            run: "click",
        },
        {
            content: "The order is not saved yet; the line offers the alternative: take it",
            trigger: ".o_form_view .o_form_editable:not(.o_form_saved)",
        },
        {
            trigger:
                ".o_field_one2many[name='order_line'] .o_data_row button[name='action_ecoclic_swap']",
            run: "click",
        },
        {
            content: "The line now orders the refurbished laptop, and the order is saved",
            trigger:
                ".o_field_one2many[name='order_line'] .o_data_row td[name='product_id']:contains('Portable du Tour reconditionné')",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "No error was shown",
            trigger: "body:not(:has(.o_notification.border-danger, .o_error_dialog))",
        },
    ],
});
