"""The command line, run in-process with click's CliRunner."""

from __future__ import annotations

import json

import pytest


def test_ask_json_follows_the_contract(run):
    result = run("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["format"] == "casus.answer/1"
    assert doc["scenario"] == {"event": "armed-attack", "target": "BLR", "by": ["POL"], "at": "BLR",
                               "on": "2025-06-01", "weapon": "conventional", "facts": {},
                               "reading": None}
    art41 = [f for f in doc["findings"] if f["provision"] == "art-4-1-armed-attack"]
    assert [(f["party"], f["beneficiary"], f["status"], f["modality"]) for f in art41] == \
        [("RUS", "BLR", "triggered", "must")]


def test_ask_table_separates_statements_from_treaties(run):
    result = run("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", "--why")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Treaty obligations and permissions" in out
    assert "Declared intentions and doctrine (not treaty obligations)" in out
    assert out.index("Treaty obligations") < out.index("Declared intentions")
    assert "procedure before help" in out
    assert "an official request from the Party attacked or threatened" in out


def test_ask_before_entry_into_force_says_so(run):
    result = run("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-03-12", "--json")
    doc = json.loads(result.output)
    f = next(f for f in doc["findings"] if f["provision"] == "art-4-1-armed-attack")
    assert f["status"] == "not-triggered"
    assert f["because"][0]["result"] == "failed"
    assert "enters into force on 2025-03-13" in f["because"][0]["condition"]


@pytest.mark.parametrize("args,message", [
    (["ask", "armed-atack", "--target", "BLR"], "unknown event 'armed-atack'; did you mean 'armed-attack'?"),
    (["ask", "armed-attack", "--target", "BLRR"], "BLR"),
    (["ask", "armed-attack", "--target", "BLR", "--on", "2025-13-01"], "there is no month 13"),
    (["ask", "armed-attack", "--target", "BLR", "--on", "2025-02-30"], "February 2025 has 28 days"),
    (["ask", "armed-attack", "--target", "BLR", "--on", "2024-02-30"], "February 2024 has 29 days"),
    (["ask", "armed-attack", "--target", "BLR", "--on", "1.6.2025"], "write it as YYYY-MM-DD"),
    (["ask", "armed-attack", "--target", "BLR", "--fact", "critical-thret=yes"],
     "unknown fact 'critical-thret'; did you mean 'critical-threat'?"),
    (["ask", "armed-attack", "--target", "BLR", "--fact", "critical-threat"], "--fact: a fact takes NAME=VALUE"),
    (["ask", "armed-attack", "--target", "BLR", "--fact", "critical-threat=maybe"], "takes yes or no"),
    (["ask", "armed-attack", "--target", "BLR", "--weapon", "laser"], "unknown weapon 'laser'"),
    (["ask", "terrorist-attack", "--target", "BLR", "--by", "POL"], "by a non-state group"),
    (["ask", "armed-attack", "--target", "BLR", "--by", "BLR"], "both the target and an aggressor"),
    (["show", "union-state-security-guarantee"], "did you mean 'union-state-security-guarantees'?"),
])
def test_bad_input_gives_one_line_and_exit_code_2(run, args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("error: ")


def test_treaties_lists_the_corpus(run):
    result = run("treaties", "--json")
    assert result.exit_code == 0
    rows = {r["id"]: r for r in json.loads(result.output)}
    row = rows["union-state-security-guarantees-2024"]
    assert (row["signed"], row["in_force"], row["parties"]) == ("2024-12-06", "2025-03-13", ["RUS", "BLR"])


def test_show_gives_parties_lifecycle_and_provisions(run):
    result = run("show", "union-state-security-guarantees-2024", "--json")
    doc = json.loads(result.output)
    assert [p["state"] for p in doc["parties"]] == ["RUS", "BLR"]
    assert doc["parties"][1]["bound"] == [{"from": "2025-03-13", "until": None, "from_verified": True}]
    sanctions = next(p for p in doc["provisions"] if p["id"] == "art-3-sanctions")
    assert sanctions["article_confirmed"] is False
    assert all(p["sources"] for p in doc["provisions"])
    text = run("show", "union-state-security-guarantees-2024").output
    assert "(number unconfirmed)" in text and "Disagreement" in text


def test_check_passes_on_the_builtin_corpus(run):
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_user_corpus_is_evaluated_alongside_the_builtin_one(run, tmp_path):
    from pathlib import Path

    source = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"
    (tmp_path / "pact.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    args = ("ask", "threat-of-attack", "--target", "LTU", "--on", "2016-01-01", "--json")
    for extra, env in ((["--corpus", str(tmp_path)], None), ([], {"CASUS_CORPUS": str(tmp_path)})):
        doc = json.loads(run(*args, *extra, env=env).output)
        ids = {f["instrument"] for f in doc["findings"]}
        assert "test-pact" in ids
    without = json.loads(run(*args).output)
    assert "test-pact" not in {f["instrument"] for f in without["findings"]}


def test_a_bad_user_corpus_is_reported_not_crashed(run, tmp_path):
    (tmp_path / "broken.yaml").write_text("casus_format: 1\nid: x\n", encoding="utf-8")
    result = run("ask", "armed-attack", "--target", "BLR", "--corpus", str(tmp_path))
    assert result.exit_code == 2
    assert "broken.yaml:1: kind: missing required key 'kind'" in result.output


def test_the_default_table_says_the_commitment_in_words_and_what_help_needs(run):
    """The question a newcomer asks: does the 2024 treaty oblige Belarus to fight if Russia is attacked?"""
    result = run("ask", "armed-attack", "--target", "RUS", "--by", "POL", "--on", "2025-06-01",
                 "--instrument", "security-guarantees", "--only", "triggered", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "BLR must give RUS military assistance" in out
    assert "needs: an official request from the Party attacked or threatened" in out
    assert "needs: agreement between the two heads of state" in out
    assert "not-triggered" not in out and "undetermined" not in out.split("Note:")[0]


def test_every_duty_has_plain_words():
    from casus.language.duties import PHRASES, sentence
    from casus.model.vocabulary import DUTIES

    assert set(PHRASES) == set(DUTIES)
    assert sentence("RUS", "may", "nuclear-response", "RUS").endswith("in its own defence or its allies'")
    assert sentence("RUS", "must", "non-aggression", "POL") == "RUS must refrain from using or threatening force against POL"


def test_states_not_yet_parties_are_one_row_and_why_gives_each_ones_date(run):
    # the day before the accession of 29 March 2004: seven states join the next day, six later
    args = ("ask", "armed-attack", "--target", "GBR", "--by", "RUS", "--on", "2004-03-28",
            "--instrument", "north-atlantic-treaty-1949")
    table = run(*args).output
    assert table.count("not-triggered") == 2  # one row for Art. 4, one for Art. 5
    why = run(*args, "--why").output
    block = why.split("[4]")[1]
    assert "13 parties: BGR, EST" in " ".join(block.split()[:12])
    steps = [line.strip() for line in block.split("for each party:")[1].splitlines() if "not a party" in line]
    assert len(steps) == 13
    assert "BGR (party) is not a party on 2004-03-28 (next: acceded 2004-03-29)" in steps[0]
    assert any(s.startswith("✗ FIN (party)") and "acceded 2023-04-04" in s for s in steps)


@pytest.mark.parametrize("columns", ["80", "150"])
def test_the_answer_table_never_cuts_a_column_off(run, columns):
    """On a narrow console, and when piped (150 columns), every row of the table closes with its border."""
    result = run("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", env={"COLUMNS": columns})
    assert result.exit_code == 0
    rows = [line for line in result.output.splitlines() if line[:1] in "┏┃┡│└"]
    assert rows and all(len(line) <= int(columns) for line in rows)
    assert all(line[-1] in "┓┃┩│┘" for line in rows), [line for line in rows if line[-1] not in "┓┃┩│┘"][:2]
    # the instrument ids are all there, folded onto the next line where they do not fit
    flat = "".join(line.split("│")[-2].strip() for line in rows if line.startswith("│"))
    assert "csto-collective-security-treaty-1992" in flat.replace(" ", "")


def test_an_answer_with_nothing_to_show_says_why(run):
    """A filter that keeps nothing says so; only a target that no instrument lists is said to engage nothing."""
    filtered = run("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", "--instrument", "anzus")
    assert filtered.exit_code == 0
    assert "are shown (0 of" in filtered.output and "No instrument in the corpus lists" not in filtered.output
    unlisted = run("ask", "armed-attack", "--target", "MLI", "--on", "2025-06-01", "--json")
    assert "No instrument in the corpus lists MLI; nothing is engaged." in json.loads(unlisted.output)["notes"]


def test_an_unverified_entry_into_force_is_marked_where_it_is_shown(run):
    rows = {r["id"]: r for r in json.loads(run("treaties", "--json").output)}
    assert rows["saudi-pakistan-smda-2025"]["in_force_confidence"] == "unverified"
    assert rows["north-atlantic-treaty-1949"]["in_force_confidence"] != "unverified"
    listed = run("treaties", env={"COLUMNS": "200"}).output
    assert "2025-09-17 (unverified)" in listed and "1949-08-24 (unverified)" not in listed
    why = run("ask", "armed-attack", "--target", "SAU", "--on", "2025-11-01", "--fact", "smda-in-force=yes",
              "--instrument", "saudi-pakistan-smda-2025", "--why", env={"COLUMNS": "200"}).output
    assert "in force since 2025-09-17, a date not verified" in why


def test_the_scenario_line_gives_facts_as_yes_or_no(run):
    out = run("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01",
              "--fact", "state-of-war=yes", "--fact", "critical-threat=no").output
    assert out.splitlines()[0].endswith("facts: critical-threat=no, state-of-war=yes")


@pytest.mark.parametrize("day, marked", [("2024-02-21", False), ("2024-02-22", True), ("2024-02-23", True)])
def test_a_frozen_participation_is_marked_in_the_table(run, day, marked):
    """Armenia's participation in the CSTO is described as frozen from its PM's interview of 22 Feb 2024."""
    out = run("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", day, "--instrument", "csto",
              env={"COLUMNS": "150"}).output
    assert ("ARM: participation" in out and "described as frozen" in out) is marked


def test_the_count_keeps_treaty_obligations_apart_from_the_rest(run):
    args = ("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01")
    findings = json.loads(run(*args, "--json").output)["findings"]

    def counted(kind_is_treaty):
        fs = [f for f in findings if (f["instrument_kind"] == "treaty") is kind_is_treaty]
        n = {s: sum(f["status"] == s for f in fs) for s in ("triggered", "undetermined", "not-triggered")}
        return f"{n['triggered']} triggered, {n['undetermined']} undetermined, {n['not-triggered']} not triggered"

    last = " ".join(run(*args, env={"COLUMNS": "400"}).output.split())
    assert (f"Treaty obligations and permissions: {counted(True)}; not treaty obligations: {counted(False)} "
            "(one finding per bound party).") in last


def test_on_a_narrow_console_the_answer_is_given_finding_by_finding(run):
    """At 60 columns five columns cannot fit: each finding is a block, no line is cut, every id is whole."""
    args = ("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01")
    findings = json.loads(run(*args, "--json").output)["findings"]
    out = run(*args, env={"COLUMNS": "60"}).output
    lines = out.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert not any(line[:1] in "┏┃┡│└" for line in lines)  # no table
    assert {f["instrument"] for f in findings} <= {w.rstrip(",") for line in lines for w in line.split()}


def test_the_table_points_out_a_finding_that_rests_on_one_source_or_none_confirmed(run):
    args = ("ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01")
    marks = {f["confidence"] for f in json.loads(run(*args, "--json").output)["findings"]}
    out = " ".join(run(*args, env={"COLUMNS": "200"}).output.split())
    assert ("confidence C1 (one source)" in out) is ("C1" in marks)
    assert ("confidence unverified (not confirmed by a cited source)" in out) is ("unverified" in marks)
    assert "confidence C2+" not in out  # two independent sources: the ordinary case, not remarked
