"""``casus data fetch``: importing and downloading into the cache, offline.

Downloads are tested against file:// URLs, a server on 127.0.0.1 and
injected openers; conftest.py makes any other address fail the test.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from rich.console import Console

from casus.datasets import cache_root, dyad_years
from casus.datasets.errors import FetchError
from casus.datasets.fetch import fetch, unpack
from casus.datasets.sources import ATOP, COW_STATES

Runner = Callable[..., Result]
ZipMaker = Callable[[Path, dict[str, bytes]], Path]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cache_root_respects_casus_cache(isolated_cache: Path) -> None:
    assert cache_root() == isolated_cache


def test_cache_root_defaults_to_the_user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CASUS_CACHE")
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "casus"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "casus"


def test_fetch_from_file_copies_into_the_cache(fixtures: Path, isolated_cache: Path, cli: Runner) -> None:
    result = cli("data", "fetch", "cow-states", "--from", str(fixtures / "states_cow.csv"))
    assert result.exit_code == 0, result.output
    stored = isolated_cache / "cow-states" / "states_cow.csv"
    assert stored.read_bytes() == (fixtures / "states_cow.csv").read_bytes()
    manifest = json.loads((isolated_cache / "cow-states" / "casus-dataset.json").read_text())
    assert manifest["sha256"] == sha(stored) and manifest["layout"] == "cow"
    assert "10 spells of 9 states, 1816-2016" in result.output
    assert "please cite" in result.output
    # The cached list is now the default input.
    assert dyad_years(1975, 1975).equals(dyad_years(1975, 1975, states=fixtures / "states_cow.csv"))


def test_fetch_atop_zip_from_file_unpacks_and_finds_the_ddyr_file(
    fixtures: Path, tmp_path: Path, isolated_cache: Path, cli: Runner, make_zip: ZipMaker
) -> None:
    ddyr = (fixtures / "atop_ddyr.csv").read_bytes()
    archive = make_zip(
        tmp_path / "atop_5.1__.csv_.zip",
        {
            "ATOP 5.1 (.csv)/atop5_1m.csv": b"atopid,member\n1,2\n",
            "ATOP 5.1 (.csv)/atop5_1ddyr_NNA.csv": b"junk\n",
            "ATOP 5.1 (.csv)/atop5_1ddyr.csv": ddyr,
        },
    )
    result = cli("data", "fetch", "atop", "--from", str(archive))
    assert result.exit_code == 0, result.output
    main = isolated_cache / "atop" / "ATOP 5.1 (.csv)" / "atop5_1ddyr.csv"
    assert main.read_bytes() == ddyr
    assert not (isolated_cache / "atop" / archive.name).exists()
    assert "1974-2015 (atop layout)" in result.output
    states = fixtures / "states_cow.csv"
    assert dyad_years(1970, 2020, states=states, with_atop=True).equals(
        dyad_years(1970, 2020, states=states, with_atop=True, atop=fixtures / "atop_subset.csv")
    )


def test_fetch_from_a_file_url(fixtures: Path, isolated_cache: Path) -> None:
    source = fixtures / "states_isard.csv"
    result = fetch("cow-states", url=source.as_uri(), show_progress=False)
    assert result.path == isolated_cache / "cow-states" / "states_isard.csv"
    assert result.path.read_bytes() == source.read_bytes()
    assert result.manifest.sha256 == sha(source)
    assert result.manifest.source == source.as_uri()


def test_fetch_over_http_from_loopback_shows_progress(fixtures: Path, tmp_path: Path, make_zip: ZipMaker) -> None:
    served = tmp_path / "www"
    served.mkdir()
    make_zip(served / "atop.zip", {"ATOP 5.1 (.csv)/atop5_1ddyr.csv": (fixtures / "atop_ddyr.csv").read_bytes()})

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(served), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        screen = io.StringIO()
        url = f"http://127.0.0.1:{server.server_address[1]}/atop.zip"
        result = fetch("atop", url=url, console=Console(file=screen, force_terminal=True, width=100))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert result.manifest.layout == "atop"
    assert result.manifest.size == (served / "atop.zip").stat().st_size
    assert "atop.zip" in screen.getvalue()


class FakeResponse(io.BytesIO):
    def __init__(self, data: bytes, length: int | None = None) -> None:
        super().__init__(data)
        self.headers = {} if length is None else {"Content-Length": str(length)}


def test_default_address_is_used_through_the_opener(fixtures: Path) -> None:
    asked: list[str] = []
    data = (fixtures / "states_cow.csv").read_bytes()

    def opener(url: str) -> FakeResponse:
        asked.append(url)
        return FakeResponse(data, len(data))

    result = fetch("cow-states", opener=opener, show_progress=False)
    assert asked == [COW_STATES.url]
    assert result.path.name == "states2016.csv"
    assert result.path.read_bytes() == data


def test_cut_short_download_fails_and_leaves_nothing(fixtures: Path, isolated_cache: Path) -> None:
    data = (fixtures / "states_cow.csv").read_bytes()
    with pytest.raises(FetchError, match="cut short"):
        fetch("cow-states", opener=lambda url: FakeResponse(data[:100], len(data)), show_progress=False)
    assert not (isolated_cache / "cow-states").exists()
    assert [p.name for p in isolated_cache.iterdir()] == []


def test_unreachable_address_gives_a_hint_to_import_by_hand(tmp_path: Path) -> None:
    missing = (tmp_path / "gone.zip").as_uri()
    with pytest.raises(FetchError) as caught:
        fetch("atop", url=missing, show_progress=False)
    assert "download of" in caught.value.message
    assert ATOP.page in caught.value.hint and "--from FILE" in caught.value.hint


def test_sha256_mismatch_is_refused(fixtures: Path, isolated_cache: Path, cli: Runner) -> None:
    result = cli("data", "fetch", "cow-states", "--from", str(fixtures / "states_cow.csv"), "--sha256", "0" * 64)
    assert result.exit_code == 2
    assert "sha256 is" in result.output and "expected 000" in result.output
    assert not (isolated_cache / "cow-states").exists()


def test_sha256_match_is_accepted(fixtures: Path, cli: Runner) -> None:
    path = fixtures / "states_cow.csv"
    result = cli("data", "fetch", "cow-states", "--from", str(path), "--sha256", sha(path).upper())
    assert result.exit_code == 0, result.output


def test_bad_file_is_refused_with_file_column_and_hint(fixtures: Path, isolated_cache: Path, cli: Runner) -> None:
    result = cli("data", "fetch", "cow-states", "--from", str(fixtures / "atop_subset.csv"))
    assert result.exit_code == 2
    assert "atop_subset.csv" in result.output and "'styear'" in result.output and "isard spells layout" in result.output
    assert "Traceback" not in result.output
    assert not (isolated_cache / "cow-states").exists()


def test_failed_refetch_keeps_the_old_copy(fixtures: Path, isolated_cache: Path, cli: Runner) -> None:
    assert cli("data", "fetch", "atop", "--from", str(fixtures / "atop_subset.csv")).exit_code == 0
    result = cli("data", "fetch", "atop", "--from", str(fixtures / "states_cow.csv"))
    assert result.exit_code == 2
    assert (isolated_cache / "atop" / "atop_subset.csv").is_file()
    assert sorted(p.name for p in isolated_cache.iterdir()) == ["atop"]


def test_already_cached_is_kept_unless_forced(fixtures: Path) -> None:
    calls: list[str] = []
    data = (fixtures / "states_cow.csv").read_bytes()

    def opener(url: str) -> FakeResponse:
        calls.append(url)
        return FakeResponse(data)

    fetch("cow-states", opener=opener, show_progress=False)
    again = fetch("cow-states", opener=opener, show_progress=False)
    assert again.reused and len(calls) == 1
    fetch("cow-states", opener=opener, show_progress=False, force=True)
    assert len(calls) == 2


def test_zip_without_the_ddyr_file_is_refused(tmp_path: Path, make_zip: ZipMaker) -> None:
    archive = make_zip(tmp_path / "atop.zip", {"ATOP 5.1 (.csv)/atop5_1m.csv": b"atopid\n1\n"})
    with pytest.raises(FetchError, match=r"has no atop5_1ddyr.csv \(CSV files in it: atop5_1m.csv\)"):
        fetch("atop", from_file=archive, show_progress=False)


def test_unsafe_zip_member_is_refused(tmp_path: Path, make_zip: ZipMaker) -> None:
    archive = make_zip(tmp_path / "evil.zip", {"../escape.csv": b"x\n"})
    (tmp_path / "out").mkdir()
    with pytest.raises(FetchError, match="unsafe member"):
        unpack(archive, tmp_path / "out")
    assert not (tmp_path / "escape.csv").exists()


def test_missing_from_file_and_unknown_name(tmp_path: Path, cli: Runner) -> None:
    result = cli("data", "fetch", "atop", "--from", str(tmp_path / "nope.zip"))
    assert result.exit_code == 2 and "file not found" in result.output
    assert cli("data", "fetch", "cow-alliances").exit_code == 2


def test_data_list_shows_what_is_cached(fixtures: Path, isolated_cache: Path, cli: Runner) -> None:
    before = cli("data", "list")
    assert before.exit_code == 0 and "not fetched" in before.output and str(isolated_cache) in before.output
    cli("data", "fetch", "atop", "--from", str(fixtures / "atop_subset.csv"))
    after = cli("data", "list")
    assert "atop_subset.csv" in after.output and "peacesciencer layout" in after.output
