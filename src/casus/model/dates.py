"""The one date convention of casus.

Every date is a :class:`datetime.date`.  Every period is a **half-open
interval** ``[start, end)``: ``start`` is the first day something holds and
``end`` is the first day it no longer holds.  ``end=None`` means "still
holds".  So a state whose withdrawal takes effect on 2004-09-06 is a party on
2004-09-05 and not on 2004-09-06, and a treaty entering into force on
2025-03-13 is not in force on 2025-03-12 and is in force that day.

Treaty files write the day an event takes effect; the loader turns those
events into intervals with this convention, and nothing else in casus does
date arithmetic on its own.
"""

from __future__ import annotations

import datetime as _dt

from casus.model.records import record

date = _dt.date


@record
class Interval:
    """A half-open period ``[start, end)``; ``end=None`` is open-ended.

    >>> i = Interval(date(2025, 3, 13))
    >>> i.contains(date(2025, 3, 12)), i.contains(date(2025, 3, 13))
    (False, True)
    >>> Interval(date(2000, 1, 1), date(2000, 1, 2)).contains(date(2000, 1, 2))
    False
    """

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"empty interval: {self.start} .. {self.end}")

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def __str__(self) -> str:
        return f"[{self.start.isoformat()}, {self.end.isoformat() if self.end else '…'})"


def find(intervals: tuple[Interval, ...], day: date) -> Interval | None:
    """The interval of ``intervals`` that contains ``day``, if any."""
    for interval in intervals:
        if interval.contains(day):
            return interval
    return None


def parse(text: str) -> date:
    """Parse an ISO date (YYYY-MM-DD); raise ValueError with a hint otherwise."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2025-06-01") from None


def subtract(intervals: tuple[Interval, ...], removed: tuple[Interval, ...]) -> tuple[Interval, ...]:
    """The days of ``intervals`` outside every interval of ``removed`` (all half-open).

    >>> a = (Interval(date(2000, 1, 1), date(2000, 1, 10)),)
    >>> [str(i) for i in subtract(a, (Interval(date(2000, 1, 3), date(2000, 1, 5)),))]
    ['[2000-01-01, 2000-01-03)', '[2000-01-05, 2000-01-10)']
    """
    out: list[Interval] = []
    for interval in intervals:
        pieces = [(interval.start, interval.end)]
        for cut in removed:
            nxt = []
            for start, end in pieces:
                if (end is not None and end <= cut.start) or (cut.end is not None and cut.end <= start):
                    nxt.append((start, end))
                    continue
                if start < cut.start:
                    nxt.append((start, cut.start))
                if cut.end is not None and (end is None or cut.end < end):
                    nxt.append((cut.end, end))
            pieces = nxt
        out += [Interval(s, e) for s, e in pieces]
    return tuple(out)
