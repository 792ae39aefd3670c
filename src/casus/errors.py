"""Errors casus reports to its users.

Every error a user can cause derives from :class:`CasusError`; the CLI
prints it as one line (or one line per problem) and exits with code 2.
Nothing a user types should end in a traceback.

    CasusError
    ├── InputError      a bad scenario or command argument (unknown code, bad date, unknown fact)
    └── CorpusError     one or more problems in treaty files, each with file, line, key and hint
"""

from __future__ import annotations

from dataclasses import dataclass


class CasusError(Exception):
    """Base of every error casus reports to a user."""


class InputError(CasusError, ValueError):
    """A scenario or argument a user gave is not valid; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a treaty file."""

    file: str
    line: int
    key: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        hint = self.hint or "see docs/treaty-format.md for this key"
        return f"{self.file}:{self.line}: {self.key}: {self.message} (hint: {hint})"


class CorpusError(CasusError):
    """Treaty files that cannot be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.key))
        super().__init__("\n".join(str(p) for p in self.problems))
