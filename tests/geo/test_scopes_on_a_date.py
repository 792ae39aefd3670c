"""Scopes on the scenario's date: ``state: parties``, ``administered-by: parties`` and dated parts.

Uses a copy of the made-up test pact (tests/fixtures/corpus/test-pact.yaml)
with its scope rewritten, so the real corpus does not matter here.  In the
pact, LTU withdrew on 2010-07-01 and acceded again on 2015-01-01.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casus.engine import places as engine_places
from casus.engine.evaluate import evaluate
from casus.service.inputs import make_scenario
from casus.loader.corpus import load_corpus, load_files
from casus.model.instrument import PlacePredicate

PACT = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"
HOME = """    territory: {tag: europe}
    forces: {tag: mediterranean}
"""


def _pact(tmp_path, territory: str, forces: str) -> Path:
    text = PACT.read_text(encoding="utf-8")
    assert HOME in text
    text = text.replace(HOME, f"    territory: {territory}\n    forces: {forces}\n")
    folder = tmp_path / "pact"
    folder.mkdir()
    (folder / "test-pact.yaml").write_text(text, encoding="utf-8")
    return folder


def _status(corpus, on: str, at: str, target: str = "POL", party: str = "LVA") -> str:
    sc = make_scenario(corpus, "armed-attack", target, by="RUS", at=at, on=on,
                       facts={"state-of-war": True})
    found = [f for f in evaluate(corpus, sc).findings if f.provision.id == "art-3" and f.party == party]
    assert len(found) == 1
    return found[0].status


def test_parses_to_one_marker(tmp_path):
    folder = _pact(tmp_path, "{tag: europe}", "{all: [{tag: europe}, {state: parties}]}")
    (inst,) = load_files([folder / "test-pact.yaml"])[0]
    forces = inst.scopes["home"].forces
    assert forces.children[1] == PlacePredicate("state", engine_places.PARTIES)


@pytest.mark.parametrize("day, expected", [
    ("2010-06-30", "triggered"),        # LTU a party: an attack on Polish forces in Lithuania counts
    ("2010-07-01", "not-triggered"),    # LTU's withdrawal takes effect
    ("2010-07-02", "not-triggered"),
    ("2014-12-31", "not-triggered"),
    ("2015-01-01", "triggered"),        # LTU accedes again
    ("2015-01-02", "triggered"),
])
def test_state_parties_means_the_parties_on_the_date(tmp_path, day, expected):
    corpus = load_corpus([str(_pact(tmp_path, "{tag: europe}", "{all: [{tag: europe}, {state: parties}]}"))],
                         builtin=False)
    assert _status(corpus, day, "LTU") == expected


def test_administered_by_parties_follows_dated_administration(tmp_path):
    # Sevastopol: administered by Ukraine until 2014-02-27, unsettled until 2014-03-18, then by Russia.
    folder = _pact(tmp_path, "{tag: europe}", "{administered-by: parties}")
    text = (folder / "test-pact.yaml").read_text(encoding="utf-8").replace("  LVA:\n", "  UKR:\n    events:\n"
            "      - {event: acceded, date: 2005-06-01, sources: [a]}\n  LVA:\n", 1)
    (folder / "test-pact.yaml").write_text(text, encoding="utf-8")
    corpus = load_corpus([str(folder)], builtin=False)
    assert _status(corpus, "2014-02-26", "sevastopol") == "triggered"
    assert _status(corpus, "2014-02-27", "sevastopol") == "undetermined"
    assert _status(corpus, "2014-03-18", "sevastopol") == "not-triggered"


@pytest.mark.parametrize("day, expected", [
    ("2009-12-31", "not-triggered"), ("2010-01-01", "triggered"), ("2010-01-02", "triggered"),
])
def test_dated_part_of_a_scope(tmp_path, day, expected):
    corpus = load_corpus([str(_pact(tmp_path, "{tag: europe}",
                                    "{all: [{during: {from: 2010-01-01}}, {tag: mediterranean}]}"))],
                         builtin=False)
    assert _status(corpus, day, "mediterranean-sea") == expected


@pytest.mark.parametrize("forces, message", [
    ("{state: [POL, parties]}", "'state: parties' stands alone"),
    ("{administered-by: [parties]}", "'administered-by: parties' stands alone"),
    ("{during: {from: yesterday}}", "'during' takes"),
    ("{during: {from: 2010-01-01, until: 2009-01-01}}", "'until' must be after"),
    ("{state: partys}", "unknown state code 'partys'"),
])
def test_bad_place_predicates_are_reported(tmp_path, forces, message):
    folder = _pact(tmp_path, "{tag: europe}", forces)
    instruments, problems = load_files([folder / "test-pact.yaml"])
    assert instruments == []
    assert any(message in str(p) for p in problems), [str(p) for p in problems]
    assert any("scopes.home.forces" in str(p) for p in problems)




def test_a_parties_predicate_needs_the_instrument(g):
    with pytest.raises(ValueError):
        engine_places._predicate(PlacePredicate("state", engine_places.PARTIES), g.place("POL"))


def test_memoised_triggers_depend_on_the_date(corpus):
    # The same provision, target and place on two dates: the memo must not share the answer.
    def status(on):
        sc = make_scenario(corpus, "armed-attack", "JPN", by="PRK", at="JP-47", on=on)
        (f,) = [f for f in evaluate(corpus, sc).findings if f.provision.id == "art-5-armed-attack"]
        return f.status
    assert status(dt.date(1965, 6, 1)) == "not-triggered"
    assert status(dt.date(1975, 6, 1)) == "triggered"
    assert status(dt.date(1965, 6, 1)) == "not-triggered"


def test_no_scope_in_the_corpus_repeats_its_party_list(corpus):
    def codes(pred):
        if pred is None:
            return []
        if pred.op in ("all", "any", "not"):
            return [c for child in pred.children for c in codes(child)]
        if pred.op in ("state", "administered-by") and pred.arg != engine_places.PARTIES:
            return [tuple(pred.arg)]
        return []
    for inst in corpus.instruments:
        parties = set(inst.parties)
        if len(parties) < 2:
            continue
        for scope in inst.scopes.values():
            for listed in codes(scope.territory) + codes(scope.forces):
                assert not (len(listed) > 1 and set(listed) <= parties), \
                    f"{inst.id} scope {scope.id} lists parties {listed}; write 'parties'"
