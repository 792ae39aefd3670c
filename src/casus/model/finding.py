"""Findings: what the engine concludes for one party under one provision."""

from __future__ import annotations

from dataclasses import dataclass

from casus.model.instrument import Discretion, Instrument, Provision, Source, Step
from casus.model.scenario import Scenario
from casus.model.trace import TraceStep, because

FORMAT = "casus.answer/1"


#: The flat view of a trace step (``condition``, ``result``, ``cite``) is the step itself.
Reason = TraceStep


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to build, and a sweep builds millions
class Finding:
    """What one provision gives one bound party in a scenario: the status and the trace that decides it."""

    instrument: Instrument
    provision: Provision
    party: str
    beneficiary: str
    status: str
    trace: tuple[TraceStep, ...]
    missing: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    #: The records of practice of this provision (casus.model.practice.PracticeRecord), filled by the service.
    practice: tuple = ()

    @property
    def because(self) -> tuple[TraceStep, ...]:
        """The trace (each step also reads as ``condition``, ``result``, ``cite``)."""
        return self.trace

    @property
    def article(self) -> str:
        return self.provision.article

    @property
    def duty(self) -> str:
        return self.provision.duty

    @property
    def modality(self) -> str:
        return self.provision.modality

    @property
    def discretion(self) -> Discretion:
        return self.provision.discretion

    @property
    def procedure(self) -> tuple[Step, ...]:
        return self.provision.procedure

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.provision.sources

    def to_dict(self) -> dict:
        p = self.provision
        trace = [step.to_dict() for step in self.trace]  # each sentence is made once, for both views
        return {
            "instrument": self.instrument.id,
            "instrument_kind": self.instrument.kind,
            "article": p.article,
            "article_confirmed": p.article_confirmed,
            "provision": p.id,
            "title": p.title,
            "party": self.party,
            "beneficiary": self.beneficiary,
            "duty": p.duty,
            "modality": p.modality,
            "status": self.status,
            "discretion": {
                "code": p.discretion.code,
                "wording": p.discretion.wording,
                "discretionary": p.discretion.discretionary,
            },
            "procedure": [{"step": s.text, "cite": s.cite} for s in p.procedure],
            "decision": p.decision.to_dict() if p.decision else None,
            "missing": list(self.missing),
            "because": [because(t) for t in trace],
            "trace": trace,
            "caveats": list(self.caveats) + list(p.caveats),
            "confidence": p.confidence,
            "sources": [{"title": s.title, "url": s.url} for s in p.sources],
            "reading": _reading(p),
            "practice": [r.brief() for r in self.practice],
        }


def _reading(p: Provision) -> dict | None:
    """The reading a finding was made under, when the provision is contested."""
    r = p.reading_applied
    if r is None:
        return None
    return {"name": r.name, "held_by": r.held_by, "default": r.default,
            "others": [o.name for o in p.readings if o.name != r.name]}


@dataclass(frozen=True)
class Answer:
    """Every finding of a scenario, with the notes on what was assumed (``casus.answer/1``)."""

    scenario: Scenario
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "scenario": self.scenario.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "notes": list(self.notes),
        }

    def by_status(self, status: str) -> list[Finding]:
        return [f for f in self.findings if f.status == status]
