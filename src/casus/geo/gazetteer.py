"""The gazetteer: resolve place and state codes, answer questions about places.

Every answer about a place is three-valued: ``True``, ``False`` or ``None``
(unsettled, disputed or ambiguous).  ``None`` is never a guess: it tells the
engine to report the result as undetermined and name what is missing.

Loading is lazy and cached (see ``docs/geography.md``, "Speed"):

* ``Gazetteer.default()`` builds nothing;
* the first lookup reads ISO 3166-1 (from pycountry's data) and the curated
  YAML;
* ISO 3166-2 is read only for a subdivision that is not curated, or to
  suggest codes after a typo;
* every resolved place is cached, by canonical code and by the input text.
"""

from __future__ import annotations

from casus.geo import _iso
from casus.geo._data import CuratedData, slug
from casus.geo.errors import GeoDataError, UnknownPlace, UnknownState, UnknownTag

def _fmt(value: object) -> str:
    return {True: "true", False: "false", None: "unsettled"}.get(value, repr(value))  # type: ignore[arg-type]


class Place:
    """A resolved place.  Immutable; compare and hash by canonical code."""

    __slots__ = ("code", "name", "kind", "state", "administered_by", "claimants", "parent",
                 "note", "sources", "aliases", "_tags", "_origin", "_notes", "_territory",
                 "_subdivision_defaults", "_vocabulary")

    def __init__(self, *, code: str, name: str, kind: str, state: str | None,
                 administered_by: str | None, claimants: tuple[str, ...], parent: str | None,
                 note: str | None, sources: tuple[str, ...], aliases: tuple[str, ...],
                 tags: dict, origin: dict, notes: dict, territory: dict,
                 subdivision_defaults: dict, vocabulary: tuple[str, ...]):
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
        text = f"{name} is {_fmt(value)} for {self.code} ({self.name})"
        if origin == "derived":
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
        """True when another state claims the place or it is not administered by its state."""
        return bool(self.claimants) or self.administered_by != self.state

    def status(self) -> str:
        """Neutral one-clause description of who lists, administers and claims the place."""
        parts = []
        if self.state:
            parts.append(f"listed under {self.state}")
        else:
            parts.append("listed under no state")
        if self.administered_by:
            if self.administered_by != self.state or self.claimants:
                parts.append(f"administered by {self.administered_by}")
        else:
            parts.append("administration divided or held by authorities that are not an ISO 3166-1 state")
        if self.claimants:
            parts.append(f"claimed by {', '.join(self.claimants)}")
        return ", ".join(parts)

    def __repr__(self) -> str:
        return f"Place({self.code!r}, {self.name!r}, kind={self.kind!r}, state={self.state!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Place) and other.code == self.code

    def __hash__(self) -> int:
        return hash(("casus.geo.Place", self.code))


