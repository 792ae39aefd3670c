"""Joining ATOP obligations onto dyad-years (peacesciencer's semantics).

Fixture ATOP rows (fixtures/atop_subset.csv and the same rows in ATOP's own
layout, fixtures/atop_ddyr.csv) cover 1974-2015: 2<->20 in 1974, 1975 and
2015 (asymmetric in 2015), 2<->210 in 1980 (2 takes on no obligation), and
rows with a non-member 999 that must drop out.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from casus.datasets import (
    ATOP_COLUMNS,
    DatasetError,
    InputFileError,
    add_atop,
    dyad_years,
    read_atop,
)


def build(fixtures: Path, atop: str = "atop_subset.csv", **kwargs) -> pl.DataFrame:
    return dyad_years(1970, 2020, states=fixtures / "states_cow.csv", with_atop=True, atop=fixtures / atop, **kwargs)


def row(table: pl.DataFrame, a: int, b: int, year: int) -> dict:
    found = table.filter((pl.col("ccode1") == a) & (pl.col("ccode2") == b) & (pl.col("year") == year))
    assert found.height == 1, (a, b, year)
    return found.select(ATOP_COLUMNS).row(0, named=True)


def flags(alliance=0, defense=0, offense=0, neutral=0, nonagg=0, consul=0) -> dict:
    return {
        "atop_alliance": alliance,
        "atop_defense": defense,
        "atop_offense": offense,
        "atop_neutral": neutral,
        "atop_nonagg": nonagg,
        "atop_consul": consul,
    }


NULLS = dict.fromkeys(ATOP_COLUMNS)


def test_columns_and_types(fixtures: Path) -> None:
    table = build(fixtures)
    assert table.columns == ["ccode1", "ccode2", "year", *ATOP_COLUMNS]
    assert all(table.schema[c] == pl.Int8 for c in ATOP_COLUMNS)


def test_rows_are_not_added_or_lost(fixtures: Path) -> None:
    plain = dyad_years(1970, 2020, states=fixtures / "states_cow.csv")
    joined = build(fixtures)
    assert joined.select("ccode1", "ccode2", "year").equals(plain)
    assert joined.filter((pl.col("ccode1") == 999) | (pl.col("ccode2") == 999)).height == 0


def test_coverage_is_taken_from_the_file(fixtures: Path) -> None:
    assert (read_atop(fixtures / "atop_subset.csv").first_year, read_atop(fixtures / "atop_subset.csv").last_year) == (
        1974,
        2015,
    )


def test_zero_inside_coverage_and_null_outside(fixtures: Path) -> None:
    table = build(fixtures)
    assert row(table, 2, 20, 1976) == flags()
    assert row(table, 20, 115, 2015) == flags()
    assert row(table, 2, 20, 1973) == NULLS
    assert row(table, 2, 20, 2016) == NULLS
    outside = table.filter(~pl.col("year").is_between(1974, 2015))
    inside = table.filter(pl.col("year").is_between(1974, 2015))
    assert outside.select(pl.col(ATOP_COLUMNS).is_null().all()).row(0) == (True,) * 6
    assert inside.select(pl.col(ATOP_COLUMNS).null_count().sum()).row(0) == (0,) * 6


def test_alliance_is_one_for_a_row_with_no_obligation(fixtures: Path) -> None:
    assert row(build(fixtures), 2, 210, 1980) == flags(alliance=1)


def test_direction_is_kept(fixtures: Path) -> None:
    table = build(fixtures)
    assert row(table, 2, 20, 2015) == flags(alliance=1, defense=1)
    assert row(table, 20, 2, 2015) == flags(alliance=1, consul=1)
    assert row(table, 2, 20, 1975) == flags(alliance=1, defense=1, consul=1)
    assert row(table, 20, 2, 1975) == flags(alliance=1, defense=1)
    assert row(table, 210, 2, 1980) == flags(alliance=1, nonagg=1)


def test_undirected_takes_the_maximum_of_both_directions(fixtures: Path) -> None:
    table = build(fixtures, directed=False)
    assert row(table, 2, 20, 2015) == flags(alliance=1, defense=1, consul=1)
    assert row(table, 2, 210, 1980) == flags(alliance=1, nonagg=1)
    assert row(table, 2, 20, 1976) == flags()
    assert row(table, 2, 20, 2016) == NULLS


def test_undirected_lower_first_uses_the_stored_row(fixtures: Path) -> None:
    table = build(fixtures, directed=False, atop_undirected="lower-first")
    assert row(table, 2, 20, 2015) == flags(alliance=1, defense=1)
    assert row(table, 2, 210, 1980) == flags(alliance=1)


def test_undirected_max_counts_a_pledge_stored_only_higher_code_first(fixtures: Path, tmp_path: Path) -> None:
    atop = tmp_path / "one_way.csv"
    atop.write_text(
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n20,2,1990,1,0,0,0,0\n"
    )
    kwargs = dict(states=fixtures / "states_cow.csv", with_atop=True, atop=atop, directed=False)
    assert row(dyad_years(1990, 1990, **kwargs), 2, 20, 1990) == flags(alliance=1, defense=1)
    lower = dyad_years(1990, 1990, atop_undirected="lower-first", **kwargs)
    assert row(lower, 2, 20, 1990) == flags()


def test_both_atop_layouts_give_the_same_table(fixtures: Path) -> None:
    official = read_atop(fixtures / "atop_ddyr.csv")
    subset = read_atop(fixtures / "atop_subset.csv")
    assert (official.layout, subset.layout) == ("atop", "peacesciencer")
    assert build(fixtures, "atop_ddyr.csv").equals(build(fixtures, "atop_subset.csv"))
    assert build(fixtures, "atop_ddyr.csv", directed=False).equals(build(fixtures, "atop_subset.csv", directed=False))


def test_duplicate_atop_keys_are_combined_not_multiplied(fixtures: Path, tmp_path: Path) -> None:
    atop = tmp_path / "dup.csv"
    atop.write_text(
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
        "2,20,1990,1,0,0,0,0\n"
        "2,20,1990,0,0,0,0,1\n"
    )
    table = dyad_years(1990, 1990, states=fixtures / "states_cow.csv", with_atop=True, atop=atop)
    assert table.height == dyad_years(1990, 1990, states=fixtures / "states_cow.csv").height
    assert row(table, 2, 20, 1990) == flags(alliance=1, defense=1, consul=1)


def test_direction_is_detected_like_peacesciencer(fixtures: Path) -> None:
    undirected = dyad_years(2015, 2015, states=fixtures / "states_cow.csv", directed=False)
    table = add_atop(undirected, read_atop(fixtures / "atop_subset.csv"))
    assert row(table, 2, 20, 2015) == flags(alliance=1, defense=1, consul=1)


def test_joining_twice_is_refused(fixtures: Path) -> None:
    table = build(fixtures)
    with pytest.raises(DatasetError, match="already has ATOP columns"):
        add_atop(table, read_atop(fixtures / "atop_subset.csv"))


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("ddyad,stateA,stateB,year,defense,offense,neutral,nonagg", "consul"),
        ("ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg", "atop_consul"),
    ],
)
def test_missing_atop_column_is_named(tmp_path: Path, header: str, missing: str) -> None:
    path = tmp_path / "bad_atop.csv"
    path.write_text(header + "\n" + ",".join(["1"] * len(header.split(","))) + "\n")
    with pytest.raises(InputFileError) as caught:
        read_atop(path)
    text = str(caught.value)
    assert "bad_atop.csv" in text and f"'{missing}'" in text and "hint:" in text


def test_non_numeric_atop_value_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "atop.csv"
    path.write_text(
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
        "2,20,1990,1,0,0,0,0\n"
        "2,20,1991,yes,0,0,0,0\n"
    )
    with pytest.raises(InputFileError, match=r"column 'atop_defense' has 'yes', not a whole number on line 3"):
        read_atop(path)


@pytest.mark.parametrize("directed", [True, False])
def test_every_join_path_gives_the_same_columns(fixtures: Path, directed: bool) -> None:
    states = fixtures / "states_cow.csv"
    atop = read_atop(fixtures / "atop_subset.csv")
    plain = dyad_years(1970, 2020, states=states, directed=directed)
    by_runs = dyad_years(1970, 2020, states=states, directed=directed, with_atop=True, atop=atop)
    by_search = add_atop(plain, atop, directed=directed)
    by_hash = add_atop(plain.reverse(), atop, directed=directed).reverse()
    assert by_runs["atop_alliance"].sum() > 0
    assert by_runs.equals(by_search)
    assert by_runs.equals(by_hash)


def test_years_with_no_states_give_an_empty_table(fixtures: Path) -> None:
    table = dyad_years(
        1700, 1750, states=fixtures / "states_cow.csv", with_atop=True, atop=fixtures / "atop_subset.csv"
    )
    assert table.height == 0
    assert table.columns == ["ccode1", "ccode2", "year", *ATOP_COLUMNS]
