"""Kinds other than treaty, and the duty not to help an aggressor, in answers and cascades.

A made-up two-party pact (AND and MCO) is written with each kind and duty, so
the same provision can be seen to draw MCO in as a treaty and not as a
declaration or as a duty to abstain.
"""

from __future__ import annotations

import pytest

import casus
from casus.engine.cascade import JOIN_DUTIES, NEVER_JOIN_KINDS, cascade
from casus.loader.corpus import load_corpus
from casus.model import vocabulary

PACT = """\
casus_format: 1
id: pact-{kind}-{duty}
kind: {kind}
title: Fixture pact ({kind}, {duty})
short_title: fixture {kind}
summary: A made-up instrument used only by the test suite.
sources:
  a: {{title: "Fixture source", url: https://example.org/kinds}}
lifecycle:
  - {{event: signed, date: 2001-01-01, sources: [a]}}
{in_force}parties:
  AND:
    events:
      - {{event: signed, date: 2001-01-01, sources: [a]}}
{ratified}  MCO:
    events:
      - {{event: signed, date: 2001-01-01, sources: [a]}}
{ratified}provisions:
  - id: art-1
    article: "1"
    title: fixture clause
    text: Each party acts for the other against an armed attack.
    sources: [a]
    modality: must
    duty: {duty}
    discretion: {{code: all-means, wording: "all means"}}
    bound: others
    when: {{event: [armed-attack]}}
"""


def _corpus(tmp_path, kind: str, duty: str):
    in_force = "  - {event: in-force, date: 2001-02-01, sources: [a]}\n" \
        if kind in ("treaty", "executive-agreement") else ""
    ratified = "      - {event: ratified, date: 2001-01-15, sources: [a]}\n" if kind == "treaty" else ""
    folder = tmp_path / f"{kind}-{duty}"
    folder.mkdir()
    (folder / "pact.yaml").write_text(PACT.format(kind=kind, duty=duty, in_force=in_force, ratified=ratified),
                                      encoding="utf-8")
    return load_corpus([str(folder)], builtin=False)


def _joins(corpus, on="2020-01-01"):
    sc = casus.make_scenario(corpus, "armed-attack", "AND", by="LIE", on=on)
    return {j.state: j for j in cascade(corpus, sc, "reciprocal").joins() if j.round > 0}


def test_a_treaty_with_a_military_assistance_duty_draws_the_other_party_in(tmp_path):
    joins = _joins(_corpus(tmp_path, "treaty", "military-assistance"))
    assert set(joins) == {"MCO"} and joins["MCO"].side == "target" and joins["MCO"].binding


def test_the_same_clause_in_a_declaration_draws_nobody_in(tmp_path):
    corpus = _corpus(tmp_path, "declaration", "military-assistance")
    sc = casus.make_scenario(corpus, "armed-attack", "AND", by="LIE", on="2020-01-01")
    finding = next(f for f in casus.ask(corpus, "armed-attack", "AND", by="LIE", on="2020-01-01").findings)
    assert finding.status == "triggered" and finding.instrument.kind == "declaration"  # it is reported ...
    assert _joins(corpus) == {}                                                        # ... but joins no side
    assert cascade(corpus, sc, "reciprocal").left_out == 0


@pytest.mark.parametrize("kind", ["treaty", "executive-agreement", "declaration", "unilateral-act"])
def test_a_duty_not_to_help_the_aggressor_never_makes_a_state_join(tmp_path, kind):
    corpus = _corpus(tmp_path, kind, "non-assistance-to-aggressor")
    answer = casus.ask(corpus, "armed-attack", "AND", by="LIE", on="2020-01-01")
    assert [f.status for f in answer.findings] == ["triggered"]
    assert _joins(corpus) == {}


@pytest.mark.parametrize("kind", ["executive-agreement", "unilateral-act"])
def test_other_kinds_can_join_but_never_as_binding(tmp_path, kind):
    joins = _joins(_corpus(tmp_path, kind, "military-assistance"))
    assert set(joins) == {"MCO"} and not joins["MCO"].binding


def test_an_executive_agreement_applies_from_entry_into_force_not_signature(tmp_path):
    corpus = _corpus(tmp_path, "executive-agreement", "military-assistance")
    before = casus.ask(corpus, "armed-attack", "AND", by="LIE", on="2001-01-31").findings[0]
    on = casus.ask(corpus, "armed-attack", "AND", by="LIE", on="2001-02-01").findings[0]
    assert (before.status, on.status) == ("not-triggered", "triggered")


def test_vocabulary_keeps_the_new_duty_and_kinds_out_of_joining():
    assert "non-assistance-to-aggressor" in vocabulary.DUTIES
    assert "non-assistance-to-aggressor" not in JOIN_DUTIES
    assert set(NEVER_JOIN_KINDS) == {"declaration"}
    for kind in ("executive-agreement", "declaration", "unilateral-act"):
        assert kind in vocabulary.KINDS


def test_the_russia_iran_treaty_never_draws_russia_to_iran_side(corpus):
    sc = casus.make_scenario(corpus, "armed-attack", "IRN", by="ISR", on="2025-11-01")
    answer = casus.ask(corpus, "armed-attack", "IRN", by="ISR", on="2025-11-01")
    assert any(f.instrument.id == "russia-iran-partnership-2025" and f.party == "RUS"
               and f.status == "triggered" for f in answer.findings)
    assert "RUS" not in {j.state for j in cascade(corpus, sc, "reciprocal").joins()}


def test_the_terminal_answer_lists_a_declaration_under_not_treaty_obligations(tmp_path):
    from rich.console import Console

    from casus.render.answer import render

    corpus = _corpus(tmp_path, "declaration", "military-assistance")
    console = Console(record=True, width=200)
    render(casus.ask(corpus, "armed-attack", "AND", by="LIE", on="2020-01-01"), console)
    text = console.export_text()
    assert "(not treaty obligations), including declarations" in text
    assert "Treaty obligations and permissions" not in text
