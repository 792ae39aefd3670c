"""The questions casus answers: one typed request and one function per question.

Every interface (the ``casus`` command, ``import casus``, the scenario-test
plugin, the web) calls these and only lays out what they return.  Each
result has ``to_dict()``, the documented JSON document
(docs/json-contract.md); the command line prints it with ``--json`` and the
web serves the same bytes.  Bad input raises :class:`casus.InputError`
naming the request field.
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

# --------------------------------------------------------------------------- requests


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
class CascadeRequest(Question):
    """``cascade``: the scenario, how the other side escalates, and how many rounds to follow."""

    escalation: str = "none"
    depth: int | None = None
    binding_only: bool = False


@dataclass(frozen=True)
class AnswerRequest(AskRequest):
    """What ``casus ask`` can be asked at once: the answer, its cascade, or its readings side by side."""

    cascade: bool = False
    escalation: str | None = None
    depth: int | None = None
    binding_only: bool = False
    all_readings: bool = False


@dataclass(frozen=True)
class CompareRequest:
    """``compare``: the instruments to set side by side, and the reading of contested provisions."""

    ids: tuple[str, ...]
    reading: str | None = None


@dataclass(frozen=True)
class TimelineRequest:
    """``timeline``: the state, and the window [start, end) of the events to keep."""

    state: str
    start: object = None  # [start, end): only events in the window
    end: object = None


@dataclass(frozen=True)
class NetworkRequest:
    """``network``: the day, and the duty whose edges to draw (or 'all')."""

    on: object = None  # today when not given
    duty: str = "military-assistance"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class CascadeResult:
    """The answer to a scenario with its cascade (``casus ask --cascade``)."""

    answer: Answer
    cascade: object  # casus.model.cascade.Cascade

    @property
    def scenario(self) -> Scenario:
        return self.answer.scenario

    def side(self, name: str) -> list[str]:
        return self.cascade.side(name)

    def to_dict(self) -> dict:
        document = self.answer.to_dict()
        document["cascade"] = self.cascade.to_dict()
        return document


@dataclass(frozen=True)
class ReadingsResult:
    """The answer to a scenario with its readings side by side (``casus ask --readings``)."""

    comparison: object  # casus.engine.readings.ReadingsComparison

    @property
    def differences(self):
        return self.comparison.differences

    @property
    def answer(self) -> Answer:
        return self.comparison.answers["default"]

    def to_dict(self) -> dict:
        document = self.answer.to_dict()
        document["readings"] = self.comparison.to_dict()
        return document


@dataclass(frozen=True)
class ShowResult:
    """One instrument, for ``show``."""

    instrument: Instrument

    def to_dict(self) -> dict:
        from casus.service.documents import instrument_dict

        return instrument_dict(self.instrument)


@dataclass(frozen=True)
class TreatiesResult:
    """The instruments of a corpus, for ``treaties``."""

    corpus: Corpus

    def to_dict(self) -> list[dict]:
        from casus.service.documents import instrument_rows

        return instrument_rows(self.corpus)


@dataclass(frozen=True)
class NetworkResult:
    """Who is bound to assist whom on a day: one edge per provision, party to beneficiary."""

    on: dt.date
    duty: str
    edges: tuple

    def graph(self):
        from casus.analysis.network import to_networkx
        from casus.errors import need

        need("networkx", "graphs", "the network as a graph")
        return to_networkx(list(self.edges), self.on, self.duty)

    def to_dict(self) -> dict:
        """The node-link document (``casus network --format json``)."""
        from casus.service.documents import graph_json

        return graph_json(self.graph())

    def to_csv(self) -> str:
        from casus.service.documents import edges_csv

        return edges_csv(self.edges)

    def to_graphml(self) -> str:
        from casus.service.documents import graphml

        return graphml(self.graph())

    @property
    def summary(self) -> str:
        from casus.analysis.network import summary

        return summary(list(self.edges), self.on, self.duty)


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found: the files read, the instruments they hold, and the problems."""

    files: tuple[str, ...]
    instruments: tuple[Instrument, ...]
    problems: tuple = ()
    others: tuple[str, ...] = ()  # the claim files and records of practice checked beside the treaty files

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def provisions(self) -> int:
        return sum(len(i.provisions) for i in self.instruments)

    @property
    def summary(self) -> str:
        if self.problems:
            return (f"{len(self.problems)} problem(s) in {len({p.file for p in self.problems})} file(s); "
                    f"{len(self.instruments)} file(s) ok")
        besides = f"; {len(self.others)} claim and practice file(s)" if self.others else ""
        return (f"ok: {len(self.instruments)} instrument(s), {self.provisions} provision(s) in {len(self.files)} "
                f"file(s){besides}")

    def to_dict(self) -> dict:
        return {"format": "casus.check/1", "ok": self.ok, "files": len(self.files), "other_files": len(self.others),
                "instruments": [i.id for i in self.instruments], "provisions": self.provisions,
                "problems": [p.to_dict() for p in self.problems], "summary": self.summary}


