"""Writing output files and folders safely.

Two rules hold for every file or folder casus writes at a user's request:

* **Checked before any work.**  :func:`check_writable` rejects a target in a
  folder that does not exist or cannot be written, or a target that is a
  folder, so a typo costs nothing.  Every command calls it for each output
  option before loading or computing anything.
* **All or nothing.**  :func:`atomic_file` and :func:`atomic_folder` write
  to a temporary file or folder beside the target and move it into place
  only when it is complete.  When writing fails (a full disk, a file-size
  limit, an interrupted process), the temporary copy is removed and the
  previous file or folder is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from casus.errors import OutputError

_TMP_TAG = ".casus-tmp-"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "no space left on the device"
        if exc.errno == errno.EFBIG:
            return "the file is larger than allowed (a file-size limit)"
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


def check_writable(path: str | os.PathLike, field: str | None = None, folder: bool = False) -> Path:
    """Return ``path`` if casus can create it (or replace it); raise :class:`OutputError` otherwise.

    ``field`` names the request field the path came from (the command line
    says it as its flag).  ``folder=True`` is for an output that is a folder
    (it may exist; it must then be a folder).
    """
    target = Path(path)
    name = f"cannot write {path}"

    def fail(message: str, hint: str) -> OutputError:
        return OutputError(message, field=field, hint=hint)

    if str(path).strip() == "":
        raise fail("an empty file name", "give the file to write")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.exists():
        raise fail(f"{name}: the folder {parent} does not exist", "create it first or write elsewhere")
    if not parent.is_dir():
        raise fail(f"{name}: {parent} is not a folder", "give a path inside a folder")
    if not os.access(parent, os.W_OK | os.X_OK) or not _can_create_in(parent):
        raise fail(f"{name}: the folder {parent} cannot be written", "check its permissions")
    if target.exists():
        if folder and not target.is_dir():
            raise fail(f"{name}: {target} is a file, not a folder", "give a folder name")
        if not folder and target.is_dir():
            raise fail(f"{name}: {target} is a folder", "give a file name")
    return target


def _can_create_in(folder: Path) -> bool:
    """Try it: permissions alone do not tell (a read-only file system, or running as root)."""
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".casus-probe{_TMP_TAG}")
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike, keep_existing: bool = False) -> Iterator[Path]:
    """Give a temporary path beside ``path``; on success it replaces ``path``.

    The temporary file keeps the target's suffix, so writers that look at it
    behave as for the target.  With ``keep_existing`` the temporary file
    starts as a copy of the existing target (for formats such as DuckDB that
    add to a file).  Any exception removes the temporary file and leaves
    ``path`` untouched; an :class:`OSError` becomes :class:`OutputError`.
    """
    target = Path(path)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.stem}{_TMP_TAG}",
                                    suffix=target.suffix)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {_reason(exc)}; check that the folder exists "
                          "and is writable") from None
    os.close(fd)
    tmp = Path(name)
    try:
        if keep_existing and target.is_file():
            shutil.copyfile(target, tmp)
        else:
            tmp.unlink()  # writers that refuse an existing file get a fresh name
        yield tmp
        if not tmp.exists():
            raise OutputError(f"cannot write {target}: nothing was written")
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {_reason(exc)}; the previous file, if any, is unchanged") \
            from None
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


@contextlib.contextmanager
def atomic_folder(path: str | os.PathLike) -> Iterator[Path]:
    """Give a new temporary folder beside ``path``; on success it takes the place of ``path``.

    The old folder (if any) is renamed aside, the new one renamed into place
    and only then the old one deleted, so at every moment ``path`` is either
    the old complete folder or the new complete one.  Any exception removes
    the temporary folder and leaves ``path`` untouched.
    """
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}{_TMP_TAG}"))
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {_reason(exc)}; check that the folder exists "
                          "and is writable") from None
    old: Path | None = None
    try:
        yield tmp
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.casus-old-"))
            os.rmdir(old)
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except OSError:
            if old is not None:  # put the previous folder back
                os.replace(old, target)
                old = None
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {_reason(exc)}; the previous folder, if any, is unchanged") \
            from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def write_text(path: str | os.PathLike, text: str, field: str | None = None) -> Path:
    """Write ``text`` to ``path`` whole or not at all (checked first, then :func:`atomic_file`)."""
    target = check_writable(path, field)
    try:
        with atomic_file(target) as tmp:
            tmp.write_text(text, encoding="utf-8", newline="")
    except OutputError as exc:
        exc.field = field
        raise
    return target
