from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

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
