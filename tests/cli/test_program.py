"""The ``casus`` program itself (``casus.__main__.run``): what the installed command and ``python -m casus`` run."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

import casus.__main__ as program
import casus.cli


@pytest.fixture()
def collector():
    """Give back the collector's thresholds (what a run froze stays frozen, as the suite's own objects are)."""
    before = gc.get_threshold()
    gc.collect()  # a run freezes what is alive: leave it no garbage to keep
    yield
    gc.set_threshold(*before)


def test_a_run_collects_rarely_and_freezes_what_is_alive_at_its_end(monkeypatch, collector):
    seen = {}

    def command():
        seen["threshold"] = gc.get_threshold()
        seen["frozen while running"] = gc.get_freeze_count()
        raise SystemExit(0)

    monkeypatch.setattr(casus.cli, "entry", command)
    gc.set_threshold(700, 10, 10)  # Python's defaults
    with pytest.raises(SystemExit):
        program.run()
    assert seen["threshold"] == (program.COLLECT_AFTER, 10, 10)  # the older generations keep theirs
    assert gc.get_freeze_count() > seen["frozen while running"]


def test_a_run_that_fails_still_freezes(monkeypatch, collector):
    def command():
        raise SystemExit(2)

    monkeypatch.setattr(casus.cli, "entry", command)
    before = gc.get_freeze_count()
    made = [[] for _ in range(100)]  # noqa: F841 - alive when the run ends: frozen with the rest
    with pytest.raises(SystemExit) as exit_:
        program.run()
    assert exit_.value.code == 2
    assert gc.get_freeze_count() >= before + 100


def test_python_dash_m_casus_prints_what_the_command_line_prints(run):
    args = ["ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", "--json"]
    whole = subprocess.run([sys.executable, "-m", "casus", *args], capture_output=True, text=True, timeout=120)
    assert whole.returncode == 0, whole.stderr
    assert whole.stdout == run(*args).output
    wrong = subprocess.run([sys.executable, "-m", "casus", "ask", "armed-attack", "--target", "BLX"],
                           capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("error: --target: unknown state 'BLX'")
    assert "Traceback" not in wrong.stderr
