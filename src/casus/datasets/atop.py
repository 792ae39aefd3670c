"""Reading ATOP directed dyad-years and joining them onto dyad-years.

Two layouts are accepted, recognised from the header (case does not matter):

* ``atop`` -- ATOP's own directed dyad-year file (``atop5_1ddyr.csv``):
  ``stateA, stateB, year, defense, offense, neutral, nonagg, consul`` among
  other columns, which are ignored.
* ``peacesciencer`` -- the subset peacesciencer ships: ``ccode1, ccode2,
  year, atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul``.

The join follows peacesciencer's ``add_atop_alliance()``:

* ``atop_alliance`` is 1 for every dyad-year that has an ATOP row, even
  when all five obligations are 0;
* ATOP rows are left-joined on (ccode1, ccode2, year); ATOP dyad-years that
  are not in the dyad table are dropped;
* a dyad-year with no ATOP row gets 0 in all six columns when its year lies
  within the years the ATOP file covers (taken from the file: 1815-2018 for
  5.1), and null outside them;
* direction is kept: ``ccode1`` is the state that makes the pledge.  For a
  non-directed table each column is by default the maximum over the two
  directions ("max"); "lower-first" takes the row with the lower code first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import polars as pl

from casus.datasets.csvread import column_map, read_columns, read_header, require
from casus.datasets.dyads import KEY, KEY_DTYPE
from casus.datasets.errors import DatasetError, InputFileError
from casus.datasets.keys import packable, packed, search_sorted

OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
ATOP_COLUMNS = ("atop_alliance",) + tuple(f"atop_{name}" for name in OBLIGATIONS)
FLAG_DTYPE = pl.Int8

OFFICIAL_COLUMNS = ("statea", "stateb", "year") + OBLIGATIONS
SUBSET_COLUMNS = ("ccode1", "ccode2", "year") + tuple(f"atop_{name}" for name in OBLIGATIONS)

LAYOUT_HINT = (
    "expected ATOP's directed dyad-year file atop5_1ddyr.csv (stateA, stateB, year, defense, "
    "offense, neutral, nonagg, consul) or peacesciencer's subset (ccode1, ccode2, year, "
    "atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul)"
)

UndirectedRule = Literal["max", "lower-first"]
UNDIRECTED_RULES: tuple[str, ...] = ("max", "lower-first")


@dataclass(frozen=True)
class AtopTable:
    """ATOP directed dyad-years in a common form.

    Attributes:
        rows: ``ccode1, ccode2, year`` (Int32) and the five ``atop_*``
            obligation columns (Int8); one row per directed dyad-year.
        first_year: first year covered by the file.
        last_year: last year covered by the file.
        layout: ``"atop"`` or ``"peacesciencer"``.
    """

    rows: pl.DataFrame
    first_year: int
    last_year: int
    layout: str


def detect_layout(header: list[str]) -> str:
    """Return ``"atop"`` or ``"peacesciencer"`` for an ATOP header."""
    names = set(column_map(header))
    if {"ccode1", "ccode2"} <= names and not {"statea", "stateb"} & names:
        return "peacesciencer"
    return "atop"


def read_atop(path: str | Path) -> AtopTable:
    """Read an ATOP directed dyad-year file (either layout).

    If a (ccode1, ccode2, year) key occurs more than once, the rows are
    combined by taking the maximum of each obligation, so that the join
    never multiplies dyad-years.

    Raises:
        InputFileError: for a missing file or column, a bad value, or a
            file with no rows.
    """
    path = Path(path)
    header = read_header(path)
    layout = detect_layout(header)
    if layout == "peacesciencer":
        names = require(path, header, SUBSET_COLUMNS, "peacesciencer ATOP subset", LAYOUT_HINT)
        renamed = {new: names[new] for new in SUBSET_COLUMNS}
    else:
        names = require(path, header, OFFICIAL_COLUMNS, "ATOP directed dyad-year layout", LAYOUT_HINT)
        renamed = {"ccode1": names["statea"], "ccode2": names["stateb"], "year": names["year"]}
        renamed.update({f"atop_{name}": names[name] for name in OBLIGATIONS})
    dtypes = {name: (KEY_DTYPE if name in KEY else FLAG_DTYPE) for name in renamed}
    rows = read_columns(path, renamed, dtypes, header)
    if rows.height == 0:
        raise InputFileError(path, "no ATOP rows in the file", LAYOUT_HINT)
    if not _strictly_increasing(rows) and _has_duplicate_keys(rows):
        rows = rows.group_by(KEY).agg(pl.exclude(KEY).max()).sort(KEY)
    years = rows.select(pl.col("year").min().alias("lo"), pl.col("year").max().alias("hi"))
    return AtopTable(rows=rows, first_year=int(years["lo"].item()), last_year=int(years["hi"].item()), layout=layout)


def _strictly_increasing(rows: pl.DataFrame) -> bool:
    """True if the keys rise from row to row (as in ATOP's files): then none repeats.

    Cheaper than counting distinct keys, which is left for files that are
    not in this order.
    """
    if rows.height < 2:
        return True
    a, b, y = pl.col("ccode1"), pl.col("ccode2"), pl.col("year")
    rises = (a > a.shift()) | ((a == a.shift()) & ((b > b.shift()) | ((b == b.shift()) & (y > y.shift()))))
    return bool(rows.select(rises.slice(1).all()).item())


def _has_duplicate_keys(rows: pl.DataFrame) -> bool:
    if packable(rows):
        return rows.select(packed().n_unique()).item() != rows.height
    return bool(rows.select(pl.struct(KEY).is_duplicated().any()).item())


def _fold_undirected(rows: pl.DataFrame) -> pl.DataFrame:
    """Combine the two directions of each dyad-year by maximum, lower code first."""
    flags = [c for c in rows.columns if c not in KEY]
    return (
        rows.select(
            pl.min_horizontal("ccode1", "ccode2").alias("ccode1"),
            pl.max_horizontal("ccode1", "ccode2").alias("ccode2"),
            pl.col("year"),
            *flags,
        )
        .group_by(KEY)
        .agg(pl.col(flags).max())
    )


def is_directed(dyads: pl.DataFrame) -> bool:
    """Return True if any row has ccode1 > ccode2 (peacesciencer's test)."""
    return bool(dyads.select((pl.col("ccode1") > pl.col("ccode2")).any()).item())


def join_rows(atop: AtopTable, *, directed: bool, undirected: UndirectedRule = "max") -> pl.DataFrame:
    """Return the ATOP rows to join: key columns plus the six ATOP columns.

    ``atop_alliance`` is 1 on every row.  For a non-directed table under the
    ``"max"`` rule the two directions are first combined, lower code first.
    """
    if undirected not in UNDIRECTED_RULES:
        raise DatasetError(f"unknown rule for non-directed ATOP values: {undirected!r}", "use 'max' or 'lower-first'")
    rows = atop.rows.with_columns(pl.lit(1, dtype=FLAG_DTYPE).alias("atop_alliance"))
    if not directed and undirected == "max":
        rows = _fold_undirected(rows)
    return rows.select(pl.col(KEY).cast(KEY_DTYPE), *ATOP_COLUMNS)


def flag_columns(years: pl.Series, found: pl.DataFrame, atop: AtopTable) -> pl.DataFrame:
    """Build the six ATOP columns for a table from the rows that matched.

    Args:
        years: the table's ``year`` column.
        found: matched ATOP rows with ``_row`` (their row in the table) and
            the six ATOP columns.
        atop: for the years the ATOP file covers.

    Returns:
        Six Int8 columns, as long as ``years``: the matched values, 0 for
        other rows within coverage, null outside it.
    """
    base = pl.select(
        pl.when(years.is_between(atop.first_year, atop.last_year))
        .then(pl.lit(0, dtype=FLAG_DTYPE))
        .otherwise(pl.lit(None, dtype=FLAG_DTYPE))
    ).to_series()
    return _fill_flags(base, found)


def _fill_flags(base: pl.Series, found: pl.DataFrame) -> pl.DataFrame:
    """The six columns: ``base`` (0 or null) with the matched rows' values put in.

    When every value is 0 or 1 (as in ATOP), the six values of a row travel
    as the bits of one byte: a single scatter, then one bit per column.
    """
    if found.height == 0:
        return pl.DataFrame([base.alias(name) for name in ATOP_COLUMNS])
    at = found.get_column("_row")
    if _all_binary(found):
        bits = pl.sum_horizontal([pl.col(name) * (1 << i) for i, name in enumerate(ATOP_COLUMNS)])
        code = base.alias("_code")
        code.scatter(at, found.select(bits.cast(FLAG_DTYPE)).to_series())
        return pl.DataFrame(code).select(
            [(pl.col("_code") & (1 << i)).sign().cast(FLAG_DTYPE).alias(name) for i, name in enumerate(ATOP_COLUMNS)]
        )
    columns = []
    for name in ATOP_COLUMNS:
        column = base.clone().alias(name)
        column.scatter(at, found.get_column(name))
        columns.append(column)
    return pl.DataFrame(columns)


def _all_binary(found: pl.DataFrame) -> bool:
    """True if every ATOP value in ``found`` is 0 or 1."""
    low, high = found.select(
        pl.min_horizontal(pl.col(ATOP_COLUMNS).min()).alias("low"),
        pl.max_horizontal(pl.col(ATOP_COLUMNS).max()).alias("high"),
    ).row(0)
    return low is not None and low >= 0 and high <= 1


def add_atop(
    dyads: pl.DataFrame,
    atop: AtopTable,
    *,
    directed: bool | None = None,
    undirected: UndirectedRule = "max",
) -> pl.DataFrame:
    """Add ``atop_alliance`` and the five ATOP obligation columns.

    Args:
        dyads: a table with ``ccode1``, ``ccode2``, ``year``.
        atop: the ATOP rows, from :func:`read_atop`.
        directed: whether ``dyads`` is directed; None decides as
            peacesciencer does (directed if any ccode1 > ccode2).
        undirected: for a non-directed table, ``"max"`` (a pledge in either
            direction counts) or ``"lower-first"`` (the row with the lower
            code first, as stored).

    Returns:
        ``dyads`` with six Int8 columns added, rows and order unchanged.
    """
    clash = [c for c in ATOP_COLUMNS if c in dyads.columns]
    if clash:
        raise DatasetError(f"the table already has ATOP columns: {', '.join(clash)}")
    if directed is None:
        directed = is_directed(dyads)
    rows = join_rows(atop, directed=directed, undirected=undirected)
    keys = dyads.select(pl.col(KEY).cast(KEY_DTYPE))
    found = _match_sorted(keys, rows)
    if found is None:
        found = keys.with_row_index("_row").join(rows, on=list(KEY), how="inner")
    return dyads.hstack(flag_columns(keys.get_column("year"), found, atop))


def _match_sorted(keys: pl.DataFrame, rows: pl.DataFrame) -> pl.DataFrame | None:
    """Find each ATOP row's position in ``keys`` by binary search.

    This fast path needs every key to pack into one integer and the dyad
    keys to be strictly increasing (as built by casus); otherwise it
    returns None and the caller uses a hash join.

    Returns:
        The matched rows with ``_row``, or None.
    """
    if keys.height == 0 or not (packable(keys) and packable(rows)):
        return None
    dyad_key = keys.select(packed()).to_series()
    if not bool(dyad_key.diff(null_behavior="drop").gt(0).all()):
        return None
    atop_key = rows.select(packed()).to_series()
    at = search_sorted(dyad_key, atop_key).clip(upper_bound=keys.height - 1)
    hit = dyad_key.gather(at) == atop_key
    return rows.with_columns(at.alias("_row")).filter(hit)
