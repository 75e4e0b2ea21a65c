# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import of a GLPI or OCS Inventory export into the collectivity's fleet.

A dry run first: what would be created, updated, imported with a warning, rejected, and
why, grouped by reason. What can be imported is: a bad cell (an impossible date, a negative
amount) is left empty and the line flagged; a serial repeated in the file is imported once;
only a line with nothing to identify it is rejected. A type or status that is not one of
GLPI's or OCS's standard values is a question asked once per distinct value, and the answer
is remembered for the collectivity's next imports. The import then writes everything or
nothing, matches existing equipment by serial or inventory number (re-importing a file
creates no duplicate), and writes in batches. The rejected and flagged lines download as a
file in the same columns, with the reason, ready to correct and import again.

Written here rather than with base_import because an inventory export needs what the
generic importer does not do: header names in two languages and two tools, the tools' own
dropdown values, statuses and dates as GLPI writes them, matching on serial or inventory
number, partial imports with a per-line report before anything is written.
"""

import base64
import hashlib
import io
import json
import zlib
from collections import Counter, defaultdict, namedtuple
from datetime import date, datetime

from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models import export_files
from ..models import fleet_import_parser as parser
from ..models.maintenance_equipment import REFORMED_STATES
from ..models.wording import elided

BATCH = 1000
SHOWN_LINES = 200  # lines listed per reason on screen; the download has them all
DATE_FIELDS = (
    ("purchase_date", "ecoclic_acquisition_date"),
    ("startup_date", "effective_date"),
    ("decommission_date", "scrap_date"),
    ("warranty_date", "warranty_date"),
)

# One line of the file once analysed: its number, its cells, the values to write, what
# happens to it ("create", "update", "reject", "ignore"), the existing equipment it
# updates, and its problems as (reason code, detail).
Line = namedtuple("Line", "number cells values outcome match problems")
# What maintenance computes for a new device, which has no request yet.
NEW_EQUIPMENT_COUNTERS = {"maintenance_count": 0, "maintenance_open_count": 0}


def _to_json(value):
    """Dates of the kept analysis (cells of an XLSX file, parsed dates) as JSON."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not kept in an analysis")


def _from_json(obj):
    if "$datetime" in obj:
        return datetime.fromisoformat(obj["$datetime"])
    if "$date" in obj:
        return date.fromisoformat(obj["$date"])
    return obj


def value_index(record):
    """(kind, key) of an explained value (a question of this import or a remembered choice):
    the key of the lines without a type is empty, stored as False."""
    return record.kind, record.key or ""


