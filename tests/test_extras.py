"""The heavy parts are optional: without them the rules engine works and the error names the extra."""

from __future__ import annotations

import subprocess
import sys

import pytest

BLOCK = "import sys\nfor name in {names!r}:\n    sys.modules[name] = None\n"


def run(names, code):
    return subprocess.run([sys.executable, "-c", BLOCK.format(names=names) + code],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args, extra", [
    (["dyads", "--from", "2000", "--to", "2001"], "datasets"),
    (["data", "list"], "datasets"),
])
def test_a_command_that_needs_a_missing_extra_says_which(args, extra):
    result = run(["polars", "duckdb"], f"from casus.cli import main\nmain({args!r}, prog_name='casus')")
    assert result.returncode == 2, result.stderr
    assert f"pip install 'casus[{extra}]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_rules_engine_needs_none_of_the_heavy_parts():
    code = ("import casus\nc = casus.load_corpus()\n"
            "a = casus.ask(c, 'armed-attack', 'BLR', by='POL', on='2025-06-01')\n"
            "r = casus.cascade(c, 'armed-attack', 'BLR', by='POL', on='2025-06-01', escalation='reciprocal')\n"
            "print(len(a.findings), len(r.side('target')))\n"
            "import sys\nprint(sorted(m for m in ('polars', 'duckdb', 'matplotlib', 'networkx') if sys.modules.get(m)))")
    result = run(["polars", "duckdb", "matplotlib", "networkx"], code)
    assert result.returncode == 0, result.stderr
    counts, loaded = result.stdout.splitlines()
    assert int(counts.split()[0]) > 0 and int(counts.split()[1]) > 1
    assert loaded == "[]"


def test_a_picture_without_matplotlib_names_the_extra(tmp_path):
    code = (f"from casus.cli import main\nmain(['timeline', 'BLR', '--plot', {str(tmp_path / 'x.png')!r}], "
            "prog_name='casus')")
    result = run(["matplotlib"], code)
    assert result.returncode == 2
    assert "pip install 'casus[plot]'" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()
