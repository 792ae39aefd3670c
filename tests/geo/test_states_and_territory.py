"""Gazetteer.state(), territory_of() and administers()."""

from __future__ import annotations

import pytest

from casus.geo import Gazetteer, GeoError, UnknownState

# -- state() ----------------------------------------------------------------------


@pytest.mark.parametrize("given, code", [
    ("by", "BLR"), ("BY", "BLR"), ("blr", "BLR"), ("Belarus", "BLR"), ("  belarus ", "BLR"),
    ("Russia", "RUS"), ("Russian Federation", "RUS"), ("turkey", "TUR"), ("Türkiye", "TUR"),
    ("United States", "USA"), ("United States of America", "USA"), ("UK", "GBR"),
    ("South Korea", "KOR"), ("Cote d'Ivoire", "CIV"), ("Holy See", "VAT"),
    ("TW", "TWN"), ("TWN", "TWN"), ("Taiwan", "TWN"), ("PS", "PSE"),
])
def test_state_accepts_codes_and_names(g: Gazetteer, given, code):
    assert g.state(given) == code


@pytest.mark.parametrize("given, sovereign", [
    ("GU", "USA"), ("PR", "USA"), ("GL", "DNK"), ("GUM", "USA"), ("FO", "DNK"), ("GF", "FRA"), ("US-HI", "USA"),
])
def test_state_rejects_territories_and_subdivisions(g: Gazetteer, given, sovereign):
    with pytest.raises(UnknownState) as info:
        g.state(given)
    assert info.value.suggestions == [sovereign]
    assert "not a sovereign state" in str(info.value)


@pytest.mark.parametrize("given, listed", [("XK", "SRB"), ("Kosovo", "SRB"), ("crimea", "UKR")])
def test_a_disputed_place_given_as_a_state_suggests_no_state(g: Gazetteer, given, listed):
    """Suggesting the state that lists it would settle whose the place is; the error says it is disputed."""
    with pytest.raises(UnknownState) as info:
        g.state(given)
    assert info.value.suggestions == []
    assert "not a sovereign state" in str(info.value) and "disputed" in str(info.value)
    assert f"listed under {listed}" in str(info.value) and "as the place of the event" in str(info.value)


def test_state_rejects_places_without_a_state(g: Gazetteer):
    for code in ("EH", "AQ", "mediterranean-sea"):
        with pytest.raises(UnknownState):
            g.state(code)


def test_state_typo_suggests_the_nearest(g: Gazetteer):
    with pytest.raises(UnknownState) as info:
        g.state("Belrus")
    assert info.value.suggestions[0] == "BLR"
    message = str(info.value)
    assert "did you mean BLR (Belarus)" in message and "\n" not in message
    assert isinstance(info.value, GeoError) and isinstance(info.value, ValueError)


def test_unknown_state_without_suggestion_has_a_hint(g: Gazetteer):
    with pytest.raises(UnknownState) as info:
        g.state("QQQ")
    assert "alpha-3" in str(info.value)


def test_states_are_exactly_the_sovereign_entries(g: Gazetteer):
    states = set(g.states())
    assert {"POL", "USA", "TWN", "PSE", "VAT"} <= states
    assert not {"GUM", "PRI", "GRL", "ESH", "ATA", "HKG"} & states
    assert len(states) == 196      # 193 UN members + Holy See, Palestine and Taiwan


# -- territory_of() -----------------------------------------------------------------


@pytest.mark.parametrize("place, state, expected", [
    ("POL", "POL", True),
    ("PL-14", "POL", True),
    ("US-HI", "USA", True),
    ("GU", "USA", True),            # a dependent territory is the state's territory
    ("GL", "DNK", True),
    ("ES-TF", "ESP", True),
    ("RU-KGD", "RUS", True),
    ("POL", "DEU", False),
    ("GU", "JPN", False),
    ("UA-43", "POL", False),
    ("mediterranean-sea", "ITA", False),
    ("north-atlantic-north-of-tropic", "USA", False),
])
def test_territory_of_settled_cases(g: Gazetteer, place, state, expected):
    value, why = g.territory_of(place, state)
    assert value is expected
    assert why and "\n" not in why


@pytest.mark.parametrize("place, states", [
    ("UA-43", ["UKR", "RUS"]),
    ("crimea", ["UKR", "RUS"]),
    ("UA-40", ["UKR", "RUS"]),
    ("UA-14", ["UKR", "RUS"]),
    ("UA-09", ["UKR", "RUS"]),
    ("UA-23", ["UKR", "RUS"]),
    ("UA-65", ["UKR", "RUS"]),
    ("southern-kuril-islands", ["RUS", "JPN"]),
    ("senkaku-islands", ["JPN", "CHN", "TWN"]),
    ("liancourt-rocks", ["KOR", "JPN"]),
    ("GE-AB", ["GEO"]),
    ("south-ossetia", ["GEO"]),
    ("transnistria", ["MDA"]),
    ("northern-cyprus", ["CYP"]),
    ("RS-KM", ["SRB"]),
    ("TW", ["TWN", "CHN"]),
    ("EH", ["MAR"]),
    ("MA-12", ["MAR"]),
    ("golan-heights", ["SYR", "ISR"]),
    ("FK", ["GBR", "ARG"]),
    ("GI", ["GBR", "ESP"]),
    ("ES-CE", ["ESP", "MAR"]),
    ("spratly-islands", ["PHL", "CHN", "VNM"]),
    ("CK", ["NZL"]),
])
def test_territory_of_disputed_cases_is_none(g: Gazetteer, place, states):
    for state in states:
        value, why = g.territory_of(place, state)
        assert value is None, (place, state, why)
        assert "\n" not in why


@pytest.mark.parametrize("place, state", [
    ("UA-43", "USA"), ("senkaku-islands", "USA"), ("GE-AB", "RUS"), ("EH", "ESP"),
    ("spratly-islands", "USA"), ("TW", "JPN"),
])
def test_territory_of_uninvolved_state_is_false(g: Gazetteer, place, state):
    assert g.territory_of(place, state)[0] is False


def test_territory_of_explanations_are_neutral_and_informative(g: Gazetteer):
    _value, why = g.territory_of("UA-43", "RUS")
    assert "UA-43" in why and "administered by RUS" in why and "claimed by RUS" in why
    assert "listed under UKR" in why
    _value, why = g.territory_of("GU", "USA")
    assert "not metropolitan" in why


def test_territory_of_accepts_place_objects_and_state_names(g: Gazetteer):
    assert g.territory_of(g.place("JP-47"), "Japan")[0] is True


def test_territory_of_rejects_unknown_state(g: Gazetteer):
    with pytest.raises(UnknownState):
        g.territory_of("POL", "GU")


# -- administers() ----------------------------------------------------------------


@pytest.mark.parametrize("place, state, expected", [
    ("senkaku-islands", "JPN", True),
    ("senkaku-islands", "CHN", False),
    ("UA-43", "RUS", True),
    ("UA-43", "UKR", False),
    ("UA-14", "UKR", None),
    ("UA-14", "RUS", None),
    ("southern-kuril-islands", "RUS", True),
    ("southern-kuril-islands", "JPN", False),
    ("POL", "POL", True),
    ("baltic-sea", "POL", False),
    ("GE-AB", "GEO", None),
    ("GE-AB", "USA", False),
])
def test_administers(g: Gazetteer, place, state, expected):
    assert g.administers(place, state)[0] is expected
