"""Territorial questions on a date: is a place a state's territory, does a state administer it?

Both answer ``(True | False | None, one-line explanation)``.  ``None`` is
unsettled: disputed, or a period the sources do not settle, or a date before
the curated history starts.  The explanation is one clause starting with the
place code, with no final period.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from casus.geo.place import Place, fmt


def _when(on: dt.date | None) -> str:
    return f" on {on}" if on is not None else ""


@functools.lru_cache(maxsize=1024)
def _first_sentence(note: str) -> str:
    return re.split(r"\.\s+(?=[A-Z])", note, maxsplit=1)[0].rstrip(".")


def _dated(p: Place, when: str) -> str:
    """`` on DAY (why)`` for a curated period, `` on DAY`` otherwise."""
    if p.period is not None and p.period.note:
        return f"{when} ({_first_sentence(p.period.note)})"
    return when


def _unsettled_why(p: Place) -> str:
    if "all" in p.unsettled:
        return f"the gazetteer's dated geography starts on {p.today._history_from}"
    note = p.period.note if p.period is not None and p.period.note else "the sources do not settle it"
    return _first_sentence(note)


def territory_of(p: Place, s: str, on: dt.date | None = None) -> tuple[bool | None, str]:
    """Whether ``p`` (as it stood ``on``) is territory of the state ``s``.

    True: ``s`` is the place's state, administers it and nobody else claims
    it.  None: the place is disputed or unsettled on that date and ``s`` is
    involved (or nothing is curated for the date).  False otherwise,
    including every sea area.
    """
    v = p.on(on)
    label = f"{v.code} ({v.name})"
    when = _when(on)
    if v.kind == "sea":
        return False, f"{label} is a sea area, not the territory of any state"
    if s in v._territory:
        value = v._territory[s]
        why = v.note or "curated exception"
        return value, f"{label}: {fmt(value)} as territory of {s} ({why.rstrip('.')})"
    if v.unsettled:
        if "all" in v.unsettled or s in v.involved():
            return None, (f"whose territory {label} was{when} is unsettled "
                          f"({v.status()}; {_unsettled_why(v)})")
        return False, (f"{label} is not {s}'s territory{when} ({v.status()}; {s} is not among the "
                       f"states involved: {', '.join(sorted(v.involved()))})")
    involved = {v.state, v.administered_by, *v.claimants} - {None}
    dated = _dated(v, when)
    if not v.disputed:
        if s == v.state:
            if v.kind == "territory" and not v.tag("metropolitan"):
                return True, f"{label} is undisputed territory of {s}{dated} (a dependent territory, not metropolitan)"
            return True, f"{label} is undisputed territory of {s}{dated}"
        owner = f"territory of {v.state}" if v.state else "not the territory of any state"
        return False, f"{label} is {owner}{dated}, not of {s}"
    if s in involved:
        if not v.claimants and v.state and v.administered_by and v.period is not None:
            # e.g. Okinawa before 1972: no rival claim, but held by one state and administered by another
            return None, (f"{label} is listed under {v.state} and administered by {v.administered_by}"
                          f"{_dated(v, when)}, so whether it is {s}'s territory is unsettled")
        return None, f"{label} is disputed{when} ({v.status()}), so whether it is {s}'s territory is unsettled"
    return False, f"{label} is not {s}'s territory{when} ({v.status()}; {s} neither administers nor claims it)"


def administers(p: Place, s: str, on: dt.date | None = None) -> tuple[bool | None, str]:
    """Whether ``s`` administers ``p`` on ``on`` (e.g. US-Japan Art. V), with an explanation.

    None when administration is divided, held by authorities that are not an
    ISO 3166-1 state, or unsettled on that date, and ``s`` is involved.
    """
    v = p.on(on)
    label = f"{v.code} ({v.name})"
    when = _when(on)
    if v.kind == "sea":
        return False, f"{label} is a sea area; no state administers it"
    if "administered_by" in v.unsettled:
        if "all" in v.unsettled or s in v.involved():
            return None, f"who administered {label}{when} is unsettled ({_unsettled_why(v)})"
        return False, f"{label} is not administered by {s}{when}"
    dated = _dated(v, when)
    if v.administered_by == s:
        claimed = f" (claimed by {', '.join(v.claimants)})" if v.claimants else ""
        return True, f"{label} is administered by {s}{dated}{claimed}"
    if v.administered_by is None:
        involved = {v.state, *v.claimants} - {None}
        if s in involved:
            return None, (f"administration of {label}{when} is divided or held by authorities "
                          "that are not an ISO 3166-1 state")
        return False, f"{label} is not administered by {s}{when}"
    return False, f"{label} is administered by {v.administered_by}{dated}, not {s}"
