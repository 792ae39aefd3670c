"""The limits on reading one treaty file (see docs/treaty-format.md, "Folders, checking and limits").

Kept apart so that code which only needs the numbers does not import the YAML parser.  Every
kind of file casus loads (treaties, claims, records of practice) is read and decoded here.
"""

from __future__ import annotations

from pathlib import Path

from casus.errors import Problem

MAX_BYTES = 1_000_000
"""The largest treaty file read, in bytes (the largest built-in one is about 32 kB)."""
MAX_DEPTH = 64
"""The deepest nesting of lists and mappings (built-in files nest about a dozen levels)."""
MAX_VALUES = 100_000
"""The most values a file may hold once its aliases are expanded (built-in files hold a few thousand)."""


def read_bounded(path: Path, shown: str) -> tuple[bytes | None, Problem | None]:
    """A file's bytes, at most one byte past :data:`MAX_BYTES` (whatever the file is), or the problem."""
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1), None
    except OSError as exc:
        return None, Problem(shown, 1, "(file)", f"cannot read: {exc.strerror or exc}")


def too_large(file: str, size: int) -> Problem:
    """The problem of a file over :data:`MAX_BYTES`."""
    return Problem(file, 1, "(file)", f"the file is larger than {MAX_BYTES:,} bytes (limit: file size)",
                   "split it into one file per instrument; treaty files are a few kB")


def decoded(raw: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """The text of a file's bytes, or the problem: over the size limit, or not UTF-8."""
    if len(raw) > MAX_BYTES:
        return None, too_large(shown, len(raw))
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, Problem(shown, 1, "(file)", f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8")


def read_text(path: Path, shown: str, raw: bytes | None = None) -> tuple[str | None, Problem | None]:
    """The text of a file (``raw``: its bytes, when already read), or the problem reading or decoding it."""
    if raw is None:
        raw, problem = read_bounded(path, shown)
        if problem is not None:
            return None, problem
    return decoded(raw, shown)
