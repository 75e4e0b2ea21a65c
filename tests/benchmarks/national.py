"""National-scale instance for the benchmark (issue 20, point 3), built from the official
territory file (ecoclic_odoo/data/territories/territories.csv.gz).

Every commune and every EPCI of the file, the départements and régions of the add-on's
records, as collectivities with their real names, SIREN, INSEE codes, populations, types,
département, région and intercommunality (a commune's EPCI). An OPSN of OPSN_SIZE communes
(those of OPSN_DEPARTEMENTS, in that order), the other collectivities in a national network
(a second OPSN: every collectivity of a national instance is supervised by someone).
Fleets scale on population (DEVICES_PER inhabitants a device, at least MIN_DEVICES);
assessments, plans, follow-ups and purchases as generate.py writes them. The three communes
the onboarding measure creates (onboarding.SIRENS) are left out.

``departements`` restricts the build to the communes of a few départements (their EPCI,
départements and régions): what the suite runs.
"""

import argparse
import json
import os
import resource
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
import onboarding  # noqa: E402

from odoo.tools import SQL  # noqa: E402

OPSN_DEPARTEMENTS = ("35", "22", "29", "56", "44", "53", "49", "72", "85", "50", "14", "61")
OPSN_SIZE = 2000
EPCI_KINDS = ("cc", "ca", "cu", "metropole")
# Inhabitants per device: a commune of 1 000 inhabitants has 16, a city of 200 000, 3 333;
# the whole of France about 1.4 million.
DEVICES_PER = {
    "commune": 60,
    "cc": 400,
    "ca": 400,
    "cu": 400,
    "metropole": 400,
    "departement": 1000,
    "region": 5000,
}
MIN_DEVICES = 3


def territory(departements=None):
    """(communes, EPCI) of the territory file: every commune of the départements given
    (all by default) but the held-out ones, and the EPCI they belong to (every EPCI of the
    file when all départements are taken)."""
    from odoo.addons.ecoclic_odoo.models import territories

    by_code, by_siren, _source = territories._index()
    communes = sorted(
        (
            t
            for t in by_code.values()
            if t.kind == "commune"
            and t.siren not in onboarding.SIRENS
            and (departements is None or t.departement in departements)
        ),
        key=lambda t: t.code,
    )
    members = {t.epci for t in communes}
    epcis = sorted(
        (
            t
            for t in by_siren.values()
            if t.kind in EPCI_KINDS and (departements is None or t.siren in members)
        ),
        key=lambda t: t.siren,
    )
    return communes, epcis


def opsn_members(communes, size=OPSN_SIZE):
    """The SIREN of the OPSN's communes: those of OPSN_DEPARTEMENTS in that order, then
    (for a few other départements) the others."""
    rank = {code: index for index, code in enumerate(OPSN_DEPARTEMENTS)}
    chosen = sorted(communes, key=lambda t: (rank.get(t.departement, len(rank)), t.code))
    return {t.siren for t in chosen[:size]}


def _profiles(env, communes, epcis):
    """[(name, type, population, département id, région id, SIREN, INSEE code)] of the
    communes, the EPCI, then the départements and régions they lie in (populations: the
    sum of their communes')."""
    departements = {
        d.code: d
        for d in env["ecoclic.departement"].search(
            [("code", "in", [t.departement for t in communes])]
        )
    }
    regions = {r.code: r for r in env["ecoclic.region"].search([])}
    # Company names are unique: the onboarding wizard's rule (département, then SIREN).
    names = set(env["res.company"].search([]).mapped("name"))
    unique_name = env["ecoclic.opsn.onboarding"]._ecoclic_unique_name
    rows = []
    for t in [*communes, *epcis]:
        departement = departements.get(t.departement)
        region = departement.region_id if departement else regions.get(t.region)
        rows.append(
            (
                unique_name(t, names),
                t.kind,
                t.population,
                departement.id if departement else None,
                region.id if region else None,
                t.siren,
                t.code or None,
            )
        )
    dep_population, region_population = defaultdict(int), defaultdict(int)
    for t in communes:
        if t.departement in departements:
            departement = departements[t.departement]
            dep_population[departement] += t.population
            region_population[departement.region_id] += t.population
    for departement, population in sorted(dep_population.items(), key=lambda i: i[0].code):
        rows.append(
            (
                f"Département {departement.code} – {departement.name}",
                "departement",
                population,
                departement.id,
                departement.region_id.id,
                None,
                None,
            )
        )
    for region, population in sorted(region_population.items(), key=lambda i: i[0].code):
        rows.append((f"Région {region.name}", "region", population, None, region.id, None, None))
    return rows


