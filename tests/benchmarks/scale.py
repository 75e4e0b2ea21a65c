"""Benchmark at OPSN scale: the add-ons' set-wise computations side by side with per-record
ORM loops computing the same figures.

Driven by ``python3 tools/devctl.py bench`` (see the README), which builds one database per
size and calls this script twice: ``generate`` (once per database, kept between runs) and
``measure`` (rolls everything back). Not part of the pass/fail suite.

Every measure: one warm-up run (its result is the one compared), then ``--runs`` timed runs
(median reported), then one run under tracemalloc for the peak Python memory. Queries are
those of the first timed run. Caches of records are emptied before each run.
"""

import argparse
import base64
import csv
import io
import json
import os
import resource
import statistics
import sys
import threading
import time
import tracemalloc
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from unittest.mock import patch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent / "fixtures"))

# The GLPI export of the import measure: tests/fixtures/glpi_messy.py's, 10 % of its lines
# holding one mistake each (impossible dates, unreadable values, repeated serials, lines
# without identity, types and statuses that are not GLPI's).
GLPI_SEED, GLPI_PREFIX = 50_000, "BENCH"
# What Odoo's generic importer can map directly from a GLPI export (the other columns need
# the translation our importer does: status, type to category, manufacturer + model).
BASE_IMPORT_MAPPING = {
    "Nom": "name",
    "Numéro de série": "serial_no",
    "Numéro d'inventaire": "ecoclic_inventory_number",
    "Modèle": "model",
    "Lieu": "location",
    "Date d'achat": "ecoclic_acquisition_date",
    "Valeur": "cost",
}
COMPARED_IMPORT_FIELDS = [
    "name",
    "serial_no",
    "ecoclic_inventory_number",
    "location",
    "ecoclic_acquisition_date",
    "cost",
]
BASE_IMPORT_BATCH = 2000  # the import screen's default batch size


def glpi_export(rows):
    """(the messy export, the same without its dirty lines, serials of its clean lines,
    outcomes of its lines): base_import refuses a whole batch for one impossible date,
    unreadable value, repeated serial or line without a name, so it is given the clean
    lines only."""
    import glpi_messy

    header, body, outcomes = glpi_messy.rows_of(rows, seed=GLPI_SEED, prefix=GLPI_PREFIX)
    clean = [cells for cells, kind in zip(body, outcomes, strict=True) if kind == "clean"]
    serial = header.index("Numéro de série")
    return (
        glpi_messy.to_csv(header, body),
        glpi_messy.to_csv(header, clean),
        {cells[serial] for cells in clean},
        outcomes,
    )


def connect(config, db):
    import odoo
    from odoo.tools import config as odoo_config

    odoo_config.parse_config(["-c", config, "-d", db, "--no-http", "--log-level", "warn"])
    registry = odoo.modules.registry.Registry(db)
    return registry


# ----------------------------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------------------------
class RssSampler(threading.Thread):
    """Largest resident set size of this process while running (read every 5 ms)."""

    PAGE = os.sysconf("SC_PAGE_SIZE")

    def __init__(self):
        super().__init__(daemon=True)
        self.done = threading.Event()
        self.start_rss = self.peak = self.rss()

    def rss(self):
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * self.PAGE

    def run(self):
        while not self.done.wait(0.005):
            self.peak = max(self.peak, self.rss())

    def growth_mib(self):
        self.done.set()
        self.join()
        return round((max(self.peak, self.rss()) - self.start_rss) / 2**20, 1)


