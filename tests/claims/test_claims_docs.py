"""The claims vocabularies and the casus.claim/1 fields are documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.model import vocabulary

DOCS = Path(__file__).parents[2] / "docs"
CLAIMS = (DOCS / "claims.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", ["VERDICTS", "QUALIFIERS", "CLAIM_MODALITIES"])
def test_claim_vocabularies_are_documented(table):
    missing = [w for w in getattr(vocabulary, table) if f"`{w}`" not in CLAIMS]
    assert not missing


def test_every_field_of_the_claim_document_is_documented(corpus):
    from casus.service import claims as service

    fields = set()
    for claim_id in ("charter97-2025-03-force-before-attack", "sanchez-2022-06-every-centimetre",
                     "borrell-2022-05-no-more-no-less", "newsham-2024-04-guam-other-allies"):
        doc = service.claim(corpus, claim_id).to_dict()
        fields |= set(doc) | set(doc["claim"]) | {k for s in doc["scenarios"] for k in s}
        fields |= {k for a in doc["assertions"] for k in a}
        for v in doc["verdicts"]:
            fields |= set(v) | {k for q in v["qualifiers"] for k in q} | {k for r in v["readings"] for k in r}
            fields |= {k for b in v["facts"] for k in b}
    missing = [f for f in fields if f"`{f}`" not in CLAIMS and f not in ("format",)]
    assert not missing, missing


def test_the_format_guide_has_a_section_on_writing_claims_neutrally():
    text = (DOCS / "treaty-format.md").read_text(encoding="utf-8")
    assert "## Writing a claim neutrally" in text
