"""A cache of compiled corpora, so that a command starts fast.

Parsing and checking the treaty files takes a large part of a short command's
run time; the compiled corpus is pickled in the user cache directory
(``CASUS_CACHE``, else ``$XDG_CACHE_HOME/casus``, else ``~/.cache/casus``).
The key covers every file's path, size and modification time and the casus
source files that define the format, so any edit is picked up.  Only files
that loaded without problems are cached; anything unexpected (an unreadable
or stale cache, a read-only directory) falls back to loading the files.
Set ``CASUS_NO_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

_FORMAT_MODULES = ("model/instrument.py", "model/vocabulary.py", "loader/build.py", "loader/schema.py",
                   "loader/conditions.py", "loader/yamlsrc.py", "loader/cache.py")


def cache_dir() -> Path:
    from casus.userdirs import cache_root

    return cache_root()


def _key(paths: list[Path]) -> str | None:
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent.parent
    try:
        for rel in _FORMAT_MODULES:
            st = (package / rel).stat()
            digest.update(f"{rel}:{st.st_size}:{st.st_mtime_ns}".encode())
        for path in paths:
            st = path.stat()
            digest.update(f"{path.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode())
    except OSError:
        return None
    return digest.hexdigest()[:32]


def _enabled() -> bool:
    return os.environ.get("CASUS_NO_CACHE", "") in ("", "0")


def read(paths: list[Path]):
    if not _enabled():
        return None
    key = _key(paths)
    if key is None:
        return None
    target = cache_dir() / f"corpus-{key}.pickle"
    try:
        with open(target, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - any unreadable cache means: load the files
        return None


def write(paths: list[Path], corpus) -> None:
    if not _enabled():
        return
    key = _key(paths)
    if key is None:
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("corpus-*.pickle"):
            if old.stat().st_mtime < _now() - 7 * 86400:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(corpus, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"corpus-{key}.pickle")
    except OSError:
        return


def _now() -> float:
    import time

    return time.time()
