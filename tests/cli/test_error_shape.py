"""One error shape for every command (in the manner of Datasette's test_error_shape.py).

Every user mistake, in every command, ends with exit code 2 and either one
``error: ...`` line per problem on stderr, or, when the command was asked for
JSON, the ``casus.error/1`` document on stdout and nothing else.
"""

from __future__ import annotations

import json

import pytest

BLR = ["--target", "BLR", "--on", "2025-06-01"]

#: (command line, the field the error names or None); each is run with and without JSON where it has JSON
MISTAKES = [
    (["ask", "armed-atack", *BLR], "event"),
    (["ask", "armed-attack", "--target", "BLRR"], "target"),
    (["ask", "armed-attack", *BLR, "--by", "PLO"], "by"),
    (["ask", "armed-attack", *BLR, "--by", "BLR"], "by"),
    (["ask", "armed-attack", "--target", "BLR", "--on", "2025-13-01"], "on"),
    (["ask", "armed-attack", *BLR, "--at", "XX-99"], "at"),
    (["ask", "armed-attack", *BLR, "--weapon", "laser"], "weapon"),
    (["ask", "armed-attack", *BLR, "--fact", "critical-thret=yes"], "facts"),
    (["ask", "armed-attack", *BLR, "--fact", "critical-threat=maybe"], "facts"),
    (["ask", "armed-attack", *BLR, "--fact", "critical-threat=yes", "--fact", "critical-threat=no"], "facts"),
    (["ask", "armed-attack", *BLR, "--reading", "defensiv"], "reading"),
    (["ask", "armed-attack", *BLR, "--escalation", "reciprocal"], "escalation"),
    (["ask", "armed-attack", *BLR, "--cascade", "--depth", "0"], "depth"),
    (["ask", "armed-attack", *BLR, "--cascade", "--escalation", "upward"], "escalation"),
    (["ask", "armed-attack", *BLR, "--instrument", "nato-1949"], "instruments"),
    (["ask", "armed-attack", *BLR, "--corpus", "no-such-folder"], None),
    (["show", "union-state-security-guarantee"], "id"),
    (["treaties", "--corpus", "no-such-folder"], None),
    (["compare", "anzus-1951"], "ids"),
    (["compare", "anzus-1951", "anzus-195"], "ids"),
    (["compare", "anzus-1951", "rio-treaty-1947", "--reading", "defensiv"], "reading"),
    (["timeline", "BLRR"], "state"),
    (["timeline", "BLR", "--from", "2025-13-01"], "start"),
    (["timeline", "BLR", "--from", "2025-01-01", "--to", "2024-01-01"], "end"),
    (["network", "--on", "2025-02-30"], "on"),
    (["network", "--on", "2025-06-01", "--duty", "militry-assistance"], "duty"),
    # mistakes click finds while it reads the command line
    (["ask", *BLR], "event"),
    (["ask", "armed-attack", *BLR, "--only", "trig"], "only"),
    (["ask", "armed-attack", *BLR, "--cascade", "--depth", "x"], "depth"),
    (["ask", "armed-attack", *BLR, "--readings", "al"], "readings"),
    (["ask", "armed-attack", *BLR, "--on=2024-01-01"], "on"),  # an option that takes one value, given twice
    (["network", "--on", "2025-06-01", "--duty", "all", "--duty", "consultation"], "duty"),
]

#: commands with no JSON output: the same one-line shape
TEXT_ONLY = [
    (["dyads", "--from", "2000", "--to", "1990"], None),
    (["dyads", "--with", "cow-alliance"], "with"),
    (["dyads", "--out", "/nonexistent-folder/x.csv"], "out"),
    (["data", "fetch", "atop", "--from", "x.csv", "--url", "http://127.0.0.1:9/x"], "from"),
    (["import", "atop", "/nonexistent-folder"], None),
    (["check", "/nonexistent-folder"], None),
    (["practice", "no-such-thing"], None),
    (["claim", "no-such-claim"], "id"),
    (["ask", "armed-attack", *BLR, "--depht", "3"], None),
    (["compare", "anzus-1951", "rio-treaty-1947", "--format", "jsn"], "format"),
    (["dyads", "--format", "parq"], "format"),
    (["data", "fetch", "cow"], "name"),
]

JSON_FLAG = {"ask": ["--json"], "show": ["--json"], "treaties": ["--json"], "compare": ["--format", "json"],
             "timeline": ["--json"], "network": ["--format", "json"]}


