"""Correlates of War (COW) country codes <-> casus state codes.

Political-science data (the COW state system, ATOP alliances, dyad-year
tables) identify states by COW numeric codes ("ccode": 2 = USA, 255 =
Germany, 365 = Russia/USSR ...); casus identifies them by ISO 3166-1 alpha-3
codes.  The crosswalk ``data/cow_iso.csv`` maps one to the other, year by
year.  See docs/geography.md, "COW codes".

    from casus.geo.cow import cow_to_casus, casus_to_cow, cow_codes
    cow_to_casus(260, 1989)        # "DEU"   (West Germany)
    cow_to_casus(265, 1989)        # "COW-265" (GDR: no current ISO state)
    casus_to_cow("DEU", 1989)      # 260
    casus_to_cow("DEU", 1991)      # 255
    casus_to_cow("DEU", 1950)      # None (no COW code denotes Germany then)

Conventions (checked when the file is loaded):

* ``casus_code`` is the ISO 3166-1 alpha-3 code (column ``iso3``) of the
  current state that the COW polity is or continues, or, when there is none,
  ``COW-<ccode>`` (``COW-240`` for Hanover).  A hyphen and digits can never
  appear in an ISO alpha-3 code, current, withdrawn or user-assigned.
* ``start``/``end`` are years, both inclusive; an empty ``end`` means the
  row is still valid.  Rows of one ccode never share a year: where a COW
  code changes meaning within a year, the year goes to the meaning in force
  on 31 December.
* Where two ccodes give the same casus code in one year (only DEU in 1990:
  260 until 2 October, 255 from 3 October), ``casus_to_cow`` returns the code
  in force on 31 December, i.e. the row that starts later.

The file is read on first use (stdlib ``csv``) and cached.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import operator
import os
import re
from dataclasses import dataclass

from casus.geo.errors import GeoDataError, GeoError

DATA_FILE = os.path.join(os.path.dirname(__file__), "data", "cow_iso.csv")
COLUMNS = ("ccode", "iso3", "casus_code", "start", "end", "note")

#: casus codes of polities without an ISO 3166-1 state: "COW-" + the code as
#: written in COW/ATOP data (no zero padding; ATOP's own codes have 4 digits).
NON_ISO_CODE = re.compile(r"^COW-[1-9][0-9]{0,3}$")
_ISO_ALPHA3 = re.compile(r"^[A-Z]{3}$")


class CowCodeError(GeoError):
    """Base of the COW crosswalk's errors; ``str()`` is one line."""


class UnknownCowCode(CowCodeError):
    """A COW code that is not in the crosswalk, or not in use in the year asked.

    ``ccode`` is the code given, ``year`` the year (None if none was given).
    """

    def __init__(self, ccode: int, year: int | None, message: str):
        self.ccode = ccode
        self.year = year
        super().__init__(message)


class AmbiguousCowCode(CowCodeError):
    """``cow_to_casus`` without a year for a code whose casus code changes over time."""

    def __init__(self, ccode: int, message: str):
        self.ccode = ccode
        super().__init__(message)