# --------------------------------------------------------------------------- the questions


def _corpus(corpus) -> Corpus:
    if not isinstance(corpus, Corpus):
        raise InputError(f"a corpus is wanted, not {type(corpus).__name__}", field="corpus",
                         hint="load one with casus.load_corpus()")
    return corpus


def scenario(corpus: Corpus, question: Question) -> Scenario:
    """The checked scenario of a question."""
    if not isinstance(question, Question):
        raise InputError(f"a question is wanted, not {type(question).__name__}", field="question",
                         hint="give casus.AskRequest(event=..., target=...)")
    q = question
    return inputs.make_scenario(_corpus(corpus), q.event, q.target, by=q.by, at=q.at, on=q.on,
                                weapon=q.weapon, facts=q.facts, reading=q.reading)


def ask(corpus: Corpus, request: AskRequest) -> Answer:
    """Who must or may do what, under which article, in one scenario."""
    corpus = _corpus(corpus)
    sc = scenario(corpus, request)
    from casus.engine.evaluate import evaluate

    answer = evaluate(corpus, sc)
    keep_ids = tuple(instrument(corpus, i, field="instruments").id for i in _texts(getattr(request, "instruments", ()), "instruments"))
    only = tuple(inputs.choice(s, STATUSES, "status", "only")
                 for s in _texts(getattr(request, "only", ()), "only"))
    notes = list(answer.notes) + _date_notes(corpus, sc.on)
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
        return readings(corpus, r)
    if r.cascade:
        return cascade(corpus, CascadeRequest(r.event, r.target, r.by, r.at, r.on, r.weapon, r.facts, r.reading,
                                              r.escalation or "none", r.depth, r.binding_only))
    return ask(corpus, r)


def cascade(corpus: Corpus, request: CascadeRequest) -> CascadeResult:
    """How far the scenario's obligations spread, round by round."""
    from casus.engine.cascade import ESCALATIONS
    from casus.engine.cascade import cascade as run
    from casus.engine.evaluate import evaluate

    corpus = _corpus(corpus)
    sc = scenario(corpus, request)
    escalation = inputs.choice(request.escalation, ESCALATIONS, "escalation", "escalation")
    depth = request.depth
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or depth < 1):
        raise InputError(f"the depth must be a whole number of at least 1, got {depth!r}", field="depth",
                         hint="e.g. 3, or leave it out for no limit")
    if depth is not None and depth > MAX_DEPTH:
        raise InputError(f"the depth is limited to {MAX_DEPTH} rounds, got {depth}", field="depth",
                         hint=f"give at most {MAX_DEPTH}")
    answer = evaluate(corpus, sc)
    answer = Answer(sc, answer.findings, answer.notes + tuple(_date_notes(corpus, sc.on)))
    return CascadeResult(answer, run(corpus, sc, escalation, depth, bool(request.binding_only)))


MAX_DEPTH = 50


def readings(corpus: Corpus, question: Question) -> ReadingsResult:
    """The findings that come out differently under the readings of contested provisions."""
    from casus.engine.readings import compare_readings

    corpus = _corpus(corpus)
    return ReadingsResult(compare_readings(corpus, scenario(corpus, question)))


