"""Compare casus's obligation columns with ATOP's, alliance by alliance.

ATOP codes each alliance once per phase and member (``defense``,
``offense``, ``neutral``, ``nonagg``, ``consul`` in its member-level file);
casus codes each provision with its own dates.  This module turns both into
directed dyad-years for one treaty and counts where they agree.  It reads
nothing by itself: callers pass an ATOP alliance (as read by
:func:`casus.importers.atop.read`) and a casus instrument.

* :func:`atop_dyad_years` - ATOP's codes for one alliance per directed
  dyad-year: a dyad-year exists when the two members' spells in the
  alliance share at least one day of the year (spells are half-open,
  ``[entry, exit)``, as the importer reads them), and ccode1's codes in the
  overlapping phase are its obligations toward ccode2 (maximum over phases).
* :func:`casus_dyad_years` - the ``--with casus`` columns for one instrument
  (the same code as ``casus dyads --with casus``).
* :func:`compare` - per column: rows compared (dyad-years both sides cover),
  agree, casus-only (casus 1, ATOP 0), ATOP-only (ATOP 1, casus 0); plus the
  dyad-years only one side covers.
* :func:`differences` - the disagreeing cells grouped into runs of years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from casus.datasets.casus_columns import KINDS, casus_table
from casus.model.instrument import Corpus, Instrument

#: casus instrument id -> ATOP alliance id (ATOP 4.01), for the treaties both cover.
ATOP_IDS: dict[str, int] = {
    "rio-treaty-1947": 3075,
    "north-atlantic-treaty-1949": 3180,
    "anzus-1951": 3215,
    "us-rok-mutual-defense-1953": 3240,
    "us-japan-security-1960": 3375,
    "china-dprk-treaty-1961": 3445,
    "csto-collective-security-treaty-1992": 4220,
}

#: ATOP's column names, in the order of :data:`casus.datasets.casus_columns.KINDS`.
ATOP_COLUMNS = {"defense": "defense", "offense": "offense", "neutral": "neutral",
                "nonagg": "nonagg", "consul": "consul"}

KEY = ["ccode1", "ccode2", "year"]
_SCHEMA = {"ccode1": pl.Int32, "ccode2": pl.Int32, "year": pl.Int32, **{f"atop_{k}": pl.Int8 for k in KINDS}}


def _flag(value: str | None) -> int:
    text = (value or "").strip()
    try:
        return 1 if int(float(text)) == 1 else 0
    except ValueError:
        return 0


def atop_dyad_years(rows, first: int, last: int) -> pl.DataFrame:
    """ATOP's obligations of one alliance per directed dyad-year in ``[first, last]``.

    ``rows`` are member rows with ``member``, ``start``, ``end`` (None: still
    in effect) and ``values`` (the member-level columns), e.g. the ``rows``
    of a :class:`casus.importers.atop.Alliance`.
    """
    cells: dict[tuple[int, int, int], list[int]] = {}
    for a in rows:
        codes = [_flag(a.values.get(ATOP_COLUMNS[k])) for k in KINDS]
        for b in rows:
            if a.member == b.member:
                continue
            start = max(a.start, b.start)
            ends = [e for e in (a.end, b.end) if e is not None]
            end = min(ends) if ends else None
            if end is not None and end <= start:
                continue
            last_year = last if end is None else min(last, (end - dt.timedelta(days=1)).year)
            for year in range(max(first, start.year), last_year + 1):
                cell = cells.setdefault((a.member, b.member, year), [0] * len(KINDS))
                for i, c in enumerate(codes):
                    cell[i] = max(cell[i], c)
    data: dict[str, list[int]] = {name: [] for name in _SCHEMA}
    for (c1, c2, year), codes in sorted(cells.items()):
        data["ccode1"].append(c1)
        data["ccode2"].append(c2)
        data["year"].append(year)
        for k, c in zip(KINDS, codes):
            data[f"atop_{k}"].append(c)
    return pl.DataFrame(data, schema=_SCHEMA)


def casus_dyad_years(instrument: Instrument, first: int, last: int) -> pl.DataFrame:
    """The ``--with casus`` columns of one instrument per directed COW dyad-year."""
    return casus_table(Corpus.of([instrument]), first, last)


@dataclass
class ColumnAgreement:
    """How often one casus column agrees with its ATOP counterpart over the dyad-years compared."""

    column: str
    compared: int = 0
    agree: int = 0
    casus_only: int = 0
    atop_only: int = 0


@dataclass
class Agreement:
    """The outcome of :func:`compare` for one instrument."""

    casus_rows: int = 0
    atop_rows: int = 0
    both: int = 0
    columns: list[ColumnAgreement] = field(default_factory=list)

    @property
    def casus_rows_only(self) -> int:
        return self.casus_rows - self.both

    @property
    def atop_rows_only(self) -> int:
        return self.atop_rows - self.both


def _restrict(table: pl.DataFrame, system: pl.DataFrame | None) -> pl.DataFrame:
    if system is None:
        return table
    return table.join(system.select(KEY), on=KEY, how="semi")


def joined(casus: pl.DataFrame, atop: pl.DataFrame, system: pl.DataFrame | None = None) -> pl.DataFrame:
    """Full outer join of the two tables on (ccode1, ccode2, year), with ``in_casus``/``in_atop``.

    ``system``, if given, is a dyad-year table (e.g. the COW state system's):
    only its dyad-years are kept on either side.
    """
    left = _restrict(casus.select(KEY + [f"casus_{k}" for k in KINDS]), system).with_columns(
        pl.lit(True).alias("in_casus"))
    right = _restrict(atop.select(KEY + [f"atop_{k}" for k in KINDS]), system).with_columns(
        pl.lit(True).alias("in_atop"))
    out = left.join(right, on=KEY, how="full", coalesce=True)
    return out.with_columns(pl.col("in_casus").fill_null(False), pl.col("in_atop").fill_null(False)).sort(KEY)


def compare(casus: pl.DataFrame, atop: pl.DataFrame, system: pl.DataFrame | None = None) -> Agreement:
    """Count agreement per column over the dyad-years both tables cover."""
    table = joined(casus, atop, system)
    both = table.filter(pl.col("in_casus") & pl.col("in_atop"))
    result = Agreement(casus_rows=int(table["in_casus"].sum()), atop_rows=int(table["in_atop"].sum()),
                       both=both.height)
    for k in KINDS:
        c, a = pl.col(f"casus_{k}"), pl.col(f"atop_{k}")
        counts = both.select(
            (c == a).sum().alias("agree"),
            ((c == 1) & (a == 0)).sum().alias("casus_only"),
            ((c == 0) & (a == 1)).sum().alias("atop_only"),
        ).row(0)
        result.columns.append(ColumnAgreement(k, both.height, int(counts[0] or 0), int(counts[1] or 0),
                                              int(counts[2] or 0)))
    return result


@dataclass(frozen=True)
class Difference:
    """A run of consecutive years in which one directed dyad is coded differently."""

    what: str  # a column name, or "row" for a dyad-year only one side covers
    side: str  # "casus" or "atop": the side that has the 1 (or the row)
    ccode1: int
    ccode2: int
    first: int
    last: int


def differences(casus: pl.DataFrame, atop: pl.DataFrame, system: pl.DataFrame | None = None) -> list[Difference]:
    """Every disagreeing cell, grouped into runs of consecutive years per dyad."""
    table = joined(casus, atop, system)
    cells: list[tuple[str, str, int, int, int]] = []
    for row in table.iter_rows(named=True):
        key = (row["ccode1"], row["ccode2"], row["year"])
        if row["in_casus"] != row["in_atop"]:
            cells.append(("row", "casus" if row["in_casus"] else "atop", *key))
            continue
        for k in KINDS:
            c, a = row[f"casus_{k}"], row[f"atop_{k}"]
            if c != a:
                cells.append((k, "casus" if c == 1 else "atop", *key))
    cells.sort()
    runs: list[Difference] = []
    for what, side, c1, c2, year in cells:
        if runs:
            r = runs[-1]
            if (r.what, r.side, r.ccode1, r.ccode2) == (what, side, c1, c2) and r.last + 1 == year:
                runs[-1] = Difference(what, side, c1, c2, r.first, year)
                continue
        runs.append(Difference(what, side, c1, c2, year, year))
    return runs
