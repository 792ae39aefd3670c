"""Errors raised by the gazetteer.

``GeoError`` derives from :class:`casus.InputError` (so from ``ValueError``): a one-line message (what is
wrong) and a hint (the nearest codes, or what to write), which the interfaces lay out.

    GeoError(InputError)
    ├── UnknownPlace    a code given as a place resolves to nothing
    ├── UnknownState    a code or name given as a state is not a sovereign state
    └── GeoDataError    the curated data file is malformed (a bug in casus data)

``UnknownTag`` is a ``KeyError``: asking a place for a tag outside the
vocabulary is a programming or treaty-encoding error, not user input.
"""

from __future__ import annotations

PLACE_HINT = ("give an ISO 3166-1 alpha-2 or alpha-3 code, an ISO 3166-2 subdivision, "
              "a sea area such as mediterranean-sea, or an English name such as Belarus")


from casus.errors import InputError


class GeoError(InputError):
    """Base of the gazetteer's user-facing errors (an :class:`casus.InputError`); ``str()`` is one line."""


def _did_you_mean(suggestions: list[tuple[str, str]]) -> str:
    """``did you mean BLR (Belarus)?`` for the nearest codes, or the empty string."""
    if not suggestions:
        return ""
    shown = ", ".join(f"{code} ({name})" if name and name != code else code
                      for code, name in suggestions)
    return f"did you mean {shown}?"


class UnknownPlace(GeoError):
    """A place code that resolves to nothing.

    ``code`` is what was given, ``suggestions`` the nearest valid codes
    (canonical form), best first.
    """

    def __init__(self, code: str, suggestions: list[str] | tuple[str, ...] = (),
                 names: dict[str, str] | None = None, hint: str | None = None):
        self.code = code
        self.suggestions = list(suggestions)
        names = names or {}
        near = _did_you_mean([(s, names.get(s, "")) for s in self.suggestions])
        what = hint or PLACE_HINT
        super().__init__(f"unknown place {code!r}", hint=f"{near} Or {what}" if near else what)


class UnknownState(GeoError):
    """A code or name that is not a sovereign state casus accepts.

    ``code`` is what was given, ``suggestions`` the nearest state codes.
    """

    def __init__(self, code: str, suggestions: list[str] | tuple[str, ...] = (),
                 names: dict[str, str] | None = None, reason: str | None = None):
        self.code = code
        self.suggestions = list(suggestions)
        names = names or {}
        hint = _did_you_mean([(s, names.get(s, "")) for s in self.suggestions]) or None
        if hint is None and not reason:
            hint = "give an ISO 3166-1 alpha-3 or alpha-2 code (e.g. POL, PL) or an English name"
        super().__init__(reason or f"unknown state {code!r}", hint=hint)


class GeoDataError(GeoError):
    """The curated gazetteer data is malformed."""


class UnknownTag(KeyError):
    """A tag name outside the vocabulary; the message lists the vocabulary."""

    def __init__(self, tag: str, vocabulary: list[str] | tuple[str, ...]):
        self.tag = tag
        self.vocabulary = tuple(vocabulary)
        super().__init__(tag)

    def __str__(self) -> str:  # KeyError would repr() the message
        import difflib

        near = difflib.get_close_matches(self.tag, self.vocabulary, n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]}?" if near else ""
        return f"unknown tag {self.tag!r}{hint} Tags: {', '.join(self.vocabulary)}"
