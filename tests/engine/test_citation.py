"""The one citation formatter: article numbers, places named in words, unconfirmed numbers."""

from __future__ import annotations

import pytest

from casus.model import citation


@pytest.mark.parametrize("text, confirmed, shown", [
    ("4(2)", True, "Art. 4(2)"),
    ("V", False, "Art. V (number unconfirmed)"),
    ("17-18", False, "Art. 17-18 (number unconfirmed)"),
    ("statement", True, "statement"),
    ("chapter 3 (joint defence)", True, "chapter 3 (joint defence)"),
    ("sanctions article (number not identified)", False, "sanctions article (number not identified)"),
    ("  5(4)\n ", True, "Art. 5(4)"),
])
def test_article(text, confirmed, shown):
    assert citation.article(text, confirmed) == shown


def test_no_citation_of_the_corpus_speaks_of_its_number_twice(corpus):
    cited = [(i.id, citation.provision(p)) for i in corpus.instruments for p in i.provisions]
    assert len(cited) > 60
    twice = [(i, c) for i, c in cited if c.count("number") > 1]
    assert not twice, twice
    # and every unconfirmed number says so once
    for inst in corpus.instruments:
        for p in inst.provisions:
            if not p.article_confirmed:
                assert "number" in citation.provision(p) or "unknown" in citation.provision(p) \
                    or "unnumbered" in citation.provision(p) or "unpublished" in citation.provision(p), (inst.id, p.article)


def test_where():
    assert citation.where("NATO", "5") == "NATO, Art. 5"
    assert citation.where("NATO", None) == "NATO, parties"
    assert citation.where("NATO", None, "lifecycle") == "NATO, lifecycle"
    assert citation.where("Union State Treaty", "17-18", confirmed=False) == "Union State Treaty, Art. 17-18 (number unconfirmed)"
    assert citation.where("TEU Art. 42(7)", "42(7)") == "TEU Art. 42(7)"  # named by its one article: cited once


def test_no_answer_cites_an_article_twice(corpus):
    import re

    import casus

    answer = casus.ask(corpus, "armed-attack", "ESP", at="ceuta", on="2025-06-01")
    cites = [step["cite"] for f in answer.to_dict()["findings"] for step in f["trace"]]
    assert any(c.startswith("TEU Art. 42(7)") for c in cites)
    twice = [c for c in cites if re.search(r"(Art\. [^,]+), \1", c)]
    assert not twice, twice
