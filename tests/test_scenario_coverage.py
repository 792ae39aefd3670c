"""Every instrument has scenario tests, and every date on which membership or
force changes has a boundary case (the day before, of and after)."""

from __future__ import annotations

from pathlib import Path

from casus.testing.scenarios import load_cases

SCENARIOS = Path(__file__).parent / "scenarios"


def _cases():
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        out += load_cases(path)
    return out


def change_dates(inst) -> set:
    dates = set()
    for interval in inst.in_force:
        dates.add(interval.start)
        if interval.end:
            dates.add(interval.end)
    for party in inst.parties.values():
        spans = list(party.bound) + list(party.suspended) + [i for _, i in party.suspended_toward]
        for interval in spans:
            dates.add(interval.start)
            if interval.end:
                dates.add(interval.end)
    return dates


def test_every_instrument_has_scenarios(corpus):
    tested = {e["instrument"] for case in _cases() for e in case.expect}
    untested = [i.id for i in corpus.instruments if i.id not in tested]
    assert not untested, f"instruments without scenario tests: {untested}"


def test_every_membership_change_has_a_boundary_case(corpus):
    covered: dict[str, set] = {}
    for case in _cases():
        if case.boundary_date is None:
            continue
        for e in case.expect:
            covered.setdefault(e["instrument"], set()).add(case.boundary_date)
    gaps = []
    for inst in corpus.instruments:
        for day in sorted(change_dates(inst) - covered.get(inst.id, set())):
            gaps.append(f"{inst.id}: {day}")
    assert not gaps, "dates without a boundary case:\n" + "\n".join(gaps)
