#!/usr/bin/env python3
# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Footprint figures of our equipment categories, computed with Boavizta's engine.

Runs in a Python where ``boaviztapi`` (and Babel, for the country codes) can be imported;
``python3 tools/devctl.py boavizta`` makes such a virtual environment under the state folder
and runs this script in it. Odoo never imports boaviztapi: the add-on ships the files this
script writes.

    tools/boavizta_reference.py [--out DIR]     write categories.csv and electricity_mix.csv
                                                (default: ecoclic_odoo/data/boavizta)
    tools/boavizta_reference.py --check [DIR]   exit 1 when the shipped files differ from
                                                what the engine gives now
    tools/boavizta_reference.py --device laptop-pro --country FRA
                                                one archetype's figures as JSON, straight
                                                from the engine (what the tests compare with)

Criteria: climate change (gwp, kg CO2e), abiotic depletion of minerals and metals (adpe,
kg Sb eq.) and primary energy (pe, MJ). Boavizta 2.5.0 has no embodied primary energy for
user terminals: there the embodied "pe" column holds Boavizta's fossil resource use (adpf,
MJ, which also counts nuclear fuel), and the ``embodied_pe_criterion`` column says so.
"""

import argparse
import csv
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "ecoclic_odoo" / "data" / "boavizta"
HOURS_PER_YEAR = 8760
CRITERIA = ("gwp", "adpe", "pe")
# The collectivities' default country: the use figures of categories.csv are French.
DEFAULT_COUNTRY = "FRA"

# Our category code -> how its figures are had. "archetype": Boavizta's own figures for
# that archetype; "proxy": an archetype standing in for a device Boavizta does not model;
# "printer": EcoInfo Ecodiag's manufacturing figure (see FACTS), the other criteria and the
# power profile from proxies.
CATEGORIES = {
    "laptop": {"basis": "archetype", "archetype": "laptop-pro"},
    "desktop": {"basis": "archetype", "archetype": "desktop-pro"},
    "screen": {"basis": "archetype", "archetype": "monitor-default"},
    "smartphone": {"basis": "archetype", "archetype": "smartphone-default"},
    "tablet": {"basis": "archetype", "archetype": "tablet-default"},
    "server": {"basis": "archetype", "archetype": "dellR740"},
    "network": {
        "basis": "proxy",
        "archetype": "box-default",
        "note": "Boavizta models no professional network device; its internet box "
        "stands in (always on, 10 W).",
    },
    "videoprojector": {
        "basis": "proxy",
        "archetype": "tv-pro",
        "note": "Boavizta models no videoprojector; its professional display (tv-pro) stands in.",
    },
    "printer": {
        "basis": "source",
        "archetype": "desktop-pro",
        "power_archetype": "box-default",
        "gwp": 200.0,
        "lifespan_years": 3.0,
        "note": "Manufacturing 200 kg CO2e and lifespan 3 years: EcoInfo Ecodiag "
        "(provisional at its source, consumables not counted). ADPe and primary energy: "
        "desktop-pro's, scaled by 200/277. Power: Boavizta's internet box profile "
        "(always on, 10 W).",
    },
    "other": {
        "basis": "proxy",
        "archetype": "box-default",
        "note": "Anything else: a small always-on electronic device (Boavizta's internet "
        "box) stands in. Set your own figures.",
    },
}

CATEGORY_COLUMNS = (
    "code",
    "basis",
    "archetype",
    "boavizta_version",
    "embodied_gwp",
    "embodied_gwp_min",
    "embodied_gwp_max",
    "embodied_adpe",
    "embodied_adpe_min",
    "embodied_adpe_max",
    "embodied_pe",
    "embodied_pe_min",
    "embodied_pe_max",
    "embodied_pe_criterion",
    "lifespan_years",
    "use_hours_year",
    "avg_power",
    "avg_power_min",
    "avg_power_max",
    "yearly_energy",
    "use_gwp_year_fr",
    "use_adpe_year_fr",
    "use_pe_year_fr",
    "note",
)
MIX_COLUMNS = (
    "zone",
    "country_code",
    "name",
    "boavizta_version",
    "gwp",
    "adpe",
    "pe",
    "gwp_source",
    "gwp_year",
)


def fmt(value):
    """Figures written with 6 significant digits: stable across platforms, finer than
    Boavizta's own precision."""
    if isinstance(value, str):
        return value
    return f"{value:.6g}"


