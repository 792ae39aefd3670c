"""The ATOP cross-check's logic (casus.datasets.crosscheck) on tiny hand-made tables."""

from __future__ import annotations

import datetime as dt

import polars as pl

from casus.datasets.crosscheck import (
    ATOP_IDS,
    atop_dyad_years,
    casus_dyad_years,
    compare,
    differences,
)
from casus.importers.atop import Row


def row(member, start, end, **codes):
    values = {k: str(codes.get(k, 0)) for k in ("defense", "offense", "neutral", "nonagg", "consul")}
    return Row(9999, member, 0, start, end, values)


def test_atop_dyad_years_are_directed_and_half_open():
    rows = [
        row(2, dt.date(1950, 6, 1), None, defense=1, consul=1),
        # leaves on 1 Jan 1953: its last day in the alliance is 31 Dec 1952
        row(20, dt.date(1951, 3, 1), dt.date(1953, 1, 1), consul=1),
    ]
    table = atop_dyad_years(rows, 1940, 1960)
    assert sorted(set(table["year"].to_list())) == [1951, 1952]
    forward = table.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 20))
    backward = table.filter((pl.col("ccode1") == 20) & (pl.col("ccode2") == 2))
    assert forward["atop_defense"].to_list() == [1, 1]
    assert backward["atop_defense"].to_list() == [0, 0]  # the pledge runs one way
    assert backward["atop_consul"].to_list() == [1, 1]


def test_atop_dyad_years_need_a_common_day_and_take_the_maximum_over_phases():
    rows = [
        row(2, dt.date(1950, 1, 1), dt.date(1950, 6, 1)),
        row(2, dt.date(1950, 6, 1), None, nonagg=1),  # a second phase of the same member
        row(31, dt.date(1950, 3, 1), None),
        row(40, dt.date(1949, 1, 1), dt.date(1950, 1, 1)),  # gone the day member 2 arrives
    ]
    table = atop_dyad_years(rows, 1949, 1951)
    assert table.filter((pl.col("ccode1") == 40) | (pl.col("ccode2") == 40)).height == 0
    cell = table.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 31) & (pl.col("year") == 1950))
    assert cell["atop_nonagg"].to_list() == [1]
    assert table.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 31))["year"].to_list() == [1950, 1951]


def frame(prefix, rows):
    names = ["ccode1", "ccode2", "year"] + [f"{prefix}_{k}" for k in
                                            ("defense", "offense", "neutral", "nonagg", "consul")]
    return pl.DataFrame([dict(zip(names, r)) for r in rows])


CASUS = frame("casus", [
    (2, 20, 2000, 1, 0, 0, 0, 1),
    (2, 20, 2001, 1, 0, 0, 0, 0),
    (20, 2, 2000, 1, 0, 0, 1, 0),
    (2, 31, 2000, 1, 0, 0, 0, 0),  # only casus covers this dyad-year
])
ATOP = frame("atop", [
    (2, 20, 2000, 1, 0, 0, 1, 1),
    (2, 20, 2001, 1, 0, 0, 1, 1),
    (20, 2, 2000, 0, 0, 0, 1, 0),
    (20, 2, 2001, 0, 0, 0, 1, 0),  # only ATOP covers this one
])


def test_compare_counts_rows_and_cells():
    result = compare(CASUS, ATOP)
    assert (result.casus_rows, result.atop_rows, result.both) == (4, 4, 3)
    assert (result.casus_rows_only, result.atop_rows_only) == (1, 1)
    by = {c.column: c for c in result.columns}
    assert (by["defense"].compared, by["defense"].agree, by["defense"].casus_only, by["defense"].atop_only) == \
        (3, 2, 1, 0)
    assert (by["nonagg"].agree, by["nonagg"].casus_only, by["nonagg"].atop_only) == (1, 0, 2)
    assert (by["consul"].agree, by["consul"].atop_only) == (2, 1)


def test_compare_keeps_only_system_dyad_years_when_asked():
    system = pl.DataFrame({"ccode1": [2, 20], "ccode2": [20, 2], "year": [2000, 2000]})
    result = compare(CASUS, ATOP, system)
    assert (result.casus_rows, result.atop_rows, result.both) == (2, 2, 2)


def test_differences_are_grouped_into_runs_of_years():
    runs = differences(CASUS, ATOP)
    nonagg = [d for d in runs if d.what == "nonagg"]
    assert [(d.side, d.ccode1, d.ccode2, d.first, d.last) for d in nonagg] == [("atop", 2, 20, 2000, 2001)]
    rows = sorted((d.side, d.ccode1, d.ccode2, d.first) for d in runs if d.what == "row")
    assert rows == [("atop", 20, 2, 2001), ("casus", 2, 31, 2000)]


def test_casus_side_uses_the_dataset_columns(fixture_corpus):
    pact = fixture_corpus.get("test-pact")
    table = casus_dyad_years(pact, 2000, 2001)
    assert {"ccode1", "ccode2", "year", "casus_defense", "casus_nonagg"} <= set(table.columns)
    assert table.height > 0 and set(table["year"].to_list()) <= {2000, 2001}


def test_every_paired_instrument_is_in_the_corpus(corpus):
    ids = {i.id for i in corpus.instruments}
    assert set(ATOP_IDS) <= ids
    assert len(set(ATOP_IDS.values())) == len(ATOP_IDS)