def compare(corpus: Corpus, request: CompareRequest):
    """A side-by-side matrix of what each instrument's provisions commit to (``casus.compare/1``)."""
    from casus.analysis.compare import compare as run

    corpus = _corpus(corpus)
    ids = [instrument(corpus, text, field="ids").id for text in _texts(request.ids, "ids")]  # aliases too
    if request.reading is not None and not isinstance(request.reading, str):
        raise InputError(f"a reading is a name, not {type(request.reading).__name__}", field="reading",
                         hint="see casus show ID for the readings")
    return run(corpus, ids, reading=request.reading)


def timeline(corpus: Corpus, request: TimelineRequest):
    """Every commitment a state gave and received over time (``casus.timeline/1``)."""
    from casus.analysis.timeline import timeline as run
    from casus.geo import Gazetteer

    corpus = _corpus(corpus)
    if not isinstance(request.state, str) or not request.state.strip():
        raise InputError("the state is missing", field="state", hint="give an ISO code or English name")
    code = inputs.state(corpus, Gazetteer.default(), request.state, "state")
    start = inputs.day(request.start, "start", default_today=False)
    end = inputs.day(request.end, "end", default_today=False)
    if start and end and end <= start:
        raise InputError(f"the window [{start}, {end}) is empty", field="end",
                         hint="the end is the first day left out; give a later one")
    return run(corpus, code, start, end)


def network(corpus: Corpus, request: NetworkRequest) -> NetworkResult:
    """Who is bound to assist whom on a date."""
    from casus.analysis.network import check_duty, network_on

    corpus = _corpus(corpus)
    day = inputs.day(request.on, "on", default_today=True)  # as for a question: today when not given
    if not isinstance(request.duty, str):
        raise InputError(f"the duty must be text, not {type(request.duty).__name__}", field="duty",
                         hint="e.g. military-assistance, or all")
    check_duty(request.duty)
    return NetworkResult(day, request.duty, tuple(network_on(corpus, day, request.duty)))


def show(corpus: Corpus, instrument_id: str) -> ShowResult:
    """One instrument: parties over time, lifecycle, provisions, sources."""
    return ShowResult(instrument(_corpus(corpus), instrument_id))


def treaties(corpus: Corpus) -> TreatiesResult:
    return TreatiesResult(_corpus(corpus))


def check(paths=(), extra=()) -> CheckResult:
    """Validate treaty files: the built-in corpus (and the user's folders), or the files and folders given."""
    from pathlib import Path

    from casus.loader.corpus import builtin_dir, check_companions, check_files, files_in, unique, user_dirs

    targets = [Path(p) for p in _texts(paths, "paths")] or [builtin_dir(), *user_dirs(_texts(extra, "corpus"))]
    files = []
    for target in targets:
        files += files_in(target)
    files = unique(files)  # a file reached twice (a folder given twice, the built-in one as --corpus) counts once
    instruments, problems = check_files(files)
    others, more = check_companions(targets, instruments)
    return CheckResult(tuple(str(f) for f in files), tuple(instruments), tuple(problems + more),
                       tuple(str(f) for f in others))


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


def _texts(values, field: str) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    try:
        items = tuple(values)
    except TypeError:
        raise InputError(f"{field} must be a list of texts, not {type(values).__name__}", field=field,
                         hint="e.g. ['anzus-1951', 'rio-treaty-1947']") from None
    for item in items:
        if not isinstance(item, str):
            raise InputError(f"{field} must hold texts, not {type(item).__name__}", field=field,
                             hint="e.g. ['anzus-1951', 'rio-treaty-1947']")
    return items


#: How long after the corpus's latest recorded event (up to today) a date may lie before the answer says so.
QUIET = dt.timedelta(days=90)


def _date_notes(corpus: Corpus, day: dt.date) -> list[str]:
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


__all__ = ["Question", "AskRequest", "AnswerRequest", "answer", "CascadeRequest", "CompareRequest", "TimelineRequest", "NetworkRequest",
           "CascadeResult", "ReadingsResult", "ShowResult", "TreatiesResult", "NetworkResult", "CheckResult",
           "ask", "cascade", "readings", "compare", "timeline", "network", "show", "treaties", "check",
           "instrument", "scenario"]
