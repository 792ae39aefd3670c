from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent
ESCAPING = HERE / "fixtures" / "escaping"

pytest.importorskip("starlette", reason="the site needs the web extra: pip install -e '.[web,browser]'")


@pytest.fixture(scope="session")
def app():
    from casus.web import create_app

    return create_app()


@pytest.fixture(scope="session")
def escaping_app():
    """The built-in corpus plus a treaty file whose texts hold HTML and script."""
    from casus.web import create_app

    return create_app([str(ESCAPING)])