class Engine:
    """The parts of boaviztapi this script uses, imported once."""

    def __init__(self):
        from boaviztapi.compute.impacts_computation import compute_single_impact
        from boaviztapi.data.archetype import (
            get_arch_component,
            get_server_archetype,
            get_user_terminal_archetype,
        )
        from boaviztapi.data.factor_provider import get_available_countries, impact_factors
        from boaviztapi.dto.device import user_terminal as dto
        from boaviztapi.dto.usage.usage import Usage, mapper_usage
        from boaviztapi.models.device.server import DeviceServer
        from boaviztapi.utils.get_version import get_version_from_pyproject

        self.version = get_version_from_pyproject()
        self.compute = compute_single_impact
        self.terminal_archetype = get_user_terminal_archetype
        self.server_archetype = get_server_archetype
        self.arch_component = get_arch_component
        self.countries = get_available_countries
        self.factors = impact_factors
        self.dto = dto
        self.Usage = Usage
        self.mapper_usage = mapper_usage
        self.DeviceServer = DeviceServer

    def device(self, archetype, country=DEFAULT_COUNTRY):
        """A Boavizta device model of this archetype, used in `country` (ISO 3166 alpha-3)."""
        config = self.terminal_archetype(archetype)
        if config:
            kind = config["device_type"]["default"]
            dto_class = {
                "laptop": self.dto.Laptop,
                "desktop": self.dto.Desktop,
                "smartphone": self.dto.Smartphone,
                "tablet": self.dto.Tablet,
                "television": self.dto.Television,
                "monitor": self.dto.Monitor,
                "box": self.dto.Box,
            }[kind]
            usage = self.Usage(usage_location=country)
            return self.dto.mapper_user_terminal(dto_class(usage=usage), archetype=config)
        config = self.server_archetype(archetype)
        if not config:
            raise SystemExit(f"boavizta_reference: no archetype {archetype!r}")
        server = self.DeviceServer(archetype=config)
        server.usage.usage_location.set_input(country)
        return server

    def impacts(self, archetype, country=DEFAULT_COUNTRY):
        """{criterion: {embedded, use}} per archetype: embedded over the whole life, use
        over one year, each (value, min, max); plus the usage profile."""
        device = self.device(archetype, country)
        life = device.usage.hours_life_time.value
        result = {"archetype": archetype, "country": country, "version": self.version}
        for criterion in (*CRITERIA, "adpf", "fe"):
            embedded = self.compute(device, "embedded", criterion, life)
            use = self.compute(device, "use", criterion, HOURS_PER_YEAR)
            result[criterion] = {
                "embedded": embedded and (embedded.value, embedded.min, embedded.max),
                "use": use and (use.value, use.min, use.max),
            }
        usage = device.usage
        ratio = usage.use_time_ratio.value
        result["hours_life_time"] = life
        result["use_time_ratio"] = ratio
        # Servers have no archetype power: the engine models it from their components.
        power = usage.avg_power
        if power.has_value():
            result["avg_power"] = (power.value, power.min, power.max)
        else:
            energy = result["fe"]["use"]
            result["avg_power"] = tuple(1000 * e / (HOURS_PER_YEAR * ratio) for e in energy)
        result["elec_factors"] = {
            c: usage.elec_factors[c].value for c in CRITERIA if c in usage.elec_factors
        }
        return result

    def mix(self):
        """Rows of electricity_mix.csv: Boavizta's per-country factors for one kWh."""
        from babel.core import get_global

        aliases = get_global("territory_aliases")
        rows = []
        electricity = self.factors["electricity"]
        for zone, name in sorted(self.countries(reverse=True).items()):
            factors = electricity.get(zone) or {}
            # A few zones lack a factor (Hong Kong, Gibraltar, Netherlands Antilles).
            if any((factors.get(c) or {}).get("value") is None for c in CRITERIA):
                continue
            codes = aliases.get(zone) or []
            rows.append(
                {
                    "zone": zone,
                    # Two former countries (Netherlands Antilles, Serbia and Montenegro)
                    # map to several of today's: no single country code.
                    "country_code": codes[0] if len(codes) == 1 else "",
                    "name": name.strip(),
                    "boavizta_version": self.version,
                    **{c: fmt(float(factors[c]["value"])) for c in CRITERIA},
                    "gwp_source": factors["gwp"].get("source", ""),
                    "gwp_year": str(factors["gwp"].get("reference_year", "")),
                }
            )
        return rows


