"""Errors casus reports to its users: one root, one shape.

Every error a user can cause derives from :class:`CasusError`.  Each carries
a machine-readable ``code``, a ``message``, the ``field`` it is about (a
request field such as ``by`` or ``on``, never a command-line flag: the CLI
maps ``by`` to ``--by``, the web to a query parameter), a ``hint`` and, for
treaty files, the list of ``problems``.  :meth:`CasusError.to_dict` gives the
``casus.error/1`` document (docs/json-contract.md).

    CasusError
    ├── InputError       a bad scenario or argument (unknown code, bad date, unknown fact); HTTP 400
    │   ├── NotFound     an id that names nothing (an instrument, a claim); HTTP 404
    │   └── OutputError  a file that cannot be written where asked; nothing is left half-written
    ├── CorpusError      problems in treaty files, each with file, line, key and hint
    ├── DataError        a data set or input file that cannot be read (casus.datasets)
    └── MissingExtra     an optional part of casus that is not installed

Errors from other libraries (OSError, polars, YAML) are mapped to these at
one boundary, :func:`casus.service.boundary`; nothing a user does should end
in a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT = "casus.error/1"


class CasusError(Exception):
    """Base of every error casus reports to a user."""

    code = "error"
    http_status = 400

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None,
                 code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.hint = hint
        if code is not None:
            self.code = code

    @property
    def problems(self) -> list["Problem"]:
        return []

    def __str__(self) -> str:
        return self.message + (f" (hint: {self.hint})" if self.hint else "")

    def to_dict(self) -> dict:
        """The ``casus.error/1`` document for this error."""
        return {"format": FORMAT, "error": {
            "code": self.code, "message": self.message, "field": self.field, "hint": self.hint,
            "problems": [p.to_dict() for p in self.problems]}}


class InputError(CasusError, ValueError):
    """A scenario or argument a user gave is not valid; the message says what to do."""

    code = "bad-input"


class NotFound(InputError):
    """An identifier (instrument, claim, state) that names nothing in the corpus."""

    code = "not-found"
    http_status = 404


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a treaty (or scenario, or claim) file."""

    file: str
    line: int
    key: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        hint = self.hint or "see docs/treaty-format.md for this key"
        return f"{self.file}:{self.line}: {self.key}: {self.message} (hint: {hint})"

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "key": self.key, "message": self.message,
                "hint": self.hint or "see docs/treaty-format.md for this key"}


class CorpusError(CasusError):
    """Treaty files that cannot be loaded; ``problems`` lists every problem found."""

    code = "bad-corpus"

    def __init__(self, problems: list[Problem]):
        self._problems = sorted(problems, key=lambda p: (p.file, p.line, p.key))
        files = len({p.file for p in self._problems})
        super().__init__(f"{len(self._problems)} problem(s) in {files} treaty file(s)",
                         hint="fix each problem listed; `casus check DIR` lists them again")

    @property
    def problems(self) -> list[Problem]:
        return self._problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self._problems)


class DataError(CasusError):
    """A data set, input file, cache entry or download that cannot be used."""

    code = "bad-data"


class OutputError(InputError):
    """An output that cannot be written (a path the user gave); the previous state is left untouched."""

    code = "cannot-write"


class MissingExtra(CasusError):
    """An optional part of casus is not installed; the hint names the extra to install."""

    code = "missing-extra"
    http_status = 501

    def __init__(self, what: str, extra: str, module: str):
        super().__init__(f"{what} needs the optional package '{module}', which is not installed",
                         hint=f"pip install 'casus[{extra}]'", field=None)
        self.extra = extra


def need(module: str, extra: str, what: str):
    """Import an optional dependency, or raise :class:`MissingExtra` naming the extra."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(what, extra, module.split(".")[0]) from None
