"""Suggestions ("did you mean"): the nearest valid place or state codes for a mistyped one."""

from __future__ import annotations

from casus.geo import _iso
from casus.geo._data import slug


def suggest(gaz, code: str, n: int = 3) -> list[str]:
    """The nearest valid place codes (canonical), best first."""
    query = slug(code)
    if not query:
        return []
    data = gaz.data
    candidates: dict[str, str] = {}
    for country in gaz.iso.countries():
        target = gaz.canonical(country.alpha_3) or country.alpha_3
        candidates.setdefault(country.alpha_3.lower(), target)
        candidates.setdefault(country.alpha_2.lower(), target)
        candidates.setdefault(slug(_iso.fold(country.display_name)), target)
    for alias, target in data.aliases.items():
        candidates.setdefault(alias, target)
    for code_ in data.records:
        candidates.setdefault(code_.lower(), code_)
        name = data.records[code_].get("name")
        if name:
            candidates.setdefault(slug(_iso.fold(str(name))), code_)
    head, sep, _rest = query.partition("-")
    by_country = bool(sep) and len(head) == 2  # a subdivision code of that country: ru-kr for RU-KRS
    by_name = len(query) >= 4  # a subdivision by the start of its name: kursk for Kurskaya oblast' (RU-KRS)
    if by_country or by_name:  # else no subdivision can be near (a short query with no country part)
        for sub in gaz.iso.subdivisions().values():
            if by_country and sub.code.lower().startswith(head + "-"):
                candidates.setdefault(sub.code.lower(), gaz.canonical(sub.code) or sub.code)
            if by_name:
                name = slug(_iso.fold(sub.name))
                if name.startswith(query):
                    candidates.setdefault(name, gaz.canonical(sub.code) or sub.code)
    return nearest(query, candidates, n)


def suggest_states(gaz, name: str, n: int = 3) -> list[str]:
    """The nearest sovereign-state codes for a mistyped state code or name."""
    from casus.geo.codes import state_name_index

    query = _iso.fold(name)
    if not query:
        return []
    candidates: dict[str, str] = {}
    for country in gaz.iso.countries():
        if gaz._build(country.alpha_3).kind != "state":
            continue
        candidates.setdefault(country.alpha_3.lower(), country.alpha_3)
        candidates.setdefault(country.alpha_2.lower(), country.alpha_3)
    for folded, alpha3 in state_name_index(gaz).items():
        if gaz._build(alpha3).kind == "state":
            candidates.setdefault(folded, alpha3)
    return nearest(query, candidates, n)


def nearest(query: str, candidates: dict[str, str], n: int, cutoff: float = 0.6) -> list[str]:
    """Rank candidate strings by similarity to ``query``; return distinct targets."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher()
    matcher.set_seq2(query)
    scored: list[tuple[float, str, str]] = []
    for text, target in candidates.items():
        # the start of the name itself (kursk: kursk-oblast, kurskaya-oblast); four letters only as a whole word
        if len(query) >= 4 and text.startswith(query) and (len(query) >= 5 or text[len(query):][:1] in ("", "-")):
            scored.append((1.1, text, target))
            continue
        matcher.set_seq1(text)
        if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
            continue
        ratio = matcher.ratio()
        if ratio < cutoff:
            continue
        prefix = 0
        for a, b in zip(text, query):
            if a != b:
                break
            prefix += 1
        scored.append((ratio + 0.02 * min(prefix, 5), text, target))
    scored.sort(key=lambda item: (-item[0], item[1]))
    out: list[str] = []
    for score, _text, target in scored:
        if score < scored[0][0] - 0.1:   # keep only near-ties of the best match
            break
        if target not in out:
            out.append(target)
        if len(out) == n:
            break
    return out
