"""Find and load treaty files: the built-in corpus and the user's own folders.

The built-in corpus is the ``corpus/`` folder of the repository, installed as
``casus/corpus`` in a wheel.  Users add folders with ``--corpus DIR``
(repeatable) or the ``CASUS_CORPUS`` environment variable (folders separated
by the platform's path separator); their files are evaluated alongside the
built-in ones.  Two files may not share an instrument id.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from casus.errors import CorpusError, Problem
from casus.loader import cache as _cache
from casus.model.instrument import Corpus, Instrument

ENV_VAR = "CASUS_CORPUS"


def builtin_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    installed = here / "corpus"
    if installed.is_dir():
        return installed
    return here.parent.parent / "corpus"  # a source checkout (editable install)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        builtin = builtin_dir().resolve()
        try:
            return "corpus/" + str(path.resolve().relative_to(builtin))
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
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise CorpusError([Problem(str(folder), 1, "(folder)", "no such file or folder",
                                   "give a folder of treaty .yaml files")])
    # claims/ holds claim files (casus.loader.claims), practice/ the record of practice
    # (casus.loader.practice): neither holds treaty files
    return sorted(p for p in folder.rglob("*.yaml")
                  if not p.name.startswith("_") and not {"claims", "practice"} & set(p.relative_to(folder).parts[:-1]))


def load_files(paths: list[Path]) -> tuple[list[Instrument], list[Problem]]:
    from casus.loader.build import build_file  # pydantic is imported only when files are parsed

    check_state, tags = _checker()
    instruments: list[Instrument] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for path in paths:
        display = _display(path)
        instrument, found = build_file(path, check_state, tags, display)
        problems.extend(found)
        if instrument is None:
            continue
        if instrument.id in seen:
            problems.append(Problem(display, 1, "id", f"instrument id '{instrument.id}' is already used "
                                    f"by {seen[instrument.id]}", "give each instrument its own id"))
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


def named_dir(name: str) -> Path:
    """Where a named corpus (e.g. ``atop``, written by ``casus import atop``) is kept."""
    from casus.loader.cache import cache_dir

    return cache_dir() / "corpora" / name


def _resolve(entry: str) -> Path:
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
    corpus imported into the cache folder.
    """
    entries = list(extra) + [d for d in os.environ.get(ENV_VAR, "").split(os.pathsep) if d.strip()]
    return [_resolve(e) for e in entries]


def load_corpus(extra: tuple[str, ...] | list[str] = (), builtin: bool = True) -> Corpus:
    """Load the built-in corpus (unless ``builtin=False``) plus the user's folders.

    Raises :class:`CorpusError` listing every problem when any file is bad.
    """
    folders = ([builtin_dir()] if builtin else []) + user_dirs(extra)
    key = tuple(str(f.resolve()) for f in folders)
    return _load(key)


@lru_cache(maxsize=8)
def _load(folders: tuple[str, ...]) -> Corpus:
    from casus.loader import practice as _practice
    from casus.model import practice as _practice_model

    paths: list[Path] = []
    practice_paths: list[Path] = []
    for folder in folders:
        paths += files_in(Path(folder))
        if Path(folder).is_dir():
            practice_paths += _practice.practice_files(Path(folder))
    # the practice files, and the modules that read them, are part of what the compiled corpus depends on
    key = paths + practice_paths + [Path(_practice.__file__), Path(_practice_model.__file__)]
    cached = _cache.read(key)
    if cached is not None:
        return cached
    instruments, problems = load_files(paths)
    records = []
    if practice_paths:
        check_state, _ = _checker()
        records, more = _practice.load_practice(practice_paths, instruments, check_state)
        problems += [] if problems else more  # a record can only be checked against sound treaty files
    if problems:
        raise CorpusError(problems)
    corpus = Corpus.of(instruments, records)
    _cache.write(key, corpus)
    return corpus
