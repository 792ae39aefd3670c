"""Every commitment a state gave and received over time.

For each instrument the state is a party to, or is named as beneficiary of,
:func:`timeline` lists dated rows of three kinds:

``instrument``
    the instrument's lifecycle: signed (a doctrine adopted, a statement
    made), in force, amended, terminated;
``gave``
    the state's own party events: signed, ratified, acceded, joined,
    declared, withdrawal-notified, withdrew, suspended, resumed,
    obligations-suspended/-restored, participation-frozen;
``received``
    events of other parties that change what the state is owed: another
    party bound toward the state starts to be bound, gives notice, leaves,
    is suspended or resumes, freezes its participation, or suspends (or
    restores) its obligations toward this state.  Only events on a day the
    state is itself a party (not suspended, as the engine's ``membership_step``
    decides) are listed; for a state that is only a named beneficiary, days
    the instrument applies.  Other parties' events of the same kind on the
    same day are grouped into one row;
``practice``
    the record of practice (``corpus.practice``) the state took part in or was
    to be helped by: an invocation, a request, a decision, a deployment or a
    statement that an action was taken under a provision (``event`` is the
    record's kind, ``who`` the states that acted, ``toward`` the state to be
    helped, ``note`` the outcome).

Each row says what the event changes (``note``, in casus's words) and keeps
the treaty file's own note (``detail``) and sources.  The timeline also has
one :class:`Lane` per instrument: the periods the state was bound (or, as a
named beneficiary only, owed), its suspensions, and obligations suspended
toward or by it, for drawing.  A lane says in words what its periods are
(``period``): only a treaty binds; a statement or a doctrine declares an
intention.  Where the day the instrument began to apply is not confirmed
(an entry into force recorded with ``confidence: unverified``, often the
earliest day it could apply, the engine then asking a fact), the periods
that rest on it are listed as ``unconfirmed`` and the rows say so.

A window ``[start, end)`` keeps rows dated in it and clips the lanes to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casus.engine.evaluate import in_force_on, party_on
from casus.language.parties import bound_parties, serves_aggressor
from casus.errors import InputError
from casus.model.dates import Interval
from casus.model.instrument import Corpus, Instrument, LifecycleEvent, Party, PartyEvent, Source
from casus.model.vocabulary import IN_FORCE_KINDS, start_event

GAVE, RECEIVED, INSTRUMENT, PRACTICE = "gave", "received", "instrument", "practice"
DIRECTIONS = (INSTRUMENT, GAVE, RECEIVED, PRACTICE)

#: Party events that make a state bound, by instrument kind (as the loader reads them).
BINDING_EVENTS = {"treaty": ("ratified", "acceded", "joined"),
                  "doctrine": ("signed", "joined", "ratified"),
                  "statement": ("declared",),
                  "executive-agreement": ("signed", "ratified", "acceded", "joined"),
                  "declaration": ("signed", "ratified", "joined"),
                  "unilateral-act": ("signed", "declared")}

#: Events of other parties that change what a state receives.
_RECEIVED_EVENTS = ("withdrawal-notified", "withdrew", "suspended", "resumed", "participation-frozen",
                    "obligations-suspended", "obligations-restored")


@dataclass(frozen=True, slots=True)
class Row:
    """One dated event of a state's timeline: what it gave or received, under which instrument, with sources."""

    date: dt.date
    instrument: str
    instrument_title: str
    instrument_kind: str
    event: str
    who: tuple[str, ...]  # the states whose event it is; empty for the instrument's lifecycle
    direction: str  # gave, received or instrument
    sources: tuple[Source, ...]
    note: str  # what the event changes, in casus's words
    detail: str | None = None  # the treaty file's own note
    toward: str | None = None  # for obligations suspended or restored toward a state

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "instrument": self.instrument,
                "instrument_title": self.instrument_title, "instrument_kind": self.instrument_kind,
                "event": self.event, "who": list(self.who), "direction": self.direction,
                "toward": self.toward, "note": self.note, "detail": self.detail,
                "sources": [{"key": s.key, "title": s.title, "url": s.url} for s in self.sources]}


