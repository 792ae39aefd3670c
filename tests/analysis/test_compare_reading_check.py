"""compare(..., reading=NAME): a reading none of the compared instruments has is an error on the field reading.

The hint lists the readings the compared instruments do have (or says that
none of them has any), whatever the other instruments of the corpus hold.
"""

from __future__ import annotations

import pytest

from casus.analysis.compare import compare
from casus.errors import InputError

NATO = "north-atlantic-treaty-1949"
CSTO = "csto-collective-security-treaty-1992"
ANZUS = "anzus-1951"
US = "union-state-security-guarantees-2024"


def _readings(corpus, *ids) -> list[str]:
    return sorted({r.name for i in ids for p in corpus.get(i).provisions for r in p.readings})


def _error(corpus, ids, reading) -> InputError:
    with pytest.raises(InputError) as caught:
        compare(corpus, ids, reading=reading)
    assert caught.value.field == "reading"
    return caught.value


def test_an_unknown_reading_lists_the_readings_the_instruments_have(corpus):
    have = _readings(corpus, NATO, CSTO)
    assert have, "the CSTO treaty has readings"
    error = _error(corpus, [NATO, CSTO], "foo")
    assert error.message == "none of the instruments compared has the reading 'foo'"
    assert error.hint == "their readings: " + ", ".join(have)
    assert compare(corpus, [NATO, CSTO], reading=have[0]).reading == have[0]  # one they have applies


def test_a_reading_of_another_instrument_does_not_apply(corpus):
    assert "defensive" in corpus.readings()  # held by an instrument that is not compared
    assert not _readings(corpus, NATO, ANZUS)
    error = _error(corpus, [NATO, ANZUS], "defensive")
    assert error.message == "none of the instruments compared has the reading 'defensive'"
    assert error.hint == "none of them has readings of contested provisions; leave the reading out"


def test_a_near_name_is_suggested_beside_the_list(corpus):
    error = _error(corpus, [US, ANZUS], "reaches-internal")
    assert error.hint.startswith("did you mean 'reaches-internal-unrest'? (their readings: ")
    assert "reaches-internal-unrest" in error.hint.split("(", 1)[1]
