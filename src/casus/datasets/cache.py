"""Where fetched data sets live on disk.

The cache root is ``$CASUS_CACHE`` when that variable is set, otherwise the
platform's per-user cache directory (``$XDG_CACHE_HOME/casus`` or
``~/.cache/casus`` on Linux, ``~/Library/Caches/casus`` on macOS,
``%LOCALAPPDATA%\\casus\\Cache`` on Windows).

Each data set gets a folder of its own holding the files and a small
manifest, ``casus-dataset.json``, that names the main file and records where
it came from and its sha256.  Nothing here touches the network.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from casus.datasets.errors import NotCachedError
from casus.userdirs import cache_root

MANIFEST_NAME = "casus-dataset.json"


def dataset_dir(name: str) -> Path:
    """Return the folder that holds data set ``name`` inside the cache."""
    return cache_root() / name


@dataclass(frozen=True)
class Manifest:
    """What ``casus data fetch`` recorded about a cached data set.

    Attributes:
        dataset: data set name, e.g. ``"cow-states"``.
        file: main file, relative to the data set folder.
        source: URL or local path it was obtained from.
        sha256: hex digest of what was downloaded or imported.
        size: size in bytes of what was downloaded or imported.
        layout: the input layout recognised in the main file.
    """

    dataset: str
    file: str
    source: str
    sha256: str
    size: int
    layout: str

    def write(self, folder: Path) -> Path:
        """Write the manifest into ``folder`` and return its path."""
        path = folder / MANIFEST_NAME
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        return path


def read_manifest(name: str) -> Manifest | None:
    """Return the manifest of a cached data set, or None if there is none."""
    path = dataset_dir(name) / MANIFEST_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(**raw)
    except (OSError, ValueError, TypeError):
        return None


def cached_file(name: str, fetch_hint: str, field: str | None = None) -> Path:
    """Return the main file of a cached data set.

    Args:
        name: data set name (the folder in the cache).
        fetch_hint: what to tell the user when it is missing.
        field: the request field that could give the file instead (named in the error).

    Raises:
        NotCachedError: if the data set has not been fetched.
    """
    manifest = read_manifest(name)
    if manifest is not None:
        path = dataset_dir(name) / manifest.file
        if path.is_file():
            return path
    raise NotCachedError(f"data set '{name}' is not in the cache ({dataset_dir(name)})", fetch_hint, field)
