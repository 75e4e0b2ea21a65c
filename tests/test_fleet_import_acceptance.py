"""Acceptance of the fleet import on a messy GLPI export, as a référent of a new
collectivity would live it: one pass imports what can be imported, the file of lines to
correct holds every other line and every flagged one with its reason, and each kind of
mistake has the outcome the import promises. The export is
tests/fixtures/glpi_messy.py's, the committed one
(ecoclic_odoo/demo/samples/glpi_parc_communal_fr.csv) and a larger one of another seed."""

import base64
import csv
import io
from collections import Counter
from datetime import datetime

import pytest
from conftest import ROOT
from fixtures import glpi_messy

from odoo.addons.ecoclic_odoo.tests.common import company_user

SAMPLE = ROOT / "ecoclic_odoo" / "demo" / "samples" / "glpi_parc_communal_fr.csv"
COL = glpi_messy.COLUMN
CATEGORY_OF_TYPE = {
    "Portable": "laptop",
    "Unité centrale": "desktop",
    "Tout-en-un": "desktop",
}
LIFECYCLE_OF_STATUS = {"En service": "in_use", "En stock": "in_stock"}


@pytest.fixture
def referent(env):
    """The référent of a collectivity that has never imported anything."""

    company = env["res.company"].create(
        {
            "name": "Commune de Kerbrat-Acceptation",
            "ecoclic_collectivity_type": "commune",
        }
    )
    return company_user(
        env,
        company,
        login="referent.kerbrat",
        groups="base.group_user,ecoclic_odoo.group_ecoclic_manager",
    )


def new_wizard(env, referent, content, filename="glpi_parc_communal_fr.csv"):
    return (
        env["ecoclic.fleet.import"]
        .with_user(referent)
        .create(
            {
                "file": base64.b64encode(content),
                "filename": filename,
                "company_id": referent.company_id.id,
            }
        )
    )


def issues_of(wizard):
    """(header, rows) of the downloadable file of lines to correct."""
    name, content, mimetype = wizard._ecoclic_export("fleet-import-issues")
    assert name.endswith(".csv") and mimetype.startswith("text/csv")
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    # A cell that begins with = + - or @ is written after a quote, so that a spreadsheet
    # does not take it for a formula (the import takes the quote off again).
    table = [
        [cell[1:] if cell[:2] in ("'=", "'+", "'-", "'@") else cell for cell in row]
        for row in table
    ]
    return table[0], table[1:]


def amount(text):
    return float(text.replace(" ", "").replace(",", "."))


def test_the_committed_sample_is_the_generators_output():
    """So that the expected outcomes below are those of the committed file."""
    content, outcomes = glpi_messy.build(300, seed=2026)
    assert SAMPLE.read_bytes() == content
    assert len(outcomes) == 300
    counts = Counter(outcomes)
    assert counts["clean"] == 270 and set(counts) == {"clean", *glpi_messy.KINDS}
    # The mistakes the brief names are in it.
    text = content.decode()
    for mistake in (
        '"31-02-2020"',
        '"00-00-0000"',
        '"env. 300"',
        '"PC portable perso"',
    ):
        assert mistake in text, mistake
    # Deterministic, and fast enough for the benchmark's 50 000 lines.
    assert glpi_messy.build(300, seed=2026) == (content, outcomes)
    assert glpi_messy.build(300, seed=1)[0] != content


def test_sample_identifiers_do_not_collide_with_the_demo_data():
    header, body, _outcomes = glpi_messy.rows_of(300, seed=2026)
    serials = {row[COL["Numéro de série"]] for row in body} - {""}
    inventories = {row[COL["Numéro d'inventaire"]] for row in body} - {""}
    assert not any(s.startswith(("DEMO", "FR", "EN", "OCS", "MON", "SN", "BENCH")) for s in serials)
    assert all(number.startswith("SMV-") for number in inventories)
    for sample in (
        "glpi_ordinateurs_fr.csv",
        "glpi_computers_en.csv",
        "ocs_inventory.csv",
    ):
        assert not any(
            serial in (SAMPLE.parent / sample).read_text("latin-1") for serial in serials
        ), sample


