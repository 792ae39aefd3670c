"""Questions about the corpus as a whole: a comparison of instruments, a state's timeline, the network on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casus.errors import InputError
from casus.model.instrument import Corpus
from casus.service import inputs
from casus.service.questions import instrument


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


def compare(corpus: Corpus, request: CompareRequest):
    """A side-by-side matrix of what each instrument's provisions commit to (``casus.compare/1``)."""
    from casus.analysis.compare import compare as run

    corpus = inputs.checked_corpus(corpus)
    ids = [instrument(corpus, text, field="ids").id for text in inputs.texts(request.ids, "ids")]  # aliases too
    if request.reading is not None and not isinstance(request.reading, str):
        raise InputError(f"a reading is a name, not {type(request.reading).__name__}", field="reading",
                         hint="see casus show ID for the readings")
    return run(corpus, ids, reading=request.reading)


def timeline(corpus: Corpus, request: TimelineRequest):
    """Every commitment a state gave and received over time (``casus.timeline/1``)."""
    from casus.analysis.timeline import timeline as run
    from casus.geo import Gazetteer

    corpus = inputs.checked_corpus(corpus)
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

    corpus = inputs.checked_corpus(corpus)
    day = inputs.day(request.on, "on", default_today=True)  # as for a question: today when not given
    if not isinstance(request.duty, str):
        raise InputError(f"the duty must be text, not {type(request.duty).__name__}", field="duty",
                         hint="e.g. military-assistance, or all")
    check_duty(request.duty)
    return NetworkResult(day, request.duty, tuple(network_on(corpus, day, request.duty)))


__all__ = ["CompareRequest", "TimelineRequest", "NetworkRequest", "NetworkResult", "compare", "timeline", "network"]
