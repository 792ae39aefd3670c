"""Instruments have short names: `casus show nato`, `--instrument csto`, `compare nato rio`."""

from __future__ import annotations

import json


def test_an_alias_names_its_instrument_everywhere(run):
    assert json.loads(run("show", "nato", "--json").output)["id"] == "north-atlantic-treaty-1949"
    assert json.loads(run("show", "CSTO", "--json").output)["id"] == "csto-collective-security-treaty-1992"
    doc = json.loads(run("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01",
                         "--instrument", "csto", "--json").output)
    assert {f["instrument"] for f in doc["findings"]} == {"csto-collective-security-treaty-1992"}
    doc = json.loads(run("compare", "nato", "rio", "--format", "json").output)
    assert [i["id"] for i in doc["instruments"]] == ["north-atlantic-treaty-1949", "rio-treaty-1947"]


def test_a_near_miss_suggests_an_alias(run):
    result = run("show", "natoo")
    assert result.exit_code == 2 and "did you mean 'nato'?" in result.stderr


def test_two_instruments_cannot_share_an_alias(run, tmp_path):
    from pathlib import Path

    source = (Path(__file__).parents[1] / "fixtures" / "corpus" / "test-pact.yaml").read_text()
    (tmp_path / "pact.yaml").write_text(source.replace("short_title:", "aliases: [nato]\nshort_title:", 1))
    result = run("check", "--corpus", str(tmp_path))
    assert result.exit_code == 1 and "alias 'nato' is already used by" in result.stderr, result.output
