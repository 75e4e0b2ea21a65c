# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import of a GLPI or OCS Inventory export into the collectivity's fleet.

A dry run first (what would be created, updated, rejected, and why, line by line); then an
import that writes everything or nothing, matches existing equipment by serial or
inventory number (re-importing a file creates no duplicate), and writes in batches.
Written here rather than with base_import because an inventory export needs what the
generic importer does not do: header names in two languages and two tools, a guessed
category shown to the user, statuses and dates as GLPI writes them, matching on serial or
inventory number, and a per-row report before anything is written.
"""
import base64
from collections import Counter

from markupsafe import Markup, escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from . import fleet_import_parser as parser

BATCH = 1000
TARGET_FIELDS = [
    ("ignore", "Ignore"),
    ("name", "Name"),
    ("status", "Status"),
    ("manufacturer", "Manufacturer"),
    ("serial", "Serial number"),
    ("inventory", "Inventory number"),
    ("type", "Type"),
    ("model", "Model"),
    ("location", "Location"),
    ("purchase_date", "Date of purchase"),
    ("startup_date", "Startup date"),
    ("value", "Value"),
    ("supplier", "Supplier"),
    ("decommission_date", "Decommission date"),
    ("warranty_date", "Warranty expiration date"),
]


class EcoclicFleetImport(models.TransientModel):
    _name = "ecoclic.fleet.import"
    _description = "Import of an inventory export"

    company_id = fields.Many2one(
        "res.company", string="Collectivity", required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    file = fields.Binary(string="Export file", required=True, attachment=False,
                         help="CSV (; or ,) or XLSX, as exported by GLPI or OCS Inventory.")
    filename = fields.Char()
    date_order = fields.Selection(
        [("dmy", "Day-month-year"), ("mdy", "Month-day-year")],
        string="Date format", default="dmy", required=True,
        help="How the file writes dates that are not year-first (GLPI's user preference).",
    )
    default_category_id = fields.Many2one(
        "ecoclic.equipment.category", string="Category when none is recognised",
        help="For lists of one kind of equipment (a GLPI monitor list, say) whose rows "
        "do not say what they are.",
    )
    state = fields.Selection([("upload", "Upload"), ("analysed", "Analysed"),
                              ("done", "Done")], default="upload")
    column_ids = fields.One2many("ecoclic.fleet.import.column", "wizard_id",
                                 string="Columns")
    to_create = fields.Integer(string="To create", readonly=True)
    to_update = fields.Integer(string="To update", readonly=True)
    rejected = fields.Integer(readonly=True)
    report = fields.Html(readonly=True, sanitize=False)

    # ------------------------------------------------------------------
    def _check_rights(self):
        user = self.env.user
        if self.company_id not in user.company_ids or not user.has_group(
                "ecoclic_odoo.group_ecoclic_manager"):
            raise AccessError(
                _("Only a référent of %(company)s imports into its fleet.",
                  company=self.company_id.name)
            )

    def _read(self):
        try:
            return parser.read_table(base64.b64decode(self.file))
        except (parser.ParseError, UnicodeDecodeError, ValueError):
            raise UserError(
                _("This file cannot be read: export the list from GLPI or OCS Inventory as "
                  "CSV or XLSX and try again.")
            ) from None

    def _mapping(self, headers):
        """{column index: target field}, from the columns as the user left them."""
        if not self.column_ids:
            self.column_ids = [Command.create({
                "sequence": index, "header": header,
                "target": parser.match_header(header) or "ignore",
                "recognised": parser.match_header(header) is not None,
            }) for index, header in enumerate(headers)]
        return {column.sequence: column.target for column in self.column_ids
                if column.target and column.target != "ignore"}

    def _categories(self):
        categories = self.env["ecoclic.equipment.category"].search([])
        keywords = [
            (category, [parser.normalise(word) for word in (category.keywords or "").split(",")
                        if parser.normalise(word)])
            for category in categories
        ]
        return keywords

    def _analyse(self):
        """(values to create, {equipment: values} to update, rejections, notes)."""
        self.ensure_one()
        self._check_rights()
        headers, rows = self._read()
        mapping = self._mapping(headers)
        notes, guesses = Counter(), Counter()
        if "name" not in mapping.values() and "serial" not in mapping.values():
            # Not an error: the user maps a column below and analyses again.
            notes[_("The file needs a name or a serial number column: choose which column "
                    "is which below, then analyse again.")] = len(rows)
        keywords = self._categories()
        Equipment = self.env["maintenance.equipment"]
        existing = Equipment.search_fetch(
            [("company_id", "=", self.company_id.id)],
            ["serial_no", "ecoclic_inventory_number"],
        )
        by_serial = {e.serial_no.strip().lower(): e for e in existing if e.serial_no}
        by_inventory = {e.ecoclic_inventory_number.strip().lower(): e for e in existing
                        if e.ecoclic_inventory_number}
        partners = {}
        creates, updates, rejections = [], {}, []
        seen = {}
        for line, row in enumerate(rows, start=2):
            cells = {field: row[index] if index < len(row) else ""
                     for index, field in mapping.items()}
            problems, values = [], {"company_id": self.company_id.id}
            name = str(cells.get("name") or "").strip()
            serial = str(cells.get("serial") or "").strip()
            inventory = str(cells.get("inventory") or "").strip()
            if not name and not serial:
                problems.append(_("no name and no serial number"))
            values["name"] = name or serial
            for key in (serial and f"s:{serial.lower()}", inventory and f"i:{inventory.lower()}"):
                if key and key in seen:
                    problems.append(_("same %(what)s as line %(line)s",
                                      what=_("serial number") if key[0] == "s"
                                      else _("inventory number"), line=seen[key]))
                elif key:
                    seen[key] = line
            if serial:
                values["serial_no"] = serial
            if inventory:
                values["ecoclic_inventory_number"] = inventory
            for field, target in (("purchase_date", "ecoclic_acquisition_date"),
                                  ("startup_date", "effective_date"),
                                  ("decommission_date", "scrap_date"),
                                  ("warranty_date", "warranty_date")):
                try:
                    parsed = parser.parse_date(cells.get(field), self.date_order)
                except ValueError:
                    problems.append(_("unreadable date «%(value)s»", value=str(cells[field])))
                    continue
                if parsed:
                    values[target] = parsed
            if "effective_date" not in values and values.get("ecoclic_acquisition_date"):
                values["effective_date"] = values["ecoclic_acquisition_date"]
            if cells.get("value") not in (None, ""):
                try:
                    values["cost"] = parser.parse_amount(cells["value"])
                except ValueError:
                    problems.append(_("unreadable amount «%(value)s»", value=str(cells["value"])))
            model = " ".join(str(cells.get(k) or "").strip()
                             for k in ("manufacturer", "model")).strip()
            if model:
                values["model"] = model
            if cells.get("location"):
                values["location"] = str(cells["location"]).strip()
            status = parser.match_status(cells.get("status"))
            if status is None:
                notes[_("status «%(value)s» not recognised: taken as in use",
                        value=str(cells.get("status")))] += 1
                status = "in_use"
            if values.get("scrap_date") and status in ("in_use", "in_stock", "in_repair"):
                status = "to_reform"
            if status in ("reused_internal", "donated", "sold", "recycled") \
                    and not values.get("scrap_date"):
                problems.append(_("reformed (%(status)s) without a decommission date",
                                  status=str(cells.get("status"))))
            values["ecoclic_lifecycle"] = status
            category, keyword = parser.guess_category(
                keywords, cells.get("type"), cells.get("model"), name)
            if category:
                guesses[(category.name, keyword)] += 1
            elif self.default_category_id:
                category = self.default_category_id
                guesses[(category.name, None)] += 1
            else:
                problems.append(_("unknown category (type «%(type)s», model «%(model)s»)",
                                  type=str(cells.get("type") or ""),
                                  model=str(cells.get("model") or "")))
            if category:
                values["ecoclic_category_id"] = category.id
            supplier = str(cells.get("supplier") or "").strip()
            if supplier:
                values["partner_id"] = supplier  # resolved after validation
                partners.setdefault(supplier, None)
            acquired, ended = values.get("ecoclic_acquisition_date"), values.get("scrap_date")
            if acquired and acquired > fields.Date.context_today(self):
                problems.append(_("date of purchase in the future"))
            if acquired and ended and ended < acquired:
                problems.append(_("decommissioned before it was bought"))
            if values.get("cost", 0) < 0:
                problems.append(_("negative value"))
            if problems:
                rejections.append((line, "; ".join(problems)))
                continue
            match = (serial and by_serial.get(serial.lower())) or \
                (inventory and by_inventory.get(inventory.lower()))
            if match:
                updates[match] = values
            else:
                creates.append(values)
        return creates, updates, rejections, notes, guesses, partners

    def action_analyse(self):
        """The dry run: nothing is written to the fleet."""
        creates, updates, rejections, notes, guesses, _partners = self._analyse()
        self.write({
            "state": "analysed", "to_create": len(creates), "to_update": len(updates),
            "rejected": len(rejections),
            "report": self._render_report(rejections, notes, guesses),
        })
        return self._reopen()

    def _render_report(self, rejections, notes, guesses):
        _ = self.env._  # used inside generator expressions
        parts = []
        if guesses:
            items = Markup("").join(
                Markup("<li>%s</li>") % (
                    _("%(count)s × %(category)s (recognised by “%(keyword)s”)",
                      count=count, category=name, keyword=keyword) if keyword else
                    _("%(count)s × %(category)s (category given for the file)",
                      count=count, category=name))
                for (name, keyword), count in sorted(guesses.items(), key=lambda g: -g[1]))
            parts.append(Markup("<p><strong>%s</strong></p><ul>%s</ul>") % (
                _("Categories"), items))
        if notes:
            items = Markup("").join(Markup("<li>%s (%s)</li>") % (note, count)
                                    for note, count in notes.items())
            parts.append(Markup("<p><strong>%s</strong></p><ul>%s</ul>") % (_("Notes"), items))
        if rejections:
            items = Markup("").join(
                Markup("<li>%s</li>") % _("line %(line)s: %(reason)s", line=line, reason=reason)
                for line, reason in rejections[:500])
            more = Markup("<p>%s</p>") % _("… and %(count)s more", count=len(rejections) - 500) \
                if len(rejections) > 500 else Markup("")
            parts.append(Markup("<p><strong>%s</strong></p><ul>%s</ul>%s") % (
                _("Rejected lines"), items, more))
        return Markup("").join(parts) or escape(_("Every line can be imported."))

    def action_import(self):
        """Write the analysed rows, all or nothing. Rejected lines stop the import."""
        creates, updates, rejections, _notes, _guesses, partners = self._analyse()
        if rejections:
            raise UserError(
                _("%(count)s lines are rejected (see the analysis): correct the file, nothing "
                  "was imported.", count=len(rejections))
            )
        Partner = self.env["res.partner"]
        for name in partners:
            partner = Partner.search([("name", "=ilike", name), "|",
                                      ("company_id", "=", False),
                                      ("company_id", "=", self.company_id.id)], limit=1)
            # A référent may not create contacts in general; the import creates the
            # suppliers it names, as contacts of the collectivity only.
            partners[name] = partner or Partner.sudo().create({
                "name": name, "is_company": True, "company_id": self.company_id.id})
        for values in creates + list(updates.values()):
            if values.get("partner_id"):
                values["partner_id"] = partners[values["partner_id"]].id
        Equipment = self.env["maintenance.equipment"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            mail_notrack=True)
        with self.env.cr.savepoint():
            for start in range(0, len(creates), BATCH):
                Equipment.create(creates[start:start + BATCH])
            for equipment, values in updates.items():
                values.pop("company_id", None)
                equipment.with_env(Equipment.env).write(values)
        self.write({"state": "done", "to_create": len(creates), "to_update": len(updates),
                    "rejected": 0})
        return self._reopen()

    def _reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": _("Import the fleet")}

    @api.onchange("file")
    def _onchange_file(self):
        self.column_ids = [Command.clear()]
        self.state = "upload"


class EcoclicFleetImportColumn(models.TransientModel):
    _name = "ecoclic.fleet.import.column"
    _description = "Column of an inventory export"
    _order = "sequence"

    wizard_id = fields.Many2one("ecoclic.fleet.import", required=True, ondelete="cascade")
    sequence = fields.Integer()
    header = fields.Char(readonly=True)
    target = fields.Selection(TARGET_FIELDS, string="Imported as")
    recognised = fields.Boolean(readonly=True)
