"""The official territory file (ecoclic_odoo/data/territories/territories.csv.gz) and the
tool that builds it (tools/territories.py, issue 20).

Pure Python: the tool is imported by path; no Odoo needed."""

import csv
import gzip
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import territories as tool  # noqa: E402 (found through the sys.path entry above)

DATA = ROOT / "ecoclic_odoo" / "data" / "territories"


def _rows():
    text = gzip.decompress((DATA / "territories.csv.gz").read_bytes()).decode("utf-8")
    stream = io.StringIO(text)
    first = stream.readline()
    return first, list(csv.DictReader(stream))


def test_header_names_the_source_and_version():
    first, rows = _rows()
    assert first.startswith("# @etalab/decoupage-administratif 6.0.0 ")
    assert "MIT" in first and "Licence Ouverte" in first
    assert list(rows[0]) == tool.COLUMNS
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for words in ("@etalab/decoupage-administratif", "6.0.0", "MIT", "Licence Ouverte"):
        assert words in readme


def test_counts_and_known_rows():
    _first, rows = _rows()
    kinds = {}
    for row in rows:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    assert kinds["commune"] == 34969
    assert sum(kinds[k] for k in ("cc", "ca", "cu", "metropole")) == 1255
    assert kinds["cu"] == 14
    by_siren = {row["siren"]: row for row in rows if row["siren"]}
    by_code = {row["code"]: row for row in rows if row["code"]}
    rennes = by_siren["213502388"]
    assert (rennes["code"], rennes["name"], rennes["population"]) == ("35238", "Rennes", "230890")
    assert (rennes["departement"], rennes["region"], rennes["epci"]) == ("35", "53", "243500139")
    metropole = by_siren["243500139"]
    assert (metropole["name"], metropole["kind"], metropole["departement"]) == (
        "Rennes Métropole",
        "metropole",
        "35",
    )
    assert by_siren["200033579"]["kind"] == "cu"  # CU d'Arras
    merged = by_code["50173"]  # Équeurdreville-Hainneville, in Cherbourg-en-Cotentin
    assert (merged["kind"], merged["parent"], merged["siren"]) == ("deleguee", "50129", "")
    assert by_code["50129"]["name"] == "Cherbourg-en-Cotentin"
    assert by_code["2A004"]["name"] == "Ajaccio"


def test_file_is_small():
    assert (DATA / "territories.csv.gz").stat().st_size < 2 * 1024 * 1024


def _package(folder, communes, epcis):
    (folder / "data").mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"version": tool.VERSION}))
    (folder / "data" / "communes.json").write_text(json.dumps(communes))
    (folder / "data" / "epci.json").write_text(json.dumps(epcis))
    return folder


def test_tool_converts_a_package(tmp_path):
    """The conversion on a tiny package: EPCI nature and département from its most
    populated member, a delegated commune kept only when its code is not the new
    commune's, arrondissements left out, the same bytes every run."""
    commune = {"type": "commune-actuelle", "departement": "01", "region": "84"}
    communes = [
        dict(commune, code="01001", nom="Petite", siren="210100012", population=100),
        dict(
            commune,
            code="02002",
            nom="Grande",
            siren="210200028",
            population=900,
            departement="02",
            region="32",
        ),
        dict(commune, code="01003", nom="Ancienne", type="commune-deleguee", chefLieu="02002"),
        dict(commune, code="02002", nom="Grande", type="commune-deleguee", chefLieu="02002"),
        dict(commune, code="13201", nom="Arrondissement", type="arrondissement-municipal"),
    ]
    members = [
        {"code": "01001", "populationMunicipale": 100},
        {"code": "02002", "populationMunicipale": 900},
    ]
    epcis = [
        {
            "code": "200000001",
            "nom": "CU Test",
            "type": "CU",
            "populationMunicipale": 1000,
            "membres": members,
        }
    ]
    source = _package(tmp_path / "package", communes, epcis)
    data = tool.build(source)
    assert data == tool.build(source)
    output = tmp_path / "out.csv.gz"
    tool.main(["--source", str(source), "--output", str(output)])
    assert output.read_bytes() == data
    lines = gzip.decompress(data).decode().splitlines()
    assert lines[0] == tool.HEADER_LINE
    assert lines[2:] == [
        "01001,210100012,Petite,commune,100,01,84,200000001,",
        "01003,,Ancienne,deleguee,,01,84,,02002",
        "02002,210200028,Grande,commune,900,02,32,200000001,",
        ",200000001,CU Test,cu,1000,02,32,,",
    ]