def collectivities(env, opsn, network, managers, departements=None, opsn_size=OPSN_SIZE):
    """Insert the collectivities; returns {SIREN or name: company id}."""
    communes, epcis = territory(departements)
    members = opsn_members(communes, opsn_size)
    rows = _profiles(env, communes, epcis)
    n = len(rows)
    in_opsn = [row[5] in members for row in rows]
    companies = generate.insert_collectivities(
        env,
        opsn,
        {
            "name": ("varchar[]", [row[0] for row in rows]),
            "ecoclic_is_opsn": ("bool[]", [False] * n),
            "ecoclic_opsn_id": ("int[]", [opsn.id if mine else network.id for mine in in_opsn]),
            "ecoclic_is_collectivity": ("bool[]", [True] * n),
            "ecoclic_collectivity_type": ("varchar[]", [row[1] for row in rows]),
            "ecoclic_population": ("int[]", [row[2] for row in rows]),
            "ecoclic_departement_id": ("int[]", [row[3] for row in rows]),
            "ecoclic_region_id": ("int[]", [row[4] for row in rows]),
            "ecoclic_siren": ("varchar[]", [row[5] for row in rows]),
            "ecoclic_insee_code": ("varchar[]", [row[6] for row in rows]),
            "ecoclic_account_manager_id": (
                "int[]",
                [managers[i % 2].id if mine else None for i, mine in enumerate(in_opsn)],
            ),
            "ecoclic_followup_months": ("int[]", [6] * n),
            "ecoclic_target_score": ("int[]", [70] * n),
        },
    )
    _intercommunalities(env, communes)
    return companies


def _intercommunalities(env, communes):
    """Each commune's intercommunality: the company of its EPCI (one UPDATE)."""
    pairs = [(t.siren, t.epci) for t in communes if t.epci]
    env.cr.execute(
        SQL(
            """
        UPDATE res_company c SET ecoclic_intercommunality_id = e.id
          FROM unnest(%(communes)s::varchar[], %(epcis)s::varchar[]) AS m(commune, epci)
          JOIN res_company e ON e.ecoclic_siren = m.epci
                            AND e.ecoclic_collectivity_type = ANY(%(kinds)s)
         WHERE c.ecoclic_siren = m.commune AND c.ecoclic_collectivity_type = 'commune'
        """,
            communes=[p[0] for p in pairs],
            epcis=[p[1] for p in pairs],
            kinds=list(EPCI_KINDS),
        )
    )
    env.invalidate_all()


def equipment(env, opsns):
    """Each collectivity's fleet, in proportion to its population."""
    kinds = list(DEVICES_PER)
    generate.insert_equipment(
        env,
        SQL(
            """
        SELECT row_number() OVER (ORDER BY c.id, k), c.id
          FROM res_company c
          JOIN unnest(%(kinds)s::varchar[], %(per)s::int[]) AS d(kind, per)
            ON d.kind = c.ecoclic_collectivity_type,
       LATERAL generate_series(1, GREATEST(%(least)s, c.ecoclic_population / d.per)) k
         WHERE c.ecoclic_opsn_id = ANY(%(opsns)s)
        """,
            kinds=kinds,
            per=[DEVICES_PER[k] for k in kinds],
            least=MIN_DEVICES,
            opsns=opsns.ids,
        ),
    )


def _ids(env, opsn, network, viewer, network_viewer):
    """What the measures use: the peer collectivity is the OPSN's first commune that has
    an intercommunality (every segment then applies)."""
    peer = env["res.company"].search(
        [
            ("ecoclic_opsn_id", "=", opsn.id),
            ("ecoclic_collectivity_type", "=", "commune"),
            ("ecoclic_intercommunality_id", "!=", False),
        ],
        order="id",
        limit=1,
    )
    assessment = env["ecoclic.assessment"].search(
        [("company_id", "=", peer.id), ("state", "=", "submitted")],
        order="date_submitted desc",
        limit=1,
    )
    return {
        "opsn": opsn.id,
        "viewer": viewer.id,
        "network": network.id,
        "network_viewer": network_viewer.id,
        "peer_assessment": assessment.id,
    }


def generate_national(env, departements=None, opsn_size=OPSN_SIZE):
    """Write the national instance; returns {key: record id} of what the measures use."""
    Company = env["res.company"].with_context(tracking_disable=True)
    network, opsn = Company.create(
        [
            {"name": name, "ecoclic_is_opsn": True, "ecoclic_collectivity_type": False}
            for name in ("Réseau national (benchmark)", "OPSN régional (benchmark)")
        ]
    )
    _network_managers, network_viewer = generate._staff(env, network, "national")
    managers, viewer = generate._staff(env, opsn)
    collectivities(env, opsn, network, managers, departements, opsn_size)
    both = network | opsn
    generate._assessments(env, both, env.ref("ecoclic_odoo.survey_maturity_v1"))
    generate._plans_and_followups(env, both)
    generate._purchases(env, both)
    equipment(env, both)
    env.invalidate_all()
    env.flush_all()
    env.cr.execute("ANALYZE")
    return _ids(env, opsn, network, viewer, network_viewer)


