"""Errors raised by the dataset layer.

Every error a user can cause (a missing file, a wrong column, a failed
download) is a :class:`DatasetError`, a :class:`casus.errors.DataError`.  It carries a one-line message and an
optional hint, so the command line can print both without a traceback.
"""

from __future__ import annotations

from pathlib import Path

from casus.errors import DataError


class DatasetError(DataError):
    """A problem with an input file, the cache or a download.

    Attributes:
        message: what went wrong, naming the file involved when there is one.
        hint: what the user can do about it (may be empty).
    """

    def __init__(self, message: str, hint: str = "", field: str | None = None) -> None:
        super().__init__(message, hint=hint or None, field=field)


class InputFileError(DatasetError):
    """An input file is missing, unreadable or has the wrong layout."""

    def __init__(self, path: str | Path, problem: str, hint: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}", hint)


class NotCachedError(DatasetError):
    """A data set was asked for from the cache but has not been fetched."""


class FetchError(DatasetError):
    """Downloading, verifying or unpacking a data set failed."""
