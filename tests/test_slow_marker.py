"""The ``slow`` marker: a plain ``pytest`` leaves those tests out and says so; ``--slow``, ``-m`` and ``-k`` bring them back.

The suite's own conftest is run by pytester on a two-test file, so a change to its hook shows here.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")
TESTS = """
import pytest

@pytest.mark.slow
def test_draws_a_picture():
    pass

def test_reads_a_file():
    pass
"""


@pytest.fixture
def suite(pytester):
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_two=TESTS)
    return pytester


def test_a_plain_run_leaves_the_slow_test_out_and_says_how_to_run_it(suite):
    result = suite.runpytest_inprocess("-p", "no:xdist")
    result.assert_outcomes(passed=1, deselected=1)
    result.stdout.fnmatch_lines(["1 slow tests (*) were left out: add --slow to run them*"])


@pytest.mark.parametrize("args, passed", [(["--slow"], 2), (["-m", "slow"], 1), (["-m", "not slow"], 1),
                                           (["-k", "picture"], 1), (["test_two.py::test_draws_a_picture"], 1)])
def test_asking_for_them_runs_them(suite, args, passed):
    result = suite.runpytest_inprocess("-p", "no:xdist", *args)
    result.assert_outcomes(passed=passed)
    assert not re.search(r"were left out", result.stdout.str())


def _dev():
    spec = importlib.util.spec_from_file_location("dev", Path(__file__).parent.parent / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    return dev


def test_dev_py_runs_the_rest_then_the_slow_tests():
    """CI runs `python3 dev.py test`: one run without a selection, one of exactly the marked tests."""
    (_, quick), (_, slow) = _dev().test_runs([])
    assert not {"-m", "-k", "--slow"} & set(quick)
    assert slow[-2:] == ["-m", "slow"]


def test_dev_py_runs_what_the_caller_names_with_the_slow_tests():
    [(_, args)] = _dev().test_runs(["tests/web", "-n", "0"])
    assert "--slow" in args and args[-2:] == ["-n", "0"] and "--dist" not in args
