"""The cascade of a scenario and its readings side by side (``casus ask --cascade``, ``--readings``)."""

from __future__ import annotations

from dataclasses import dataclass

from casus.errors import InputError
from casus.model.finding import Answer
from casus.model.instrument import Corpus
from casus.model.scenario import Scenario
from casus.service import inputs
from casus.service.questions import Question, date_notes, scenario


@dataclass(frozen=True)
class CascadeRequest(Question):
    """``cascade``: the scenario, how the other side escalates, and how many rounds to follow."""

    escalation: str = "none"
    depth: int | None = None
    binding_only: bool = False


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


def cascade(corpus: Corpus, request: CascadeRequest) -> CascadeResult:
    """How far the scenario's obligations spread, round by round."""
    from casus.engine.cascade import ESCALATIONS
    from casus.engine.cascade import cascade as run
    from casus.engine.evaluate import evaluate

    corpus = inputs.checked_corpus(corpus)
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
    answer = Answer(sc, answer.findings, answer.notes + tuple(date_notes(corpus, sc.on)))
    return CascadeResult(answer, run(corpus, sc, escalation, depth, bool(request.binding_only)))


MAX_DEPTH = 50


def readings(corpus: Corpus, question: Question) -> ReadingsResult:
    """The findings that come out differently under the readings of contested provisions."""
    from casus.engine.readings import compare_readings

    corpus = inputs.checked_corpus(corpus)
    return ReadingsResult(compare_readings(corpus, scenario(corpus, question)))


__all__ = ["CascadeRequest", "CascadeResult", "ReadingsResult", "cascade", "readings", "MAX_DEPTH"]
