"""Shared fixtures for the dataset tests.

Every test gets its own empty cache (CASUS_CACHE points into tmp_path), and
the downloader's default opener is wrapped so that any address other than
a local file or the loopback interface fails the test: these tests must
never touch the network.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner, Result

from casus.datasets import fetch as fetch_module

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the cache at a fresh folder for each test."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CASUS_CACHE", str(cache))
    return cache


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Allow only file:// and loopback http:// addresses in the downloader."""
    real = fetch_module.default_opener

    def guarded(url: str):
        parsed = urlparse(url)
        local = parsed.scheme == "file" or (parsed.scheme == "http" and parsed.hostname in {"127.0.0.1", "localhost"})
        if not local:
            raise AssertionError(f"test tried to reach the network: {url}")
        return real(url)

    monkeypatch.setattr(fetch_module, "default_opener", guarded)


@pytest.fixture
def fixtures() -> Path:
    """The folder of small input files in the real layouts."""
    return FIXTURES


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the dataset commands in-process, through the real ``casus`` command (its one error shape)."""
    from casus.cli import main

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=True)

    return run


@pytest.fixture
def make_zip() -> Callable[[Path, dict[str, bytes]], Path]:
    """Write a zip archive with the given member names and contents."""

    def build(path: Path, members: dict[str, bytes]) -> Path:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
        return path

    return build
