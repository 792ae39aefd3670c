"""Scenario test files: load, expand and check them (no pytest here).

A scenario file is YAML::

    instrument: north-atlantic-treaty-1949   # default instrument for expectations
    corpus: [fixtures/extra]                 # optional extra folders, relative to the file
    cases:
      - name: Armed attack on Poland engages Art. 5 for every other party
        ask: {event: armed-attack, target: POL, by: RUS, on: 2025-06-01}
        expect:
          - {provision: art-5, party: DEU, status: triggered, modality: must}
          - {provision: art-5, party: all, status: triggered, count: 31}
          - {provision: art-6-nuclear, party: RUS, status: undetermined, missing: [critical-threat]}
          - {provision: art-5, party: POL, absent: true}
          - {provision: art-5, party: USA, because: "in force"}   # substring of a condition
          - {provision: art-5, party: USA, caveat: "Hawaii"}      # substring of a caveat
      - name: Sweden's accession
        boundary: {date: 2024-03-07, before: not-triggered, on: triggered, after: triggered}
        ask: {event: armed-attack, target: SWE, by: RUS}
        expect: [{provision: art-5, party: DEU}]

A ``boundary`` case becomes three cases (the day before, the day of and the
day after ``date``) whose expectations take their status from the boundary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_EXPECT_KEYS = {"instrument", "provision", "party", "beneficiary", "status", "modality", "duty",
                "missing", "count", "absent", "because", "discretion", "procedure", "caveat"}
_ASK_KEYS = {"event", "target", "by", "at", "on", "weapon", "facts"}


class ScenarioFileError(Exception):
    pass


@dataclass
class Case:
    name: str
    ask: dict
    expect: list[dict]
    file: str
    boundary: str | None = None  # "before", "on", "after"
    boundary_date: dt.date | None = None
    extra_corpus: tuple[str, ...] = field(default_factory=tuple)


def _on_keys(value):
    """YAML 1.1 reads a bare ``on:`` key as the boolean true; give it back its name."""
    if isinstance(value, dict):
        return {("on" if k is True else k): _on_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_on_keys(v) for v in value]
    return value


def load_cases(path: Path) -> list[Case]:
    data = _on_keys(yaml.safe_load(path.read_text(encoding="utf-8")))
    if not isinstance(data, dict) or "cases" not in data:
        raise ScenarioFileError(f"{path}: a scenario file is a mapping with a 'cases' list")
    unknown = set(data) - {"instrument", "corpus", "cases"}
    if unknown:
        raise ScenarioFileError(f"{path}: unknown top-level key(s) {sorted(unknown)}")
    default_instrument = data.get("instrument")
    extra = tuple(str((path.parent / d).resolve()) for d in data.get("corpus", []))
    out: list[Case] = []
    for i, raw in enumerate(data["cases"]):
        where = f"{path.name} case {i + 1}"
        if not isinstance(raw, dict) or "name" not in raw or "ask" not in raw:
            raise ScenarioFileError(f"{where}: each case needs name and ask")
        unknown = set(raw) - {"name", "ask", "expect", "boundary"}
        if unknown:
            raise ScenarioFileError(f"{where}: unknown key(s) {sorted(unknown)}")
        if set(raw["ask"]) - _ASK_KEYS:
            raise ScenarioFileError(f"{where}: unknown ask key(s) {sorted(set(raw['ask']) - _ASK_KEYS)}")
        expects = []
        for e in raw.get("expect", []):
            if set(e) - _EXPECT_KEYS:
                raise ScenarioFileError(f"{where}: unknown expect key(s) {sorted(set(e) - _EXPECT_KEYS)}")
            e = dict(e)
            e.setdefault("instrument", default_instrument)
            if e["instrument"] is None:
                raise ScenarioFileError(f"{where}: expectation without instrument")
            expects.append(e)
        if not expects:
            raise ScenarioFileError(f"{where}: a case needs at least one expectation")
        boundary = raw.get("boundary")
        if boundary is None:
            out.append(Case(raw["name"], dict(raw["ask"]), expects, str(path), extra_corpus=extra))
            continue
        day = boundary["date"]
        for label, offset in (("before", -1), ("on", 0), ("after", 1)):
            ask = dict(raw["ask"], on=day + dt.timedelta(days=offset))
            status = boundary[label]
            exp = [dict(e, status=e.get("status", status)) if not e.get("absent") else e for e in expects]
            out.append(Case(f"{raw['name']} [{label} {day}]", ask, exp, str(path), label, day, extra))
    return out


def check(case: Case, answer) -> list[str]:
    """Return the failed expectations of a case, as readable lines (empty when it passes)."""
    failures = []
    for e in case.expect:
        matches = [f for f in answer.findings if _matches(f, e)]
        label = ", ".join(f"{k}={e[k]}" for k in ("instrument", "provision", "party", "beneficiary") if e.get(k))
        if e.get("absent"):
            if matches:
                failures.append(f"expected no finding for {label}, found {len(matches)}")
            continue
        if not matches:
            failures.append(f"no finding for {label}")
            continue
        if "count" in e and len(matches) != e["count"]:
            failures.append(f"{label}: expected {e['count']} findings, found {len(matches)}")
        for f in matches:
            for key in ("status", "modality", "duty"):
                if key in e and getattr(f, key) != e[key]:
                    failures.append(f"{label} party={f.party}: {key} is {getattr(f, key)}, expected {e[key]}"
                                    + _explain(f))
            if "discretion" in e and f.discretion.code != e["discretion"]:
                failures.append(f"{label} party={f.party}: discretion is {f.discretion.code}, expected {e['discretion']}")
            if "missing" in e and sorted(f.missing) != sorted(e["missing"]):
                failures.append(f"{label} party={f.party}: missing is {list(f.missing)}, expected {e['missing']}")
            if "because" in e and not any(e["because"] in r.condition for r in f.because):
                failures.append(f"{label} party={f.party}: no condition mentions {e['because']!r}" + _explain(f))
            if "caveat" in e and not any(e["caveat"] in c for c in f.caveats + f.provision.caveats):
                failures.append(f"{label} party={f.party}: no caveat mentions {e['caveat']!r}")
            if "procedure" in e and len(f.procedure) != e["procedure"]:
                failures.append(f"{label} party={f.party}: {len(f.procedure)} procedure steps, expected {e['procedure']}")
    return failures


def _matches(f, e: dict) -> bool:
    if f.instrument.id != e["instrument"]:
        return False
    if e.get("provision") and f.provision.id != e["provision"]:
        return False
    if e.get("beneficiary") and f.beneficiary != e["beneficiary"]:
        return False
    party = e.get("party", "all")
    if party != "all":
        parties = party if isinstance(party, list) else [party]
        if f.party not in parties:
            return False
    return True


def _explain(f) -> str:
    lines = [f"    {'✓' if r.result else '✗' if r.result is False else '?'} {r.condition}" for r in f.because]
    return "\n" + "\n".join(lines)
