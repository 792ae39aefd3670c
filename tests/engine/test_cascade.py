"""Cascade analysis over made-up pacts: rounds, sides, conflicts, assumptions.

The scenario files tests/scenarios/cascades.yaml and cascade-conflicts.yaml
check the same engine against the built-in corpus as data; these tests pin
down the rules themselves.
"""

from __future__ import annotations

import pytest

import casus
from casus.engine.cascade import cascade
from casus.errors import InputError

from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def pacts():
    from casus.loader.corpus import load_corpus

    return load_corpus([str(FIXTURES / "cascade")], builtin=False)


def scenario(corpus, **kw):
    args = dict(event="armed-attack", target="AND", by="LIE", on="2020-01-01") | kw
    return casus.make_scenario(corpus, args.pop("event"), args.pop("target"), **args)


def test_round_zero_is_the_scenario_itself(pacts):
    result = cascade(pacts, scenario(pacts))
    first = result.rounds[0]
    assert [(j.state, j.side, j.via) for j in first] == [("AND", "target", None), ("LIE", "aggressor", None)]


def test_none_evaluates_the_original_event_only(pacts):
    result = cascade(pacts, scenario(pacts), "none")
    assert len(result.rounds) == 2
    assert sorted(j.state for j in result.rounds[1]) == ["CHE", "MCO"]
    assert "SMR" not in result.side("target")
    assert "only the original armed-attack" in result.assumption


def test_reciprocal_reaches_the_allies_of_those_who_joined(pacts):
    result = cascade(pacts, scenario(pacts), "reciprocal")
    smr = next(j for j in result.joins() if j.state == "SMR")
    assert (smr.round, smr.side, smr.via.instrument, smr.via.beneficiary) == (2, "target", "pact-mco-smr", "MCO")
    assert "assumption, not a finding" in result.assumption


def test_depth_stops_a_reciprocal_cascade_and_says_so(pacts):
    result = cascade(pacts, scenario(pacts), "reciprocal", depth=1)
    assert len(result.rounds) == 2 and result.truncated
    assert cascade(pacts, scenario(pacts), "reciprocal", depth=5).truncated is False


def test_a_state_drawn_to_both_sides_is_reported_not_silently_placed(pacts):
    result = cascade(pacts, scenario(pacts))
    both = [c for c in result.conflicts if c.kind == "both-sides"]
    assert [c.states for c in both] == [("CHE",)]
    assert {v.instrument for v in both[0].via} == {"pact-che-and", "pact-che-lie-offence"}


def test_an_offensive_pledge_joins_the_aggressor_side_when_nothing_else_pulls(pacts, tmp_path):
    from casus.loader.corpus import load_corpus

    source = (FIXTURES / "cascade" / "pact-che-lie-offence.yaml").read_text(encoding="utf-8")
    (tmp_path / "offence.yaml").write_text(source, encoding="utf-8")
    only = load_corpus([str(tmp_path)], builtin=False)
    result = cascade(only, casus.make_scenario(only, "armed-attack", "AND", by="LIE", on="2020-01-01"))
    che = next(j for j in result.joins() if j.state == "CHE")
    assert (che.side, che.via.duty, che.via.beneficiary) == ("aggressor", "offensive-support", "LIE")


def test_a_loop_over_three_links_is_a_cycle_but_a_mutual_pact_is_not(pacts):
    result = cascade(pacts, scenario(pacts), "reciprocal")
    cycles = [c for c in result.conflicts if c.kind == "cycle"]
    assert [set(c.states) for c in cycles] == [{"AND", "MCO", "SMR"}]
    assert result.mutual_links >= 2


def test_before_entry_into_force_nobody_joins(pacts):
    result = cascade(pacts, scenario(pacts, on="2001-01-31"), "reciprocal")
    assert len(result.rounds) == 1
    assert len(cascade(pacts, scenario(pacts, on="2001-02-01"), "reciprocal").rounds) > 1


def test_binding_only_leaves_out_discretionary_routes(corpus):
    sc = casus.make_scenario(corpus, "armed-attack", "POL", by="RUS", on="2025-06-01")
    full = cascade(corpus, sc)
    assert "USA" in full.side("target") and not next(j for j in full.joins() if j.state == "USA").binding
    strict = cascade(corpus, sc, binding_only=True)
    # TEU Art. 42(7) binds the 26 other EU Member States without discretion; NATO's Art. 5 is left out
    assert strict.side("target")[0] == "POL" and len(strict.side("target")) == 27 and strict.left_out >= 31
    assert "USA" not in strict.side("target") and "DEU" in strict.side("target")


def test_undetermined_links_make_the_rest_of_the_chain_undetermined(corpus):
    sc = casus.make_scenario(corpus, "armed-attack", "BLR", by="POL", on="2025-06-01")
    joins = {j.state: j for j in cascade(corpus, sc, "reciprocal").joins()}
    assert joins["PRK"].status == "undetermined" and joins["PRK"].via.missing == ("state-of-war",)
    assert joins["CHN"].status == "undetermined"
    assert joins["RUS"].status == "triggered"


def test_a_frozen_participation_travels_with_the_join(corpus):
    sc = casus.make_scenario(corpus, "armed-attack", "BLR", by="POL", on="2025-06-01")
    arm = next(j for j in cascade(corpus, sc).joins() if j.state == "ARM")
    assert any("froze" in c or "frozen" in c for c in arm.via.caveats)


def test_non_state_aggressor_side(corpus):
    sc = casus.make_scenario(corpus, "terrorist-attack", "BLR", on="2025-06-01")
    result = cascade(corpus, sc, "reciprocal")
    assert result.non_state and result.side("aggressor") == []
    assert result.to_dict()["non_state_aggressor"] is True


def test_json_shape(corpus):
    sc = casus.make_scenario(corpus, "armed-attack", "BLR", by="POL", on="2025-06-01")
    doc = cascade(corpus, sc, "reciprocal").to_dict()
    assert set(doc) >= {"assumption", "rounds", "sides", "conflicts"}
    rus = next(j for r in doc["rounds"] for j in r if j["state"] == "RUS")
    assert rus["via"]["instrument"] == "union-state-security-guarantees-2024"
    assert {"instrument", "article", "beneficiary"} <= set(rus["via"])
    assert doc["sides"]["aggressor"] == ["POL"]


@pytest.mark.parametrize("kwargs, message", [
    ({"escalation": "total"}, "unknown escalation 'total'"),
    ({"depth": 0}, "the depth must be at least 1"),
])
def test_bad_options_are_input_errors(pacts, kwargs, message):
    with pytest.raises(InputError, match=message):
        cascade(pacts, scenario(pacts), **kwargs)


def test_a_join_that_needs_a_decision_is_shown_apart_and_left_out_by_binding_only(corpus):
    """CSTO Art. 4 has needed a Council decision in practice: its joins are neither binding nor discretionary."""
    sc = casus.make_scenario(corpus, "armed-attack", "BLR", by="POL", on="2025-06-01")
    joins = {j.state: j for j in cascade(corpus, sc).joins()}
    kaz = joins["KAZ"]
    assert (kaz.binding, kaz.decision) == (False, True)
    assert kaz.via.decision and "Collective Security Council" in kaz.via.decision
    assert (joins["RUS"].binding, joins["RUS"].decision) == (True, False)
    strict = cascade(corpus, sc, binding_only=True)
    assert "KAZ" not in strict.side("target") and "RUS" in strict.side("target")
    assert strict.left_out_decision >= 4 and strict.to_dict()["left_out_decision"] == strict.left_out_decision