def measure(env, function, runs, rollback=False, capture=None, trace_memory=True, warmup=True):
    """({median, runs, queries, py_peak_mib}, result of the warm-up run, or of the first
    timed run without a warm-up)."""
    cr = env.cr

    def once(trace=False):
        env.invalidate_all()
        if rollback and rollback != "transaction":
            cr.execute("SAVEPOINT bench_run")
        before = cr.sql_log_count
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        value = function()
        if rollback:
            env.flush_all()
        elapsed = time.perf_counter() - start
        peak = None
        if trace:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        queries = cr.sql_log_count - before
        result = capture(value) if capture else value
        if rollback == "transaction":
            # The whole transaction, not a savepoint: rows left dead by rolled-back
            # savepoints stay in the indexes until the transaction ends, and base_import's
            # 50 000 followers per run made each later run slower than the one before
            # (an insert into the followers' subtypes took 80 s by the third run). For a
            # database whose data is committed (the generated ones).
            cr.rollback()
            env.invalidate_all()
        elif rollback:
            cr.execute("ROLLBACK TO SAVEPOINT bench_run")
            env.invalidate_all()
        return elapsed, queries, peak, result

    result = once()[3] if warmup else None
    timed = [once() for _run in range(runs)]
    if not warmup:
        result = timed[0][3]
    peak = once(trace=True)[2] if trace_memory else None
    seconds = [round(t[0], 4) for t in timed]
    return {
        "median": statistics.median(seconds),
        "runs": seconds,
        "queries": timed[0][1],
        "py_peak_mib": round(peak, 1) if peak is not None else None,
    }, result


def same(left, right, path="", tolerance=1e-6):
    """'' when equal (floats within tolerance), else where they first differ."""
    if isinstance(left, float) or isinstance(right, float):
        if (
            isinstance(left, (int, float))
            and isinstance(right, (int, float))
            and not isinstance(left, bool)
            and not isinstance(right, bool)
            and abs(left - right) <= tolerance * max(1.0, abs(left), abs(right))
        ):
            return ""
        return f"{path}: {left!r} != {right!r}"
    if isinstance(left, dict) and isinstance(right, dict):
        if set(left) != set(right):
            return f"{path}: keys {sorted(map(str, set(left) ^ set(right)))[:5]}"
        for key in left:
            diff = same(left[key], right[key], f"{path}.{key}", tolerance)
            if diff:
                return diff
        return ""
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        if len(left) != len(right):
            return f"{path}: {len(left)} items != {len(right)}"
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            diff = same(a, b, f"{path}[{index}]", tolerance)
            if diff:
                return diff
        return ""
    return "" if left == right else f"{path}: {left!r} != {right!r}"


