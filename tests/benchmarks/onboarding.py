"""Onboarding one collectivity through the ORM, at the instance's current size (issue 20,
point 2): the bulk onboarding wizard's own path (territory lookup, res.company.create, the
OPSN membership, a référent user), timed and counted, each run rolled back.

    python3 tests/benchmarks/onboarding.py -c <odoo.conf> -d <db> [--grow N] [--runs 3]
        [--bulk K] [--profile]

``--grow N`` first adds N synthetic collectivities with the benchmark's generator (SQL, no
fleet) and commits them: run it on a copy of a database. Prints the figures and the
functions where the time goes (cProfile, cumulative), to see what grows with N. Not a
pass/fail test: the numbers go to the README by hand.
"""

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

SIRENS = ("213502388", "200056844", "211300553")  # Rennes, Cherbourg-en-Cotentin, Marseille


def onboard_one(env, opsn, siren, login):
    """The wizard's confirm for one SIREN and its référent, as an administrator; the
    invitation e-mail is left out (no mail server here): (seconds, queries)."""
    wizard = (
        env["ecoclic.opsn.onboarding"]
        .with_context(no_reset_password=True)
        .create({"opsn_id": opsn.id, "codes": f"{siren};{login}"})
    )
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    wizard.action_confirm()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries


def measure(env, opsn, runs):
    """Median seconds and queries over `runs` onboardings, each rolled back."""
    seconds, queries = [], []
    for index in range(runs + 1):  # the first run warms the caches
        savepoint = env.cr.savepoint()
        took, count = onboard_one(env, opsn, SIRENS[index % len(SIRENS)], f"bench{index}@ex.org")
        savepoint.rollback()
        env.invalidate_all()
        if index:
            seconds.append(took)
            queries.append(count)
    return statistics.median(seconds), int(statistics.median(queries))


def profile(env, opsn):
    """The functions where the time goes, and the slowest queries."""
    from odoo import sql_db

    slow, execute = [], sql_db.Cursor.execute

    def timed(cursor, query, params=None, log_exceptions=True):
        start = time.perf_counter()
        try:
            return execute(cursor, query, params, log_exceptions)
        finally:
            slow.append((time.perf_counter() - start, str(query)[:300]))

    savepoint = env.cr.savepoint()
    profiler = cProfile.Profile()
    sql_db.Cursor.execute = timed
    profiler.enable()
    try:
        onboard_one(env, opsn, SIRENS[0], "bench.profile@ex.org")
    finally:
        profiler.disable()
        sql_db.Cursor.execute = execute
    savepoint.rollback()
    env.invalidate_all()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(25)
    stats.print_callers("with_context")
    stats.print_callers("_check_company")
    stats.print_callers("_insert_followers")
    for took, query in sorted(slow, reverse=True)[:8]:
        out.write(f"{took:.3f} s  {query}\n")
    return out.getvalue()


def bulk(env, opsn, count):
    """One confirm of `count` communes with a référent each, rolled back."""
    from odoo.addons.ecoclic_odoo.models import territories

    present = set(env["res.company"].search([]).mapped("ecoclic_siren"))
    by_code, _by_siren, _source = territories._index()
    sirens = [
        t.siren
        for t in by_code.values()
        if t.kind == "commune" and t.siren and t.siren not in present
    ][:count]
    codes = "\n".join(f"{siren};bulk{siren}@ex.org" for siren in sirens)
    wizard = (
        env["ecoclic.opsn.onboarding"]
        .with_context(no_reset_password=True)
        .create({"opsn_id": opsn.id, "codes": codes})
    )
    savepoint = env.cr.savepoint()
    env.flush_all()
    queries, start = env.cr.sql_log_count, time.perf_counter()
    wizard.action_confirm()
    env.flush_all()
    took, count = time.perf_counter() - start, env.cr.sql_log_count - queries
    savepoint.rollback()
    env.invalidate_all()
    print(f"bulk onboarding of {len(sirens)} communes: {took:.1f} s, {count} queries")


def sizes(env):
    cr = env.cr
    counts = {}
    for table in ("res_company", "res_partner", "res_users", "ir_sequence", "stock_warehouse"):
        cr.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (fixed table names)
        counts[table] = cr.fetchone()[0]
    return counts


def report(env, opsn, runs):
    median, queries = measure(env, opsn, runs)
    print(f"sizes: {sizes(env)}")
    print(f"onboarding one collectivity: {median:.2f} s, {queries} queries (median)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--grow", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--bulk", type=int, default=0, help="also onboard that many at once")
    args = parser.parse_args(argv)

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    registry = Registry(args.database)
    if args.grow:
        # Committed, then measured in a transaction of its own, as a request would be: an
        # environment made while generating would slow every later one down.
        import generate

        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "fr_FR"})
            start = time.perf_counter()
            generate.generate(env, args.grow, 0)
            cr.commit()
            print(f"grew by {args.grow} collectivities in {time.perf_counter() - start:.1f} s")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "fr_FR"})
        try:
            opsn = env["res.company"].search(
                [("ecoclic_is_opsn", "=", True)], order="id desc", limit=1
            )
            report(env, opsn, args.runs)
            if args.bulk:
                bulk(env, opsn, args.bulk)
            if args.profile:
                print(profile(env, opsn))
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
