"""Directed dyad-year tables that run to 2026, past the state list (2016) and ATOP (2018).

The state list here is the small isard-layout fixture; the casus columns come
from two made-up pacts in ``fixtures/corpus-2026``: one in force from
1 January 2026 (USA-NLD, military assistance), one from 31 December 2025
(CAN-SUR, consultation).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from casus.datasets import default_end_year, dyad_years
from casus.datasets.casus_columns import add_casus

CORPUS_2026 = Path(__file__).parent / "fixtures" / "corpus-2026"
USA, CAN, SUR, NTH, BETALAND, GAMMALAND = 2, 20, 115, 210, 601, 602


@pytest.fixture(scope="module")
def late_corpus():
    from casus.loader.corpus import load_corpus

    return load_corpus([str(CORPUS_2026)], builtin=False)


def years_of(table: pl.DataFrame, c1: int, c2: int) -> list[int]:
    return table.filter((pl.col("ccode1") == c1) & (pl.col("ccode2") == c2)).get_column("year").to_list()


def cell(table: pl.DataFrame, c1: int, c2: int, year: int, column: str):
    row = table.filter((pl.col("ccode1") == c1) & (pl.col("ccode2") == c2) & (pl.col("year") == year))
    assert row.height == 1, (c1, c2, year)
    return row.get_column(column).item()


def test_state_system_extends_to_2026(fixtures: Path) -> None:
    table = dyad_years(2014, 2026, states=fixtures / "states_isard.csv")
    assert table.get_column("year").max() == 2026
    # Spells ending in December 2016 continue through 2026 (Betaland ends 15 Dec 2016) ...
    assert years_of(table, USA, BETALAND) == list(range(2014, 2027))
    assert years_of(table, NTH, USA) == list(range(2014, 2027))
    # ... and no other spell does (Gammaland ends 30 Nov 2016).
    assert years_of(table, USA, GAMMALAND) == [2014, 2015, 2016]
    present_2026 = set(table.filter(pl.col("year") == 2026).get_column("ccode1").to_list())
    assert present_2026 == {USA, CAN, SUR, NTH, BETALAND}


def test_2026_rows_equal_the_2017_rows(fixtures: Path) -> None:
    # Nothing in a v2016 list changes after 2016, so every later year has the same pairs.
    table = dyad_years(2017, 2026, states=fixtures / "states_isard.csv")
    pairs = {y: table.filter(pl.col("year") == y).select("ccode1", "ccode2") for y in (2017, 2025, 2026)}
    assert pairs[2017].height == 5 * 4
    assert pairs[2025].equals(pairs[2017]) and pairs[2026].equals(pairs[2017])


def test_atop_columns_are_null_after_the_atop_years(fixtures: Path) -> None:
    table = dyad_years(2015, 2026, states=fixtures / "states_isard.csv", with_atop=True,
                       atop=fixtures / "atop_subset.csv")
    assert cell(table, USA, CAN, 2015, "atop_defense") == 1
    late = table.filter(pl.col("year") > 2018)
    assert late.height == 5 * 4 * 8
    assert late.select(pl.col("^atop_.*$").is_null().all()).row(0) == (True,) * 6


def test_casus_columns_run_to_2026(fixtures: Path, late_corpus) -> None:
    table = add_casus(dyad_years(2024, 2026, states=fixtures / "states_isard.csv"), late_corpus)
    # In force from 1 January 2026: nothing in 2025 (its last day, 31 Dec 2025, is before), 1 in 2026.
    assert cell(table, USA, NTH, 2025, "casus_defense") is None
    assert cell(table, USA, NTH, 2026, "casus_defense") == 1
    assert cell(table, NTH, USA, 2026, "casus_defense") == 1
    assert cell(table, USA, NTH, 2026, "casus_instruments") == "late-pact"
    assert cell(table, USA, NTH, 2026, "casus_consul") == 0
    # In force from 31 December 2025: one day is enough for 2025; nothing in 2024.
    assert cell(table, CAN, SUR, 2024, "casus_consul") is None
    assert cell(table, CAN, SUR, 2025, "casus_consul") == 1
    assert cell(table, SUR, CAN, 2026, "casus_consul") == 1
    assert cell(table, CAN, SUR, 2026, "casus_defense") == 0
    # Pairs that share no pact stay null.
    assert cell(table, USA, CAN, 2026, "casus_defense") is None


def test_cli_to_2026_with_atop_and_casus(fixtures: Path, tmp_path: Path) -> None:
    from casus.cli import main

    out = tmp_path / "ddy.csv"
    result = CliRunner().invoke(
        main,
        ["dyads", "--from", "2016", "--to", "2026", "--states", str(fixtures / "states_isard.csv"),
         "--atop", str(fixtures / "atop_subset.csv"), "--with", "casus", "--out", str(out)],
        env={"CASUS_CORPUS": str(CORPUS_2026)},
    )
    assert result.exit_code == 0, result.output
    assert "years 2016-2026" in result.output
    written = pl.read_csv(out)
    assert written.get_column("year").max() == 2026
    row = written.filter((pl.col("ccode1") == USA) & (pl.col("ccode2") == NTH) & (pl.col("year") == 2026))
    assert row.get_column("casus_defense").item() == 1
    assert row.get_column("atop_defense").item() is None
    assert "late-pact" in row.get_column("casus_instruments").item()


@pytest.mark.parametrize(
    ("today", "expected"),
    [(dt.date(2026, 12, 31), 2025), (dt.date(2027, 1, 1), 2026), (dt.date(2027, 1, 2), 2026)],
)
def test_default_end_year_is_the_last_completed_year(today: dt.date, expected: int) -> None:
    assert default_end_year(today) == expected
