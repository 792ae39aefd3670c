"""The gazetteer: one object that resolves codes and answers questions about places.

Every answer about a place is three-valued: ``True``, ``False`` or ``None``
(unsettled, disputed or ambiguous).  ``None`` is never a guess: it tells the
engine to report the result as undetermined and name what is missing.

The work is done by small modules, each with one job; this class holds the
data and caches and gives them one face:

* ``casus.geo.codes``: parse and resolve place and state codes;
* ``casus.geo.place``: the ``Place`` object (as curated today, or on a day);
* ``casus.geo.build``: build places from the ISO lists and curated records;
* ``casus.geo.history``: dated periods and the per-period views of a place;
* ``casus.geo.territory``: territorial questions on a date;
* ``casus.geo.suggest``: "did you mean" suggestions.

Loading is lazy and cached (see ``docs/geography.md``, "Speed"):

* ``Gazetteer.default()`` builds nothing;
* the first lookup reads ISO 3166-1 (from pycountry's data) and the curated
  YAML (or its JSON snapshot);
* ISO 3166-2 is read only for a subdivision that is not curated, or to
  suggest codes after a typo;
* every resolved place is cached, by canonical code and by the input text,
  with its dated views built once.
"""

from __future__ import annotations

import datetime as dt

from casus.geo import _iso, build, codes, suggest, territory
from casus.geo._data import CuratedData
from casus.geo.errors import UnknownPlace, UnknownState
from casus.geo.place import Place

__all__ = ["Gazetteer", "Place"]


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
        self._place_names: dict[str, str] | None = None
        self._vocabulary: tuple[str, ...] | None = None
        self._suggestions: dict[str, object] = {}  # what "did you mean" compares with, made once (geo.suggest)

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

    @property
    def history_from(self) -> dt.date | None:
        """The first day the dated geography covers; earlier, territorial answers are None."""
        return self.data.history_from

    def curated_codes(self) -> list[str]:
        """Canonical codes of every curated record in the data file."""
        return list(self.data.records)

    def dated_codes(self) -> list[str]:
        """Canonical codes of every curated record with dated periods."""
        return list(self.data.history)

    # -- places ----------------------------------------------------------------
    def place(self, code: "str | Place", on: dt.date | None = None) -> Place:
        """Resolve a place code (any accepted form) to a ``Place``; ``UnknownPlace`` otherwise.

        With ``on``, the place as it stood that day (see ``Place.on``).
        """
        if isinstance(code, Place):
            return code.on(on) if on is not None else code
        if not isinstance(code, str):
            raise UnknownPlace(repr(code), [], hint="give a place code as text")
        key = code.strip()
        hit = self._inputs.get(key)
        if hit is None:
            canonical = self.canonical(key)
            if canonical is None:
                suggestions = self.suggest(key)
                raise UnknownPlace(key, suggestions, {s: self._name_of(s) for s in suggestions})
            hit = self._inputs[key] = self._build(canonical)
        return hit.on(on) if on is not None else hit

    def canonical(self, code: str) -> str | None:
        """The canonical code for any accepted form, or None."""
        return codes.canonical(self, code)

    def _build(self, canonical: str) -> Place:
        return build.build(self, canonical)

    def _name_of(self, code: str) -> str:
        try:
            return self._build(code).name
        except Exception:  # noqa: BLE001 - best effort for messages
            return ""

    # -- states ----------------------------------------------------------------
    def state(self, code: str) -> str:
        """The ISO alpha-3 code of a sovereign state given as alpha-2, alpha-3 or English name."""
        return codes.state(self, code)

    def is_state(self, code: str) -> bool:
        try:
            self.state(code)
        except UnknownState:
            return False
        return True

    def states(self) -> list[str]:
        """Alpha-3 codes of every state casus accepts."""
        return [c.alpha_3 for c in self._iso.countries() if self._build(c.alpha_3).kind == "state"]

    # -- questions (on a date) -------------------------------------------------
    def territory_of(self, place: "Place | str", state: str,
                     on: dt.date | None = None) -> tuple[bool | None, str]:
        """Whether ``place`` is territory of ``state`` on ``on``, with a one-line explanation.

        ``on=None`` asks about the place as curated today.  See
        ``casus.geo.territory.territory_of``.
        """
        return territory.territory_of(self.place(place), self.state(state), on)

    def administers(self, place: "Place | str", state: str,
                    on: dt.date | None = None) -> tuple[bool | None, str]:
        """Whether ``state`` administers ``place`` on ``on`` (e.g. US-Japan Art. V), with an explanation."""
        return territory.administers(self.place(place), self.state(state), on)

    # -- suggestions -----------------------------------------------------------
    def suggest(self, code: str, n: int = 3) -> list[str]:
        """The nearest valid place codes (canonical), best first."""
        return suggest.suggest(self, code, n)

    def suggest_states(self, name: str, n: int = 3) -> list[str]:
        """The nearest sovereign-state codes for a mistyped state code or name."""
        return suggest.suggest_states(self, name, n)
