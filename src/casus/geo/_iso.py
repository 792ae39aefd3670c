"""ISO 3166 lists, read from the JSON databases that pycountry ships.

Importing ``pycountry`` costs tens of milliseconds (it loads
``importlib.metadata`` to learn its own version), so the gazetteer locates
pycountry's data folder without executing the package and reads the two JSON
files it needs directly, each only when first needed:

* ``iso3166-1.json`` (countries, ~40 kB) on the first lookup of any kind;
* ``iso3166-2.json`` (subdivisions, ~500 kB) only when a subdivision code
  that is not curated is looked up, or when suggestions need it.

If pycountry's layout ever changes, this falls back to importing it.
"""

from __future__ import annotations

import os


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces: the key for name lookups."""
    if not text.isascii():
        import unicodedata

        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.lower().replace("’", "'").split())


def _database_dir() -> str:
    import importlib.util

    spec = importlib.util.find_spec("pycountry")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            candidate = os.path.join(location, "databases")
            if os.path.isfile(os.path.join(candidate, "iso3166-1.json")):
                return candidate
    import pycountry  # slow path: let pycountry say where its data is

    return pycountry.DATABASE_DIR


class Country:
    """One ISO 3166-1 entry."""

    __slots__ = ("alpha_2", "alpha_3", "numeric", "name", "official_name", "common_name")

    def __init__(self, entry: dict):
        self.alpha_2 = entry["alpha_2"]
        self.alpha_3 = entry["alpha_3"]
        self.numeric = entry.get("numeric", "")
        self.name = entry["name"]
        self.official_name = entry.get("official_name")
        self.common_name = entry.get("common_name")

    @property
    def display_name(self) -> str:
        return self.common_name or self.name

    def names(self) -> list[str]:
        return [n for n in (self.name, self.official_name, self.common_name) if n]


class Subdivision:
    """One ISO 3166-2 entry; ``parent`` is the full code of its parent subdivision, if any."""

    __slots__ = ("code", "name", "type", "parent")

    def __init__(self, entry: dict):
        self.code = entry["code"]
        self.name = entry["name"]
        self.type = entry.get("type", "")
        parent = entry.get("parent")
        if parent and "-" not in parent:
            parent = f"{self.code.split('-')[0]}-{parent}"
        self.parent = parent


class IsoLists:
    """Lazily loaded ISO 3166-1 and 3166-2 indexes."""

    def __init__(self, directory: str | None = None):
        self._dir = directory
        self._countries: list[Country] | None = None
        self.by_alpha2: dict[str, Country] = {}
        self.by_alpha3: dict[str, Country] = {}
        self.by_numeric: dict[str, Country] = {}
        self._subdivisions: dict[str, Subdivision] | None = None

    @property
    def directory(self) -> str:
        if self._dir is None:
            self._dir = _database_dir()
        return self._dir

    def _read(self, name: str, key: str) -> list[dict]:
        import orjson

        with open(os.path.join(self.directory, name), "rb") as handle:
            return orjson.loads(handle.read())[key]

    # -- ISO 3166-1 ------------------------------------------------------------
    def countries(self) -> list[Country]:
        if self._countries is None:
            countries = [Country(e) for e in self._read("iso3166-1.json", "3166-1")]
            self.by_alpha2 = {c.alpha_2: c for c in countries}
            self.by_alpha3 = {c.alpha_3: c for c in countries}
            self.by_numeric = {c.numeric: c for c in countries if c.numeric}
            self._countries = countries
        return self._countries

    def country(self, code: str) -> Country | None:
        """Look up an upper-case alpha-2 or alpha-3 code."""
        self.countries()
        if len(code) == 2:
            return self.by_alpha2.get(code)
        if len(code) == 3:
            return self.by_alpha3.get(code) or self.by_numeric.get(code)
        return None

    # -- ISO 3166-2 ------------------------------------------------------------
    @property
    def subdivisions_loaded(self) -> bool:
        return self._subdivisions is not None

    def subdivisions(self) -> dict[str, Subdivision]:
        if self._subdivisions is None:
            self._subdivisions = {e["code"]: Subdivision(e)
                                  for e in self._read("iso3166-2.json", "3166-2")}
        return self._subdivisions

    def subdivision(self, code: str) -> Subdivision | None:
        return self.subdivisions().get(code)
