"""A cache of compiled corpora, so that a command starts fast.

Parsing and checking the treaty files takes a large part of a short command's
run time; the compiled corpus is pickled in the user cache directory
(``CASUS_CACHE``, else ``$XDG_CACHE_HOME/casus``, else ``~/.cache/casus``).

The key is a hash of the *contents* of every treaty file (with its path),
of every file of the casus packages that decide what a compiled corpus holds
(all of ``casus/model``, ``casus/loader`` and ``casus/geo``, data files
included: the list is found by walking those folders, not written by hand),
and of the Python and library versions.  Sizes and modification times are
not trusted: an edit that keeps both (``cp -p``, ``rsync -a``, ``tar``) is
still seen.  Only files that loaded without problems are cached.  An entry
that cannot be read or holds anything but a corpus is deleted and rebuilt; a
write that fails leaves no temporary file behind.  Set ``CASUS_NO_CACHE=1``
to bypass the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from functools import lru_cache
from pathlib import Path

PACKAGES = ("model", "loader", "geo")
"""The casus subpackages whose files (code and data) shape a compiled corpus."""
LIBRARIES = ("pyyaml", "pydantic", "pycountry")
"""Libraries whose version can change what the loader accepts or builds."""
_KEEP_DAYS = 7
_STALE_TMP_SECONDS = 3600


def cache_dir() -> Path:
    from casus.userdirs import cache_root

    return cache_root()


def _package_files(package: str | None = None) -> list[tuple[str, str]]:
    """Each file of :data:`PACKAGES` as (its name below the casus folder, with ``/``; its path), sorted by name.

    Only regular files (and links to them) count: an editor's lock file (a link to nowhere) is left out.
    """
    package = package or os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    found = []
    for name in PACKAGES:
        for here, subdirs, names in os.walk(os.path.join(package, name)):
            subdirs[:] = [d for d in subdirs if d != "__pycache__"]
            rel = os.path.relpath(here, package).replace(os.sep, "/")
            for n in names:
                path = os.path.join(here, n)
                if not n.endswith((".pyc", ".pyo")) and os.path.isfile(path):
                    found.append((f"{rel}/{n}", path))
    return sorted(found)


def format_files() -> list[Path]:
    """Every file of :data:`PACKAGES`, in a stable order (compiled bytecode left out)."""
    return [Path(path) for _, path in _package_files()]


@lru_cache(maxsize=1)
def format_digest() -> str:
    """A hash of everything besides the treaty files that decides what the cache holds."""
    digest = hashlib.sha256(sys.version.encode())
    for name in _installed(LIBRARIES):
        digest.update(name.encode() + b"\0")
    for name, path in _package_files():
        with open(path, "rb") as handle:
            data = handle.read()
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def _installed(names: tuple[str, ...]) -> list[str]:
    """The ``*.dist-info`` folder names (which carry the versions) of ``names`` on ``sys.path``.

    Listing the folders is much cheaper than importing :mod:`importlib.metadata`.
    """
    wanted = tuple(n.lower() + "-" for n in names)
    found = []
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        found += [f for f in listing if f.endswith(".dist-info") and f.lower().startswith(wanted)]
    return sorted(found)


def key_for(files: list[tuple[str, bytes]]) -> str:
    """The cache key of a corpus read from ``files`` (each a name and the file's bytes)."""
    digest = hashlib.sha256(format_digest().encode())
    for name, data in files:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def _enabled() -> bool:
    return os.environ.get("CASUS_NO_CACHE", "") in ("", "0")


def _entry(key: str) -> Path:
    return cache_dir() / f"corpus-{key}.pickle"


def read(key: str, valid=None):
    """The corpus cached under ``key``, or None (a bad entry is deleted so that it is rebuilt).

    ``valid`` tells a good entry of another kind (e.g. a list of claims); by default a :class:`Corpus`.
    """
    if not _enabled():
        return None
    from casus.model.instrument import Corpus

    if valid is None:
        def valid(value):
            return isinstance(value, Corpus)
    target = _entry(key)
    try:
        with open(target, "rb") as handle:
            value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - any unreadable entry means: load the files
        value = None
    if value is not None and valid(value):
        return value
    try:
        target.unlink(missing_ok=True)  # corrupt or foreign: make room for a good one
    except OSError:
        pass
    return None


def write(key: str, corpus) -> bool:
    """Store ``corpus`` under ``key``; True when it was stored.  Never raises."""
    if not _enabled():
        return False
    import tempfile  # only a miss writes: a start that reads the cache does without it

    folder = cache_dir()
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _prune(folder)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="corpus-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(corpus, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _entry(key))
        tmp = None
        return True
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache, not an error
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path) -> None:
    """Drop entries unused for a week and temporary files a killed process left."""
    now = time.time()
    for old in [*folder.glob("corpus-*"), *folder.glob("tmp*.tmp")]:  # tmp*: left by earlier versions
        try:
            age = now - old.stat().st_mtime
            if (old.suffix == ".pickle" and age > _KEEP_DAYS * 86400) or \
                    (old.suffix == ".tmp" and age > _STALE_TMP_SECONDS):
                old.unlink(missing_ok=True)
        except OSError:
            continue
