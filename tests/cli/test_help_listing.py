"""``casus --help`` lists every command without loading the ones kept for later (polars, the web)."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from casus.cli import main


@pytest.mark.parametrize("name", sorted(main.lazy))
@pytest.mark.parametrize("width", [20, 45, 200])
def test_a_summary_kept_for_the_listing_is_what_the_command_itself_says(name, width):
    command = main.get_command(click.Context(main), name)
    listed = click.Command(name, help=main.lazy[name][2])
    assert listed.get_short_help_str(width) == command.get_short_help_str(width)


def test_the_listing_names_every_command_once_with_its_summary():
    out = CliRunner().invoke(main, ["--help"]).output
    listed = out.split("Commands:\n", 1)[1].splitlines()
    names = [line.split()[0] for line in listed if line.strip()]
    assert names == sorted(set(main.list_commands(click.Context(main))))
    assert any(line.split()[0] == "compare" and "clause by clause" in line for line in listed)


def test_the_listing_loads_none_of_the_commands_kept_for_later():
    code = ("import sys\nfrom casus.cli import main\n"
            "try:\n    main(['--help'], prog_name='casus')\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m in {sorted({m for m, _, _ in main.lazy.values()} | {'polars'})!r}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Commands:" in result.stdout
    assert result.stdout.splitlines()[-1] == "[]"


#: what `casus ask ... --json` has no use for: the other questions' types, the analyses, the renderers, the heavy parts
NOT_FOR_ASK = ["casus.service.cascades", "casus.service.overviews", "casus.service.catalogue", "casus.analysis",
               "casus.render", "casus.datasets", "casus.web", "pydantic", "yaml", "polars", "networkx", "matplotlib"]


def test_a_question_loads_only_what_its_answer_needs():
    code = ("import sys\nfrom casus.cli import main\n"
            "try:\n    main(['ask', 'armed-attack', '--target', 'BLR', '--by', 'POL', '--on', '2025-06-01', '--json'],"
            " prog_name='casus')\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m.startswith(tuple({NOT_FOR_ASK!r}))))")
    # the first run compiles the corpus into the cache (with the loader's libraries); the second reads it
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    assert '"format": "casus.answer/1"' in result.stdout
    assert result.stdout.splitlines()[-1] == "[]"
