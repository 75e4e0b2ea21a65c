/** @odoo-module **/
// Radar of the scores per axis (score, target, peer median) and trend of the overall
// score, drawn with the Chart.js that Odoo's web client ships (lazy bundle).
import {loadBundle} from "@web/core/assets";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";
import {Component, onWillStart, onWillUnmount, useEffect, useRef} from "@odoo/owl";

const COLORS = {
    score: "rgb(46, 125, 50)",
    target: "rgb(21, 101, 192)",
    peer: "rgb(239, 108, 0)",
};

function transparent(color, alpha) {
    return color.replace("rgb(", "rgba(").replace(")", `, ${alpha})`);
}

export class EcoclicMaturityChart extends Component {
    static template = "ecoclic_odoo.MaturityChart";
    static props = {...standardFieldProps, showTable: {type: Boolean, optional: true}};

    setup() {
        this.radarRef = useRef("radar");
        this.trendRef = useRef("trend");
        this.charts = [];
        // Printed, the charts stack at full width (see the scss); fit them to a page.
        this.onBeforePrint = () => this.charts.forEach((chart) => chart.resize(600, 400));
        this.onAfterPrint = () => this.charts.forEach((chart) => chart.resize());
        onWillStart(async () => await loadBundle("web.chartjs_lib"));
        useEffect(
            () => {
                this.renderCharts();
                window.addEventListener("beforeprint", this.onBeforePrint);
                window.addEventListener("afterprint", this.onAfterPrint);
                return () => {
                    window.removeEventListener("beforeprint", this.onBeforePrint);
                    window.removeEventListener("afterprint", this.onAfterPrint);
                    this.destroyCharts();
                };
            },
            () => [this.data]
        );
        onWillUnmount(() => this.destroyCharts());
    }

    get data() {
        return this.props.record.data[this.props.name] || false;
    }

    get hasAxes() {
        return Boolean(this.data && this.data.labels && this.data.labels.length);
    }

    // The per-axis figures beside the radar (options="{'show_table': true}"): one row per
    // axis, with each series' value, and the number of collectivities when given.
    get tableRows() {
        const data = this.data;
        const shown = (values, index) => {
            const value = values ? values[index] : null;
            return value === null || value === undefined ? "–" : String(value);
        };
        return data.labels.map((label, index) => ({
            key: String(index),
            label,
            score: shown(data.score, index),
            target: shown(data.target, index),
            peer: shown(data.peer, index),
            count: shown(data.count, index),
        }));
    }

    get hasPeer() {
        return Boolean(this.data && this.data.peer.some((value) => value !== null));
    }

    get hasTrend() {
        return Boolean(this.data && this.data.trend && this.data.trend.length > 1);
    }

    destroyCharts() {
        this.charts.forEach((chart) => chart.destroy());
        this.charts = [];
    }

    dataset(key, label, values, dashed) {
        return {
            label,
            data: values,
            borderColor: COLORS[key],
            backgroundColor: transparent(COLORS[key], key === "score" ? 0.25 : 0.05),
            pointBackgroundColor: COLORS[key],
            borderDash: dashed ? [6, 4] : [],
            borderWidth: 2,
            spanGaps: true,
        };
    }

    renderCharts() {
        this.destroyCharts();
        const data = this.data;
        if (!data) {
            return;
        }
        const strings = data.strings;
        if (this.hasAxes && this.radarRef.el) {
            const datasets = [
                this.dataset("score", strings.score, data.score, false),
                this.dataset("target", strings.target, data.target, true),
            ];
            if (data.peer.some((value) => value !== null)) {
                const label = data.peer_label
                    ? `${strings.peer} (${data.peer_label})`
                    : strings.peer;
                datasets.push(this.dataset("peer", label, data.peer, true));
            }
            this.charts.push(
                new Chart(this.radarRef.el, {
                    type: "radar",
                    data: {labels: data.labels, datasets},
                    options: {
                        animation: false,
                        responsive: true,
                        maintainAspectRatio: false,
                        scales: {r: {min: 0, max: 100, ticks: {stepSize: 20}}},
                        plugins: {legend: {position: "bottom"}},
                    },
                })
            );
        }
        if (this.hasTrend && this.trendRef.el) {
            this.charts.push(
                new Chart(this.trendRef.el, {
                    type: "line",
                    data: {
                        labels: data.trend.map((point) => point.date),
                        datasets: [
                            this.dataset(
                                "score",
                                strings.trend,
                                data.trend.map((point) => point.score),
                                false
                            ),
                        ],
                    },
                    options: {
                        animation: false,
                        responsive: true,
                        maintainAspectRatio: false,
                        scales: {y: {min: 0, max: 100}},
                        plugins: {legend: {position: "bottom"}},
                    },
                })
            );
        }
    }
}

registry.category("fields").add("ecoclic_maturity_chart", {
    component: EcoclicMaturityChart,
    supportedTypes: ["json"],
    extractProps: ({options}) => ({showTable: Boolean(options.show_table)}),
});
