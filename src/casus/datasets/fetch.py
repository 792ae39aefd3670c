"""Downloading or importing a data set into the cache.

This is the only module in casus that opens network connections, and only
when :func:`fetch` is called without ``from_file``.  Every step works in a
staging folder inside the cache and replaces the data set's folder only
when the file has been verified and read successfully, so a failed fetch
never damages what was there.

Steps: download (with a progress bar) or copy the file; check its size and
sha256 when they are known; unpack it if it is a zip archive; find the main
file; read it fully with the same reader ``casus dyads`` uses; record a
manifest.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from casus.datasets.atop import read_atop
from casus.datasets.cache import Manifest, cache_root, dataset_dir, read_manifest
from casus.datasets.csvread import read_header
from casus.datasets.errors import DatasetError, FetchError, InputFileError
from casus.datasets.sources import SOURCES, Source
from casus.datasets.states import detect_layout as state_layout
from casus.datasets.states import read_spells

Opener = Callable[[str], Any]
"""Opens a URL and returns a binary file-like response with ``read(n)``.

The response may have ``headers`` (for Content-Length) and may be a context
manager.  Tests inject openers to avoid the network.
"""

CHUNK = 1 << 16
USER_AGENT = "casus-dataset-fetch (+https://pypi.org/project/casus/)"


@dataclass(frozen=True)
class FetchResult:
    """What :func:`fetch` did.

    Attributes:
        manifest: the manifest of the cached data set.
        path: the main file in the cache.
        summary: one line describing the contents, e.g. row counts.
        reused: True when the data set was already cached and left alone.
    """

    manifest: Manifest
    path: Path
    summary: str
    reused: bool


def default_opener(url: str) -> Any:
    """Open ``url`` with urllib, sending a User-Agent and a 60 s timeout."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    return urllib.request.urlopen(request, timeout=60)  # noqa: S310 - the address is the user's or ours


