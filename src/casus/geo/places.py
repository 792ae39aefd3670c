"""Places: the ``Place`` object and how one is built from ISO lists and curated records.

A place's values come from its own record, else from its parent (ISO 3166-2
parent subdivision, else the country), else from the tag defaults (see
docs/geography.md, "Inheritance").  A place with dated periods (see
``casus.geo.history``) also holds one precomputed view per period;
``place.on(day)`` picks the view for a day without building anything.
"""

from __future__ import annotations

import datetime as dt

from casus.geo.errors import GeoDataError, UnknownTag
from casus.geo.history import UNSETTLED, Period


def fmt(value: object) -> str:
    return {True: "true", False: "false", None: "unsettled"}.get(value, repr(value))  # type: ignore[arg-type]


class Place:
    """A resolved place.  Immutable; compare and hash by canonical code.

    ``state``, ``administered_by``, ``claimants`` and the tags are the values
    as curated today; ``place.on(day)`` gives the place as it stood on a day
    (a ``Place`` too, with ``period`` set to the curated period it comes from).
    ``unsettled`` names the values the sources do not settle on that day.
    """

    __slots__ = ("code", "name", "kind", "state", "administered_by", "claimants", "parent",
                 "note", "sources", "aliases", "_tags", "_origin", "_notes", "_territory",
                 "_subdivision_defaults", "_vocabulary", "unsettled", "period", "_base",
                 "_timeline", "_history_from", "_before", "_changed_tags")

    def __init__(self, *, code: str, name: str, kind: str, state: str | None,
                 administered_by: str | None, claimants: tuple[str, ...], parent: str | None,
                 note: str | None, sources: tuple[str, ...], aliases: tuple[str, ...],
                 tags: dict, origin: dict, notes: dict, territory: dict,
                 subdivision_defaults: dict, vocabulary: tuple[str, ...],
                 history_from: dt.date | None = None):
        self.code = code
        self.name = name
        self.kind = kind
        self.state = state
        self.administered_by = administered_by
        self.claimants = claimants
        self.parent = parent
        self.note = note
        self.sources = sources
        self.aliases = aliases
        self._tags = tags
        self._origin = origin
        self._notes = notes
        self._territory = territory
        self._subdivision_defaults = subdivision_defaults
        self._vocabulary = vocabulary
        self.unsettled: frozenset[str] = frozenset()
        self.period: Period | None = None
        self._base = self
        self._timeline: tuple[tuple[Period, "Place"], ...] = ()
        self._history_from = history_from
        self._before: Place | None = None
        self._changed_tags: frozenset[str] = frozenset()

    # -- dates -----------------------------------------------------------------
    def on(self, day: dt.date | None) -> "Place":
        """The place as it stood on ``day`` (``None``: as curated today).

        Cheap: the views are built with the place; this is a comparison or two.
        """
        base = self._base
        if day is None:
            return base
        start = base._history_from
        if start is not None and day < start:
            if base._before is None:
                base._before = _before_view(base, start)
            return base._before
        for period, view in base._timeline:
            if period.contains(day):
                return view
        return base

    @property
    def history(self) -> tuple[Period, ...]:
        """The curated periods (own or inherited), oldest first."""
        return tuple(p for p, _ in self._base._timeline)

    @property
    def today(self) -> "Place":
        return self._base

    # -- tags ------------------------------------------------------------------
    def tag(self, name: str) -> bool | None:
        """True, False or None (unsettled) for one tag; ``UnknownTag`` (a KeyError) otherwise."""
        try:
            return self._tags[name]
        except KeyError:
            raise UnknownTag(name, self._vocabulary) from None

    @property
    def tags(self) -> dict[str, bool | None]:
        """Every tag's value for this place."""
        return dict(self._tags)

    def tag_note(self, name: str) -> str | None:
        """The curated reason for this tag's value, if any (own or inherited)."""
        self.tag(name)
        return self._notes.get(name)

    def tag_origin(self, name: str) -> str:
        """Where the value comes from: a place code, ``"default"`` or ``"derived"``."""
        self.tag(name)
        return self._origin[name]

    def explain(self, name: str) -> str:
        """One line: the value, where it comes from and why."""
        value = self.tag(name)
        origin = self._origin[name]
        text = f"{name} is {fmt(value)} for {self.code} ({self.name})"
        if self.period is not None and name in self._changed_tags:
            text += f" (in {self.period.span()})"
        elif origin == "derived":
            text += " (derived from north-america and south-america)"
        elif origin == "default":
            text += " (the tag's default)"
        elif origin != self.code:
            text += f" (inherited from {origin})"
        note = self._notes.get(name)
        return f"{text}: {note}" if note else text

    # -- status ----------------------------------------------------------------
    @property
    def disputed(self) -> bool:
        """True when another state claims the place, it is not administered by its state, or it is unsettled."""
        return bool(self.claimants) or self.administered_by != self.state or bool(self.unsettled)

    def status(self) -> str:
        """Neutral one-clause description of who lists, administers and claims the place."""
        if "all" in self.unsettled:
            return f"its status before {self._base._history_from} is not curated"
        parts = []
        if "state" in self.unsettled:
            parts.append("whose territory it was is unsettled")
        elif self.state:
            parts.append(f"listed under {self.state}")
        else:
            parts.append("listed under no state")
        if "administered_by" in self.unsettled:
            parts.append("who administered it is unsettled")
        elif self.administered_by:
            if self.administered_by != self.state or self.claimants:
                parts.append(f"administered by {self.administered_by}")
        else:
            parts.append("administration divided or held by authorities that are not an ISO 3166-1 state")
        if "claimants" in self.unsettled:
            parts.append("claims unsettled")
        elif self.claimants:
            parts.append(f"claimed by {', '.join(self.claimants)}")
        if self.period is not None:
            parts.append(f"in {self.period.span()}")
        return ", ".join(parts)

    def involved(self) -> set[str]:
        """Every state listed, administering or claiming, today or in this view."""
        out = set()
        for p in (self, self._base):
            out.update((p.state, p.administered_by, *p.claimants))
        out.discard(None)
        return out  # type: ignore[return-value]

    def __repr__(self) -> str:
        when = f", period={self.period.span()}" if self.period is not None else ""
        return f"Place({self.code!r}, {self.name!r}, kind={self.kind!r}, state={self.state!r}{when})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Place) and other.code == self.code

    def __hash__(self) -> int:
        return hash(("casus.geo.Place", self.code))


