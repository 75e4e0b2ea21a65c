/** @odoo-module **/
// Today's trajectory against a what-if scenario's, cumulated over 5 years, on each
// criterion: a line chart each (the Chart.js that Odoo's web client ships, as the maturity
// chart) and the table of the figures.
import {loadBundle} from "@web/core/assets";
import {formatFloat} from "@web/core/utils/numbers";
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";
import {standardFieldProps} from "@web/views/fields/standard_field_props";
import {Component, onWillStart, onWillUnmount, useEffect, useRef} from "@odoo/owl";

const COLORS = {today: "rgb(198, 40, 40)", scenario: "rgb(46, 125, 50)"};

export class EcoclicScenarioChart extends Component {
    static template = "ecoclic_odoo.ScenarioChart";
    static props = {...standardFieldProps};

    setup() {
        this.rootRef = useRef("root");
        this.charts = [];
        onWillStart(async () => await loadBundle("web.chartjs_lib"));
        useEffect(
            () => {
                this.renderCharts();
                return () => this.destroyCharts();
            },
            () => [this.data]
        );
        onWillUnmount(() => this.destroyCharts());
    }

    get data() {
        return this.props.record.data[this.props.name] || false;
    }

    get series() {
        return (this.data && this.data.series) || [];
    }

    // In the user's language (the series say their decimals).
    formatted(value, serie) {
        return formatFloat(value, {digits: [16, serie.digits]});
    }

    destroyCharts() {
        this.charts.forEach((chart) => chart.destroy());
        this.charts = [];
    }

    dataset(key, label, values) {
        return {
            label,
            data: values,
            borderColor: COLORS[key],
            backgroundColor: COLORS[key],
            borderDash: key === "today" ? [6, 4] : [],
            borderWidth: 2,
        };
    }

    renderCharts() {
        this.destroyCharts();
        const data = this.data;
        if (!data || !this.rootRef.el) {
            return;
        }
        for (const serie of data.series) {
            const canvas = this.rootRef.el.querySelector(`canvas[data-key="${serie.key}"]`);
            if (!canvas) {
                continue;
            }
            this.charts.push(
                new Chart(canvas, {
                    type: "line",
                    data: {
                        labels: data.labels,
                        datasets: [
                            this.dataset("today", data.strings.today, serie.today),
                            this.dataset("scenario", data.strings.scenario, serie.scenario),
                        ],
                    },
                    options: {
                        locale: user.lang,
                        animation: false,
                        responsive: true,
                        maintainAspectRatio: false,
                        scales: {y: {beginAtZero: true}},
                        plugins: {
                            legend: {position: "bottom"},
                            title: {display: true, text: serie.title},
                        },
                    },
                })
            );
        }
    }
}

registry.category("fields").add("ecoclic_scenario_chart", {
    component: EcoclicScenarioChart,
    supportedTypes: ["json"],
});
