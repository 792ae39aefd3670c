"""Dated geography: who held, administered or claimed a place on a given day.

A curated record may carry ``history``: a list of periods, each a half-open
interval ``[from, until)`` (the convention of ``casus.model.dates``) with the
values that held during it instead of the record's own (today's) values::

    JP-47:
      history:
        - until: 1972-05-15
          administered_by: USA
          note: Under US administration until the Reversion Agreement took effect.
          sources: [okinawa-reversion]
          confidence: C2+

A period may set ``state``, ``administered_by``, ``claimants`` and ``tags``.
The word ``unsettled`` for ``state``, ``administered_by`` or ``claimants``
marks a period the sources do not settle (for example the days between two
dates that sources give for the same change): every territorial answer that
depends on it is then None for the states involved, never a guess.  Such a
period may name further ``involved`` states (whose relation to the place is
the unsettled question), beyond those listed, administering or claiming.  Outside every period the record's
own values hold.  Before the file's ``history_from`` date nothing is curated,
so every territorial answer is None.

Periods of one record must not overlap.  Places that are not curated
(ISO subdivisions) follow their parent's periods for whatever they inherit.
"""

from __future__ import annotations

import datetime as dt

from casus.geo.errors import GeoDataError

UNSETTLED = "unsettled"
PERIOD_KEYS = frozenset({"from", "until", "state", "administered_by", "claimants", "tags",
                         "involved", "note", "sources", "confidence"})
VALUE_KEYS = ("state", "administered_by", "claimants", "tags")
CONFIDENCE = ("C2+", "C1", "unverified")


def as_date(value: object, where: str) -> dt.date:
    """A date from YAML (already a date) or from the JSON snapshot (ISO text)."""
    if isinstance(value, dt.datetime):
        raise GeoDataError(f"{where}: {value!r} is not a date; write YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise GeoDataError(f"{where}: {value!r} is not a date; write YYYY-MM-DD")


class Period:
    """One curated period ``[start, end)``; ``None`` ends are open."""

    __slots__ = ("start", "end", "values", "involved", "note", "sources", "confidence")

    def __init__(self, raw: dict, where: str):
        self.start = as_date(raw["from"], f"{where}.from") if raw.get("from") is not None else None
        self.end = as_date(raw["until"], f"{where}.until") if raw.get("until") is not None else None
        self.values = {k: raw[k] for k in VALUE_KEYS if k in raw}
        self.involved = tuple(raw.get("involved") or ())
        self.note = " ".join(str(raw.get("note") or "").split()) or None
        self.sources = tuple(raw.get("sources") or ())
        self.confidence = raw.get("confidence")

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def span(self) -> str:
        return f"[{self.start or '…'}, {self.end or '…'})"

    def words(self) -> str:
        """``from 2014-02-27 until 2014-03-18``, ``until 1972-05-15``, ``from 1999-12-31``."""
        parts = ([f"from {self.start}"] if self.start else []) + ([f"until {self.end}"] if self.end else [])
        return " ".join(parts)

    def __repr__(self) -> str:
        return f"Period({self.span()}, {self.values})"


def parse_periods(raw: object, where: str) -> tuple[Period, ...]:
    if not isinstance(raw, list):
        raise GeoDataError(f"{where}: expected a list of periods")
    periods = []
    for i, item in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise GeoDataError(f"{here}: expected a mapping with from/until and the values that held")
        unknown = set(item) - PERIOD_KEYS
        if unknown:
            raise GeoDataError(f"{here}: unknown keys {sorted(unknown)}; allowed: {', '.join(sorted(PERIOD_KEYS))}")
        if item.get("from") is None and item.get("until") is None:
            raise GeoDataError(f"{here}: a period needs 'from', 'until' or both")
        if not any(k in item for k in VALUE_KEYS):
            raise GeoDataError(f"{here}: a period must set at least one of {', '.join(VALUE_KEYS)}")
        if not item.get("sources"):
            raise GeoDataError(f"{here}: every dated change cites at least one source key")
        if item.get("confidence") not in CONFIDENCE:
            raise GeoDataError(f"{here}: confidence must be one of {', '.join(CONFIDENCE)}")
        period = Period(item, here)
        if period.start and period.end and period.end <= period.start:
            raise GeoDataError(f"{here}: 'until' must be after 'from' (the period is [from, until))")
        if period.involved and not any(period.values.get(k) == UNSETTLED for k in VALUE_KEYS):
            raise GeoDataError(f"{here}.involved: only a period with an 'unsettled' value names the states involved")
        claimants = period.values.get("claimants")
        if claimants is not None and claimants != UNSETTLED and not isinstance(claimants, list):
            raise GeoDataError(f"{here}.claimants: a list of state codes, or 'unsettled'")
        periods.append(period)
    ordered = sorted(periods, key=lambda p: p.start or dt.date.min)
    for a, b in zip(ordered, ordered[1:]):
        if a.end is None or (b.start or dt.date.min) < a.end:
            raise GeoDataError(f"{where}: periods {a.span()} and {b.span()} overlap")
    return tuple(ordered)


def check_periods(raw: object, where: str, data) -> tuple[Period, ...]:
    """Parse and shape-check at load time (cheap); codes are checked by the integrity tests."""
    periods = parse_periods(raw, where)
    for period in periods:
        for tag in period.values.get("tags") or {}:
            if tag not in data.tags:
                raise GeoDataError(f"{where}: unknown tag {tag!r}")
        for key in period.sources:
            if key not in data.sources:
                raise GeoDataError(f"{where}: source {key!r} is not defined under 'sources'")
    return periods


def boundaries(periods: tuple[Period, ...]) -> list[dt.date]:
    """Every date on which a record's values change (for boundary tests and the docs)."""
    out = set()
    for p in periods:
        if p.start:
            out.add(p.start)
        if p.end:
            out.add(p.end)
    return sorted(out)


# -- dated views of a place ------------------------------------------------------


def _copy(base):
    cls = type(base)
    v = cls.__new__(cls)
    for slot in cls.__slots__:
        setattr(v, slot, getattr(base, slot))
    v._tags = dict(base._tags)
    v._origin = dict(base._origin)
    v._notes = dict(base._notes)
    v._timeline = ()
    v._before = None
    v._base = base
    return v


def view(base, period: Period, values: dict, changed_tags: dict):
    """``base`` with the values of one period applied."""
    v = _copy(base)
    v.period = period
    unsettled = set()
    if "state" in values:
        if values["state"] == UNSETTLED:
            v.state, _ = None, unsettled.add("state")
        else:
            v.state = values["state"]
    if "administered_by" in values:
        if values["administered_by"] == UNSETTLED:
            v.administered_by, _ = None, unsettled.add("administered_by")
        else:
            v.administered_by = values["administered_by"]
    if "claimants" in values:
        if values["claimants"] == UNSETTLED:
            v.claimants, _ = (), unsettled.add("claimants")
        else:
            v.claimants = tuple(values["claimants"] or ())
    for name, value in changed_tags.items():
        v._tags[name] = value
        v._origin[name] = base.code
        if period.note:
            v._notes[name] = period.note
    v._changed_tags = frozenset(changed_tags)
    v.unsettled = frozenset(unsettled)
    v._also_involved = period.involved
    return v


def before_view(base):
    v = _copy(base)
    v.unsettled = frozenset({"all", "state", "administered_by", "claimants"})
    v.state, v.administered_by, v.claimants = None, None, ()
    return v
