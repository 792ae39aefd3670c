"""Writing the table as Parquet, CSV and DuckDB, and reading it back."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from casus.datasets import ATOP_COLUMNS, DatasetError, dyad_years, write_table
from casus.datasets.output import infer_format


@pytest.fixture
def table(fixtures: Path) -> pl.DataFrame:
    # 1970-2020 with ATOP covering 1974-2015, so the ATOP columns hold nulls too.
    return dyad_years(1970, 2020, states=fixtures / "states_cow.csv", with_atop=True, atop=fixtures / "atop_subset.csv")


def test_parquet_round_trip(table: pl.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "dyads.parquet"
    assert write_table(table, path) == "parquet"
    assert pl.read_parquet(path).equals(table)


def test_csv_round_trip(table: pl.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "dyads.csv"
    assert write_table(table, path) == "csv"
    back = pl.read_csv(path, schema=table.schema)
    assert back.equals(table)
    assert back["atop_defense"].null_count() > 0


def test_duckdb_round_trip(table: pl.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "dyads.duckdb"
    assert write_table(table, path) == "duckdb"
    con = duckdb.connect(str(path), read_only=True)
    try:
        columns = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'dyad_years' ORDER BY ordinal_position"
        ).fetchall()
        rows = con.execute("SELECT * FROM dyad_years ORDER BY ccode1, ccode2, year").fetchall()
    finally:
        con.close()
    assert columns[:3] == [("ccode1", "INTEGER"), ("ccode2", "INTEGER"), ("year", "INTEGER")]
    assert [c for c, _ in columns] == table.columns
    assert rows == table.rows()


def test_duckdb_replaces_its_table_and_keeps_others(table: pl.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "work.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE notes AS SELECT 1 AS x")
    con.close()
    write_table(table, path)
    write_table(table.head(5), path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM dyad_years").fetchone() == (5,)
        assert con.execute("SELECT x FROM notes").fetchone() == (1,)
    finally:
        con.close()


def test_explicit_format_wins_over_the_extension(table: pl.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "dyads.out"
    write_table(table, path, "csv")
    assert pl.read_csv(path, schema=table.schema).equals(table)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.parquet", "parquet"), ("a.PQ", "parquet"), ("a.csv", "csv"), ("a.duckdb", "duckdb"), ("a.db", "duckdb")],
)
def test_format_from_extension(name: str, fmt: str) -> None:
    assert infer_format(name) == fmt


def test_unknown_extension_or_format_is_an_error(table: pl.DataFrame, tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="cannot tell the output format"):
        write_table(table, tmp_path / "dyads.txt")
    with pytest.raises(DatasetError, match="unknown output format"):
        write_table(table, tmp_path / "dyads.csv", "xlsx")
    with pytest.raises(DatasetError, match="does not exist"):
        write_table(table, tmp_path / "no" / "such" / "dyads.csv")


def test_atop_columns_survive_every_format(table: pl.DataFrame, tmp_path: Path) -> None:
    write_table(table, tmp_path / "t.parquet")
    assert set(ATOP_COLUMNS) <= set(pl.read_parquet(tmp_path / "t.parquet").columns)
