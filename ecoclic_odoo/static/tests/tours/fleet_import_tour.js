/** @odoo-module **/
// A référent imports a GLPI export with dirty lines and a type of its own, in French:
// analyse, explain the unknown type, import what can be imported, see those devices.
import {registry} from "@web/core/registry";

const EXPORT = [
    "Nom;Statut;Fabricant;Numéro de série;Numéro d'inventaire;Type;Modèle;Date d'achat;Valeur",
    "PC-ACC-01;En service;Lenovo;TOUR001;MOR-1;Portable;ThinkPad T14;12-03-2021;812,50",
    "PC-ACC-02;En service;HP;TOUR002;MOR-2;Tout-en-un;ProOne 440;31-02-2020;690",
    "BORNE-01;En service;Ubiquiti;TOUR003;MOR-3;Borne maison;UAP-AC-Lite;01-06-2022;90",
    "PC-ACC-04;En service;HP;TOUR002;MOR-4;Portable;ProBook;01-06-2022;90",
    ";En service;;;;;;;10",
].join("\n");

registry.category("web_tour.tours").add("ecoclic_fleet_import", {
    steps: () => [
        {
            content: "The wizard says what to export, in French",
            trigger: ".modal:contains('Exportez vos ordinateurs')",
        },
        {
            content: "Choose the GLPI export",
            trigger: ".modal .o_field_binary",
            run() {
                // The file input is hidden behind the field's button: give it the file as a
                // browser's file picker would.
                const input = this.anchor.querySelector("input[type=file]");
                const transfer = new DataTransfer();
                transfer.items.add(new File([EXPORT], "parc_glpi.csv", {type: "text/csv"}));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The file is loaded",
            trigger: ".modal .o_field_binary .o_clear_file_button",
        },
        {
            content: "Analyse it",
            trigger: ".modal footer button:contains('Analyser')",
            run: "click",
        },
        {
            content: "Counts in words: 3 to create, 1 with warnings, 2 not imported",
            trigger:
                ".modal:contains('3 à créer'):contains('importés avec avertissement'):contains('non importés')",
        },
        {
            content: "The repeated serial and the impossible date are explained",
            trigger:
                ".modal details:contains('Numéro de série déjà présent plus haut dans le fichier')",
        },
        {
            content: "The home-made type is a question",
            trigger:
                ".modal .o_field_one2many[name=value_ids] .o_data_row:contains('Borne maison') td[name=category_id]",
            run: "click",
        },
        {
            content: "It is a network device",
            trigger:
                ".modal .o_field_one2many[name=value_ids] .o_data_row td[name=category_id] input",
            run: "edit Équipement réseau",
        },
        {
            content: "Pick the category",
            trigger: ".o-autocomplete--dropdown-item:contains('Équipement réseau')",
            run: "click",
        },
        {
            content: "Import",
            trigger: ".modal footer button:contains('Importer')",
            run: "click",
        },
        {
            content: "What was done, in words",
            trigger:
                ".modal .alert-success:contains('3 créés, 0 mis à jour, 1 avec avertissement')",
        },
        {
            content: "See exactly those devices",
            trigger: ".modal footer button:contains('Voir ces équipements')",
            run: "click",
        },
        {
            content: "The three devices, and only them",
            trigger:
                ".o_list_view:contains('BORNE-01'):contains('PC-ACC-01'):contains('PC-ACC-02')",
            run() {
                const rows = document.querySelectorAll(".o_list_view .o_data_row");
                if (rows.length !== 3) {
                    throw new Error(`3 devices expected, ${rows.length} listed`);
                }
            },
        },
    ],
});
