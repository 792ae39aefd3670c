"""Evaluate one scenario under every reading of the contested provisions.

A provision with readings is evaluated once under its default reading and
once under each other reading; the result keeps only the findings whose
status or duty differs between readings, so a reader sees exactly what
turns on the dispute.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from casus.engine.evaluate import evaluate
from casus.model.finding import Answer, Finding
from casus.model.instrument import Corpus, Provision, Reading
from casus.model.scenario import Scenario

DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Difference:
    """One finding that comes out differently under different readings."""

    instrument: str
    article: str
    provision: str
    party: str
    beneficiary: str
    outcomes: dict[str, Finding]  # the provision's own reading name -> the finding under it (default first)

    def to_dict(self) -> dict:
        return {
            "instrument": self.instrument, "article": self.article, "provision": self.provision,
            "party": self.party, "beneficiary": self.beneficiary,
            "by_reading": {name: {"status": f.status, "duty": f.duty, "modality": f.modality,
                                  "reading": _label(f.provision), "missing": list(f.missing)}
                           for name, f in self.outcomes.items()},
        }


@dataclass(frozen=True, slots=True)
class ReadingsComparison:
    """One scenario evaluated under each reading of the contested provisions it touches, and where they differ."""

    scenario: Scenario
    names: tuple[str, ...]                        # "default" first, then every other reading applied
    contested: tuple[tuple[str, Provision], ...]  # (instrument id, provision) with readings, relevant here
    differences: tuple[Difference, ...]
    answers: dict[str, Answer]

    def to_dict(self) -> dict:
        return {
            "compared": list(self.names),
            "contested": [{"instrument": inst, "article": p.article, "provision": p.id,
                           "readings": [_reading_dict(r) for r in p.readings]}
                          for inst, p in self.contested],
            "differences": [d.to_dict() for d in self.differences],
        }


def _reading_dict(r: Reading) -> dict:
    out = {"name": r.name, "held_by": r.held_by, "text": r.text, "default": r.default,
           "sources": [{"title": s.title, "url": s.url} for s in r.sources]}
    if r.default:
        out["default_because"] = r.default_because
    if r.duty:
        out["duty"] = r.duty
    return out


def _label(p: Provision) -> str | None:
    r = p.reading_applied
    return r.name if r else None


def _differ(findings) -> bool:
    """Readings differ when the status does, or the duty does on a finding that is not void."""
    findings = list(findings)
    if len({f.status for f in findings}) > 1:
        return True
    return findings[0].status != "not-triggered" and len({f.duty for f in findings}) > 1


def compare_readings(corpus: Corpus, scenario: Scenario, gazetteer=None) -> ReadingsComparison:
    """Evaluate ``scenario`` under the default and under every other reading in play."""
    base = evaluate(corpus, dataclasses.replace(scenario, reading=None), gazetteer)
    contested: dict[tuple[str, str], Provision] = {}
    for finding in base.findings:
        if finding.provision.readings:
            contested.setdefault((finding.instrument.id, finding.provision.id), finding.provision)
    names = [DEFAULT]
    for provision in contested.values():
        names += [r.name for r in provision.readings if not r.default and r.name not in names]
    answers = {DEFAULT: base}
    for name in names[1:]:
        answers[name] = evaluate(corpus, dataclasses.replace(scenario, reading=name), gazetteer)
    keyed: dict[tuple, dict[str, Finding]] = {}
    for name, answer in answers.items():
        for f in answer.findings:
            own = f.provision.readings
            if not own:
                continue
            label = _label(f.provision)
            if name != DEFAULT and label != name:
                continue  # this reading belongs to another provision: this one stays at its default
            keyed.setdefault((f.instrument.id, f.provision.id, f.party, f.beneficiary), {})[label] = f
    differences = []
    for (inst, prov, party, beneficiary), outcomes in keyed.items():
        if _differ(outcomes.values()):
            first = next(iter(outcomes.values()))
            differences.append(Difference(inst, first.article, prov, party, beneficiary, outcomes))
    return ReadingsComparison(scenario, tuple(names), tuple((k[0], p) for k, p in contested.items()),
                              tuple(differences), answers)
