"""The claims corpus as data: one expectation file per claim, each with the verdict expected and why.

The expectations were written from the provisions (the reasons say which),
not copied from the output; a change in a treaty file that changes a
verdict shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from casus.model.vocabulary import VERDICTS

HERE = Path(__file__).parent
CASES = sorted(HERE.glob("*.yaml"))
CORPUS_CLAIMS = Path(__file__).parents[2] / "corpus" / "claims"


@pytest.fixture(scope="module")
def verdicts(corpus):
    from casus.service import claims as service

    return {cv.claim.id: cv for cv in service.claims(corpus).claims}


def _expectations(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["claim"], data["expect"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_claim_gives_the_expected_verdicts(path, verdicts):
    claim_id, expected = _expectations(path)
    assert claim_id == path.stem
    cv = verdicts[claim_id]
    assert len(expected) == len(cv.verdicts), "every verdict of the claim has an expectation"
    for e in expected:
        assert e["why"].strip(), "each expectation says why"
        assertion = cv.claim.assertions[e["assertion"]]
        found = [v for v in cv.verdicts if v.assertion is assertion and v.scenario_name == e["scenario"]]
        assert len(found) == 1, (e["assertion"], e["scenario"])
        v = found[0]
        assert v.verdict == e["verdict"], f"{claim_id} {e['scenario']}: {v.verdict} ({v.texts})"
        for q, want in e.get("qualifiers", {}).items():
            got = {c.qualifier: c.verdict for c in v.qualifiers}
            assert got[q] == want, (q, got)
        deciding = {f"{f.instrument.id} {f.article}" for f in v.findings}
        for ref in e.get("deciding", []):
            assert ref in deciding, (ref, deciding)
        by_reading = {r.reading: r.verdict for r in v.readings}
        for reading, want in e.get("readings", {}).items():
            assert by_reading[reading] == want, (reading, by_reading)
        for branch in e.get("facts", []):
            given = branch["given"]
            match = [b for b in v.facts if dict(b.facts) == given]
            assert match and match[0].verdict == branch["verdict"], (given, [(dict(b.facts), b.verdict) for b in v.facts])


def test_every_claim_has_an_expectation_file_and_back():
    claims = {p.stem for p in CORPUS_CLAIMS.glob("*.yaml")}
    tests = {p.stem for p in CASES}
    assert claims == tests


def test_every_verdict_kind_is_expected_somewhere():
    kinds = set()
    for path in CASES:
        _, expected = _expectations(path)
        for e in expected:
            kinds.add(e["verdict"])
            kinds |= set(e.get("qualifiers", {}).values())
    assert kinds >= set(VERDICTS), set(VERDICTS) - kinds


def test_the_whole_corpus_loads_and_every_claim_cites_a_source(corpus):
    from casus.service import claims as service

    result = service.claims(corpus)
    assert len(result.claims) == len(list(CORPUS_CLAIMS.glob("*.yaml")))
    for cv in result.claims:
        c = cv.claim
        assert c.url.startswith(("http://", "https://")) and c.quote and len(c.quote.split()) <= 14


def test_claims_are_balanced_across_sides():
    from casus.loader.claims import claim_files, load_or_raise

    sides = {c.side for c in load_or_raise(claim_files([CORPUS_CLAIMS.parent]))}
    for side in ("BLR", "RUS", "USA", "PRK", "KAZ", "ARM", "POL", "ESP", "DNK", "CHN", "international", "media"):
        assert side in sides, side
