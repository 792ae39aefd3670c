"""What the real-browser tests share: the browser check, a live server, pages, screenshots.

A server runs in a thread on 127.0.0.1 (on a socket bound here to port 0,
so no port can be taken in between).  Without Chromium or Playwright the
browser tests are skipped with a message saying how to get them; under
CI=true they fail instead, so that a missing install step cannot pass
unnoticed.  Screenshots are taken only when CASUS_SCREENSHOTS names a folder
(outside the repository) to put them in.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CASUS_CHROMIUM", "/usr/bin/chromium")
SHOTS = os.environ.get("CASUS_SCREENSHOTS")  # a folder: take the screenshots there (none are taken otherwise)
HOW = ("the browser tests need Chromium and Playwright: on Debian or Ubuntu run "
       "`sudo apt-get install chromium fonts-liberation libatomic1`, then `python3 dev.py test` "
       "(CASUS_CHROMIUM names another Chromium binary)")


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[browser]')"
    return None


def require_browser() -> None:
    """Call at import of a browser test module: skip it (fail it under CI) without a browser."""
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; {HOW}", pytrace=False)
        pytest.skip(f"{reason}; {HOW}", allow_module_level=True)


@contextlib.contextmanager
def serving(app):
    """The app served on 127.0.0.1 in a thread; yields its base address."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            with urllib.request.urlopen(base + "/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        yield base
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextlib.contextmanager
def launched():
    """Headless Chromium (the system's binary), driven by Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        try:
            yield b
        finally:
            b.close()


@contextlib.contextmanager
def fresh_page(browser):
    """A page in a fresh context; ``page.errors`` collects script errors and dialogs (there must be none)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.errors = errors
    try:
        yield pg
    finally:
        context.close()


def reset(pg):
    """A module's shared page made ready for the next test: blank, screen media, no errors recorded.

    Opening a page costs Chromium about a tenth of a second, so the tests of a module share one
    (a test that needs a fresh browser opens its own context); each test starts by going to an
    address, so nothing of the last test's page is left but the history.
    """
    pg.emulate_media(media="screen")
    pg.goto("about:blank")
    pg.errors.clear()
    return pg


def shot(page, name: str) -> Path | None:
    """A full-page screenshot in CASUS_SCREENSHOTS, for a person to look at; none without that folder.

    Nothing is asserted on them, and a full page of findings takes a good part of a second to
    draw, so an ordinary run of the tests does without.
    """
    if not SHOTS:
        return None
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())
