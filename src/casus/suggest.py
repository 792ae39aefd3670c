"""The one "did you mean" of casus.

Every suggestion of a nearest name (an event, a fact, an instrument id, a
reading, a state, a treaty-file key) goes through :func:`nearest`, with one
similarity cut-off, so a typo gets the same kind of help everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

CUTOFF = 0.6


def nearest(word: object, options: Iterable[str], n: int = 1, cutoff: float = CUTOFF) -> list[str]:
    """The options closest to ``word``, best first (case-insensitive; an option containing it counts)."""
    import difflib  # only when there is something to suggest: it costs start-up time

    options = [str(o) for o in options]
    text = str(word).strip()
    lowered = {o.lower(): o for o in options}
    found = [lowered[m] for m in difflib.get_close_matches(text.lower(), list(lowered), n=n, cutoff=cutoff)]
    if len(found) < n and len(text) >= 3:
        found += [o for o in options if text.lower() in o.lower() and o not in found][: n - len(found)]
    if len(found) < n and len(text) >= 4:  # a misspelt start of a long name: militry for military-assistance
        starts: dict[str, str] = {}
        for low, option in lowered.items():
            if len(low) > len(text) + 1 and option not in found:
                starts.setdefault(low[:len(text) + 1], option)
        found += [starts[m] for m in difflib.get_close_matches(text.lower(), list(starts), n=n - len(found),
                                                                 cutoff=0.8)]
    return found


def did_you_mean(word: object, options: Iterable[str], n: int = 1) -> str | None:
    """``did you mean 'x'?`` (or ``'x' or 'y'``) when something is near, else None."""
    found = nearest(word, options, n=n)
    if not found:
        return None
    return "did you mean " + " or ".join(f"'{f}'" for f in found) + "?"


def hint(word: object, options: Iterable[str], fallback: str | None = None) -> str:
    """A hint for an unknown ``word``: the nearest option, else ``fallback``, else the options."""
    options = list(options)
    return did_you_mean(word, options) or fallback or ("use one of: " + ", ".join(options))