# ----------------------------------------------------------------------------------------
# The measures
# ----------------------------------------------------------------------------------------
def _plain(value):
    """A dashboard value as SQL and search_read both give it: ids for links, floats."""
    from decimal import Decimal

    if isinstance(value, tuple):
        return value[0]
    if isinstance(value, Decimal):
        return float(value)
    return None if value is False else value


def dashboard(env, ids, runs, naive_runs):
    """The OPSN's dashboard as its viewer opens it (search_read: record rules, names of the
    linked records), beside the raw statement over its rows (its SQL run directly, one
    pass) and the per-record loop; all three give the same rows."""
    import naive
    import scale

    today = date.today()
    opsn = env["res.company"].browse(ids["opsn"])
    Dashboard = env["ecoclic.opsn.dashboard"].with_user(ids["viewer"])
    fnames = scale.dashboard_fields(Dashboard)

    def ours():
        rows = Dashboard.search_read([], fnames)
        return sorted(({k: _plain(v) for k, v in row.items()} for row in rows), key=_by_id)

    def raw():
        Dashboard.env.cr.execute(
            SQL("SELECT * FROM (%s) d WHERE d.opsn_id = %s", Dashboard._table_query, opsn.id)
        )
        names = [column.name for column in Dashboard.env.cr.description]
        rows = [dict(zip(names, row, strict=True)) for row in Dashboard.env.cr.fetchall()]
        # As the ORM reads them: an empty number is 0.
        numbers = {k for k in fnames if Dashboard._fields[k].type in ("integer", "float")}
        return sorted(
            (
                {k: _plain(0 if r[k] is None and k in numbers else r[k]) for k in ["id", *fnames]}
                for r in rows
            ),
            key=_by_id,
        )

    def per_record():
        rows = naive.dashboard(opsn.sudo(), today)
        return sorted(({k: _plain(row[k]) for k in ["id", *fnames]} for row in rows), key=_by_id)

    result = compare(env, "OPSN dashboard, every column", ours, per_record, runs, naive_runs)
    result["raw"] = scale.side_by_side(env, "  against its raw SQL", ours, raw, runs)
    # As before issue 20's scope: every step over every supervised collectivity of the
    # instance (what a superuser's dashboard still reads), then this OPSN's rows kept.
    result["unscoped"], _rows = scale.measure(
        env, lambda: Dashboard.sudo().search_read([("opsn_id", "=", opsn.id)], fnames), runs
    )
    print(f"    every OPSN's rows read: {result['unscoped']['median']:.3f} s", flush=True)
    return result


def compare(env, name, ours, naive, runs, naive_runs):
    """scale.side_by_side; with naive_runs 0, ours alone (no reference, nothing compared:
    a quick run while the per-record loops of a national run take their minutes)."""
    import scale

    if naive_runs:
        return scale.side_by_side(env, name, ours, naive, runs, naive_runs=naive_runs)
    mine, _result = scale.measure(env, ours, runs)
    print(f"  {name}: {mine['median']:.3f} s, {mine['queries']} queries", flush=True)
    return {"ours": mine, "naive": None, "ratio": None, "identical": None, "difference": ""}


def _by_id(row):
    return row["id"]


def onboarding_cost(env, ids, runs):
    """One collectivity and its référent through the bulk onboarding wizard (onboarding.py),
    each run rolled back."""
    opsn = env["res.company"].browse(ids["opsn"])
    median, queries = onboarding.measure(env, opsn, runs)
    print(f"  onboarding one collectivity: {median:.2f} s, {queries} queries", flush=True)
    return {"median": round(median, 3), "queries": queries, "runs": runs}


def run_measures(env, ids, runs, naive_runs=1):
    import naive

    results = {"onboarding": onboarding_cost(env, ids, runs)}
    peer = env["ecoclic.assessment"].browse(ids["peer_assessment"])
    results["peers"] = compare(
        env,
        "peer aggregates of one collectivity, every segment",
        lambda: naive.peers_setwise(peer),
        lambda: naive.peers(peer),
        runs,
        naive_runs,
    )
    results["dashboard"] = dashboard(env, ids, runs, naive_runs)
    network = env["res.company"].browse(ids["network"])
    results["export"] = compare(
        env,
        "national peer benchmark export",
        network.with_user(ids["network_viewer"])._ecoclic_benchmark_csv,
        lambda: naive.benchmark_csv(network.sudo()),
        runs,
        naive_runs,
    )
    return results


