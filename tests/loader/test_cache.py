"""The compiled-corpus cache never serves a stale corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from casus.loader import cache
from casus.loader.corpus import _load, load_corpus

FIXTURE = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"


def test_an_edited_file_is_reloaded(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "treaties"
    folder.mkdir()
    target = folder / "pact.yaml"
    shutil.copy(FIXTURE, target)
    first = load_corpus([str(folder)], builtin=False)
    assert list((tmp_path / "cache").glob("corpus-*.pickle")), "the compiled corpus was not cached"
    _load.cache_clear()
    again = load_corpus([str(folder)], builtin=False)
    assert again.get("test-pact").title == first.get("test-pact").title
    target.write_text(target.read_text().replace("Test Pact of Mutual Assistance", "Renamed Pact"))
    os.utime(target, ns=(1, 1))  # even with an old timestamp, the size differs
    _load.cache_clear()
    assert load_corpus([str(folder)], builtin=False).get("test-pact").title == "Renamed Pact"


def test_a_corrupt_cache_falls_back_to_the_files(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "treaties"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "pact.yaml")
    load_corpus([str(folder)], builtin=False)
    for pickled in (tmp_path / "cache").glob("corpus-*.pickle"):
        pickled.write_bytes(b"not a pickle")
    _load.cache_clear()
    assert load_corpus([str(folder)], builtin=False).get("test-pact") is not None


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CASUS_NO_CACHE", "1")
    assert cache.read([FIXTURE]) is None
    cache.write([FIXTURE], object())
    assert not (tmp_path / "cache").exists()
