"""Tables of the OPSN-scale benchmark: Markdown and JSON, and a PNG plot of time against the
number of collectivities when matplotlib is installed (a benchmark-only dependency:
``pip install .[bench]``).

    python3 tests/benchmarks/report.py --out FOLDER RESULT.json [RESULT.json ...]
"""

import argparse
import json
import os
import platform
from datetime import date
from pathlib import Path

LABELS = {
    "scoring": "Scoring one assessment",
    "peers": "Peer aggregates of one collectivity",
    "dashboard": "OPSN dashboard, every column",
    "fleet": "Fleet indicators of every collectivity, three criteria",
    "agec": "AGEC share of one company over a year",
    "xlsx": "Portfolio XLSX export",
    "glpi_import": "GLPI import (dry run + import)",
}
NAIVE = {
    "glpi_import": "Odoo's base_import",
}


def machine():
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
    except (OSError, StopIteration, ValueError):
        mem_kib = 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kib / 2**20),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def number(value):
    return f"{value:,}".replace(",", "\u202f")


def seconds(value):
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def markdown(results, info):
    lines = [
        f"# OPSN-scale benchmark, {info['date']}",
        "",
        f"Machine: {info['machine']['cpu'] or 'unknown CPU'}, {info['machine']['cores']} "
        f"cores, {info['machine']['memory_gib']} GiB; PostgreSQL {info['postgresql']}; "
        f"Odoo {info['odoo']}; Python {info['machine']['python']}. Median of "
        f"{info['runs']} runs after a warm-up; queries of one run; peak of the Python heap "
        "(tracemalloc) in a separate run.",
        "",
        "| measure | collectivities | ours (s) | queries | Python peak MiB "
        "| per-record loop (s) | queries | Python peak MiB | ratio | same results |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for key, label in LABELS.items():
        for result in results:
            measure = result["measures"].get(key)
            if not measure:
                continue
            ours, naive = measure["ours"], measure["naive"]
            name = label if key not in NAIVE else f"{label} vs {NAIVE[key]}"
            ours_peak, naive_peak = (
                "–" if side["py_peak_mib"] is None else side["py_peak_mib"]
                for side in (ours, naive)
            )
            lines.append(
                f"| {name} | {number(result['size'])} | {seconds(ours['median'])} | "
                f"{number(ours['queries'])} | {ours_peak} | "
                f"{seconds(naive['median'])} | "
                f"{number(naive['queries'])} | {naive_peak} | "
                f"{measure['ratio']}× | "
                f"{'yes' if measure['identical'] else 'NO: ' + measure['difference']} |"
            )
    for result in results:
        fleet = result["measures"].get("fleet", {})
        if "single_criterion" in fleet:
            lines += [
                "",
                f"Fleet indicators ({number(result['size'])} collectivities): the same "
                f"query on one criterion, as it was before issue 19 (tests/benchmarks/"
                f"before.py), takes {seconds(fleet['single_criterion']['median'])} s; on "
                f"three criteria, with the equipment left out counted, "
                f"{seconds(fleet['ours']['median'])} s, {fleet['vs_single_criterion']}× that.",
            ]
    for result in results:
        glpi = result["measures"].get("glpi_import", {})
        if "imported_share" in glpi:
            lines += [
                "",
                f"GLPI import ({number(result['size'])} collectivities): a messy "
                f"export of {number(glpi['lines'])} lines, {number(glpi['dirty_lines'])} "
                f"of them with a mistake (tests/fixtures/glpi_messy.py); ours imported "
                f"{number(glpi['imported'])} in one pass "
                f"({100 * glpi['imported_share']:.1f} %, {number(glpi['flagged'])} with "
                f"warnings, {number(glpi['rejected'])} not imported and listed in the "
                f"file of lines to correct); base_import, which refuses a batch for one "
                f"bad line, was given the {number(glpi['base_import_lines'])} clean lines "
                f"only. Compared: the records of the clean lines.",
            ]
    lines += [
        "",
        "Portfolio XLSX export, growth of the resident memory (RSS, sampled every "
        "5 ms, C allocations included) over one export in a process that ran nothing "
        "else:",
        "",
        "| collectivities | ours (MiB) | per-record loop (MiB) |",
        "| ---: | ---: | ---: |",
    ]
    for result in results:
        xlsx = result["measures"].get("xlsx", {})
        if "process_rss_growth_mib" in xlsx.get("ours", {}):
            lines.append(
                f"| {number(result['size'])} | {xlsx['ours']['process_rss_growth_mib']}"
                f" | {xlsx['naive'].get('process_rss_growth_mib', '')} |"
            )
    lines += [
        "",
        "Generated data:",
        "",
        "| collectivities | assessments | plan lines | purchase lines | equipment "
        "| generated in (s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        rows = result["rows"]
        lines.append(
            f"| {number(result['size'])} | {number(rows['ecoclic.assessment'])} | "
            f"{number(rows['ecoclic.plan.line'])} | {number(rows['purchase.order.line'])} | "
            f"{number(rows['maintenance.equipment'])} | {result['generated_seconds']} |"
        )
    return "\n".join(lines) + "\n"


def plot(results, path):
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot
    except ImportError:
        return False
    sizes = [result["size"] for result in results]
    figure, axes = pyplot.subplots(1, 2, figsize=(11, 4.2))
    for key, label in LABELS.items():
        if key == "glpi_import":
            continue
        ours = [result["measures"][key]["ours"]["median"] for result in results]
        naive = [result["measures"][key]["naive"]["median"] for result in results]
        (line,) = axes[0].plot(sizes, ours, marker="o", label=label)
        axes[1].plot(sizes, naive, marker="o", color=line.get_color(), label=label)
    for ax, title in zip(axes, ("Set-wise (the add-ons)", "Per-record ORM loop"), strict=True):
        ax.set_title(title)
        ax.set_xlabel("collectivities")
        ax.set_ylabel("seconds (median)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("results", nargs="+")
    args = parser.parse_args()
    results = sorted(
        (json.loads(Path(p).read_text()) for p in args.results), key=lambda result: result["size"]
    )
    info = {
        "date": date.today().isoformat(),
        "machine": machine(),
        "postgresql": results[0].get("postgresql", "?"),
        "odoo": results[0].get("odoo", "?"),
        "runs": results[0]["runs"],
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "benchmark.json").write_text(
        json.dumps({"info": info, "results": results}, indent=1) + "\n"
    )
    text = markdown(results, info)
    (out / "benchmark.md").write_text(text)
    png = plot(results, out / "benchmark.png") if len(results) > 1 else None
    print(text)
    print(
        f"written: {out / 'benchmark.md'}, {out / 'benchmark.json'}"
        + (
            f", {out / 'benchmark.png'}"
            if png
            else " (no plot: one size only)"
            if png is None
            else " (no plot: matplotlib is not installed, see README)"
        )
    )


if __name__ == "__main__":
    main()
