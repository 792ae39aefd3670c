"""Code parsing and resolution: user text -> canonical place code or ISO alpha-3 state."""

from __future__ import annotations

from casus.geo import _iso
from casus.geo._data import slug
from casus.geo.errors import UnknownPlace, UnknownState


def canonical(gaz, code: str) -> str | None:
    """The canonical code for any accepted form, or None."""
    raw = code.strip()
    if not raw:
        return None
    data = gaz.data
    key = slug(raw)
    target = data.aliases.get(key) or data.named.get(key)
    if target is not None:
        return target
    upper = raw.upper()
    if upper.isalpha() and len(upper) in (2, 3):
        country = gaz.iso.country(upper)
        if country is not None:
            return country.alpha_3
    head, sep, rest = upper.partition("-")
    if sep and rest and len(head) == 2 and rest.replace("-", "").isalnum() and gaz.iso.country(head) is not None:
        if upper in data.records or gaz.iso.subdivision(upper) is not None:
            return upper
    return place_name_index(gaz).get(_iso.fold(raw))  # last: a name never hides a code


def place_name_index(gaz) -> dict[str, str]:
    """Folded English name -> canonical code, for a place given by name (built once).

    Every state name casus accepts (:func:`state_name_index`: ``Belarus``,
    ``Russian Federation``), then the name of each curated record (``Kursk
    Oblast``) that no state and no other record has.  A name two records
    share is left out: it is answered with suggestions, not a silent pick.
    """
    if gaz._place_names is None:
        index = dict(state_name_index(gaz))
        curated: dict[str, list[str]] = {}
        for code, rec in gaz.data.records.items():
            if rec.get("name"):
                curated.setdefault(_iso.fold(str(rec["name"])), []).append(code)
        for name, found in curated.items():
            if name not in index and len(found) == 1:
                index[name] = found[0]
        gaz._place_names = index
    return gaz._place_names


def state(gaz, code: str) -> str:
    """The ISO alpha-3 code of a sovereign state given as alpha-2, alpha-3 or English name."""
    if not isinstance(code, str):
        raise UnknownState(repr(code), reason=f"state must be given as text, not {type(code).__name__}")
    key = code.strip()
    hit = gaz._states.get(key)
    if hit is not None:
        return hit
    alpha3 = None
    upper = key.upper()
    if upper.isalpha() and len(upper) in (2, 3):
        country = gaz.iso.country(upper)
        alpha3 = country.alpha_3 if country else None
    if alpha3 is None:
        alpha3 = state_name_index(gaz).get(_iso.fold(key))
    if alpha3 is None:
        not_a_state(gaz, key)
    place = gaz._build(alpha3)
    if place.kind != "state":
        not_a_state(gaz, key, place)
    gaz._states[key] = alpha3
    return alpha3


def not_a_state(gaz, given: str, place=None):
    """Raise ``UnknownState`` with the most helpful reason and suggestions."""
    if place is None:
        try:
            place = gaz.place(given)
        except UnknownPlace:
            place = None
    if place is not None and place.kind == "state":
        raise UnknownState(given, [place.code], {place.code: place.name},
                           reason=f"{given!r} is a place code; give the state code {place.code}")
    if place is not None:
        what = {"territory": "a territory", "subdivision": "a subdivision",
                "sea": "a sea area", "place": "a place"}.get(place.kind, place.kind)
        reason = f"{given!r} is {place.name} ({place.code}), {what}, not a sovereign state"
        if place.state and place.disputed:
            # no state is suggested for a disputed place: that would settle whose it is
            reason += (f" (its status is disputed: {place.status()}); give it as the place of the event, "
                       f"with the state the question is about as the target")
            suggestions = []
        else:
            if place.state:
                reason += f" (ISO 3166 lists it under {place.state})"
            suggestions = [place.state] if place.state else []
        raise UnknownState(given, suggestions, {s: gaz._name_of(s) for s in suggestions}, reason=reason)
    suggestions = gaz.suggest_states(given)
    raise UnknownState(given, suggestions, {s: gaz._name_of(s) for s in suggestions})


def state_name_index(gaz) -> dict[str, str]:
    """Folded English name -> alpha-3, for every state name casus accepts (built once)."""
    if gaz._state_names is None:
        index: dict[str, str] = {}
        for country in gaz.iso.countries():
            for name in country.names():
                index.setdefault(_iso.fold(name), country.alpha_3)
        for alpha3, names in gaz.data.state_names.items():
            for name in names:
                index[_iso.fold(str(name))] = alpha3
        for alpha3, rec in gaz.data.records.items():
            if rec.get("kind") == "state" and rec.get("name"):
                index[_iso.fold(rec["name"])] = alpha3
        gaz._state_names = index
    return gaz._state_names
