"""Compare instruments side by side: what each one's provisions commit to.

Every cell of the matrix is derived from the encoded provisions, scopes,
party events and term of an instrument; nothing is written per instrument,
so the matrix follows the treaty files when they change.

The trigger rows come from a static reading of each provision's ``when``:
the event (and, for weapons of mass destruction, the weapon) is fixed and
every other leaf is left unknown.  The condition is then evaluated with the
treaty language's three-valued :func:`~casus.language.operators.static`; a provision
covers the trigger unless the result is definitely false.  What is left
undecided (a fact, a target, who attacks) is kept as a *residual* condition
and shown as the qualifier of the entry ("if state-of-war").

Only provisions that bind someone to act for the party attacked count as
responding; pledges that bind the aggressors themselves (non-aggression) or
that serve an aggressor (offensive pledges) appear under "means" only.

Contested provisions are compared as encoded (their default reading) unless
a reading is named; the last row lists each provision's readings and the rows
that would read differently under each.

This module reads the model; it prints nothing.  See ``docs/compare.md``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from casus.language.operators import Fixed, describe as words, leaves as _leaves, static as partial
from casus.language.operators import to_data as condition_dict  # noqa: F401 (part of this module's API)
from casus.language.parties import describe_beneficiary, describe_bound, serves_aggressor
from casus.analysis import compare_words
from casus.model import citation
from casus.errors import InputError, NotFound
from casus.suggest import did_you_mean, hint
from casus.model.instrument import (
    Condition,
    Corpus,
    Instrument,
    PlacePredicate,
    Provision,
    Scope,
)
from casus.model.vocabulary import DUTIES, EVENTS

FORMAT = "casus.compare/1"

WMD = ("nuclear", "chemical", "biological")
WMD_EVENT = "armed-attack"
ASSISTANCE_DUTIES = ("military-assistance", "assistance", "countermeasures", "nuclear-response",
                     "offensive-support")
WITHDRAWAL_EVENTS = ("withdrawal-notified", "withdrew", "suspended", "resumed", "obligations-suspended",
                     "obligations-restored", "participation-frozen")
_JOINING = ("ratified", "acceded", "joined")

TRIGGER_LABELS = {
    "armed-attack": "armed attack",
    "threat-of-attack": "threat of attack",
    "economic-coercion": "economic coercion",
    "subversion": "subversion",
    "terrorist-attack": "terrorism",
}


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Cell:
    """One instrument's entry for one dimension.

    ``lines`` is the display text, one entry a line; ``articles`` and
    ``provisions`` name what the cell derives from; ``items`` holds the same
    entries as structured data; ``empty`` is true when nothing is encoded.
    """

    lines: tuple[str, ...]
    articles: tuple[str, ...] = ()
    provisions: tuple[str, ...] = ()
    items: tuple[dict, ...] = ()
    empty: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def to_dict(self) -> dict:
        return {"text": self.text, "lines": list(self.lines), "empty": self.empty,
                "articles": list(self.articles), "provisions": list(self.provisions),
                "items": [dict(item) for item in self.items]}


@dataclass(frozen=True)
class Row:
    """A dimension: its key, label, how it is derived, and one cell per instrument."""

    key: str
    label: str
    description: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Column:
    """One instrument of a comparison, as its column header describes it."""

    id: str
    kind: str
    title: str
    short_title: str
    speaker: str | None
    signed: str | None
    in_force: str | None

    @property
    def header(self) -> str:
        return f"{self.id} ({self.kind})"

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "title": self.title, "short_title": self.short_title,
                "speaker": self.speaker, "signed": self.signed, "in_force": self.in_force}


@dataclass(frozen=True)
class Comparison:
    """Instruments side by side: one column per instrument, one row per dimension (``casus.compare/1``)."""

    columns: tuple[Column, ...]
    dimensions: tuple[Row, ...]
    reading: str | None = None  # the reading of contested provisions applied, if any

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.columns)

    def row(self, key: str) -> Row:
        for row in self.dimensions:
            if row.key == key:
                return row
        raise KeyError(key)

    def cell(self, key: str, instrument_id: str) -> Cell:
        return self.row(key).cells[self.ids.index(instrument_id)]

    def header(self) -> list[str]:
        return ["dimension"] + [c.header for c in self.columns]

    def rows(self) -> list[list[str]]:
        """The matrix as plain text: one list per dimension, label first, then one text per instrument."""
        return [[row.label] + [cell.text for cell in row.cells] for row in self.dimensions]

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "reading": self.reading,
            "instruments": [c.to_dict() for c in self.columns],
            "rows": [{"key": row.key, "label": row.label, "description": row.description,
                      "cells": {col.id: cell.to_dict() for col, cell in zip(self.columns, row.cells)}}
                     for row in self.dimensions],
        }


# --------------------------------------------------------------------------- entry point


def compare(corpus: Corpus, ids, reading: str | None = None) -> Comparison:
    """Compare the instruments ``ids`` (at least two, each once) of ``corpus``.

    ``reading`` names a reading of contested provisions (as ``casus ask
    --reading``): provisions that have it are compared as read under it.
    """
    ids = list(ids)
    known = [i.id for i in corpus.instruments]
    instruments: list[Instrument] = []
    for instrument_id in ids:
        inst = corpus.get(instrument_id)
        if inst is None:
            raise NotFound(f"no instrument '{instrument_id}'", field="ids",
                           hint=hint(instrument_id, known, "see casus treaties for the ids"))
        if any(other.id == inst.id for other in instruments):
            raise InputError(f"'{instrument_id}' is given twice", field="ids", hint="give each instrument once")
        instruments.append(inst)
    if len(instruments) < 2:
        given = f"only '{ids[0]}' was given" if ids else "none was given"
        raise InputError(f"compare needs at least two instrument ids ({given})", field="ids",
                         hint="e.g. north-atlantic-treaty-1949 and anzus-1951 (see casus treaties)")
    encoded = list(instruments)
    if reading is not None:
        _check_reading(reading, encoded)
        instruments = [_read(inst, reading) for inst in instruments]
    columns = tuple(_column(i) for i in instruments)
    rows = [Row(key, label, description, tuple(make(i) for i in instruments))
            for key, label, description, make in _dimensions()]
    rows.append(Row("practice", "invoked in practice",
                    "the records of practice of each instrument's provisions (corpus/practice/): invocations, "
                    "requests, decisions, deployments and statements that an action was taken under a provision, "
                    "by date", tuple(_practice_cell(i, corpus.practice) for i in encoded)))
    rows.append(Row("readings", "contested readings",
                    "provisions that carry alternative readings, who holds each, and which rows would "
                    "differ under it; the other rows use each provision as encoded (its default reading)"
                    + (f", except where the reading '{reading}' applies" if reading else ""),
                    tuple(_readings_cell(i, reading) for i in encoded)))
    return Comparison(columns, tuple(rows), reading)


def _check_reading(reading: str, instruments: list[Instrument]) -> None:
    """A reading applies only if one of the instruments compared has it; the hint lists those they have."""
    names = sorted({r.name for inst in instruments for p in inst.provisions for r in p.readings})
    if reading in names:
        return
    if not names:
        raise InputError(f"none of the instruments compared has the reading '{reading}'", field="reading",
                         hint="none of them has readings of contested provisions; leave the reading out")
    listed = "their readings: " + ", ".join(names)
    near = did_you_mean(reading, names)
    raise InputError(f"none of the instruments compared has the reading '{reading}'", field="reading",
                     hint=f"{near} ({listed})" if near else listed)


def _read(inst: Instrument, reading: str) -> Instrument:
    if not any(p.readings for p in inst.provisions):
        return inst
    return dataclasses.replace(inst, provisions=tuple(p.read_as(reading) for p in inst.provisions))


def _dimensions() -> list[tuple[str, str, str, Callable[[Instrument], Cell]]]:
    """Every row but the readings row: key, label, how it is derived, and how to make one cell."""
    rows: list[tuple[str, str, str, Callable[[Instrument], Cell]]] = []
    for event in EVENTS:
        rows.append((f"trigger:{event}", TRIGGER_LABELS.get(event, event.replace("-", " ")),
                     (f"provisions whose condition is not false when the event is {event} "
                     "(every other condition unknown)"),
                     lambda inst, event=event: _trigger_cell(inst, event)))
    rows += [
        ("trigger:wmd", "WMD attack",
         (f"provisions whose condition is not false for an {WMD_EVENT} with a nuclear, chemical or biological "
         "weapon; split into those that name such weapons (or the duty nuclear-response) and those that "
         "cover any armed attack"), _wmd_cell),
        ("discretion", "automatic vs discretionary",
         "each assistance-type provision's discretion code, its discretionary flag and the wording quoted",
         _discretion_cell),
        ("means", "means", "the duties the provisions use, with their articles", _means_cell),
        ("scope", "geographic scope",
         "the scopes the provisions' conditions use, and the responding provisions with none", _scope_cell),
        ("procedure", "procedure before help", "the procedure steps listed with each provision",
         _procedure_cell),
        ("decision", "decision that can withhold help",
         ("provisions whose help needs a decision by a named body or leaders who can withhold it, and "
          "whether the text or documented practice requires it"), _decision_cell),
        ("non-state", "non-state aggressors",
         ("responding provisions whose condition is not false when the aggressor is a non-state group, "
         "for any event"), _non_state_cell),
        ("basing", "basing", "provisions with the duty basing: who is bound, for whom", _basing_cell),
        ("nuclear", "nuclear",
         ("provisions with the duty nuclear-response or a condition naming nuclear, chemical or biological "
         "weapons"), _nuclear_cell),
        ("term", "term and withdrawal",
         ("dates of signature and entry into force, the term as encoded, and the recorded withdrawals, "
         "notices, suspensions and freezes"), _term_cell),
    ]
    return rows


def _column(inst: Instrument) -> Column:
    start = inst.entry_into_force()
    signed = inst.signature()
    return Column(inst.id, inst.kind, inst.title, inst.short_title, inst.speaker,
                  signed.isoformat() if signed else None, start.isoformat() if start else None)


# --------------------------------------------------------------------------- static evaluation


def _without_scope(residual: Condition | None) -> Condition | None:
    """Drop scope tests that are conjuncts of the whole condition (the scope row shows them)."""
    if residual is None or residual.op == "scope":
        return None
    if residual.op != "all":
        return residual
    rest = tuple(c for c in residual.children if c.op != "scope")
    if not rest:
        return None
    return rest[0] if len(rest) == 1 else Condition("all", children=rest)


def names_wmd(provision: Provision) -> bool:
    """The provision names weapons of mass destruction: a WMD weapon test, or the duty nuclear-response."""
    if provision.duty == "nuclear-response":
        return True
    return any(leaf.op == "weapon" and positive and set(leaf.arg) & set(WMD)
               for leaf, positive in _leaves(provision.when))


def responds(provision: Provision) -> bool:
    """The provision binds someone to act for the party attacked (not the aggressor's own pledge)."""
    return not serves_aggressor(provision)


# --------------------------------------------------------------------------- wording


cite = citation.article
_pcite = citation.provision


_bound = describe_bound
_beneficiary = describe_beneficiary


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _item(p: Provision, **extra) -> dict:
    base = {"provision": p.id, "article": p.article, "article_confirmed": p.article_confirmed,
            "cite": _pcite(p), "title": p.title, "duty": p.duty, "modality": p.modality,
            "confidence": p.confidence}
    base.update(extra)
    return base


def _cell(row: str, items: list[dict], articles: list[str] | None = None) -> Cell:
    """A cell of ``row`` from its structured items; its text is worded by :mod:`casus.analysis.compare_words`."""
    lines = compare_words.lines(row, items)
    if not lines:
        return Cell((compare_words.EMPTY[row],), empty=True)
    if articles is None:
        articles = [i["cite"] for i in items if i.get("cite")]
    provisions = [i["provision"] for i in items if i.get("provision")]
    return Cell(tuple(lines), tuple(dict.fromkeys(articles)), tuple(dict.fromkeys(provisions)), tuple(items))


# --------------------------------------------------------------------------- rows


def _trigger_cell(inst: Instrument, event: str) -> Cell:
    items = []
    for p in inst.provisions:
        if not responds(p):
            continue
        value, residual = partial(p.when, Fixed(event=event))
        if value is False:
            continue
        shown = _without_scope(residual)
        qualifier = words(shown) if shown is not None else None
        items.append(_item(p, definite=value is True, qualifier=qualifier,
                           residual=condition_dict(residual)))
    return _cell("trigger", items)


def _wmd_cell(inst: Instrument) -> Cell:
    items = []
    for p in inst.provisions:
        if not responds(p):
            continue
        results = {w: partial(p.when, Fixed(event=WMD_EVENT, weapon=w)) for w in WMD}
        covered = [w for w in WMD if results[w][0] is not False]
        if not covered:
            continue
        value, residual = results[covered[0]]
        shown = _without_scope(residual)
        qualifier = words(shown) if shown is not None else None
        items.append(_item(p, names_wmd=names_wmd(p), weapons=covered, definite=value is True,
                           qualifier=qualifier, residual=condition_dict(residual)))
    return _cell("wmd", items)


def _discretion_cell(inst: Instrument) -> Cell:
    items = [_item(p, code=p.discretion.code, discretionary=p.discretion.discretionary,
                   wording=p.discretion.wording)
             for p in inst.provisions if p.duty in ASSISTANCE_DUTIES]
    return _cell("discretion", items)


def _means_cell(inst: Instrument) -> Cell:
    by_duty: dict[str, list[Provision]] = {}
    for p in inst.provisions:
        by_duty.setdefault(p.duty, []).append(p)
    order = list(DUTIES) + [d for d in by_duty if d not in DUTIES]
    items = [_item(p) for duty in order for p in by_duty.get(duty, ())]
    return _cell("means", items)


def _scope_uses(p: Provision) -> list[tuple[str, bool, str | None]]:
    return [(leaf.arg, positive, leaf.cite) for leaf, positive in _leaves(p.when) if leaf.op == "scope"]


def _predicate_words(pred: PlacePredicate | None) -> str:
    if pred is None:
        return "not covered"
    text = _pred(pred)
    return text if len(text) <= 60 else "in part (see the scope text)"


def _pred(pred: PlacePredicate) -> str:
    op = pred.op
    if op in ("anywhere", "unsettled"):
        return op
    if op in ("all", "any"):
        joiner = " and " if op == "all" else " or "
        return joiner.join(f"({_pred(c)})" if c.op in ("all", "any") else _pred(c) for c in pred.children)
    if op == "not":
        return f"not {_pred(pred.children[0])}"
    if op == "tag":
        return pred.arg
    codes = "/".join(pred.arg) if len(pred.arg) <= 4 else f"{len(pred.arg)} states"
    return f"state {codes}" if op == "state" else f"administered by {codes}"


def _scope_cell(inst: Instrument) -> Cell:
    users: dict[str, list[tuple[Provision, bool]]] = {}
    unlimited: list[Provision] = []
    for p in inst.provisions:
        uses = _scope_uses(p)
        for scope_id, positive, _ in uses:
            users.setdefault(scope_id, []).append((p, positive))
        if not uses and responds(p):
            unlimited.append(p)
    items, articles = [], []
    for scope_id, used in users.items():
        scope: Scope = inst.scopes[scope_id]
        articles.append(cite(scope.article))
        articles += [_pcite(p) for p, _ in used]
        items.append({"scope": scope_id, "article": scope.article, "cite": cite(scope.article),
                      "text": _flat(scope.text), "territory": _predicate_words(scope.territory),
                      "forces": _predicate_words(scope.forces),
                      "used_by": [p.id for p, positive in used if positive],
                      "used_negated_by": [p.id for p, positive in used if not positive]})
        items += [_item(p, scope=scope_id, inside=positive) for p, positive in used]
    articles += [_pcite(p) for p in unlimited]
    items += [_item(p, scope=None) for p in unlimited]
    return _cell("scope", items, articles)


def _procedure_cell(inst: Instrument) -> Cell:
    items, articles = [], []
    for p in inst.provisions:
        if not p.procedure:
            continue
        articles += [cite(step.cite) for step in p.procedure if step.cite]
        items.append(_item(p, steps=[{"step": _flat(s.text), "cite": s.cite} for s in p.procedure]))
        articles.append(_pcite(p))
    return _cell("procedure", items, articles)


def _decision_cell(inst: Instrument) -> Cell:
    items = [_item(p, by=p.decision.by, basis=p.decision.basis,
                   decision_cite=cite(p.decision.cite) if p.decision.cite else None)
             for p in inst.provisions if p.decision is not None]
    return _cell("decision", items)


def _practice_cell(inst: Instrument, records) -> Cell:
    by_id = {p.id: p for p in inst.provisions}
    items = [_item(by_id[r.provision], record=r.id, date=r.date.isoformat(), kind=r.kind, who=list(r.who),
                   body=r.body, toward=r.toward, provision_confirmed=r.provision_confirmed,
                   record_confidence=r.confidence)
             for r in records if r.instrument == inst.id and r.provision in by_id]
    return _cell("practice", items)


def _names_non_state(residual: Condition | None) -> bool:
    return residual is not None and any(leaf.op == "by" and leaf.arg == "non-state" and positive
                                        for leaf, positive in _leaves(residual))


def _non_state_cell(inst: Instrument) -> Cell:
    """Which responding provisions can trigger when the aggressor is a non-state group, and on what basis.

    An event counts as *named* when the event itself is by a non-state group
    (terrorist-attack) or the condition tests ``by: non-state`` for it; it is
    *open* when the condition does not test who attacks at all.
    """
    items = []
    for p in inst.provisions:
        if not responds(p):
            continue
        explicit: dict[str, str | None] = {}
        unrestricted: list[str] = []
        for event in EVENTS:
            value, residual = partial(p.when, Fixed(event=event, by="non-state"))
            if value is False:
                continue
            if event == "terrorist-attack" or _names_non_state(partial(p.when, Fixed(event=event))[1]):
                shown = _without_scope(residual)
                explicit[event] = words(shown) if shown is not None else None
            else:
                unrestricted.append(event)
        if explicit or unrestricted:
            items.append(_item(p, named=explicit, no_actor_condition=unrestricted))
        elif any(partial(p.when, Fixed(event=e))[0] is not False for e in EVENTS):
            items.append(_item(p, named={}, no_actor_condition=[], state_aggressors_only=True))
    return _cell("non-state", items)


def _basing_cell(inst: Instrument) -> Cell:
    items = [_item(p, bound=p.bound if isinstance(p.bound, str) else list(p.bound), bound_text=_bound(p),
                   beneficiary=p.beneficiary, beneficiary_text=_beneficiary(p), discretion=p.discretion.code)
             for p in inst.provisions if p.duty == "basing"]
    return _cell("basing", items)


def _nuclear_cell(inst: Instrument) -> Cell:
    items = []
    for p in inst.provisions:
        if not names_wmd(p):
            continue
        shown = _without_scope(p.when)
        items.append(_item(p, bound=p.bound if isinstance(p.bound, str) else list(p.bound), bound_text=_bound(p),
                           condition=condition_dict(p.when), qualifier=words(shown) if shown is not None else None,
                           discretion=p.discretion.code))
    return _cell("nuclear", items)


def _term_cell(inst: Instrument) -> Cell:
    recorded = []
    for state, party in inst.parties.items():
        left = False
        for e in party.events:
            kind = e.event
            if kind == "withdrew":
                left = True
            elif kind in _JOINING and left:
                kind, left = "rejoined", False
            elif kind not in WITHDRAWAL_EVENTS:
                continue
            recorded.append((e.date, state, kind, e))
    items = [{"term": _flat(inst.term) or None, "kind": inst.kind,
              "signed": inst.signature().isoformat() if inst.signature() else None,
              "in_force": [{"from": i.start.isoformat(), "until": i.end.isoformat() if i.end else None}
                           for i in inst.in_force],
              "unverified": [[e.event, e.date.isoformat()] for e in inst.lifecycle if e.confidence == "unverified"]}]
    for day, state, kind, e in sorted(recorded, key=lambda r: (r[0], r[1])):
        items.append({"state": state, "event": kind, "recorded_as": e.event, "date": day.isoformat(),
                      "toward": e.toward, "confidence": e.confidence, "sources": [s.key for s in e.sources]})
    return _cell("term", items, articles=[])


def _readings_cell(inst: Instrument, applied: str | None = None) -> Cell:
    """Each contested provision's readings, and the rows that would differ under each non-default one.

    ``inst`` is the instrument as encoded; ``applied`` the reading the comparison uses, if any.
    """
    items = []
    base = None
    for index, p in enumerate(inst.provisions):
        if not p.readings:
            continue
        default = next((r.name for r in p.readings if r.default), None)
        used = applied if any(r.name == applied and not r.default for r in p.readings) else default
        changes: dict[str, list[str]] = {}
        for r in p.readings:
            if r.default:
                continue
            if base is None:
                base = {key: make(inst).lines for key, _, _, make in _dimensions()}
            swapped = list(inst.provisions)
            swapped[index] = p.read_as(r.name)
            other = dataclasses.replace(inst, provisions=tuple(swapped))
            changes[r.name] = [label for key, label, _, make in _dimensions() if make(other).lines != base[key]]
        items.append(_item(p, default=default, used=used, applied=applied,
                           readings=[{"name": r.name, "held_by": _flat(r.held_by), "default": r.default,
                                      "changes": changes.get(r.name, [])} for r in p.readings]))
    return _cell("readings", items)