@pytest.mark.parametrize(
    "rows, seed",
    [(300, 2026), (1000, 7)],
    ids=["committed sample", "1 000 lines, seed 7"],
)
def test_a_messy_glpi_export_imports_in_one_pass(env, referent, rows, seed):  # noqa: C901
    header, body, outcomes = glpi_messy.rows_of(rows, seed=seed)
    content = glpi_messy.to_csv(header, body)
    if seed == 2026:
        assert content == SAMPLE.read_bytes()
    company = referent.company_id
    imported_kinds = set(glpi_messy.IMPORTED)
    expected_imported = sum(1 for kind in outcomes if kind in imported_kinds)
    expected_dirty_imported = sum(
        1 for kind in outcomes if kind in imported_kinds and kind != "clean"
    )

    # The dry run: nothing written, every line accounted for.
    wizard = new_wizard(env, referent, content)
    wizard.action_analyse()
    assert wizard.state == "analysed"
    assert not env["maintenance.equipment"].search_count([("company_id", "=", company.id)])
    assert (wizard.to_create, wizard.to_update, wizard.ignored) == (
        expected_imported,
        0,
        0,
    )
    assert wizard.rejected == rows - expected_imported
    # Flagged: the dirty lines, except those whose unknown type or status the dry run
    # already answers with a suggestion (checked below: the import flags the same lines).
    dry_run_flagged = wizard.flagged
    assert 0 < dry_run_flagged <= expected_dirty_imported
    assert wizard.report
    # Each type and status that is not GLPI's is one question, with its count of lines.
    asked = Counter()
    for kind, column in (("type", "Type"), ("status", "Statut")):
        for index, outcome in enumerate(outcomes):
            if outcome == f"unknown_{kind}":
                asked[kind, body[index][COL[column]]] += 1
    assert {(v.kind, v.value): v.count for v in wizard.value_ids} == dict(asked)
    answers = {(v.kind, v.value): v for v in wizard.value_ids}

    # One pass: at least 95 % of the lines imported.
    wizard.action_import()
    assert wizard.state == "done"
    assert (wizard.created, wizard.updated) == (expected_imported, 0)
    assert wizard.created >= 0.95 * rows
    assert (wizard.created, wizard.updated) == (expected_imported, 0)
    assert wizard.result.startswith(f"{expected_imported} ")  # in the référent's language
    fleet = env["maintenance.equipment"].search([("company_id", "=", company.id)])
    assert len(fleet) == expected_imported
    assert wizard.equipment_ids == fleet
    by_inventory = {e.ecoclic_inventory_number: e for e in fleet}
    by_serial = {e.serial_no: e for e in fleet}
    assert len(by_inventory) == len(by_serial) == len(fleet)

    # Each line has the outcome of its kind.
    flagged_after = set()
    for index, (kind, cells) in enumerate(zip(outcomes, body, strict=True)):
        where = f"line {index + 2} ({kind})"
        inventory, serial = (
            cells[COL["Numéro d'inventaire"]],
            cells[COL["Numéro de série"]],
        )
        if kind == "no_identity":
            continue
        if kind == "repeated_serial":  # imported once, from its first line
            first = by_serial[serial]
            assert first.ecoclic_inventory_number != inventory, where
            assert inventory not in by_inventory, where
            continue
        if kind == "repeated_inventory":
            assert serial not in by_serial, where
            assert by_inventory[inventory].serial_no != serial, where
            continue
        equipment = by_inventory[inventory]
        assert equipment.serial_no == serial and equipment.name == cells[COL["Nom"]], where
        assert equipment.location == cells[COL["Lieu"]], where
        assert equipment.model == f"{cells[COL['Fabricant']]} {cells[COL['Modèle']]}", where
        supplier = cells[COL["Fournisseur"]]
        assert equipment.partner_id.name == (supplier or False), where
        bought, value = cells[COL["Date d'achat"]], cells[COL["Valeur"]]
        if kind in ("bad_date", "future_date"):
            assert not equipment.ecoclic_acquisition_date, where
        elif bought:
            assert (
                equipment.ecoclic_acquisition_date == datetime.strptime(bought, "%d-%m-%Y").date()
            ), where
        if kind in ("negative_amount", "bad_amount"):
            assert equipment.cost == 0, where
        elif value:
            assert equipment.cost == pytest.approx(amount(value)), where
        glpi_type, status = cells[COL["Type"]], cells[COL["Statut"]]
        if kind == "unknown_type":
            # Imported with the meaning suggested for the value, if any, else without a
            # category and flagged.
            answer = answers["type", glpi_type]
            assert equipment.ecoclic_category_id == answer.category_id, where
            if not answer.category_id:
                flagged_after.add(index)
        else:
            assert equipment.ecoclic_category_id.code == CATEGORY_OF_TYPE[glpi_type], where
        if kind == "unknown_status":
            answer = answers["status", status]
            assert equipment.ecoclic_lifecycle == (answer.lifecycle or "in_use"), where
            if not answer.lifecycle:
                flagged_after.add(index)
        else:
            assert equipment.ecoclic_lifecycle == LIFECYCLE_OF_STATUS[status], where
        if kind not in ("clean", "unknown_type", "unknown_status"):
            flagged_after.add(index)
    # Both sorts of unknown values are in the file: answered by a suggestion, and not.
    assert any(v.suggested for v in wizard.value_ids)
    assert any(not (v.category_id or v.lifecycle) for v in wizard.value_ids)
    assert wizard.flagged == len(flagged_after) == dry_run_flagged

    # The file of lines to correct: every line not imported and every flagged one, in
    # the file's order and own columns, with a reason that says what happened.
    not_imported = {i for i, kind in enumerate(outcomes) if kind not in imported_kinds}
    expected_lines = sorted(not_imported | flagged_after)
    issue_header, issues = issues_of(wizard)
    assert issue_header[:-1] == header and issue_header[-1] in (
        "Import note",
        "Remarque d'import",
    )
    assert len(issues) == len(expected_lines) == wizard.rejected + wizard.flagged
    reasons = wizard._reasons()
    for index, row in zip(expected_lines, issues, strict=True):
        kind = outcomes[index]
        assert row[:-1] == body[index], f"line {index + 2}"
        assert row[-1].strip(), f"line {index + 2}: no reason"
        assert reasons[kind] in row[-1], (index + 2, kind, row[-1])

    # The same file again: nothing created, every imported line matched, none changed.
    again = new_wizard(env, referent, content)
    again.action_analyse()
    assert (again.to_create, again.to_update) == (0, expected_imported)
    again.action_import()
    assert (again.created, again.updated, again.unchanged) == (0, 0, expected_imported)
    assert (
        env["maintenance.equipment"].search_count([("company_id", "=", company.id)])
        == expected_imported
    )


def test_the_benchmark_size_is_generated_fast():
    import time

    start = time.perf_counter()
    content, outcomes = glpi_messy.build(50_000, seed=1)
    assert time.perf_counter() - start < 15
    assert len(outcomes) == 50_000
    assert sum(kind == "clean" for kind in outcomes) == 45_000
    assert len(content.splitlines()) == 50_001
