"""Packing a (ccode1, ccode2, year) key into one integer.

Joins, searches and uniqueness checks on one Int64 column are much faster
than on three columns.  The packing keeps the order of (ccode1, ccode2,
year), so a table sorted by the three columns is sorted by the packed key.
It is valid while codes lie in 0..99,999 and years in 0..9,999; callers
check with :func:`packable` and fall back to plain joins otherwise.
"""

from __future__ import annotations

import polars as pl

CODE_LIMIT = 100_000
YEAR_LIMIT = 10_000


def packed(ccode1: str = "ccode1", ccode2: str = "ccode2", year: str = "year") -> pl.Expr:
    """Expression for the packed key of three integer columns, named ``_key``."""
    return (
        pl.col(ccode1).cast(pl.Int64) * (CODE_LIMIT * YEAR_LIMIT)
        + pl.col(ccode2).cast(pl.Int64) * YEAR_LIMIT
        + pl.col(year).cast(pl.Int64)
    ).alias("_key")


def packable(frame: pl.DataFrame, ccode1: str = "ccode1", ccode2: str = "ccode2", year: str = "year") -> bool:
    """True if every code and year in ``frame`` fits the packed key."""
    if frame.height == 0:
        return True
    low, codes, years = frame.select(
        pl.min_horizontal(pl.col(ccode1).min(), pl.col(ccode2).min(), pl.col(year).min()).alias("low"),
        pl.max_horizontal(pl.col(ccode1).max(), pl.col(ccode2).max()).alias("codes"),
        pl.col(year).max().alias("years"),
    ).row(0)
    return low >= 0 and codes < CODE_LIMIT and years < YEAR_LIMIT


def search_sorted(sorted_values: pl.Series, values: pl.Series, side: str = "left") -> pl.Series:
    """Positions at which ``values`` would be inserted into ``sorted_values``.

    Written as an expression: some polars versions' ``Series.search_sorted``
    needs numpy for a Series argument, and casus does not depend on numpy.
    """
    return pl.select(pl.lit(sorted_values).search_sorted(pl.lit(values), side=side)).to_series()  # type: ignore[arg-type]
