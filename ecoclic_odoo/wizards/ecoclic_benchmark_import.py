# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.ecoclic_benchmark import CSV_COLUMNS, SEGMENT_KINDS
from ..models.peers import PEER_FLOOR, QUARTILE_FLOOR
from ..models.res_company import COLLECTIVITY_TYPES, POPULATION_BAND_LABELS


class EcoclicBenchmarkImport(models.TransientModel):
    _name = "ecoclic.benchmark.import"
    _description = "Import a reference benchmark"

    file = fields.Binary(string="CSV file", required=True)
    filename = fields.Char()
    source = fields.Char(help="Who produced the file, and when (shown next to the figures).")

    def _parse(self):
        """(values, errors): every row checked before anything is written."""
        self.ensure_one()
        reader = self._read_csv()
        codes = {
            "axis": {axis.code: axis.id for axis in self.env["ecoclic.axis"].search([])},
            "departement": {d.code: d.id for d in self.env["ecoclic.departement"].search([])},
            "region": {r.code: r.id for r in self.env["ecoclic.region"].search([])},
        }
        values, errors = [], []
        for line, row in enumerate(reader, start=2):
            row = {key: (value or "").strip() for key, value in row.items() if key}
            vals, problems = self._parse_segment(row, codes)
            numbers, number_problems = self._parse_figures(row)
            problems += number_problems
            vals.update(numbers)
            if problems:
                errors.append(
                    self.env._(
                        "line %(line)s: %(problems)s", line=line, problems="; ".join(problems)
                    )
                )
            else:
                values.append(vals)
        if not values and not errors:
            errors.append(self.env._("the file holds no aggregate"))
        return values, errors

    def _read_csv(self):
        """A reader of the file's rows (UTF-8, comma or semicolon), its columns checked."""
        try:
            text = base64.b64decode(self.file).decode("utf-8-sig")
        except (ValueError, UnicodeDecodeError):
            raise UserError(self.env._("The file is not a UTF-8 CSV file.")) from None
        dialect = (
            ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        )
        reader = csv.DictReader(io.StringIO(text), delimiter=dialect)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise UserError(
                self.env._(
                    "Columns missing from the file: %(columns)s.", columns=", ".join(missing)
                )
            )
        return reader

    def _parse_segment(self, row, codes):
        """(values, problems) of a row's group and axis; `codes`: {kind: {code: id}}."""
        kinds, types = dict(SEGMENT_KINDS), dict(COLLECTIVITY_TYPES)
        bands = dict(POPULATION_BAND_LABELS)
        departements, regions, axes = codes["departement"], codes["region"], codes["axis"]
        problems = []
        segment = row["segment"]
        if segment not in kinds:
            problems.append(self.env._("unknown segment «%(value)s»", value=segment))
        vals = {"segment": segment, "source": self.source or self.filename}
        if segment == "type_band":
            if row["collectivity_type"] not in types:
                problems.append(
                    self.env._(
                        "unknown collectivity type «%(value)s»", value=row["collectivity_type"]
                    )
                )
            if row["population_band"] not in bands:
                problems.append(
                    self.env._("unknown population band «%(value)s»", value=row["population_band"])
                )
            vals.update(
                collectivity_type=row["collectivity_type"], population_band=row["population_band"]
            )
        elif segment == "departement":
            if row["departement"] not in departements:
                problems.append(
                    self.env._("unknown department «%(value)s»", value=row["departement"])
                )
            vals["departement_id"] = departements.get(row["departement"])
        elif segment == "region":
            if row["region"] not in regions:
                problems.append(self.env._("unknown region «%(value)s»", value=row["region"]))
            vals["region_id"] = regions.get(row["region"])
        if row["axis"] and row["axis"] not in axes:
            problems.append(self.env._("unknown axis «%(value)s»", value=row["axis"]))
        vals["axis_id"] = axes.get(row["axis"], False)
        return vals, problems

    def _parse_figures(self, row):
        """(numbers, problems) of a row's count and quartiles, held to the disclosure rule."""
        numbers, problems = {}, []
        for column in ("count", "q1", "median", "q3"):
            if column in ("q1", "q3") and not row[column]:
                numbers[column] = None  # the median alone: a small group
                continue
            try:
                numbers[column] = int(row[column])
            except ValueError:
                problems.append(
                    self.env._(
                        "%(column)s is not a whole number («%(value)s»)",
                        column=column,
                        value=row[column],
                    )
                )
        if len(numbers) == 4:
            if numbers["count"] < PEER_FLOOR:
                problems.append(
                    self.env._(
                        "an aggregate over %(count)s collectivities is below the anonymity "
                        "floor of %(floor)s",
                        count=numbers["count"],
                        floor=PEER_FLOOR,
                    )
                )
            elif numbers["count"] >= QUARTILE_FLOOR and (
                numbers["q1"] is None or numbers["q3"] is None
            ):
                problems.append(
                    self.env._(
                        "an aggregate over %(count)s collectivities needs its 1st and 3rd "
                        "quartiles",
                        count=numbers["count"],
                    )
                )
            present = [numbers[c] for c in ("q1", "median", "q3") if numbers[c] is not None]
            if not (0 <= present[0] and present == sorted(present) and present[-1] <= 100):
                problems.append(self.env._("quartiles must grow from 0 to 100"))
        return numbers, problems

    def action_import(self):
        """Replace the reference benchmark with the file, or write nothing and say why."""
        self.ensure_one()
        values, errors = self._parse()
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported; correct the file and try again:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        Benchmark = self.env["ecoclic.benchmark"]
        Benchmark.search([]).unlink()
        Benchmark.create(values)
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecoclic.benchmark",
            "view_mode": "list",
            "name": self.env._("Reference benchmark"),
        }
