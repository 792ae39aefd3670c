"""Engine semantics on the made-up test pact (independent of the real corpus)."""

from __future__ import annotations

import pytest

import casus
from casus.language.steps import STEP_KINDS


def ask(corpus, event="armed-attack", target="POL", **kw):
    kw.setdefault("on", "2016-06-01")
    kw.setdefault("by", "RUS")
    return casus.ask(corpus, event, target, **kw)


def one(answer, provision, party):
    found = [f for f in answer.findings if f.provision.id == provision and f.party == party]
    assert len(found) == 1, [(f.provision.id, f.party) for f in answer.findings]
    return found[0]


def test_missing_fact_is_undetermined_and_named(fixture_corpus):
    f = one(ask(fixture_corpus), "art-3", "LTU")
    assert f.status == "undetermined"
    assert f.missing == ("state-of-war",)
    assert any("not given" in r.condition and r.result is None for r in f.because)


@pytest.mark.parametrize("value,status", [(True, "triggered"), (False, "not-triggered")])
def test_giving_the_fact_resolves_it(fixture_corpus, value, status):
    f = one(ask(fixture_corpus, facts={"state-of-war": value}), "art-3", "LTU")
    assert f.status == status
    assert f.missing == ()


def test_procedure_is_listed_and_does_not_make_it_undetermined(fixture_corpus):
    f = one(ask(fixture_corpus, facts={"state-of-war": True}), "art-3", "LTU")
    assert f.status == "triggered"
    assert [s.text for s in f.procedure] == ["a request of the party attacked"]


def test_unknown_aggressor_is_missing_not_false(fixture_corpus):
    f = one(ask(fixture_corpus, by=(), facts={"state-of-war": True}), "art-3", "LTU")
    assert f.status == "undetermined"
    assert f.missing == ("by",)


def test_non_state_aggressor_fails_a_state_only_clause(fixture_corpus):
    f = one(ask(fixture_corpus, by="non-state", facts={"state-of-war": True}), "art-3", "LTU")
    assert f.status == "not-triggered"


@pytest.mark.parametrize("day,in_force", [
    ("2000-02-29", False), ("2000-03-01", True), ("2000-03-02", True),
    ("2029-12-31", True), ("2030-01-01", False), ("2030-01-02", False),
])
def test_entry_into_force_and_termination_boundaries(fixture_corpus, day, in_force):
    f = one(ask(fixture_corpus, event="threat-of-attack", target="POL", on=day), "art-4", "LTU")
    reason = f.because[0]
    assert reason.result is in_force
    assert ("not yet in force" in reason.condition) is (day < "2000-03-01")
    assert ("no longer in force" in reason.condition) is (day >= "2030-01-01")
    if not in_force:
        assert f.status == "not-triggered"
    elif day.startswith("2029"):
        assert f.status == "triggered"


@pytest.mark.parametrize("day,status", [
    ("2010-06-30", "triggered"), ("2010-07-01", "not-triggered"), ("2010-07-02", "not-triggered"),
    ("2014-12-31", "not-triggered"), ("2015-01-01", "triggered"), ("2015-01-02", "triggered"),
])
def test_withdrawal_and_reaccession_boundaries(fixture_corpus, day, status):
    f = one(ask(fixture_corpus, event="threat-of-attack", on=day), "art-4", "LTU")
    assert f.status == status
    if status == "not-triggered":
        assert "is not a party on" in f.because[2].condition


@pytest.mark.parametrize("day,status", [
    ("2011-12-31", "triggered"), ("2012-01-01", "not-triggered"), ("2012-12-31", "not-triggered"),
    ("2013-01-01", "triggered"),
])
def test_suspension_boundaries(fixture_corpus, day, status):
    f = one(ask(fixture_corpus, event="threat-of-attack", target="POL", on=day), "art-4", "LVA")
    assert f.status == status
    if status == "not-triggered":
        assert "participation is suspended" in f.because[2].condition


@pytest.mark.parametrize("day,status", [("2019-12-31", "triggered"), ("2020-01-01", "not-triggered"),
                                        ("2020-01-02", "not-triggered")])
def test_obligations_suspended_toward_one_party_only(fixture_corpus, day, status):
    toward_pol = one(ask(fixture_corpus, event="threat-of-attack", target="POL", on=day), "art-4", "LVA")
    toward_ltu = one(ask(fixture_corpus, event="threat-of-attack", target="LTU", on=day), "art-4", "LVA")
    assert toward_pol.status == status
    assert toward_ltu.status == "triggered"


