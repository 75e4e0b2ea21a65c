#!/usr/bin/env python3
# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Build the add-on's territory file from Etalab's @etalab/decoupage-administratif.

    python3 tools/territories.py                 # npm pack the pinned version, convert
    python3 tools/territories.py --source DIR    # an unpacked package (DIR/data/*.json)

Writes ecoclic_odoo/data/territories/territories.csv.gz: one row per commune (current,
delegated or associated) and per EPCI with its own taxation, with only the fields the
add-on uses. The first line names the source and its version; the output is the same
bytes for the same input (gzip without a timestamp, rows sorted), so git shows real changes.
Standard library only (npm for the download).
"""

import argparse
import csv
import gzip
import io
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "ecoclic_odoo" / "data" / "territories" / "territories.csv.gz"
HEADER_LINE = f"# {PACKAGE} {VERSION} (npm, MIT; data INSEE and DGCL 2026, Licence Ouverte)"
COLUMNS = ["code", "siren", "name", "kind", "population", "departement", "region", "epci", "parent"]
# EPCI natures of the package, and the kinds of commune rows kept.
EPCI_KINDS = {"CC": "cc", "CA": "ca", "CU": "cu", "METRO": "metropole", "MET69": "metropole"}
COMMUNE_KINDS = {
    "commune-actuelle": "commune",
    "commune-deleguee": "deleguee",
    "commune-associee": "associee",
}


def fetch_package(workdir):
    """`npm pack` the pinned version into workdir and unpack it; returns its folder."""
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],
        cwd=workdir,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    archive = next(pathlib.Path(workdir).glob("*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return pathlib.Path(workdir) / "package"


def load(source, name):
    return json.loads((source / "data" / f"{name}.json").read_text(encoding="utf-8"))


def epci_rows(epcis, communes_by_code):
    """One row per EPCI: its département and région are those of its most populated
    member (the package does not give the seat)."""
    rows, member_of = [], {}
    for epci in epcis:
        members = epci["membres"]
        for member in members:
            member_of[member["code"]] = epci["code"]
        biggest = max(members, key=lambda m: (m.get("populationMunicipale") or 0, m["code"]))
        seat = communes_by_code.get(biggest["code"], {})
        rows.append(
            {
                "code": "",
                "siren": epci["code"],
                "name": epci["nom"],
                "kind": EPCI_KINDS[epci["type"]],
                "population": epci.get("populationMunicipale") or "",
                "departement": seat.get("departement", ""),
                "region": seat.get("region", ""),
                "epci": "",
                "parent": "",
            }
        )
    return rows, member_of


def commune_rows(communes, member_of):
    """Current communes, and the delegated or associated ones whose code is not their
    new commune's own (a merged commune's former code then leads to the new one)."""
    current = {c["code"] for c in communes if c["type"] == "commune-actuelle"}
    rows = []
    for commune in communes:
        kind = COMMUNE_KINDS.get(commune["type"])
        if not kind or (kind != "commune" and commune["code"] in current):
            continue
        rows.append(
            {
                "code": commune["code"],
                "siren": commune.get("siren", ""),
                "name": commune["nom"],
                "kind": kind,
                "population": commune.get("population", ""),
                "departement": commune["departement"],
                "region": commune["region"],
                "epci": member_of.get(commune["code"], "") if kind == "commune" else "",
                "parent": commune.get("chefLieu", "") if kind != "commune" else "",
            }
        )
    return rows


def build(source):
    """The file's bytes, from an unpacked package folder."""
    communes = load(source, "communes")
    by_code = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    epcis, member_of = epci_rows(load(source, "epci"), by_code)
    rows = commune_rows(communes, member_of) + epcis
    rows.sort(key=lambda row: (row["code"] or "~", row["siren"], row["kind"]))
    text = io.StringIO()
    text.write(HEADER_LINE + "\n")
    writer = csv.DictWriter(text, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=pathlib.Path, help="an unpacked package folder")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        source = args.source or fetch_package(workdir)
        version = json.loads((source / "package.json").read_text(encoding="utf-8"))["version"]
        if version != VERSION:
            sys.exit(f"{source} holds version {version}, not {VERSION}")
        data = build(source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"{args.output}: {len(data)} bytes")


if __name__ == "__main__":
    main()
