# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import re
import zipfile
from datetime import date
from unittest.mock import patch

import xlsxwriter

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from ..models import fleet_import_parser
from ..wizards import ecoclic_fleet_import as fleet_import
from .common import company_user

FR_HEADER = (
    "Nom;Statut;Fabricant;Numéro de série;Numéro d'inventaire;Type;Modèle;Lieu;"
    "Date d'achat;Valeur;Système d'exploitation;Colonne maison\n"
)
FR_ROWS = [
    "PC-01;En service;Dell;SN001;INV-1;Portable;Latitude 5420;Mairie;02-03-2021;812,50;W11;x\n",
    "PC-02;En stock;HP;SN002;INV-2;Unité centrale;EliteDesk 800;Mairie;15-01-2019;640;W10;y\n",
    "EC-03;En service;Iiyama;SN003;INV-3;;ProLite écran 24;Mairie;01-06-2020;150;;z\n",
]


@tagged("post_install", "-at_install")
class TestFleetImport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Company = cls.env["res.company"]
        cls.company_a = Company.create({"name": "Import A", "ecoclic_collectivity_type": "commune"})
        cls.company_b = Company.create({"name": "Import B", "ecoclic_collectivity_type": "commune"})
        cls.referent_a = company_user(
            cls.env,
            cls.company_a,
            login="import_referent_a",
            groups="ecoclic_odoo.group_ecoclic_manager",
        )
        cls.referent_b = company_user(
            cls.env,
            cls.company_b,
            login="import_referent_b",
            groups="ecoclic_odoo.group_ecoclic_manager",
        )
        cls.agent_a = company_user(
            cls.env, cls.company_a, login="import_agent_a", groups="ecoclic_odoo.group_ecoclic_user"
        )
        cls.laptop = cls.env.ref("ecoclic_odoo.equipment_category_laptop")
        cls.desktop = cls.env.ref("ecoclic_odoo.equipment_category_desktop")
        cls.screen = cls.env.ref("ecoclic_odoo.equipment_category_screen")

    def wizard(self, content, user=None, **values):
        Wizard = self.env["ecoclic.fleet.import"].with_user(user or self.referent_a)
        return Wizard.create(
            {"file": base64.b64encode(content), "filename": "export.csv", **values}
        )

    def fleet(self, company=None):
        return self.env["maintenance.equipment"].search(
            [("company_id", "=", (company or self.company_a).id)]
        )

    def test_glpi_csv_semicolon_utf8_with_bom(self):
        content = (FR_HEADER + "".join(FR_ROWS)).encode("utf-8-sig")
        wizard = self.wizard(content)
        wizard.action_analyse()
        self.assertEqual((wizard.to_create, wizard.to_update, wizard.rejected), (3, 0, 0))
        # Known columns are matched, GLPI's other columns skipped, ours shown as unknown.
        columns = {c.header: (c.target, c.recognised) for c in wizard.column_ids}
        self.assertEqual(columns["Numéro de série"], ("serial", True))
        self.assertEqual(columns["Système d'exploitation"], ("ignore", True))
        self.assertEqual(columns["Colonne maison"], ("ignore", False))
        self.assertIn("Every line can be imported as it is.", wizard.report)
        self.assertFalse(self.fleet())  # a dry run writes nothing
        wizard.action_import()
        fleet = {e.serial_no: e for e in self.fleet()}
        self.assertEqual(set(fleet), {"SN001", "SN002", "SN003"})
        pc1 = fleet["SN001"]
        self.assertEqual(pc1.ecoclic_category_id, self.laptop)
        self.assertEqual(pc1.ecoclic_acquisition_date, date(2021, 3, 2))
        self.assertEqual(pc1.effective_date, date(2021, 3, 2))
        self.assertEqual(pc1.cost, 812.5)
        self.assertEqual(pc1.ecoclic_inventory_number, "INV-1")
        self.assertEqual(pc1.model, "Dell Latitude 5420")
        self.assertEqual(fleet["SN002"].ecoclic_lifecycle, "in_stock")
        self.assertEqual(fleet["SN002"].ecoclic_category_id, self.desktop)
        self.assertEqual(fleet["SN003"].ecoclic_category_id, self.screen)
        # Maintenance's counters, given at creation, still follow the requests afterwards.
        self.assertEqual((pc1.maintenance_count, pc1.maintenance_open_count), (0, 0))
        team = self.env["maintenance.team"].create(
            {"name": "Équipe A", "company_id": pc1.company_id.id}
        )
        self.env["maintenance.request"].create(
            {
                "name": "Écran noir",
                "equipment_id": pc1.id,
                "company_id": pc1.company_id.id,
                "maintenance_team_id": team.id,
            }
        )
        self.assertEqual((pc1.maintenance_count, pc1.maintenance_open_count), (1, 1))

    def test_english_csv_comma_latin1_and_reimport_updates(self):
        content = (
            "Name,Status,Serial number,Type,Model,Location,Date of purchase,Value\n"
            'LAP-1,In use,S1,Laptop,ThinkPad,École,2020-09-01,"1,099.90"\n'
            "LAP-2,In use,S2,Laptop,ThinkPad,École,2021-09-01,999.90\n"
        ).encode("latin-1")
        self.wizard(content).action_import()
        self.assertEqual(len(self.fleet()), 2)
        self.assertEqual(self.fleet().filtered(lambda e: e.serial_no == "S1").cost, 1099.9)
        self.assertEqual(self.fleet()[0].location, "École")
        # The same file again, one line changed: updated, not duplicated.
        content = content.replace(b"LAP-2,In use", b"LAP-2,In stock")
        wizard = self.wizard(content)
        wizard.action_analyse()
        self.assertEqual((wizard.to_create, wizard.to_update), (0, 2))
        wizard.action_import()
        self.assertEqual(len(self.fleet()), 2)
        self.assertEqual(
            self.fleet().filtered(lambda e: e.serial_no == "S2").ecoclic_lifecycle, "in_stock"
        )
        # Only the changed line is written; the other one is said to be up to date.
        self.assertEqual((wizard.created, wizard.updated, wizard.unchanged), (0, 1, 1))
        self.assertEqual(
            wizard.result, "0 created, 1 updated (1 already up to date), 0 with warnings"
        )
        self.assertEqual(wizard.equipment_ids, self.fleet())

    def test_unknown_columns_are_mapped_by_the_user(self):
        content = (
            "Désignation;N° série constructeur;Catégorie maison\nPoste accueil;ZX-1;Portable\n"
        ).encode()
        wizard = self.wizard(content)
        wizard.action_analyse()  # not an error: the user is shown the columns to map
        self.assertEqual((wizard.state, wizard.rejected), ("analysed", 1))
        self.assertIn("needs a name or a serial number column", wizard.report)
        columns = {column.header: column for column in wizard.column_ids}
        self.assertFalse(any(column.recognised for column in wizard.column_ids))
        columns["Désignation"].target = "name"
        columns["N° série constructeur"].target = "serial"
        columns["Catégorie maison"].target = "type"
        wizard.action_analyse()
        self.assertEqual((wizard.to_create, wizard.rejected), (1, 0))
        wizard.action_import()
        equipment = self.fleet()
        self.assertEqual((equipment.name, equipment.serial_no), ("Poste accueil", "ZX-1"))
        self.assertEqual(equipment.ecoclic_category_id, self.laptop)

    def test_import_reuses_the_dry_run_unless_an_input_changed(self):
        Wizard = type(self.env["ecoclic.fleet.import"])
        rows = FR_ROWS + ["PC-05;En service;Acme;SN005;INV-5;Bidule;X200;Mairie;;10;;\n"]
        wizard = self.wizard((FR_HEADER + "".join(rows)).encode())
        with patch.object(
            Wizard, "_analyse_file", autospec=True, side_effect=Wizard._analyse_file
        ) as analyse:
            wizard.action_analyse()
            self.assertEqual(analyse.call_count, 1)
            wizard.action_download_issues()
            wizard._ecoclic_export("fleet-import-issues")
            self.assertEqual(analyse.call_count, 1)  # the download reads the dry run's
            # The référent answers the question: the file is analysed again with the answer.
            question = wizard.value_ids.filtered(lambda value: value.key == "bidule")
            question.category_id = self.desktop
            wizard.action_import()
            self.assertEqual(analyse.call_count, 2)
        self.assertEqual((wizard.created, wizard.flagged), (4, 0))
        self.assertEqual(
            self.fleet().filtered(lambda e: e.serial_no == "SN005").ecoclic_category_id,
            self.desktop,
        )

    def test_import_matches_the_fleet_as_it_is_when_importing(self):
        content = (FR_HEADER + FR_ROWS[0]).encode()
        first, second = self.wizard(content), self.wizard(content)
        first.action_analyse()
        second.action_analyse()
        self.assertEqual(second.to_create, 1)
        first.action_import()
        # The dry run is kept, but the device now exists: it is updated, not duplicated.
        second.action_import()
        self.assertEqual((second.created, second.updated, second.unchanged), (0, 0, 1))
        self.assertEqual(len(self.fleet()), 1)

    def test_kept_analysis_is_out_of_the_users_reach(self):
        """The import writes what the kept analysis holds: a référent may neither read
        nor forge it (its values would be created as superuser)."""
        wizard = self.wizard((FR_HEADER + FR_ROWS[0]).encode())
        wizard.action_analyse()
        self.assertTrue(wizard.sudo().analysis)
        with self.assertRaises(AccessError):
            wizard.read(["analysis"])
        with self.assertRaises(AccessError):
            wizard.write({"analysis": base64.b64encode(b"forged"), "analysis_key": "x"})

    def test_dry_run_applies_the_suggested_answers(self):
        """A type the standard lists lack but whose words say what it is: the dry run
        counts it as the import will (pre-filled answer), not as a type not recognised."""
        content = (
            "Nom;Numéro de série;Type\nT-1;T1;Tablette élève\nT-2;T2;Tablette élève\n"
        ).encode()
        wizard = self.wizard(content)
        wizard.action_analyse()
        question = wizard.value_ids
        self.assertEqual(
            question.category_id, self.env.ref("ecoclic_odoo.equipment_category_tablet")
        )
        self.assertTrue(question.suggested)
        self.assertEqual((wizard.to_create, wizard.flagged), (2, 0))
        # The référent refuses the suggestion: the lines become a question again.
        question.category_id = False
        wizard.action_analyse()
        self.assertEqual((wizard.to_create, wizard.flagged), (2, 2))
        self.assertFalse(wizard.value_ids.category_id)
        wizard.action_import()
        self.assertFalse(self.fleet().ecoclic_category_id)

    def test_suppliers_are_found_or_created_for_the_collectivity(self):
        content = (
            "Nom;Numéro de série;Type;Fournisseur\n"
            "PC-1;S-1;Portable;Réemploi 22\nPC-2;S-2;Portable;réemploi 22\n"
        ).encode()
        self.wizard(content).action_import()  # as the référent, who cannot create contacts
        supplier = self.fleet().partner_id
        self.assertEqual(len(supplier), 1)
        self.assertEqual(supplier.name, "Réemploi 22")
        self.assertEqual(supplier.company_id, self.company_a)

    def test_xlsx_with_a_category_for_the_whole_file(self):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet()
        for column, header in enumerate(["Nom", "Numéro de série", "Date d'achat", "Valeur"]):
            sheet.write(0, column, header)
        sheet.write_row(1, 0, ["MON-1", "M1"])
        sheet.write_datetime(1, 2, date(2019, 5, 4), book.add_format({"num_format": "dd/mm/yy"}))
        sheet.write_number(1, 3, 139.5)
        book.close()
        wizard = self.wizard(buffer.getvalue(), default_category_id=self.screen.id)
        wizard.action_analyse()
        wizard.action_import()
        monitor = self.fleet()
        self.assertEqual(monitor.ecoclic_category_id, self.screen)
        self.assertEqual(monitor.ecoclic_acquisition_date, date(2019, 5, 4))
        self.assertEqual(monitor.cost, 139.5)

    def test_dirty_lines_are_imported_without_the_bad_cell_and_flagged(self):
        rows = FR_ROWS + [
            "PC-04;En service;Dell;SN004;INV-4;Portable;Latitude;Mairie;31-02-2021;10;;\n",
            "PC-05;En service;Acme;SN005;INV-5;Bidule;X200;Mairie;01-01-2021;10;;\n",
            "PC-06;En service;Dell;SN001;INV-6;Portable;Latitude;Mairie;01-01-2021;10;;\n",
            "PC-07;Donné;Dell;SN007;INV-7;Portable;Latitude;Mairie;01-01-2021;10;;\n",
            "PC-08;En service;Dell;SN008;INV-8;Portable;Latitude;Mairie;01-01-2021;-150;;\n",
            "PC-09;En service;Dell;SN009;INV-9;Portable;Latitude;Mairie;01-01-2021;env. 300;;\n",
            "PC-10;En service;Dell;SN010;INV-2;Portable;Latitude;Mairie;01-01-2099;10;;\n",
            ";En service;Dell;;;Portable;Latitude;Mairie;01-01-2021;10;;\n",
            "PC-12;En service;Dell;SN012;INV-12;Portable;Latitude;Mairie;01-01-1899;10;;\n",
        ]
        wizard = self.wizard((FR_HEADER + "".join(rows)).encode())
        wizard.action_analyse()
        self.assertEqual(
            (wizard.to_create, wizard.to_update, wizard.flagged, wizard.rejected), (9, 0, 6, 3)
        )
        report = wizard.report
        self.assertIn("Impossible or unreadable date: imported without it", report)
        self.assertIn("line 5: Date d&#39;achat «31-02-2021»", report)
        self.assertIn("line 13: Date d&#39;achat «01-01-1899»", report)
        self.assertIn("Type not recognised", report)
        self.assertIn("line 6: Bidule", report)
        self.assertIn("Serial number already on an earlier line", report)
        self.assertIn("line 7: same as line 2", report)
        self.assertIn("Inventory number already on an earlier line", report)
        self.assertIn("line 11: same as line 3", report)
        self.assertIn("Reformed without a decommission date", report)
        self.assertIn("Negative value: imported without it", report)
        self.assertIn("Unreadable value: imported without it", report)
        self.assertIn("No name, serial number or inventory number", report)
        self.assertFalse(self.fleet())  # a dry run writes nothing
        wizard.action_import()
        self.assertEqual(wizard.result, "9 created, 0 updated, 6 with warnings")
        fleet = {e.serial_no: e for e in self.fleet()}
        self.assertEqual(len(fleet), 9)
        self.assertFalse(fleet["SN004"].ecoclic_acquisition_date)
        self.assertFalse(fleet["SN005"].ecoclic_category_id)
        self.assertEqual(fleet["SN007"].ecoclic_lifecycle, "to_reform")
        self.assertEqual((fleet["SN008"].cost, fleet["SN009"].cost), (0, 0))
        self.assertEqual(fleet["SN001"].name, "PC-01")  # the first line, not its repeat
        # The link shows exactly the devices of this import.
        action = wizard.action_open_equipment()
        self.assertEqual(
            set(self.env["maintenance.equipment"].search(action["domain"]).ids),
            {e.id for e in fleet.values()},
        )

    def test_the_lines_to_correct_download_and_import_again(self):
        rows = FR_ROWS + [
            "PC-04;En service;Dell;SN004;INV-4;Portable;Latitude;Mairie;31-02-2021;10;;\n",
            "PC-06;En service;Dell;SN001;INV-6;Portable;Latitude;Mairie;01-01-2021;10;;\n",
            ";;;;;;;Mairie;;=1+1;;\n",
        ]
        wizard = self.wizard((FR_HEADER + "".join(rows)).encode())
        wizard.action_analyse()
        action = wizard.action_download_issues()
        self.assertEqual(action["url"], f"/ecoclic/export/fleet-import-issues/{wizard.id}")
        name, content, mimetype = wizard._ecoclic_export("fleet-import-issues")
        self.assertEqual((name, mimetype), ("export-to-correct.csv", "text/csv"))
        text = content.decode("utf-8-sig").splitlines()
        self.assertEqual(text[0], FR_HEADER.strip() + ";Import note")
        self.assertEqual(len(text), 4)
        self.assertTrue(text[1].startswith("PC-04;En service;Dell;SN004;"))
        self.assertIn("Impossible or unreadable date", text[1])
        self.assertIn("line 2", text[2])
        self.assertIn("'=1+1", text[3])  # a formula stays text
        wizard.action_import()
        self.assertEqual(len(self.fleet()), 4)
        # The référent corrects the date and imports the file of lines to correct: the
        # flagged device is updated, the repeat updates SN001, nothing is duplicated.
        fixed = content.replace(b"31-02-2021", b"28-02-2021")
        again = self.wizard(fixed)
        again.action_analyse()
        self.assertEqual((again.to_create, again.to_update, again.rejected), (0, 2, 1))
        self.assertFalse(
            any(c.header == "Import note" and not c.recognised for c in again.column_ids)
        )
        again.action_import()
        self.assertEqual(len(self.fleet()), 4)
        self.assertEqual(
            self.fleet().filtered(lambda e: e.serial_no == "SN004").ecoclic_acquisition_date,
            date(2021, 2, 28),
        )

    def test_an_xlsx_file_downloads_its_lines_to_correct_as_xlsx(self):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["Nom", "Numéro de série", "Valeur"])
        sheet.write_row(1, 0, ["MON-1", "M1", -3])
        book.close()
        wizard = self.wizard(
            buffer.getvalue(), filename="moniteurs.xlsx", default_category_id=self.screen.id
        )
        wizard.action_analyse()
        name, content, _mimetype = wizard._ecoclic_export("fleet-import-issues")
        self.assertEqual(name, "moniteurs-to-correct.xlsx")
        headers, rows = fleet_import_parser.read_table(content)
        self.assertEqual(headers, ["Nom", "Numéro de série", "Valeur", "Import note"])
        self.assertEqual(rows[0][1][:3], ["MON-1", "M1", "-3"])
        self.assertIn("Negative value", rows[0][1][3])

    def test_unknown_types_and_statuses_are_questions_remembered_per_collectivity(self):
        content = (
            "Nom;Numéro de série;Type;Statut\n"
            "P1;S1;Poste maison;En service\nP2;S2;Poste maison;Mis de côté pour l'école\n"
            "P3;S3;poste MAISON;En service\nP4;S4;Bidule;En service\n"
            "P5;S5;Tout-en-un;En service\n"
        ).encode()
        wizard = self.wizard(content)
        wizard.action_analyse()
        questions = {(v.kind, v.value): v for v in wizard.value_ids}
        self.assertEqual(
            set(questions),
            {("type", "Poste maison"), ("type", "Bidule"), ("status", "Mis de côté pour l'école")},
        )
        self.assertEqual(questions["type", "Poste maison"].count, 3)
        self.assertEqual((wizard.to_create, wizard.flagged), (5, 4))
        questions["type", "Poste maison"].category_id = self.desktop
        questions["type", "Bidule"].ignore = True
        questions["status", "Mis de côté pour l'école"].lifecycle = "in_use"
        wizard.action_analyse()  # the answers are kept
        self.assertEqual((wizard.to_create, wizard.flagged, wizard.ignored), (4, 0, 1))
        self.assertEqual(len(wizard.value_ids), 3)
        wizard.action_import()
        fleet = {e.serial_no: e for e in self.fleet()}
        self.assertEqual(set(fleet), {"S1", "S2", "S3", "S5"})
        self.assertEqual(fleet["S1"].ecoclic_category_id, self.desktop)
        self.assertEqual(fleet["S5"].ecoclic_category_id, self.desktop)  # GLPI's standard
        # The next import of this collectivity asks nothing: the answers are remembered.
        nxt = self.wizard("Nom;Numéro de série;Type\nP6;S6;POSTE MAISON\nP7;S7;bidule\n".encode())
        nxt.action_analyse()
        self.assertFalse(nxt.value_ids)
        self.assertEqual((nxt.to_create, nxt.ignored, nxt.flagged), (1, 1, 0))
        # Another collectivity is asked, and cannot read the first one's answers.
        other = self.wizard(content, user=self.referent_b)
        other.action_analyse()
        self.assertEqual(len(other.value_ids), 3)
        Choice = self.env["ecoclic.fleet.import.choice"]
        self.assertEqual(len(Choice.with_user(self.referent_a).search([])), 3)
        self.assertFalse(Choice.with_user(self.referent_b).search([]))
        with self.assertRaises(AccessError):
            Choice.with_user(self.agent_a).search([])

    def test_a_file_without_identity_columns_asks_for_them(self):
        wizard = self.wizard(b"Lieu;Valeur\nMairie;10\n")
        wizard.action_analyse()
        self.assertIn("needs a name or a serial number column", wizard.report)
        with self.assertRaisesRegex(UserError, "Choose which column holds the name"):
            wizard.action_import()
        french = self.wizard(b"Lieu;Valeur\nMairie;10\n").with_context(lang="fr_FR")
        french.action_analyse()
        self.assertIn("doit comporter une colonne", french.report)
        self.assertFalse(self.fleet())

    def test_a_failure_while_writing_writes_nothing(self):
        content = (FR_HEADER + "".join(FR_ROWS)).encode()
        Equipment = type(self.env["maintenance.equipment"])
        original = Equipment.create
        calls = []

        def failing_create(records, vals_list):
            calls.append(len(vals_list))
            if len(calls) == 2:
                # A simulated failure, no text for users: not translated (nor in the .pot).
                raise UserError("disk full")  # pylint: disable=translation-required
            return original(records, vals_list)

        with (
            patch.object(fleet_import, "BATCH", 2),
            patch.object(Equipment, "create", failing_create),
        ):
            with self.assertRaisesRegex(UserError, "disk full"):
                self.wizard(content).action_import()
        self.assertEqual(calls, [2, 1])
        self.assertFalse(self.fleet())

    def test_bad_files_get_clear_messages(self):
        def message(content, **values):
            with self.assertRaises(UserError) as caught:
                self.wizard(content, **values).action_analyse()
            return str(caught.exception)

        self.assertIn("workbook cannot be read", message(b"PK\x03\x04 not really a workbook"))
        self.assertIn("neither a CSV nor an XLSX", message(bytes(range(256)) * 40))
        self.assertIn("old Excel workbook", message(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" * 8))
        self.assertIn("empty", message(b" "))
        self.assertIn("empty", message(b"\n\n"))
        # A cell over the csv module's own limit (131 072 characters), and one over ours.
        self.assertIn(
            "line 2 is over 10000 characters", message(b"Nom;Serie\nA;" + b"x" * 200_000 + b"\n")
        )
        self.assertIn(
            "line 3 is over 10000 characters",
            message(b"Nom;Serie\nA;B\nC;" + b"x" * 20_000 + b"\n"),
        )
        self.assertIn("over 200 columns", message(("Nom;" * 250 + "x\n").encode()))
        with patch.object(fleet_import_parser, "MAX_ROWS", 3):
            self.assertIn("over 3 lines", message(b"Nom\nA\nB\nC\nD\n"))
        with patch.object(fleet_import_parser, "MAX_BYTES", 1024 * 1024):
            self.assertIn("over 1 MB", message(b"Nom\n" + b"A\n" * 600_000))
        with self.assertRaises(UserError) as caught:
            self.wizard(b" ").with_context(lang="fr_FR").action_analyse()
        self.assertIn("Ce fichier est vide", str(caught.exception))
        self.assertFalse(self.fleet())

    def test_a_workbook_declaring_a_huge_dimension_is_read_as_it_is(self):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["Nom", "Numéro de série", "Type"])
        for row in range(1, 51):
            sheet.write_row(row, 0, [f"PC-{row}", f"S{row}", "Portable"])
        book.close()
        source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
        patched = io.BytesIO()
        with zipfile.ZipFile(patched, "w") as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = re.sub(
                        rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', data
                    )
                target.writestr(item, data)
        wizard = self.wizard(patched.getvalue(), filename="huge.xlsx")
        wizard.action_analyse()
        self.assertEqual((wizard.to_create, wizard.rejected), (50, 0))
        self.assertEqual(len(wizard.column_ids), 3)

    def test_only_the_collectivity_referent_imports_into_its_fleet(self):
        content = (FR_HEADER + FR_ROWS[0]).encode()
        with self.assertRaises(AccessError):
            self.wizard(content, user=self.agent_a).action_analyse()
        with self.assertRaises(AccessError):
            self.wizard(content, user=self.referent_b, company_id=self.company_a.id).action_import()
        self.assertFalse(self.fleet(self.company_a))
        self.wizard(content).action_import()
        self.assertEqual(len(self.fleet(self.company_a)), 1)
        # B's référent importing the same file neither updates nor learns of A's equipment:
        # serial numbers are unique within a collectivity, so B's device is B's own.
        wizard = self.wizard(content, user=self.referent_b)
        wizard.action_analyse()
        self.assertEqual((wizard.to_create, wizard.to_update, wizard.rejected), (1, 0, 0))
        self.assertNotIn("Import A", wizard.report)
        self.assertNotIn("outside", wizard.report)
        wizard.action_import()
        self.assertEqual(self.fleet(self.company_b).serial_no, "SN001")
        self.assertEqual(len(self.fleet(self.company_a)), 1)
        self.fleet(self.company_b).unlink()
        other = (FR_HEADER + FR_ROWS[1]).encode()
        self.wizard(other, user=self.referent_b).action_import()
        self.assertEqual(self.fleet(self.company_b).serial_no, "SN002")
        self.assertEqual(self.fleet(self.company_a).serial_no, "SN001")


@tagged("post_install", "-at_install")
class TestFleetImportDownload(HttpCase):
    """The lines to correct, streamed by the export route to the référent who imports."""

    def test_the_referent_downloads_the_lines_to_correct_others_are_refused(self):
        company_a = self.env["res.company"].create({"name": "Téléchargement A"})
        company_b = self.env["res.company"].create({"name": "Téléchargement B"})
        referent_a = company_user(
            self.env, company_a, login="dl_referent_a", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        company_user(
            self.env, company_b, login="dl_referent_b", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        content = (FR_HEADER + FR_ROWS[0] + FR_ROWS[0].replace("PC-01", "PC-99")).encode()
        wizard = (
            self.env["ecoclic.fleet.import"]
            .with_user(referent_a)
            .create({"file": base64.b64encode(content), "filename": "parc.csv"})
        )
        wizard.action_analyse()
        url = wizard.action_download_issues()["url"]
        self.authenticate("dl_referent_a", "dl_referent_a")
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "text/csv")
        # In the référent's language (new_test_user's default is French here).
        self.assertIn(
            f"parc-{'a-corriger' if referent_a.lang == 'fr_FR' else 'to-correct'}.csv",
            response.headers["Content-Disposition"],
        )
        lines = response.content.decode("utf-8-sig").splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[1].startswith("PC-99;"))
        # Another collectivity's référent does not get A's lines.
        self.authenticate("dl_referent_b", "dl_referent_b")
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(b"PC-99", response.content)