class Gazetteer:
    """Resolves codes to places and states.  Use ``Gazetteer.default()``."""

    _default: "Gazetteer | None" = None

    def __init__(self, data_path: str | None = None, iso_dir: str | None = None):
        self._data_path = data_path
        self._data: CuratedData | None = None
        self._iso = _iso.IsoLists(iso_dir)
        self._places: dict[str, Place] = {}       # canonical code -> place
        self._inputs: dict[str, Place] = {}       # input text -> place
        self._states: dict[str, str] = {}         # input text -> alpha-3
        self._state_names: dict[str, str] | None = None
        self._vocabulary: tuple[str, ...] | None = None

    @classmethod
    def default(cls) -> "Gazetteer":
        """The process-wide instance (built on first call; loads nothing until used)."""
        if cls._default is None:
            cls._default = cls()
        return cls._default

    # -- data ------------------------------------------------------------------
    @property
    def data(self) -> CuratedData:
        if self._data is None:
            from casus.geo import _data

            self._data = _data.load(self._data_path)
            self._vocabulary = tuple(self._data.tags)
        return self._data

    @property
    def iso(self) -> _iso.IsoLists:
        return self._iso

    @property
    def tags(self) -> dict[str, str]:
        """The tag vocabulary: name -> description."""
        return {name: t.description for name, t in self.data.tags.items()}

    @property
    def vocabulary(self) -> tuple[str, ...]:
        self.data
        assert self._vocabulary is not None
        return self._vocabulary

    def curated_codes(self) -> list[str]:
        """Canonical codes of every curated record in the data file."""
        return list(self.data.records)

    # -- places ----------------------------------------------------------------
    def place(self, code: str) -> Place:
        """Resolve a place code (any accepted form) to a ``Place``; ``UnknownPlace`` otherwise."""
        if isinstance(code, Place):
            return code
        if not isinstance(code, str):
            raise UnknownPlace(repr(code), [], hint="give a place code as text")
        key = code.strip()
        hit = self._inputs.get(key)
        if hit is not None:
            return hit
        canonical = self.canonical(key)
        if canonical is None:
            suggestions = self.suggest(key)
            raise UnknownPlace(key, suggestions, {s: self._name_of(s) for s in suggestions})
        place = self._build(canonical)
        self._inputs[key] = place
        return place

    def canonical(self, code: str) -> str | None:
        """The canonical code for any accepted form, or None."""
        raw = code.strip()
        if not raw:
            return None
        data = self.data
        key = slug(raw)
        target = data.aliases.get(key) or data.named.get(key)
        if target is not None:
            return target
        upper = raw.upper()
        if upper.isalpha() and len(upper) in (2, 3):
            country = self._iso.country(upper)
            return country.alpha_3 if country else None
        head, sep, rest = upper.partition("-")
        if sep and rest and len(head) == 2 and rest.replace("-", "").isalnum():
            if self._iso.country(head) is None:
                return None
            if upper in data.records or self._iso.subdivision(upper) is not None:
                return upper
        return None

    def _build(self, canonical: str, _depth: int = 0) -> Place:
        place = self._places.get(canonical)
        if place is not None:
            return place
        if _depth > 12:
            raise GeoDataError(f"parent chain too deep at {canonical} (a cycle in 'parent'?)")
        data = self.data
        rec = data.records.get(canonical) or {}
        iso_name = None
        parent_code: str | None = rec.get("parent")
        if canonical == canonical.lower():                       # named place or sea
            kind = rec.get("kind", "place")
        elif "-" in canonical:                                    # ISO 3166-2
            kind = "subdivision"
            country = self._iso.country(canonical.split("-")[0])
            if country is None:
                raise GeoDataError(f"{canonical}: no ISO 3166-1 entry for its country part")
            if parent_code is None:
                if rec and "name" in rec:
                    parent_code = self.canonical(country.alpha_3)
                else:
                    sub = self._iso.subdivision(canonical)
                    iso_name = sub.name if sub else None
                    iso_parent = sub.parent if sub else None
                    parent_code = (self.canonical(iso_parent) if iso_parent else None) \
                        or self.canonical(country.alpha_3)
        else:                                                     # ISO 3166-1 alpha-3
            kind = rec.get("kind", "state")
            country = self._iso.country(canonical)
            iso_name = country.display_name if country else None
        parent = self._build(parent_code, _depth + 1) if parent_code else None

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
        if "administered_by" in rec:
            administered_by = rec["administered_by"]
        elif "state" in rec or parent is None or kind == "state":
            administered_by = state
        else:
            administered_by = sub_defaults.get("administered_by", parent.administered_by)
        if "claimants" in rec:
            claimants = tuple(rec["claimants"] or ())
        elif parent is not None and kind != "state" and ("state" not in rec or rec["state"] == parent.state):
            claimants = tuple(sub_defaults.get("claimants", parent.claimants))
        else:
            claimants = ()

        tags, origin, notes = self._resolve_tags(canonical, kind, rec, parent, sub_defaults)
        aliases = tuple(a for a, target in data.aliases.items() if target == canonical)
        place = Place(
            code=canonical, name=name, kind=kind, state=state, administered_by=administered_by,
            claimants=claimants, parent=parent.code if parent else None,
            note=" ".join(str(rec["note"]).split()) if rec.get("note") else None,
            sources=tuple(rec.get("sources") or ()), aliases=aliases,
            tags=tags, origin=origin, notes=notes, territory=dict(rec.get("territory") or {}),
            subdivision_defaults=sub_defaults, vocabulary=self.vocabulary)
        self._places[canonical] = place
        return place

    def _resolve_tags(self, code: str, kind: str, rec: dict, parent: Place | None,
                      sub_defaults: dict) -> tuple[dict, dict, dict]:
        data = self.data
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
            value = self._derive(data.tags[name].derive, tags)
            if value is not None or parent is None:
                tags[name], origin[name] = value, "derived"
            else:
                inherit(name)
        return {n: tags[n] for n in data.tags}, origin, notes

    @staticmethod
    def _derive(rule: str, tags: dict) -> bool | None:
        if rule == "americas":
            parts = (tags.get("north-america"), tags.get("south-america"))
            if True in parts:
                return True
            if None in parts:
                return None
            return False
        raise GeoDataError(f"unknown derive rule {rule!r}")

    def _name_of(self, code: str) -> str:
        try:
            return self._build(code).name
        except Exception:  # noqa: BLE001 - best effort for messages
            return ""

    # -- states ----------------------------------------------------------------
    def state(self, code: str) -> str:
        """The ISO alpha-3 code of a sovereign state given as alpha-2, alpha-3 or English name."""
        if not isinstance(code, str):
            raise UnknownState(repr(code), reason=f"state must be given as text, not {type(code).__name__}")
        key = code.strip()
        hit = self._states.get(key)
        if hit is not None:
            return hit
        alpha3 = None
        upper = key.upper()
        if upper.isalpha() and len(upper) in (2, 3):
            country = self._iso.country(upper)
            alpha3 = country.alpha_3 if country else None
        if alpha3 is None:
            alpha3 = self._state_name_index().get(_iso.fold(key))
        if alpha3 is None:
            self._not_a_state(key)
        place = self._build(alpha3)
        if place.kind != "state":
            self._not_a_state(key, place)
        self._states[key] = alpha3
        return alpha3

    def _not_a_state(self, given: str, place: Place | None = None):
        if place is None:
            try:
                place = self.place(given)
            except UnknownPlace:
                place = None
        if place is not None and place.kind == "state":
            raise UnknownState(given, [place.code], {place.code: place.name},
                               reason=f"{given!r} is a place code; give the state code {place.code}")
        if place is not None:
            what = {"territory": "a territory", "subdivision": "a subdivision",
                    "sea": "a sea area", "place": "a place"}.get(place.kind, place.kind)
            reason = f"{given!r} is {place.name} ({place.code}), {what}, not a sovereign state"
            if place.state:
                reason += f" (ISO 3166 lists it under {place.state})"
            suggestions = [place.state] if place.state else []
            raise UnknownState(given, suggestions, {s: self._name_of(s) for s in suggestions}, reason=reason)
        suggestions = self.suggest_states(given)
        raise UnknownState(given, suggestions, {s: self._name_of(s) for s in suggestions})

    def _state_name_index(self) -> dict[str, str]:
        if self._state_names is None:
            index: dict[str, str] = {}
            for country in self._iso.countries():
                for name in country.names():
                    index.setdefault(_iso.fold(name), country.alpha_3)
            for alpha3, names in self.data.state_names.items():
                for name in names:
                    index[_iso.fold(str(name))] = alpha3
            for alpha3, rec in self.data.records.items():
                if rec.get("kind") == "state" and rec.get("name"):
                    index[_iso.fold(rec["name"])] = alpha3
            self._state_names = index
        return self._state_names

    def is_state(self, code: str) -> bool:
        try:
            self.state(code)
        except UnknownState:
            return False
        return True

    def states(self) -> list[str]:
        """Alpha-3 codes of every state casus accepts."""
        return [c.alpha_3 for c in self._iso.countries() if self._build(c.alpha_3).kind == "state"]

    # -- questions ---------------------------------------------------------------
    def territory_of(self, place: "Place | str", state: str) -> tuple[bool | None, str]:
        """Whether ``place`` is territory of ``state``, with a one-line explanation.

        True: ``state`` is the place's state, administers it and nobody else
        claims it.  None: the place is disputed (claimed by another state,
        administered by a state other than the one ISO lists, or with divided
        administration) and ``state`` is one of those involved.  False
        otherwise, including every sea area.
        """
        p = self.place(place)
        s = self.state(state)
        label = f"{p.code} ({p.name})"
        if p.kind == "sea":
            return False, f"{label} is a sea area, not the territory of any state"
        if s in p._territory:
            value = p._territory[s]
            why = p.note or "curated exception"
            return value, f"{label}: {_fmt(value)} as territory of {s} ({why.rstrip('.')})"
        involved = {p.state, p.administered_by, *p.claimants} - {None}
        if not p.disputed:
            if s == p.state:
                if p.kind == "territory" and not p.tag("metropolitan"):
                    return True, f"{label} is undisputed territory of {s} (a dependent territory, not metropolitan)"
                return True, f"{label} is undisputed territory of {s}"
            owner = f"territory of {p.state}" if p.state else "not the territory of any state"
            return False, f"{label} is {owner}, not of {s}"
        if s in involved:
            return None, f"{label} is disputed ({p.status()}), so whether it is {s}'s territory is unsettled"
        return False, f"{label} is not {s}'s territory ({p.status()}; {s} neither administers nor claims it)"

    def administers(self, place: "Place | str", state: str) -> tuple[bool | None, str]:
        """Whether ``state`` administers ``place`` (e.g. US-Japan Art. V), with an explanation.

        None when administration is divided or held by authorities that are not
        an ISO 3166-1 state and ``state`` is involved (as ISO-listed state or
        claimant).
        """
        p = self.place(place)
        s = self.state(state)
        label = f"{p.code} ({p.name})"
        if p.kind == "sea":
            return False, f"{label} is a sea area; no state administers it"
        if p.administered_by == s:
            claimed = f" (claimed by {', '.join(p.claimants)})" if p.claimants else ""
            return True, f"{label} is administered by {s}{claimed}"
        if p.administered_by is None:
            involved = {p.state, *p.claimants} - {None}
            if s in involved:
                return None, f"administration of {label} is divided or held by authorities that are not an ISO 3166-1 state"
            return False, f"{label} is not administered by {s}"
        return False, f"{label} is administered by {p.administered_by}, not {s}"

    # -- suggestions -------------------------------------------------------------
    def suggest(self, code: str, n: int = 3) -> list[str]:
        """The nearest valid place codes (canonical), best first."""
        query = slug(code)
        if not query:
            return []
        data = self.data
        candidates: dict[str, str] = {}
        for country in self._iso.countries():
            target = self.canonical(country.alpha_3) or country.alpha_3
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
        if sep and len(head) == 2:
            for sub in self._iso.subdivisions().values():
                if sub.code.lower().startswith(head + "-"):
                    candidates.setdefault(sub.code.lower(), self.canonical(sub.code) or sub.code)
        return _nearest(query, candidates, n)

    def suggest_states(self, name: str, n: int = 3) -> list[str]:
        """The nearest sovereign-state codes for a mistyped state code or name."""
        query = _iso.fold(name)
        if not query:
            return []
        candidates: dict[str, str] = {}
        for country in self._iso.countries():
            if self._build(country.alpha_3).kind != "state":
                continue
            candidates.setdefault(country.alpha_3.lower(), country.alpha_3)
            candidates.setdefault(country.alpha_2.lower(), country.alpha_3)
        for folded, alpha3 in self._state_name_index().items():
            if self._build(alpha3).kind == "state":
                candidates.setdefault(folded, alpha3)
        return _nearest(query, candidates, n)


def _nearest(query: str, candidates: dict[str, str], n: int, cutoff: float = 0.6) -> list[str]:
    """Rank candidate strings by similarity to ``query``; return distinct targets."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher()
    matcher.set_seq2(query)
    scored: list[tuple[float, str, str]] = []
    for text, target in candidates.items():
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

