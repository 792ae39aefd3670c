"""Building dyad-years from state system membership spells.

The rules (the same as peacesciencer's ``create_dyadyears()``):

1. A state is present in a calendar year if any of its membership spells
   touches that year, from the spell's start year through its end year.
2. A spell that ends in December of the state list's last year (31 December
   2016 for COW v2016) is taken to continue through the requested end year.
   No other spell is extended.
3. Every ordered pair of different states present in the same year is a
   dyad-year.
4. Dyad-years in which both states are present during the year but never on
   the same day are removed.  They are computed here from the exact spell
   dates, with both ends of a spell inclusive.

How: each state's presence is reduced to intervals of years; every pair of
intervals that overlap gives a *run* of consecutive dyad-years (about 44,000
runs for COW 1816-2024); the few never-same-day years are cut out of their
runs; the runs are expanded in order.  The table thus comes out sorted by
(ccode1, ccode2, year) without sorting two million rows, and a row's
position can be found from its run (:func:`locate`), which is how
obligation columns are attached without a join over the whole table.
"""

from __future__ import annotations

import polars as pl

from casus.datasets.keys import packable, packed, search_sorted

KEY = ("ccode1", "ccode2", "year")
KEY_DTYPE = pl.Int32
PAIR_BASE = 46_340  # PAIR_BASE**2 < 2**31: two codes below it pack into one Int32
PIECE_ROWS = 1 << 17  # rows per piece of an expanded table (see expand_runs)


def last_list_year(spells: pl.DataFrame) -> int:
    """Return the last year covered by a state list (the latest end year)."""
    return int(spells.select(pl.col("end").dt.year().max()).item())


def effective_spells(spells: pl.DataFrame, end: int) -> pl.DataFrame:
    """Apply the extension rule and return spells with their effective end.

    A spell whose end date falls in December of the list's last year gets
    the end date 31 December of ``end`` when ``end`` is later than that year.

    Returns:
        Columns ``ccode``, ``start``, ``end`` (the effective end), ``extended``.
    """
    last = last_list_year(spells)
    open_at_end = (pl.col("end").dt.year() == last) & (pl.col("end").dt.month() == 12)
    extend = open_at_end & pl.lit(end > last)
    return spells.select(
        pl.col("ccode"),
        pl.col("start"),
        pl.when(extend).then(pl.date(end, 12, 31)).otherwise(pl.col("end")).alias("end"),
        extend.alias("extended"),
    )


def presence_intervals(spells: pl.DataFrame, start: int, end: int) -> pl.DataFrame:
    """Return, per state, the merged intervals of calendar years it is present.

    Spells are first extended (rule 2), clipped to ``start..end`` and reduced
    to years (rule 1).  Intervals of one state that overlap or touch are
    merged, so a state is never counted twice in a year.

    Returns:
        Columns ``ccode``, ``y0``, ``y1`` (Int32, inclusive), sorted.
    """
    eff = effective_spells(spells, end)
    years = (
        eff.select(
            pl.col("ccode").cast(KEY_DTYPE),
            pl.max_horizontal(pl.col("start").dt.year(), pl.lit(start)).cast(KEY_DTYPE).alias("y0"),
            pl.min_horizontal(pl.col("end").dt.year(), pl.lit(end)).cast(KEY_DTYPE).alias("y1"),
        )
        .filter(pl.col("y0") <= pl.col("y1"))
        .sort("ccode", "y0")
    )
    reach = pl.col("y1").cum_max().shift(1).over("ccode")
    opens = reach.is_null() | (pl.col("y0") > reach + 1)
    return (
        years.with_columns(opens.cum_sum().alias("run"))
        .group_by("ccode", "run")
        .agg(pl.col("y0").min(), pl.col("y1").max())
        .select("ccode", "y0", "y1")
        .sort("ccode", "y0")
    )


def state_years(spells: pl.DataFrame, start: int, end: int) -> pl.DataFrame:
    """Return one row per state present in each year: ``ccode``, ``year``."""
    spans = presence_intervals(spells, start, end)
    return (
        spans.select(
            "ccode",
            pl.int_ranges("y0", pl.col("y1") + 1, dtype=KEY_DTYPE).alias("year"),
        )
        .explode("year")
        .sort("ccode", "year")
    )


