/** @odoo-module **/
// The refurbished alternative's buttons on a purchase line (take it, decline it).
// Odoo refuses a button of a one2many line that is not saved yet ("Please save your
// changes first"), although the banner points the buyer to these buttons on a new order.
// This widget saves the order first, as a form's own buttons do, then runs the line's
// method on the saved line.
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";
import {Component} from "@odoo/owl";

export class EcoclicPurchaseAlternative extends Component {
    static template = "ecoclic_odoo.PurchaseAlternative";
    static props = {...standardWidgetProps};

    setup() {
        this.action = useService("action");
    }

    get visible() {
        return Boolean(this.props.record.data.ecoclic_alternative_id);
    }

    /** The line's id once the order is saved (false if the save failed). */
    async savedLineId() {
        const line = this.props.record;
        const root = line.model.root;
        if (!line.isNew && !root.isNew && !(await root.isDirty())) {
            return line.resId;
        }
        const fieldName = line.config.fieldName || "order_line";
        const before = root.data[fieldName].records;
        const index = before.indexOf(line);
        const productId = line.data.product_id && line.data.product_id.id;
        if (!(await root.save())) {
            return false;
        }
        const after = root.data[fieldName].records;
        const same = after[index];
        if (same && same.data.product_id && same.data.product_id.id === productId) {
            return same.resId;
        }
        const match = after.find((r) => r.data.product_id && r.data.product_id.id === productId);
        return match ? match.resId : false;
    }

    async run(method) {
        const root = this.props.record.model.root;
        const resId = await this.savedLineId();
        if (!resId) {
            return;
        }
        await this.action.doActionButton({
            type: "object",
            name: method,
            resModel: "purchase.order.line",
            resId,
            context: root.context,
            onClose: async () => {
                await root.load();
            },
        });
    }
}

registry.category("view_widgets").add("ecoclic_purchase_alternative", {
    component: EcoclicPurchaseAlternative,
    fieldDependencies: [{name: "ecoclic_alternative_id", type: "many2one"}],
});
