"""Every interface prints the same JSON text: service.documents.dumps."""

from __future__ import annotations

import json

import casus
from casus.service.documents import dumps


def test_dumps_gives_the_standard_two_space_layout(corpus):
    doc = casus.cascade(corpus, "armed-attack", "BLR", by="POL", on="2025-06-01", escalation="reciprocal").to_dict()
    doc["notes"].append("Łukaszenka, «кавычки», 日本")  # non-ASCII stays as it is
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_dumps_falls_back_for_values_orjson_refuses():
    doc = {"n": 2 ** 70, "k": {1: "one"}}
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2)
