#!/usr/bin/env python3
"""Benchmark: directed dyad-years 1816-2024 with ATOP added, from the files.

Usage:
    python benchmarks/bench_dyads.py --shared FOLDER [--runs 9] [--pandas-runs 7] [--cli-runs 9]

FOLDER holds cow-system-spells.csv, atop-5.1-ddyr-subset.csv and
false-cow-dyads.csv (reference data, never part of the repository).

Each in-process measurement runs in a fresh Python process and times
everything after the imports: reading the CSV files, building the 2.2
million dyad-years, adding ATOP.  Its peak resident memory (the whole
process, imports included) is read with getrusage(RUSAGE_CHILDREN) by a
small parent process that ran only it.  The implementations' runs
alternate, so that all meet the same machine load.

Two pandas versions of the same table serve as baselines (pandas is needed
only for them; casus does not depend on it):

* naive: the way peacesciencer's create_dyadyears() does it, a full grid of
  every code x every code x every year (9.8 million rows), filtered by
  joining the spells on each side;
* efficient: each year's states merged with themselves (the state-years
  joined to themselves on the year), which never builds the grid.

Both then drop the shipped never-same-day list (read from
false-cow-dyads.csv, as peacesciencer does, rather than computed), left-join
ATOP and sort.  The benchmark checks that both give casus's table exactly.

The whole-process measure runs the command

    casus dyads --from 1816 --to 2024 --with atop --out FILE.parquet

with a temporary cache into which the two input files were imported
(`casus data fetch NAME --from FILE`, no network), and takes the wall time
from starting the process to its end.

Targets: casus median < 0.1 s in process, peak RSS <= 1 GiB, >= 10x faster
than the naive pandas build, the command < 0.5 s as a whole process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START, END = 1816, 2024
ATOP_FIRST, ATOP_LAST = 1815, 2018  # peacesciencer's window, used by the pandas baseline
TARGET_SECONDS, TARGET_MIB, TARGET_RATIO, TARGET_CLI_SECONDS = 0.1, 1024, 10.0, 0.5
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


def pandas_merge_table(folder: Path):
    """The same table from each year's states merged with themselves (no full grid)."""
    import numpy as np
    import pandas as pd

    spells = pd.read_csv(
        folder / "cow-system-spells.csv", usecols=["ccode", "start", "end"], parse_dates=["start", "end"]
    )
    last = spells["end"].dt.year.max()
    first_year = spells["start"].dt.year.clip(lower=START).to_numpy()
    last_year = spells["end"].dt.year.to_numpy().copy()
    last_year[(spells["end"].dt.year == last).to_numpy() & (spells["end"].dt.month == 12).to_numpy()] = END
    last_year = np.minimum(last_year, END)
    keep = first_year <= last_year
    codes, first_year, last_year = spells["ccode"].to_numpy()[keep], first_year[keep], last_year[keep]
    lengths = last_year - first_year + 1
    steps = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    state_years = pd.DataFrame(
        {"ccode": np.repeat(codes, lengths), "year": np.repeat(first_year, lengths) + steps}
    ).drop_duplicates()

    pairs = state_years.merge(state_years, on="year", suffixes=("1", "2"))
    pairs = pairs[pairs["ccode1"] != pairs["ccode2"]]

    false = pd.read_csv(folder / "false-cow-dyads.csv", usecols=["ccode1", "ccode2", "year"])
    pairs = pairs.merge(false, how="left", on=["ccode1", "ccode2", "year"], indicator=True)
    pairs = pairs[pairs["_merge"] == "left_only"].drop(columns="_merge")

    atop = pd.read_csv(folder / "atop-5.1-ddyr-subset.csv")
    atop.insert(3, "atop_alliance", 1)
    pairs = pairs.merge(atop, how="left", on=["ccode1", "ccode2", "year"])
    flags = [c for c in atop.columns if c.startswith("atop_")]
    inside = pairs["year"].between(ATOP_FIRST, ATOP_LAST).to_numpy()
    pairs[flags] = pairs[flags].fillna(0).where(np.repeat(inside[:, None], len(flags), axis=1))
    return pairs[["ccode1", "ccode2", "year", *flags]].sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)


def run_pandas(folder: Path) -> int:
    return len(pandas_table(folder))


def run_pandas_merge(folder: Path) -> int:
    return len(pandas_merge_table(folder))


def child(kind: str, folder: Path) -> None:
    """Import, time one build, print one JSON line."""
    began = time.perf_counter()
    if kind == "casus":
        import polars  # noqa: F401

        import casus.datasets  # noqa: F401

        work = run_casus
    else:
        import numpy  # noqa: F401
        import pandas  # noqa: F401

        work = run_pandas if kind == "pandas" else run_pandas_merge
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
    """Check once that both pandas baselines build the same table as casus."""
    import polars as pl

    from casus.datasets import dyad_years

    ours = dyad_years(
        START, END, states=folder / "cow-system-spells.csv", with_atop=True, atop=folder / "atop-5.1-ddyr-subset.csv"
    )
    same = {}
    for name, build in (("pandas", pandas_table), ("pandas-merge", pandas_merge_table)):
        theirs = build(folder)
        theirs_pl = pl.DataFrame([pl.Series(c, theirs[c].to_numpy(), nan_to_null=True) for c in ours.columns]).cast(
            ours.schema
        )
        same[name] = theirs_pl.equals(ours)
    print(json.dumps({"same": same, "rows": ours.height}))


