"""Adding more obligation columns through ``extra=`` and the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl
import pytest
from click.testing import Result

from casus.datasets import (
    DatasetError,
    dyad_years,
    is_directed,
    register_columns,
    registered_names,
    unregister_columns,
)


def add_recent_flag(table: pl.DataFrame) -> pl.DataFrame:
    """A stand-in for casus's own corpus: a column for recent years only."""
    recent = pl.col("year") >= 2017
    return table.with_columns(
        pl.when(recent).then((pl.col("ccode1") == 2).cast(pl.Int8)).otherwise(None).alias("casus_defense")
    )


@pytest.fixture
def registered() -> Iterator[str]:
    register_columns("casus-test", add_recent_flag)
    yield "casus-test"
    unregister_columns("casus-test")


def test_extra_callable_adds_columns_after_atop(fixtures: Path) -> None:
    table = dyad_years(
        2014,
        2020,
        states=fixtures / "states_cow.csv",
        with_atop=True,
        atop=fixtures / "atop_subset.csv",
        extra=[add_recent_flag],
    )
    assert table.columns[-2:] == ["atop_consul", "casus_defense"]
    assert table.filter(pl.col("year") == 2018, ccode1=2)["casus_defense"].unique().to_list() == [1]
    assert (
        table.filter(pl.col("year") == 2016)["casus_defense"].null_count()
        == table.filter(pl.col("year") == 2016).height
    )


def test_registered_name_works_in_the_api_and_the_cli(
    fixtures: Path, tmp_path: Path, registered: str, cli: Callable[..., Result]
) -> None:
    assert registered in registered_names()
    via_api = dyad_years(2017, 2018, states=fixtures / "states_cow.csv", extra=[registered])
    assert "casus_defense" in via_api.columns
    out = tmp_path / "t.parquet"
    result = cli(
        "dyads",
        "--from",
        "2017",
        "--to",
        "2018",
        "--states",
        str(fixtures / "states_cow.csv"),
        "--with",
        registered,
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert pl.read_parquet(out).equals(via_api)


def test_adder_that_loses_rows_is_refused(fixtures: Path) -> None:
    with pytest.raises(DatasetError, match="changed the number of rows"):
        dyad_years(2017, 2018, states=fixtures / "states_cow.csv", extra=[lambda t: t.head(3)])
    with pytest.raises(DatasetError, match="dropped columns: year"):
        dyad_years(2017, 2018, states=fixtures / "states_cow.csv", extra=[lambda t: t.drop("year")])


def test_unknown_name_and_reserved_name(fixtures: Path) -> None:
    with pytest.raises(DatasetError, match="no column adder named 'nothing'"):
        dyad_years(2017, 2018, states=fixtures / "states_cow.csv", extra=["nothing"])
    with pytest.raises(ValueError, match="built in"):
        register_columns("atop", add_recent_flag)


def test_registering_twice_needs_replace(registered: str) -> None:
    with pytest.raises(ValueError, match="already registered"):
        register_columns(registered, add_recent_flag)
    register_columns(registered, add_recent_flag, replace=True)


def test_adders_can_tell_direction(fixtures: Path) -> None:
    seen: list[bool] = []

    def spy(table: pl.DataFrame) -> pl.DataFrame:
        seen.append(is_directed(table))
        return table

    dyad_years(2017, 2017, states=fixtures / "states_cow.csv", extra=[spy])
    dyad_years(2017, 2017, states=fixtures / "states_cow.csv", directed=False, extra=[spy])
    assert seen == [True, False]
