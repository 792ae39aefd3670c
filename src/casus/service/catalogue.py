"""The corpus as a catalogue: one instrument (``show``), the list (``treaties``), and the check of treaty files."""

from __future__ import annotations

from dataclasses import dataclass

from casus.model.instrument import Corpus, Instrument
from casus.service import inputs
from casus.service.questions import instrument


@dataclass(frozen=True)
class ShowResult:
    """One instrument, for ``show``."""

    instrument: Instrument

    def to_dict(self) -> dict:
        from casus.service.documents import instrument_dict

        return instrument_dict(self.instrument)


@dataclass(frozen=True)
class TreatiesResult:
    """The instruments of a corpus, for ``treaties``."""

    corpus: Corpus

    def to_dict(self) -> list[dict]:
        from casus.service.documents import instrument_rows

        return instrument_rows(self.corpus)


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found: the files read, the instruments they hold, and the problems."""

    files: tuple[str, ...]
    instruments: tuple[Instrument, ...]
    problems: tuple = ()
    others: tuple[str, ...] = ()  # the claim files and records of practice checked beside the treaty files

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def provisions(self) -> int:
        return sum(len(i.provisions) for i in self.instruments)

    @property
    def summary(self) -> str:
        if self.problems:
            return (f"{len(self.problems)} problem(s) in {len({p.file for p in self.problems})} file(s); "
                    f"{len(self.instruments)} file(s) ok")
        besides = f"; {len(self.others)} claim and practice file(s)" if self.others else ""
        return (f"ok: {len(self.instruments)} instrument(s), {self.provisions} provision(s) in {len(self.files)} "
                f"file(s){besides}")

    def to_dict(self) -> dict:
        return {"format": "casus.check/1", "ok": self.ok, "files": len(self.files), "other_files": len(self.others),
                "instruments": [i.id for i in self.instruments], "provisions": self.provisions,
                "problems": [p.to_dict() for p in self.problems], "summary": self.summary}


def show(corpus: Corpus, instrument_id: str) -> ShowResult:
    """One instrument: parties over time, lifecycle, provisions, sources."""
    return ShowResult(instrument(inputs.checked_corpus(corpus), instrument_id))


def treaties(corpus: Corpus) -> TreatiesResult:
    return TreatiesResult(inputs.checked_corpus(corpus))


def check(paths=(), extra=()) -> CheckResult:
    """Validate treaty files: the built-in corpus (and the user's folders), or the files and folders given."""
    from pathlib import Path

    from casus.loader.corpus import builtin_dir, check_companions, check_files, files_in, unique, user_dirs

    targets = [Path(p) for p in inputs.texts(paths, "paths")] or \
        [builtin_dir(), *user_dirs(inputs.texts(extra, "corpus"))]
    files = []
    for target in targets:
        files += files_in(target)
    files = unique(files)  # a file reached twice (a folder given twice, the built-in one as --corpus) counts once
    instruments, problems = check_files(files)
    others, more = check_companions(targets, instruments)
    return CheckResult(tuple(str(f) for f in files), tuple(instruments), tuple(problems + more),
                       tuple(str(f) for f in others))


__all__ = ["ShowResult", "TreatiesResult", "CheckResult", "show", "treaties", "check"]