@dataclass(frozen=True, slots=True)
class Lane:
    """One instrument's periods for the state, clipped to the window."""

    instrument: str
    instrument_title: str
    instrument_kind: str
    role: str  # "party", or "beneficiary" (named beneficiary only)
    bound: tuple[Interval, ...]  # bound (a party) or owed (a named beneficiary only)
    suspended: tuple[Interval, ...] = ()  # the state's own participation suspended
    limited: tuple[tuple[str, Interval], ...] = ()  # (label, period) obligations suspended toward/by it
    caveats: tuple[tuple[Interval, str], ...] = ()  # e.g. participation said to be frozen
    unconfirmed: tuple[tuple[Interval, str], ...] = ()  # parts of ``bound`` whose start is not confirmed

    @property
    def period(self) -> str:
        """What the lane's periods are, in words: bound (a treaty), owed, or a declared intention."""
        return period_words(self.instrument_kind, self.role)

    def to_dict(self) -> dict:
        return {"instrument": self.instrument, "instrument_title": self.instrument_title,
                "instrument_kind": self.instrument_kind, "role": self.role,
                "bound": [_span(i) for i in self.bound], "suspended": [_span(i) for i in self.suspended],
                "limited": [{"what": label, **_span(i)} for label, i in self.limited],
                "caveats": [{"note": text, **_span(i)} for i, text in self.caveats],
                "period": self.period,
                "unconfirmed": [{"note": text, **_span(i)} for i, text in self.unconfirmed]}


def period_words(kind: str, role: str) -> str:
    """What a lane's periods mean for an instrument of ``kind`` and a state in ``role`` (party or beneficiary).

    Only a treaty makes a state bound; a statement or a doctrine declares an
    intention, and the other kinds state commitments that are not treaty
    obligations.
    """
    if kind == "treaty":
        return "bound" if role == "party" else "owed"
    if kind == "statement":
        return ("declared an intention" if role == "party" else "named in a declared intention") + \
            " (a statement binds no one)"
    if kind == "doctrine":
        return ("committed by the doctrine" if role == "party" else "named in the doctrine") + \
            " (a declared intention, not a treaty obligation)"
    words = kind.replace("-", " ")  # executive agreement, declaration, unilateral act
    return (f"committed by the {words}" if role == "party" else f"named in the {words}") + \
        " (not a treaty obligation)"


@dataclass(frozen=True, slots=True)
class Timeline:
    """Every commitment a state gave and received, by date, in the window [start, end) (``casus.timeline/1``)."""

    state: str
    name: str
    start: dt.date | None  # the window [start, end); None: open
    end: dt.date | None
    rows: tuple[Row, ...]
    lanes: tuple[Lane, ...]

    def to_dict(self) -> dict:
        return {"format": "casus.timeline/1", "state": self.state, "name": self.name,
                "from": _iso(self.start), "to": _iso(self.end),
                "rows": [r.to_dict() for r in self.rows], "lanes": [lane.to_dict() for lane in self.lanes]}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _span(interval: Interval) -> dict:
    return {"from": interval.start.isoformat(), "until": _iso(interval.end)}


# -- the state ---------------------------------------------------------------------------


def state_name(code: str, gazetteer=None) -> str:
    """The English name of a state, or the code itself when there is none (e.g. ``COW-NNN``)."""
    from casus.geo import Gazetteer, GeoError

    if code.startswith("COW-"):
        return code
    gazetteer = gazetteer or Gazetteer.default()
    try:
        return gazetteer.place(code).name
    except GeoError:
        return code


# -- who is bound toward whom ------------------------------------------------------------


def _bound_toward(inst: Instrument, other: str, state: str) -> bool:
    """Whether some provision (not one bound to or owed to aggressors) binds ``other`` toward ``state``."""
    for prov in inst.provisions:
        if serves_aggressor(prov):
            continue
        if prov.beneficiary == "target":
            if state not in inst.parties:
                continue
        elif prov.beneficiary != state:
            continue
        if other != state and other in bound_parties(prov, inst.parties, state):
            return True
    return False


def _applies(inst: Instrument, state: str, day: dt.date) -> bool:
    """The state can receive on ``day``: a party not suspended, or (named beneficiary) the instrument applies."""
    if state in inst.parties:
        return party_on(inst, state, day)
    return in_force_on(inst, day)


