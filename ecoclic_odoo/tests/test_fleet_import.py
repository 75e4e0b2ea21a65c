# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date
from unittest.mock import patch

import xlsxwriter

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models import fleet_import

FR_HEADER = ("Nom;Statut;Fabricant;Numéro de série;Numéro d'inventaire;Type;Modèle;Lieu;"
             "Date d'achat;Valeur;Système d'exploitation;Colonne maison\n")
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
        cls.referent_a = new_test_user(
            cls.env, login="import_referent_a", groups="ecoclic_odoo.group_ecoclic_manager",
            company_id=cls.company_a.id, company_ids=[cls.company_a.id])
        cls.referent_b = new_test_user(
            cls.env, login="import_referent_b", groups="ecoclic_odoo.group_ecoclic_manager",
            company_id=cls.company_b.id, company_ids=[cls.company_b.id])
        cls.agent_a = new_test_user(
            cls.env, login="import_agent_a", groups="ecoclic_odoo.group_ecoclic_user",
            company_id=cls.company_a.id, company_ids=[cls.company_a.id])
        cls.laptop = cls.env.ref("ecoclic_odoo.equipment_category_laptop")
        cls.desktop = cls.env.ref("ecoclic_odoo.equipment_category_desktop")
        cls.screen = cls.env.ref("ecoclic_odoo.equipment_category_screen")

    def wizard(self, content, user=None, **values):
        Wizard = self.env["ecoclic.fleet.import"].with_user(user or self.referent_a)
        return Wizard.create({"file": base64.b64encode(content), "filename": "export.csv",
                              **values})

    def fleet(self, company=None):
        return self.env["maintenance.equipment"].search(
            [("company_id", "=", (company or self.company_a).id)])

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
        # The guessed categories are shown, with the word that gave them away.
        self.assertIn("Laptop (recognised by “portable”)", wizard.report)
        self.assertIn("Screen (recognised by “ecran”)", wizard.report)
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

    def test_english_csv_comma_latin1_and_reimport_updates(self):
        content = ("Name,Status,Serial number,Type,Model,Location,Date of purchase,Value\n"
                   "LAP-1,In use,S1,Laptop,ThinkPad,École,2020-09-01,\"1,099.90\"\n"
                   "LAP-2,In use,S2,Laptop,ThinkPad,École,2021-09-01,999.90\n").encode("latin-1")
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
        self.assertEqual(self.fleet().filtered(lambda e: e.serial_no == "S2").ecoclic_lifecycle,
                         "in_stock")

    def test_unknown_columns_are_mapped_by_the_user(self):
        content = ("Désignation;N° série constructeur;Catégorie maison\n"
                   "Poste accueil;ZX-1;Portable\n").encode()
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

    def test_suppliers_are_found_or_created_for_the_collectivity(self):
        content = ("Nom;Numéro de série;Type;Fournisseur\n"
                   "PC-1;S-1;Portable;Réemploi 22\nPC-2;S-2;Portable;réemploi 22\n").encode()
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
        self.assertIn("category given for the file", wizard.report)
        wizard.action_import()
        monitor = self.fleet()
        self.assertEqual(monitor.ecoclic_category_id, self.screen)
        self.assertEqual(monitor.ecoclic_acquisition_date, date(2019, 5, 4))
        self.assertEqual(monitor.cost, 139.5)

    def test_dry_run_reports_each_rejected_line_and_import_writes_nothing(self):
        rows = FR_ROWS + [
            "PC-04;En service;Dell;SN004;INV-4;Portable;Latitude;Mairie;31-02-2021;10;;\n",
            "PC-05;En service;Acme;SN005;INV-5;Bidule;X200;Mairie;01-01-2021;10;;\n",
            "PC-06;En service;Dell;SN001;INV-6;Portable;Latitude;Mairie;01-01-2021;10;;\n",
            "PC-07;Donné;Dell;SN007;INV-7;Portable;Latitude;Mairie;01-01-2021;10;;\n",
        ]
        wizard = self.wizard((FR_HEADER + "".join(rows)).encode())
        wizard.action_analyse()
        self.assertEqual((wizard.to_create, wizard.rejected), (3, 4))
        report = wizard.report
        self.assertIn("line 5: unreadable date «31-02-2021»", report)
        self.assertIn("line 6: unknown category (type «Bidule», model «X200»)", report)
        self.assertIn("line 7: same serial number as line 2", report)
        self.assertIn("line 8: reformed (Donné) without a decommission date", report)
        with self.assertRaisesRegex(UserError, "4 lines are rejected"):
            wizard.action_import()
        self.assertFalse(self.fleet())

    def test_a_failure_while_writing_writes_nothing(self):
        content = (FR_HEADER + "".join(FR_ROWS)).encode()
        Equipment = type(self.env["maintenance.equipment"])
        original = Equipment.create
        calls = []

        def failing_create(records, vals_list):
            calls.append(len(vals_list))
            if len(calls) == 2:
                raise UserError("disk full")
            return original(records, vals_list)

        with patch.object(fleet_import, "BATCH", 2), \
                patch.object(Equipment, "create", failing_create):
            with self.assertRaisesRegex(UserError, "disk full"):
                self.wizard(content).action_import()
        self.assertEqual(calls, [2, 1])
        self.assertFalse(self.fleet())

    def test_bad_files_get_clear_messages(self):
        with self.assertRaisesRegex(UserError, "cannot be read"):
            self.wizard(b"PK\x03\x04 not really a workbook").action_analyse()
        wizard = self.wizard(b"Lieu;Valeur\nMairie;10\n")
        wizard.action_analyse()
        self.assertIn("needs a name or a serial number column", wizard.report)
        self.assertIn("line 2: no name and no serial number", wizard.report)
        with self.assertRaisesRegex(UserError, "1 lines are rejected"):
            wizard.action_import()
        french = self.wizard(b"Lieu;Valeur\nMairie;10\n").with_context(lang="fr_FR")
        french.action_analyse()
        self.assertIn("doit comporter une colonne", french.report)
        self.assertFalse(self.fleet())

    def test_only_the_collectivity_referent_imports_into_its_fleet(self):
        content = (FR_HEADER + FR_ROWS[0]).encode()
        with self.assertRaises(AccessError):
            self.wizard(content, user=self.agent_a).action_analyse()
        with self.assertRaises(AccessError):
            self.wizard(content, user=self.referent_b,
                        company_id=self.company_a.id).action_import()
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
