"""`casus timeline` and `casus network`, run in-process with click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_both_commands_are_listed(run):
    result = run("--help")
    assert "timeline" in result.output and "network" in result.output


# -- timeline -----------------------------------------------------------------------------


def test_timeline_table(run):
    result = run("timeline", "Sweden", "--from", "2020-01-01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Sweden (SWE)" in out
    assert "2024-03-07" in out and "acceded" in out and "gave" in out
    assert "2020-02-01" in out and "GBR" in out and "received" in out
    assert "2 event(s)" in out


def test_timeline_json_gave_and_received(run):
    swe = json.loads(run("timeline", "SWE", "--json").stdout)
    assert swe["state"] == "SWE" and swe["name"] == "Sweden"
    assert {"date": "2024-03-07", "event": "acceded", "who": ["SWE"], "direction": "gave"}.items() <= \
        next(r for r in swe["rows"] if r["instrument"] == "north-atlantic-treaty-1949"
             and r["event"] == "acceded").items()
    nor = json.loads(run("timeline", "NO", "--from", "2024-03-07", "--to", "2024-03-08", "--json").stdout)
    assert [(r["date"], r["who"], r["direction"]) for r in nor["rows"]] == [("2024-03-07", ["SWE"], "received")]


def test_timeline_csv(run):
    result = run("timeline", "BLR", "--from", "2012-12-19", "--to", "2012-12-20", "--csv")
    assert result.exit_code == 0, result.output
    table = _csv(result.stdout)
    assert [(r["event"], r["who"], r["direction"]) for r in table] == \
        [("amended", "", "instrument"), ("suspended", "UZB", "received")]
    assert table[1]["note"] == "participation suspended: not bound toward BLR"
    assert "tass-687141" in table[1]["sources"].split()


@pytest.mark.slow  # renders a picture
def test_timeline_plot(run, tmp_path):
    import matplotlib.image as mpimg

    path = tmp_path / "swe.png"
    result = run("timeline", "SWE", "--from", "2020-01-01", "--plot", str(path))
    assert result.exit_code == 0, result.output
    assert f"wrote {path}" in result.stderr
    image = mpimg.imread(path)
    assert image.shape[:2] == (round((2.2 + 0.8 * 2) * 100), 1300)
    assert image.reshape(-1, image.shape[-1]).std(axis=0).max() > 0.05  # not blank


def test_timeline_of_a_state_in_no_instrument(run):
    result = run("timeline", "CHE")
    assert result.exit_code == 0
    assert "Switzerland (CHE) is neither a party to nor a named beneficiary" in result.stdout


# -- network ------------------------------------------------------------------------------


@pytest.mark.parametrize("day,present", [("2024-03-06", False), ("2024-03-07", True), ("2024-03-08", True)])
def test_network_csv_around_swedens_accession(run, day, present):
    result = run("network", "--on", day)
    assert result.exit_code == 0, result.output
    table = _csv(result.stdout)
    nato = {(r["party"], r["beneficiary"]) for r in table if r["instrument"] == "north-atlantic-treaty-1949"}
    assert (("NOR", "SWE") in nato) is present
    assert len(nato) == (32 * 31 if present else 31 * 30)
    assert result.stderr.count("\n") == 1 and f"{len(table)} edge(s)" in result.stderr
    row = next(r for r in table if r["instrument"] == "north-atlantic-treaty-1949")
    assert (row["article"], row["duty"], row["modality"], row["discretionary"], row["instrument_kind"]) == \
        ("5", "military-assistance", "must", "true", "treaty")


def test_network_json_to_stdout(run):
    result = run("network", "--on", "2025-06-01", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["graph"] == {"on": "2025-06-01", "duty": "military-assistance"}
    csto = [e for e in doc["edges"] if e["instrument"] == "csto-collective-security-treaty-1992"]
    assert len(csto) == 30 and not any("UZB" in (e["source"], e["target"]) for e in csto)
    assert not any(e["source"] == "USA" and e["target"] == "NZL" for e in doc["edges"])


def test_network_graphml_file_by_suffix(run, tmp_path):
    import networkx as nx

    path = tmp_path / "edges.graphml"
    result = run("network", "--on", "2025-06-01", "--duty", "all", "--out", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    G = nx.read_graphml(path)
    eu = [d for _, _, d in G.edges(data=True) if d["instrument"] == "eu-mutual-assistance-clause"]
    assert len(eu) == 27 * 26 and all(d["duty"] == "military-assistance" for d in eu)


@pytest.mark.slow  # renders a picture
def test_network_graph_picture_only(run, tmp_path):
    path = tmp_path / "n.svg"
    result = run("network", "--on", "2025-06-01", "--graph", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # only the picture and the summary line
    assert "edge(s)" in result.stderr
    root = ET.parse(path).getroot()
    texts = {"".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")}
    assert {"SWE", "NOR", "USA", "JPN", "BLR", "RUS"} <= texts


@pytest.mark.parametrize("args,message", [
    (["timeline", "BLRR"], "did you mean BLR"),
    (["timeline", "Crimea"], "not a sovereign state"),
    (["timeline", "BLR", "--from", "2025-13-01"], "--from: '2025-13-01' is not a date; there is no month 13"),
    (["timeline", "BLR", "--to", "01/06/2025"], "write it as YYYY-MM-DD"),
    (["timeline", "BLR", "--from", "2025-01-01", "--to", "2024-01-01"], "is empty"),
    (["timeline", "BLR", "--plot", "chart.pdf"], "name the file with .png or .svg"),
    (["network", "--on", "2025-02-30"], "--on: '2025-02-30' is not a date"),
    (["network", "--on", "2025-06-01", "--duty", "militry-assistance"], "did you mean 'military-assistance'?"),
    (["network", "--on", "2025-06-01", "--format", "xml"], "use one of: csv, json, graphml"),
    (["network", "--on", "2025-06-01", "--out", "edges.txt"], "name the file .csv, .json or .graphml"),
    (["network", "--on", "2025-06-01", "--graph", "net.jpeg"], "--graph net.jpeg: cannot write a picture"),
])
def test_bad_input_gives_one_line_and_exit_code_2(run, args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ")
    assert message in result.output
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_unwritable_picture_is_a_user_error(run, tmp_path):
    result = run("network", "--on", "2025-06-01", "--graph", str(tmp_path / "missing" / "n.png"))
    assert result.exit_code == 2
    assert "cannot write" in result.output and "Traceback" not in result.output


def test_network_json_names_the_decision_and_the_csv_is_unchanged(run):
    doc = json.loads(run("network", "--on", "2025-06-01", "--format", "json").stdout)
    csto = [e for e in doc["edges"] if e["instrument"] == "csto-collective-security-treaty-1992"]
    assert {e["decision"] for e in csto} == {"the Collective Security Council (the heads of the member states)"}
    assert all("decision" not in e for e in doc["edges"] if e["instrument"] == "north-atlantic-treaty-1949")
    header = run("network", "--on", "2025-06-01").stdout.splitlines()[0]
    assert header == ("party,beneficiary,instrument,instrument_kind,instrument_title,article,provision,duty,"
                      "modality,discretionary")


def test_timeline_says_when_a_start_is_not_confirmed(run):
    table = _csv(run("timeline", "BLR", "--from", "1997-12-19", "--to", "1997-12-20", "--csv").stdout)
    notes = {(r["event"], r["direction"]): r["note"] for r in table}
    assert notes[("in-force", "instrument")] == ("in force from this day as recorded; the entry into force is "
                                                 "not confirmed (see the file's note)")
    assert notes[("ratified", "received")] == "bound toward BLR from this day; the entry into force is not confirmed"
    doc = json.loads(run("timeline", "BLR", "--json").stdout)
    lanes = {lane["instrument"]: lane for lane in doc["lanes"]}
    assert lanes["union-state-regional-security-1997"]["unconfirmed"][0]["from"] == "1997-12-19"
    assert lanes["statement-putin-2020-08-reserve-force"]["period"] == \
        "named in a declared intention (a statement binds no one)"