def workbook_values(content):
    """{sheet: [[cell values]]} of an xlsx file (charts and styles aside)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    values = {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }
    book.close()
    return values


# ----------------------------------------------------------------------------------------
# The measures
# ----------------------------------------------------------------------------------------
def side_by_side(env, name, ours, naive, runs, naive_runs=None, **options):
    """Both ways, timed and compared; `naive_runs` (default `runs`) for the per-record
    loop, then without its warm-up and memory run (the national loops take minutes)."""
    print(f"  {name}: ours...", flush=True)
    mine, mine_result = measure(env, ours, runs, **options)
    print(f"    median {mine['median']:.3f} s, {mine['queries']} queries; naive...", flush=True)
    if naive_runs is not None:
        options = dict(options, trace_memory=False, warmup=False)
    theirs, their_result = measure(env, naive, naive_runs or runs, **options)
    print(f"    median {theirs['median']:.3f} s, {theirs['queries']} queries", flush=True)
    diff = same(mine_result, their_result)
    if diff:
        print(f"    RESULTS DIFFER at {diff}", flush=True)
    return {
        "ours": mine,
        "naive": theirs,
        "ratio": round(theirs["median"] / mine["median"], 1) if mine["median"] else None,
        "identical": not diff,
        "difference": diff,
    }


def dashboard_fields(Dashboard):
    """Every stored column of the OPSN dashboard."""
    return [
        name
        for name in Dashboard._fields
        if name != "display_name" and Dashboard._fields[name].store
    ]


@contextmanager
def naive_export_sources(opsn, today):
    """The portfolio export, fed by the per-record loops instead of its set-wise queries
    (the same writer: what differs is how the figures are gathered)."""
    import naive

    OpsnClass = type(opsn)
    with (
        patch.object(
            OpsnClass,
            "_ecoclic_portfolio_dashboard_rows",
            lambda self: naive.dashboard(self.sudo(), today),
        ),
        patch.object(
            OpsnClass, "_ecoclic_portfolio_axis_scores", lambda self: naive.axis_scores(self.sudo())
        ),
    ):
        yield


def fleet_indicators(env, companies, today, runs):
    """The fleet indicators of every collectivity on the three criteria (one query) against
    the per-record loop; then the same query as it was on one criterion (before.py), whose
    time the three criteria are compared with."""
    import before
    import naive

    keys = ("fleet", "unhandled", "age", "footprint", "footprint_adpe", "footprint_pe")

    def ours():
        values = companies._ecoclic_fleet_indicators(today.year, today=today)
        empty = dict.fromkeys(keys, 0)
        return {c: {k: values.get(c, empty)[k] for k in keys} for c in companies.ids}

    result = side_by_side(
        env,
        f"fleet indicators of {len(companies)} collectivities, three criteria",
        ours,
        lambda: naive.fleet_indicators(companies, today),
        runs,
    )
    year = (date(today.year, 1, 1), date(today.year, 12, 31))
    single, _rows = measure(env, lambda: before.fleet_indicators(companies, *year, today), runs)
    result["single_criterion"] = single
    result["vs_single_criterion"] = (
        round(result["ours"]["median"] / single["median"], 2) if single["median"] else None
    )
    print(
        f"    single criterion (before): median {single['median']:.3f} s; three criteria "
        f"take {result['vs_single_criterion']}x that",
        flush=True,
    )
    return result


def run_measures(env, ids, runs, import_rows):
    import naive

    Company = env["res.company"]
    opsn = Company.browse(ids["opsn"])
    viewer = env["res.users"].browse(ids["viewer"])
    today = date.today()
    results = {}

    assessment = env["ecoclic.assessment"].browse(ids["assessment"])
    results["scoring"] = side_by_side(
        env,
        "scoring one assessment",
        lambda: naive.scores_setwise(assessment),
        lambda: naive.scores(assessment),
        runs,
    )

    peer = env["ecoclic.assessment"].browse(ids["peer_assessment"])
    results["peers"] = side_by_side(
        env,
        "peer aggregates of one collectivity",
        lambda: naive.peers_setwise(peer),
        lambda: naive.peers(peer),
        runs,
    )

    Dashboard = env["ecoclic.opsn.dashboard"].with_user(viewer)
    fnames = dashboard_fields(Dashboard)

    def dashboard_ours():
        return sorted(Dashboard.search_read([], fnames), key=lambda row: row["id"])

    def dashboard_naive():
        return sorted(
            (
                {name: row[name] for name in ["id", *fnames]}
                for row in naive.dashboard(opsn.sudo(), today)
            ),
            key=lambda row: row["id"],
        )

    results["dashboard"] = side_by_side(
        env, "OPSN dashboard, every column", dashboard_ours, dashboard_naive, runs
    )

    results["fleet"] = fleet_indicators(
        env, Company.search([("ecoclic_opsn_id", "=", opsn.id)]), today, runs
    )

    company = Company.browse(ids["agec_company"])
    year = (date(today.year, 1, 1), date(today.year, 12, 31))
    results["agec"] = side_by_side(
        env,
        "AGEC share of one company over a year",
        lambda: company._ecoclic_agec_figures(*year).get(company.id),
        lambda: naive.agec(company.sudo(), *year),
        runs,
    )

    opsn_viewer = opsn.with_user(viewer)

    def xlsx_naive():
        with naive_export_sources(opsn, today):
            return opsn_viewer._ecoclic_portfolio_xlsx()

    results["xlsx"] = side_by_side(
        env,
        "portfolio XLSX export",
        opsn_viewer._ecoclic_portfolio_xlsx,
        xlsx_naive,
        runs,
        capture=workbook_values,
    )

    if import_rows:
        results["glpi_import"] = glpi_import(
            env,
            Company.browse(ids["import_company"]),
            import_rows,
            runs,
            env["res.users"].browse(ids["referent"]),
            rollback="transaction",
        )
    return results


def glpi_import(env, company, rows, runs, user=None, rollback=True):
    """Our import wizard against Odoo's base_import, both as the collectivity's référent.
    Ours is given the whole messy export and imports what can be imported in one pass;
    base_import is given its clean lines only (it refuses the others). Compared: the
    records of the clean lines, identical both ways."""
    if user:
        env = env(user=user)
        company = company.with_env(env)
    content, clean_content, clean_serials, outcomes = glpi_export(rows)
    encoded = base64.b64encode(content)
    header = next(csv.reader(io.StringIO(clean_content.decode()), delimiter=";"))
    fields = [BASE_IMPORT_MAPPING.get(column, False) for column in header]
    Equipment = env["maintenance.equipment"]
    counts = {}

    def created():
        found = Equipment.search_read(
            [
                ("company_id", "=", company.id),
                ("ecoclic_inventory_number", "=like", f"{GLPI_PREFIX}-%"),
            ],
            COMPARED_IMPORT_FIELDS,
            order="serial_no",
        )
        found = [row for row in found if row["serial_no"] in clean_serials]
        for row in found:
            row.pop("id")
        return found

    def ours():
        wizard = (
            env["ecoclic.fleet.import"]
            .with_company(company)
            .create({"file": encoded, "filename": "glpi.csv", "company_id": company.id})
        )
        wizard.action_analyse()
        wizard.action_import()
        assert wizard.state == "done", wizard.report
        counts.update(
            imported=wizard.created + wizard.updated,
            flagged=wizard.flagged,
            rejected=wizard.rejected,
            questions=len(wizard.value_ids),
        )

    def new_importer():
        return (
            env["base_import.import"]
            .with_company(company)
            .create(
                {
                    "res_model": "maintenance.equipment",
                    "file": clean_content,
                    "file_name": "glpi.csv",
                    "file_type": "text/csv",
                }
            )
        )

    # In "transaction" mode, as the import screen does: the file is uploaded once (committed
    # before the runs), and each batch of "Test" is a request of its own, whose transaction
    # is rolled back. Run in one transaction, the test batches' rolled-back rows stayed in
    # the indexes and slowed every later batch down (the screen never suffers that).
    uploaded = None
    if rollback == "transaction":
        uploaded = new_importer()
        env.cr.commit()

    def generic():
        importer = uploaded or new_importer()
        options = {
            "quoting": '"',
            "separator": ";",
            "encoding": "utf-8",
            "has_headers": True,
            "date_format": "%d-%m-%Y",
            "float_decimal_separator": ",",
            "float_thousand_separator": " ",
            "fallback_values": {},
            "name_create_enabled_fields": {},
            "import_skip_records": [],
            "import_set_empty_fields": [],
        }
        for dryrun in (True, False):  # the screen's "Test", then "Import"
            skip = 0
            while True:
                result = importer.execute_import(
                    fields, header, dict(options, skip=skip, limit=BASE_IMPORT_BATCH), dryrun=dryrun
                )
                errors = [m for m in result.get("messages", []) if m.get("type") == "error"]
                assert not errors, errors[:3]
                if dryrun and uploaded:
                    env.cr.rollback()
                    env.invalidate_all()
                skip = result.get("nextrow") or 0
                if not skip:
                    break

    result = side_by_side(
        env,
        f"GLPI import of {rows} rows",
        ours,
        generic,
        runs,
        rollback=rollback,
        capture=lambda _value: created(),
        trace_memory=False,
    )
    if uploaded:
        uploaded.sudo().unlink()  # the référent may upload a file, not delete one
        env.cr.commit()
    result.update(
        lines=rows,
        dirty_lines=sum(kind != "clean" for kind in outcomes),
        base_import_lines=len(clean_serials),
        **counts,
        imported_share=round(counts["imported"] / rows, 4),
    )
    print(
        f"    ours imported {counts['imported']} of {rows} lines in one pass "
        f"({100 * result['imported_share']:.1f} %, {counts['flagged']} with warnings, "
        f"{counts['rejected']} not imported); base_import was given the "
        f"{len(clean_serials)} clean lines",
        flush=True,
    )
    return result


def xlsx_memory(env, ids, out, side):
    """The portfolio export's memory in a process that ran nothing else: growth of the
    resident set (C allocations included: libpq, xlsxwriter's temporary file buffers) over
    one export, of one side ("ours" or "naive"); each side runs in a process of its own.
    Adds the figure to the measures' JSON file."""
    opsn = env["res.company"].browse(ids["opsn"])
    viewer = env["res.users"].browse(ids["viewer"])
    report = json.loads(Path(out).read_text())
    xlsx = report["measures"]["xlsx"]
    env["ecoclic.axis"].search([])  # registry and caches warm, as in a running server
    with ExitStack() as stack:
        if side == "naive":
            stack.enter_context(naive_export_sources(opsn, date.today()))
        sampler = RssSampler()
        sampler.start()
        opsn.with_user(viewer)._ecoclic_portfolio_xlsx()
        xlsx[side]["process_rss_growth_mib"] = sampler.growth_mib()
    env.cr.rollback()
    Path(out).write_text(json.dumps(report, indent=1, default=str))
    print(
        f"  portfolio XLSX export ({side}), fresh process: resident memory grew by "
        f"{xlsx[side]['process_rss_growth_mib']} MiB",
        flush=True,
    )
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=("generate", "measure", "xlsx-memory"))
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--per-company", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--import-rows", type=int, default=0)
    parser.add_argument(
        "--ids", required=True, help="JSON file of the generated records the measures use"
    )
    parser.add_argument("--out", help="JSON file of the measures")
    parser.add_argument(
        "--side", choices=("ours", "naive"), help="xlsx-memory: which way of gathering the figures"
    )
    args = parser.parse_args()
    registry = connect(args.config, args.db)
    from odoo import SUPERUSER_ID, api
    from odoo.tools import SQL

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "fr_FR", "tz": "Europe/Paris"})
        if args.action == "generate":
            import generate

            start = time.perf_counter()
            ids = generate.generate(env, args.size, args.per_company)
            ids["generated_seconds"] = round(time.perf_counter() - start, 1)
            cr.commit()
            Path(args.ids).write_text(json.dumps(ids, indent=1))
            print(
                f"generated {args.size} collectivities and "
                f"{args.size * args.per_company} equipment records in "
                f"{ids['generated_seconds']:.0f} s",
                flush=True,
            )
            return 0
        ids = json.loads(Path(args.ids).read_text())
        if args.action == "xlsx-memory":
            return xlsx_memory(env, ids, args.out, args.side)
        counts = {}
        for model in (
            "res.company",
            "ecoclic.assessment",
            "ecoclic.plan.line",
            "purchase.order.line",
            "maintenance.equipment",
        ):
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(env[model]._table)))
            counts[model] = cr.fetchone()[0]
        print(f"measuring {args.size} collectivities ({counts})", flush=True)
        results = run_measures(env, ids, args.runs, args.import_rows)
        cr.rollback()
        cr.execute("SHOW server_version")
        postgresql = cr.fetchone()[0].split()[0]
    from odoo import release

    report = {
        "size": args.size,
        "per_company": args.per_company,
        "runs": args.runs,
        "postgresql": postgresql,
        "odoo": release.version,
        "rows": counts,
        "generated_seconds": ids.get("generated_seconds"),
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "measures": results,
    }
    Path(args.out).write_text(json.dumps(report, indent=1, default=str))
    return 0 if all(m["identical"] for m in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