def category_row(engine, code, spec):
    figures = engine.impacts(spec["archetype"])
    power = engine.impacts(spec.get("power_archetype", spec["archetype"]))
    row = {
        "code": code,
        "basis": spec["basis"],
        "archetype": spec["archetype"],
        "boavizta_version": engine.version,
        "note": spec.get("note", ""),
    }
    for criterion in CRITERIA:
        embedded = figures[criterion]["embedded"]
        source = criterion
        if embedded is None and criterion == "pe":
            embedded, source = figures["adpf"]["embedded"], "adpf"
        if embedded is None:
            raise SystemExit(f"boavizta_reference: no embedded {criterion} for {code}")
        if criterion == "pe":
            row["embodied_pe_criterion"] = source
        row[f"embodied_{criterion}"], row[f"embodied_{criterion}_min"] = embedded[:2]
        row[f"embodied_{criterion}_max"] = embedded[2]
    if "gwp" in spec:
        # A figure from another public source: the other criteria scaled alike.
        scale = spec["gwp"] / row["embodied_gwp"]
        for criterion in CRITERIA:
            for suffix in ("", "_min", "_max"):
                row[f"embodied_{criterion}{suffix}"] *= scale
    row["lifespan_years"] = spec.get(
        "lifespan_years", round(figures["hours_life_time"] / HOURS_PER_YEAR, 1)
    )
    row["use_hours_year"] = power["use_time_ratio"] * HOURS_PER_YEAR
    row["avg_power"], row["avg_power_min"], row["avg_power_max"] = power["avg_power"]
    row["yearly_energy"] = power["fe"]["use"][0]
    for criterion in CRITERIA:
        row[f"use_{criterion}_year_fr"] = power[criterion]["use"][0]
    return {key: fmt(value) for key, value in row.items()}


def write_csv(columns, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def generate(engine):
    rows = [category_row(engine, code, spec) for code, spec in CATEGORIES.items()]
    return {
        "categories.csv": write_csv(CATEGORY_COLUMNS, rows),
        "electricity_mix.csv": write_csv(MIX_COLUMNS, engine.mix()),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write into")
    parser.add_argument("--check", nargs="?", const=OUT, type=Path, metavar="DIR")
    parser.add_argument("--device", help="one archetype's figures as JSON")
    parser.add_argument("--country", default=DEFAULT_COUNTRY, help="ISO 3166 alpha-3")
    args = parser.parse_args(argv)
    engine = Engine()
    if args.device:
        json.dump(engine.impacts(args.device, args.country), sys.stdout, indent=1)
        print()
        return 0
    files = generate(engine)
    if args.check:
        stale = [
            name
            for name, text in files.items()
            if not (args.check / name).exists()
            or (args.check / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(
                f"boavizta_reference: {args.check / name} differs from boaviztapi "
                f"{engine.version}'s figures; run tools/devctl.py boavizta",
                file=sys.stderr,
            )
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"boavizta_reference: wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
