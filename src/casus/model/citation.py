"""The one citation formatter: how an article, a provision or a step is cited."""

from __future__ import annotations

import re

_NUMBERED = re.compile(r"^[0-9IVXLC]+\b")


def article(text: str, confirmed: bool = True) -> str:
    """``Art. 4(2)``; a place that is not an article number (``statement``, ``chapter 3 (…)``) as written.

    >>> article("4(2)"), article("V", False), article("chapter 3 (joint defence)"), article("statement")
    ('Art. 4(2)', 'Art. V (number unconfirmed)', 'chapter 3 (joint defence)', 'statement')
    """
    text = " ".join(str(text).split())
    base = f"Art. {text}" if _NUMBERED.match(text) else text
    return base if confirmed else f"{base} (number unconfirmed)"


def provision(p) -> str:
    """A provision's article, marked when the number or the provision itself is unconfirmed."""
    text = article(p.article, p.article_confirmed)
    return f"{text} (unverified)" if p.confidence == "unverified" else text


def where(source: str, art: str | None, part: str = "parties") -> str:
    """``<short title>, Art. N`` for an article; ``<short title>, parties`` (or ``lifecycle``) otherwise."""
    return f"{source}, {article(art)}" if art else f"{source}, {part}"