def sha256_of(path: Path) -> tuple[str, int]:
    """Return the sha256 hex digest and size in bytes of a file."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def download(
    url: str,
    dest: Path,
    *,
    opener: Opener | None = None,
    console: Console | None = None,
    show_progress: bool = True,
) -> tuple[str, int]:
    """Stream ``url`` into ``dest`` and return its sha256 and size.

    A progress bar (rich) is shown on ``console`` unless ``show_progress``
    is False.  The file is written to ``dest`` with a ``.part`` suffix first
    and renamed when complete.

    Raises:
        FetchError: if the address cannot be opened or the transfer fails.
    """
    opener = opener or default_opener
    partial = dest.with_name(dest.name + ".part")
    digest = hashlib.sha256()
    size = 0
    try:
        response = opener(url)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"download of {url} failed: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"download of {url} failed: {exc.reason}") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"download of {url} failed: {exc}") from None
    try:
        total = _content_length(response)
        progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
            disable=not show_progress,
            transient=False,
        )
        with progress, partial.open("wb") as out:
            task = progress.add_task(PurePosixPath(urlparse(url).path).name or url, total=total)
            while chunk := response.read(CHUNK):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                progress.update(task, advance=len(chunk))
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise FetchError(f"download of {url} failed after {size} bytes: {exc}") from None
    finally:
        close = getattr(response, "close", None)
        if close is not None:
            close()
    if total is not None and size != total:
        partial.unlink(missing_ok=True)
        raise FetchError(f"download of {url} was cut short: {size} of {total} bytes")
    partial.replace(dest)
    return digest.hexdigest(), size


def _content_length(response: Any) -> int | None:
    headers = getattr(response, "headers", None)
    value = headers.get("Content-Length") if headers is not None else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def verify(digest: str, size: int, *, sha256: str | None, expected_size: int | None, origin: str) -> None:
    """Check the size and sha256 of what was obtained against known values.

    Raises:
        FetchError: on a mismatch.
    """
    if expected_size is not None and size != expected_size:
        raise FetchError(
            f"{origin}: size is {size} bytes, expected {expected_size}", "the file is not the expected release"
        )
    if sha256 is not None and digest.lower() != sha256.lower():
        raise FetchError(
            f"{origin}: sha256 is {digest}, expected {sha256.lower()}",
            "the file is not the expected release, or it was damaged in transit",
        )


def unpack(archive: Path, folder: Path) -> list[Path]:
    """Unpack a zip archive into ``folder`` and return the files written.

    Members with absolute paths or ``..`` components are refused.

    Raises:
        FetchError: for a damaged archive or an unsafe member name.
    """
    written: list[Path] = []
    try:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                parts = PurePosixPath(info.filename.replace("\\", "/")).parts
                if info.filename.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                    raise FetchError(f"{archive.name}: refusing to unpack unsafe member '{info.filename}'")
                if info.is_dir():
                    continue
                target = folder.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
                written.append(target)
    except zipfile.BadZipFile as exc:
        raise FetchError(f"{archive.name}: damaged zip archive ({exc})") from None
    return written


def fetch(
    name: str,
    *,
    from_file: str | Path | None = None,
    url: str | None = None,
    sha256: str | None = None,
    force: bool = False,
    opener: Opener | None = None,
    console: Console | None = None,
    show_progress: bool = True,
) -> FetchResult:
    """Download (or import) data set ``name`` into the cache.

    Args:
        name: ``"cow-states"`` or ``"atop"``.
        from_file: import this local file (CSV or zip) instead of downloading.
        url: download from this address instead of the default one.
        sha256: expected sha256 of the download or file (overrides a known one).
        force: download again even if the data set is already cached.
        opener: how to open URLs (for tests); defaults to urllib.
        console: where to show the progress bar.
        show_progress: whether to show it.

    Raises:
        DatasetError: for an unknown name; FetchError or InputFileError when
            the file cannot be obtained, verified, unpacked or read.
    """
    try:
        source = SOURCES[name]
    except KeyError:
        raise DatasetError(f"unknown data set '{name}'", f"known data sets: {', '.join(SOURCES)}") from None
    if from_file is None and url is None and not force:
        reused = _reuse(source)
        if reused is not None:
            return reused
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FetchError(
            f"cannot create the cache folder {root}: {exc.strerror or exc}", "set CASUS_CACHE to a writable folder"
        ) from None
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))
    staging.chmod(0o755)  # mkdtemp makes it private; the cache folder need not be
    try:
        raw, origin = _obtain(source, staging, from_file, url, opener, console, show_progress)
        digest, size = sha256_of(raw)
        official = from_file is None and url is None
        verify(
            digest,
            size,
            sha256=sha256 or (source.sha256 if official else None),
            expected_size=source.size if official else None,
            origin=origin,
        )
        main = _main_file(source, raw, staging, origin)
        layout, summary = _validate(source, main, origin)
        manifest = Manifest(
            dataset=name,
            file=main.relative_to(staging).as_posix(),
            source=origin,
            sha256=digest,
            size=size,
            layout=layout,
        )
        manifest.write(staging)
        final = _install(staging, dataset_dir(name))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return FetchResult(manifest=manifest, path=final / manifest.file, summary=summary, reused=False)


def _reuse(source: Source) -> FetchResult | None:
    manifest = read_manifest(source.name)
    if manifest is None:
        return None
    path = dataset_dir(source.name) / manifest.file
    if not path.is_file():
        return None
    return FetchResult(
        manifest=manifest, path=path, summary="already in the cache", reused=True
    )


def _obtain(
    source: Source,
    staging: Path,
    from_file: str | Path | None,
    url: str | None,
    opener: Opener | None,
    console: Console | None,
    show_progress: bool,
) -> tuple[Path, str]:
    """Copy or download the raw file into ``staging``; return it and its origin."""
    if from_file is not None:
        src = Path(from_file).expanduser()
        if not src.is_file():
            raise FetchError(f"{src}: file not found", f"give the path of a file you downloaded from {source.page}")
        dest = staging / src.name
        try:
            shutil.copyfile(src, dest)
        except OSError as exc:
            raise FetchError(f"{src}: cannot be copied into the cache: {exc.strerror or exc}") from None
        return dest, str(src.resolve())
    address = url or source.url
    filename = PurePosixPath(urlparse(address).path).name or source.filename
    dest = staging / filename
    try:
        download(address, dest, opener=opener, console=console, show_progress=show_progress)
    except FetchError as exc:
        raise FetchError(
            exc.message,
            f"check the network connection; the address may also have moved (it could not be confirmed "
            f"when casus was written): download the file from {source.page} and run "
            f"`casus data fetch {source.name} --from FILE`",
        ) from None
    return dest, address


def _main_file(source: Source, raw: Path, staging: Path, origin: str) -> Path:
    """Unpack a zip if needed and return the file the readers will use."""
    if not zipfile.is_zipfile(raw):
        return raw
    files = unpack(raw, staging)
    raw.unlink()
    wanted = (source.main or source.filename).lower()
    matches = sorted(p for p in files if p.name.lower() == wanted)
    if not matches:
        csvs = ", ".join(sorted(p.name for p in files if p.suffix.lower() == ".csv")[:8]) or "none"
        raise FetchError(
            f"{origin}: the archive has no {wanted} (CSV files in it: {csvs})", f"expected the {source.title}"
        )
    return matches[0]


def _validate(source: Source, main: Path, origin: str) -> tuple[str, str]:
    """Read the main file fully; return its layout and a one-line summary."""
    try:
        if source.name == "cow-states":
            spells = read_spells(main)
            layout = state_layout(read_header(main))
            first = spells["start"].dt.year().min()
            last = spells["end"].dt.year().max()
            states = spells["ccode"].n_unique()
            return layout, f"{spells.height} spells of {states} states, {first}-{last} ({layout} layout)"
        table = read_atop(main)
        dyads = table.rows.select("ccode1", "ccode2").unique().height
        return table.layout, (
            f"{table.rows.height:,} directed dyad-years, {dyads:,} directed dyads, "
            f"{table.first_year}-{table.last_year} ({table.layout} layout)"
        )
    except InputFileError as exc:
        raise FetchError(f"{origin}: {exc.problem}", exc.hint) from None


def _install(staging: Path, final: Path) -> Path:
    """Replace ``final`` with ``staging`` (old contents removed afterwards)."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        final.replace(old)
    staging.replace(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final
