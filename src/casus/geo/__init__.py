"""casus.geo: the gazetteer.

Resolves user-given place codes (ISO 3166-1, ISO 3166-2, dependent
territories, named sea areas and a few named places) and answers questions
about them with True, False or None (unsettled).  See docs/geography.md.

    from casus.geo import Gazetteer
    g = Gazetteer.default()
    g.place("us-hi").tag("oceania")        # True
    g.territory_of("UA-43", "UKR")         # (None, "... disputed ...")
    g.territory_of("UA-43", "UKR", date(2013, 6, 1))   # (True, "... on 2013-06-01 ...")
    g.administers("okinawa", "USA", date(1965, 6, 1))  # (True, ...): US-administered until 1972
    g.state("Belarus")                     # "BLR"

Every territorial question takes the scenario's date (half-open periods,
as everywhere in casus); see docs/geography.md, "Dated changes".

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
