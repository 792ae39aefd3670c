"""casus compare on the command line, in-process with click's CliRunner, in every format."""

from __future__ import annotations

import csv
import io
import json

import pytest

IDS = ["union-state-security-guarantees-2024", "csto-collective-security-treaty-1992",
       "north-atlantic-treaty-1949", "russia-dprk-partnership-2024"]


def test_json_has_structured_data_and_text_per_cell(run):
    result = run("compare", *IDS, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["format"] == "casus.compare/1"
    assert [i["id"] for i in doc["instruments"]] == IDS
    rows = {r["key"]: r for r in doc["rows"]}
    nato5 = rows["discretion"]["cells"]["north-atlantic-treaty-1949"]
    assert nato5["provisions"] == ["art-5"] and nato5["articles"] == ["Art. 5"]
    assert nato5["items"][0]["code"] == "as-it-deems-necessary"
    assert "discretionary (as-it-deems-necessary)" in nato5["text"]
    sanctions = rows["trigger:economic-coercion"]["cells"]["union-state-security-guarantees-2024"]
    assert sanctions["provisions"] == ["art-3-sanctions"]
    assert rows["trigger:economic-coercion"]["cells"]["csto-collective-security-treaty-1992"]["empty"] is True
    assert rows["trigger:wmd"]["cells"]["russia-dprk-partnership-2024"]["lines"][0] == "names WMD: none"


def test_csv_parses_back_with_one_column_per_instrument(run):
    result = run("compare", *IDS, "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(result.output)))
    assert table[0] == ["key", "dimension", *IDS]
    assert all(len(row) == 2 + len(IDS) for row in table)
    rows = {row[0]: row for row in table[1:]}
    procedure = rows["procedure"][2 + IDS.index("union-state-security-guarantees-2024")]
    assert procedure.splitlines()[0].startswith("Art. 4(2) military-assistance: an official request")
    assert rows["trigger:subversion"][2 + IDS.index("russia-dprk-partnership-2024")] == "— (not covered)"
    assert rows["basing"][1] == "basing"


def test_markdown_has_a_header_row_with_every_id(run):
    result = run("compare", *IDS, "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = lines[0]
    assert header.startswith("| dimension |")
    for instrument_id in IDS:
        assert f"`{instrument_id}` (treaty)" in header
    assert set(lines[1]) <= {"|", "-"}
    body = [line for line in lines[2:] if line.startswith("| **")]
    assert len(body) >= 15
    assert all(line.count(" | ") == len(IDS) for line in body)  # no stray pipe splits a cell
    scope = next(line for line in body if line.startswith("| **geographic scope**"))
    assert "north-atlantic-area, Art. 6" in scope and "<br>" in scope


def test_table_shows_headers_rows_and_legend(run):
    result = run("compare", *IDS, env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    out = result.output
    for word in ("north-atlantic-treaty-1949", "treaty: North Atlantic Treaty (1949)", "armed attack",
                 "automatic vs", "term and", "as-it-deems-necessary", "Art. 4(2)(b)", "Derived from"):
        assert word in out, word


def test_statements_are_marked_in_the_header(run):
    result = run("compare", "statement-galuzin-2022-12-regional-grouping", "union-state-military-doctrine-2021",
                 "--format", "markdown")
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0]
    assert "`statement-galuzin-2022-12-regional-grouping` (statement)" in header
    assert "`union-state-military-doctrine-2021` (doctrine)" in header


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_out_writes_the_file(run, tmp_path, fmt):
    target = tmp_path / f"matrix.{fmt}"
    result = run("compare", IDS[0], IDS[2], "--format", fmt, "--out", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "north-atlantic-treaty-1949" in text
    assert "wrote" in result.output
    if fmt == "json":
        assert json.loads(text)["instruments"][1]["id"] == "north-atlantic-treaty-1949"


@pytest.mark.parametrize("args,message", [
    (["compare"], "at least two instrument ids (none was given)"),
    (["compare", "north-atlantic-treaty-1949"], "only 'north-atlantic-treaty-1949' was given"),
    (["compare", "north-atlantic-treaty-1949", "anzus-195"], "did you mean 'anzus-1951'?"),
    (["compare", "anzus-1951", "anzus-1951"], "given twice"),
    (["compare", "anzus-1951", "rio-treaty-1947", "--format", "xml"], "xml"),
])
def test_bad_input_exits_with_code_2(run, args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_unwritable_out_is_a_user_error(run, tmp_path):
    result = run("compare", "anzus-1951", "rio-treaty-1947", "--format", "csv",
                 "--out", str(tmp_path / "missing" / "m.csv"))
    assert result.exit_code == 2
    assert result.output.startswith("error: --out: cannot write")


def test_user_corpus_instruments_can_be_compared(run, tmp_path):
    from pathlib import Path

    source = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"
    (tmp_path / "pact.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("compare", "test-pact", "anzus-1951", "--format", "json", "--corpus", str(tmp_path))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    armed = next(r for r in doc["rows"] if r["key"] == "trigger:armed-attack")["cells"]["test-pact"]
    assert armed["provisions"] == ["art-3", "art-4"]


def test_reading_option_applies_a_reading_of_contested_provisions(run):
    args = ("compare", "union-state-security-guarantees-2024", "anzus-1951", "--format", "json")
    plain = json.loads(run(*args).output)
    doc = json.loads(run(*args, "--reading", "reaches-internal-unrest").output)
    assert (plain["reading"], doc["reading"]) == (None, "reaches-internal-unrest")
    key = "trigger:internal-unrest"
    before = next(r for r in plain["rows"] if r["key"] == key)["cells"]["union-state-security-guarantees-2024"]
    after = next(r for r in doc["rows"] if r["key"] == key)["cells"]["union-state-security-guarantees-2024"]
    assert before["empty"] is True
    assert after["provisions"] == ["art-2-encroachment"]
    readings = next(r for r in plain["rows"] if r["key"] == "readings")["cells"]
    assert "would change internal unrest" in readings["union-state-security-guarantees-2024"]["text"]
    bad = run(*args, "--reading", "reaches-internal")
    assert bad.exit_code == 2
    assert "did you mean 'reaches-internal-unrest'?" in bad.output
