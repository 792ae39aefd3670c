"""Find and load treaty files: the built-in corpus and the user's own folders.

The built-in corpus is the ``corpus/`` folder of the repository, installed as
``casus/corpus`` in a wheel.  Users add folders with ``--corpus DIR``
(repeatable) or the ``CASUS_CORPUS`` environment variable (folders separated
by the platform's path separator); their files are evaluated alongside the
built-in ones.  Two files may not share an instrument id; a folder or file
given twice (under another name, or through a link) is read once.

Every load reads the files again; what is kept (in memory, at most
:data:`MEMORY_SIZE` corpora and :data:`BUILT_SIZE` built files, and in the
cache folder) is keyed on a hash of their contents, so a running process
sees an edited file, and a corpus that differs from one already loaded by a
file costs the parsing of that file only.  The rules for
folders (links, ``.yml`` files, empty folders and entries) are in
:func:`files_in` and docs/treaty-format.md.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from casus.errors import CorpusError, Problem
from casus.loader import cache as _cache
from casus.model.instrument import Corpus, Instrument

ENV_VAR = "CASUS_CORPUS"
#: sub-folders of a corpus folder that hold other files than treaties (loaded by their own loaders)
NOT_TREATIES = ("claims", "practice")


def builtin_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    installed = here / "corpus"
    if installed.is_dir():
        return installed
    return here.parent.parent / "corpus"  # a source checkout (editable install)


def _real(path: Path) -> Path:
    """``path`` resolved; a link loop (which ``resolve`` refuses) stays as it is, made absolute."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _reals(paths: list[Path]) -> list[Path]:
    """``_real`` of each path, resolving each folder once: a file that is not a link is its folder's real path plus its name."""
    folders: dict[Path, Path] = {}
    out = []
    for path in paths:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = _real(path.parent)
        # a link, or a last part '..' (the folder above the parent), is resolved itself
        out.append(_real(path) if path.name == ".." or path.is_symlink() else folder / path.name)
    return out


def unique(paths) -> list[Path]:
    """Each file or folder once, in the order given: one given twice (by another name, or by a link) counts once."""
    paths = [Path(p) for p in paths]
    seen: set[Path] = set()
    out = []
    for path, real in zip(paths, _reals(paths)):
        if real not in seen:
            seen.add(real)
            out.append(path)
    return out


@lru_cache(maxsize=8)
def _bases(cwd: str) -> tuple[Path, Path]:
    """The current folder (given as ``os.getcwd()``) and the built-in corpus folder, resolved."""
    return Path(cwd).resolve(), builtin_dir().resolve()


def _display(path: Path, real: Path | None = None) -> str:
    """How a file is named in problems: relative to the current folder, else to the built-in corpus.

    ``real`` is ``_real(path)`` when the caller has it already.
    """
    real = _real(path) if real is None else real
    here, builtin = _bases(os.getcwd())
    try:
        return str(real.relative_to(here))
    except ValueError:
        try:
            return "corpus/" + str(real.relative_to(builtin))
        except ValueError:
            return str(path)


def _checker():
    from casus.geo import Gazetteer, GeoError

    gazetteer = Gazetteer.default()

    def check_state(code: str) -> str | None:
        if code.startswith("COW-"):  # a polity with no ISO code, e.g. from an ATOP import
            from casus.geo.cow import cow_codes

            if code[4:].isdigit() and int(code[4:]) in cow_codes():
                return None
            return "COW-NNN codes name polities with no ISO code; NNN must be a COW country code"
        try:
            canonical = gazetteer.state(code)
        except GeoError as exc:
            near = getattr(exc, "suggestions", [])
            if near:
                return "did you mean " + ", ".join(near) + "? Write ISO 3166-1 alpha-3 codes"
            return "write ISO 3166-1 alpha-3 codes, e.g. BLR, RUS, USA"
        if canonical != code:
            return f"write the ISO alpha-3 code {canonical}"
        return None

    return check_state, set(gazetteer.tags)


