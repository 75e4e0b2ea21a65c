# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reading inventory exports (GLPI, OCS Inventory): pure functions, no database.

GLPI lets each user choose the columns and the date format of an export, in French or in
English; OCS Inventory exports its own column names. Headers are matched by name after
normalisation (case, accents, punctuation), dates in the formats GLPI offers, amounts with a
decimal comma or point.
"""

import csv
import functools
import io
import re
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path

# The standard values of GLPI's and OCS's dropdowns (types, statuses), French and English,
# and what each means here: see data/fleet/README.md for their sources.
VALUES_FILE = Path(__file__).resolve().parent.parent / "data" / "fleet_import_values.csv"
VALUE_KINDS = ("type", "status")

# Target fields of a row, and the header names (normalised) that mean them.
HEADER_ALIASES = {
    "name": ["nom", "name", "hardware name"],
    "status": ["statut", "status", "etat", "state"],
    "manufacturer": ["fabricant", "manufacturer", "smanufacturer", "bios smanufacturer"],
    "serial": ["numero de serie", "serial number", "serial", "ssn", "bios ssn", "n de serie"],
    "inventory": [
        "numero d inventaire",
        "inventory number",
        "tag",
        "accountinfo tag",
        "n d inventaire",
        "otherserial",
    ],
    "type": ["type", "type d ordinateur", "computer type", "type de materiel"],
    "model": ["modele", "model", "smodel", "bios smodel", "modele d ordinateur", "computer model"],
    "location": ["lieu", "location"],
    "purchase_date": ["date d achat", "date of purchase", "purchase date", "buy date"],
    "startup_date": ["date de mise en service", "startup date", "use date", "date of start of use"],
    "value": ["valeur", "value", "prix", "price"],
    "supplier": ["fournisseur", "supplier"],
    "decommission_date": ["date de reforme", "decommission date", "date of decommission"],
    "warranty_date": [
        "date d expiration de la garantie",
        "warranty expiration date",
        "fin de garantie",
        "garantie date d expiration",
    ],
}
# Columns exported by GLPI or OCS that the fleet does not need: known, so not "unknown".
KNOWN_IGNORED = [
    "systeme d exploitation",
    "operating system",
    "osname",
    "hardware osname",
    "derniere modification",
    "last update",
    "entite",
    "entity",
    "utilisateur",
    "user",
    "userid",
    "hardware userid",
    "groupe",
    "group",
    "numero de facture",
    "invoice number",
    "processort",
    "hardware processort",
    "memory",
    "hardware memory",
    "id",
    "commentaires",
    "comments",
    "reseau",
    "network",
    "composants processeur",
    "processor",
    # The column the import adds to the file of lines to correct (English, French).
    "import note",
    "remarque d import",
]
FIELDS = list(HEADER_ALIASES)
# GLPI statuses (customisable, so matched loosely) → lifecycle states.
STATUS_WORDS = [
    ("recycled", ["recycl", "deee", "weee", "destruction", "detruit"]),
    ("donated", ["don", "donne", "donated", "given"]),
    ("sold", ["vendu", "sold", "cession"]),
    ("reused_internal", ["reemploi", "reaffect", "reused", "redeploy"]),
    (
        "to_reform",
        [
            "a reformer",
            "to be reformed",
            "rebut",
            "hors service",
            "out of order",
            "out of service",
            "reform",
        ],
    ),
    ("in_repair", ["repar", "repair", "sav", "maintenance"]),
    ("in_stock", ["stock", "reserve", "spare"]),
    (
        "in_use",
        [
            "service",
            "utilis",
            "in use",
            "use",
            "production",
            "actif",
            "active",
            "affecte",
            "assigned",
        ],
    ),
]
DATE_FORMATS = {
    "dmy": [
        "%d-%m-%Y",
        "%d/%m/%Y",
        "%d.%m.%Y",
        "%d-%m-%Y %H:%M",
        "%d/%m/%Y %H:%M",
        "%d-%m-%Y %H:%M:%S",
        "%d/%m/%Y %H:%M:%S",
    ],
    "mdy": [
        "%m-%d-%Y",
        "%m/%d/%Y",
        "%m-%d-%Y %H:%M",
        "%m/%d/%Y %H:%M",
        "%m-%d-%Y %H:%M:%S",
        "%m/%d/%Y %H:%M:%S",
    ],
}
ISO_FORMATS = ["%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d"]


# Limits of what one import reads, said in the message when a file exceeds one.
MAX_BYTES = 40 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELL = 10_000  # characters of one cell (the csv module's own limit is 131 072)


class ParseError(ValueError):
    """A file that cannot be read at all (not a row problem): ``code`` says why, ``params``
    the figures the message gives (limits, line number)."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@functools.lru_cache(maxsize=65536)  # the same types and statuses, line after line
