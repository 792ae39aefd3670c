"""Compare instruments side by side: what each one's provisions commit to.

Every cell of the matrix is derived from the encoded provisions, scopes,
party events and term of an instrument; nothing is written per instrument,
so the matrix follows the treaty files when they change.

The trigger rows come from a static reading of each provision's ``when``:
the event (and, for weapons of mass destruction, the weapon) is fixed and
every other leaf is left unknown.  The condition is then evaluated with the
engine's three-valued :func:`~casus.engine.conditions.kleene`; a provision
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
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from casus.engine.conditions import kleene
from casus.errors import InputError
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
            near = difflib.get_close_matches(instrument_id, known, n=1, cutoff=0.3)
            raise InputError(f"no instrument '{instrument_id}'; "
                             + (f"did you mean '{near[0]}'?" if near else "see casus treaties"))
        if any(other.id == inst.id for other in instruments):
            raise InputError(f"'{instrument_id}' is given twice; give each instrument once")
        instruments.append(inst)
    if len(instruments) < 2:
        raise InputError("compare needs at least two instrument ids, e.g. casus compare "
                         "north-atlantic-treaty-1949 anzus-1951 (see casus treaties)")
    encoded = list(instruments)
    if reading is not None:
        names = sorted(corpus.readings())
        if reading not in names:
            near = difflib.get_close_matches(reading, names, n=1, cutoff=0.4)
            raise InputError(f"no reading '{reading}' in the corpus; "
                             + (f"did you mean '{near[0]}'?" if near else
                                f"readings: {', '.join(names)}" if names else "no provision has readings"))
        instruments = [_read(inst, reading) for inst in instruments]
    columns = tuple(_column(i) for i in instruments)
    rows = [Row(key, label, description, tuple(make(i) for i in instruments))
            for key, label, description, make in _dimensions()]
    rows.append(Row("readings", "contested readings",
                    "provisions that carry alternative readings, who holds each, and which rows would "
                    "differ under it; the other rows use each provision as encoded (its default reading)"
                    + (f", except where the reading '{reading}' applies" if reading else ""),
                    tuple(_readings_cell(i, reading) for i in encoded)))
    return Comparison(columns, tuple(rows), reading)


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


@dataclass(frozen=True)
class Fixed:
    """What the static reading fixes; everything else is unknown."""

    event: str
    weapon: str | None = None
    by: str | None = None  # "state" or "non-state"


def partial(cond: Condition, fixed: Fixed) -> tuple[bool | None, Condition | None]:
    """Evaluate ``cond`` with only ``fixed`` known (Kleene logic).

    Returns the value and, when it is unknown, the residual condition: the
    part of the tree that is still undecided, with decided branches removed.
    """
    op = cond.op
    if op in ("all", "any"):
        parts = [partial(child, fixed) for child in cond.children]
        value = kleene(op, [v for v, _ in parts])
        if value is not None:
            return value, None
        rest: list[Condition] = []
        for v, residual in parts:
            if v is None:
                rest.extend(residual.children if residual.op == op else (residual,))
        if len(rest) == 1:
            return None, rest[0]
        return None, Condition(op, children=tuple(rest), label=cond.label, cite=cond.cite)
    if op == "not":
        value, residual = partial(cond.children[0], fixed)
        if value is not None:
            return not value, None
        return None, Condition("not", children=(residual,), label=cond.label, cite=cond.cite)
    if op == "event":
        return fixed.event in cond.arg, None
    if op == "weapon" and fixed.weapon is not None:
        return fixed.weapon in cond.arg, None
    if op == "by" and fixed.by is not None:
        return cond.arg == fixed.by, None
    return None, cond


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


def _leaves(cond: Condition, positive: bool = True):
    """Every leaf with its polarity (False under an odd number of ``not``)."""
    if cond.op in ("all", "any"):
        for child in cond.children:
            yield from _leaves(child, positive)
    elif cond.op == "not":
        yield from _leaves(cond.children[0], not positive)
    else:
        yield cond, positive


def names_wmd(provision: Provision) -> bool:
    """The provision names weapons of mass destruction: a WMD weapon test, or the duty nuclear-response."""
    if provision.duty == "nuclear-response":
        return True
    return any(leaf.op == "weapon" and positive and set(leaf.arg) & set(WMD)
               for leaf, positive in _leaves(provision.when))


def responds(provision: Provision) -> bool:
    """The provision binds someone to act for the party attacked (not the aggressor's own pledge)."""
    return provision.bound != "aggressors" and provision.beneficiary != "aggressors"


# --------------------------------------------------------------------------- wording


def cite(article: str, confirmed: bool = True) -> str:
    """``Art. 4(2)``; free-form places (``statement``, ``chapter 3``) as they are written."""
    text = " ".join(article.split())
    base = f"Art. {text}" if re.match(r"^[0-9IVXLC]+\b", text) else text
    return base if confirmed else f"{base} (number unconfirmed)"


def _pcite(p: Provision) -> str:
    text = cite(p.article, p.article_confirmed)
    return f"{text} (unverified)" if p.confidence == "unverified" else text


def words(cond: Condition) -> str:
    """A compact wording of a condition, e.g. ``by a state and state-of-war``."""
    op = cond.op
    if op in ("all", "any"):
        joiner = " and " if op == "all" else " or "
        return joiner.join(_nested(c) for c in cond.children)
    if op == "not":
        inner = cond.children[0]
        if inner.op == "scope":
            return f"outside {inner.arg}"
        if inner.op == "fact":
            return words(Condition("fact", (inner.arg[0], not inner.arg[1])))
        return f"not {_nested(inner)}"
    arg = cond.arg
    if op == "event":
        return "/".join(arg)
    if op == "weapon":
        return "weapon " + "/".join(arg)
    if op == "by":
        return "by a state" if arg == "state" else "by a non-state group"
    if op == "by-party":
        return "the aggressor is a party" if arg else "the aggressor is not a party"
    if op == "target":
        return "target " + "/".join(arg)
    if op == "scope":
        return f"within {arg}"
    if op == "during":
        start, end = arg
        if start and end:
            return f"from {start.isoformat()} until {end.isoformat()}"
        return f"from {start.isoformat()}" if start else f"until {end.isoformat()}"
    name, expected = arg
    return name if expected else f"not {name}"


def _nested(cond: Condition) -> str:
    text = words(cond)
    return f"({text})" if cond.op in ("all", "any") and len(cond.children) > 1 else text


def condition_dict(cond: Condition | None):
    """A condition as JSON data: ``{op, arg?, children?}``."""
    if cond is None:
        return None
    out: dict = {"op": cond.op}
    if cond.children:
        out["children"] = [condition_dict(c) for c in cond.children]
    if cond.arg is not None:
        arg = cond.arg
        if cond.op == "fact":
            arg = {arg[0]: arg[1]}
        elif cond.op == "during":
            arg = {"from": arg[0].isoformat() if arg[0] else None,
                   "until": arg[1].isoformat() if arg[1] else None}
        elif isinstance(arg, tuple):
            arg = list(arg)
        out["arg"] = arg
    return out


def _bound(p: Provision) -> str:
    if p.bound == "others":
        return "each other party"
    if p.bound == "aggressors":
        return "the aggressors that are parties"
    if p.bound and p.bound[0] == "others-among":
        return "others among " + "/".join(p.bound[1])
    return "/".join(p.bound)


def _beneficiary(p: Provision) -> str:
    return {"target": "the party attacked", "aggressors": "the aggressors that are parties"}.get(
        p.beneficiary, p.beneficiary)


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


_ABBREVIATIONS = ("Art.", "Arts.", "No.", "e.g.", "i.e.", "cf.", "St.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.",
                  "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "U.S.", "U.N.")


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in re.split(r"(?<=[.;])\s+", text):
        if out and out[-1].endswith(_ABBREVIATIONS):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _short(text: str, at_least: int = 100, at_most: int = 240) -> str:
    """The first sentences of ``text``, enough to say something, cut at ``at_most`` characters."""
    out = ""
    for sentence in _sentences(_flat(text)):
        out = f"{out} {sentence}".strip()
        if len(out) >= at_least:
            break
    if len(out) > at_most:
        out = out[:at_most].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return out


def _item(p: Provision, **extra) -> dict:
    base = {"provision": p.id, "article": p.article, "article_confirmed": p.article_confirmed,
            "cite": _pcite(p), "title": p.title, "duty": p.duty, "modality": p.modality,
            "confidence": p.confidence}
    base.update(extra)
    return base


def _cell(lines: list[str], items: list[dict], empty_line: str, articles: list[str] | None = None) -> Cell:
    if not lines:
        return Cell((empty_line,), empty=True)
    if articles is None:
        articles = [i["cite"] for i in items if i.get("cite")]
    provisions = [i["provision"] for i in items if i.get("provision")]
    return Cell(tuple(lines), tuple(dict.fromkeys(articles)), tuple(dict.fromkeys(provisions)), tuple(items))


def _entry(p: Provision, qualifier: str | None = None, note: str | None = None) -> str:
    notes = ([] if p.modality == "must" else [p.modality]) + ([note] if note else [])
    if qualifier:
        notes.append(f"if {qualifier}")
    return f"{_pcite(p)} {p.duty}" + (f" ({', '.join(notes)})" if notes else "")


# --------------------------------------------------------------------------- rows


def _trigger_cell(inst: Instrument, event: str) -> Cell:
    lines, items = [], []
    for p in inst.provisions:
        if not responds(p):
            continue
        value, residual = partial(p.when, Fixed(event=event))
        if value is False:
            continue
        shown = _without_scope(residual)
        qualifier = words(shown) if shown is not None else None
        lines.append(_entry(p, qualifier))
        items.append(_item(p, definite=value is True, qualifier=qualifier,
                           residual=condition_dict(residual)))
    return _cell(lines, items, "— (not covered)")


def _wmd_cell(inst: Instrument) -> Cell:
    named, general, items = [], [], []
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
        note = "/".join(covered) + " only" if len(covered) < len(WMD) else None
        explicit = names_wmd(p)
        (named if explicit else general).append(_entry(p, qualifier, note))
        items.append(_item(p, names_wmd=explicit, weapons=covered, definite=value is True,
                           qualifier=qualifier, residual=condition_dict(residual)))
    if not items:
        return _cell([], [], "— (not covered)")
    lines = ["names WMD: " + ("; ".join(named) if named else "none")]
    if general:
        lines.append("as any armed attack: " + "; ".join(general))
    return _cell(lines, items, "")


def _discretion_cell(inst: Instrument) -> Cell:
    lines, items = [], []
    for p in inst.provisions:
        if p.duty not in ASSISTANCE_DUTIES:
            continue
        d = p.discretion
        flag = "discretionary" if d.discretionary else "not discretionary"
        wording = f", “{_flat(d.wording)}”" if d.wording else ""
        modality = "" if p.modality == "must" else f" ({p.modality})"
        lines.append(f"{_pcite(p)} {p.duty}{modality}: {flag} ({d.code}){wording}")
        items.append(_item(p, code=d.code, discretionary=d.discretionary, wording=d.wording))
    return _cell(lines, items, "— (no assistance-type provision encoded)")


def _means_cell(inst: Instrument) -> Cell:
    by_duty: dict[str, list[Provision]] = {}
    for p in inst.provisions:
        by_duty.setdefault(p.duty, []).append(p)
    order = list(DUTIES) + [d for d in by_duty if d not in DUTIES]
    lines, items = [], []
    for duty in order:
        for_duty = by_duty.get(duty)
        if not for_duty:
            continue
        refs = [_pcite(p) + ("" if p.modality == "must" else f" ({p.modality})") for p in for_duty]
        lines.append(f"{duty}: {', '.join(refs)}")
        items += [_item(p) for p in for_duty]
    return _cell(lines, items, "— (no provision encoded)")


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
    lines, items, articles = [], [], []
    for scope_id, used in users.items():
        scope: Scope = inst.scopes[scope_id]
        inside = [_pcite(p) for p, positive in used if positive]
        outside = [_pcite(p) for p, positive in used if not positive]
        use = []
        if inside:
            use.append("used by " + ", ".join(dict.fromkeys(inside)))
        if outside:
            use.append(", ".join(dict.fromkeys(outside)) + " for places outside it")
        territory, forces = _predicate_words(scope.territory), _predicate_words(scope.forces)
        lines.append(f"{scope_id}, {cite(scope.article)} ({'; '.join(use)}): {_short(scope.text)} "
                     f"[territory: {territory}; forces abroad: {forces}]")
        articles.append(cite(scope.article))
        articles += [_pcite(p) for p, _ in used]
        items.append({"scope": scope_id, "article": scope.article, "cite": cite(scope.article),
                      "text": _flat(scope.text), "territory": territory, "forces": forces,
                      "used_by": [p.id for p, positive in used if positive],
                      "used_negated_by": [p.id for p, positive in used if not positive]})
        items += [_item(p, scope=scope_id, inside=positive) for p, positive in used]
    if unlimited:
        lines.append("no territorial limit encoded: " + ", ".join(f"{_pcite(p)} {p.duty}" for p in unlimited))
        articles += [_pcite(p) for p in unlimited]
        items += [_item(p, scope=None) for p in unlimited]
    if not users:
        lines = ["no territorial limit encoded" + (": " + ", ".join(f"{_pcite(p)} {p.duty}" for p in unlimited)
                                                  if unlimited else "")]
    return _cell(lines, items, "— (no provision encoded)", articles)


def _procedure_cell(inst: Instrument) -> Cell:
    lines, items, articles = [], [], []
    for p in inst.provisions:
        if not p.procedure:
            continue
        steps = []
        for step in p.procedure:
            steps.append(_flat(step.text) + (f" [{cite(step.cite)}]" if step.cite else ""))
            if step.cite:
                articles.append(cite(step.cite))
        lines.append(f"{_pcite(p)} {p.duty}: " + "; ".join(steps))
        items.append(_item(p, steps=[{"step": _flat(s.text), "cite": s.cite} for s in p.procedure]))
        articles.append(_pcite(p))
    return _cell(lines, items, "— (no procedure encoded)", articles)


def _names_non_state(residual: Condition | None) -> bool:
    return residual is not None and any(leaf.op == "by" and leaf.arg == "non-state" and positive
                                        for leaf, positive in _leaves(residual))


def _non_state_cell(inst: Instrument) -> Cell:
    """Which responding provisions can trigger when the aggressor is a non-state group, and on what basis.

    An event counts as *named* when the event itself is by a non-state group
    (terrorist-attack) or the condition tests ``by: non-state`` for it; it is
    *open* when the condition does not test who attacks at all.
    """
    named, open_, state_only, items = [], [], [], []
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
        if explicit:
            groups: dict[str | None, list[str]] = {}
            for event, qualifier in explicit.items():
                groups.setdefault(qualifier, []).append(event)
            parts = ["/".join(events) + (f" if {q}" if q else "") for q, events in groups.items()]
            named.append(f"{_pcite(p)} {p.duty} ({'; '.join(parts)})")
        if unrestricted:
            open_.append(f"{_pcite(p)} {p.duty}")
        if explicit or unrestricted:
            items.append(_item(p, named=explicit, no_actor_condition=unrestricted))
        elif any(partial(p.when, Fixed(event=e))[0] is not False for e in EVENTS):
            state_only.append(f"{_pcite(p)} {p.duty}")
            items.append(_item(p, named={}, no_actor_condition=[], state_aggressors_only=True))
    lines = []
    if named:
        lines.append("named: " + "; ".join(named))
    if open_:
        lines.append("no test of who attacks: " + "; ".join(open_))
    if state_only:
        lines.append("state aggressors only: " + "; ".join(state_only))
    return _cell(lines, items, "— (no responding provision)")


def _basing_cell(inst: Instrument) -> Cell:
    lines, items = [], []
    for p in inst.provisions:
        if p.duty != "basing":
            continue
        notes = [p.modality, p.discretion.code]
        lines.append(f"{_pcite(p)} ({', '.join(notes)}): bound {_bound(p)}, for {_beneficiary(p)}: {p.title}")
        items.append(_item(p, bound=p.bound if isinstance(p.bound, str) else list(p.bound),
                           beneficiary=p.beneficiary, discretion=p.discretion.code))
    return _cell(lines, items, "— (no basing provision encoded)")


def _nuclear_cell(inst: Instrument) -> Cell:
    lines, items = [], []
    for p in inst.provisions:
        if not names_wmd(p):
            continue
        shown = _without_scope(p.when)
        on = words(shown) if shown is not None else "any event"
        notes = "" if p.modality == "must" else f"{p.modality}, "
        lines.append(f"{_pcite(p)} {p.duty} ({notes}bound {_bound(p)}): when {on}")
        items.append(_item(p, bound=p.bound if isinstance(p.bound, str) else list(p.bound),
                           condition=condition_dict(p.when), discretion=p.discretion.code))
    return _cell(lines, items, "— (no nuclear or WMD provision encoded)")


def _term_cell(inst: Instrument) -> Cell:
    lines, items = [], []
    made = {"treaty": "signed", "doctrine": "adopted", "statement": "made"}.get(inst.kind, "signed")
    unverified = {(e.event, e.date) for e in inst.lifecycle if e.confidence == "unverified"}

    def mark(event: str, day) -> str:
        return " (unverified)" if (event, day) in unverified else ""

    dates = []
    if inst.signature():
        dates.append(f"{made} {inst.signature().isoformat()}{mark('signed', inst.signature())}")
    if inst.kind in ("treaty", "executive-agreement"):
        for interval in inst.in_force:
            span = f"in force from {interval.start.isoformat()}{mark('in-force', interval.start)}"
            dates.append(span + (f" until {interval.end.isoformat()}{mark('terminated', interval.end)}"
                                 if interval.end else ""))
        if not inst.in_force:
            dates.append("not in force")
    if dates:
        lines.append("; ".join(dates))
    if inst.term:
        lines.append(f"term: {_flat(inst.term)}")
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
    for day, state, kind, e in sorted(recorded, key=lambda r: (r[0], r[1])):
        what = f"{kind.replace('-', ' ')} ({e.event})" if kind == "rejoined" else kind.replace("-", " ")
        lines.append(f"{day.isoformat()}: {state} {what}" + (f" toward {e.toward}" if e.toward else "")
                     + (" (unverified)" if e.confidence == "unverified" else ""))
        items.append({"state": state, "event": kind, "recorded_as": e.event, "date": day.isoformat(),
                      "toward": e.toward, "confidence": e.confidence, "sources": [s.key for s in e.sources]})
    if not recorded:
        lines.append("no withdrawal, notice, suspension or freeze recorded")
    items.insert(0, {"term": _flat(inst.term) or None,
                     "signed": inst.signature().isoformat() if inst.signature() else None,
                     "in_force": [{"from": i.start.isoformat(), "until": i.end.isoformat() if i.end else None}
                                  for i in inst.in_force]})
    return _cell(lines, items, "—", articles=[])


def _held_by(text: str) -> str:
    first = re.split(r";\s", _flat(text), maxsplit=1)[0]
    return first if len(first) <= 120 else first[:120].rsplit(" ", 1)[0] + " …"


def _readings_cell(inst: Instrument, applied: str | None = None) -> Cell:
    """Each contested provision's readings, and the rows that would differ under each non-default one.

    ``inst`` is the instrument as encoded; ``applied`` the reading the comparison uses, if any.
    """
    lines, items = [], []
    base = None
    for index, p in enumerate(inst.provisions):
        if not p.readings:
            continue
        default = next((r.name for r in p.readings if r.default), None)
        used = applied if any(r.name == applied and not r.default for r in p.readings) else default
        lines.append(f"{_pcite(p)} {p.duty}: " + ", ".join(
            r.name + (" (default)" if r.default else "") + (" (used here)" if applied and r.name == used else "")
            for r in p.readings))
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
            lines.append(f"  {r.name} (held by: {_held_by(r.held_by)}): "
                         + ("would change " + ", ".join(changes[r.name]) if changes[r.name] else "changes no row"))
        items.append(_item(p, default=default, used=used,
                           readings=[{"name": r.name, "held_by": _flat(r.held_by), "default": r.default,
                                      "changes": changes.get(r.name, [])} for r in p.readings]))
    return _cell(lines, items, "— (none encoded)")