def _effective(inst: Instrument, day: dt.date) -> dt.date:
    """The day a binding event takes effect: a treaty binds from entry into force at the earliest."""
    eif = inst.entry_into_force()
    if inst.kind in IN_FORCE_KINDS and eif is not None and day < eif:
        return eif
    return day


def _opens(inst: Instrument, party: Party, event: PartyEvent) -> dt.date | None:
    """The first day ``event`` made ``party`` bound, or None if it opened no period."""
    if event.event not in BINDING_EVENTS.get(inst.kind, ()):
        return None
    start = _effective(inst, event.date)
    for interval in party.bound:
        if interval.start == start:
            earlier = [e for e in party.events
                       if e.event in BINDING_EVENTS[inst.kind] and e.date < event.date
                       and _effective(inst, e.date) == start]
            return None if earlier else start
    return None


# -- notes -------------------------------------------------------------------------------


def _unconfirmed(inst: Instrument) -> list[Interval]:
    """The periods in force whose first day is not confirmed: the start event is marked ``unverified``.

    The start event is the entry into force (a treaty, an executive
    agreement) or the signature (the kinds that apply from it).  Such a day
    is often only the earliest day the instrument could apply, and the
    engine then asks a fact (e.g. whether the agreement is in force).
    """
    return [i for i in inst.in_force
            if any(e.date == i.start and e.confidence == "unverified" and e.event == start_event(inst.kind)
                   for e in inst.lifecycle)]


def _unconfirmed_words(inst: Instrument) -> str:
    return "the entry into force is not confirmed" if start_event(inst.kind) == "in-force" else \
        "the day it began to apply is not confirmed"


def _if_unconfirmed(inst: Instrument, day: dt.date, note: str) -> str:
    """``note``, saying so when ``day`` falls in a period whose start is not confirmed."""
    if any(i.contains(day) for i in _unconfirmed(inst)):
        return f"{note}; {_unconfirmed_words(inst)}"
    return note


def _lifecycle_note(inst: Instrument, event: LifecycleEvent) -> str:
    note = _lifecycle_words(inst, event.event)
    if event.event == start_event(inst.kind) and event.confidence == "unverified" and \
            any(i.start == event.date for i in inst.in_force):
        return f"{note} as recorded; {_unconfirmed_words(inst)} (see the file's note)"
    return note


def _lifecycle_words(inst: Instrument, event: str) -> str:
    if event == "signed":
        return {"doctrine": "adopted; applies from this day",
                "statement": "made; applies from this day"}.get(inst.kind, "signed; binds no one by itself")
    return {"in-force": "in force from this day",
            "amended": "amended (informational)",
            "terminated": "no longer in force from this day"}.get(event, event)


def _own_note(inst: Instrument, party: Party, event: PartyEvent) -> str:
    kind = event.event
    if kind in BINDING_EVENTS.get(inst.kind, ()):
        start = _opens(inst, party, event)
        if start is None:
            current = next((i for i in party.bound if i.contains(event.date)), None)
            if current is not None:
                return f"already bound since {current.start.isoformat()}"
            return f"not bound: the {inst.kind} is not in force"
        if start > event.date:
            return f"bound from {start.isoformat()}, when the {inst.kind} entered into force"
        if inst.kind == "statement":
            return "declared: the official spoke for this state (an intention, not a treaty obligation)"
        if inst.kind == "doctrine":
            return "committed by the doctrine from this day (not a treaty obligation)"
        if inst.kind != "treaty":
            return f"committed by the {inst.kind.replace('-', ' ')} from this day (not a treaty obligation)"
        return "bound from this day"
    toward = event.toward or "?"
    return {
        "signed": "signature; binds to nothing by itself",
        "withdrawal-notified": "notice of withdrawal; still bound until the withdrawal takes effect",
        "withdrew": "no longer a party from this day",
        "suspended": "participation suspended: neither bound nor owed anything",
        "resumed": "participation resumed",
        "obligations-suspended": f"its obligations toward {toward} suspended",
        "obligations-restored": f"its obligations toward {toward} restored",
        "participation-frozen": "participation said to be frozen; no legal effect recorded (a caveat)",
    }.get(kind, kind)