def files_in(folder: Path) -> list[Path]:
    """The treaty files of ``folder`` (every ``*.yaml`` below it whose name does not start with ``_``).

    Symbolic links are followed, but a folder reached a second time (a link
    loop) is a problem, as is a folder with no ``.yaml`` file or with
    ``.yml`` files (casus reads ``.yaml`` only; the mistake would otherwise
    go unnoticed).  Raises :class:`CorpusError`.
    """
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise CorpusError([Problem(str(folder), 1, "(folder)", "no such file or folder",
                                   "give a folder of treaty .yaml files")])
    found: list[Path] = []
    others: list[Path] = []  # files in claims/ and practice/: a folder of only these is a corpus folder too
    other_yaml: list[Path] = []
    problems: list[Problem] = []
    seen: dict[tuple[int, int], str] = {}

    def unreadable(error: OSError) -> None:
        problems.append(Problem(str(error.filename or folder), 1, "(folder)",
                                f"cannot read folder: {error.strerror or error}", "check its permissions"))

    for here, subdirs, names in os.walk(folder, followlinks=True, onerror=unreadable):
        st = os.stat(here)
        seen.setdefault((st.st_dev, st.st_ino), here)
        keep = []
        for sub in sorted(subdirs):
            if sub in NOT_TREATIES:
                others.extend(Path(here, sub).glob("*.yaml"))
                continue  # claim files and the record of practice are loaded by their own loaders
            full = os.path.join(here, sub)
            try:
                sst = os.stat(full)
            except OSError as exc:
                unreadable(exc)
                continue
            ident = (sst.st_dev, sst.st_ino)
            if ident in seen:
                problems.append(Problem(full, 1, "(folder)",
                                        f"this link leads to a folder already read ({seen[ident]}): a symlink loop",
                                        "remove the link, or point it outside the corpus folder"))
                continue
            seen[ident] = full
            keep.append(sub)
        subdirs[:] = keep
        for name in names:
            if name.startswith("_"):
                continue
            if name.endswith(".yaml"):
                found.append(Path(here, name))
            elif name.endswith((".yml", ".YAML", ".YML", ".Yaml")):
                other_yaml.append(Path(here, name))
    if other_yaml:
        names = ", ".join(str(p) for p in sorted(other_yaml)[:3]) + (", ..." if len(other_yaml) > 3 else "")
        problems.append(Problem(str(folder), 1, "(folder)",
                                f"{len(other_yaml)} file(s) with another YAML suffix: {names}",
                                "casus reads files ending in .yaml: rename them (or start the name "
                                "with _ to leave a file out)"))
    if not found and not others and not problems:
        problems.append(Problem(str(folder), 1, "(folder)", "no treaty files (*.yaml) in this folder",
                                "give a folder of treaty .yaml files"))
    if problems:
        raise CorpusError(problems)
    return sorted(found)


def practice_files(folder: Path) -> list[Path]:
    """The practice files of a corpus folder (its ``practice/`` subfolder), which :mod:`casus.loader.practice` reads."""
    folder = Path(folder)
    target = folder if folder.name == "practice" else folder / "practice"
    if not target.is_dir():
        return []
    return sorted(p for p in target.glob("*.yaml") if not p.name.startswith("_"))


