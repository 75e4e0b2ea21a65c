"""Benchmark: an OPSN supervising N collectivities (default 2 000) with M equipment records
(default 1 000 000): the supervision dashboard and the consolidated exports.

Run with `python3 tools/devctl.py bench opsn_scale [collectivities] [equipment]` after
`make test` (it uses the test database and rolls everything back). Collectivities are
created with the ORM (batches of 200: companies need their partners, sequences...); their
assessments, axis scores and equipment are written by batched SQL inserts. Prints, for the
dashboard (all columns, as an OPSN viewer) and the XLSX and CSV exports, the median time of
3 runs after a warm-up, the queries, and the export's peak Python memory (tracemalloc).
Not part of the pass/fail suite.
"""
import statistics
import sys
import time
import tracemalloc

from odoo.tests import new_test_user

COMPANIES = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
EQUIPMENT = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000


def measure(env, function, runs=3):
    """(median seconds, queries of one run, peak MiB of one run) after a warm-up."""
    function()
    times = []
    for _run in range(runs):
        env.invalidate_all()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    env.invalidate_all()
    before = env.cr.sql_log_count
    tracemalloc.start()
    function()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), env.cr.sql_log_count - before, peak / 2**20


def main(env):
    started = time.perf_counter()
    Company = env["res.company"].with_context(tracking_disable=True)
    opsn = Company.create({"name": "Benchmark OPSN", "ecoclic_is_opsn": True})
    for first in range(0, COMPANIES, 200):
        Company.create([{
            "name": f"Bench collectivity {i:05d}", "ecoclic_collectivity_type": "commune",
            "ecoclic_population": 300 + (i * 37) % 60_000, "ecoclic_opsn_id": opsn.id,
        } for i in range(first, min(first + 200, COMPANIES))])
    env.flush_all()
    created = time.perf_counter()
    survey = env.ref("ecoclic_odoo.survey_maturity_v1")
    laptop = env.ref("ecoclic_odoo.equipment_category_laptop")
    env.cr.execute("""
        INSERT INTO ecoclic_assessment (company_id, survey_id, state, overall_score, grade,
                                        target_score, date_start, date_submitted, level2,
                                        create_uid, write_uid, create_date, write_date)
        SELECT c.id, %s, 'submitted', (c.id * 7) %% 100, 'C', 70,
               now()::date - (y * 365), now() - make_interval(days => y * 365),
               FALSE, 1, 1, now(), now()
          FROM res_company c, generate_series(0, 2) y
         WHERE c.ecoclic_opsn_id = %s
    """, [survey.id, opsn.id])
    env.cr.execute("""
        INSERT INTO ecoclic_assessment_axis (assessment_id, company_id, axis_id, axis_sequence,
                                             score, target_score, gap, grade, date_submitted)
        SELECT a.id, a.company_id, ax.id, ax.sequence, (a.id * ax.id) %% 100, 70,
               70 - (a.id * ax.id) %% 100, 'C', a.date_submitted
          FROM ecoclic_assessment a JOIN res_company c ON c.id = a.company_id,
               ecoclic_axis ax
         WHERE c.ecoclic_opsn_id = %s
    """, [opsn.id])
    env.cr.execute("""
        INSERT INTO maintenance_equipment (name, company_id, ecoclic_category_id,
                                           ecoclic_acquisition_mode, ecoclic_acquisition_date,
                                           effective_date, ecoclic_lifecycle, active,
                                           create_uid, write_uid, create_date, write_date)
        SELECT jsonb_build_object('en_US', 'Bench device ' || g), ids.ids[1 + g %% array_length(ids.ids, 1)], %s, 'new',
               now()::date - (g %% 3000), now()::date - (g %% 3000), 'in_use', TRUE,
               1, 1, now(), now()
          FROM generate_series(1, %s) g,
               (SELECT array_agg(id) AS ids FROM res_company
                 WHERE ecoclic_opsn_id = %s) ids
    """, [laptop.id, EQUIPMENT, opsn.id])
    env.cr.execute("ANALYZE")
    env.invalidate_all()
    filled = time.perf_counter()
    viewer = new_test_user(env, login="bench_opsn_viewer",
                           groups="ecoclic_odoo_opsn.group_opsn_viewer",
                           company_id=opsn.id, company_ids=[opsn.id])
    Dashboard = env["ecoclic.opsn.dashboard"].with_user(viewer)
    fnames = list(Dashboard._fields)
    rows = Dashboard.search_read([], fnames)
    assert len(rows) == COMPANIES, len(rows)
    print(f"generated {COMPANIES} collectivities in {created - started:.0f} s, "
          f"{3 * COMPANIES} assessments and {EQUIPMENT} equipment in "
          f"{filled - created:.0f} s")
    opsn_as_viewer = opsn.with_user(viewer)
    for label, function in (
            ("dashboard, every column", lambda: Dashboard.search_read([], fnames)),
            ("portfolio XLSX export", opsn_as_viewer._ecoclic_portfolio_xlsx),
            ("portfolio CSV export", opsn_as_viewer._ecoclic_portfolio_csv),
            ("anonymised benchmark", opsn_as_viewer._ecoclic_benchmark_csv)):
        seconds, queries, peak = measure(env, function)
        print(f"{label} for {COMPANIES} collectivities: median {seconds:.2f} s, "
              f"{queries} queries, peak Python memory {peak:.1f} MiB")
    env.cr.rollback()


main(env)  # noqa: F821 (run by `odoo shell`, which provides env)
