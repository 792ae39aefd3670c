"""The data sets ``casus data fetch`` knows how to obtain.

The download addresses below are the ones the producers' sites have been
seen to serve, as used by many public research scripts.  They could not be
re-checked against the producers' pages when this was written, and no size
or checksum has been published for them, so none is enforced; ``casus data
fetch`` prints the sha256 of what it stored so that a user can record it.
If an address stops working, download the file in a browser from the
``page`` and import it with ``casus data fetch NAME --from FILE``.

No loader exists, nor will, for the Correlates of War *Formal Alliances*
data: its maintainer has asked that software not do this.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One fetchable data set.

    Attributes:
        name: the name used on the command line and as the cache folder.
        title: what it is, for messages.
        url: the download address.
        page: the producer's page for the data set, for manual downloads.
        filename: name to store a downloaded file under.
        main: basename of the file to use from a zip archive (None for a
            plain CSV download).
        sha256: expected sha256 of the download, when known.
        size: expected size in bytes of the download, when known.
        citation: what the producer asks users to cite.
    """

    name: str
    title: str
    url: str
    page: str
    filename: str
    main: str | None
    sha256: str | None
    size: int | None
    citation: str


COW_STATES = Source(
    name="cow-states",
    title="Correlates of War State System Membership v2016 (states2016.csv)",
    url="https://correlatesofwar.org/wp-content/uploads/states2016.csv",
    page="https://correlatesofwar.org/data-sets/state-system-membership/",
    filename="states2016.csv",
    main=None,
    sha256=None,
    size=None,
    citation='Correlates of War Project. 2017. "State System Membership List, v2016." Online, https://correlatesofwar.org.',
)

ATOP = Source(
    name="atop",
    title="ATOP 5.1 CSV release (directed dyad-year file atop5_1ddyr.csv)",
    url="https://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip",
    page="https://www.atopdata.org/data.html",
    filename="atop_5.1__.csv_.zip",
    main="atop5_1ddyr.csv",
    sha256=None,
    size=None,
    citation=(
        "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "
        '"Alliance Treaty Obligations and Provisions, 1815-1944." International Interactions 28: 237-260.'
    ),
)

SOURCES: dict[str, Source] = {s.name: s for s in (COW_STATES, ATOP)}


def fetch_hint(name: str) -> str:
    """What to tell a user whose cache lacks data set ``name`` (the field that gives the file is :func:`field_for`)."""
    return f"fetch it once with `casus data fetch {name}` (from a copy you have: `casus data fetch {name} --from FILE`), " \
           "or give the file"


def field_for(name: str) -> str:
    """The request field that gives data set ``name`` as a file instead of from the cache."""
    return "states" if name == "cow-states" else "atop"
