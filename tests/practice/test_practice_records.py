"""The record of practice: the built-in records, the file checks, and the CLI and API in process."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import casus
from casus.cli import main

HERE = Path(__file__).parent
FIXTURES = HERE.parent / "fixtures"
BAD = FIXTURES / "practice-bad"
BAD_CASES = sorted(BAD.glob("*.yaml"))


def _folder(tmp_path: Path, edit=None) -> Path:
    """A corpus folder with the test pact and its practice file (optionally edited)."""
    folder = tmp_path / "pact"
    (folder / "practice").mkdir(parents=True)
    shutil.copy(FIXTURES / "corpus" / "test-pact.yaml", folder / "test-pact.yaml")
    text = (HERE / "test-pact-practice.yaml").read_text(encoding="utf-8")
    (folder / "practice" / "test-pact.yaml").write_text(edit(text) if edit else text, encoding="utf-8")
    return folder


def _load(folder: Path):
    from casus.loader.corpus import load_corpus

    return load_corpus([str(folder)], builtin=False)


# --------------------------------------------------------------------------- the built-in records


def _in(intervals, day: dt.date) -> bool:
    return any(i.start <= day and (i.end is None or day < i.end) for i in intervals)


def test_every_record_links_to_an_existing_provision_inside_the_instrument_life(corpus):
    assert corpus.practice, "the built-in corpus has records of practice"
    for r in corpus.practice:
        inst = corpus.get(r.instrument)
        assert inst is not None and inst.id == r.instrument, r.id
        assert r.provision in {p.id for p in inst.provisions}, r.id
        if inst.in_force:
            assert _in(inst.in_force, r.date), (r.id, r.date)
        else:
            assert inst.signature() is not None and r.date >= inst.signature(), r.id
        for code in r.who + ((r.toward,) if r.toward else ()):
            assert _in(inst.parties[code].bound, r.date), (r.id, code)
        assert r.sources and all(s.url.startswith(("http://", "https://")) for s in r.sources), r.id
        assert r.who or r.body, r.id


# The records the issue asks for, with dates (and, where two records share a day, the actor) written
# independently of the data files.
EXPECTED = [
    ("north-atlantic-treaty-1949", "art-5", "2001-09-12", "invoked", None),
    ("north-atlantic-treaty-1949", "art-5", "2001-10-02", "activated", None),
    ("north-atlantic-treaty-1949", "art-5", "2001-10-04", "deployment", None),
    ("eu-mutual-assistance-clause", "art-42-7", "2015-11-17", "invoked", None),
    ("anzus-1951", "art-4-armed-attack", "2001-09-14", "invoked", None),
    ("rio-treaty-1947", "art-3", "2001-09-21", "decision-taken", None),
    ("rio-treaty-1947", "art-3", "2001-10-16", "decision-taken", None),
    ("rio-treaty-1947", "art-6", "2019-09-11", "activated", None),
    ("csto-collective-security-treaty-1992", "art-4-collective-defence", "2010-06-14", "declined", None),
    ("csto-collective-security-treaty-1992", "art-4-collective-defence", "2022-01-06", "decision-taken", None),
    ("csto-collective-security-treaty-1992", "art-2-consultation", "2021-05-13", "consultation-requested", None),
    ("csto-collective-security-treaty-1992", "art-4-collective-defence", "2022-09-13", "requested", None),
    ("csto-collective-security-treaty-1992", "art-4-collective-defence", "2022-09-13", "decision-taken", None),
    ("csto-collective-security-treaty-1992", "art-4-collective-defence", "2022-11-23", "declined", None),
    ("russia-dprk-partnership-2024", "art-4-military-assistance", "2025-04-26", "stated-as-basis", None),
    ("russia-dprk-partnership-2024", "art-4-military-assistance", "2025-04-28", "stated-as-basis", "PRK"),
    ("russia-dprk-partnership-2024", "art-4-military-assistance", "2025-04-28", "stated-as-basis", "RUS"),
    ("russia-armenia-friendship-1997", "art-2-consultation", "2020-10-31", "consultation-requested", None),
]

NATO_ARTICLE_4 = {"2003-02-10": ("TUR",), "2012-06-24": ("TUR",), "2012-10-03": ("TUR",), "2014-03-03": ("POL",),
                  "2015-07-26": ("TUR",), "2020-02-27": ("TUR",),
                  "2022-02-24": ("BGR", "CZE", "EST", "LVA", "LTU", "POL", "ROU", "SVK"),
                  "2025-09-10": ("POL",), "2025-09-19": ("EST",)}


@pytest.mark.parametrize("instrument, provision, day, kind, who", EXPECTED,
                         ids=[f"{e[0]}-{e[2]}-{e[3]}" + (f"-{e[4]}" if e[4] else "") for e in EXPECTED])
def test_the_records_the_issue_lists_are_there(corpus, instrument, provision, day, kind, who):
    found = [r for r in corpus.practice if r.instrument == instrument and r.provision == provision
             and r.date == dt.date.fromisoformat(day) and r.kind == kind and (who is None or who in r.who)]
    assert len(found) == 1


def test_each_nato_article_4_request_is_recorded_once(corpus):
    got = {r.date.isoformat(): tuple(sorted(r.who)) for r in corpus.practice
           if r.instrument == "north-atlantic-treaty-1949" and r.kind == "consultation-requested"}
    assert got == {day: tuple(sorted(who)) for day, who in NATO_ARTICLE_4.items()}


#: the states whose units went to Kazakhstan in January 2022, as the CSTO secretariat named them on 6 January
KAZAKHSTAN_2022 = {"RUS", "BLR", "ARM", "TJK", "KGZ"}


def test_the_kazakhstan_deployment_names_the_states_that_sent_units(corpus):
    [sent] = [r for r in corpus.practice if r.kind == "deployment" and r.toward == "KAZ"]
    assert set(sent.who) == KAZAKHSTAN_2022
    assert sent.date == dt.date(2022, 1, 6) and sent.provision == "art-4-collective-defence"
    belarus = [r.id for r in corpus.practice if "BLR" in r.states()]
    assert sent.id in belarus


def test_unconfirmed_articles_are_marked_and_said(corpus):
    armenia = [r for r in corpus.practice if r.instrument == "csto-collective-security-treaty-1992"
               and r.date == dt.date(2022, 9, 13)]
    assert armenia and all(not r.provision_confirmed for r in armenia)
    kazakhstan = [r for r in corpus.practice if r.id == "csto-art-4-2022-01-06-kaz-decision"]
    assert kazakhstan[0].provision_confirmed
    for r in corpus.practice:
        if not r.provision_confirmed:
            assert r.notes, f"{r.id}: say why the article is not confirmed"


def test_practice_files_are_not_read_as_treaty_files():
    from casus.loader.corpus import builtin_dir, files_in

    files = files_in(builtin_dir())
    assert not [f for f in files if "practice" in f.relative_to(builtin_dir()).parts]
    assert (builtin_dir() / "practice" / "north-atlantic-treaty-1949.yaml").is_file()


# --------------------------------------------------------------------------- checks of the files


@pytest.mark.parametrize("path", BAD_CASES, ids=[p.stem for p in BAD_CASES])
def test_bad_practice_file_gives_the_expected_problems(path, fixture_corpus):
    from casus.loader.corpus import _checker
    from casus.loader.practice import parse

    check_state, _ = _checker()
    records, problems = parse(path.read_text(encoding="utf-8"), "{file}", check_state,
                              {i.id: i for i in fixture_corpus.instruments})
    assert records == []
    assert [str(p) for p in problems] == path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    for p in problems:
        assert p.line >= 1 and p.key and p.hint


@pytest.mark.parametrize("day, ok", [("2000-02-29", False), ("2000-03-01", True), ("2000-03-02", True),
                                     ("2029-12-31", True), ("2030-01-01", False)])
def test_a_record_lies_inside_the_instrument_life(tmp_path, day, ok):
    # the test pact is in force from 2000-03-01 and terminated on 2030-01-01 (POL bound throughout)
    from casus.errors import CorpusError

    folder = _folder(tmp_path, lambda t: t.replace("date: 2016-01-01", f"date: {day}"))
    if ok:
        assert day in [r.date.isoformat() for r in _load(folder).practice if r.provision == "art-3"]
    else:
        with pytest.raises(CorpusError) as info:
            _load(folder)
        assert [p.key for p in info.value.problems] == ["records[1].date"]
        assert "is not a day test-pact is in force" in info.value.problems[0].message


@pytest.mark.parametrize("day, ok", [("2014-12-31", False), ("2015-01-01", True), ("2015-01-02", True)])
def test_the_acting_state_is_bound_on_the_day(tmp_path, day, ok):
    # Lithuania left the test pact on 2010-07-01 and acceded again on 2015-01-01
    from casus.errors import CorpusError

    folder = _folder(tmp_path, lambda t: t.replace("date: 2015-01-01", f"date: {day}"))
    if ok:
        assert dt.date.fromisoformat(day) in [r.date for r in _load(folder).practice]
    else:
        with pytest.raises(CorpusError) as info:
            _load(folder)
        assert str(info.value.problems[0]).endswith(
            "records[0].who: LTU is not bound by test-pact on 2014-12-31 "
            "(hint: check the date, or the party's events in the treaty file)")


def test_the_file_is_named_after_its_instrument(tmp_path):
    from casus.errors import CorpusError

    folder = _folder(tmp_path)
    (folder / "practice" / "test-pact.yaml").rename(folder / "practice" / "other.yaml")
    with pytest.raises(CorpusError) as info:
        _load(folder)
    assert info.value.problems[0].key == "instrument"
    assert "differs from the file name 'other.yaml'" in info.value.problems[0].message


def test_two_records_with_one_id_are_reported(tmp_path):
    from casus.errors import CorpusError

    folder = _folder(tmp_path, lambda t: t.replace("id: test-pact-art-3-2016-01-01-pol",
                                                   "id: test-pact-art-4-2015-01-01-ltu"))
    with pytest.raises(CorpusError) as info:
        _load(folder)
    assert "record id 'test-pact-art-4-2015-01-01-ltu' is already used" in info.value.problems[0].message


def test_the_compiled_cache_follows_an_edited_practice_file(tmp_path):
    from casus.loader import corpus as loader

    folder = _folder(tmp_path)
    assert "Council agreed" in _load(folder).practice[-1].outcome
    path = folder / "practice" / "test-pact.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("the Council agreed", "the Council met"),
                    encoding="utf-8")
    loader.forget()  # forget the in-process copies; the compiled cache on disk must see the change
    assert "Council met" in _load(folder).practice[-1].outcome


# --------------------------------------------------------------------------- ask, timeline, compare


@pytest.mark.parametrize("day, shown", [("2015-12-31", []), ("2016-01-01", ["test-pact-art-3-2016-01-01-pol"]),
                                        ("2016-01-02", ["test-pact-art-3-2016-01-01-pol"])])
def test_ask_shows_the_records_of_each_finding_up_to_the_scenario_day(tmp_path, day, shown):
    doc = casus.ask(_load(_folder(tmp_path)), "armed-attack", "POL", by="RUS", on=day).to_dict()
    art3 = [f for f in doc["findings"] if f["provision"] == "art-3"]
    assert art3 and all([r["id"] for r in f["practice"]] == shown for f in art3)
    if shown:
        assert art3[0]["practice"][0] == {"id": shown[0], "date": "2016-01-01", "kind": "invoked", "who": ["POL"],
                                          "body": "Council of the Test Pact",
                                          "outcome": "Poland invoked the assistance article after an attack, "
                                                     "and the Council agreed (made up)."}
    assert all(f["practice"] == [] for f in doc["findings"] if f["provision"] not in ("art-3", "art-4"))


def test_ask_table_has_a_practice_line(tmp_path):
    folder = _folder(tmp_path)
    result = CliRunner().invoke(main, ["ask", "armed-attack", "--target", "POL", "--by", "RUS", "--on", "2016-06-01",
                                       "--corpus", str(folder)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "invoked: 2016-01-01 (POL)" in result.output
    earlier = CliRunner().invoke(main, ["ask", "armed-attack", "--target", "POL", "--by", "RUS", "--on",
                                        "2015-06-01", "--corpus", str(folder)], env={"COLUMNS": "200"})
    assert earlier.exit_code == 0 and "invoked:" not in earlier.output


def test_timeline_lists_the_records_the_state_took_part_in(corpus):
    rows = [r for r in casus.timeline(corpus, "ARM").rows if r.direction == "practice"]
    days = [(r.date.isoformat(), r.instrument, r.event) for r in rows]
    assert ("2021-05-13", "csto-collective-security-treaty-1992", "consultation-requested") in days
    assert ("2020-10-31", "russia-armenia-friendship-1997", "consultation-requested") in days
    # Kazakhstan, January 2022: Armenia sent units, but the request was Kazakhstan's and the decision the Council's
    january = [(r.event, r.who) for r in rows if (r.date.year, r.date.month) == (2022, 1)]
    assert january == [("deployment", ("RUS", "BLR", "ARM", "TJK", "KGZ"))]
    window = casus.timeline(corpus, "ARM", start="2022-01-07", end="2022-09-13").rows
    assert not [r for r in window if r.direction == "practice"]  # the window is half-open: 13 Sep 2022 is out


def test_compare_has_an_invoked_in_practice_row(corpus):
    comparison = casus.compare(corpus, ["nato", "anzus", "us-japan-security-1960"])
    row = comparison.row("practice")
    assert row.label == "invoked in practice"
    nato, anzus, japan = row.cells
    assert {i["kind"] for i in nato.items} >= {"invoked", "consultation-requested"}
    assert sum(1 for i in nato.items if i["provision"] == "art-4" and i["kind"] == "consultation-requested") == 9
    assert anzus.lines == ("Art. IV: 2001-09-14 invoked (AUS)",)
    assert japan.empty and japan.lines == ("— (no record of practice)",)


# --------------------------------------------------------------------------- the CLI and the API


def test_cli_practice_of_an_instrument_by_alias_in_json():
    result = CliRunner().invoke(main, ["practice", "csto", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["format"] == "casus.practice/1" and doc["about"] == "csto-collective-security-treaty-1992"
    assert [r["date"] for r in doc["records"]] == sorted(r["date"] for r in doc["records"])
    assert {r["instrument"] for r in doc["records"]} == {"csto-collective-security-treaty-1992"}


def test_cli_practice_of_a_state():
    result = CliRunner().invoke(main, ["practice", "Estonia"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "Record of practice involving EST" in result.output
    assert "2025-09-19" in result.output and "2022-02-24" in result.output and "2001-09-12" not in result.output


def test_cli_practice_of_an_unknown_name_is_a_clear_error():
    result = CliRunner().invoke(main, ["practice", "natto"])
    assert result.exit_code != 0
    assert "names no instrument and no state" in result.output and "Traceback" not in result.output


def test_api_practice(corpus):
    everything = casus.practice(corpus).to_dict()["records"]
    assert len(everything) == len(corpus.practice)
    usa = casus.practice(corpus, "USA").records
    assert {r.instrument for r in usa} == {"north-atlantic-treaty-1949", "anzus-1951", "rio-treaty-1947"}
    with pytest.raises(casus.InputError) as info:
        casus.practice(corpus, "  ")
    assert info.value.field == "about"


def test_the_practice_document_is_documented(corpus):
    contract = (HERE.parent.parent / "docs" / "json-contract.md").read_text(encoding="utf-8")
    doc = casus.practice(corpus, "nato").to_dict()
    fields = set(doc) | {k for r in doc["records"] for k in r}
    assert not [name for name in fields if f"`{name}`" not in contract]
    assert "casus.practice/1" in contract