def _read(path: Path, display: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of a file (at most one byte over the size limit), or the problem reading it."""
    from casus.loader.limits import read_bounded

    return read_bounded(path, display)


MEMORY_SIZE = 8
"""How many compiled corpora one process keeps in memory (the least recently used is dropped)."""
_memory: OrderedDict[str, Corpus] = OrderedDict()
_memory_lock = threading.Lock()
BUILT_SIZE = 512
"""How many built treaty files one process keeps in memory, keyed on name and contents (least recently used dropped)."""
_built: OrderedDict[tuple[str, bytes], tuple[Instrument | None, tuple[Problem, ...]]] = OrderedDict()


def _build(data: bytes, display: str, checker) -> tuple[Instrument | None, list[Problem]]:
    """One treaty file built from its bytes; a file already built with the same name and bytes is not parsed again.

    A corpus that differs from one already loaded by one file (a user folder beside the built-in
    corpus, an edited file) costs the parsing of that file only.  What is built depends on the
    bytes, the name shown in problems and the gazetteer (fixed for the process), nothing else.
    """
    import hashlib

    key = (display, hashlib.sha256(data).digest())
    with _memory_lock:
        hit = _built.get(key)
        if hit is not None:
            _built.move_to_end(key)
            return hit[0], list(hit[1])
    from casus.loader.build import build_bytes  # pydantic is imported only when files are parsed

    check_state, tags = checker()
    instrument, found = build_bytes(data, display, check_state, tags)
    with _memory_lock:
        _built[key] = (instrument, tuple(found))
        while len(_built) > BUILT_SIZE:
            _built.popitem(last=False)
    return instrument, list(found)


def load_files(paths: list[Path], contents: list[bytes | None] | None = None
               ) -> tuple[list[Instrument], list[Problem]]:
    """Load treaty files; ``contents`` (when given) are their bytes, already read."""
    checked = []

    def checker():  # the state and tag checks, made once per call and only when a file is parsed
        if not checked:
            checked.append(_checker())
        return checked[0]

    instruments: list[Instrument] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for n, path in enumerate(paths):
        display = _display(path)
        if contents is None:
            data, problem = _read(path, display)
        else:
            data, problem = contents[n], None
        if data is None:
            problems.append(problem or Problem(display, 1, "(file)", "cannot read"))
            continue
        instrument, found = _build(data, display, checker)
        problems.extend(found)
        if instrument is None:
            continue
        if instrument.id in seen:
            problems.append(Problem(display, _id_line(data), "id", f"instrument id '{instrument.id}' is already "
                                    f"used by {seen[instrument.id]}", "give each instrument its own id"))
            continue
        clash = [a for a in instrument.aliases if a in seen or a in aliases]
        if clash:
            other = seen.get(clash[0]) or aliases[clash[0]]
            problems.append(Problem(display, 1, "aliases", f"alias '{clash[0]}' is already used by {other}",
                                    "give each alias to one instrument only"))
            continue
        seen[instrument.id] = display
        aliases.update({a: display for a in instrument.aliases})
        instruments.append(instrument)
    return instruments, problems


def _id_line(data: bytes) -> int:
    """The line of the top-level ``id:`` key (1 when it cannot be found)."""
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        if line.startswith("id:"):
            return number
    return 1


def check_companions(folders, instruments) -> tuple[list[Path], list[Problem]]:
    """The claim files and records of practice of ``folders`` (their ``claims/`` and ``practice/``), checked.

    They are checked as loading them would check them: each record of
    practice against the ``instruments`` given and the built-in ones, each
    claim file on its own.  Returns the files read and their problems.
    """
    from casus.loader.claims import claim_files, load_or_raise
    from casus.loader.practice import load_practice

    dirs = unique(f for f in folders if Path(f).is_dir())
    practice = [p for d in dirs for p in practice_files(d)]
    claims = claim_files(dirs)
    problems: list[Problem] = []
    builtin = builtin_dir().resolve()
    has_builtin = any(_real(d) == builtin for d in dirs)
    if practice:
        known = {i.id: i for i in instruments}
        if not has_builtin:  # else its instruments are among those just checked
            try:
                for inst in _load_paths(files_in(builtin_dir())).instruments:
                    known.setdefault(inst.id, inst)
            except CorpusError:
                pass  # a broken built-in corpus is reported when it is checked itself
        check_state, _ = _checker()
        problems += load_practice(practice, list(known.values()), check_state)[1]
    if claims:
        # the built-in claims are read beside the user's (casus claim, casus claims): an id they use is taken
        beside = [] if has_builtin else claim_files([builtin_dir()])
        mine = {_display(p) for p in claims}
        try:
            load_or_raise(beside + claims)  # files already checked come from the compiled cache
        except CorpusError as exc:
            problems += [p for p in exc.problems if p.file in mine]  # a broken built-in claim is not the user's
    return practice + claims, problems


def check_files(paths: list[Path]) -> tuple[list[Instrument], list[Problem]]:
    """Load ``paths`` as ``casus check PATH...`` does.

    Files outside the built-in corpus are checked as a user corpus: they will
    be evaluated alongside the built-in instruments (``--corpus``,
    ``CASUS_CORPUS``), so an id that a built-in instrument already uses is a
    problem here too.  Files of the built-in corpus are checked as they are.
    Give each file once (:func:`unique`): a file given twice clashes with itself.
    """
    instruments, problems = load_files(paths)
    builtin = builtin_dir().resolve()
    checked = {_display(p) for p in paths}
    user = {_display(p) for p in paths if not _real(p).is_relative_to(builtin)}
    if not user:
        return instruments, problems
    try:
        builtin_ids = {i.id: i.path for i in _load_paths(files_in(builtin_dir())).instruments}
    except CorpusError:
        return instruments, problems  # a broken built-in corpus is reported when it is checked itself
    kept = []
    for inst in instruments:
        clash = builtin_ids.get(inst.id)
        if inst.path in user and clash is not None and clash not in checked:
            data, _ = _read(Path(inst.path), inst.path)
            problems.append(Problem(inst.path, _id_line(data or b""), "id",
                                    f"instrument id '{inst.id}' is already used by the built-in {clash}",
                                    "give your instrument its own id: your files are loaded beside "
                                    "the built-in corpus"))
            continue
        kept.append(inst)
    return kept, problems


def named_dir(name: str) -> Path:
    """Where a named corpus (e.g. ``atop``, written by ``casus import atop``) is kept."""
    from casus.loader.cache import cache_dir

    return cache_dir() / "corpora" / name


def _resolve(entry: str) -> Path:
    if not entry.strip():
        raise CorpusError([Problem("''", 1, "(corpus)", "an empty corpus folder name",
                                   "an unset shell variable? give a folder, or leave the option out")])
    path = Path(entry)
    if path.exists() or not entry.replace("-", "").isalnum():
        return path
    named = named_dir(entry)
    if named.is_dir():
        return named
    hint = "run `casus import atop` first" if entry == "atop" else "give a folder of treaty files"
    raise CorpusError([Problem(entry, 1, "(corpus)", "no such folder, and no imported corpus of that name",
                               hint)])


def user_dirs(extra: tuple[str, ...] | list[str] = ()) -> list[Path]:
    """The user's corpus folders: ``--corpus`` entries, then ``CASUS_CORPUS``.

    An entry that is not an existing path but a plain name (``atop``) names a
    corpus imported into the cache folder.  An empty ``--corpus`` entry is an
    error (it would otherwise read the current folder); empty parts of
    ``CASUS_CORPUS`` are skipped, as in ``PATH``.  A folder given twice
    (under any name) is listed once.
    """
    entries = list(extra) + [d for d in os.environ.get(ENV_VAR, "").split(os.pathsep) if d.strip()]
    return unique(_resolve(e) for e in entries)


def load_corpus(extra: tuple[str, ...] | list[str] = (), builtin: bool = True) -> Corpus:
    """Load the built-in corpus (unless ``builtin=False``) plus the user's folders.

    Every call reads the files again and keys what it keeps on their
    contents, so an edited file is seen by a running process, and at most
    :data:`MEMORY_SIZE` corpora are kept.  Raises :class:`CorpusError`
    listing every problem when any file is bad.
    """
    folders = ([builtin_dir()] if builtin else []) + user_dirs(extra)
    if len(folders) > 1:
        folders = unique(folders)  # the built-in folder given again as a user folder is read once
    paths: list[Path] = []
    practice_paths: list[Path] = []
    for folder in folders:
        paths += files_in(folder)
        if Path(folder).is_dir():
            practice_paths += practice_files(Path(folder))
    if len(folders) > 1:  # a file given beside its folder, or a folder reached through a link to it
        paths, practice_paths = unique(paths), unique(practice_paths)
    return _load_paths(paths, practice_paths)


def _load_paths(paths: list[Path], practice_paths: list[Path] = ()) -> Corpus:
    """The corpus of these treaty files (and records of practice), keyed on their contents."""
    every = list(paths) + list(practice_paths)
    reals = _reals(every)
    displays = [_display(p, r) for p, r in zip(every, reals)]
    contents: list[bytes | None] = []
    problems: list[Problem] = []
    for path, display in zip(every, displays):
        data, problem = _read(path, display)
        contents.append(data)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise CorpusError(problems)
    key = _cache.key_for([(f"{d}|{r}", c or b"") for d, r, c in zip(displays, reals, contents)])
    with _memory_lock:
        if key in _memory:
            _memory.move_to_end(key)
            return _memory[key]
    corpus = _cache.read(key)
    if corpus is None:
        instruments, problems = load_files(list(paths), contents[:len(paths)])
        records = []
        if practice_paths and not problems:  # a record can only be checked against sound treaty files
            from casus.loader.practice import load_practice

            check_state, _ = _checker()
            records, problems = load_practice(list(practice_paths), instruments, check_state,
                                              contents[len(paths):])  # read once, above
        if problems:
            raise CorpusError(problems)
        corpus = Corpus.of(instruments, records)
        _cache.write(key, corpus)
    with _memory_lock:
        _memory[key] = corpus
        while len(_memory) > MEMORY_SIZE:
            _memory.popitem(last=False)
    return corpus


def forget() -> None:
    """Drop the corpora kept in memory (the cache on disk stays)."""
    with _memory_lock:
        _memory.clear()
        _built.clear()
