from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

#: what the ``slow`` marker holds; a plain ``pytest`` leaves these out, ``python3 dev.py test`` (and so CI) runs them
SLOW = "the real-browser tests, the tests that render pictures, and the fuzzing"
_LEFT_OUT = pytest.StashKey[int]()  # how many slow tests were left out


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true",
                     help=f"also run the tests marked slow ({SLOW}), as `python3 dev.py test` does")


def pytest_configure(config):
    config.addinivalue_line("markers", f"slow: {SLOW}; left out unless --slow, -m or -k is given")


def pytest_collection_modifyitems(config, items):
    """Leave out the slow tests unless asked (``--slow``, any ``-m`` or ``-k``), or unless nothing else was picked."""
    if config.getoption("--slow") or config.getoption("markexpr") or config.getoption("keyword"):
        return
    slow, rest = [], []
    for item in items:
        (slow if item.get_closest_marker("slow") else rest).append(item)
    if not slow or not rest:  # e.g. `pytest tests/web/test_browser.py`: what was asked for runs
        return
    config.hook.pytest_deselected(items=slow)
    items[:] = rest
    config.stash[_LEFT_OUT] = len(slow)
    if hasattr(config, "workeroutput"):  # a pytest-xdist worker: tell the controller, which collects nothing
        config.workeroutput["slow_left_out"] = len(slow)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """A pytest-xdist worker is done: keep its count of slow tests left out (every worker leaves out the same)."""
    left = getattr(node, "workeroutput", {}).get("slow_left_out", 0)
    node.config.stash[_LEFT_OUT] = max(node.config.stash.get(_LEFT_OUT, 0), left)


def pytest_collection_finish(session):
    """The suite's objects made so far (modules, collected tests) live to its end: freeze them, and collect
    rarely, as the ``casus`` program does (``casus.__main__``); about a tenth of the suite's time.
    A test that needs its garbage gone calls ``gc.collect()``."""
    import gc

    from casus.__main__ import COLLECT_AFTER

    gc.collect()
    gc.freeze()
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])


def pytest_terminal_summary(terminalreporter, config):
    """Say what was left out and how to run it."""
    left = config.stash.get(_LEFT_OUT, 0)
    if left:
        terminalreporter.write_line(f"{left} slow tests ({SLOW}) were left out: add --slow to run them, "
                                    "as `python3 dev.py test` does")


if os.environ.get("PYTEST_XDIST_WORKER"):
    # pytest-xdist gives its workers COLUMNS=80 and LINES=24; the commands' piped output (150
    # columns unless COLUMNS is set) must be the same in a worker as in a plain run
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Keep the compiled-corpus cache of the test run out of the user's cache folder (one per xdist worker)."""
    os.environ["CASUS_CACHE"] = str(tmp_path_factory.mktemp("casus-cache"))


@pytest.fixture(scope="session")
def fixture_corpus():
    """Only the made-up test pact: engine tests that must not depend on the real corpus."""
    from casus.loader.corpus import load_corpus

    return load_corpus([str(FIXTURES / "corpus")], builtin=False)


@pytest.fixture(scope="session")
def corpus():
    """The built-in corpus."""
    from casus.loader.corpus import load_corpus

    return load_corpus()
