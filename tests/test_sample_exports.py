"""The sample GLPI and OCS exports shipped under ecoclic_odoo/demo/samples import as they should."""

import base64

import pytest
from conftest import ROOT

SAMPLES = ROOT / "ecoclic_odoo" / "demo" / "samples"


@pytest.fixture
def collectivity(env):
    # The demo imported these samples into its collectivities already: serial numbers
    # are unique within a collectivity only, so a new one imports them again.
    company = env["res.company"].create(
        {"name": "Commune échantillon", "ecoclic_collectivity_type": "commune"}
    )
    env.user.company_ids |= company
    return company


def run(env, company, name, **values):
    wizard = (
        env["ecoclic.fleet.import"]
        .with_company(company)
        .create(
            {
                "file": base64.b64encode((SAMPLES / name).read_bytes()),
                "filename": name,
                "company_id": company.id,
                **values,
            }
        )
    )
    wizard.action_analyse()
    counts = (wizard.to_create, wizard.to_update, wizard.rejected)
    wizard.action_import()
    return counts, wizard


@pytest.mark.parametrize(
    "name, expected, options",
    [
        ("glpi_ordinateurs_fr.csv", 40, {}),  # ; UTF-8 with BOM, French
        ("glpi_computers_en.csv", 20, {}),  # , Latin-1, English
        ("glpi_moniteurs.xlsx", 15, {"category": "screen"}),  # XLSX monitors
        ("ocs_inventory.csv", 10, {}),  # OCS Inventory
    ],
)
def test_sample_imports(env, collectivity, name, expected, options):
    values = {}
    if options.get("category"):
        values["default_category_id"] = env.ref(
            f"ecoclic_odoo.equipment_category_{options['category']}"
        ).id
    counts, _wizard = run(env, collectivity, name, **values)
    assert counts == (expected, 0, 0)
    fleet = env["maintenance.equipment"].search([("company_id", "=", collectivity.id)])
    assert len(fleet) == expected
    assert all(fleet.mapped("ecoclic_category_id"))
    # Importing the same file again updates, never duplicates.
    counts, _wizard = run(env, collectivity, name, **values)
    assert counts == (0, expected, 0)
    assert (
        env["maintenance.equipment"].search_count([("company_id", "=", collectivity.id)])
        == expected
    )


def test_french_sample_statuses(env, collectivity):
    run(env, collectivity, "glpi_ordinateurs_fr.csv")
    fleet = env["maintenance.equipment"].search([("company_id", "=", collectivity.id)])
    states = set(fleet.mapped("ecoclic_lifecycle"))
    assert {"in_use", "in_stock", "in_repair", "donated", "recycled"} <= states
    assert all(e.scrap_date for e in fleet if e.ecoclic_lifecycle in ("donated", "recycled"))
