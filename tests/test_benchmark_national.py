"""The national benchmark's generator (tests/benchmarks/national.py) builds what it claims,
here on two départements of the official territory file (Ille-et-Vilaine, Territoire de
Belfort), rolled back: every commune but the held-out ones, their EPCI with their members,
the départements and régions, fleets in proportion to population; then its measures run
and agree with their per-record references. Counts are read from the file itself."""

import csv
import gzip
import sys
from collections import Counter

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import national  # noqa: E402
import onboarding  # noqa: E402

DEPARTEMENTS = ("35", "90")
TERRITORY = ROOT / "ecoclic_odoo" / "data" / "territories" / "territories.csv.gz"


def file_rows():
    with gzip.open(TERRITORY, "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@pytest.fixture
def built(env):
    ids = national.generate_national(env, DEPARTEMENTS, opsn_size=100)
    companies = env["res.company"].search(
        [("ecoclic_opsn_id", "in", [ids["opsn"], ids["network"]])]
    )
    return ids, companies


def test_collectivities_are_the_territory(env, built):
    _ids, companies = built
    rows = file_rows()
    communes = {
        r["siren"]: r for r in rows if r["kind"] == "commune" and r["departement"] in DEPARTEMENTS
    }
    assert "213502388" in communes  # Rennes, held out for the onboarding measure
    expected = set(communes) - set(onboarding.SIRENS)
    got = companies.filtered(lambda c: c.ecoclic_collectivity_type == "commune")
    assert set(got.mapped("ecoclic_siren")) == expected
    epcis = {r["siren"]: r for r in rows if r["kind"] in ("cc", "ca", "cu", "metropole")}
    members = {communes[s]["epci"] for s in expected if communes[s]["epci"]}
    got_epcis = companies.filtered(lambda c: c.ecoclic_collectivity_type in national.EPCI_KINDS)
    assert set(got_epcis.mapped("ecoclic_siren")) == members
    assert {c.ecoclic_collectivity_type for c in got_epcis} == {epcis[s]["kind"] for s in members}
    kinds = Counter(companies.mapped("ecoclic_collectivity_type"))
    assert kinds["departement"] == 2 and kinds["region"] == 2  # Bretagne, Bourgogne-FC
    for commune in got[:50]:
        row = communes[commune.ecoclic_siren]
        assert commune.ecoclic_insee_code == row["code"]
        assert commune.ecoclic_population == int(row["population"])
        assert commune.ecoclic_departement_id.code == row["departement"]
        assert commune.ecoclic_region_id.code == row["region"]


def test_epci_memberships(env, built):
    _ids, companies = built
    communes = {r["siren"]: r for r in file_rows() if r["kind"] == "commune"}
    linked = 0
    for company in companies.filtered(lambda c: c.ecoclic_collectivity_type == "commune"):
        epci = communes[company.ecoclic_siren]["epci"]
        assert company.ecoclic_intercommunality_id.ecoclic_siren == (epci or False)
        linked += bool(epci)
    assert linked > 300
    rennes_metropole = companies.filtered(lambda c: c.ecoclic_siren == "243500139")
    assert rennes_metropole.ecoclic_collectivity_type == "metropole"
    members = companies.filtered(lambda c: c.ecoclic_intercommunality_id == rennes_metropole)
    assert len(members) == 42  # its 43 communes but Rennes, held out


def test_opsn_fleets_and_assessments(env, built):
    ids, companies = built
    opsn = companies.filtered(lambda c: c.ecoclic_opsn_id.id == ids["opsn"])
    assert len(opsn) == 100
    assert set(opsn.mapped("ecoclic_departement_id.code")) == {"35"}  # the first of the list
    assert set(opsn.mapped("ecoclic_collectivity_type")) == {"commune"}
    fleets = dict(
        env["maintenance.equipment"]
        .with_context(active_test=False)
        ._read_group([("company_id", "in", companies.ids)], ["company_id"], ["__count"])
    )
    for company in companies:
        per = national.DEVICES_PER[company.ecoclic_collectivity_type]
        expected = max(national.MIN_DEVICES, company.ecoclic_population // per)
        assert fleets[company] == expected, company.name
    assessments = env["ecoclic.assessment"].search([("company_id", "in", companies.ids)])
    assert len(assessments) == 3 * len(companies)
    assert all(
        a.segment_intercommunality_id == a.company_id.ecoclic_intercommunality_id
        for a in assessments[:300]
    )


def test_measures_agree_at_small_scale(env, built):
    ids, _companies = built
    results = national.run_measures(env, ids, runs=1)
    assert set(results) == {"onboarding", "peers", "dashboard", "export"}
    for name in ("peers", "dashboard", "export"):
        assert results[name]["identical"], (name, results[name]["difference"])
        assert results[name]["ours"]["queries"] < results[name]["naive"]["queries"], name
    assert results["dashboard"]["raw"]["identical"], results["dashboard"]["raw"]["difference"]
    assert results["onboarding"]["queries"] > 0
    assert results["export"]["ours"]["queries"] <= 3