def _received_note(inst: Instrument, event: str, state: str, binding: bool) -> str:
    if binding:
        if inst.kind == "statement":
            return f"declared an intention toward {state} (not a treaty obligation)"
        if inst.kind == "doctrine":
            return f"committed toward {state} by the doctrine from this day (not a treaty obligation)"
        if inst.kind != "treaty":
            return (f"committed toward {state} by the {inst.kind.replace('-', ' ')} from this day "
                    f"(not a treaty obligation)")
        return f"bound toward {state} from this day"
    return {
        "withdrawal-notified": f"notice of withdrawal; bound toward {state} until it takes effect",
        "withdrew": f"no longer bound toward {state}",
        "suspended": f"participation suspended: not bound toward {state}",
        "resumed": f"participation resumed: bound toward {state} again",
        "obligations-suspended": f"obligations toward {state} suspended",
        "obligations-restored": f"obligations toward {state} restored",
        "participation-frozen": "participation said to be frozen; no legal effect recorded (a caveat)",
    }.get(event, event)


def _text(note: str | None) -> str | None:
    return " ".join(note.split()) if note else None


# -- rows --------------------------------------------------------------------------------


def _instrument_rows(inst: Instrument, state: str) -> list[Row]:
    rows = []
    for e in inst.lifecycle:
        detail = _text(e.note)
        if e.place:
            detail = f"At {e.place}." + (f" {detail}" if detail else "")
        rows.append(Row(e.date, inst.id, inst.short_title, inst.kind, e.event, (), INSTRUMENT, e.sources,
                        _lifecycle_note(inst, e), detail))
    party = inst.parties.get(state)
    if party is not None:
        for e in party.events:
            note = _own_note(inst, party, e)
            start = _opens(inst, party, e)
            if start is not None:  # a binding event: bound from a day whose footing may not be confirmed
                note = _if_unconfirmed(inst, start, note)
            rows.append(Row(e.date, inst.id, inst.short_title, inst.kind, e.event, (state,), GAVE, e.sources,
                            note, _text(e.note), e.toward))
    groups: dict[tuple, list] = {}
    for other, other_party in inst.parties.items():
        if other == state or not _bound_toward(inst, other, state):
            continue
        for e in other_party.events:
            opened = _opens(inst, other_party, e)  # a binding event counts from the day it takes effect
            if opened is None:
                if e.event not in _RECEIVED_EVENTS:
                    continue
                if e.event.startswith("obligations-") and e.toward != state:
                    continue
            day = opened or e.date
            if not _applies(inst, state, day):
                continue
            groups.setdefault((day, e.event, opened is not None, e.toward), []).append((other, e))
    for (day, event, binding, toward), items in groups.items():
        sources = tuple({s.key: s for _, e in items for s in e.sources}.values())
        notes = [(who, _text(e.note)) for who, e in items if e.note]
        detail = notes[0][1] if len(items) == 1 and notes else \
            " ".join(f"{who}: {text}" for who, text in notes) or None
        note = _received_note(inst, event, state, binding)
        dates = sorted({e.date for _, e in items if e.date != day})
        if binding and dates:
            note += (f", when the {inst.kind} entered into force ({event} "
                     f"{', '.join(d.isoformat() for d in dates)})")
        if binding:
            note = _if_unconfirmed(inst, day, note)
        rows.append(Row(day, inst.id, inst.short_title, inst.kind, event, tuple(w for w, _ in items), RECEIVED,
                        sources, note, detail, toward))
    return rows


# -- lanes -------------------------------------------------------------------------------


def _clip(interval: Interval, start: dt.date | None, end: dt.date | None) -> Interval | None:
    lo = max(interval.start, start) if start else interval.start
    if interval.end is None:
        hi = end
    else:
        hi = min(interval.end, end) if end else interval.end
    if hi is not None and hi <= lo:
        return None
    return Interval(lo, hi)


def _clip_all(intervals, start, end) -> tuple[Interval, ...]:
    return tuple(c for i in intervals if (c := _clip(i, start, end)) is not None)


def _merge(intervals: list[Interval]) -> list[Interval]:
    out: list[Interval] = []
    for i in sorted(intervals, key=lambda i: i.start):
        if out and (out[-1].end is None or i.start <= out[-1].end):
            last = out[-1]
            end = None if (last.end is None or i.end is None) else max(last.end, i.end)
            out[-1] = Interval(last.start, end)
        else:
            out.append(i)
    return out


