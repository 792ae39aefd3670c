#!/usr/bin/env python3
"""Benchmark: directed dyad-years 1816-2024 with ATOP added, from the files.

Usage:
    python benchmarks/bench_dyads.py --shared FOLDER [--runs 9] [--pandas-runs 7]

FOLDER holds cow-system-spells.csv, atop-5.1-ddyr-subset.csv and
false-cow-dyads.csv (reference data, never part of the repository).

Each measurement runs in a fresh Python process and times everything after
the imports: reading the CSV files, building the 2.2 million dyad-years,
adding ATOP.  Its peak resident memory (the whole process, imports
included) is read with getrusage(RUSAGE_CHILDREN) by a small parent process
that ran only it.  casus and pandas runs alternate, so that both meet the
same machine load.

The baseline is a plain pandas version of the same table, built the way
peacesciencer's create_dyadyears() does it: a full grid of every code x
every code x every year, filtered by joining the spells on each side, then
an anti-join with the shipped never-same-day list (read from
false-cow-dyads.csv, as peacesciencer does, rather than computed), then the
ATOP left join.  It needs pandas, which casus itself does not depend on.

Targets: casus median <= 0.5 s, peak RSS <= 1 GiB, >= 10x faster than pandas.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

START, END = 1816, 2024
ATOP_FIRST, ATOP_LAST = 1815, 2018  # peacesciencer's window, used by the pandas baseline
TARGET_SECONDS, TARGET_MIB, TARGET_RATIO = 0.5, 1024, 10.0
FILES = ("cow-system-spells.csv", "atop-5.1-ddyr-subset.csv", "false-cow-dyads.csv")


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# --- the two implementations (run inside child processes) --------------------


def run_casus(folder: Path) -> int:
    from casus.datasets import dyad_years

    table = dyad_years(
        START, END, states=folder / "cow-system-spells.csv", with_atop=True, atop=folder / "atop-5.1-ddyr-subset.csv"
    )
    return table.height


def pandas_table(folder: Path):
    import pandas as pd

    spells = pd.read_csv(folder / "cow-system-spells.csv", parse_dates=["start", "end"])
    last = spells["end"].dt.year.max()
    spells["styear"] = spells["start"].dt.year
    spells["endyear"] = spells["end"].dt.year
    open_at_end = (spells["endyear"] == last) & (spells["end"].dt.month == 12)
    spells.loc[open_at_end, "endyear"] = END
    spans = spells[["ccode", "styear", "endyear"]]

    codes = spans["ccode"].unique()
    grid = pd.MultiIndex.from_product(
        [codes, codes, range(START, END + 1)], names=["ccode1", "ccode2", "year"]
    ).to_frame(index=False)
    grid = grid[grid["ccode1"] != grid["ccode2"]]
    for side in ("ccode1", "ccode2"):
        grid = grid.merge(spans.rename(columns={"ccode": side}), on=side)
        grid = grid[(grid["year"] >= grid["styear"]) & (grid["year"] <= grid["endyear"])]
        grid = grid.drop(columns=["styear", "endyear"])

    false = pd.read_csv(folder / "false-cow-dyads.csv")[["ccode1", "ccode2", "year"]]
    grid = grid.merge(false, how="left", on=["ccode1", "ccode2", "year"], indicator=True)
    grid = grid[grid["_merge"] == "left_only"].drop(columns="_merge")

    atop = pd.read_csv(folder / "atop-5.1-ddyr-subset.csv")
    atop.insert(3, "atop_alliance", 1)
    grid = grid.merge(atop, how="left", on=["ccode1", "ccode2", "year"])
    flags = [c for c in atop.columns if c.startswith("atop_")]
    inside = grid["year"].between(ATOP_FIRST, ATOP_LAST)
    grid.loc[inside, flags] = grid.loc[inside, flags].fillna(0)
    return grid.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)


def run_pandas(folder: Path) -> int:
    return len(pandas_table(folder))


def child(kind: str, folder: Path) -> None:
    """Import, time one build, print one JSON line."""
    began = time.perf_counter()
    if kind == "casus":
        import polars  # noqa: F401

        import casus.datasets  # noqa: F401

        work = run_casus
    else:
        import pandas  # noqa: F401

        work = run_pandas
    imported = time.perf_counter()
    rows = work(folder)
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "seconds": done - imported,
                "import_seconds": imported - began,
                "rows": rows,
                "self_peak_mib": peak_rss_mib(),
            }
        )
    )


def verify(folder: Path) -> None:
    """Check once that the pandas baseline builds the same table as casus."""
    import polars as pl

    from casus.datasets import dyad_years

    ours = dyad_years(
        START, END, states=folder / "cow-system-spells.csv", with_atop=True, atop=folder / "atop-5.1-ddyr-subset.csv"
    )
    theirs = pandas_table(folder)
    theirs_pl = pl.DataFrame([pl.Series(c, theirs[c].to_numpy(), nan_to_null=True) for c in ours.columns]).cast(
        ours.schema
    )
    print(json.dumps({"same": theirs_pl.equals(ours), "rows": [ours.height, len(theirs)]}))


# --- the parent ---------------------------------------------------------------


def meter(kind: str, folder: Path) -> None:
    """Run one child measurement and add its peak RSS read via RUSAGE_CHILDREN.

    This process has exactly one child, so RUSAGE_CHILDREN's ru_maxrss is
    that child's own peak.
    """
    out = subprocess.run(
        [sys.executable, __file__, "--shared", str(folder), "--child", kind], check=True, capture_output=True, text=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["peak_mib"] = peak_rss_mib(resource.RUSAGE_CHILDREN)
    print(json.dumps(result))


def measure_once(kind: str, folder: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--shared", str(folder), "--meter", kind], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(kinds: dict[str, int], folder: Path) -> dict[str, list[dict]]:
    """Run the measurements interleaved, so that both see the same machine load."""
    results: dict[str, list[dict]] = {kind: [] for kind in kinds}
    for i in range(max(kinds.values(), default=0)):
        for kind, runs in kinds.items():
            if i < runs:
                results[kind].append(measure_once(kind, folder))
    return results


def describe(label: str, results: list[dict]) -> dict:
    times = [r["seconds"] for r in results]
    return {
        "label": label,
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "runs": len(times),
        "peak": max(r["peak_mib"] for r in results),
        "imports": statistics.median(r["import_seconds"] for r in results),
        "rows": results[0]["rows"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, required=True, help="folder with the reference files")
    parser.add_argument("--runs", type=int, default=9, help="casus measurements (default 9, at least 7)")
    parser.add_argument("--pandas-runs", type=int, default=7, help="pandas measurements (default 7; 0 to skip)")
    parser.add_argument("--child", choices=["casus", "pandas", "verify"], help=argparse.SUPPRESS)
    parser.add_argument("--meter", choices=["casus", "pandas"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    folder: Path = args.shared
    if args.child == "verify":
        verify(folder)
        return 0
    if args.child:
        child(args.child, folder)
        return 0
    if args.meter:
        meter(args.meter, folder)
        return 0
    missing = [f for f in FILES if not (folder / f).is_file()]
    if missing:
        print(f"error: {folder} lacks {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.runs < 7:
        print("note: fewer than 7 runs; the median is less reliable", file=sys.stderr)

    import polars

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, polars {polars.__version__}"
    )
    print(f"task: directed dyad-years {START}-{END} with ATOP columns, from CSV files, one fresh process per run\n")

    have_pandas = True
    try:
        import pandas

        print(f"pandas {pandas.__version__} for the baseline; runs are interleaved")
    except ImportError:
        have_pandas = False
        print("pandas is not installed: the baseline is skipped (pip install pandas)")
    kinds = {"casus": args.runs}
    if have_pandas and args.pandas_runs > 0:
        kinds["pandas"] = args.pandas_runs
    results = measure(kinds, folder)
    rows = [describe("casus (polars)", results["casus"])]
    if "pandas" in results:
        rows.append(describe("pandas cross-join baseline", results["pandas"]))

    print(
        f"\n{'implementation':<28}{'rows':>11}{'median s':>10}{'min s':>8}{'max s':>8}"
        f"{'runs':>6}{'peak RSS MiB':>14}{'imports s':>11}"
    )
    for r in rows:
        print(
            f"{r['label']:<28}{r['rows']:>11,}{r['median']:>10.3f}{r['min']:>8.3f}{r['max']:>8.3f}{r['runs']:>6}{r['peak']:>14.0f}{r['imports']:>11.2f}"
        )
    print("(time: after imports, from reading the CSV files to the finished table; peak RSS: whole process,")
    print(" read with getrusage(RUSAGE_CHILDREN) by a parent that ran only that process)")

    casus = rows[0]
    checks = [
        (f"casus median <= {TARGET_SECONDS} s", casus["median"] <= TARGET_SECONDS),
        (f"casus peak RSS <= {TARGET_MIB} MiB", casus["peak"] <= TARGET_MIB),
    ]
    if len(rows) > 1:
        ratio = rows[1]["median"] / casus["median"]
        print(f"\npandas / casus median time: {ratio:.1f}x")
        checks.append((f"casus >= {TARGET_RATIO:.0f}x faster than pandas", ratio >= TARGET_RATIO))
        check = subprocess.run(
            [sys.executable, __file__, "--shared", str(folder), "--child", "verify"], capture_output=True, text=True
        )
        same = check.returncode == 0 and json.loads(check.stdout.strip().splitlines()[-1])["same"]
        if check.returncode != 0:
            print("verification failed:", (check.stderr.strip().splitlines() or ["?"])[-1])
        checks.append(("pandas baseline builds the same table", bool(same)))
    print()
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
