"""The one citation formatter: how an article, a provision or a step is cited."""

from __future__ import annotations

import re

_NUMBERED = re.compile(r"^[0-9IVXLC]+\b")


def article(text: str, confirmed: bool = True) -> str:
    """``Art. 4(2)``; a place that is not an article number (``statement``, ``chapter 3 (…)``) as written.

    An unconfirmed article number is marked; a place named in words says for itself what is known
    of its number (``sanctions article (number not identified)``), so it is not marked twice.

    >>> article("4(2)"), article("V", False), article("chapter 3 (joint defence)"), article("statement")
    ('Art. 4(2)', 'Art. V (number unconfirmed)', 'chapter 3 (joint defence)', 'statement')
    >>> article("sanctions article (number not identified)", False)
    'sanctions article (number not identified)'
    """
    text = " ".join(str(text).split())
    if not _NUMBERED.match(text):
        return text
    return f"Art. {text}" if confirmed else f"Art. {text} (number unconfirmed)"


def provision(p) -> str:
    """A provision's article, marked when the number or the provision itself is unconfirmed."""
    text = article(p.article, p.article_confirmed)
    return f"{text} (unverified)" if p.confidence == "unverified" else text


def where(source: str, art: str | None, part: str = "parties", confirmed: bool = True) -> str:
    """``<short title>, Art. N`` for an article; ``<short title>, parties`` (or ``lifecycle``) otherwise.

    An instrument that is one article, and is named by it, is cited once:

    >>> where("TEU Art. 42(7)", "42(7)"), where("NATO", "5"), where("NATO", None)
    ('TEU Art. 42(7)', 'NATO, Art. 5', 'NATO, parties')
    """
    if not art:
        return f"{source}, {part}"
    cited = article(art, confirmed)
    return source if source.endswith(cited) else f"{source}, {cited}"
