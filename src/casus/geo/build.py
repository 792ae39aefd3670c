"""Place building: how a ``Place`` is made from the ISO lists and the curated records.

A place's values come from its own record, else from its parent (ISO 3166-2
parent subdivision, else the country), else from the tag defaults (see
docs/geography.md, "Inheritance").  A place with dated periods also gets one
precomputed view per period (``timeline``), so ``place.on(day)`` builds nothing.
"""

from __future__ import annotations

from casus.geo.errors import GeoDataError
from casus.geo.history import UNSETTLED, Period, view
from casus.geo.place import Place


def timeline(place: Place, periods: tuple[Period, ...] | None, parent: Place | None, inherits: dict) -> tuple:
    """The place's dated views: from its own periods, else from its parent's."""
    if periods:
        return tuple((p, view(place, p, p.values, dict(p.values.get("tags") or {}))) for p in periods)
    if parent is None or not parent._timeline:
        return ()
    out = []
    for period, pview in parent._timeline:
        values = {}
        for key in ("state", "administered_by", "claimants"):
            if inherits[key] and (key in pview.unsettled or getattr(pview, key) != getattr(parent, key)):
                values[key] = UNSETTLED if key in pview.unsettled else getattr(pview, key)
        tags = {t: pview._tags[t] for t in pview._changed_tags if place._origin.get(t) not in (place.code, "derived")}
        if values or tags:
            out.append((period, view(place, period, values, tags)))
    return tuple(out)


def build(gaz, canonical: str, _depth: int = 0) -> Place:
    """The ``Place`` for a canonical code (cached on the gazetteer)."""
    place = gaz._places.get(canonical)
    if place is not None:
        return place
    if _depth > 12:
        raise GeoDataError(f"parent chain too deep at {canonical} (a cycle in 'parent'?)")
    data = gaz.data
    iso = gaz.iso
    rec = data.records.get(canonical) or {}
    iso_name = None
    parent_code: str | None = rec.get("parent")
    if canonical == canonical.lower():                       # named place or sea
        kind = rec.get("kind", "place")
    elif "-" in canonical:                                    # ISO 3166-2
        kind = "subdivision"
        country = iso.country(canonical.split("-")[0])
        if country is None:
            raise GeoDataError(f"{canonical}: no ISO 3166-1 entry for its country part")
        if parent_code is None:
            if rec and "name" in rec:
                parent_code = gaz.canonical(country.alpha_3)
            else:
                sub = iso.subdivision(canonical)
                iso_name = sub.name if sub else None
                iso_parent = sub.parent if sub else None
                parent_code = (gaz.canonical(iso_parent) if iso_parent else None) \
                    or gaz.canonical(country.alpha_3)
    else:                                                     # ISO 3166-1 alpha-3
        kind = rec.get("kind", "state")
        country = iso.country(canonical)
        iso_name = country.display_name if country else None
    parent = build(gaz, parent_code, _depth + 1) if parent_code else None

    name = rec.get("name") or iso_name or canonical
    if kind == "state":
        state = canonical
    elif kind == "sea":
        state = None
    elif "state" in rec:
        state = rec["state"]
    else:
        state = parent.state if parent else None

    parent_rec = (data.records.get(parent.code) or {}) if parent else {}
    sub_defaults = (parent_rec.get("subdivisions") or {}) if parent else {}
    inherits = {"state": kind not in ("state", "sea") and "state" not in rec and parent is not None}
    if "administered_by" in rec:
        administered_by = rec["administered_by"]
        inherits["administered_by"] = False
    elif "state" in rec or parent is None or kind == "state":
        administered_by = state
        inherits["administered_by"] = False
    else:
        administered_by = sub_defaults.get("administered_by", parent.administered_by)
        inherits["administered_by"] = "administered_by" not in sub_defaults
    if "claimants" in rec:
        claimants = tuple(rec["claimants"] or ())
        inherits["claimants"] = False
    elif parent is not None and kind != "state" and ("state" not in rec or rec["state"] == parent.state):
        claimants = tuple(sub_defaults.get("claimants", parent.claimants))
        inherits["claimants"] = "claimants" not in sub_defaults
    else:
        claimants = ()
        inherits["claimants"] = False

    tags, origin, notes = _resolve_tags(gaz, canonical, kind, rec, parent, sub_defaults)
    aliases = tuple(a for a, target in data.aliases.items() if target == canonical)
    place = Place(
        code=canonical, name=name, kind=kind, state=state, administered_by=administered_by,
        claimants=claimants, parent=parent.code if parent else None,
        note=" ".join(str(rec["note"]).split()) if rec.get("note") else None,
        sources=tuple(rec.get("sources") or ()), aliases=aliases,
        tags=tags, origin=origin, notes=notes, territory=dict(rec.get("territory") or {}),
        subdivision_defaults=sub_defaults, vocabulary=gaz.vocabulary, history_from=data.history_from)
    if kind != "sea":
        place._timeline = timeline(place, data.history.get(canonical), parent, inherits)
    gaz._places[canonical] = place
    return place


def _resolve_tags(gaz, code: str, kind: str, rec: dict, parent: Place | None,
                  sub_defaults: dict) -> tuple[dict, dict, dict]:
    data = gaz.data
    own = data.explicit(code)
    own_notes = {k: " ".join(str(v).split()) for k, v in (rec.get("notes") or {}).items()}
    sub_tags = sub_defaults.get("tags") or {}
    tags: dict[str, bool | None] = {}
    origin: dict[str, str] = {}
    notes: dict[str, str] = {}

    def inherit(name: str) -> None:
        assert parent is not None
        if name in sub_tags:
            tags[name], origin[name] = sub_tags[name], parent.code
            note = ((data.records.get(parent.code) or {}).get("notes") or {}).get(name)
        else:
            tags[name], origin[name] = parent._tags[name], parent._origin[name]
            note = parent._notes.get(name)
        if note and name not in notes:
            notes[name] = " ".join(str(note).split())

    derived = []
    for name, tdef in data.tags.items():
        if name in own_notes:
            notes[name] = own_notes[name]
        if name in own:
            tags[name], origin[name] = own[name], code
        elif tdef.derive:
            derived.append(name)
        elif parent is not None:
            inherit(name)
        else:
            tags[name] = tdef.default_by_kind.get(kind, tdef.default)
            origin[name] = "default"
    for name in derived:
        value = derive(data.tags[name].derive, tags)
        if value is not None or parent is None:
            tags[name], origin[name] = value, "derived"
        else:
            inherit(name)
    return {n: tags[n] for n in data.tags}, origin, notes


def derive(rule: str, tags: dict) -> bool | None:
    if rule == "americas":
        parts = (tags.get("north-america"), tags.get("south-america"))
        if True in parts:
            return True
        if None in parts:
            return None
        return False
    raise GeoDataError(f"unknown derive rule {rule!r}")