class EcoclicFleetImport(models.TransientModel):
    _name = "ecoclic.fleet.import"
    _description = "Import of an inventory export"

    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    file = fields.Binary(
        string="Export file",
        required=True,
        attachment=False,
        help="CSV (; or ,) or XLSX, as exported by GLPI or OCS Inventory.",
    )
    filename = fields.Char()
    date_order = fields.Selection(
        [("dmy", "Day-month-year"), ("mdy", "Month-day-year")],
        string="Date format",
        default="dmy",
        required=True,
        help="How the file writes dates that are not year-first (GLPI's user preference).",
    )
    default_category_id = fields.Many2one(
        "ecoclic.equipment.category",
        string="Category when none is recognised",
        help="For lists of one kind of equipment (a GLPI monitor list, say) whose rows "
        "do not say what they are.",
    )
    state = fields.Selection(
        [("upload", "Upload"), ("analysed", "Analysed"), ("done", "Done")], default="upload"
    )
    column_ids = fields.One2many("ecoclic.fleet.import.column", "wizard_id", string="Columns")
    value_ids = fields.One2many(
        "ecoclic.fleet.import.value", "wizard_id", string="Values to explain"
    )
    to_create = fields.Integer(string="To create", readonly=True)
    to_update = fields.Integer(string="To update", readonly=True)
    flagged = fields.Integer(string="With warnings", readonly=True)
    rejected = fields.Integer(readonly=True)
    ignored = fields.Integer(readonly=True)
    report = fields.Html(readonly=True, sanitize=False)
    equipment_ids = fields.Many2many(
        "maintenance.equipment", string="Imported equipment", readonly=True
    )
    # The dry run's analysis of the file, kept for the import and the download while
    # nothing it depends on changes (analysis_key): reading and analysing 50 000 lines again
    # took a seventh of an import. Administrators only: the import writes what it holds.
    analysis = fields.Binary(
        string="Analysis of the file", attachment=False, copy=False, groups="base.group_system"
    )
    analysis_key = fields.Char(
        string="Digest of the analysed inputs", copy=False, groups="base.group_system"
    )
    created = fields.Integer(readonly=True)
    updated = fields.Integer(readonly=True, help="Existing equipment the file changed.")
    unchanged = fields.Integer(
        string="Already up to date",
        readonly=True,
        help="Existing equipment the file describes as it already is.",
    )
    result = fields.Char(readonly=True)

    # ------------------------------------------------------------------
    # Reading
    def _check_rights(self):
        user = self.env.user
        if self.company_id not in user.company_ids or not user.has_group(
            "ecoclic_odoo.group_ecoclic_manager"
        ):
            raise AccessError(
                elided(
                    self.env._(
                        "Only a référent of %(company)s imports into its fleet.",
                    ),
                    company=self.company_id.name,
                )
            )

    def _parse_error_message(self, error):
        messages = {
            "empty": self.env._("This file is empty."),
            "too_big": self.env._(
                "This file is over %(limit)s MB: export fewer lines at a time "
                "(by entity or location, say) and import each file."
            ),
            "too_many_rows": self.env._(
                "This file has over %(limit)s lines: export fewer lines at a "
                "time (by entity or location, say) and import each file."
            ),
            "too_many_columns": self.env._(
                "Line %(line)s has over %(limit)s columns: export only the columns the fleet needs."
            ),
            "cell_too_long": self.env._(
                "A cell of line %(line)s is over %(limit)s characters long: "
                "this is not an inventory export, or a column is broken."
            ),
            "bad_csv": self.env._(
                "Line %(line)s of this CSV file cannot be read (a quote is not "
                "closed?): export it again from GLPI or OCS Inventory."
            ),
            "binary": self.env._(
                "This file is neither a CSV nor an XLSX export: export the list from "
                "GLPI or OCS Inventory as CSV or XLSX and try again."
            ),
            "xls": self.env._(
                "This is an old Excel workbook (.xls): save it as XLSX or CSV and try again."
            ),
            "broken_workbook": self.env._(
                "This workbook cannot be read: save it again as XLSX, or export the list as CSV."
            ),
        }
        message = messages.get(error.code, messages["binary"])
        return message % error.params if error.params else message

    def _read_file(self):
        try:
            content = base64.b64decode(self.file or b"", validate=False)
        except (ValueError, TypeError):
            content = b""
        try:
            return parser.read_table(content)
        except parser.ParseError as error:
            raise UserError(self._parse_error_message(error)) from None

    def _mapping(self, headers):
        """{column index: target field}, from the columns as the user left them."""
        if not self.column_ids:
            self.column_ids = [
                Command.create(
                    {
                        "sequence": index,
                        "header": header,
                        "target": parser.match_header(header) or "ignore",
                        "recognised": parser.match_header(header) is not None,
                    }
                )
                for index, header in enumerate(headers)
            ]
        return {
            column.sequence: column.target
            for column in self.column_ids
            if column.target and column.target != "ignore"
        }

    def _keywords(self):
        return [
            (
                category,
                [
                    parser.normalise(word)
                    for word in (category.keywords or "").split(",")
                    if parser.normalise(word)
                ],
            )
            for category in self.env["ecoclic.equipment.category"].search([])
        ]

    # ------------------------------------------------------------------
    # Meanings of types and statuses
    def _meanings(self):
        """{(kind, key): (target, answered here)} of the values explained by the user: this
        import's answers, else the collectivity's remembered choices. A target is a
        category record, a lifecycle state, or "ignore"."""
        meanings = {}
        choices = self.env["ecoclic.fleet.import.choice"].search(
            [("company_id", "=", self.company_id.id)]
        )
        for records, here in ((choices, False), (self.value_ids, True)):
            for record in records:
                target = (
                    "ignore"
                    if record.ignore
                    else (record.category_id if record.kind == "type" else record.lifecycle)
                )
                if target:
                    meanings[value_index(record)] = (target, here)
        return meanings

    @staticmethod
    def _explained(meanings, questions, kind, key, text):
        """The meaning the user gave to a value, or None; a value answered in this import
        stays among its questions (its answer can still be changed)."""
        target, here = meanings.get((kind, key), (None, False))
        if here:
            questions[kind, key].append(text)
        return target

    @staticmethod
    def _suggestion(kind, text, keywords):
        """What a word of an unrecognised value suggests (a category, a lifecycle state),
        or None: a pre-filled answer the user checks."""
        if kind == "type":
            category, _keyword = parser.guess_category(keywords, text)
            return category or None
        return parser.match_status(text)

    def _unexplained(self, kind, key, text, questions, suggestions, keywords):
        """The meaning of a value that is neither explained nor standard: its suggestion
        when it is a new question (the dry run then shows what the import will do), else
        None; ``suggestions``: (kind, key) → suggestion, None for the questions already
        asked. The question is recorded either way."""
        questions[kind, key].append(text)
        if (kind, key) not in suggestions:
            suggestions[kind, key] = self._suggestion(kind, text, keywords)
        return suggestions[kind, key]

    def _category_of(self, cells, meanings, keywords, categories, questions, suggestions):
        """(category or None, problem or None) of a line; records the question its type
        raises, if any."""
        text = str(cells.get("type") or "").strip()
        key = parser.normalise(text)
        if key:
            if target := self._explained(meanings, questions, "type", key, text):
                return target, None
            standard = parser.standard_value("type", text)
            if standard:
                return ("ignore" if standard == "ignore" else categories.get(standard)), None
            if target := self._unexplained("type", key, text, questions, suggestions, keywords):
                return target, None
            return None, ("unknown_type", text)
        # No type: the model or the name may tell (a "Latitude 5420"), else the category
        # given for the file, else what the user said of lines without a type.
        category, _keyword = parser.guess_category(keywords, cells.get("model"), cells.get("name"))
        if category or self.default_category_id:
            return category or self.default_category_id, None
        if target := self._explained(meanings, questions, "type", "", ""):
            return target, None
        questions["type", ""].append("")
        return None, ("no_type", "")

    def _lifecycle_of(self, cells, meanings, questions, suggestions):
        text = str(cells.get("status") or "").strip()
        key = parser.normalise(text)
        if not key:
            return "in_use", None
        if target := self._explained(meanings, questions, "status", key, text):
            return target, None
        standard = parser.standard_value("status", text)
        if standard:
            return standard, None
        if target := self._unexplained("status", key, text, questions, suggestions, None):
            return target, None
        return "in_use", ("unknown_status", text)

    def _sync_questions(self, questions, suggestions):
        """One question per distinct unexplained value, keeping the answers given; a new
        question is pre-filled with the suggestion the analysis applied."""
        current = {value_index(value): value for value in self.value_ids}
        commands = [
            Command.unlink(value.id) for index, value in current.items() if index not in questions
        ]
        for (kind, key), texts in questions.items():
            label = Counter(texts).most_common(1)[0][0]
            if (kind, key) in current:
                commands.append(Command.update(current[kind, key].id, {"count": len(texts)}))
                continue
            values = {
                "kind": kind,
                "key": key,
                "value": label or self.env._("(empty)"),
                "count": len(texts),
            }
            suggestion = suggestions.get((kind, key))
            if suggestion and kind == "type":
                values.update(category_id=suggestion.id, suggested=True)
            elif suggestion:
                values.update(lifecycle=suggestion, suggested=True)
            commands.append(Command.create(values))
        if commands:
            self.value_ids = commands

    # ------------------------------------------------------------------
    # Analysis
    def _analyse(self):
        """The lines of the file, analysed and matched with the fleet; the questions are
        brought up to date. The analysis of the file is kept on the wizard: the import and
        the download reuse the dry run's while nothing it depends on has changed; the
        matching with the fleet is done again each time (the fleet may have changed)."""
        self.ensure_one()
        self._check_rights()
        kept = self.sudo()
        if kept.analysis and kept.analysis_key == self._analysis_key():
            headers, lines = self._load_analysis(kept.analysis)
        else:
            headers, lines = self._analyse_file()
            # The key of the inputs as the analysis leaves them (its columns and questions
            # created, suggestions included): what the next call will find if nothing changes.
            kept.write(
                {
                    "analysis": self._dump_analysis(headers, lines),
                    "analysis_key": self._analysis_key(),
                }
            )
        return headers, self._match(lines)

    def _analysis_key(self):
        """A digest of everything the analysis of the file depends on."""
        inputs = {
            "file": hashlib.sha256(self.file or b"").hexdigest(),
            "company": self.company_id.id,
            "date_order": self.date_order,
            "default_category": self.default_category_id.id,
            "today": fields.Date.context_today(self).isoformat(),
            "columns": [(column.sequence, column.target) for column in self.column_ids],
            "categories": [(category.id, words) for category, words in self._keywords()],
            "meanings": sorted(
                (kind, key, getattr(target, "id", target), here)
                for (kind, key), (target, here) in self._meanings().items()
            ),
            "questions": sorted(value_index(value) for value in self.value_ids),
        }
        return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()

    @staticmethod
    def _dump_analysis(headers, lines):
        data = {
            "headers": list(headers),
            "lines": [
                [line.number, list(line.cells), line.values, line.outcome, line.problems]
                for line in lines
            ],
        }
        packed = zlib.compress(json.dumps(data, default=_to_json).encode(), 1)
        return base64.b64encode(packed)

    @staticmethod
    def _load_analysis(analysis):
        data = json.loads(zlib.decompress(base64.b64decode(analysis)), object_hook=_from_json)
        return data["headers"], [
            Line(number, cells, values, outcome, None, [tuple(problem) for problem in problems])
            for number, cells, values, outcome, problems in data["lines"]
        ]

    def _analyse_file(self):
        """The lines of the file as the file, the columns and the answers say, before they
        are matched with the fleet: "reject", "ignore" or "candidate"."""
        headers, rows = self._read_file()
        mapping = self._mapping(headers)
        known = self._analysis_knowledge()
        lines = [self._analyse_row(number, row, mapping, known) for number, row in rows]
        if not {"name", "serial", "inventory"} & set(mapping.values()):
            # Not an error: the user maps a column below and analyses again.
            lines = [
                line._replace(outcome="reject", problems=[("no_identity_column", "")])
                for line in lines
            ]
        self._sync_questions(known["questions"], known["suggestions"])
        return headers, lines

    def _analysis_knowledge(self):
        """What the analysis of every line reads (the words of each category, the
        collectivity's earlier choices, the dates) and gathers as it goes (the questions
        to ask, the identities already seen), read once for the whole file."""
        keywords = self._keywords()
        return {
            "keywords": keywords,
            "categories": {category.code: category for category, _words in keywords},
            "meanings": self._meanings(),
            # The questions already asked keep their answer, or the lack of one.
            "suggestions": dict.fromkeys(value_index(value) for value in self.value_ids),
            "questions": defaultdict(list),
            "today": fields.Date.context_today(self),
            "order": self.date_order,
            "seen": {},
        }

    def _analyse_row(self, number, row, mapping, known):
        """One line of the file: rejected (no identity, a repeat), ignored (a type or status
        the user leaves out) or a candidate with its values and problems."""
        cells = {field: row[index] if index < len(row) else "" for index, field in mapping.items()}
        values = {"company_id": self.company_id.id}
        rejection = self._analyse_identity(number, cells, values, known["seen"])
        if rejection:
            return Line(number, row, values, "reject", None, [rejection])
        problems = []
        self._analyse_dates(cells, values, problems, known["today"], known["order"])
        self._analyse_details(cells, values, problems)
        category, problem = self._category_of(
            cells,
            known["meanings"],
            known["keywords"],
            known["categories"],
            known["questions"],
            known["suggestions"],
        )
        if problem:
            problems.append(problem)
        lifecycle, problem = self._lifecycle_of(
            cells, known["meanings"], known["questions"], known["suggestions"]
        )
        if problem:
            problems.append(problem)
        if isinstance(category, str) or lifecycle == "ignore":  # "ignore", not a record
            return Line(number, row, values, "ignore", None, [])
        if category:
            values["ecoclic_category_id"] = category.id
        values["ecoclic_lifecycle"] = self._analyse_lifecycle(cells, values, problems, lifecycle)
        return Line(number, row, values, "candidate", None, problems)

    def _analyse_identity(self, number, cells, values, seen):
        """The name, serial and inventory numbers of a line into `values`; the problem
        that rejects the line (no identity at all, the repeat of an earlier line), if any."""
        name, serial, inventory = (
            str(cells.get(key) or "").strip() for key in ("name", "serial", "inventory")
        )
        if not (name or serial or inventory):
            return ("no_identity", "")
        values["name"] = name or serial or inventory
        repeat = self._analyse_repeat(seen, number, serial, inventory)
        if repeat:
            return repeat
        if serial:
            values["serial_no"] = serial
        if inventory:
            values["ecoclic_inventory_number"] = inventory
        return None

    def _match(self, lines):
        """The candidate lines matched with the collectivity's fleet by serial or inventory
        number: "update" (with the equipment), "create", or "reject" when an earlier line
        of the file already updates the same equipment."""
        existing = self.env["maintenance.equipment"].search_fetch(
            [("company_id", "=", self.company_id.id)],
            ["serial_no", "ecoclic_inventory_number"],
        )
        by_serial = {e.serial_no.strip().lower(): e for e in existing if e.serial_no}
        by_inventory = {
            e.ecoclic_inventory_number.strip().lower(): e
            for e in existing
            if e.ecoclic_inventory_number
        }
        matched = {}
        result = []
        for line in lines:
            if line.outcome != "candidate":
                result.append(line)
                continue
            serial = line.values.get("serial_no", "").lower()
            inventory = line.values.get("ecoclic_inventory_number", "").lower()
            match = (serial and by_serial.get(serial)) or (
                inventory and by_inventory.get(inventory)
            )
            if match and match.id in matched:
                problems = [("repeated_equipment", str(matched[match.id]))]
                result.append(line._replace(outcome="reject", problems=problems))
                continue
            if match:
                matched[match.id] = line.number
            result.append(line._replace(outcome="update" if match else "create", match=match))
        return result

    def _analyse_repeat(self, seen, number, serial, inventory):
        """The problem of a line whose serial or inventory number an earlier line of the file
        has (``seen``: (kind, key) → line number), or None, and then its keys are recorded."""
        keys = (("serial", serial.lower()), ("inventory", inventory.lower()))
        for kind, key in keys:
            if key and (kind, key) in seen:
                return (f"repeated_{kind}", str(seen[kind, key]))
        for kind, key in keys:
            if key:
                seen[kind, key] = number
        return None

    def _analyse_lifecycle(self, cells, values, problems, lifecycle):
        """The lifecycle of one line, consistent with its decommission date."""
        if values.get("scrap_date") and lifecycle in ("in_use", "in_stock", "in_repair"):
            lifecycle = "to_reform"
        if lifecycle in REFORMED_STATES and not values.get("scrap_date"):
            problems.append(("reformed_without_date", str(cells.get("status") or "")))
            lifecycle = "to_reform"
        return lifecycle

    def _analyse_dates(self, cells, values, problems, today, order):
        """The dates of one line into ``values``; what is wrong with them into ``problems``."""
        for field, target in DATE_FIELDS:
            try:
                parsed = parser.parse_date(cells.get(field), order)
            except ValueError:
                parsed = False  # unreadable: reported as an impossible date
            if parsed is False or (parsed and not 1950 <= parsed.year <= today.year + 30):
                problems.append(("bad_date", f"{self._header(field)} «{cells[field]}»"))
                continue
            if parsed:
                values[target] = parsed
        acquired = values.get("ecoclic_acquisition_date")
        if acquired and acquired > today:
            problems.append(
                ("future_date", f"{self._header('purchase_date')} «{cells['purchase_date']}»")
            )
            del values["ecoclic_acquisition_date"]
            acquired = None
        if acquired and values.get("scrap_date") and values["scrap_date"] < acquired:
            problems.append(
                (
                    "scrapped_before_bought",
                    f"{self._header('decommission_date')} «{cells['decommission_date']}»",
                )
            )
            del values["scrap_date"]
        if "effective_date" not in values and acquired:
            values["effective_date"] = acquired

    def _analyse_details(self, cells, values, problems):
        """The value, model, location and supplier of one line into ``values``; what is
        wrong with them into ``problems``."""
        raw_amount = cells.get("value")
        if raw_amount not in (None, ""):
            try:
                amount = parser.parse_amount(raw_amount)
            except ValueError:
                problems.append(("bad_amount", f"«{raw_amount}»"))
            else:
                if amount < 0:
                    problems.append(("negative_amount", f"«{raw_amount}»"))
                else:
                    values["cost"] = amount
        model = " ".join(str(cells.get(k) or "").strip() for k in ("manufacturer", "model")).strip()
        if model:
            values["model"] = model
        if str(cells.get("location") or "").strip():
            values["location"] = str(cells["location"]).strip()
        supplier = str(cells.get("supplier") or "").strip()
        if supplier:
            values["partner_id"] = supplier  # resolved when writing

    def _header(self, field):
        """The header of the file's column for that field (for messages)."""
        for column in self.column_ids:
            if column.target == field:
                return column.header
        return field

    def _reasons(self, hints=False):
        """Reason code → label of the group: what is wrong and what happens to the line
        (with, before the import, what the user can do about it)."""
        hints = (
            {
                "unknown_type": self.env._("say below what it is, then analyse again"),
                "no_type": self.env._("choose a category below"),
                "unknown_status": self.env._("say below what it means, then analyse again"),
            }
            if hints
            else {}
        )
        labels = {
            "no_identity": self.env._("No name, serial number or inventory number: not imported"),
            "no_identity_column": self.env._(
                "The file needs a name or a serial number column: choose "
                "which column is which below, then analyse again"
            ),
            "repeated_serial": self.env._(
                "Serial number already on an earlier line of the file: "
                "imported once, from that line"
            ),
            "repeated_inventory": self.env._(
                "Inventory number already on an earlier line of the "
                "file: imported once, from that line"
            ),
            "repeated_equipment": self.env._(
                "Same equipment of the fleet as an earlier line: updated once, from that line"
            ),
            "bad_date": self.env._("Impossible or unreadable date: imported without it"),
            "future_date": self.env._("Date of purchase in the future: imported without it"),
            "scrapped_before_bought": self.env._(
                "Decommissioned before it was bought: imported without the decommission date"
            ),
            "bad_amount": self.env._("Unreadable value: imported without it"),
            "negative_amount": self.env._("Negative value: imported without it"),
            "unknown_type": self.env._("Type not recognised: imported without a category"),
            "no_type": self.env._(
                "No type, and nothing in the model or name tells it: imported without a category"
            ),
            "unknown_status": self.env._("Status not recognised: imported as in use"),
            "reformed_without_date": self.env._(
                "Reformed without a decommission date: imported as to be reformed"
            ),
        }
        return {
            code: f"{label} ({hints[code]})" if code in hints else label
            for code, label in labels.items()
        }

    def _line_reason(self, line, reasons):
        texts = []
        for code, detail in line.problems:
            label = reasons[code]
            if code.startswith("repeated_"):
                detail = self.env._("line %(line)s", line=detail)
            texts.append(f"{label} ({detail})" if detail else label)
        return "; ".join(texts)

    def _counts(self, lines):
        outcomes = Counter(line.outcome for line in lines)
        return {
            "to_create": outcomes["create"],
            "to_update": outcomes["update"],
            "rejected": outcomes["reject"],
            "ignored": outcomes["ignore"],
            "flagged": sum(
                1 for line in lines if line.problems and line.outcome in ("create", "update")
            ),
        }

    def action_analyse(self):
        """The dry run: nothing is written to the fleet."""
        _headers, lines = self._analyse()
        self.write(
            {"state": "analysed", "report": self._render_report(lines), **self._counts(lines)}
        )
        return self._reopen()

    def _render_report(self, lines):
        """The analysis' report: the lines to correct, grouped by problem (in the order of
        the reasons), then how many lines are left out."""
        reasons = self._reasons(hints=self.state != "done")
        groups = defaultdict(list)
        for line in lines:
            for code, detail in line.problems:
                groups[code].append((line.number, detail))
        parts = [
            self._render_report_group(code, title, groups[code])
            for code, title in reasons.items()
            if code in groups
        ]
        ignored = sum(1 for line in lines if line.outcome == "ignore")
        if ignored:
            parts.append(
                Markup("<p>%s</p>")
                % self.env._(
                    "%(count)s lines are left out, as you chose for their type or status.",
                    count=ignored,
                )
            )
        return Markup("").join(parts) or escape(self.env._("Every line can be imported as it is."))

    def _render_report_group(self, code, title, entries):
        """One problem of the report, folded: its title, how many lines have it, and the
        first SHOWN_LINES of them (the others are in the file of lines to correct)."""
        items = Markup("").join(
            Markup("<li>%s</li>") % self._render_report_entry(code, number, detail)
            for number, detail in entries[:SHOWN_LINES]
        )
        more = (
            Markup("<li>%s</li>")
            % self.env._(
                "… and %(count)s more, in the file of lines to correct",
                count=len(entries) - SHOWN_LINES,
            )
            if len(entries) > SHOWN_LINES
            else Markup("")
        )
        return Markup(
            "<details class='mb-2'><summary><strong>%s</strong> "
            "<span class='badge text-bg-secondary'>%s</span></summary>"
            "<ul class='mb-0'>%s%s</ul></details>"
        ) % (title, len(entries), items, more)

    def _render_report_entry(self, code, number, detail):
        """A line of the report: its number and what is wrong in it (for a repeat, the
        earlier line it repeats)."""
        # self.env._, not _(): called from a generator expression, whose frame has no env
        # for _() to find (it logged a warning with a stack per line, and did not translate).
        if not detail:
            return self.env._("line %(line)s", line=number)
        if code.startswith("repeated_"):
            detail = self.env._("same as line %(line)s", line=detail)
        return self.env._("line %(line)s: %(detail)s", line=number, detail=detail)

    # ------------------------------------------------------------------
    # Writing
    def _prepare_equipment_vals(self, line, partners):
        """Values of the equipment a line creates or updates (a hook for other add-ons)."""
        values = dict(line.values)
        if values.get("partner_id"):
            values["partner_id"] = partners[values["partner_id"]].id
        if line.outcome == "update":
            values.pop("company_id", None)
        return values

    def _suppliers(self, lines):
        Partner = self.env["res.partner"]
        partners = {}
        for line in lines:
            name = line.values.get("partner_id")
            if name and name not in partners:
                partner = Partner.search(
                    [
                        ("name", "=ilike", name),
                        "|",
                        ("company_id", "=", False),
                        ("company_id", "=", self.company_id.id),
                    ],
                    limit=1,
                )
                # A référent may not create contacts in general; the import creates the
                # suppliers it names, as contacts of the collectivity only.
                partners[name] = partner or Partner.sudo().create(
                    {"name": name, "is_company": True, "company_id": self.company_id.id}
                )
        return partners

    def _remember_answers(self):
        """The answers of this import become the collectivity's choices."""
        Choice = self.env["ecoclic.fleet.import.choice"]
        existing = {
            value_index(choice): choice
            for choice in Choice.search([("company_id", "=", self.company_id.id)])
        }
        creates = []
        for value in self.value_ids:
            meaning = {
                "category_id": value.category_id.id if value.kind == "type" else False,
                "lifecycle": value.lifecycle if value.kind == "status" else False,
                "ignore": value.ignore,
                "value": value.value,
            }
            if not (value.ignore or meaning["category_id"] or meaning["lifecycle"]):
                continue
            if value_index(value) in existing:
                existing[value_index(value)].write(meaning)
            else:
                creates.append(
                    {
                        "company_id": self.company_id.id,
                        "kind": value.kind,
                        "key": value.key,
                        **meaning,
                    }
                )
        Choice.create(creates)

    def action_import(self):
        """Write the lines that can be imported, all or nothing."""
        _headers, lines = self._analyse()
        if any(code == "no_identity_column" for line in lines for code, _d in line.problems):
            raise UserError(
                self.env._(
                    "Choose which column holds the name or the serial number, then "
                    "analyse again: nothing was imported."
                )
            )
        imported = [line for line in lines if line.outcome in ("create", "update")]
        partners = self._suppliers(imported)
        creates = [
            {**NEW_EQUIPMENT_COUNTERS, **self._prepare_equipment_vals(line, partners)}
            for line in imported
            if line.outcome == "create"
        ]
        updates = [
            (line.match, self._prepare_equipment_vals(line, partners))
            for line in imported
            if line.outcome == "update"
        ]
        Equipment = self.env["maintenance.equipment"].with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
        )
        self._check_create_rights(Equipment, creates)
        with self.env.cr.savepoint():
            done, changes = self._write_equipment(Equipment, creates, updates)
            self._remember_answers()
        self._record_import(lines, creates, updates, changes, done)
        return self._reopen()

    def _write_equipment(self, Equipment, creates, updates):
        """Create and update the equipment; the equipment imported, and the (values,
        equipment) updates that changed something."""
        done = self._create_equipment(Equipment, creates)
        changes = self._changes(Equipment, updates)
        for values, equipment in changes:
            equipment.write(values)
        done |= Equipment.browse([equipment.id for equipment, _values in updates])
        return done, changes

    def _check_create_rights(self, Equipment, creates):
        """The new equipment is created as superuser (_create_equipment): the référent's
        right to import into this collectivity is checked (_analyse calls _check_rights,
        and the model's create right here) and every new record belongs to this
        collectivity, which the référent's record rule grants."""
        Equipment.check_access("create")
        if any(values.get("company_id") != self.company_id.id for values in creates):
            raise AccessError(
                elided(
                    self.env._(
                        "Only a référent of %(company)s imports into its fleet.",
                    ),
                    company=self.company_id.name,
                )
            )

    def _create_equipment(self, Equipment, creates):
        """The new equipment, created by batches as superuser once _check_create_rights
        passed: evaluating the record rules on each new record (the "equipment I follow"
        rule computes its followers) took a third of a 50 000-line import. Updates stay
        under the référent's own rights."""
        done = Equipment
        counters = [Equipment._fields[name] for name in NEW_EQUIPMENT_COUNTERS]
        for start in range(0, len(creates), BATCH):
            batch = Equipment.sudo().create(creates[start : start + BATCH]).sudo(False)
            # maintenance's stored counters of a device without request are the 0
            # given; Odoo would read the requests of every new device to say so (a
            # tenth of the import).
            for field in counters:
                self.env.remove_to_compute(field, batch)
            done |= batch
        return done

    def _record_import(self, lines, creates, updates, changes, done):
        """The wizard's report and counts once the import is written."""
        counts = self._counts(lines)
        updated = sum(len(equipment) for _values, equipment in changes)
        self.state = "done"
        self.write(
            {
                "report": self._render_report(lines),
                **counts,
                "created": len(creates),
                "updated": updated,
                "unchanged": len(updates) - updated,
                "equipment_ids": [Command.set(done.ids)],
                "result": self._result_text(len(creates), updated, len(updates) - updated, counts),
            }
        )

    def _result_text(self, created, updated, unchanged, counts):
        if unchanged:
            return self.env._(
                "%(created)s created, %(updated)s updated (%(unchanged)s already up to "
                "date), %(flagged)s with warnings",
                created=created,
                updated=updated,
                unchanged=unchanged,
                flagged=counts["flagged"],
            )
        return self.env._(
            "%(created)s created, %(updated)s updated, %(flagged)s with warnings",
            created=created,
            updated=updated,
            flagged=counts["flagged"],
        )

    @staticmethod
    def _changes(Equipment, updates):
        """[(values, equipment)] of the updates, each value written only where it differs
        from the equipment's, the equipment given the same values written together: a
        file imported again writes nothing that has not changed."""
        if not updates:
            return []
        equipment = Equipment.browse([match.id for match, _values in updates])
        names = sorted({name for _match, values in updates for name in values})
        equipment.fetch(names)
        grouped = defaultdict(list)
        for match, values in updates:
            record = match.with_env(Equipment.env)
            changed = {
                name: value
                for name, value in values.items()
                if record[name]
                != record._fields[name].convert_to_record(
                    record._fields[name].convert_to_cache(value, record), record
                )
            }
            if changed:
                grouped[tuple(sorted(changed.items()))].append(record.id)
        return [(dict(key), Equipment.browse(ids)) for key, ids in grouped.items()]

    def action_open_equipment(self):
        """The equipment this import created or updated, and only those."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Imported equipment"),
            "res_model": "maintenance.equipment",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self.equipment_ids.ids)],
            "context": {"create": False},
        }

    def action_download_issues(self):
        self.ensure_one()
        self._check_rights()
        return export_files.download_action(self, "fleet-import-issues")

    def _ecoclic_export(self, kind):
        """The rejected and flagged lines, in the file's own columns plus the reason:
        corrected, the file imports again (and updates what was imported)."""
        if kind != "fleet-import-issues":
            raise AccessError(self.env._("This export does not exist."))
        headers, lines = self._analyse()
        reasons = self._reasons()
        issues = [line for line in lines if line.problems]
        columns = list(headers) + [self.env._("Import note")]
        stem = (self.filename or "export").rsplit(".", 1)[0]
        suffix = self.env._("to-correct")
        if (self.filename or "").lower().endswith(".xlsx"):
            buffer = io.BytesIO()
            book = export_files.new_workbook(buffer, {"in_memory": True})
            sheet = book.add_worksheet()
            date_format = book.add_format({"num_format": "yyyy-mm-dd"})
            bold = book.add_format({"bold": True})
            for col, header in enumerate(columns):
                export_files.write_text(sheet, 0, col, header, bold)
            for row_index, line in enumerate(issues, start=1):
                cells = list(line.cells) + [""] * (len(headers) - len(line.cells))
                for col, cell in enumerate(cells[: len(headers)]):
                    if hasattr(cell, "year"):
                        sheet.write_datetime(row_index, col, cell, date_format)
                    else:
                        export_files.write_text(sheet, row_index, col, cell)
                export_files.write_text(
                    sheet, row_index, len(headers), self._line_reason(line, reasons)
                )
            book.close()
            return (f"{stem}-{suffix}.xlsx", buffer.getvalue(), export_files.XLSX_MIME)
        buffer = io.StringIO()
        writer = export_files.csv_writer(buffer, delimiter=";")
        writer.writerow(columns)
        for line in issues:
            cells = [
                cell.isoformat() if hasattr(cell, "isoformat") else cell for cell in line.cells
            ]
            cells += [""] * (len(headers) - len(cells))
            writer.writerow(cells[: len(headers)] + [self._line_reason(line, reasons)])
        return (
            f"{stem}-{suffix}.csv",
            buffer.getvalue().encode("utf-8-sig"),
            export_files.CSV_MIME,
        )

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import the fleet"),
        }

    @api.onchange("file")
    def _onchange_file(self):
        self.column_ids = [Command.clear()]
        self.value_ids = [Command.clear()]
        self.state = "upload"