def _copy(base: Place) -> Place:
    view = Place.__new__(Place)
    for slot in Place.__slots__:
        setattr(view, slot, getattr(base, slot))
    view._tags = dict(base._tags)
    view._origin = dict(base._origin)
    view._notes = dict(base._notes)
    view._timeline = ()
    view._before = None
    view._base = base
    return view


def _view(base: Place, period: Period, values: dict, changed_tags: dict) -> Place:
    """``base`` with the values of one period applied."""
    view = _copy(base)
    view.period = period
    unsettled = set()
    if "state" in values:
        if values["state"] == UNSETTLED:
            view.state, _ = None, unsettled.add("state")
        else:
            view.state = values["state"]
    if "administered_by" in values:
        if values["administered_by"] == UNSETTLED:
            view.administered_by, _ = None, unsettled.add("administered_by")
        else:
            view.administered_by = values["administered_by"]
    if "claimants" in values:
        if values["claimants"] == UNSETTLED:
            view.claimants, _ = (), unsettled.add("claimants")
        else:
            view.claimants = tuple(values["claimants"] or ())
    for name, value in changed_tags.items():
        view._tags[name] = value
        view._origin[name] = base.code
        if period.note:
            view._notes[name] = period.note
    view._changed_tags = frozenset(changed_tags)
    view.unsettled = frozenset(unsettled)
    return view


def _before_view(base: Place, start: dt.date) -> Place:
    view = _copy(base)
    view.unsettled = frozenset({"all", "state", "administered_by", "claimants"})
    view.state, view.administered_by, view.claimants = None, None, ()
    return view


def timeline(place: Place, periods: tuple[Period, ...] | None, parent: Place | None, inherits: dict) -> tuple:
    """The place's dated views: from its own periods, else from its parent's."""
    if periods:
        return tuple((p, _view(place, p, p.values, dict(p.values.get("tags") or {}))) for p in periods)
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
            out.append((period, _view(place, period, values, tags)))
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
