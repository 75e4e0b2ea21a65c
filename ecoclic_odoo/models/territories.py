# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The official territory file (data/territories/territories.csv.gz, built by
tools/territories.py from Etalab's @etalab/decoupage-administratif): every commune and
EPCI with its own taxation, looked up by INSEE code or SIREN.

Read once per process, on the first lookup, into two dictionaries (about 38 000 rows);
no record is created for them (see data/territories/README.md)."""

import csv
import functools
import gzip
import io
from collections import namedtuple

from odoo.tools.misc import file_path

TERRITORY_FILE = "ecoclic_odoo/data/territories/territories.csv.gz"
Territory = namedtuple(
    "Territory",
    "code siren name kind population departement region epci parent",
)
# The file's kinds that are a collectivity of their own, with their collectivity type.
COLLECTIVITY_KINDS = {
    "commune": "commune",
    "cc": "cc",
    "ca": "ca",
    "cu": "cu",
    "metropole": "metropole",
}
# Former communes, now part of a new commune (their code leads to it).
MERGED_KINDS = ("deleguee", "associee")


@functools.lru_cache(maxsize=1)
def _index():
    """(rows by INSEE code, rows by SIREN, the file's first line)."""
    with open(file_path(TERRITORY_FILE), "rb") as handle:
        text = gzip.decompress(handle.read()).decode("utf-8")
    stream = io.StringIO(text)
    source = stream.readline().lstrip("# ").strip()
    by_code, by_siren = {}, {}
    for row in csv.DictReader(stream):
        row["population"] = int(row["population"]) if row["population"] else 0
        territory = Territory(**row)
        if territory.code:
            by_code[territory.code] = territory
        if territory.siren:
            by_siren[territory.siren] = territory
    return by_code, by_siren, source


def source():
    """The source line of the file: package, version, licence."""
    return _index()[2]


def lookup(code):
    """The territory of an INSEE code (5 characters) or a SIREN (9 digits), or None."""
    code = (code or "").strip().replace(" ", "").upper()
    by_code, by_siren, _source = _index()
    if len(code) == 9:
        return by_siren.get(code)
    if len(code) == 5:
        return by_code.get(code)
    return None


def successor(territory):
    """The current commune a delegated or associated commune belongs to (None if none)."""
    if territory and territory.kind in MERGED_KINDS:
        return _index()[0].get(territory.parent)
    return None
