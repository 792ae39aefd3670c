from __future__ import annotations

import pytest
from click.testing import CliRunner

from casus.cli import main


@pytest.fixture()
def run():
    """``run("ask", ...)``: the casus command in process; ``env`` sets variables for the call."""
    runner = CliRunner()

    def _run(*args, env=None):
        return runner.invoke(main, list(args), env=env)

    return _run
