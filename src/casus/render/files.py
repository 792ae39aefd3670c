"""Output files: check, before any work, that a file can be written where the user asked."""

from __future__ import annotations

import os
from pathlib import Path

from casus.errors import OutputError


def check_writable(path, field: str) -> Path:
    """Raise :class:`OutputError` (naming ``field``) when ``path``'s folder is missing or not writable."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist", field=field,
                          hint="create the folder first, or give another path")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {path}: the folder {folder} is not writable", field=field,
                          hint="give a folder you can write to")
    if target.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder", field=field, hint="give a file name")
    return target


def write_text(path, text: str, field: str) -> Path:
    """Write ``text`` to ``path`` whole or not at all: a temporary file beside it, moved into place."""
    import tempfile

    target = check_writable(path, field)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; the previous file (if any) is unchanged",
                          field=field, hint="check the free space and the folder's permissions") from None
    return target