def never_same_day(spells: pl.DataFrame, start: int, end: int) -> pl.DataFrame:
    """Directed dyad-years whose states share a year but never a single day.

    Only state-years with partial presence can be such pairs: if either state
    is present all year, the two share every day the other is present.  A
    partial state-year is a year in which a spell starts or ends and that no
    spell of the state covers whole.  For those, the days each state is
    present are compared piece by piece (inclusive).

    Returns:
        Columns ``ccode1``, ``ccode2``, ``year`` (Int32), both directions,
        sorted.
    """
    eff = effective_spells(spells, end).with_columns(pl.col("ccode").cast(KEY_DTYPE))
    boundary = (
        pl.concat(
            [
                eff.select("ccode", pl.col("start").dt.year().alias("year")),
                eff.select("ccode", pl.col("end").dt.year().alias("year")),
            ]
        )
        .with_columns(pl.col("year").cast(KEY_DTYPE))
        .filter(pl.col("year").is_between(start, end))
        .unique()
    )
    jan1 = pl.date(pl.col("year"), 1, 1)
    dec31 = pl.date(pl.col("year"), 12, 31)
    pieces = (
        boundary.join(eff, on="ccode")
        .select(
            "ccode",
            "year",
            pl.max_horizontal("start", jan1).alias("first"),
            pl.min_horizontal("end", dec31).alias("last"),
            jan1.alias("jan1"),
            dec31.alias("dec31"),
        )
        .filter(pl.col("first") <= pl.col("last"))
    )
    whole = (pl.col("first") == pl.col("jan1")) & (pl.col("last") == pl.col("dec31"))
    partial = pieces.filter(~whole.any().over("ccode", "year")).select("ccode", "year", "first", "last")
    pairs = partial.join(partial, on="year", suffix="_b").filter(pl.col("ccode") != pl.col("ccode_b"))
    share = pl.max_horizontal("first", "first_b") <= pl.min_horizontal("last", "last_b")
    return (
        pairs.group_by("ccode", "ccode_b", "year")
        .agg(share.any().alias("share"))
        .filter(~pl.col("share"))
        .select(
            pl.col("ccode").alias("ccode1"),
            pl.col("ccode_b").alias("ccode2"),
            pl.col("year"),
        )
        .sort(list(KEY))
    )


def pair_runs(spells: pl.DataFrame, start: int, end: int, *, directed: bool = True) -> pl.DataFrame:
    """Return the dyad-years as runs of consecutive years, one row per run.

    Each pair of states gets one run per stretch of years in which both are
    present (rules 1-3); never-same-day years (rule 4) are cut out of their
    runs.  Expanding the runs in order gives the dyad-year table.

    Returns:
        Columns ``ccode1``, ``ccode2``, ``lo``, ``hi`` (Int32, inclusive) and
        ``offset`` (Int64: the row at which the run starts in the expanded
        table), sorted by (ccode1, ccode2, lo).
    """
    spans = presence_intervals(spells, start, end)
    pair_filter = pl.col("ccode") != pl.col("ccode_b") if directed else pl.col("ccode") < pl.col("ccode_b")
    runs = (
        spans.join(spans, how="cross", suffix="_b")
        .filter(pair_filter)
        .select(
            pl.col("ccode").alias("ccode1"),
            pl.col("ccode_b").alias("ccode2"),
            pl.max_horizontal("y0", "y0_b").alias("lo"),
            pl.min_horizontal("y1", "y1_b").alias("hi"),
        )
        .filter(pl.col("lo") <= pl.col("hi"))
    )
    runs = _cut_years(runs, never_same_day(spells, start, end)).sort("ccode1", "ccode2", "lo")
    length = (pl.col("hi") - pl.col("lo") + 1).cast(pl.Int64)
    return runs.with_columns((length.cum_sum() - length).alias("offset"))


def _cut_years(runs: pl.DataFrame, cut: pl.DataFrame) -> pl.DataFrame:
    """Remove single dyad-years from runs, splitting the runs they fall in.

    Only the few runs that contain a year to cut are expanded, filtered and
    regrouped into runs of consecutive years; the rest are kept as they are.
    """
    pair = ["ccode1", "ccode2"]
    hit = (
        cut.join(runs, on=pair)
        .filter(pl.col("year").is_between(pl.col("lo"), pl.col("hi")))
        .select(*pair, "lo", "hi")
        .unique()
    )
    if hit.height == 0:
        return runs
    kept_years = (
        hit.with_columns(pl.int_ranges("lo", pl.col("hi") + 1, dtype=KEY_DTYPE).alias("year"))
        .explode("year")
        .join(cut, on=[*pair, "year"], how="anti")
        .sort(*pair, "year")
    )
    step = pl.col("year") - pl.int_range(pl.len(), dtype=KEY_DTYPE).over([*pair, "lo"])
    rebuilt = (
        kept_years.with_columns(step.alias("_run"))
        .group_by(*pair, "lo", "_run")
        .agg(pl.col("year").min().alias("new_lo"), pl.col("year").max().alias("new_hi"))
        .select(*pair, pl.col("new_lo").alias("lo"), pl.col("new_hi").alias("hi"))
    )
    untouched = runs.join(hit, on=[*pair, "lo", "hi"], how="anti")
    return pl.concat([untouched, rebuilt.select(untouched.columns)])


