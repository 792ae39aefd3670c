"""Every term of the closed vocabularies is documented, and every provision is sourced."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.language.operators import CONDITION_OPS
from casus.loader.conditions import PREDICATE_OPS
from casus.model import vocabulary

DOCS = Path(__file__).parent.parent / "docs"
FORMAT = (DOCS / "treaty-format.md").read_text(encoding="utf-8")
CONTRACT = (DOCS / "json-contract.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", ["EVENTS", "WEAPONS", "DUTIES", "MODALITIES", "DISCRETION", "KINDS",
                                   "PARTY_EVENTS", "LIFECYCLE_EVENTS", "CONFIDENCE", "PRACTICE_KINDS"])
def test_vocabulary_is_documented_in_the_format_guide(table):
    missing = [word for word in getattr(vocabulary, table) if f"`{word}`" not in FORMAT]
    assert not missing, f"{table}: not in docs/treaty-format.md: {missing}"


def test_condition_operators_are_documented():
    """Each operator appears as itself (`op` or `op: ...`), not merely as the prefix of another."""
    import re

    missing = [op for op in CONDITION_OPS + PREDICATE_OPS
               if not re.search(rf"`{re.escape(op)}(`|:)", FORMAT)]
    assert not missing


def test_json_contract_documents_every_finding_field(fixture_corpus):
    import casus

    doc = casus.ask(fixture_corpus, "armed-attack", "POL", by="RUS", on="2016-01-01").to_dict()
    fields = set(doc) | set(doc["scenario"]) | {k for f in doc["findings"] for k in f}
    missing = [name for name in fields if f"`{name}`" not in CONTRACT]
    assert not missing, f"not in docs/json-contract.md: {missing}"
    for word in list(vocabulary.DUTIES) + list(vocabulary.STATUSES) + list(vocabulary.MODALITIES):
        assert f"`{word}`" in CONTRACT, word


def test_json_contract_documents_the_cascade_and_readings_objects(corpus):
    import casus
    from casus.engine.cascade import cascade
    from casus.engine.readings import compare_readings

    scenario = casus.make_scenario(corpus, "threat-of-attack", "RUS", by="POL", on="2025-06-01")
    doc = cascade(corpus, scenario, "reciprocal").to_dict()
    joins = [j for r in doc["rounds"] for j in r]
    fields = set(doc) | {k for j in joins for k in j} | {k for j in joins if j["via"] for k in j["via"]}
    readings = compare_readings(corpus, scenario).to_dict()
    fields |= set(readings) | {k for d in readings["differences"] for k in d}
    fields |= {k for d in readings["differences"] for r in d["by_reading"].values() for k in r}
    assert readings["differences"], "the scenario should engage a contested reading"
    missing = [name for name in fields if f"`{name}`" not in CONTRACT]
    assert not missing, f"not in docs/json-contract.md: {missing}"


def test_every_provision_cites_an_article_and_a_source_with_an_address(corpus):
    for inst in corpus.instruments:
        for p in inst.provisions:
            assert p.article.strip(), (inst.id, p.id)
            assert any(s.url for s in p.sources), (inst.id, p.id)
            assert p.confidence in vocabulary.CONFIDENCE


def test_the_corpus_readme_lists_every_instrument_file():
    corpus = Path(__file__).parents[1] / "corpus"
    listed = (corpus / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in sorted(corpus.glob("*.yaml")) if f"`{p.name}`" not in listed]
    assert not missing, missing
