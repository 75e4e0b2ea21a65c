"""Benchmark: importing a GLPI export of N rows (default 50 000) into one collectivity.

Run with `python3 tools/devctl.py bench fleet_import [rows]` after `make test` (it uses the
test database, and rolls everything back). Prints the analysis and import times and the
rows per second; not part of the pass/fail suite.
"""
import base64
import csv
import io
import sys
import time

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
TYPES = [("Portable", "Latitude 5420"), ("Unité centrale", "OptiPlex 7090"),
         ("Moniteur", "P2422H"), ("Imprimante", "LaserJet M404")]


def export(rows):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Nom", "Statut", "Fabricant", "Numéro de série", "Numéro d'inventaire",
                     "Type", "Modèle", "Lieu", "Date d'achat", "Valeur"])
    for i in range(rows):
        kind, model = TYPES[i % len(TYPES)]
        writer.writerow([f"EQ-{i:06d}", "En service" if i % 7 else "En stock", "Dell",
                         f"BENCH{i:07d}", f"INV{i:07d}", kind, model, "Site",
                         f"{i % 28 + 1:02d}-{i % 12 + 1:02d}-{2016 + i % 9}",
                         f"{500 + i % 300},{i % 100:02d}"])
    return out.getvalue().encode("utf-8-sig")


def main(env):
    content = export(ROWS)
    company = env["res.company"].create({"name": "Benchmark import",
                                         "ecoclic_collectivity_type": "commune"})
    env.user.company_ids |= company
    wizard = env["ecoclic.fleet.import"].with_company(company).create({
        "file": base64.b64encode(content), "filename": "bench.csv", "company_id": company.id})
    start = time.perf_counter()
    wizard.action_analyse()
    analysed = time.perf_counter()
    wizard.action_import()
    env.flush_all()
    imported = time.perf_counter()
    count = env["maintenance.equipment"].search_count([("company_id", "=", company.id)])
    assert count == ROWS, count
    print(f"fleet import of {ROWS} rows: analysis {analysed - start:.1f} s, "
          f"import (analysis again + writing) {imported - analysed:.1f} s, "
          f"{ROWS / (imported - analysed):.0f} rows/s")
    env.cr.rollback()


main(env)  # noqa: F821 (run by `odoo shell`, which provides env)
