"""The scenario questions: what a user asks about one scenario, checked and answered.

Every interface (the ``casus`` command, ``import casus``, the scenario-test
plugin, the web) calls the functions of :mod:`casus.service` and only lays
out what they return.  This module holds the scenario itself
(:class:`Question`), ``ask`` and what ``casus ask`` can be asked at once
(:func:`answer`), and the checks the other questions share (an instrument by
id, a list of texts, the notes on a date long after the corpus's events).
The cascade and the readings are in :mod:`casus.service.cascades`; compare,
timeline and network in :mod:`casus.service.overviews`; show, treaties and
check in :mod:`casus.service.catalogue`.  Each result has ``to_dict()``, the
documented JSON document (docs/json-contract.md); the command line prints
it with ``--json`` and the web serves the same bytes.  Bad input raises
:class:`casus.InputError` naming the request field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casus.errors import InputError, NotFound
from casus.model.finding import Answer
from casus.model.instrument import Corpus, Instrument
from casus.model.scenario import Scenario
from casus.model.vocabulary import STATUSES
from casus.service import inputs
from casus.suggest import hint as _hint


@dataclass(frozen=True)
class Question:
    """A scenario as a user gives it: codes or names, text or dates; checked by :func:`scenario`."""

    event: str
    target: str
    by: object = ()
    at: str | None = None
    on: object = None
    weapon: str | None = None
    facts: object = None
    reading: str | None = None


@dataclass(frozen=True)
class AskRequest(Question):
    """``ask``: the scenario, and optionally which findings to keep."""

    instruments: tuple[str, ...] = ()  # keep only these instruments (ids)
    only: tuple[str, ...] = ()         # keep only findings with these statuses


@dataclass(frozen=True)
class AnswerRequest(AskRequest):
    """What ``casus ask`` can be asked at once: the answer, its cascade, or its readings side by side."""

    cascade: bool = False
    escalation: str | None = None
    depth: int | None = None
    binding_only: bool = False
    all_readings: bool = False


def scenario(corpus: Corpus, question: Question) -> Scenario:
    """The checked scenario of a question."""
    if not isinstance(question, Question):
        raise InputError(f"a question is wanted, not {type(question).__name__}", field="question",
                         hint="give casus.AskRequest(event=..., target=...)")
    q = question
    return inputs.make_scenario(inputs.checked_corpus(corpus), q.event, q.target, by=q.by, at=q.at, on=q.on,
                                weapon=q.weapon, facts=q.facts, reading=q.reading)


def ask(corpus: Corpus, request: AskRequest) -> Answer:
    """Who must or may do what, under which article, in one scenario."""
    corpus = inputs.checked_corpus(corpus)
    sc = scenario(corpus, request)
    from casus.engine.evaluate import evaluate

    answer = evaluate(corpus, sc)
    keep_ids = tuple(instrument(corpus, i, field="instruments").id
                     for i in inputs.texts(getattr(request, "instruments", ()), "instruments"))
    only = tuple(inputs.choice(s, STATUSES, "status", "only")
                 for s in inputs.texts(getattr(request, "only", ()), "only"))
    notes = list(answer.notes) + date_notes(corpus, sc.on)
    if not answer.findings:
        notes.append(f"No instrument in the corpus lists {sc.target}; nothing is engaged.")
    findings = answer.findings
    if keep_ids:
        findings = tuple(f for f in findings if f.instrument.id in keep_ids)
    if only:
        findings = tuple(f for f in findings if f.status in only)
    if keep_ids or only:
        shown = []
        if keep_ids:
            shown.append("instruments " + ", ".join(keep_ids))
        if only:
            shown.append("status " + ", ".join(only))
        notes.append(f"Only findings with {' and '.join(shown)} are shown ({len(findings)} of "
                     f"{len(answer.findings)}).")
    from casus.service.practice import findings_with_practice

    return Answer(sc, findings_with_practice(corpus, findings, sc.on), tuple(notes))


def answer(corpus: Corpus, request: AnswerRequest):
    """The answer to ``casus ask``: an :class:`Answer`, a :class:`CascadeResult` or a :class:`ReadingsResult`."""
    r = request
    if not r.cascade:
        used = [name for name, value in (("escalation", r.escalation), ("depth", r.depth),
                                         ("binding_only", r.binding_only)) if value]
        if used:
            raise InputError(f"{used[0].replace('_', '-')} only applies to a cascade", field=used[0],
                             hint="ask for the cascade as well")
    if r.reading and r.all_readings:
        raise InputError("one reading was named and all readings were asked for", field="reading",
                         hint="give one of the two: a reading to apply, or all readings side by side")
    if r.all_readings and r.cascade:
        raise InputError("all readings side by side compares findings, not cascades", field="readings",
                         hint="follow the cascade under each reading in turn, naming it")
    if r.all_readings:
        from casus.service.cascades import readings

        return readings(corpus, r)
    if r.cascade:
        from casus.service.cascades import CascadeRequest, cascade

        return cascade(corpus, CascadeRequest(r.event, r.target, r.by, r.at, r.on, r.weapon, r.facts, r.reading,
                                              r.escalation or "none", r.depth, r.binding_only))
    return ask(corpus, r)


def instrument(corpus: Corpus, instrument_id, field: str = "id") -> Instrument:
    """The instrument with this id; :class:`NotFound` with the nearest ids otherwise."""
    if not isinstance(instrument_id, str) or not instrument_id.strip():
        raise InputError("an instrument id is wanted", field=field, hint="see casus treaties for the ids")
    found = corpus.get(instrument_id.strip())
    if found is not None:
        return found
    ids = [i.id for i in corpus.instruments] + [a for i in corpus.instruments for a in i.aliases]
    raise NotFound(f"no instrument '{instrument_id}'", field=field,
                   hint=_hint(instrument_id, ids, "see casus treaties for the ids"))


#: How long after the corpus's latest recorded event (up to today) a date may lie before the answer says so.
QUIET = dt.timedelta(days=90)


def date_notes(corpus: Corpus, day: dt.date) -> list[str]:
    """A visible note when the date lies after every event the corpus records, or long after the latest so far."""
    today = dt.date.today()
    dates = corpus.memo.get("event-dates")
    if dates is None:
        found = [e.date for i in corpus.instruments for e in i.lifecycle]
        found += [e.date for i in corpus.instruments for p in i.parties.values() for e in p.events]
        dates = corpus.memo["event-dates"] = tuple(sorted(found))
    latest = dates[-1] if dates else dt.date.min
    if day > max(latest, today):
        return [f"The date {day.isoformat()} lies in the future, and the corpus records no event after "
                f"{latest.isoformat()}: the answer assumes that the instruments, their parties and their "
                f"terms stay as encoded."]
    import bisect

    past = bisect.bisect_right(dates, today)  # the dates are sorted: the latest event that has happened
    recent = dates[past - 1] if past else None
    if recent is not None and day > recent + QUIET:
        return [f"The corpus records no event between {recent.isoformat()} and {day.isoformat()}: a "
                f"ratification, withdrawal or new instrument since then would not be in this answer."]
    return []


__all__ = ["Question", "AskRequest", "AnswerRequest", "ask", "answer", "instrument", "scenario", "date_notes"]
