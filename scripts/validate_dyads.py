#!/usr/bin/env python3
"""Check casus's dyad-year tables against the published reference tables.

Usage:
    python scripts/validate_dyads.py --shared FOLDER

FOLDER holds the reference files (they are never part of the repository):
cow-system-spells.csv and cow-states-2016.csv (the COW v2016 state list in
its two layouts), cow-ddy-1816-2024.csv.gz (peacesciencer's directed
dyad-years 1816-2024), false-cow-dyads.csv (peacesciencer's list of
never-same-day dyad-years) and atop-5.1-ddyr-subset.csv (peacesciencer's
ATOP 5.1 subset).

casus builds its tables from the input files only; the reference results
are then compared in DuckDB SQL that is written independently of casus's
code.  Exit status 0 means every comparison matched exactly.

Data: Correlates of War Project, State System Membership List v2016;
ATOP 5.1 (Leeds et al. 2002); peacesciencer (Miller 2022) and isard.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from casus.datasets import dyad_years, never_same_day, read_spells, write_table
from casus.datasets.dyads import effective_spells

REQUIRED = (
    "cow-system-spells.csv",
    "cow-states-2016.csv",
    "cow-ddy-1816-2024.csv.gz",
    "false-cow-dyads.csv",
    "atop-5.1-ddyr-subset.csv",
)
FLAGS = ("atop_alliance", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
ATOP_FIRST, ATOP_LAST = 1815, 2018  # peacesciencer's fixed ATOP 5.1 window, used for the reference side only
START, END = 1816, 2024


class Report:
    """Collects comparison lines and whether everything matched."""

    def __init__(self) -> None:
        self.ok = True

    def line(self, label: str, value: object, expect: object | None = None) -> None:
        good = expect is None or value == expect
        self.ok &= good
        mark = (
            ""
            if expect is None
            else (
                "  ok"
                if good
                else f"  MISMATCH (expected {expect:,})"
                if isinstance(expect, int)
                else f"  MISMATCH (expected {expect})"
            )
        )
        shown = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
        print(f"  {label:<58} {shown:>12}{mark}")


def q1(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """Run a query that returns one number."""
    return int(con.execute(sql).fetchone()[0])


def compare_sets(con: duckdb.DuckDBPyConnection, report: Report, ours: str, ref: str, cols: str) -> None:
    """Print matched / only-in-ours / only-in-reference counts for two tables."""
    matched = q1(con, f"SELECT count(*) FROM (SELECT {cols} FROM {ours} INTERSECT ALL SELECT {cols} FROM {ref})")
    only_ours = q1(con, f"SELECT count(*) FROM (SELECT {cols} FROM {ours} EXCEPT ALL SELECT {cols} FROM {ref})")
    only_ref = q1(con, f"SELECT count(*) FROM (SELECT {cols} FROM {ref} EXCEPT ALL SELECT {cols} FROM {ours})")
    report.line("rows in casus", q1(con, f"SELECT count(*) FROM {ours}"))
    report.line("rows in reference", q1(con, f"SELECT count(*) FROM {ref}"))
    report.line("matched", matched)
    report.line("only in casus", only_ours, 0)
    report.line("only in reference", only_ref, 0)


def compare_values(con: duckdb.DuckDBPyConnection, report: Report, ours: str, ref: str) -> None:
    """Join on the key and count rows and cells that differ (null-safe)."""
    key = "o.ccode1 = r.ccode1 AND o.ccode2 = r.ccode2 AND o.year = r.year"
    report.line(
        "rows joined on (ccode1, ccode2, year)", q1(con, f"SELECT count(*) FROM {ours} o JOIN {ref} r ON {key}")
    )
    report.line(
        "casus rows without a reference row", q1(con, f"SELECT count(*) FROM {ours} o ANTI JOIN {ref} r ON {key}"), 0
    )
    any_diff = " OR ".join(f"o.{c} IS DISTINCT FROM r.{c}" for c in FLAGS)
    report.line(
        "rows with any ATOP column different",
        q1(con, f"SELECT count(*) FROM {ours} o JOIN {ref} r ON {key} WHERE {any_diff}"),
        0,
    )
    for col in FLAGS:
        same = q1(
            con, f"SELECT count(*) FROM {ours} o JOIN {ref} r ON {key} WHERE o.{col} IS NOT DISTINCT FROM r.{col}"
        )
        report.line(f"  {col}: equal cells", same)
    nulls = q1(con, f"SELECT count(*) FROM {ours} WHERE " + " AND ".join(f"{c} IS NULL" for c in FLAGS))
    some_null = " OR ".join(f"{c} IS NULL" for c in FLAGS)
    all_null = " AND ".join(f"{c} IS NULL" for c in FLAGS)
    partial = q1(con, f"SELECT count(*) FROM {ours} WHERE ({some_null}) AND NOT ({all_null})")
    late = q1(con, f"SELECT count(*) FROM {ours} WHERE year > {ATOP_LAST}")
    report.line("rows with all six ATOP columns missing", nulls, late)
    report.line(
        f"  of which outside {ATOP_FIRST}-{ATOP_LAST}",
        q1(con, f"SELECT count(*) FROM {ours} WHERE atop_defense IS NULL AND year > {ATOP_LAST}"),
        late,
    )
    report.line("rows with only some ATOP columns missing", partial, 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, required=True, help="folder with the reference files")
    args = parser.parse_args(argv)
    folder: Path = args.shared
    missing = [name for name in REQUIRED if not (folder / name).is_file()]
    if missing:
        print(f"error: {folder} lacks {', '.join(missing)}", file=sys.stderr)
        return 2

    report = Report()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE ref_ddy AS SELECT ccode1::INTEGER AS ccode1, ccode2::INTEGER AS ccode2, year::INTEGER AS year "
        "FROM read_csv(?, header = true)",
        [str(folder / "cow-ddy-1816-2024.csv.gz")],
    )
    con.execute(
        "CREATE TABLE ref_false AS SELECT ccode1::INTEGER AS ccode1, ccode2::INTEGER AS ccode2, year::INTEGER AS year "
        "FROM read_csv(?, header = true)",
        [str(folder / "false-cow-dyads.csv")],
    )
    con.execute(
        "CREATE TABLE atop AS SELECT * FROM read_csv(?, header = true)", [str(folder / "atop-5.1-ddyr-subset.csv")]
    )

    with tempfile.TemporaryDirectory(prefix="casus-validate-") as tmp:
        tmpdir = Path(tmp)

        def load(name: str, frame) -> str:
            write_table(frame, tmpdir / f"{name}.parquet")
            con.execute(
                f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM read_parquet(?)", [str(tmpdir / f"{name}.parquet")]
            )
            return name

        # 1. State-system dyad-years, from both layouts of the state list.
        for layout, states in (("isard spells", "cow-system-spells.csv"), ("COW states2016", "cow-states-2016.csv")):
            began = time.perf_counter()
            ours = dyad_years(START, END, states=folder / states)
            took = time.perf_counter() - began
            print(f"\nDirected dyad-years {START}-{END} from {states} ({layout} layout), built in {took:.2f} s")
            compare_sets(con, report, load("ours_ddy", ours), "ref_ddy", "ccode1, ccode2, year")
            ordered = ours.select("ccode1", "ccode2", "year").rows() == con.execute("SELECT * FROM ref_ddy").fetchall()
            report.line("same row order as the reference file", ordered, True)

        print(f"\nNon-directed dyad-years {START}-{END} (ccode1 < ccode2)")
        undirected = dyad_years(START, END, states=folder / "cow-system-spells.csv", directed=False)
        load("ours_undirected", undirected)
        con.execute("CREATE TABLE ref_undirected AS SELECT * FROM ref_ddy WHERE ccode1 < ccode2")
        compare_sets(con, report, "ours_undirected", "ref_undirected", "ccode1, ccode2, year")

        spells = read_spells(folder / "cow-system-spells.csv")
        print("\nExtension rule")
        report.line(
            "spells extended from the list's last year to " + str(END),
            int(effective_spells(spells, END)["extended"].sum()),
            195,
        )

        # 2. Never-same-day dyad-years, computed from the spell dates.
        print("\nNever-same-day dyad-years computed from exact spell dates vs false-cow-dyads.csv")
        load("ours_false", never_same_day(spells, START, END))
        compare_sets(con, report, "ours_false", "ref_false", "ccode1, ccode2, year")
        report.line(
            "of them present in the reference dyad-years",
            q1(con, "SELECT count(*) FROM ref_false JOIN ref_ddy USING (ccode1, ccode2, year)"),
            0,
        )

        # 3. ATOP, directed: against a plain SQL left join of the reference tables.
        def fill(col: str, src: str, year: str) -> str:
            """peacesciencer's rule: missing -> 0 inside its ATOP window, else left missing."""
            return (
                f"CASE WHEN {year} BETWEEN {ATOP_FIRST} AND {ATOP_LAST} THEN coalesce({src}, 0) ELSE {src} END AS {col}"
            )

        con.execute(
            "CREATE TABLE ref_atop AS SELECT d.ccode1, d.ccode2, d.year, "
            + fill("atop_alliance", "CASE WHEN a.ccode1 IS NOT NULL THEN 1 END", "d.year")
            + ", "
            + ", ".join(fill(c, f"a.{c}", "d.year") for c in FLAGS[1:])
            + " FROM ref_ddy d LEFT JOIN atop a ON a.ccode1 = d.ccode1 AND a.ccode2 = d.ccode2 AND a.year = d.year"
        )
        print(f"\nATOP columns, directed {START}-{END} (casus from input files vs reference ddy LEFT JOIN ATOP subset)")
        ours_atop = dyad_years(
            START,
            END,
            states=folder / "cow-system-spells.csv",
            with_atop=True,
            atop=folder / "atop-5.1-ddyr-subset.csv",
        )
        compare_values(con, report, load("ours_atop", ours_atop), "ref_atop")
        report.line(
            "rows in years 2019-2024",
            q1(con, "SELECT count(*) FROM ours_atop WHERE year BETWEEN 2019 AND 2024"),
            226_980,
        )
        report.line(
            "ATOP rows matched to a dyad-year",
            q1(con, "SELECT count(*) FROM atop JOIN ref_ddy USING (ccode1, ccode2, year)"),
            267_402,
        )
        dropped = q1(con, "SELECT count(*) FROM atop ANTI JOIN ref_ddy USING (ccode1, ccode2, year)")
        report.line("ATOP rows with no COW dyad-year (dropped by the join)", dropped, 5_894)
        report.line(
            "  of which in 1815",
            q1(con, "SELECT count(*) FROM atop ANTI JOIN ref_ddy USING (ccode1, ccode2, year) WHERE year = 1815"),
            126,
        )
        report.line(
            "  of which among the never-same-day dyad-years",
            q1(con, "SELECT count(*) FROM atop JOIN ref_false USING (ccode1, ccode2, year)"),
            0,
        )

        # 4. ATOP, non-directed: max over both directions, and lower code first.
        both = ", ".join(fill(c, f"greatest(f.{c}, r.{c})", "u.year") for c in FLAGS[1:])
        con.execute("CREATE TABLE atop1 AS SELECT *, 1 AS atop_alliance FROM atop")
        con.execute(
            "CREATE TABLE ref_atop_max AS SELECT u.ccode1, u.ccode2, u.year, "
            + fill("atop_alliance", "greatest(f.atop_alliance, r.atop_alliance)", "u.year")
            + ", "
            + both
            + " FROM ref_undirected u"
            " LEFT JOIN atop1 f ON f.ccode1 = u.ccode1 AND f.ccode2 = u.ccode2 AND f.year = u.year"
            " LEFT JOIN atop1 r ON r.ccode1 = u.ccode2 AND r.ccode2 = u.ccode1 AND r.year = u.year"
        )
        con.execute("CREATE TABLE ref_atop_lower AS SELECT * FROM ref_atop WHERE ccode1 < ccode2")
        for rule, ref in (("max", "ref_atop_max"), ("lower-first", "ref_atop_lower")):
            print(f"\nATOP columns, non-directed, rule '{rule}'")
            table = dyad_years(
                START,
                END,
                states=folder / "cow-system-spells.csv",
                directed=False,
                with_atop=True,
                atop=folder / "atop-5.1-ddyr-subset.csv",
                atop_undirected=rule,
            )
            compare_values(con, report, load("ours_u", table), ref)
        asym = q1(
            con,
            "SELECT count(*) FROM ref_atop_max m JOIN ref_atop_lower l USING (ccode1, ccode2, year) "
            "WHERE m.atop_defense IS DISTINCT FROM l.atop_defense",
        )
        report.line("non-directed rows where the two rules differ (atop_defense)", asym)

    print("\nresult:", "every comparison matched" if report.ok else "MISMATCHES FOUND")
    print("Data: COW State System Membership v2016; ATOP 5.1 (Leeds et al. 2002); peacesciencer (Miller 2022).")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
