"""casus compare --out: the file's suffix chooses the format unless --format is given, as for network and dyads."""

from __future__ import annotations

import csv
import io
import json

import pytest

IDS = ("north-atlantic-treaty-1949", "anzus-1951")


SUFFIXES = [
    ("m.csv", lambda t: next(csv.reader(io.StringIO(t))) == ["key", "dimension", *IDS]),
    ("m.CSV", lambda t: t.startswith("key,dimension,")),
    ("m.json", lambda t: json.loads(t)["format"] == "casus.compare/1"),
    ("m.md", lambda t: t.startswith("| dimension |")),
    ("m.markdown", lambda t: t.startswith("| dimension |")),
    ("m.txt", lambda t: "Derived from" in t and "│" in t),  # the boxed table, as on a terminal
]


def test_the_suffix_chooses_the_format(run, tmp_path):
    for name, looks_like in SUFFIXES:
        target = tmp_path / name
        result = run("compare", *IDS, "--out", str(target))
        assert result.exit_code == 0, result.output
        assert looks_like(target.read_text(encoding="utf-8")), name
        assert result.output == f"wrote {target}\n"


@pytest.mark.parametrize("name", ["m.xyz", "matrix", "m.yaml"])
def test_an_unknown_suffix_without_format_is_an_error_naming_the_field(run, tmp_path, name, monkeypatch):
    import casus.loader.corpus as corpus_mod

    def no_work(*a, **k):
        raise AssertionError("the corpus was loaded although the format is unknown")

    monkeypatch.setattr(corpus_mod, "load_corpus", no_work)
    target = tmp_path / name
    result = run("compare", *IDS, "--out", str(target))
    assert result.exit_code == 2
    assert result.output == (f"error: --out: cannot tell the format of {target} from its suffix; "
                             "name the file .txt, .md, .markdown, .csv or .json, or give the format\n")
    assert not target.exists()


@pytest.mark.parametrize(("args", "first"), [
    (("--format", "csv"), "key,dimension,"),
    (("--json",), "{"),
    (("--format", "markdown"), "| dimension |"),
])
def test_an_explicit_format_wins_over_the_suffix(run, tmp_path, args, first):
    target = tmp_path / "m.xyz"
    assert run("compare", *IDS, "--out", str(target)).exit_code == 2  # without the format: which one?
    result = run("compare", *IDS, *args, "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(first)
    other = tmp_path / "m.json"  # a suffix naming another format: --format decides, as in network and dyads
    assert run("compare", *IDS, *args, "--out", str(other)).exit_code == 0
    assert other.read_text(encoding="utf-8").startswith(first)
