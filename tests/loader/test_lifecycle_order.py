"""Lifecycle dates in an impossible order are problems with file, line, key and hint (see also fixtures/bad)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from casus.cli import main

FIXTURE = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"
SIGNED = "  - {event: signed, date: 2000-01-10, sources: [a]}\n"
IN_FORCE = "  - {event: in-force, date: 2000-03-01, sources: [a, b]}\n"


def _check(tmp_path, monkeypatch, old: str, new: str):
    monkeypatch.chdir(tmp_path)
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "pact.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")  # the lifecycle line comes first
    return CliRunner().invoke(main, ["check", "pact.yaml"]), text.splitlines().index(old.rstrip("\n")) + 1


def test_entry_into_force_before_signature(tmp_path, monkeypatch):
    result, line = _check(tmp_path, monkeypatch, IN_FORCE, IN_FORCE.replace("2000-03-01", "1999-01-22"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"pact.yaml:{line}: lifecycle[1].date: entry into force (1999-01-22) is before the signature (2000-01-10) "
        "(hint: an instrument enters into force on or after the day it is signed; check both dates against the "
        "sources)")
    same_day, _ = _check(tmp_path, monkeypatch, IN_FORCE, IN_FORCE.replace("2000-03-01", "2000-01-10"))
    assert same_day.exit_code == 0, same_day.output  # in force on the day of signature is fine
    assert CliRunner().invoke(main, ["check"]).exit_code == 0  # and so is the built-in corpus


@pytest.mark.parametrize(("event", "date", "message"), [
    ("amended", "1999-12-31", "an amendment (1999-12-31) is before the signature (2000-01-10)"),
    ("amended", "2030-01-01", "an amendment (2030-01-01) takes effect on or after termination (2030-01-01)"),
])
def test_an_amendment_outside_the_instrument_s_life(tmp_path, monkeypatch, event, date, message):
    added = f"  - {{event: {event}, date: {date}, sources: [a]}}\n"
    result, line = _check(tmp_path, monkeypatch, SIGNED, SIGNED + added)
    assert result.exit_code == 1
    assert f"pact.yaml:{line + 1}: lifecycle[1].date: {message} (hint: " in result.output


def test_termination_before_entry_into_force_names_the_date_and_gives_a_hint(tmp_path, monkeypatch):
    old = "  - {event: terminated, date: 2030-01-01, sources: [a]}\n"
    result, line = _check(tmp_path, monkeypatch, old, old.replace("2030-01-01", "2000-02-01"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"pact.yaml:{line}: lifecycle[2].date: termination (2000-02-01) is not after entry into force (2000-03-01) "
        "(hint: 'terminated' is the first day the instrument is no longer in force, after the day it began to "
        "apply; check both dates against the sources)")
