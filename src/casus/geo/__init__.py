"""casus.geo: the gazetteer.

Resolves user-given place codes (ISO 3166-1, ISO 3166-2, dependent
territories, named sea areas and a few named places) and answers questions
about them with True, False or None (unsettled).  See docs/geography.md.

    from casus.geo import Gazetteer
    g = Gazetteer.default()
    g.place("us-hi").tag("oceania")        # True
    g.territory_of("UA-43", "UKR")         # (None, "... disputed ...")
    g.state("Belarus")                     # "BLR"

Importing this package is cheap: nothing is read until the first lookup.
"""

from casus.geo.errors import GeoDataError, GeoError, UnknownPlace, UnknownState, UnknownTag
from casus.geo.gazetteer import Gazetteer, Place

__all__ = [
    "Gazetteer",
    "Place",
    "GeoError",
    "GeoDataError",
    "UnknownPlace",
    "UnknownState",
    "UnknownTag",
]
