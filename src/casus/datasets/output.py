"""Writing a dyad-year table as Parquet, CSV, DuckDB, Stata or Arrow (Feather).

The format comes from ``fmt`` when given, otherwise from the file
extension: ``.parquet``/``.pq`` -> Parquet, ``.csv`` -> CSV,
``.duckdb``/``.ddb``/``.db`` -> DuckDB, ``.dta`` -> Stata,
``.feather``/``.arrow``/``.ipc`` -> Arrow IPC (Feather v2).  In CSV, null
values are written as empty fields; in Stata they are Stata's missing value
(integer columns with nulls become doubles, as Stata has no missing integer
of every width).  In DuckDB the table is called ``dyad_years``; an existing
table of that name is replaced and other tables in the file are kept.

Every format is written to a temporary file beside the target and moved into
place only when complete (:mod:`casus.outputs`): when writing fails, the
previous file is left as it was and no partial file is left behind.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import polars as pl

from casus.datasets.errors import DatasetError

FORMATS = ("parquet", "csv", "duckdb", "stata", "arrow")
DUCKDB_TABLE = "dyad_years"
_EXTENSIONS = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".duckdb": "duckdb",
    ".ddb": "duckdb",
    ".db": "duckdb",
    ".dta": "stata",
    ".feather": "arrow",
    ".arrow": "arrow",
    ".ipc": "arrow",
}


def infer_format(path: str | Path, fmt: str | None = None) -> str:
    """Return the output format for ``path``.

    Raises:
        DatasetError: for an unknown format, or an extension that names none.
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise DatasetError(f"unknown output format '{fmt}'", f"use one of: {', '.join(FORMATS)}", field="format")
        return fmt
    suffix = Path(path).suffix.lower()
    try:
        return _EXTENSIONS[suffix]
    except KeyError:
        raise DatasetError(
            f"cannot tell the output format from the file name '{path}'",
            "end the file name with .parquet, .csv, .duckdb, .dta or .feather, or give the format",
            field="out",
        ) from None


def write_table(table: pl.DataFrame, path: str | Path, fmt: str | None = None) -> str:
    """Write ``table`` to ``path`` and return the format used.

    The file appears only when it is complete; on failure the previous file
    (if any) is unchanged.

    Raises:
        DatasetError: for a bad format or a file that cannot be written.
    """
    from casus.errors import OutputError
    from casus.outputs import atomic_file, check_writable

    path = Path(path)
    fmt = infer_format(path, fmt)
    try:
        check_writable(path)
        with atomic_file(path, keep_existing=fmt == "duckdb") as tmp:
            try:
                WRITERS[fmt](table, tmp)
            except (OSError, DatasetError):
                raise
            except Exception as exc:  # noqa: BLE001 - polars, pandas and DuckDB report disk errors in their own types
                raise OSError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
    except OutputError as exc:
        raise DatasetError(str(exc)) from None
    return fmt


def _write_parquet(table: pl.DataFrame, path: Path) -> None:
    table.write_parquet(path)


def _write_csv(table: pl.DataFrame, path: Path) -> None:
    table.write_csv(path)


def _write_arrow(table: pl.DataFrame, path: Path) -> None:
    table.write_ipc(path, compression="uncompressed")  # Feather v2; readable by pyarrow, R arrow, pandas


def _write_stata(table: pl.DataFrame, path: Path) -> None:
    """A Stata 14+ ``.dta`` file (format 118, Unicode) by way of pandas."""
    import numpy as np
    import pandas as pd

    columns = {}
    long_text = []
    for series in table.get_columns():
        if series.dtype == pl.Boolean:
            series = series.cast(pl.Int8)
        if series.dtype.is_integer():
            columns[series.name] = (series.cast(pl.Float64) if series.null_count() else series).to_numpy()
        elif series.dtype.is_float():
            columns[series.name] = series.to_numpy()
        else:
            values = series.cast(pl.String).to_list()
            columns[series.name] = np.array(values, dtype=object)
            if any(v is not None and len(v.encode("utf-8")) > 2045 for v in values):
                long_text.append(series.name)
    frame = pd.DataFrame(columns)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas warns about types it widens for Stata, as documented above
        frame.to_stata(path, write_index=False, version=118, convert_strl=long_text or None)


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
            raise DatasetError(f"cannot open the existing file as a DuckDB database: {exc}",
                               "give a new file name, or a DuckDB file") from None
        try:
            con.execute(
                f"CREATE OR REPLACE TABLE {DUCKDB_TABLE} AS SELECT * FROM read_parquet(?)",
                [str(staged)],
            )
            con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise OSError(f"DuckDB: {exc}") from None
        finally:
            con.close()


WRITERS = {"parquet": _write_parquet, "csv": _write_csv, "duckdb": _write_duckdb, "stata": _write_stata,
           "arrow": _write_arrow}