@pytest.mark.parametrize("args,field", MISTAKES + TEXT_ONLY,
                         ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_a_mistake_is_one_line_per_problem(run, args, field, tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), result.stderr
    assert "Traceback" not in result.output
    assert ".;" not in result.stderr and "Invalid value for" not in result.stderr, result.stderr


@pytest.mark.parametrize("args,said", [
    (["ask", "armed-attack", *BLR, "--depht", "3"], "error: no such option '--depht'; did you mean '--depth'?"),
    (["ask", "armed-attack", *BLR, "--xyz"], "error: no such option '--xyz'; run the command with -h for its options"),
    (["ask", "armed-attack", *BLR, "--only", "trig"], "error: --only: unknown status 'trig'; did you mean 'triggered'?"),
    (["compare", "anzus-1951", "rio-treaty-1947", "--format", "jsn"],
     "error: --format: unknown format 'jsn'; did you mean 'json'?"),
    (["ask", *BLR], "error: Missing argument 'EVENT'; run the command with -h for its options"),
])
def test_what_click_finds_is_said_as_casus_says_it(run, args, said):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.strip() == said


@pytest.mark.parametrize("args,field", MISTAKES, ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_with_json_a_mistake_is_the_error_document(run, args, field):
    result = run(*args, *JSON_FLAG[args[0]])
    assert result.exit_code == 2, result.output
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert doc["format"] == "casus.error/1" and set(doc) == {"format", "error"}
    error = doc["error"]
    assert set(error) == {"code", "message", "field", "hint", "problems"}
    assert error["code"] in {"bad-input", "not-found", "bad-corpus", "bad-data", "cannot-write"}
    assert isinstance(error["message"], str) and error["message"]
    assert error["field"] == field
    assert "--" not in (error["message"] + (error["hint"] or "")).replace("YYYY-MM-DD", ""), \
        "the document names fields, not command-line flags"
    for problem in error["problems"]:
        assert set(problem) == {"file", "line", "key", "message", "hint"}


@pytest.mark.parametrize("args", [["compare", "anzus-1951", "rio-treaty-1947"], ["network", "--on", "2025-06-01"]])
def test_json_is_short_for_format_json_and_cannot_be_given_with_another_format(run, args):
    short, long = run(*args, "--json"), run(*args, "--format", "json")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and json.loads(short.stdout)
    both = run(*args, "--json", "--format", "csv")
    assert both.exit_code == 2 and both.stderr == ""
    error = json.loads(both.stdout)["error"]
    assert error["field"] == "format" and "csv" in error["message"]
    assert run(*args, "--format", "csv", "--json").stdout == both.stdout


def test_a_bad_treaty_file_is_the_error_document_with_its_problems(run, tmp_path):
    (tmp_path / "broken.yaml").write_text("id: broken\n")
    result = run("ask", "armed-attack", *BLR, "--corpus", str(tmp_path), "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "bad-corpus" and error["problems"]
    assert all(p["file"].endswith("broken.yaml") and p["line"] >= 1 and p["hint"] for p in error["problems"])


def test_not_found_is_its_own_code(run):
    error = json.loads(run("show", "no-such-pact", "--json").stdout)["error"]
    assert error["code"] == "not-found" and error["field"] == "id"


def test_every_command_is_covered():
    from casus.cli import main

    covered = {args[0] for args, _ in MISTAKES}
    assert covered >= set(JSON_FLAG)
    assert set(JSON_FLAG) <= set(main.list_commands(None))


@pytest.mark.parametrize("args,field,message", [
    (["ask", "armed-attack", "--target", "BLRR", "--json"], "target", "unknown state 'BLRR'"),
    (["ask", "armed-attack", *BLR, "--at", "US-HX", "--json"], "at", "unknown place 'US-HX'"),
    (["ask", "armed-attack", *BLR, "--only", "trig", "--json"], "only", "unknown status 'trig'"),
])
def test_the_suggestion_is_the_hint_not_part_of_the_message(run, args, field, message):
    error = json.loads(run(*args).stdout)["error"]
    assert (error["field"], error["message"]) == (field, message)
    assert error["hint"].startswith("did you mean ")


def test_an_option_given_twice_names_both_values_and_a_repeatable_one_is_not_refused(run):
    error = json.loads(run("ask", "armed-attack", *BLR, "--on", "2024-01-01", "--json").stdout)["error"]
    assert (error["field"], error["message"]) == ("on", "given more than once ('2025-06-01', then '2024-01-01')")
    repeated = run("ask", "armed-attack", *BLR, "--by", "POL", "--fact", "critical-threat=yes", "--fact",
                   "security-threatened=yes", "--json")
    assert repeated.exit_code == 0, repeated.output
    # a value that looks like an option is the option's value, not a second option
    assert "more than once" not in run("ask", "armed-attack", *BLR, "--by", "--on", "--json").stdout


@pytest.mark.parametrize("args, start", [
    (["practice", "bogus"], "error: ID|STATE: 'bogus' names no instrument"),  # an argument, not claims' --about
    (["timeline", "XYZ"], "error: STATE: unknown state 'XYZ'"),
    (["ask", "armed-attack", "--target", "BLRR", "--on", "2025-06-01"], "error: --target: unknown state 'BLRR'"),
])
def test_the_line_names_the_commands_own_option_or_argument(run, args, start):
    assert run(*args).stderr.startswith(start)


def test_aggressors_given_twice_are_shown_as_one_value(run):
    error = json.loads(run("ask", "armed-attack", *BLR, "--by", "RUS", "--by", "POL", "--json").stdout)["error"]
    assert error["hint"] == "give it once, with every value in it: RUS,POL"