def _lane(inst: Instrument, state: str, start, end) -> Lane:
    party = inst.parties.get(state)
    if party is None:  # a named beneficiary only: owed while some party bound toward it is bound
        owed = _merge([i for other, p in inst.parties.items() if _bound_toward(inst, other, state)
                       for i in p.bound])
        owed = [c for i in owed for f in inst.in_force if (c := _intersect(i, f)) is not None]
        return Lane(inst.id, inst.short_title, inst.kind, "beneficiary", _clip_all(owed, start, end),
                    unconfirmed=_unconfirmed_spans(inst, owed, start, end))
    bound = [c for i in party.bound for f in inst.in_force if (c := _intersect(i, f)) is not None] \
        if inst.in_force else list(party.bound)
    limited = [(f"own obligations toward {other} suspended", i) for other, i in party.suspended_toward]
    for other, p in inst.parties.items():
        if other != state:
            limited += [(f"{other}'s obligations toward {state} suspended", i)
                        for toward, i in p.suspended_toward if toward == state]
    return Lane(inst.id, inst.short_title, inst.kind, "party", _clip_all(bound, start, end),
                _clip_all(party.suspended, start, end),
                tuple((label, c) for label, i in limited if (c := _clip(i, start, end)) is not None),
                tuple((c, text) for i, text in party.caveats if (c := _clip(i, start, end)) is not None),
                _unconfirmed_spans(inst, bound, start, end))


def _unconfirmed_spans(inst: Instrument, periods, start, end) -> tuple[tuple[Interval, str], ...]:
    """The parts of ``periods`` that rest on a start not confirmed, each with a note, clipped to the window."""
    spans = []
    for f in _unconfirmed(inst):
        note = (f"{_unconfirmed_words(inst)}: {f.start.isoformat()} is the day recorded, marked unverified "
                f"(see the file's note)")
        spans += [(c, note) for i in periods if (c := _intersect(i, f)) is not None
                  and (c := _clip(c, start, end)) is not None]
    return tuple(spans)


def _intersect(a: Interval, b: Interval) -> Interval | None:
    return _clip(a, b.start, b.end)


# -- the timeline ------------------------------------------------------------------------


def _practice_row(inst: Instrument, record) -> Row:
    from casus.model.citation import article

    prov = next(p for p in inst.provisions if p.id == record.provision)
    cite = article(prov.article) + ("" if record.provision_confirmed else " (article not confirmed)")
    by = record.actors()
    detail = " ".join((record.outcome,) + record.notes)
    return Row(record.date, inst.id, inst.short_title, inst.kind, record.kind, record.who, PRACTICE,
               record.sources, f"in practice: {record.kind.replace('-', ' ')} under {cite} ({by})", detail,
               record.toward)


def timeline(corpus: Corpus, state: str, start: dt.date | None = None, end: dt.date | None = None,
             name: str | None = None) -> Timeline:
    """The commitments ``state`` (a code, see :func:`resolve_state`) gave and received in ``[start, end)``."""
    if start and end and end <= start:
        raise InputError(f"the window [{start.isoformat()}, {end.isoformat()}) is empty", field="end",
                         hint="the end is the first day left out; give a later one")
    order = {inst.id: n for n, inst in enumerate(corpus.instruments)}
    rows: list[Row] = []
    lanes: list[Lane] = []
    for inst in corpus.by_state.get(state, ()):
        inst_rows = [r for r in _instrument_rows(inst, state)
                     if (start is None or r.date >= start) and (end is None or r.date < end)]
        lane = _lane(inst, state, start, end)
        if inst_rows or lane.bound:
            rows += inst_rows
            lanes.append(lane)
    listed = {lane.instrument for lane in lanes}
    for record in corpus.practice:
        if state not in record.states() or record.instrument not in order:
            continue
        if (start is not None and record.date < start) or (end is not None and record.date >= end):
            continue
        rows.append(_practice_row(corpus.get(record.instrument), record))
        if record.instrument not in listed:  # a record of an instrument with no lane in the window
            listed.add(record.instrument)
            lanes.append(_lane(corpus.get(record.instrument), state, start, end))
    rank = {d: n for n, d in enumerate(DIRECTIONS)}
    rows.sort(key=lambda r: (r.date, order[r.instrument], rank[r.direction]))
    return Timeline(state, name or state_name(state), start, end, tuple(rows), tuple(lanes))
