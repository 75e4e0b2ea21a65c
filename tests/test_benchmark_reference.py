"""The benchmark's per-record references compute the same figures as the add-ons' set-wise
code, here on the demo data (returns, several currencies, donations, conditional questions,
held and planned follow-ups...), so that the benchmark's "same results" column means
something and its code does not rot. Timings belong to the benchmark, not here."""

import sys
from datetime import date

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import naive  # noqa: E402
import scale  # noqa: E402

from odoo.addons.ecoclic_odoo.tests.common import company_user


@pytest.fixture
def opsn(env):
    return env.ref("ecoclic_odoo_opsn.company_opsn")


def test_scoring_matches(env):
    assessments = env["ecoclic.assessment"].search([("user_input_id", "!=", False)])
    assert len(assessments) >= 10
    for assessment in assessments:
        ours = naive.scores_setwise(assessment)
        assert ours[0][4] > 0  # questions in scope
        assert not scale.same(ours, naive.scores(assessment)), assessment.display_name


def test_peers_match(env):
    assessments = env["ecoclic.assessment"].search([("state", "=", "submitted")])
    shown = 0
    for assessment in assessments:
        ours = naive.peers_setwise(assessment)
        shown += sum(segment["shown"] and not segment.get("reference") for segment in ours)
        assert not scale.same(ours, naive.peers(assessment)), assessment.display_name
    assert shown  # some segment reaches the anonymity floor on the demo data


def test_agec_matches(env):
    companies = env["res.company"].search([("ecoclic_collectivity_type", "!=", False)])
    this_year = date.today().year
    compared = 0
    for year in (this_year - 1, this_year):
        period = (date(year, 1, 1), date(year, 12, 31))
        figures = companies._ecoclic_agec_figures(*period)
        for company in companies:
            ours = figures.get(company.id)
            reference = naive.agec(company, *period)
            if ours is None:
                assert not reference["spend"], company.name
                continue
            compared += 1
            assert not scale.same(ours, reference), (company.name, year)
    assert compared >= 5


def test_dashboard_matches(env, opsn):
    Dashboard = env["ecoclic.opsn.dashboard"]
    fnames = scale.dashboard_fields(Dashboard)
    ours = Dashboard.search_read([("opsn_id", "=", opsn.id)], fnames, order="id")
    reference = naive.dashboard(opsn, date.today())
    assert len(ours) >= 5
    assert {row["late"] for row in ours} == {True, False}
    assert not scale.same(
        ours,
        sorted(
            ({name: row[name] for name in ["id", *fnames]} for row in reference),
            key=lambda row: row["id"],
        ),
    )


def test_fleet_indicators_match(env):
    companies = env["res.company"].search([("ecoclic_collectivity_type", "!=", False)])
    today = date.today()
    values = companies._ecoclic_fleet_indicators(today.year, today=today)
    reference = naive.fleet_indicators(companies, today)
    keys = ("fleet", "unhandled", "age", "footprint", "footprint_adpe", "footprint_pe")
    assert sum(reference[c.id]["fleet"] for c in companies) > 100
    for company in companies:
        ours = {key: values.get(company.id, dict.fromkeys(keys, 0))[key] for key in keys}
        assert not scale.same(ours, reference[company.id]), company.name


def test_xlsx_matches(env, opsn):
    ours = scale.workbook_values(opsn._ecoclic_portfolio_xlsx())
    with scale.naive_export_sources(opsn, date.today()):
        reference = scale.workbook_values(opsn._ecoclic_portfolio_xlsx())
    assert len(ours) > 3
    assert not scale.same(ours, reference)


def test_glpi_import_matches_base_import(env):
    company = env["res.company"].create(
        {"name": "Commune de référence", "ecoclic_collectivity_type": "commune"}
    )
    referent = company_user(
        env,
        company,
        login="reference.referente",
        groups="base.group_user,ecoclic_odoo.group_ecoclic_manager",
    )
    result = scale.glpi_import(env, company, 250, runs=1, user=referent)
    assert result["identical"], result["difference"]
    # Ours takes the messy export whole and imports what can be imported; base_import its
    # clean lines.
    assert (result["lines"], result["dirty_lines"], result["base_import_lines"]) == (250, 25, 225)
    assert result["imported"] + result["rejected"] == 250
    assert result["imported_share"] >= 0.95 and result["flagged"] > 0
    assert result["ours"]["queries"] > 0 and result["naive"]["queries"] > 0
    # Rolled back after every run: nothing stays.
    assert not env["maintenance.equipment"].search_count([("company_id", "=", company.id)])


def test_benchmark_runs_end_to_end_at_small_scale(env):
    """The generator and every side-by-side measure, on 12 synthetic collectivities (rolled
    back): what `devctl bench` does at 2 000, so that it keeps working."""
    import generate

    ids = generate.generate(env, 12, 10)
    opsn = env["res.company"].browse(ids["opsn"])
    assert env["res.company"].search_count([("ecoclic_opsn_id", "=", opsn.id)]) == 12
    assert (
        env["maintenance.equipment"]
        .with_context(active_test=False)
        .search_count([("company_id.ecoclic_opsn_id", "=", opsn.id)])
        == 120
    )  # one archived
    results = scale.run_measures(env, ids, runs=1, import_rows=40)
    assert set(results) == {
        "scoring",
        "peers",
        "dashboard",
        "fleet",
        "agec",
        "xlsx",
        "glpi_import",
    }
    assert results["fleet"]["single_criterion"]["queries"] > 0
    for name, result in results.items():
        assert result["identical"], (name, result["difference"])
        assert result["ours"]["queries"] < result["naive"]["queries"], name
    # Every synthetic collectivity has what the dashboard shows.
    rows = env["ecoclic.opsn.dashboard"].search_read(
        [("opsn_id", "=", opsn.id)], ["grade", "assessment_date", "fleet_age", "overdue_actions"]
    )
    assert len(rows) == 12
    assert all(row["grade"] and row["assessment_date"] and row["fleet_age"] > 0 for row in rows)
    assert any(row["overdue_actions"] for row in rows)
