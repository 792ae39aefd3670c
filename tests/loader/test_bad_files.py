"""Each bad treaty file is reported with the exact message in its .expected file."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.loader.corpus import load_files

BAD = Path(__file__).parent.parent / "fixtures" / "bad"
CASES = sorted(BAD.glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_bad_file_gives_the_expected_message(path: Path):
    instruments, problems = load_files([path])
    assert instruments == []
    got = [str(p).replace(problems[0].file, "{file}") for p in problems]
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert got == expected


def test_every_bad_fixture_has_an_expected_message():
    assert CASES, "no bad fixtures found"
    for path in CASES:
        assert path.with_suffix(".expected").exists(), path.name


def test_cli_check_reports_file_line_key_and_hint(tmp_path):
    from click.testing import CliRunner

    from casus.cli import main

    target = tmp_path / "pact.yaml"
    target.write_text((BAD / "unknown-event.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "pact.yaml:29: provisions[0].when.event[0]: unknown event 'armed-atack'" in result.output
    assert "did you mean 'armed-attack'?" in result.output
