"""The standard GLPI and OCS values (types, statuses) the fleet import reads: the table
in ecoclic_odoo/data/fleet_import_values.csv, its sources in data/fleet/README.md.

Pure Python: the parser module is imported by path, no Odoo needed."""

import csv
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "ecoclic_odoo" / "models"))
import fleet_import_parser as parser  # noqa: E402 (found through the sys.path entry above)

HEADER = "kind,value,target,itemtype,tool,lang,source"
CATEGORIES = {
    "laptop",
    "desktop",
    "screen",
    "smartphone",
    "tablet",
    "printer",
    "server",
    "network",
    "videoprojector",
    "other",
}
STATES = {
    "in_use",
    "in_stock",
    "in_repair",
    "to_reform",
    "reused_internal",
    "donated",
    "sold",
    "recycled",
}
TARGETS = {"type": CATEGORIES | {"ignore"}, "status": STATES | {"ignore"}}
ITEMTYPES = (
    "Computer",
    "Monitor",
    "Printer",
    "NetworkEquipment",
    "Phone",
    "Peripheral",
)
COMMON_USAGE = ("common French usage", "common English usage")
# SMBIOS chassis types 01h-24h (DMTF DSP0134 7.4.1), then the spellings the inventory
# agents use for some of them: dmidecode and the GLPI agent on Linux, Windows'
# Win32_SystemEnclosure (GLPI and FusionInventory agents on Windows), the OCS Windows
# agent.
SMBIOS_CHASSIS = [
    "Other",
    "Unknown",
    "Desktop",
    "Low Profile Desktop",
    "Pizza Box",
    "Mini Tower",
    "Tower",
    "Portable",
    "Laptop",
    "Notebook",
    "Hand Held",
    "Docking Station",
    "All in One",
    "Sub Notebook",
    "Space-saving",
    "Lunch Box",
    "Main Server Chassis",
    "Expansion Chassis",
    "SubChassis",
    "Bus Expansion Chassis",
    "Peripheral Chassis",
    "RAID Chassis",
    "Rack Mount Chassis",
    "Sealed-case PC",
    "Multi-system chassis",
    "Compact PCI",
    "Advanced TCA",
    "Blade",
    "Blade Enclosure",
    "Tablet",
    "Convertible",
    "Detachable",
    "IoT Gateway",
    "Embedded PC",
    "Mini PC",
    "Stick PC",
]
SMBIOS_SPELLINGS = [
    "All In One",
    "Space-Saving",
    "Sub Chassis",
    "Multi-system",
    "Multi-System",
    "CompactPCI",
    "AdvancedTCA",
    "Blade Enclosing",
    "Main System Chassis",
    "Storage Chassis",
    "Sealed-Case PC",
    "LapTop",
    "Peripheral CHassis",
]


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """No Odoo here: replaces pytest-odoo's fixture of that name (which loads the test
    database's registry), so that this file also runs without a database."""
    yield


def read_rows():
    with parser.VALUES_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = read_rows()


def ascii_text(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def row_id(row):
    return f"{row['kind']}-{row['lang']}-{ascii_text(row['value']).replace(' ', '_')}"


def variants(value):
    """The value as another export could write it: other case, accents, spacing."""
    plain = ascii_text(value)
    return [
        value.upper(),
        value.lower(),
        plain.upper(),
        f"  {plain.lower()}  ",
        plain.replace(" ", "  - ").upper(),
    ]


@pytest.mark.parametrize("row", ROWS, ids=[row_id(row) for row in ROWS])
def test_standard_value(row):
    assert parser.standard_value(row["kind"], row["value"]) == row["target"]
    for variant in variants(row["value"]):
        assert parser.standard_value(row["kind"], variant) == row["target"], variant


def test_header_is_exact():
    with parser.VALUES_FILE.open(encoding="utf-8") as handle:
        assert handle.readline().rstrip("\r\n") == HEADER


def test_rows_are_complete_and_unique():
    ids = Counter(row_id(row) for row in ROWS)
    assert not [key for key, count in ids.items() if count > 1]
    for row in ROWS:
        assert set(row) == set(HEADER.split(",")), row
        assert all(row[field].strip() == row[field] and row[field] for field in row), (
            row
        )
        assert row["kind"] in parser.VALUE_KINDS, row
        assert row["lang"] in ("fr", "en", "-"), row


def test_targets_are_allowed():
    for row in ROWS:
        assert row["target"] in TARGETS[row["kind"]], row


def test_categories_are_those_of_the_application():
    data = ET.parse(
        ROOT / "ecoclic_odoo" / "data" / "ecoclic_equipment_category_data.xml"
    )
    codes = {field.text for field in data.iter("field") if field.get("name") == "code"}
    assert codes == CATEGORIES


def test_itemtypes():
    allowed = set(ITEMTYPES) | {"any", "SoftwareLicense"}
    for row in ROWS:
        assert row["itemtype"] in allowed, row
        assert (row["itemtype"] == "any") == (row["kind"] == "status"), row


@pytest.mark.parametrize("itemtype", ITEMTYPES)
def test_each_itemtype_in_french_and_english(itemtype):
    langs = {row["lang"] for row in ROWS if row["itemtype"] == itemtype}
    assert {"fr", "en"} <= langs


def test_statuses_in_french_and_english():
    for state in STATES | {"ignore"}:
        langs = {
            row["lang"]
            for row in ROWS
            if row["kind"] == "status" and row["target"] == state
        }
        assert {"fr", "en"} <= langs, state


@pytest.mark.parametrize("chassis", SMBIOS_CHASSIS + SMBIOS_SPELLINGS)
def test_every_smbios_chassis_type(chassis):
    assert parser.standard_value("type", chassis) in CATEGORIES


def test_smbios_chassis_types_have_their_own_rows():
    smbios = {
        parser.normalise(row["value"])
        for row in ROWS
        if row["tool"] == "SMBIOS" and row["lang"] == "en"
    }
    assert {parser.normalise(name) for name in SMBIOS_CHASSIS} <= smbios


def test_table_is_consistent():
    parser.standard_values.cache_clear()
    table = parser.standard_values()
    assert len(table) == len(
        {(row["kind"], parser.normalise(row["value"])) for row in ROWS}
    )


def test_most_rows_come_from_a_tool_or_a_standard():
    sourced = [row for row in ROWS if row["source"] not in COMMON_USAGE]
    assert len(sourced) > len(ROWS) / 2
    for row in ROWS:
        if row["source"] in COMMON_USAGE:
            # a value admins create themselves, or the French for a chassis type
            assert row["tool"] in ("any", "SMBIOS"), row
            assert row["source"] == COMMON_USAGE[row["lang"] != "fr"], row