def cli_once(cache: Path, out: Path) -> float:
    """Wall time of one whole `casus dyads ... --out` process."""
    casus_cmd = Path(sys.executable).with_name("casus")
    command = [str(casus_cmd)] if casus_cmd.exists() else [sys.executable, "-m", "casus"]
    command += ["dyads", "--from", str(START), "--to", str(END), "--with", "atop", "--out", str(out)]
    env = {**os.environ, "CASUS_CACHE": str(cache)}
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - began


def prepare_cache(folder: Path, cache: Path) -> None:
    """Import the two input files into a fresh cache, as a user would (no network)."""
    env = {**os.environ, "CASUS_CACHE": str(cache)}
    for name, file in (("cow-states", "cow-system-spells.csv"), ("atop", "atop-5.1-ddyr-subset.csv")):
        subprocess.run(
            [sys.executable, "-m", "casus", "data", "fetch", name, "--from", str(folder / file), "--quiet"],
            check=True,
            capture_output=True,
            env=env,
        )


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
    parser.add_argument(
        "--pandas-runs", type=int, default=7, help="measurements of each pandas build (default 7; 0 to skip)"
    )
    parser.add_argument(
        "--cli-runs", type=int, default=9, help="whole-process runs of `casus dyads` (default 9; 0 to skip)"
    )
    parser.add_argument("--child", choices=["casus", "pandas", "pandas-merge", "verify"], help=argparse.SUPPRESS)
    parser.add_argument("--meter", choices=["casus", "pandas", "pandas-merge"], help=argparse.SUPPRESS)
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

        print(f"pandas {pandas.__version__} for the baselines; runs are interleaved")
    except ImportError:
        have_pandas = False
        print("pandas is not installed: the baselines are skipped (pip install pandas)")
    kinds = {"casus": args.runs}
    if have_pandas and args.pandas_runs > 0:
        kinds["pandas"] = args.pandas_runs
        kinds["pandas-merge"] = args.pandas_runs
    results = measure(kinds, folder)
    labels = {
        "casus": "casus (polars)",
        "pandas": "pandas, full grid (naive)",
        "pandas-merge": "pandas, yearly self-merge",
    }
    rows = {kind: describe(labels[kind], results[kind]) for kind in results}

    print(
        f"\n{'implementation':<28}{'rows':>11}{'median s':>10}{'min s':>8}{'max s':>8}"
        f"{'runs':>6}{'peak RSS MiB':>14}{'imports s':>11}"
    )
    for r in rows.values():
        print(
            f"{r['label']:<28}{r['rows']:>11,}{r['median']:>10.3f}{r['min']:>8.3f}{r['max']:>8.3f}{r['runs']:>6}{r['peak']:>14.0f}{r['imports']:>11.2f}"
        )
    print("(time: after imports, from reading the CSV files to the finished table; peak RSS: whole process,")
    print(" read with getrusage(RUSAGE_CHILDREN) by a parent that ran only that process)")

    casus = rows["casus"]
    checks = [
        (f"casus median < {TARGET_SECONDS} s in process", casus["median"] < TARGET_SECONDS),
        (f"casus peak RSS <= {TARGET_MIB} MiB", casus["peak"] <= TARGET_MIB),
    ]
    if "pandas" in rows:
        naive = rows["pandas"]["median"] / casus["median"]
        merge = rows["pandas-merge"]["median"] / casus["median"]
        print(f"\nnaive pandas / casus median time:     {naive:.1f}x")
        print(f"efficient pandas / casus median time: {merge:.1f}x")
        checks.append((f"casus >= {TARGET_RATIO:.0f}x faster than the naive pandas build", naive >= TARGET_RATIO))
        check = subprocess.run(
            [sys.executable, __file__, "--shared", str(folder), "--child", "verify"], capture_output=True, text=True
        )
        same = json.loads(check.stdout.strip().splitlines()[-1])["same"] if check.returncode == 0 else {}
        if check.returncode != 0:
            print("verification failed:", (check.stderr.strip().splitlines() or ["?"])[-1])
        checks.append(("naive pandas build gives the same table", bool(same.get("pandas"))))
        checks.append(("efficient pandas build gives the same table", bool(same.get("pandas-merge"))))

    if args.cli_runs > 0:
        scratch = Path(tempfile.mkdtemp(prefix="casus-bench-"))
        try:
            prepare_cache(folder, scratch / "cache")
            out = scratch / "x.parquet"
            times = [cli_once(scratch / "cache", out) for _ in range(args.cli_runs)]
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        median = statistics.median(times)
        print(
            f"\nwhole process: casus dyads --from {START} --to {END} --with atop --out x.parquet"
            f"\n  median {median:.3f} s, min {min(times):.3f} s, max {max(times):.3f} s, {len(times)} runs"
        )
        checks.append((f"the command < {TARGET_CLI_SECONDS} s as a whole process", median < TARGET_CLI_SECONDS))
    print()
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
