#!/usr/bin/env python3
"""Check casus's COW <-> ISO crosswalk against the reference COW and ATOP files.

Usage:
    python scripts/check_cow_crosswalk.py --shared FOLDER [--quiet]

FOLDER holds the reference files (they are never part of the repository):
cow-system-spells.csv (COW State System Membership v2016, isard layout:
ccode, cw_abb, cw_name, start, end) and atop-4.01-member-level.csv (ATOP
4.01; column ``member`` holds COW codes).  If present, these are checked
too: atop-4.01-alliance-level.csv (columns mem1..mem59) and
atop-5.1-ddyr-subset.csv (ccode1, ccode2, year).

It reports as PROBLEMs:

* a code used in any of these files that the crosswalk does not cover (the
  alliance file is used for codes only: its member lists carry no years);
* a (code, year) that COW or ATOP uses and ``cow_to_casus`` cannot map
  (COW: every year of every membership spell; ATOP 4.01: every year from
  entry to exit, a zero exit meaning still in effect in 2016; ATOP 5.1: every
  dyad-year);
* a crosswalk code that no reference file uses;
* a row whose start, or closed end, is not a year in which COW or ATOP uses
  the code (rows are meant to be tight), and a code still in the COW system at
  the end of 2016 whose last row is closed (or the reverse).

Then, unless --quiet, it lists every row with the state's ISO name (from the
gazetteer) or the polity named in the row's note, next to the COW name and
COW membership spells, so that a reviewer can eyeball the mapping.  Years a
row covers that neither COW nor ATOP uses (bridged occupation gaps) are
listed as information, not problems.  Exit status 0 means no problems.

Data: Correlates of War Project, State System Membership List v2016; ATOP
(Leeds et al. 2002), versions 4.01 and 5.1; isard and peacesciencer
(Miller) for the CSV copies.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from casus.geo import Gazetteer
from casus.geo.cow import CowCrosswalk, UnknownCowCode

ATOP_END = 2016  # last year of ATOP 4.01 (an exit year of 0 means in effect then)


def read_spells(path: Path) -> tuple[dict[int, list[tuple[str, str]]], dict[int, str]]:
    spells: dict[int, list[tuple[str, str]]] = defaultdict(list)
    names: dict[int, str] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            c = int(r["ccode"])
            spells[c].append((r["start"], r["end"]))
            names.setdefault(c, r["cw_name"])
    return spells, names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", required=True, type=Path, help="folder with the reference CSV files")
    ap.add_argument("--quiet", action="store_true", help="print only problems and the summary")
    args = ap.parse_args(argv)
    folder: Path = args.shared
    spells_file = folder / "cow-system-spells.csv"
    member_file = folder / "atop-4.01-member-level.csv"
    for f in (spells_file, member_file):
        if not f.is_file():
            print(f"missing reference file: {f}", file=sys.stderr)
            return 2

    xw = CowCrosswalk.default()
    gaz = Gazetteer.default()
    problems: list[str] = []

    # -- what the reference files use: code -> {year: sources} -------------------
    used: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    spells, cow_names = read_spells(spells_file)
    for c, spans in spells.items():
        for start, end in spans:
            for y in range(int(start[:4]), int(end[:4]) + 1):
                used[c][y].add("COW")
    with member_file.open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            c = int(r["member"])
            exit_year = int(r["yrexit"]) or ATOP_END
            for y in range(int(r["yrent"]), exit_year + 1):
                used[c][y].add("ATOP4")
    sources = ["COW v2016 spells", "ATOP 4.01 members"]

    alliance_codes: set[int] = set()
    alliance_file = folder / "atop-4.01-alliance-level.csv"
    if alliance_file.is_file():
        # mem1..mem59 list everyone who was ever a member, whatever the year,
        # so this file is checked for codes only (the member file has the years).
        with alliance_file.open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                for k in range(1, 60):
                    v = (r.get(f"mem{k}") or "").strip()
                    if v:
                        alliance_codes.add(int(float(v)))
        sources.append("ATOP 4.01 alliances")
    ddyr_file = folder / "atop-5.1-ddyr-subset.csv"
    if ddyr_file.is_file():
        with ddyr_file.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            i1, i2, iy = header.index("ccode1"), header.index("ccode2"), header.index("year")
            for r in reader:
                y = int(r[iy])
                used[int(r[i1])][y].add("ATOP5")
                used[int(r[i2])][y].add("ATOP5")
        sources.append("ATOP 5.1 dyad-years")

    # -- coverage -----------------------------------------------------------------
    known = set(xw.cow_codes())
    for c in sorted(alliance_codes - known - set(used)):
        problems.append(f"code {c} is a member in the ATOP 4.01 alliance file but not in the crosswalk")
    for c in sorted(set(used) - known):
        years = sorted(used[c])
        problems.append(f"code {c} ({cow_names.get(c, 'not a COW system member')}) is used in "
                        f"{years[0]}-{years[-1]} but not in the crosswalk")
    for c in sorted(known - set(used)):
        problems.append(f"crosswalk code {c} is used by none of the reference files")
    for c in sorted(known & set(used)):
        bad = []
        for y in sorted(used[c]):
            try:
                xw.cow_to_casus(c, y)
            except UnknownCowCode:
                bad.append(y)
        if bad:
            problems.append(f"code {c}: not mapped in {_ranges(bad)} "
                            f"(used by {', '.join(sorted(set().union(*(used[c][y] for y in bad))))})")

    # -- tight rows, open ends ------------------------------------------------------
    for c in sorted(known & set(used)):
        rows = xw.rows_for(c)
        for row in rows:
            if row.start not in used[c]:
                problems.append(f"code {c} row {row.span}: no reference file uses the code in its start year")
            if row.end is not None and row.end not in used[c]:
                problems.append(f"code {c} row {row.span}: no reference file uses the code in its end year")
        in_system = any(end >= "2016-12-31" for _, end in spells.get(c, ()))
        if in_system and rows[-1].end is not None:
            problems.append(f"code {c} is in the COW system at the end of 2016 but its last row ends {rows[-1].end}")
        if not in_system and rows[-1].end is None:
            problems.append(f"code {c} has left the COW system (or was never in it) but its last row is open-ended")

    # -- listing for review ------------------------------------------------------------
    bridged: list[str] = []
    if not args.quiet:
        print(f"{'ccode':>5}  {'years':<10} {'casus':<9} {'casus/ISO name':<44} | COW name and spells")
    for row in xw.rows:
        c = row.ccode
        if row.iso3:
            name = gaz.place(row.iso3).name
        else:
            name = "(" + row.note.split(":")[0].split(".")[0].strip() + ")"
        spans = spells.get(c, [])
        cow = cow_names.get(c, "-- not a COW system member --")
        spell_text = "; ".join(f"{s}..{e}" for s, e in spans)
        if not args.quiet:
            print(f"{c:>5}  {row.span:<10} {row.casus_code:<9} {name[:44]:<44} | {cow}  [{spell_text}]")
        last = row.end if row.end is not None else max(max(used[c], default=row.start), row.start)
        gap = [y for y in range(row.start, last + 1) if y not in used[c]]
        if gap:
            bridged.append(f"{c} {row.casus_code}: {_ranges(gap)}")

    if not args.quiet and bridged:
        print("\nYears covered by a row but used by no reference file (bridged gaps; information only):")
        for line in bridged:
            print(f"  {line}")

    iso_rows = sum(1 for r in xw.rows if r.iso3)
    print(f"\nChecked against: {', '.join(sources)}.")
    print(f"Crosswalk: {len(xw.rows)} rows, {len(known)} codes ({len(known & set(spells))} COW v2016 "
          f"system members, {len(known - set(spells))} ATOP-only), {iso_rows} rows with an ISO code, "
          f"{len(xw.rows) - iso_rows} with a COW-<ccode> code.")
    if problems:
        print(f"{len(problems)} PROBLEM(S):")
        for p in problems:
            print(f"  PROBLEM: {p}")
        return 1
    print("No problems: every code and every (code, year) used by COW and ATOP is covered.")
    return 0


def _ranges(years: list[int]) -> str:
    runs: list[list[int]] = []
    for y in years:
        if runs and runs[-1][1] == y - 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


if __name__ == "__main__":
    sys.exit(main())
