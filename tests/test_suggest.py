"""The one "did you mean" of casus: near names, names that contain the word, misspelt starts of long names."""

from __future__ import annotations

import pytest

from casus.suggest import did_you_mean, hint, nearest

DUTIES = ["military-assistance", "assistance", "consultation", "countermeasures", "nuclear-response", "basing"]


@pytest.mark.parametrize("word, options, found", [
    ("armed-atack", ["armed-attack", "threat-of-attack"], ["armed-attack"]),   # a near name
    ("CONSULTATION", DUTIES, ["consultation"]),                               # case does not matter
    ("consul", DUTIES, ["consultation"]),                                     # a name that contains the word
    ("militry", DUTIES, ["military-assistance"]),                             # a misspelt start of a long name
    ("nuke", ["conventional", "nuclear", "chemical", "biological"], []),      # nothing near enough
    ("xyz", DUTIES, []),
])
def test_nearest(word, options, found):
    assert nearest(word, options) == found


def test_did_you_mean_and_the_hint():
    assert did_you_mean("militry", DUTIES) == "did you mean 'military-assistance'?"
    assert did_you_mean("xyz", DUTIES) is None
    assert hint("xyz", ["a-b", "c-d"]) == "use one of: a-b, c-d"
    assert hint("xyz", ["a-b"], fallback="see casus treaties") == "see casus treaties"


@pytest.mark.parametrize("given, code", [("Kursk", "RU-KRS"), ("Belgorod", "RU-BEL")])
def test_a_place_given_by_the_start_of_its_name_gets_that_place_suggested(given, code):
    from casus.geo import Gazetteer
    from casus.geo.errors import UnknownPlace

    with pytest.raises(UnknownPlace) as info:
        Gazetteer.default().place(given)
    assert info.value.suggestions[0] == code