def expand_runs(runs: pl.DataFrame) -> pl.DataFrame:
    """Expand runs from :func:`pair_runs` into ``ccode1, ccode2, year`` rows.

    A large table is expanded in pieces of about :data:`PIECE_ROWS` rows and
    returned as that many polars chunks, not copied into one: building the
    year lists takes several times the memory of the result, and doing it a
    piece at a time lets each piece reuse the memory the previous one freed.
    The rows are the same; ``table.rechunk()`` gives contiguous columns.
    """
    height = table_height(runs)
    if height <= PIECE_ROWS:
        return _expand(runs)
    piece = runs.select((pl.col("offset") // PIECE_ROWS).alias("piece")).to_series()
    cuts = search_sorted(piece, pl.int_range(1, piece[-1] + 1, dtype=piece.dtype, eager=True)).to_list()
    bounds = [0, *cuts, runs.height]
    parts = [_expand(runs.slice(lo, hi - lo)) for lo, hi in zip(bounds, bounds[1:]) if hi > lo]
    return pl.concat(parts, how="vertical", rechunk=False)


def _expand(runs: pl.DataFrame) -> pl.DataFrame:
    return runs.select(
        "ccode1",
        "ccode2",
        pl.int_ranges("lo", pl.col("hi") + 1, dtype=KEY_DTYPE).alias("year"),
    ).explode("year")


def count_dyads(table: pl.DataFrame) -> int:
    """Number of distinct (ccode1, ccode2) pairs in a table.

    With codes in 0..46,339 (COW codes are below 1,000) each pair is packed
    into one Int32, which is much quicker to count than a pair of columns.
    """
    if table.height == 0:
        return 0
    low, high = table.select(
        pl.min_horizontal(pl.col("ccode1").min(), pl.col("ccode2").min()).alias("low"),
        pl.max_horizontal(pl.col("ccode1").max(), pl.col("ccode2").max()).alias("high"),
    ).row(0)
    if low is not None and low >= 0 and high < PAIR_BASE:
        pair = pl.col("ccode1").cast(pl.Int32) * PAIR_BASE + pl.col("ccode2").cast(pl.Int32)
        return int(table.select(pair.n_unique()).item())
    return int(table.select(pl.struct("ccode1", "ccode2").n_unique()).item())


def table_height(runs: pl.DataFrame) -> int:
    """Number of rows in the table expanded from ``runs``."""
    if runs.height == 0:
        return 0
    last = runs.row(runs.height - 1, named=True)
    return int(last["offset"]) + int(last["hi"]) - int(last["lo"]) + 1


def locate(runs: pl.DataFrame, rows: pl.DataFrame) -> pl.DataFrame:
    """Find where keyed rows fall in the table expanded from ``runs``.

    Args:
        runs: from :func:`pair_runs`.
        rows: a frame with ``ccode1``, ``ccode2``, ``year`` and other columns.

    Returns:
        The rows that have a dyad-year in the table, with a ``_row`` column
        (Int64) giving its row number; the other rows are dropped.
    """
    keyed = rows.with_columns(pl.col(KEY).cast(KEY_DTYPE))
    if runs.height == 0:
        return keyed.clear().with_columns(pl.lit(None, dtype=pl.Int64).alias("_row"))
    if packable(runs, year="lo") and packable(keyed):
        return _locate_by_search(runs, keyed)
    return (
        keyed.join(runs, on=["ccode1", "ccode2"])
        .filter(pl.col("year").is_between(pl.col("lo"), pl.col("hi")))
        .with_columns((pl.col("offset") + pl.col("year") - pl.col("lo")).alias("_row"))
        .drop("lo", "hi", "offset")
    )


def _locate_by_search(runs: pl.DataFrame, rows: pl.DataFrame) -> pl.DataFrame:
    """:func:`locate` by binary search: the run starting at or before each key.

    A run covers the packed keys from its first to its last dyad-year, and
    within a run the row number grows by one with the key, so a key's row
    is the key plus the run's ``offset - first key``; the key lies in the run
    when it is not beyond the run's last key.
    """
    bounds = runs.select(
        packed(year="lo").alias("first"),
        packed(year="hi").alias("last"),
        (pl.col("offset") - packed(year="lo")).alias("shift"),
    )
    key = rows.select(packed()).to_series()
    index = search_sorted(bounds.get_column("first"), key, side="right").cast(pl.Int64) - 1
    run = bounds.select(pl.col("last", "shift").gather(index.clip(lower_bound=0)))
    inside = (index >= 0) & (key <= run.get_column("last"))
    return rows.with_columns((key + run.get_column("shift")).alias("_row")).filter(inside)


def build_dyad_years(spells: pl.DataFrame, start: int, end: int, *, directed: bool = True) -> pl.DataFrame:
    """Return the dyad-year table for ``start..end`` from membership spells.

    Args:
        spells: ``ccode``, ``start``, ``end`` as returned by
            :func:`casus.datasets.states.read_spells`.
        start: first year (inclusive).
        end: last year (inclusive).
        directed: if False, keep only rows with ``ccode1 < ccode2``.

    Returns:
        Columns ``ccode1``, ``ccode2``, ``year`` (all Int32), sorted by
        (ccode1, ccode2, year), no duplicates.
    """
    return expand_runs(pair_runs(spells, start, end, directed=directed))
