#!/usr/bin/env python3
"""Compare casus's treaty obligations with ATOP's codes, per instrument.

Usage:
    python scripts/crosscheck_atop.py --shared FOLDER [--details] [--instrument ID]

FOLDER holds the reference files (never part of the repository):
atop-4.01-member-level.csv and atop-4.01-alliance-level.csv (ATOP's
per-alliance, per-member codes), atop-5.1-ddyr-subset.csv (ATOP 5.1's
directed dyad-years, all alliances together) and cow-system-spells.csv
(the COW v2016 state list, which decides which dyad-years exist).

For every treaty that both casus and ATOP cover, the script builds casus's
``--with casus`` columns for that treaty alone and ATOP's codes for the
matching alliance, each per directed COW dyad-year, and prints per column:
rows compared (dyad-years both cover), agree, casus-only (casus 1, ATOP 0)
and ATOP-only (ATOP 1, casus 0), plus the dyad-years only one side covers.
A second table compares casus's defence column with ATOP 5.1's, where a 1
may come from any ATOP alliance.  ``--details`` lists every difference as a
run of years.  docs/datasets.md explains the differences.

Data: ATOP (Leeds et al. 2002), v4.01 and 5.1; COW State System Membership
v2016; peacesciencer (Miller 2022) for the 5.1 subset.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from casus.datasets import dyad_years, read_atop
from casus.datasets.crosscheck import ATOP_IDS, KEY, atop_dyad_years, casus_dyad_years, compare, differences
from casus.importers import atop as atop_import
from casus.loader.corpus import load_corpus

REQUIRED = ("atop-4.01-member-level.csv", "atop-4.01-alliance-level.csv", "atop-5.1-ddyr-subset.csv",
            "cow-system-spells.csv")
FIRST = 1947


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", required=True, type=Path, help="folder with the reference files")
    parser.add_argument("--details", action="store_true", help="list every difference")
    parser.add_argument("--instrument", action="append", default=[], help="only this casus instrument id")
    args = parser.parse_args(argv)
    missing = [name for name in REQUIRED if not (args.shared / name).is_file()]
    if missing:
        print(f"error: {args.shared}: missing {', '.join(missing)}", file=sys.stderr)
        return 2

    alliances = {a.atopid: a for a in atop_import.read(args.shared)}
    last_401 = max(max(r.start.year, r.end.year if r.end else 0) for a in alliances.values() for r in a.rows)
    atop51 = read_atop(args.shared / "atop-5.1-ddyr-subset.csv")
    last_51 = atop51.last_year
    system = dyad_years(FIRST, max(last_401, last_51), states=args.shared / "cow-system-spells.csv")
    corpus = load_corpus()

    wanted = args.instrument or list(ATOP_IDS)
    unknown = [i for i in wanted if i not in ATOP_IDS]
    if unknown:
        print(f"error: no ATOP alliance is paired with {', '.join(unknown)}; known: {', '.join(ATOP_IDS)}",
              file=sys.stderr)
        return 2

    print(f"ATOP 4.01 per alliance, {FIRST}-{last_401}, directed COW dyad-years")
    header = f"{'instrument':<38} {'ATOP':>5} {'column':<8} {'compared':>8} {'agree':>7} {'casus-only':>10} " \
             f"{'ATOP-only':>9}"
    print(header)
    print("-" * len(header))
    rows_lines = []
    detail_lines = []
    for inst_id in wanted:
        inst = corpus.get(inst_id)
        aid = ATOP_IDS[inst_id]
        if inst is None or aid not in alliances:
            print(f"error: {inst_id} or ATOP {aid} not found", file=sys.stderr)
            return 2
        ours = casus_dyad_years(inst, FIRST, last_401)
        theirs = atop_dyad_years(alliances[aid].rows, FIRST, last_401)
        result = compare(ours, theirs, system)
        for col in result.columns:
            print(f"{inst_id:<38} {aid:>5} {col.column:<8} {col.compared:>8,} {col.agree:>7,} "
                  f"{col.casus_only:>10,} {col.atop_only:>9,}")
        rows_lines.append(f"{inst_id:<38} {result.casus_rows:>7,} {result.atop_rows:>7,} {result.both:>7,} "
                          f"{result.casus_rows_only:>10,} {result.atop_rows_only:>9,}")
        if args.details:
            for d in differences(ours, theirs, system):
                years = str(d.first) if d.first == d.last else f"{d.first}-{d.last}"
                detail_lines.append(f"  {inst_id:<38} {d.what:<8} {d.side + '-only':<10} "
                                    f"{d.ccode1:>4} -> {d.ccode2:<4} {years}")
    print()
    print("dyad-years covered (a row: the two states share the treaty / the alliance that year)")
    print(f"{'instrument':<38} {'casus':>7} {'ATOP':>7} {'both':>7} {'casus-only':>10} {'ATOP-only':>9}")
    for line in rows_lines:
        print(line)

    print()
    print(f"casus defence per instrument vs ATOP 5.1 defence (any alliance), {FIRST}-{last_51}")
    print(f"{'instrument':<38} {'casus 1':>8} {'5.1 has 1':>9} {'5.1 has 0':>9} {'no 5.1 row':>10}")
    ref = atop51.rows.select(KEY + [pl.col("atop_defense").alias("ref_defense")])
    for inst_id in wanted:
        ours = casus_dyad_years(corpus.get(inst_id), FIRST, last_51).join(system.select(KEY), on=KEY, how="semi")
        pledged = ours.filter(pl.col("casus_defense") == 1).join(ref, on=KEY, how="left")
        has1 = pledged.filter(pl.col("ref_defense") == 1).height
        has0 = pledged.filter(pl.col("ref_defense") == 0).height
        none = pledged.filter(pl.col("ref_defense").is_null()).height
        print(f"{inst_id:<38} {pledged.height:>8,} {has1:>9,} {has0:>9,} {none:>10,}")
    if args.details:
        print()
        print("differences (ATOP 4.01 per alliance): instrument, column, side, ccode1 -> ccode2, years")
        for line in detail_lines:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
