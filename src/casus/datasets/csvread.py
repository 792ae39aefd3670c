"""Reading the few columns we need from a CSV file, with clear errors.

Column names are matched without regard to case or surrounding spaces, so
``stateA`` and ``statea`` are the same column.  Values are read as integers
or text; a value that does not fit is reported with the file, the column
and the line, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import polars as pl

from casus.datasets.errors import InputFileError


def normalise(name: str) -> str:
    """Return the form of a column name used for matching."""
    return name.strip().lstrip("\ufeff").strip().lower()


def read_header(path: Path) -> list[str]:
    """Return the column names of a CSV file as written.

    Raises:
        InputFileError: if the file does not exist, is not readable or is empty.
    """
    if not path.exists():
        raise InputFileError(path, "file not found", "check the path, or fetch the data set with `casus data fetch`")
    if not path.is_file():
        raise InputFileError(path, "not a file")
    try:
        frame = pl.read_csv(path, n_rows=0, infer_schema=False, encoding="utf8-lossy")
    except pl.exceptions.NoDataError:
        raise InputFileError(path, "the file is empty", "expected a CSV file with a header row") from None
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise InputFileError(path, f"cannot be read as CSV ({_first_line(exc)})") from None
    return list(frame.columns)


def column_map(header: Sequence[str]) -> dict[str, str]:
    """Map normalised column names to the names as written in the file."""
    out: dict[str, str] = {}
    for name in header:
        out.setdefault(normalise(name), name)
    return out


def require(path: Path, header: Sequence[str], wanted: Sequence[str], layout: str, hint: str) -> dict[str, str]:
    """Check that every wanted column is present and map it to the file's name.

    Args:
        path: the file, for the error message.
        header: column names as written in the file.
        wanted: normalised names that must be present.
        layout: a short name of the expected layout, for the message.
        hint: what the user can do about it.

    Raises:
        InputFileError: naming the first missing column.
    """
    present = column_map(header)
    missing = [name for name in wanted if name not in present]
    if missing:
        listed = ", ".join(f"'{m}'" for m in missing)
        noun = "column" if len(missing) == 1 else "columns"
        raise InputFileError(path, f"missing {noun} {listed} (read as {layout})", hint)
    return {name: present[name] for name in wanted}


def read_columns(
    path: Path,
    columns: Mapping[str, str],
    dtypes: Mapping[str, pl.DataType],
    header: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Read the named columns, renamed and cast, rejecting bad or missing values.

    Args:
        path: the CSV file.
        columns: new name -> name as written in the file.
        dtypes: new name -> polars type (integer types or ``pl.String``).
        header: the file's column names, if known; when the file has exactly
            the wanted columns a full schema is given, which reads faster.

    Raises:
        InputFileError: if a value is empty or cannot be read as its type.
    """
    source_names = list(columns.values())
    overrides = {columns[new]: dtypes[new] for new in columns}
    exact = header is not None and len(header) == len(overrides) and set(header) == set(overrides)
    try:
        if exact and header is not None:
            frame = pl.read_csv(path, schema={name: overrides[name] for name in header}, encoding="utf8-lossy")
        else:
            frame = pl.read_csv(path, columns=source_names, schema_overrides=overrides, encoding="utf8-lossy")
    except (OSError, pl.exceptions.PolarsError):
        frame = None
    if frame is not None:
        frame = frame.rename({old: new for new, old in columns.items()}).select(list(columns))
        if frame.null_count().sum_horizontal().item() == 0:
            return frame
    return _read_tolerantly(path, columns, dtypes)


def _read_tolerantly(path: Path, columns: Mapping[str, str], dtypes: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """Read as text, strip spaces and convert; raise on the first bad value.

    This slower path runs only when the fast typed read fails or finds
    missing values, so that the error can name the line.
    """
    try:
        text = pl.read_csv(path, columns=list(columns.values()), infer_schema=False, encoding="utf8-lossy")
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise InputFileError(path, f"cannot be read as CSV ({_first_line(exc)})") from None
    converted: dict[str, pl.Series] = {}
    for new, old in columns.items():
        raw = text.get_column(old)
        dtype = dtypes[new]
        stripped = raw.str.strip_chars()
        values = stripped if dtype == pl.String else stripped.cast(dtype, strict=False)
        bad = values.is_null()
        if bad.any():
            index = int(bad.arg_max())
            shown = raw[index]
            line = index + 2  # one header line, 1-based numbering
            what = "is empty" if shown is None or shown.strip() == "" else f"has '{shown}', not {_type_word(dtype)}"
            raise InputFileError(
                path,
                f"column '{old}' {what} on line {line}",
                "every row needs a value; fix or remove the row",
            )
        converted[new] = values.alias(new)
    return pl.DataFrame(list(converted.values()))


def _type_word(dtype: pl.DataType) -> str:
    return "a whole number" if dtype.is_integer() else "text"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
