"""Writing a dyad-year table as Parquet, CSV or a DuckDB database.

The format comes from ``fmt`` when given, otherwise from the file
extension: ``.parquet``/``.pq`` -> Parquet, ``.csv`` -> CSV,
``.duckdb``/``.ddb``/``.db`` -> DuckDB.  In CSV, null values are written as
empty fields.  In DuckDB the table is called ``dyad_years``; an existing
table of that name is replaced and other tables in the file are kept.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl

from casus.datasets.errors import DatasetError

FORMATS = ("parquet", "csv", "duckdb")
DUCKDB_TABLE = "dyad_years"
_EXTENSIONS = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".duckdb": "duckdb",
    ".ddb": "duckdb",
    ".db": "duckdb",
}


def infer_format(path: str | Path, fmt: str | None = None) -> str:
    """Return the output format for ``path``.

    Raises:
        DatasetError: for an unknown format, or an extension that names none.
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise DatasetError(f"unknown output format '{fmt}'", f"use one of: {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    try:
        return _EXTENSIONS[suffix]
    except KeyError:
        raise DatasetError(
            f"cannot tell the output format from the file name '{path}'",
            "use a .parquet, .csv or .duckdb extension, or pass --format",
        ) from None


def write_table(table: pl.DataFrame, path: str | Path, fmt: str | None = None) -> str:
    """Write ``table`` to ``path`` and return the format used.

    Raises:
        DatasetError: for a bad format or a file that cannot be written.
    """
    path = Path(path)
    fmt = infer_format(path, fmt)
    if not path.parent.exists():
        raise DatasetError(f"cannot write {path}: folder {path.parent} does not exist")
    try:
        if fmt == "parquet":
            table.write_parquet(path)
        elif fmt == "csv":
            table.write_csv(path)
        else:
            _write_duckdb(table, path)
    except OSError as exc:
        raise DatasetError(f"cannot write {path}: {exc.strerror or exc}") from None
    return fmt


def _write_duckdb(table: pl.DataFrame, path: Path) -> None:
    """Store the table in a DuckDB file by way of a temporary Parquet file.

    Going through Parquet keeps the column types and needs no Arrow bridge.
    """
    import duckdb

    with tempfile.TemporaryDirectory(prefix="casus-") as tmp:
        staged = Path(tmp) / "dyad_years.parquet"
        table.write_parquet(staged)
        try:
            con = duckdb.connect(str(path))
        except duckdb.Error as exc:
            raise DatasetError(f"cannot open {path} as a DuckDB database: {exc}") from None
        try:
            con.execute(
                f"CREATE OR REPLACE TABLE {DUCKDB_TABLE} AS SELECT * FROM read_parquet(?)",
                [str(staged)],
            )
        finally:
            con.close()
