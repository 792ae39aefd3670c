"""The outputs shown in the README are what the commands print today.

Each block between ``<!-- begin output: ARGS -->`` and ``<!-- end output -->``
is compared, line by line without trailing spaces, with ``casus ARGS`` run in
process at 100 columns.  When a treaty file changes the output, the README
has to change with it.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from casus.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"<!-- begin output: (.+?) -->\n(.*?)<!-- end output -->", README, re.S)


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    if lines and lines[0].startswith("```"):
        lines = lines[1:-1]
    return lines


def test_the_readme_shows_a_cascade_and_a_comparison():
    commands = [args for args, _ in BLOCKS]
    assert any("--cascade" in c for c in commands) and any(c.startswith("compare ") for c in commands)


@pytest.mark.parametrize("args, shown", BLOCKS, ids=[a[:60] for a, _ in BLOCKS])
def test_readme_output_is_current(args, shown):
    result = CliRunner().invoke(main, shlex.split(args), env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert _lines(result.output) == _lines(shown)


PYTHON = re.findall(r"## From Python\n(.*?)\n## ", README, re.S)[0]
SNIPPETS = re.findall(r"```python\n(.*?)```", PYTHON, re.S)


def test_the_python_examples_run_and_use_only_the_public_api(capsys):
    assert SNIPPETS, "the README has Python examples"
    code = "\n".join(SNIPPETS)
    assert "from casus" not in code and "import casus." not in code
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert f"# {namespace['result'].side('target')}" in code, "the README shows the side the code gives"
    assert namespace["turns"] and namespace["edges"]
    assert "target unknown state 'BLRR'" in out
