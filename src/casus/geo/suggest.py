"""Suggestions ("did you mean"): the nearest valid place or state codes for a mistyped one."""

from __future__ import annotations

from casus.geo import _iso
from casus.geo._data import slug


def suggest(gaz, code: str, n: int = 3) -> list[str]:
    """The nearest valid place codes (canonical), best first."""
    query = slug(code)
    if not query:
        return []
    candidates = dict(_places(gaz))
    head, sep, _rest = query.partition("-")
    by_country = bool(sep) and len(head) == 2  # a subdivision code of that country: ru-kr for RU-KRS
    by_name = len(query) >= 4  # a subdivision by the start of its name: kursk for Kurskaya oblast' (RU-KRS)
    if by_country or by_name:  # else no subdivision can be near (a short query with no country part)
        for lowered, name, sub in _subdivisions(gaz):
            if by_country and lowered.startswith(head + "-") and lowered not in candidates:
                candidates[lowered] = gaz.canonical(sub) or sub
            if by_name and name.startswith(query) and name not in candidates:
                candidates[name] = gaz.canonical(sub) or sub
    return nearest(query, candidates, n)


def suggest_states(gaz, name: str, n: int = 3) -> list[str]:
    """The nearest sovereign-state codes for a mistyped state code or name."""
    query = _iso.fold(name)
    if not query:
        return []
    return nearest(query, _states(gaz), n)


def _places(gaz) -> dict[str, str]:
    """Every code, alias and name of a state or curated place (as a slug) -> its canonical code; made once."""
    found = gaz._suggestions.get("places")
    if found is None:
        data = gaz.data
        found = {}
        for country in gaz.iso.countries():
            target = gaz.canonical(country.alpha_3) or country.alpha_3
            found.setdefault(country.alpha_3.lower(), target)
            found.setdefault(country.alpha_2.lower(), target)
            found.setdefault(slug(_iso.fold(country.display_name)), target)
        for alias, target in data.aliases.items():
            found.setdefault(alias, target)
        for code, record in data.records.items():
            found.setdefault(code.lower(), code)
            if record.get("name"):
                found.setdefault(slug(_iso.fold(str(record["name"]))), code)
        gaz._suggestions["places"] = found
    return found


def _subdivisions(gaz) -> list[tuple[str, str, str]]:
    """Each ISO 3166-2 subdivision as (its code in lower case, its name as a slug, its code); made once."""
    found = gaz._suggestions.get("subdivisions")
    if found is None:
        found = gaz._suggestions["subdivisions"] = [
            (sub.code.lower(), slug(_iso.fold(sub.name)), sub.code) for sub in gaz.iso.subdivisions().values()]
    return found


def _states(gaz) -> dict[str, str]:
    """Every code and name of a sovereign state (folded) -> its alpha-3 code; made once."""
    from casus.geo.codes import state_name_index

    found = gaz._suggestions.get("states")
    if found is None:
        found = {}
        for country in gaz.iso.countries():
            if gaz._build(country.alpha_3).kind != "state":
                continue
            found.setdefault(country.alpha_3.lower(), country.alpha_3)
            found.setdefault(country.alpha_2.lower(), country.alpha_3)
        for folded, alpha3 in state_name_index(gaz).items():
            if gaz._build(alpha3).kind == "state":
                found.setdefault(folded, alpha3)
        gaz._suggestions["states"] = found
    return found


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
