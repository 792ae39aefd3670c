"""Dyad-year tables of alliance obligations, built from standard data sets.

The main entry point is :func:`dyad_years`::

    from casus.datasets import dyad_years

    table = dyad_years(1816, 2024, with_atop=True)          # from the cache
    table = dyad_years(1816, 2024, states="states2016.csv")  # from a file

Inputs default to the files ``casus data fetch`` put in the cache (see
:mod:`casus.datasets.cache`); any of them can be given as a path instead.
Nothing in this package touches the network except
:func:`casus.datasets.fetch.fetch`.

Output columns: ``ccode1``, ``ccode2``, ``year`` (Int32); with ATOP also
``atop_alliance``, ``atop_defense``, ``atop_offense``, ``atop_neutral``,
``atop_nonagg``, ``atop_consul`` (Int8; 0/1, or null outside the years the
ATOP file covers).  See docs/datasets.md for the rules.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from casus.errors import need as _need

pl = _need("polars", "datasets", "casus.datasets")

from casus.datasets.atop import (
    ATOP_COLUMNS,
    AtopTable,
    UndirectedRule,
    add_atop,
    flag_columns,
    is_directed,
    join_rows,
    read_atop,
)
from casus.datasets.cache import cache_root, cached_file
from casus.datasets.dyads import (
    build_dyad_years,
    expand_runs,
    locate,
    never_same_day,
    pair_runs,
    state_years,
)
from casus.datasets.errors import (
    DatasetError,
    FetchError,
    InputFileError,
    NotCachedError,
)
from casus.datasets.extend import (
    ColumnAdder,
    apply_adders,
    register_columns,
    registered_names,
    unregister_columns,
)
from casus.datasets.output import write_table
from casus.datasets.sources import fetch_hint
from casus.datasets.states import read_spells

__all__ = [
    "ATOP_COLUMNS",
    "AtopTable",
    "ColumnAdder",
    "DatasetError",
    "FetchError",
    "InputFileError",
    "NotCachedError",
    "add_atop",
    "build_dyad_years",
    "cache_root",
    "default_end_year",
    "dyad_years",
    "is_directed",
    "load_atop",
    "load_spells",
    "never_same_day",
    "read_atop",
    "read_spells",
    "register_columns",
    "registered_names",
    "state_years",
    "unregister_columns",
    "write_table",
]


MIN_YEAR = 1
MAX_YEAR = 9999
"""Years outside this range are refused (dates have four-digit years)."""


def default_end_year(today: _dt.date | None = None) -> int:
    """The last completed calendar year, peacesciencer's default end year."""
    return (today or _dt.date.today()).year - 1


def load_spells(states: str | Path | pl.DataFrame | None = None) -> pl.DataFrame:
    """Return membership spells from a path, a spells frame, or the cache."""
    if isinstance(states, pl.DataFrame):
        missing = [c for c in ("ccode", "start", "end") if c not in states.columns]
        if missing:
            raise DatasetError(f"the spells frame lacks columns: {', '.join(missing)}", "it needs ccode, start, end")
        return states.select("ccode", "start", "end")
    path = states if states is not None else cached_file("cow-states", fetch_hint("cow-states"), "states")
    return read_spells(path)


def load_atop(atop: str | Path | AtopTable | None = None) -> AtopTable:
    """Return ATOP directed dyad-years from a path, a table, or the cache."""
    if isinstance(atop, AtopTable):
        return atop
    path = atop if atop is not None else cached_file("atop", fetch_hint("atop"), "atop")
    return read_atop(path)


def dyad_years(
    start: int | None = None,
    end: int | None = None,
    *,
    directed: bool = True,
    with_atop: bool = False,
    states: str | Path | pl.DataFrame | None = None,
    atop: str | Path | AtopTable | None = None,
    atop_undirected: UndirectedRule = "max",
    extra: Sequence[str | ColumnAdder] = (),
) -> pl.DataFrame:
    """Build the dyad-year table of state system members.

    Args:
        start: first year; defaults to the first year of the state list.
        end: last year; defaults to the last completed calendar year.
        directed: both orders of each pair (True) or ccode1 < ccode2 only.
        with_atop: add the six ATOP columns.
        states: state list file (COW or isard layout) or a spells frame;
            defaults to the cached ``cow-states``.
        atop: ATOP file (official or peacesciencer layout) or a table read
            with :func:`read_atop`; defaults to the cached ``atop``.
        atop_undirected: for a non-directed table, ``"max"`` over the two
            directions or ``"lower-first"``.
        extra: more column adders (callables or registered names), applied
            in order after ATOP.

    Returns:
        A polars DataFrame sorted by (ccode1, ccode2, year).

    Raises:
        DatasetError: for bad arguments, missing cache entries or bad files.
    """
    if not with_atop:
        return _build(start, end, directed, states, None, atop_undirected, extra)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The one worker reads ATOP while the runs are built, then places its
        # rows in the table while the table is expanded; polars releases the GIL.
        if isinstance(atop, AtopTable):
            table = atop
            return _build(start, end, directed, states, (pool, lambda: table), atop_undirected, extra)
        pending = pool.submit(load_atop, atop)
        return _build(start, end, directed, states, (pool, pending.result), atop_undirected, extra)


def _build(
    start: int | None,
    end: int | None,
    directed: bool,
    states: str | Path | pl.DataFrame | None,
    with_atop: tuple[ThreadPoolExecutor, Callable[[], AtopTable]] | None,
    atop_undirected: UndirectedRule,
    extra: Sequence[str | ColumnAdder],
) -> pl.DataFrame:
    """The body of :func:`dyad_years`.

    ``with_atop``, if given, is the worker to read and place the ATOP rows
    on and a function that returns the ATOP table.
    """
    spells = load_spells(states)
    if start is None:
        start = int(spells.select(pl.col("start").dt.year().min()).item())
    if end is None:
        end = default_end_year()
    for label, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise DatasetError(f"{label} year must be a whole number, not {value!r}")
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise DatasetError(f"{label} year {value} is outside {MIN_YEAR}-{MAX_YEAR}",
                               "give a year in the range of the state list (COW v2016: 1816-2016); "
                               "later years are extrapolated, see docs/datasets.md")
    if start > end:
        raise DatasetError(f"start year {start} is after end year {end}")
    runs = pair_runs(spells, start, end, directed=directed)
    if with_atop is None:
        table = expand_runs(runs)
    else:
        pool, get_atop = with_atop
        located = pool.submit(_locate_atop, runs, get_atop, directed, atop_undirected)
        table = expand_runs(runs)
        source, found = located.result()
        table = table.hstack(flag_columns(table.get_column("year"), found, source))
    if extra:
        table = apply_adders(table, extra)
    return table


def _locate_atop(
    runs: pl.DataFrame, get_atop: Callable[[], AtopTable], directed: bool, undirected: UndirectedRule
) -> tuple[AtopTable, pl.DataFrame]:
    """The ATOP table and its rows placed in the table that ``runs`` expands to."""
    source = get_atop()
    return source, locate(runs, join_rows(source, directed=directed, undirected=undirected))


def _add_casus(table: pl.DataFrame) -> pl.DataFrame:
    from casus.datasets.casus_columns import add_casus

    return add_casus(table)


register_columns("casus", _add_casus, replace=True)