def test_frozen_participation_keeps_the_party_bound_with_a_caveat(fixture_corpus):
    f = one(ask(fixture_corpus, event="threat-of-attack", target="LTU", on="2021-06-01"), "art-4", "LVA")
    assert f.status == "triggered"
    assert f.caveats == ("LVA says it froze its participation.",)


def test_scope_covers_territory_in_europe_and_forces_in_the_mediterranean(fixture_corpus):
    facts = {"state-of-war": True}
    at_home = one(ask(fixture_corpus, at="POL", facts=facts), "art-3", "LTU")
    at_sea = one(ask(fixture_corpus, at="mediterranean-sea", facts=facts), "art-3", "LTU")
    abroad = one(ask(fixture_corpus, at="US-HI", facts=facts), "art-3", "LTU")
    assert (at_home.status, at_sea.status, abroad.status) == ("triggered", "triggered", "not-triggered")
    assert any("US-HI" in r.condition and r.result is False for r in abroad.because)


def test_non_aggression_binds_the_aggressor_when_it_is_a_party(fixture_corpus):
    answer = ask(fixture_corpus, by="LTU", target="POL", facts={"state-of-war": True})
    f = one(answer, "art-1", "LTU")
    assert (f.duty, f.status, f.beneficiary) == ("non-aggression", "triggered", "POL")
    assert not [x for x in ask(fixture_corpus).findings if x.provision.id == "art-1"]


def test_findings_cover_every_other_party_so_why_not_is_answered(fixture_corpus):
    answer = ask(fixture_corpus, on="2011-06-01")
    parties = sorted(f.party for f in answer.findings if f.provision.id == "art-4")
    assert parties == ["LTU", "LVA"]
    ltu = one(answer, "art-4", "LTU")
    assert ltu.status == "not-triggered" and "withdrew 2010-07-01" in ltu.because[2].condition


def test_json_contract_shape(fixture_corpus):
    doc = ask(fixture_corpus).to_dict()
    assert doc["format"] == "casus.answer/1"
    assert set(doc["scenario"]) == {"event", "target", "by", "at", "on", "weapon", "facts", "reading"}
    required = {"instrument", "instrument_kind", "article", "provision", "party", "beneficiary", "duty",
                "modality", "status", "discretion", "procedure", "missing", "because", "sources"}
    for finding in doc["findings"]:
        assert required <= set(finding)
        assert finding["status"] in {"triggered", "undetermined", "not-triggered"}
        assert all(set(b) == {"condition", "result", "cite"} for b in finding["because"])
        assert [t["text"] for t in finding["trace"]] == [b["condition"] for b in finding["because"]]
        assert all(t["kind"] in STEP_KINDS for t in finding["trace"])
        assert all(set(s) == {"title", "url"} for s in finding["sources"])


def test_memoisation_never_leaks_between_scenarios(corpus):
    """Results do not depend on what was evaluated before (the corpus's evaluator remembers triggers).

    The questions differ in every field a memo key must hold: event, target,
    aggressors, place, date, weapon, facts and reading.  Each answer from a
    warm memo, in shuffled order, must equal the answer from an empty one.
    """
    import random

    from casus.engine.evaluate import evaluator

    base = [("armed-attack", "POL", "RUS", None), ("armed-attack", "POL", "DEU", None),
            ("armed-attack", "POL", "non-state", None), ("armed-attack", "USA", "CHN", "US-HI"),
            ("armed-attack", "USA", "CHN", "GU"), ("armed-attack", "ESP", "MAR", "ES-CE"),
            ("threat-of-attack", "BLR", "POL", None), ("armed-attack", "RUS", "UKR", "UA-43"),
            ("threat-of-attack", "LTU", "RUS", None), ("threat-of-attack", "RUS", "POL", None),
            ("internal-unrest", "BLR", (), None)]
    variants = [dict(on="2025-06-01"), dict(on="2024-06-01"), dict(on="2025-06-01", weapon="nuclear"),
                dict(on="2025-06-01", facts={"critical-threat": True}),
                dict(on="2025-06-01", facts={"critical-threat": False}),
                dict(on="2025-06-01", reading="defensive"),
                dict(on="2025-06-01", reading="reaches-internal-unrest")]
    questions = [(q, i) for q in base for i in range(len(variants))]

    def one(question):
        (event, target, by, at), i = question
        return casus.ask(corpus, event, target, by=by, at=at, **variants[i]).to_dict()

    fresh = {}
    for question in questions:
        evaluator(corpus).clear()
        fresh[question] = one(question)
    shuffled = list(questions)
    random.Random(7).shuffle(shuffled)
    evaluator(corpus).clear()
    warm = {question: one(question) for question in shuffled}
    assert warm == fresh
    # the variants do change answers, so a key that dropped a field would be caught
    for field_index in range(2, len(variants)):
        assert any(fresh[(q, 0)]["findings"] != fresh[(q, field_index)]["findings"] for q in base), \
            variants[field_index]


