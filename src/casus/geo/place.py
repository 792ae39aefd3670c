"""The ``Place`` object: a resolved place, as curated today or as it stood on a day.

``Place.on(day)`` picks one of the views built with the place (see
``casus.geo.history``); the views are ``Place`` objects too, with ``period``
set to the curated period they come from.
"""

from __future__ import annotations

import datetime as dt

from casus.geo.errors import UnknownTag
from casus.geo.history import Period


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
                 "_timeline", "_history_from", "_before", "_changed_tags", "_also_involved")

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
        self._also_involved: tuple[str, ...] = ()

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
                from casus.geo.history import before_view

                base._before = before_view(base)
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
            parts.append(self.period.words())
        return ", ".join(parts)

    def involved(self) -> set[str]:
        """Every state listed, administering or claiming, today or in this view (or named as involved)."""
        out = set(self._also_involved)
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
