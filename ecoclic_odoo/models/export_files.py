# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""How every export of both add-ons writes its file, in one place.

- A workbook never turns a string into a formula or a link: whatever a user typed (a plan
  line named ``=HYPERLINK(...)``, an owner named ``+cmd``) is written as text.
- A CSV cell that a spreadsheet would read as a formula (one that begins with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return: OWASP's rule) is prefixed with a single quote;
  numbers stay numbers.
- A file is streamed to the user who asked for it (``/ecoclic/export/<kind>/<id>``, see
  ``controllers/export.py``), never stored as an attachment: the reader needs no write
  access on the record, and no file is left behind.
"""

import csv

import xlsxwriter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
PDF_MIME = "application/pdf"

# Never a formula, a link or a number from a string: text stays text.
SAFE_WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
# The first characters that make a spreadsheet read a CSV cell as a formula (OWASP).
CSV_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def new_workbook(target, options=None):
    """An xlsxwriter workbook on ``target`` (a path or a file object) that writes every
    string as text, whatever the other ``options``."""
    return xlsxwriter.Workbook(target, {**(options or {}), **SAFE_WORKBOOK_OPTIONS})


def write_text(sheet, row, col, text, cell_format=None):
    """Write ``text`` (what a user typed) as a string cell, whatever it begins with; an
    empty text leaves the cell blank."""
    if not text:
        return sheet.write_blank(row, col, None, cell_format)
    return sheet.write_string(row, col, str(text), cell_format)


def csv_cell(value):
    """The value to write in a CSV cell: a string a spreadsheet would take for a formula is
    prefixed with a single quote; anything else (numbers included) is left alone."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through ``csv_cell``."""

    def __init__(self, buffer, **options):
        self._writer = csv.writer(buffer, **options)

    def writerow(self, row):
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(buffer, **options):
    """A CSV writer on ``buffer`` (``csv.writer``'s options) that neutralises formulas."""
    return SafeCsvWriter(buffer, **options)


def download_action(record, kind):
    """The client action that downloads ``record``'s export ``kind`` through the export
    route, as the user who clicked."""
    record.ensure_one()
    return {
        "type": "ir.actions.act_url",
        "target": "self",
        "url": f"/ecoclic/export/{kind}/{record.id}",
    }


def xlsx_formats(book):
    """The cell formats of the assessment's workbook."""
    return {
        "bold": book.add_format({"bold": True}),
        "head": book.add_format(
            {"bold": True, "bg_color": "#DDEBDD", "border": 1, "text_wrap": True, "valign": "top"}
        ),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "date_fmt": book.add_format({"num_format": "dd/mm/yyyy"}),
        "pct": book.add_format({"num_format": "0%"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "number": book.add_format({"num_format": "#,##0"}),
        "money": book.add_format({"num_format": "#,##0.00"}),
    }


def write_header(style, sheet, row, headers, widths=None):
    """A table's header row (and its columns' widths), frozen above the rows."""
    for col, header in enumerate(headers):
        sheet.write(row, col, header, style)
        if widths:
            sheet.set_column(col, col, widths[col])
    sheet.freeze_panes(row + 1, 0)
