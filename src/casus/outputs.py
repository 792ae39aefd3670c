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

A symbolic link is written through: the file it leads to is replaced (all
or nothing, as above) and the link stays.  A target that is not a file but a
stream (a named pipe, a terminal or another character device, or an open
descriptor such as ``/dev/stdout``) is written to directly once the output
is complete, as a shell's ``>`` would; a write it refuses (a full device, a
reader that went away) is an :class:`OutputError`.  A socket or a block
device is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
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
        if exc.errno == errno.EPIPE:
            return "the reader stopped reading before the end (a closed pipe)"
        if exc.errno == errno.ELOOP:
            return "the link leads back to itself (a symlink loop)"
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


def check_writable(path: str | os.PathLike, field: str | None = None, folder: bool = False) -> Path:
    """Return ``path`` if casus can create it (or replace it); raise :class:`OutputError` otherwise.

    ``field`` names the request field the path came from (the command line
    says it as its flag).  ``folder=True`` is for an output that is a folder
    (it may exist; it must then be a folder).  For a link to a file (or to
    nothing yet) the path returned is the file it leads to; a stream (a named
    pipe, a character device, ``/dev/stdout``) must be writable; a socket, a
    block device and a link loop are refused.
    """
    target = Path(path)
    name = f"cannot write {path}"

    def fail(message: str, hint: str) -> OutputError:
        return OutputError(message, field=field, hint=hint)

    if str(path).strip() == "":
        raise fail("an empty file name", "give the file to write")
    if not folder:
        kind = _kind(target)
        if kind == "loop":
            raise fail(f"{name}: {target} is a link that leads back to itself (a symlink loop)",
                       "remove the link or give another file name")
        if kind in _REFUSED:
            raise fail(f"{name}: {target} is {_REFUSED[kind]}, not a file", "give a file name")
        if kind == "stream":
            if not os.access(target, os.W_OK):
                raise fail(f"{name}: permission denied", "check its permissions")
            return target
        if kind == "link":  # the file the link leads to is what is replaced
            target = _destination(target)
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


#: existing targets that are neither files nor streams, and how messages name them
_REFUSED = {"socket": "a socket", "block": "a block device (a disk)"}
_DESCRIPTORS = re.compile(r"/proc/[^/]+(/task/[^/]+)?/fd")


def _kind(path: Path) -> str:
    """What ``path`` is: missing, file, folder, link (to a file, or to nothing yet), stream, socket, block or loop.

    A stream is written to directly: a named pipe, a character device (a
    terminal, ``/dev/null``) or an open descriptor (``/dev/stdout``,
    ``/dev/fd/N``), even one that leads to a file.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "loop"
        return "link" if os.path.islink(path) else "missing"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or _is_descriptor(path):
        return "stream"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISBLK(mode):
        return "block"
    return "link" if os.path.islink(path) else "file"


def _is_descriptor(path: Path) -> bool:
    """Whether ``path`` leads through ``/proc/PID/fd/`` (as ``/dev/stdout`` and ``/dev/fd/N`` do on Linux)."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        if _DESCRIPTORS.fullmatch(os.path.realpath(os.path.dirname(current))):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    return False


def _destination(target: Path) -> Path:
    """The file a link leads to (which may not exist yet); ``target`` itself when it is no link."""
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


def format_from_suffix(path: str | os.PathLike, formats: dict[str, str], field: str | None = "out",
                       otherwise: str = "give the format") -> str:
    """The format named by the suffix of ``path`` (``formats`` maps lower-case suffixes to formats).

    For an output whose format was not given: an unknown suffix (or none) is
    an :class:`~casus.errors.InputError` on ``field`` whose hint lists the
    suffixes, then says ``otherwise``.
    """
    from casus.errors import InputError

    found = formats.get(Path(path).suffix.lower())
    if found is None:
        suffixes = list(formats)
        listed = ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]
        raise InputError(f"cannot tell the format of {path} from its suffix", field=field,
                         hint=f"name the file {listed}, or {otherwise}")
    return found


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
    A link is written through (the file it leads to is replaced); a stream
    gets the complete output written into it at the end.
    """
    target = Path(path)
    kind = _kind(target)
    if kind == "stream":
        with _stream(target) as tmp:
            yield tmp
        return
    if kind == "loop":
        raise OutputError(f"cannot write {target}: {_reason(OSError(errno.ELOOP, ''))}")
    real = _destination(target)  # a link is written through: the file it leads to is replaced
    with _scratch(target, real.parent or Path("."), f".{real.stem}{_TMP_TAG}",
                  "; check that the folder exists and is writable") as tmp:
        try:
            if keep_existing and real.is_file():
                shutil.copyfile(real, tmp)
            yield tmp
            if not tmp.exists():
                raise OutputError(f"cannot write {target}: nothing was written")
            os.replace(tmp, real)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {_reason(exc)}; the previous file, if any, is unchanged") \
                from None


@contextlib.contextmanager
def _scratch(target: Path, folder: Path | None, prefix: str, where: str = "") -> Iterator[Path]:
    """A fresh temporary name in ``folder`` (the system's temporary folder for None), with ``target``'s suffix.

    No file is left at the name (writers that refuse an existing file get a
    fresh one); afterwards the name, and a ``.wal`` beside it, are removed.
    """
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=target.suffix)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {_reason(exc)}{where}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        tmp.unlink()
        yield tmp
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


@contextlib.contextmanager
def _stream(target: Path) -> Iterator[Path]:
    """Give a temporary path (in the system's temporary folder); when it is complete, copy it into ``target``.

    ``target`` is opened only then, so a writer that fails leaves it untouched
    (and does not block on a named pipe that nobody reads).
    """
    with _scratch(target, None, _TMP_TAG.lstrip("."), " (in the temporary folder)") as tmp:
        try:
            yield tmp
            if not tmp.exists():
                raise OutputError(f"cannot write {target}: nothing was written")
            _copy_into(tmp, target)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {_reason(exc)}") from None


def _copy_into(source: Path, target: Path) -> None:
    """Write the bytes of ``source`` into the stream ``target`` as a shell's ``>`` would (emptying a file behind it)."""
    flags = os.O_WRONLY | (os.O_TRUNC if stat.S_ISREG(os.stat(target).st_mode) else 0)
    out = os.open(target, flags)
    try:
        with open(source, "rb") as handle:
            while chunk := handle.read(1 << 16):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(out, view):]
    finally:
        os.close(out)


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
