"""Optional check against the published reference tables.

Runs only when CASUS_REFERENCE_DATA names a folder holding the reference
files (cow-system-spells.csv, cow-ddy-1816-2024.csv.gz,
false-cow-dyads.csv, atop-5.1-ddyr-subset.csv); they are never part of the
repository.  scripts/validate_dyads.py does the full comparison.
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest

from casus.datasets import dyad_years, never_same_day, read_spells

FOLDER = os.environ.get("CASUS_REFERENCE_DATA")
NAMES = (
    "cow-system-spells.csv",
    "cow-states-2016.csv",
    "cow-ddy-1816-2024.csv.gz",
    "false-cow-dyads.csv",
    "atop-5.1-ddyr-subset.csv",
)

pytestmark = pytest.mark.skipif(
    not FOLDER or not all((Path(FOLDER) / n).is_file() for n in NAMES),
    reason="set CASUS_REFERENCE_DATA to a folder with the reference files to run",
)

KEY = {"ccode1": pl.Int32, "ccode2": pl.Int32, "year": pl.Int32}


def test_directed_dyad_years_match_the_reference_row_for_row() -> None:
    folder = Path(FOLDER or "")
    reference = pl.read_csv(folder / "cow-ddy-1816-2024.csv.gz", schema_overrides=KEY)
    for states in ("cow-system-spells.csv", "cow-states-2016.csv"):
        assert dyad_years(1816, 2024, states=folder / states).equals(reference)


def test_never_same_day_pairs_match_the_reference_list() -> None:
    folder = Path(FOLDER or "")
    reference = pl.read_csv(folder / "false-cow-dyads.csv", schema_overrides=KEY).drop("in_ps").sort(list(KEY))
    assert never_same_day(read_spells(folder / "cow-system-spells.csv"), 1816, 2024).equals(reference)


def test_atop_values_are_missing_exactly_after_2018() -> None:
    folder = Path(FOLDER or "")
    table = dyad_years(
        1816, 2024, states=folder / "cow-system-spells.csv", with_atop=True, atop=folder / "atop-5.1-ddyr-subset.csv"
    )
    assert table["atop_defense"].null_count() == 226_980
    assert table.filter(pl.col("year") > 2018).height == 226_980
    assert table["atop_alliance"].sum() == 267_402
