"""Extension point: adding more obligation columns to dyad-years.

A *column adder* is any callable that takes the dyad-year table and returns
it with columns added, e.g. casus's own treaty corpus adding ``casus_*``
columns for recent years.  It must keep every row, in order, and keep the
columns it was given.  To tell a directed table from a non-directed one it
can call :func:`casus.datasets.atop.is_directed`.

Adders can be passed directly (``dyad_years(..., extra=[adder])``) or
registered under a name, which makes them available to ``casus dyads
--with NAME`` as well::

    from casus.datasets import register_columns

    def add_casus(df):
        return df.with_columns(...)

    register_columns("casus", add_casus)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl

from casus.datasets.errors import DatasetError

ColumnAdder = Callable[[pl.DataFrame], pl.DataFrame]

BUILTIN = ("atop",)
_REGISTRY: dict[str, ColumnAdder] = {}


def register_columns(name: str, adder: ColumnAdder, *, replace: bool = False) -> None:
    """Register ``adder`` under ``name`` for ``extra=[name]`` and ``--with name``.

    Raises:
        ValueError: if the name is taken (and ``replace`` is False) or reserved.
    """
    if name in BUILTIN:
        raise ValueError(f"'{name}' is built in and cannot be registered")
    if name in _REGISTRY and not replace:
        raise ValueError(f"column adder '{name}' is already registered")
    _REGISTRY[name] = adder


def unregister_columns(name: str) -> None:
    """Remove a registered adder (no error if it is not there)."""
    _REGISTRY.pop(name, None)


def registered_names() -> list[str]:
    """Names accepted by ``--with``: the built-in ones, then registered ones."""
    return [*BUILTIN, *sorted(_REGISTRY)]


def resolve(item: str | ColumnAdder) -> ColumnAdder:
    """Return the adder for a registered name, or the callable itself."""
    if callable(item):
        return item
    try:
        return _REGISTRY[item]
    except KeyError:
        known = ", ".join(registered_names())
        raise DatasetError(f"no column adder named '{item}'", f"known names: {known}") from None


def apply_adders(table: pl.DataFrame, adders: Iterable[str | ColumnAdder]) -> pl.DataFrame:
    """Apply adders in turn, checking that each keeps the rows and columns.

    Raises:
        DatasetError: if an adder returns something other than a DataFrame,
            changes the number of rows, or drops a column.
    """
    for item in adders:
        adder = resolve(item)
        label = item if isinstance(item, str) else getattr(item, "__name__", repr(item))
        result = adder(table)
        if not isinstance(result, pl.DataFrame):
            raise DatasetError(f"column adder '{label}' returned {type(result).__name__}, not a polars DataFrame")
        if result.height != table.height:
            raise DatasetError(f"column adder '{label}' changed the number of rows ({table.height} -> {result.height})")
        lost = [c for c in table.columns if c not in result.columns]
        if lost:
            raise DatasetError(f"column adder '{label}' dropped columns: {', '.join(lost)}")
        table = result
    return table