def counts(env):
    """Rows of the instance, by table."""
    found = {}
    for table in (
        "res_company",
        "res_partner",
        "ecoclic_assessment",
        "ecoclic_plan_line",
        "purchase_order_line",
        "maintenance_equipment",
    ):
        env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
        found[table] = env.cr.fetchone()[0]
    return found


def _line(name, measure, target=""):
    ours, naive = measure["ours"], measure["naive"]
    if naive is None:
        return f"| {name} | {ours['median']:.3f} | {ours['queries']} | | | | not run | {target} |"
    return (
        f"| {name} | {ours['median']:.3f} | {ours['queries']} | {naive['median']:.3f} | "
        f"{naive['queries']} | {measure['ratio']}× | {'yes' if measure['identical'] else 'NO'} "
        f"| {target} |"
    )


def markdown(report):
    """The results as a Markdown page."""
    m = report["measures"]
    raw = m["dashboard"]["raw"]
    rows = report["rows"]
    members = report.get("opsn_size", "")
    unscoped = m["dashboard"]["unscoped"]
    load = ", ".join(f"{value:.1f}" for value in report["load_average"])
    lines = [
        "# National-scale benchmark",
        "",
        f"PostgreSQL {report['postgresql']}, Odoo {report['odoo']}; median of "
        f"{report['runs']} runs after a warm-up (per-record loops: {report['naive_runs']}); "
        f"queries of one run; load average (1, 5, 15 min) at the end: {load}.",
        "",
        "Instance: "
        + ", ".join(f"{k} {v:,}".replace(",", " ") for k, v in rows.items())
        + f"; generated in {report['generated_seconds']} s.",
        "",
        "| measure | ours (s) | queries | reference (s) | queries | ratio | same results "
        "| target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        _line("Peer aggregates of one collectivity, every segment", m["peers"], "≤ 0.050 s"),
        _line(f"OPSN dashboard ({members}), vs the per-record loop", m["dashboard"]),
        _line(f"OPSN dashboard ({members}), vs its raw SQL over its rows", raw, "within 2×"),
        _line("National peer benchmark export", m["export"]),
        f"| Onboarding one collectivity (ORM) | {m['onboarding']['median']:.3f} | "
        f"{m['onboarding']['queries']} | | | | | ≤ 2 s |",
        "",
        f"The dashboard takes {raw['ours']['median'] / raw['naive']['median']:.2f}× the time "
        f"of its raw statement (target: within 2×). Read as before its steps were limited to "
        f"the viewer's OPSN (every supervised collectivity's rows aggregated, then this "
        f"OPSN's kept): {unscoped['median']:.3f} s, {unscoped['queries']} queries.",
    ]
    differences = [(k, v) for k, v in [*m.items(), ("dashboard raw", raw)] if v.get("difference")]
    lines += ["", *(f"Results differ, {k}: `{v['difference']}`" for k, v in differences)]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("action", choices=("generate", "measure", "report"))
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--ids", required=True, help="JSON file of the generated records")
    parser.add_argument("--out", help="JSON file of the measures")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--naive-runs", type=int, default=1)
    parser.add_argument("--departements", nargs="*", help="only these départements' communes")
    args = parser.parse_args()
    if args.action == "report":  # --out: the measures' JSON; written beside it
        report = json.loads(Path(args.out).read_text())
        Path(args.out).with_suffix(".md").write_text(markdown(report))
        return 0
    import scale

    registry = scale.connect(args.config, args.db)
    from odoo import SUPERUSER_ID, api, release

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "fr_FR", "tz": "Europe/Paris"})
        if args.action == "generate":
            start = time.perf_counter()
            ids = generate_national(env, args.departements or None)
            ids["generated_seconds"] = round(time.perf_counter() - start, 1)
            cr.commit()
            ids["rows"] = counts(env)
            Path(args.ids).write_text(json.dumps(ids, indent=1))
            print(f"generated {ids['rows']} in {ids['generated_seconds']:.0f} s", flush=True)
            return 0
        ids = json.loads(Path(args.ids).read_text())
        members = env["res.company"].search_count([("ecoclic_opsn_id", "=", ids["opsn"])])
        results = run_measures(env, ids, args.runs, args.naive_runs)
        cr.rollback()
        cr.execute("SHOW server_version")
        postgresql = cr.fetchone()[0].split()[0]
    report = {
        "opsn_size": members,
        "runs": args.runs,
        "naive_runs": args.naive_runs,
        "postgresql": postgresql,
        "odoo": release.version,
        "rows": ids["rows"],
        "generated_seconds": ids["generated_seconds"],
        "load_average": os.getloadavg(),
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "measures": results,
    }
    Path(args.out).write_text(json.dumps(report, indent=1, default=str))
    return 0 if all(m.get("identical") is not False for m in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
