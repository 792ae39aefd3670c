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


@pytest.fixture(scope="module")
def client(app):
    """The built-in site, in process."""
    from starlette.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="session")
def escaping_app():
    """The built-in corpus plus a treaty file whose texts hold HTML and script."""
    from casus.web import create_app

    return create_app([str(ESCAPING)])


# the real-browser modules' fixtures: one browser and one shared page per module (see browsing.reset)
@pytest.fixture(scope="module")
def browser():
    from browsing import launched

    with launched() as b:
        yield b


@pytest.fixture(scope="module")
def tab(browser):
    from browsing import fresh_page

    with fresh_page(browser) as pg:
        yield pg


@pytest.fixture()
def page(tab):
    from browsing import reset

    return reset(tab)