def normalise(text):
    """Lower case, no accents, words separated by single spaces."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def match_header(header):
    """The target field of a column header, '' for a known column we skip, None if unknown."""
    key = normalise(header)
    for field, aliases in HEADER_ALIASES.items():
        if key in aliases:
            return field
    if key in KNOWN_IGNORED or not key:
        return ""
    return None


def clean_cell(value):
    """A cell as text (dates from a workbook stay dates), without the quote that a
    spreadsheet-safe export puts before a cell that begins with = + - or @."""
    if type(value) is str:  # every cell of a CSV file: the quick way
        return value[1:] if value[:2] in ("'=", "'+", "'-", "'@") else value
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if text[:2] in ("'=", "'+", "'-", "'@"):
        text = text[1:]
    return text


def read_table(content):
    """(headers, [(line number, cells)]) of a CSV (`;`, `,` or tab; UTF-8 with or without
    BOM, UTF-16 with BOM, Windows-1252 or Latin-1) or XLSX file, read row by row within the
    limits above. Blank lines are skipped; line numbers are those a spreadsheet shows.
    Raises ParseError."""
    if not content:
        raise ParseError("empty")
    if len(content) > MAX_BYTES:
        raise ParseError("too_big", limit=MAX_BYTES // (1024 * 1024))
    if content[:4] == b"PK\x03\x04":  # a zip: an XLSX workbook, or a broken one
        if not zipfile.is_zipfile(io.BytesIO(content)):
            raise ParseError("broken_workbook")
        return _read_xlsx(content)
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an old .xls (OLE) workbook
        raise ParseError("xls")
    text = _decode(content)
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n")
    if "\x00" in sample or controls > len(sample) / 100:
        raise ParseError("binary")
    lines = text.split("\n", 2)
    first = lines[0].strip("\r\ufeff")
    if not first.strip():
        raise ParseError("empty")
    offset = 1
    if first.lower().startswith("sep=") and len(first) == 5:  # Excel's delimiter hint
        delimiter, text, offset = first[4], text.split("\n", 1)[-1], 2
        first = text.split("\n", 1)[0]
    else:
        delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return _rows(reader, offset)


def _decode(content):
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return content.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue  # the next encoding
    return content.decode("latin-1")


def _rows(rows, first_line=1):
    """Headers and numbered non-blank rows of an iterator of rows, checking the limits."""
    headers, body = None, []
    line = first_line - 1
    try:
        for line, row in enumerate(rows, start=first_line):
            if len(row) > MAX_COLUMNS:
                row = list(row)
                while row and (row[-1] is None or row[-1] == ""):
                    row.pop()
                if len(row) > MAX_COLUMNS:
                    raise ParseError("too_many_columns", limit=MAX_COLUMNS, line=line)
            cells = [clean_cell(cell) for cell in row]
            if any(isinstance(cell, str) and len(cell) > MAX_CELL for cell in cells):
                raise ParseError("cell_too_long", limit=MAX_CELL, line=line)
            if headers is None:
                if any(str(cell).strip() for cell in cells):
                    headers = [str(cell).strip().lstrip("\ufeff") for cell in cells]
                continue
            if any(str(cell).strip() for cell in cells):
                if len(body) >= MAX_ROWS:
                    raise ParseError("too_many_rows", limit=MAX_ROWS)
                body.append((line, cells))
    except csv.Error as error:
        # The csv module refuses a cell over its own limit (131 072 characters).
        if "field larger" in str(error):
            raise ParseError("cell_too_long", limit=MAX_CELL, line=line + 1) from None
        raise ParseError("bad_csv", line=line + 1) from None
    if headers is None:
        raise ParseError("empty")
    return headers, body


def _read_xlsx(content):
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        # The dimension a workbook declares may be anything (A1:XFD1048576): read the
        # cells that are there, not the ones it announces.
        sheet.reset_dimensions()
        return _rows(sheet.iter_rows(values_only=True))
    except ParseError:
        raise
    except Exception:  # openpyxl raises many kinds on a broken file  # noqa: BLE001
        raise ParseError("broken_workbook") from None
    finally:
        if "book" in locals():
            book.close()


def parse_date(value, order="dmy"):
    """A date from a cell: a date object (XLSX), ISO text, or day-month-year (or
    month-day-year) text as GLPI writes it. Empty → None. Raises ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    return _parse_date_text(text, order)


@functools.lru_cache(maxsize=8192)
def _parse_date_text(text, order):
    """The date of a text (cached: an export repeats the same dates over thousands of lines,
    and each is otherwise tried against every format)."""
    for fmt in ISO_FORMATS + DATE_FORMATS[order]:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_amount(value):
    """An amount with a decimal comma or point and spaces as thousands separators."""
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value or "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    text = text.replace("€", "").strip()
    if not text:
        return None
    if "," in text and "." in text:  # 1.234,56 or 1,234.56
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    else:
        text = text.replace(",", ".")
    return float(text)


@functools.cache
def standard_values():
    """{(kind, normalised value): target} of the standard dropdown values: a category code
    (or "ignore") for a type, a lifecycle state (or "ignore") for a status."""
    table = {}
    with VALUES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["kind"], normalise(row["value"]))
            if table.setdefault(key, row["target"]) != row["target"]:
                raise ValueError(f"{VALUES_FILE.name}: {key} has two targets")
    return table


def standard_value(kind, value):
    """What a standard GLPI or OCS value of that kind means, or None when it is not one."""
    return standard_values().get((kind, normalise(value)))


def match_status(value):
    """The lifecycle state a GLPI status means, or None when it is not recognised."""
    key = normalise(value)
    if not key:
        return "in_use"
    for state, words in STATUS_WORDS:
        for word in words:
            if re.search(rf"(^| ){re.escape(word)}", key):
                return state
    return None


def guess_category(keywords_by_category, *texts):
    """(category key, matched keyword) from the type, model and name of an item, trying
    each text in turn; (None, None) when no keyword matches."""
    for text in texts:
        key = f" {normalise(text)} "
        if not key.strip():
            continue
        for category, keywords in keywords_by_category:
            for keyword in keywords:
                if f" {keyword} " in key or (len(keyword) > 4 and keyword in key):
                    return category, keyword
    return None, None
