"""Reading a state system membership list into dated spells.

Two layouts are accepted, recognised from the header:

* ``cow`` -- the Correlates of War ``states2016.csv`` layout: ``stateabb,
  ccode, statenme, styear, stmonth, stday, endyear, endmonth, endday,
  version``.  Only ``ccode`` and the six date columns are needed.
* ``isard`` -- the spells layout of the isard R package: ``ccode, cw_abb,
  cw_name, start, end`` with ISO 8601 dates.  Only ``ccode``, ``start`` and
  ``end`` are needed.

Both are read into the same frame: one row per membership spell with
columns ``ccode`` (Int32), ``start`` and ``end`` (Date, both inclusive).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from casus.datasets.csvread import column_map, read_columns, read_header, require
from casus.datasets.errors import InputFileError

COW_COLUMNS = ("ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday")
ISARD_COLUMNS = ("ccode", "start", "end")

LAYOUT_HINT = (
    "expected COW's states2016.csv layout (ccode, styear, stmonth, stday, endyear, "
    "endmonth, endday) or the isard spells layout (ccode, start, end with ISO dates)"
)

SPELL_SCHEMA = {"ccode": pl.Int32, "start": pl.Date, "end": pl.Date}


def detect_layout(header: list[str]) -> str:
    """Return ``"cow"`` or ``"isard"`` for a state-list header.

    The layout whose distinctive columns appear wins; when neither appears
    the COW layout is assumed, so the error names its missing columns.
    """
    names = set(column_map(header))
    if {"start", "end"} & names and not {"styear", "endyear"} & names:
        return "isard"
    return "cow"


def read_spells(path: str | Path) -> pl.DataFrame:
    """Read a state list (either layout) into membership spells.

    Args:
        path: CSV file in the ``cow`` or ``isard`` layout.

    Returns:
        One row per spell: ``ccode`` (Int32), ``start`` and ``end`` (Date).

    Raises:
        InputFileError: for a missing file, a missing column, a bad value,
            an impossible date, or a spell that ends before it starts.
    """
    path = Path(path)
    header = read_header(path)
    layout = detect_layout(header)
    if layout == "isard":
        spells = _read_isard(path, header)
    else:
        spells = _read_cow(path, header)
    _check_order(path, spells)
    return spells


def _read_cow(path: Path, header: list[str]) -> pl.DataFrame:
    names = require(path, header, COW_COLUMNS, "COW states layout", LAYOUT_HINT)
    raw = read_columns(path, names, {name: pl.Int32 for name in COW_COLUMNS}, header)
    start = pl.date("styear", "stmonth", "stday")
    end = pl.date("endyear", "endmonth", "endday")
    try:
        spells = raw.select(pl.col("ccode"), start.alias("start"), end.alias("end"))
        if spells.null_count().sum_horizontal().item() == 0:
            return spells
    except pl.exceptions.PolarsError:
        pass  # an impossible date; find it below
    for prefix, cols in (("start", ("styear", "stmonth", "stday")), ("end", ("endyear", "endmonth", "endday"))):
        text = pl.format("{}-{}-{}", *cols)
        parsed = text.str.to_date("%Y-%m-%d", strict=False)
        bad = raw.select(parsed.is_null().arg_max().alias("i"), parsed.is_null().any().alias("any"))
        if bad["any"].item():
            index = bad["i"].item()
            shown = raw.select(text).item(index, 0)
            raise InputFileError(
                path,
                f"impossible {prefix} date {shown} ({', '.join(cols)}) on line {index + 2}",
                "fix the date in the file",
            )
    raise InputFileError(path, "cannot build spell dates")  # pragma: no cover


def _read_isard(path: Path, header: list[str]) -> pl.DataFrame:
    names = require(path, header, ISARD_COLUMNS, "isard spells layout", LAYOUT_HINT)
    raw = read_columns(path, names, {"ccode": pl.Int32, "start": pl.String, "end": pl.String}, header)
    out = {}
    for col in ("start", "end"):
        parsed = raw.get_column(col).str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
        if parsed.is_null().any():
            index = int(parsed.is_null().arg_max())
            raise InputFileError(
                path,
                f"column '{names[col]}' has '{raw.get_column(col)[index]}', "
                f"not an ISO date (YYYY-MM-DD), on line {index + 2}",
                "write dates as YYYY-MM-DD",
            )
        out[col] = parsed
    return pl.DataFrame({"ccode": raw.get_column("ccode"), "start": out["start"], "end": out["end"]})


def _check_order(path: Path, spells: pl.DataFrame) -> None:
    backwards = spells.with_row_index("i").filter(pl.col("end") < pl.col("start"))
    if backwards.height:
        row = backwards.row(0, named=True)
        raise InputFileError(
            path,
            f"spell of ccode {row['ccode']} ends ({row['end']}) before it starts ({row['start']}), line {row['i'] + 2}",
            "fix the dates in the file",
        )
    if spells.height == 0:
        raise InputFileError(path, "no membership spells in the file", LAYOUT_HINT)