def test_offensive_pledge_binds_allies_toward_the_aggressor(fixture_corpus):
    answer = ask(fixture_corpus, target="DEU", by="LTU")
    found = {(f.party, f.beneficiary, f.status) for f in answer.findings if f.provision.id == "art-5-offence"}
    assert found == {("POL", "LTU", "triggered"), ("LVA", "LTU", "triggered")}


def test_offensive_pledge_never_has_the_target_join_the_attack_on_itself(fixture_corpus):
    answer = ask(fixture_corpus, target="POL", by="LTU")
    pol = one(answer, "art-5-offence", "POL")
    assert pol.status == "not-triggered" and "does not join the attack on itself" in pol.because[-1].condition


def test_an_instrument_reached_only_through_the_aggressor_gives_only_its_aggressor_pledges(corpus):
    # Poland is a NATO party, Belarus is not: NATO's Art. 1 binds Poland as the aggressor, but it is owed
    # among the parties, so it cannot hold toward Belarus and gives no finding (a "not triggered" row would
    # read as if Poland had no duty toward Belarus at all); NATO's Arts. 4 and 5 give none either.
    answer = casus.evaluate(corpus, casus.make_scenario(corpus, "armed-attack", "BLR", by="POL", on="2025-06-01"))
    assert [f for f in answer.findings if f.instrument.id == "north-atlantic-treaty-1949"] == []
    # the target's own instruments still give every provision
    assert {f.provision.id for f in answer.findings if f.instrument.id == "csto-collective-security-treaty-1992"} \
        == {"art-2-consultation", "art-4-collective-defence"}
    # between two parties the same pledge holds
    answer = casus.evaluate(corpus, casus.make_scenario(corpus, "armed-attack", "GRC", by="TUR", on="2025-06-01"))
    assert any(f.provision.id == "art-1-no-force" and f.party == "TUR" and f.status == "triggered"
               for f in answer.findings)


def test_each_operator_lists_exactly_the_facts_it_reads():
    """A trace step lists the facts its operator reads; the memo key reads the same list."""
    from casus.language.operators import OPERATORS
    from casus.model.instrument import Condition

    samples = {"fact": Condition("fact", ("state-of-war", True)), "scope": Condition("scope", "home")}
    for name, op in OPERATORS.items():
        cond = samples.get(name, Condition(name, ("x",)))
        from_reads = tuple(f[5:] for f in op.reads(cond) if f.startswith("fact:"))
        assert op.facts(cond) == from_reads, name