class UnknownCasusCode(CowCodeError):
    """A code given to ``casus_to_cow`` that is neither a casus code nor a state."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class CowRow:
    """One row of the crosswalk: ``ccode`` means ``casus_code`` in ``start``..``end``."""

    ccode: int
    iso3: str | None
    casus_code: str
    start: int
    end: int | None
    note: str
    line: int = 0

    def covers(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)

    @property
    def span(self) -> str:
        """``"1867-1945"``, or ``"1990-"`` when open-ended."""
        return f"{self.start}-{'' if self.end is None else self.end}"


def _year(value: object, what: str) -> int:
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an integer year, not bool")
    return operator.index(value)  # ints and numpy integers; TypeError for str/float


class CowCrosswalk:
    """The parsed crosswalk.  Use ``CowCrosswalk.default()`` for the packaged file."""

    _default: CowCrosswalk | None = None

    def __init__(self, path: str = DATA_FILE):
        self.path = path
        self.rows: tuple[CowRow, ...] = _read(path)
        by_ccode: dict[int, list[CowRow]] = {}
        by_code: dict[str, list[CowRow]] = {}
        for row in self.rows:
            by_ccode.setdefault(row.ccode, []).append(row)
            by_code.setdefault(row.casus_code, []).append(row)
        self._by_ccode = {c: tuple(sorted(rs, key=lambda r: r.start)) for c, rs in by_ccode.items()}
        self._by_code = {c: tuple(sorted(rs, key=lambda r: (r.start, r.ccode))) for c, rs in by_code.items()}
        self._ccodes = sorted(self._by_ccode)

    @classmethod
    def default(cls) -> CowCrosswalk:
        """The packaged crosswalk, read on first call and cached."""
        if cls._default is None:
            cls._default = cls()
        return cls._default

    # -- lookups ------------------------------------------------------------------
    def cow_codes(self) -> list[int]:
        return list(self._ccodes)

    def casus_codes(self) -> list[str]:
        return sorted(self._by_code)

    def rows_for(self, ccode: int) -> tuple[CowRow, ...]:
        return self._by_ccode.get(ccode, ())

    def cow_to_casus(self, ccode: int, year: int | None = None) -> str:
        ccode = operator.index(ccode)
        rows = self._by_ccode.get(ccode)
        if rows is None:
            raise UnknownCowCode(ccode, year, f"unknown COW country code {ccode}{self._near(ccode)}; "
                                 f"the crosswalk covers the COW v2016 state system and the codes ATOP uses")
        if year is None:
            codes = {r.casus_code for r in rows}
            if len(codes) == 1:
                return rows[0].casus_code
            raise AmbiguousCowCode(ccode, f"COW code {ccode} means {_periods(rows)}; give a year")
        year = _year(year, "year")
        for row in rows:
            if row.covers(year):
                return row.casus_code
        raise UnknownCowCode(ccode, year, f"COW code {ccode} is not in use in {year}; "
                             f"the crosswalk has it for {_periods(rows)}")

    def casus_to_cow(self, code: str, year: int) -> int | None:
        year = _year(year, "year")
        rows = self._rows_for_code(code)
        if rows is None:
            return None
        # Several ccodes in one year (DEU 1990: 260 then 255): the one in force
        # on 31 December, i.e. the row that starts last.
        best = None
        for row in rows:
            if row.covers(year) and (best is None or (row.start, row.ccode) > (best.start, best.ccode)):
                best = row
        return None if best is None else best.ccode

    def _rows_for_code(self, code: str) -> tuple[CowRow, ...] | None:
        """Rows for a casus code; None for a state COW never codes; raises otherwise."""
        if not isinstance(code, str):
            raise TypeError(f"code must be a string, not {type(code).__name__}")
        key = code.strip().upper()
        rows = self._by_code.get(key)
        if rows is not None:
            return rows
        hint = ("give a casus state code: an ISO 3166-1 alpha-3 code (e.g. DEU) "
                "or COW-<ccode> for a polity without one (e.g. COW-240)")
        if key.startswith("COW-"):
            number = key[4:]
            known = number.isdigit() and self._by_ccode.get(int(number))
            if known:
                codes = ", ".join(f"{r.casus_code} ({r.span})" for r in known)
                raise UnknownCasusCode(code, f"{code!r} is not a casus code: COW code {int(number)} "
                                       f"maps to {codes}")
            raise UnknownCasusCode(code, f"unknown casus code {code!r}; {hint}")
        # Not in the crosswalk: alpha-2 codes and names of states, and the
        # states COW does not code (VAT, PSE), go through the gazetteer.
        from casus.geo.errors import UnknownState
        from casus.geo.gazetteer import Gazetteer

        try:
            alpha3 = Gazetteer.default().state(code)
        except UnknownState as exc:
            raise UnknownCasusCode(code, f"unknown casus code {code!r}: {exc} (polities without an "
                                   f"ISO state use COW-<ccode>, e.g. COW-240)") from exc
        return self._by_code.get(alpha3)

    def _near(self, ccode: int) -> str:
        i = bisect.bisect_left(self._ccodes, ccode)
        near = sorted((c for c in self._ccodes[max(0, i - 2):i + 2] if abs(c - ccode) <= 50),
                      key=lambda c: (abs(c - ccode), c))[:3]
        if not near:
            return ""
        shown = ", ".join(f"{c} ({'/'.join(dict.fromkeys(r.casus_code for r in self._by_ccode[c]))})"
                          for c in near)
        return f" (nearest known: {shown})"


def _periods(rows: tuple[CowRow, ...]) -> str:
    return ", ".join(f"{r.casus_code} in {r.span}" for r in rows)


def _read(path: str) -> tuple[CowRow, ...]:
    """Parse and structurally check the crosswalk; GeoDataError on any defect."""
    rows: list[CowRow] = []
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = tuple(next(reader, ()))
            if header != COLUMNS:
                raise GeoDataError(f"{path}: header must be {','.join(COLUMNS)}, found {','.join(header)}")
            for fields in reader:
                line = reader.line_num
                if not fields:
                    continue
                if len(fields) != len(COLUMNS):
                    raise GeoDataError(f"{path}:{line}: expected {len(COLUMNS)} fields, found {len(fields)}")
                rows.append(_row(path, line, fields))
    except OSError as exc:
        raise GeoDataError(f"{path}: cannot read the COW crosswalk ({exc.strerror})") from exc
    by_ccode: dict[int, list[CowRow]] = {}
    for row in rows:
        by_ccode.setdefault(row.ccode, []).append(row)
    for ccode, group in by_ccode.items():
        group.sort(key=lambda r: r.start)
        for before, after in itertools.pairwise(group):
            if before.start == after.start:
                raise GeoDataError(f"{path}:{after.line}: duplicate row for ({ccode}, {after.start})")
            if before.end is None or before.end >= after.start:
                raise GeoDataError(f"{path}:{after.line}: COW code {ccode}: {after.span} overlaps "
                                   f"{before.span} (line {before.line}); rows of one code must not share a year")
    return tuple(rows)


def _row(path: str, line: int, fields: list[str]) -> CowRow:
    ccode_s, iso3, casus_code, start_s, end_s, note = (f.strip() for f in fields)

    def integer(text: str, column: str) -> int:
        if not text.isdigit():
            raise GeoDataError(f"{path}:{line}: {column} must be a whole number, found {text!r}")
        return int(text)

    ccode = integer(ccode_s, "ccode")
    start = integer(start_s, "start")
    end = integer(end_s, "end") if end_s else None
    if end is not None and end < start:
        raise GeoDataError(f"{path}:{line}: end {end} is before start {start}")
    if iso3:
        if not _ISO_ALPHA3.match(iso3):
            raise GeoDataError(f"{path}:{line}: iso3 must be three capital letters, found {iso3!r}")
        if casus_code != iso3:
            raise GeoDataError(f"{path}:{line}: casus_code must equal iso3 ({iso3}), found {casus_code!r}")
    elif casus_code != f"COW-{ccode}":
        raise GeoDataError(f"{path}:{line}: without iso3 the casus_code must be COW-{ccode}, "
                           f"found {casus_code!r}")
    return CowRow(ccode, iso3 or None, casus_code, start, end, note, line)


# -- module-level API over the packaged crosswalk ----------------------------------

def crosswalk() -> CowCrosswalk:
    """The packaged crosswalk (read on first use, then cached)."""
    return CowCrosswalk.default()


def cow_to_casus(ccode: int, year: int | None = None) -> str:
    """The casus state code that COW code ``ccode`` means in ``year``.

    Without a year the code must mean one casus code throughout (365 -> RUS);
    otherwise ``AmbiguousCowCode`` (255 is Prussia, then DEU).  An unknown
    code, or a year in which the code is not in use, raises ``UnknownCowCode``.
    Both are ``casus.geo.GeoError`` (a ``ValueError``).
    """
    return CowCrosswalk.default().cow_to_casus(ccode, year)


def casus_to_cow(code: str, year: int) -> int | None:
    """The COW code of a casus state code (ISO alpha-3 or ``COW-<n>``) in ``year``.

    None when no COW code denotes that state in that year (DEU in 1950,
    SRB in 1960) or never does (VAT, PSE).  Case-insensitive; ISO alpha-2
    codes and English names of states are accepted through the gazetteer.
    ``UnknownCasusCode`` for anything else.
    """
    return CowCrosswalk.default().casus_to_cow(code, year)


def cow_codes() -> list[int]:
    """Every COW code in the crosswalk, ascending (COW v2016 plus ATOP's extra codes)."""
    return CowCrosswalk.default().cow_codes()
