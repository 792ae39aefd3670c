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

A case may also run a cascade and check who joins which side::

      - name: Under reciprocal escalation the cascade reaches a second round
        ask: {event: armed-attack, target: BLR, by: POL, on: 2025-06-01}
        cascade: {escalation: reciprocal, depth: 3, binding_only: false}
        expect_cascade:
          - {state: RUS, side: target, round: 1, via: union-state-security-guarantees-2024, article: "4(1)"}
          - {state: PRK, round: 2, status: undetermined, binding: true}
          - {state: USA, absent: true}
          - {rounds: 3}                          # rounds after round 0
          - {side: target, count: 8}             # states on that side, round 0 included
          - {conflict: non-aggression, states: [KAZ, KGZ]}
          - {truncated: false}
          - {state: FRA, also_via: [france-poland-nancy-2025], not_via: [uk-germany-kensington-2025]}

``ask`` may name a ``reading`` of contested provisions.

A ``boundary`` case becomes three cases (the day before, the day of and the
day after ``date``) whose expectations take their status from the boundary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


_EXPECT_KEYS = {"instrument", "provision", "party", "beneficiary", "status", "modality", "duty",
                "missing", "count", "absent", "because", "discretion", "procedure", "caveat"}
_ASK_KEYS = {"event", "target", "by", "at", "on", "weapon", "facts", "reading"}
_CASCADE_KEYS = {"escalation", "depth", "binding_only"}
_EXPECT_CASCADE_KEYS = {"state", "side", "round", "via", "article", "beneficiary", "status", "binding",
                        "absent", "rounds", "count", "conflict", "states", "truncated", "also_via", "not_via"}


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
    cascade: dict | None = None
    expect_cascade: list[dict] = field(default_factory=list)


def _on_keys(value):
    """YAML 1.1 reads a bare ``on:`` key as the boolean true; give it back its name."""
    if isinstance(value, dict):
        return {("on" if k is True else k): _on_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_on_keys(v) for v in value]
    return value


def _read_yaml(path: Path):
    """The file's data, read like a treaty file: a duplicate key or bad YAML is an error naming file and line."""
    from casus.loader.yamlsrc import load

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioFileError(f"{path}: cannot read: {exc}") from None
    doc = load(text, str(path))
    if doc.problems:
        raise ScenarioFileError("\n".join(str(p) for p in doc.problems))
    return doc.data


def load_cases(path: Path) -> list[Case]:
    data = _on_keys(_read_yaml(path))
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
        unknown = set(raw) - {"name", "ask", "expect", "boundary", "cascade", "expect_cascade"}
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
        cascade = raw.get("cascade")
        expect_cascade = [dict(e) for e in raw.get("expect_cascade", [])]
        if (cascade is None) != (not expect_cascade):
            raise ScenarioFileError(f"{where}: cascade: and expect_cascade: go together")
        if cascade is not None and set(cascade) - _CASCADE_KEYS:
            raise ScenarioFileError(f"{where}: unknown cascade key(s) {sorted(set(cascade) - _CASCADE_KEYS)}")
        for e in expect_cascade:
            if set(e) - _EXPECT_CASCADE_KEYS:
                raise ScenarioFileError(f"{where}: unknown expect_cascade key(s) "
                                        f"{sorted(set(e) - _EXPECT_CASCADE_KEYS)}")
        if not expects and not expect_cascade:
            raise ScenarioFileError(f"{where}: a case needs at least one expectation")
        boundary = raw.get("boundary")
        if boundary is None:
            out.append(Case(raw["name"], dict(raw["ask"]), expects, str(path), extra_corpus=extra,
                            cascade=cascade, expect_cascade=expect_cascade))
            continue
        if cascade is not None:
            raise ScenarioFileError(f"{where}: a boundary case checks findings, not a cascade")
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


def check_cascade(case: Case, cascade) -> list[str]:
    """Return the failed cascade expectations of a case (empty when it passes)."""
    failures = []
    joins = {j.state: j for j in cascade.joins()}
    for e in case.expect_cascade:
        if "rounds" in e and len(cascade.rounds) - 1 != e["rounds"]:
            failures.append(f"expected {e['rounds']} round(s) after round 0, got {len(cascade.rounds) - 1}"
                            + _sides(cascade))
        if "truncated" in e and cascade.truncated != e["truncated"]:
            failures.append(f"truncated is {cascade.truncated}, expected {e['truncated']}")
        if "conflict" in e:
            wanted = set(e.get("states", ()))
            found = [c for c in cascade.conflicts if c.kind == e["conflict"] and wanted <= set(c.states)]
            if bool(found) == bool(e.get("absent")):
                failures.append(f"conflict {e['conflict']} {sorted(wanted)}: "
                                + ("found, expected none" if found else "not reported")
                                + "".join(f"\n    {c.kind}: {c.text}" for c in cascade.conflicts))
            continue
        if "count" in e:
            members = cascade.side(e["side"])
            if len(members) != e["count"]:
                failures.append(f"{e['side']} side has {len(members)} states, expected {e['count']}: {members}")
            continue
        state = e.get("state")
        if state is None:
            continue
        join = joins.get(state)
        if e.get("absent"):
            if join is not None:
                failures.append(f"{state}: expected not to join, joined the {join.side} side in round {join.round}")
            continue
        if join is None:
            failures.append(f"{state}: expected to join, did not" + _sides(cascade))
            continue
        for key, actual in (("side", join.side), ("round", join.round), ("status", join.status),
                            ("binding", join.binding),
                            ("via", join.via.instrument if join.via else None),
                            ("article", join.via.article if join.via else None),
                            ("beneficiary", join.via.beneficiary if join.via else None)):
            if key in e and actual != e[key]:
                failures.append(f"{state}: {key} is {actual}, expected {e[key]}")
        routes = {v.instrument for v in ((join.via,) if join.via else ()) + tuple(join.also_via)}
        for wanted in e.get("also_via", ()):
            if wanted not in routes:
                failures.append(f"{state}: no route through {wanted}; routes: {sorted(routes)}")
        for unwanted in e.get("not_via", ()):
            if unwanted in routes:
                failures.append(f"{state}: joins through {unwanted}, expected no such route")
    return failures


def _sides(cascade) -> str:
    return "".join(f"\n    round {j.round}: {j.state} ({j.side})" for j in cascade.joins())


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