def _pact(tmp_path, *changes):
    """The test pact with ``changes`` (old, new) made to its text, loaded from a file of its own."""
    from pathlib import Path

    from casus.loader.corpus import load_files

    text = (Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "pact.yaml"
    path.write_text(text, encoding="utf-8")
    (inst,), problems = load_files([path])
    assert not problems, problems
    return inst


def test_a_bound_since_date_no_source_confirms_is_marked_unverified(tmp_path):
    """The date a party is bound since is marked when the event it rests on is not verified.

    That event is the party's own ratification or accession, or the entry into
    force when the party ratified earlier.  The dates below are the fixture's,
    written out here: entry into force 1 Mar 2000; POL ratified 1 Feb 2000;
    LTU ratified 15 May 2000, withdrew 1 Jul 2010, acceded 1 Jan 2015.
    """
    from datetime import date

    from casus.engine.evaluate import membership_step

    def since(inst, state, day):
        step = membership_step(inst, state, day, "party")[0]
        return step.result, step.get("since"), step.get("confidence"), step.condition

    accession = "{event: acceded, date: 2015-01-01, sources: [b]}"
    inst = _pact(tmp_path, (accession, accession[:-1] + ", confidence: unverified}"))
    assert since(inst, "LTU", date(2014, 12, 31))[0] is False
    result, start, confidence, words = since(inst, "LTU", date(2015, 1, 1))
    assert (result, start, confidence) == (True, date(2015, 1, 1), "unverified")
    assert words.endswith("(bound since 2015-01-01, a date not verified)")
    assert since(inst, "LTU", date(2005, 1, 1))[1:3] == (date(2000, 5, 15), None)  # its first period is sourced
    assert since(inst, "POL", date(2005, 1, 1))[1:3] == (date(2000, 3, 1), None)
    from casus.service.documents import instrument_dict

    parties = {p["state"]: p for p in instrument_dict(inst)["parties"]}  # casus show, and the treaty page
    assert [(b["from"], b["from_verified"]) for b in parties["LTU"]["bound"]] == \
        [("2000-05-15", True), ("2015-01-01", False)]

    eif = "{event: in-force, date: 2000-03-01, sources: [a, b]}"
    inst = _pact(tmp_path, (eif, eif[:-1] + ", confidence: unverified}"))
    assert since(inst, "POL", date(2000, 3, 1))[1:3] == (date(2000, 3, 1), "unverified")  # bound from entry into force
    assert since(inst, "LTU", date(2005, 1, 1))[1:3] == (date(2000, 5, 15), None)  # from its own ratification


@pytest.mark.parametrize("branch, on, moot", [
    # an alternative already holds on 2016-06-01: the fact is not needed
    ("any:\n          - during: {from: 2010-01-01}\n          - fact: state-of-war", "2016-06-01", True),
    # the alternative does not hold before 2010: the fact decides, so it is needed
    ("any:\n          - during: {from: 2010-01-01}\n          - fact: state-of-war", "2009-06-01", False),
    # a condition of an all already fails: the fact is not needed either
    ("all:\n          - during: {until: 2010-01-01}\n          - fact: state-of-war", "2016-06-01", True),
])
def test_a_fact_the_other_conditions_settle_is_marked_not_needed(tmp_path, branch, on, moot):
    import casus
    from casus.model.instrument import Corpus

    inst = _pact(tmp_path, ("        - fact: state-of-war\n    procedure:",
                            f"        - {branch}\n    procedure:"))
    answer = casus.ask(Corpus.of([inst]), "armed-attack", "POL", by="RUS", on=on, instruments=["test-pact"])
    finding = next(f for f in answer.findings if f.provision.id == "art-3" and f.party == "LTU")
    fact = next(s for s in finding.trace if s.kind == "fact")
    assert fact.result is None and fact.moot is moot
    assert ("(not needed: the other conditions settle it)" in fact.text) is moot
    assert ("moot" in fact.to_dict()) is moot
    assert ("state-of-war" in finding.missing) is not moot


def test_an_alternative_another_one_satisfies_is_not_shown_as_failing(tmp_path):
    import casus
    from casus.model.instrument import Corpus

    branch = "any:\n          - during: {from: 2010-01-01}\n          - event: [terrorist-attack]"
    inst = _pact(tmp_path, ("        - fact: state-of-war\n    procedure:", f"        - {branch}\n    procedure:"))
    answer = casus.ask(Corpus.of([inst]), "armed-attack", "POL", by="RUS", on="2016-06-01", instruments=["test-pact"])
    finding = next(f for f in answer.findings if f.provision.id == "art-3" and f.party == "LTU")
    assert finding.status == "triggered"
    alternative = [s for s in finding.trace if s.kind == "event"][-1]  # the any's second branch
    assert alternative.result is False and alternative.moot
    assert [s for s in finding.trace if s.result is False and not s.moot] == []


def test_a_date_long_after_the_latest_recorded_event_says_so(fixture_corpus):
    """The test pact's latest event so far is LTU's frozen participation of 1 Jan 2021 (its end, 2030, is to come)."""
    import datetime as dt

    def noted(on):
        return [n for n in ask(fixture_corpus, on=on).notes if n.startswith("The corpus records no event between")]

    assert noted("2021-03-31") == noted("2021-04-01") == []  # within 90 days of it
    assert noted("2021-04-02") == ["The corpus records no event between 2021-01-01 and 2021-04-02: a ratification, "
                                   "withdrawal or new instrument since then would not be in this answer."]
    assert noted(dt.date.today().isoformat())  # a question asked today, without a date
    assert noted("2019-01-01") == []  # before it
