"""Our footprint figures are Boavizta's: the engine recomputes them on this machine.

boaviztapi (PyPI, AGPL-3) lives in a virtualenv of its own (`tools/devctl.py boavizta`
makes it under the state folder; `make test` passes its Python as ECOCLIC_BOAVIZTA_PYTHON),
since Odoo never imports it. Two checks: the files the add-on ships are what
tools/boavizta_reference.py writes today, and a laptop's and a desktop's embodied and
French use impacts, straight from the engine, are the ones the installed add-on computes.
"""

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from conftest import ROOT

SCRIPT = ROOT / "tools" / "boavizta_reference.py"


@pytest.fixture(scope="module")
def boavizta_python():
    """ECOCLIC_BOAVIZTA_PYTHON, else the state folder's Boavizta virtualenv (made from PyPI
    on first use: about a minute)."""
    python = os.environ.get("ECOCLIC_BOAVIZTA_PYTHON")
    if python:
        return python
    done = subprocess.run(
        [sys.executable, ROOT / "tools" / "devctl.py", "boavizta", "--print-python"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().splitlines()[-1]


def engine(python, *args):
    done = subprocess.run(
        [python, SCRIPT, *args], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_shipped_files_are_what_the_engine_gives(boavizta_python):
    engine(boavizta_python, "--check")


@pytest.mark.parametrize(
    ("code", "archetype"), [("laptop", "laptop-pro"), ("desktop", "desktop-pro")]
)
def test_a_device_impacts_in_france_match_the_engine(env, boavizta_python, code, archetype):
    theirs = json.loads(engine(boavizta_python, "--device", archetype, "--country", "FRA"))
    assert theirs["version"] == "2.5.0"
    category = env.ref(f"ecoclic_odoo.equipment_category_{code}")
    company = env["res.company"].create(
        {"name": "Commune test", "country_id": env.ref("base.fr").id}
    )
    item = env["maintenance.equipment"].create(
        {
            "name": f"{code} bought this year",
            "company_id": company.id,
            "ecoclic_category_id": category.id,
            "ecoclic_acquisition_date": date.today(),
        }
    )
    embedded = {c: theirs[c]["embedded"] for c in ("gwp", "adpe", "adpf")}
    use = {c: theirs[c]["use"][0] for c in ("gwp", "adpe", "pe", "fe")}
    # Embodied, over the whole life: GWP, ADPe, and fossil resource use for primary energy
    # (Boavizta gives user devices no embodied primary energy).
    assert theirs["pe"]["embedded"] is None
    assert category.embodied_pe_criterion == "adpf"
    for ours, (value, low, high) in (
        (
            (
                category.manufacturing_footprint,
                category.manufacturing_footprint_min,
                category.manufacturing_footprint_max,
            ),
            embedded["gwp"],
        ),
        (
            (category.embodied_adpe, category.embodied_adpe_min, category.embodied_adpe_max),
            embedded["adpe"],
        ),
        (
            (category.embodied_pe, category.embodied_pe_min, category.embodied_pe_max),
            embedded["adpf"],
        ),
    ):
        assert ours == pytest.approx((value, low, high), rel=1e-5)
    assert item.ecoclic_manufacturing_footprint == pytest.approx(embedded["gwp"][0], rel=1e-5)
    assert item.ecoclic_embodied_adpe == pytest.approx(embedded["adpe"][0], rel=1e-5)
    assert item.ecoclic_lifespan == pytest.approx(theirs["hours_life_time"] / 8760, abs=0.05)
    # One year of use with France's electricity.
    assert item.ecoclic_yearly_energy == pytest.approx(use["fe"], rel=1e-5)
    figures = category._ecoclic_figures(company)[company.id, category.id]
    assert figures.use_per_year == pytest.approx(use["gwp"], rel=1e-5)
    assert item.ecoclic_use_footprint_year == pytest.approx(use["gwp"], abs=0.005)  # shown
    assert item.ecoclic_use_adpe_year == pytest.approx(use["adpe"], rel=1e-5)
    assert item.ecoclic_use_pe_year == pytest.approx(use["pe"], rel=1e-5)
