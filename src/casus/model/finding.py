"""Findings: what the engine concludes for one party under one provision."""

from __future__ import annotations

from dataclasses import dataclass

from casus.model.instrument import Discretion, Instrument, Provision, Source, Step
from casus.model.scenario import Scenario

FORMAT = "casus.answer/1"


@dataclass(frozen=True, slots=True)
class Reason:
    """One condition the engine checked, its three-valued result and its citation."""

    condition: str
    result: bool | None
    cite: str

    def to_dict(self) -> dict:
        return {"condition": self.condition, "result": _word(self.result), "cite": self.cite}


def _word(value: bool | None) -> str:
    return "held" if value is True else "failed" if value is False else "unknown"


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to build, and a sweep builds millions
class Finding:
    instrument: Instrument
    provision: Provision
    party: str
    beneficiary: str
    status: str
    because: tuple[Reason, ...]
    missing: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()

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
            "missing": list(self.missing),
            "because": [r.to_dict() for r in self.because],
            "caveats": list(self.caveats) + list(p.caveats),
            "confidence": p.confidence,
            "sources": [{"title": s.title, "url": s.url} for s in p.sources],
            "reading": _reading(p),
        }


def _reading(p: Provision) -> dict | None:
    """The reading a finding was made under, when the provision is contested."""
    r = p.reading_applied
    if r is None:
        return None
    return {"name": r.name, "held_by": r.held_by, "default": r.default,
            "others": [o.name for o in p.readings if o.name != r.name]}


@dataclass(frozen=True, slots=True)
class Answer:
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
