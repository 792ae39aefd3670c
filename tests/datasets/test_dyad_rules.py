"""The four membership rules, on a small hand-made state list.

Fixture states (see fixtures/states_cow.csv): 2 and 20 run to 31 Dec 2016;
210 has two spells with a gap 1941-1944; 817 leaves on 30 Apr 1975 and 115
enters on 25 Nov 1975 (never the same day); 603 enters on 30 Dec 1975; 600
leaves on 30 Jun 1980, 601 enters that same day and 602 a day later; 601
ends on 15 Dec 2016 and 602 on 30 Nov 2016.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.datasets import (
    build_dyad_years,
    dyad_years,
    never_same_day,
    read_spells,
    state_years,
)


def present(spells: pl.DataFrame, year: int, end: int | None = None) -> set[int]:
    rows = state_years(spells, year, end or year).filter(pl.col("year") == year)
    return set(rows["ccode"].to_list())


def triples(frame: pl.DataFrame) -> set[tuple[int, int, int]]:
    return set(frame.select("ccode1", "ccode2", "year").iter_rows())


def test_a_few_days_in_a_year_count_as_presence(fixtures: Path) -> None:
    spells = read_spells(fixtures / "states_cow.csv")
    assert present(spells, 1975) == {2, 20, 115, 210, 600, 603, 817}
    assert present(spells, 1976) == {2, 20, 115, 210, 600, 603}


def test_a_gap_between_spells_is_absence(fixtures: Path) -> None:
    spells = read_spells(fixtures / "states_cow.csv")
    assert 210 in present(spells, 1940)
    assert all(210 not in present(spells, y) for y in range(1941, 1945))
    assert 210 in present(spells, 1945)


def test_spells_ending_in_december_of_the_last_year_are_extended(fixtures: Path) -> None:
    spells = read_spells(fixtures / "states_cow.csv")
    # 601 ends 15 Dec 2016 (extended); 602 ends 30 Nov 2016 (not extended);
    # 603 ends 31 Dec 1990, December but not of the last year (not extended).
    assert present(spells, 2016, end=2020) == {2, 20, 115, 210, 601, 602}
    assert present(spells, 2020, end=2020) == {2, 20, 115, 210, 601}
    assert 603 in present(spells, 1990, end=2020)
    assert 603 not in present(spells, 1991, end=2020)


def test_no_years_past_the_requested_end(fixtures: Path) -> None:
    spells = read_spells(fixtures / "states_cow.csv")
    table = build_dyad_years(spells, 2010, 2018)
    assert table["year"].max() == 2018
    assert table.filter(pl.col("year") == 2018).height == 5 * 4


def test_never_same_day_pairs_are_found_from_dates(fixtures: Path) -> None:
    spells = read_spells(fixtures / "states_cow.csv")
    found = triples(never_same_day(spells, 1816, 2024))
    assert found == {
        (115, 817, 1975),
        (817, 115, 1975),
        (603, 817, 1975),
        (817, 603, 1975),
        (600, 602, 1980),
        (602, 600, 1980),
    }


def test_never_same_day_pairs_are_removed_and_shared_days_kept(fixtures: Path) -> None:
    spells = read_spells(fixtures / "states_cow.csv")
    rows = triples(build_dyad_years(spells, 1970, 1985))
    assert (115, 817, 1975) not in rows and (817, 115, 1975) not in rows
    assert (600, 602, 1980) not in rows
    # 600 leaves and 601 enters on the same day (30 Jun 1980): both ends count.
    assert (600, 601, 1980) in rows and (601, 600, 1980) in rows
    # 115 (from 25 Nov) and 603 (from 30 Dec) overlap at the end of 1975.
    assert (115, 603, 1975) in rows
    assert (817, 2, 1975) in rows


def test_every_ordered_pair_of_present_states_is_a_row(fixtures: Path) -> None:
    spells = read_spells(fixtures / "states_cow.csv")
    table = build_dyad_years(spells, 1976, 1976)
    states = {2, 20, 115, 210, 600, 603}
    assert triples(table) == {(a, b, 1976) for a in states for b in states if a != b}


def test_directed_output_is_sorted_unique_and_typed(fixtures: Path) -> None:
    table = dyad_years(1816, 2020, states=fixtures / "states_cow.csv")
    assert table.columns == ["ccode1", "ccode2", "year"]
    assert all(dtype == pl.Int32 for dtype in table.dtypes)
    assert table.equals(table.sort("ccode1", "ccode2", "year"))
    assert table.is_duplicated().sum() == 0
    assert table.filter(pl.col("ccode1") == pl.col("ccode2")).height == 0


def test_undirected_keeps_lower_code_first(fixtures: Path) -> None:
    directed = dyad_years(1816, 2020, states=fixtures / "states_cow.csv")
    undirected = dyad_years(1816, 2020, states=fixtures / "states_cow.csv", directed=False)
    assert undirected.height * 2 == directed.height
    assert (undirected["ccode1"] < undirected["ccode2"]).all()
    assert undirected.equals(directed.filter(pl.col("ccode1") < pl.col("ccode2")))


def test_both_state_layouts_give_the_same_table(fixtures: Path) -> None:
    cow = dyad_years(1816, 2024, states=fixtures / "states_cow.csv")
    isard = dyad_years(1816, 2024, states=fixtures / "states_isard.csv")
    assert cow.height > 0
    assert cow.equals(isard)


def test_default_years_run_from_the_list_start_to_last_completed_year(fixtures: Path) -> None:
    table = dyad_years(states=fixtures / "states_cow.csv")
    assert table["year"].min() == 1816
    assert table["year"].max() == dt.date.today().year - 1


# --- property: agree with a day-by-day brute force on random state lists -----


def brute_force(spells: list[tuple[int, dt.date, dt.date]], start: int, end: int) -> set[tuple[int, int, int]]:
    """Literal reading of the rules, one year and one pair at a time."""
    last = max(e.year for _, _, e in spells)
    eff = [
        (c, s, dt.date(end, 12, 31) if (e.year == last and e.month == 12 and end > last) else e) for c, s, e in spells
    ]
    out = set()
    for year in range(start, end + 1):
        jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
        days = {}
        for c, s, e in eff:
            if s.year <= year <= e.year:
                days.setdefault(c, []).append((max(s, jan1), min(e, dec31)))
        for a in days:
            for b in days:
                if a != b and any(max(p[0], q[0]) <= min(p[1], q[1]) for p in days[a] for q in days[b]):
                    out.add((a, b, year))
    return out


spell_strategy = st.tuples(
    st.sampled_from([2, 20, 200, 220, 365]),
    st.dates(dt.date(1995, 1, 1), dt.date(2006, 12, 31)),
    st.integers(0, 4000),
)


@settings(max_examples=150, deadline=None)
@given(
    raw=st.lists(spell_strategy, min_size=1, max_size=8),
    start=st.integers(1994, 2004),
    extra_years=st.integers(-3, 4),
)
def test_matches_a_brute_force_reading_of_the_rules(raw, start: int, extra_years: int) -> None:
    spells = [(c, s, s + dt.timedelta(days=n)) for c, s, n in raw]
    last = max(e.year for _, _, e in spells)
    end = max(start, last + extra_years)
    frame = pl.DataFrame(
        {"ccode": [c for c, _, _ in spells], "start": [s for _, s, _ in spells], "end": [e for _, _, e in spells]},
        schema={"ccode": pl.Int32, "start": pl.Date, "end": pl.Date},
    )
    table = build_dyad_years(frame, start, end)
    assert triples(table) == brute_force(spells, start, end)
    assert table.height == len(triples(table))


def test_two_never_same_day_years_in_one_run_are_both_cut() -> None:
    # A is present to March in 2000 and 2005, B only from June in both years;
    # at year level both are present 2000-2005, one run with two cuts.
    d = dt.date
    frame = pl.DataFrame(
        {
            "ccode": [1, 1, 2, 2],
            "start": [d(1990, 1, 1), d(2001, 1, 1), d(2000, 6, 1), d(2005, 6, 1)],
            "end": [d(2000, 3, 31), d(2005, 3, 31), d(2004, 12, 31), d(2010, 12, 31)],
        },
        schema={"ccode": pl.Int32, "start": pl.Date, "end": pl.Date},
    )
    rows = triples(build_dyad_years(frame, 1995, 2010))
    assert rows == {(a, b, y) for y in range(2001, 2005) for a, b in ((1, 2), (2, 1))}
    assert triples(never_same_day(frame, 1995, 2010)) == {(1, 2, 2000), (2, 1, 2000), (1, 2, 2005), (2, 1, 2005)}
