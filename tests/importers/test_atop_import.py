"""`casus import atop`: ATOP files become treaty files the engine evaluates."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import casus
from casus.cli import main
from casus.geo.cow import cow_to_casus
from casus.importers import atop
from casus.loader.corpus import load_corpus

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def imported(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, ["import", "atop", str(FIXTURES / "atop-v4")])
    assert result.exit_code == 0, result.output
    assert "imported 3 ATOP alliances" in result.output
    return load_corpus(["atop"], builtin=False)


def statuses(corpus, provision_prefix, **ask):
    answer = casus.ask(corpus, **ask)
    return {(f.instrument.id, f.party, f.beneficiary): f for f in answer.findings
            if f.provision.id.startswith(provision_prefix)}


def test_asymmetric_conditional_defence(imported):
    found = statuses(imported, "defense", event="armed-attack", target="JPN", by="CHN", on="1970-01-01")
    usa = found[("atop-9001", "USA", "JPN")]
    assert usa.status == "undetermined" and usa.missing == ("atop-9001-location",)
    assert not statuses(imported, "defense", event="armed-attack", target="USA", by="CHN", on="1970-01-01")
    given = statuses(imported, "defense", event="armed-attack", target="JPN", by="CHN", on="1970-01-01",
                     facts={"atop-9001-location": True})
    assert given[("atop-9001", "USA", "JPN")].status == "triggered"


def test_consultation_on_request_is_a_procedure_step(imported):
    found = statuses(imported, "consul", event="threat-of-attack", target="USA", by="CHN", on="1970-01-01")
    jpn = found[("atop-9001", "JPN", "USA")]
    assert jpn.status == "triggered"
    assert [s.text for s in jpn.procedure] == ["a request by the member concerned (ATOP: consultation on request)"]


@pytest.mark.parametrize("day,phase1,phase2", [
    ("1990-10-02", "triggered", None), ("1990-10-03", "not-triggered", "undetermined"),
    ("1990-10-04", "not-triggered", "undetermined"),
])
def test_phases_and_the_west_german_code_change(imported, day, phase1, phase2):
    answer = casus.ask(imported, "armed-attack", target="GBR", by="RUS", on=day)
    by_id = {f.provision.id: f.status for f in answer.findings
             if f.instrument.id == "atop-9002" and f.party == "DEU" and f.duty == "military-assistance"}
    assert by_id["defense-phase-1"] == phase1
    if phase2:
        assert by_id["defense-phase-2-unprovoked"] == phase2
    else:
        assert by_id["defense-phase-2-unprovoked"] == "not-triggered"


def test_historical_polities_get_cow_codes_and_offence_goes_to_the_aggressor(imported):
    assert cow_to_casus(240, 1850) == "COW-240"
    answer = casus.ask(imported, "armed-attack", target="AUT", by="COW-240", on="1850-01-01")
    offence = [f for f in answer.findings if f.provision.duty == "offensive-support"]
    assert [(f.party, f.beneficiary, f.status, f.missing) for f in offence] == \
        [("COW-245", "COW-240", "undetermined", ("atop-9003-adversary",))]
    assert "300" in offence[0].provision.caveats[0]
    nonagg = casus.ask(imported, "armed-attack", target="COW-245", by="COW-240", on="1850-01-01")
    assert any(f.duty == "non-aggression" and f.status == "triggered" for f in nonagg.findings)


def test_unknown_day_and_month_take_the_widest_reading(imported):
    inst = imported.get("atop-9003")
    assert inst.parties["COW-240"].bound[0].start == dt.date(1830, 3, 1)  # month known, day not
    assert inst.in_force[0].end == dt.date(1866, 6, 30)  # exit month known, day not: its last day


def test_the_5_1_layout_in_a_zip_gives_the_same_corpus(tmp_path):
    v4 = atop.read(FIXTURES / "atop-v4")
    v51 = atop.read(FIXTURES / "atop-5.1.zip")
    assert [atop.convert(a, cow_to_casus)["parties"] for a in v4] == \
        [atop.convert(a, cow_to_casus)["parties"] for a in v51]
    assert v51[0].version == "5.1"


def test_missing_columns_are_reported_with_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "atop-member-level.csv").write_text("atopid,member\n1,2\n")
    result = CliRunner().invoke(main, ["import", "atop", str(bad)])
    assert result.exit_code == 2
    assert "atop-member-level.csv: missing column(s) yrent" in result.output
    assert result.output.startswith("error: ")


def test_named_corpus_before_import_gives_a_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["ask", "armed-attack", "--target", "POL", "--corpus", "atop"])
    assert result.exit_code == 2
    assert "run `casus import atop` first" in result.output


def test_a_reimport_replaces_the_files(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "atop-1.yaml").write_text("stale")
    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "atop-v4", source)
    assert CliRunner().invoke(main, ["import", "atop", str(source), "--out", str(out)]).exit_code == 0
    assert sorted(p.name for p in out.glob("*.yaml")) == ["atop-9001.yaml", "atop-9002.yaml", "atop-9003.yaml"]
