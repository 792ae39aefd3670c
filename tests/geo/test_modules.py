"""The gazetteer's modules, each with one job, behind one public face (casus.geo.Gazetteer)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import casus.geo
from casus.geo import Gazetteer, Place, build, codes, history, place, suggest, territory


def test_public_face_is_unchanged():
    assert casus.geo.Gazetteer is Gazetteer and casus.geo.Place is Place
    for name in ("place", "canonical", "state", "is_state", "states", "territory_of", "administers",
                 "suggest", "suggest_states", "tags", "vocabulary", "curated_codes", "default"):
        assert hasattr(Gazetteer, name), name


def test_codes_resolves_places_and_states(g: Gazetteer):
    assert codes.canonical(g, " pl ") == "POL"
    assert codes.canonical(g, "fr-gf") == "GUF"
    assert codes.canonical(g, "Mediterranean Sea") == "mediterranean-sea"
    assert codes.canonical(g, "XX-99") is None
    assert codes.state(g, "Belarus") == "BLR"
    assert codes.state_name_index(g)["united states of america"] == "USA"


def test_build_builds_and_caches(g: Gazetteer):
    hawaii = build.build(g, "US-HI")
    assert hawaii is g.place("hawaii")
    assert isinstance(hawaii, place.Place)
    assert hawaii.parent == "USA" and hawaii.tag("oceania") is True


def test_build_derives_americas():
    assert build.derive("americas", {"north-america": None, "south-america": True}) is True
    assert build.derive("americas", {"north-america": None, "south-america": False}) is None
    assert build.derive("americas", {"north-america": False, "south-america": False}) is False


def test_history_views_apply_a_period(g: Gazetteer):
    okinawa = g.place("JP-47")
    (period,) = okinawa.history
    v = history.view(okinawa, period, {"administered_by": history.UNSETTLED}, {})
    assert v.administered_by is None and v.unsettled == {"administered_by"}
    assert v.today is okinawa and okinawa.administered_by == "JPN"


def test_territory_module_answers_on_a_date(g: Gazetteer):
    okinawa = g.place("JP-47")
    assert territory.administers(okinawa, "USA", dt.date(1970, 1, 1))[0] is True
    assert territory.administers(okinawa, "USA", dt.date(1973, 1, 1))[0] is False
    assert territory.territory_of(okinawa, "JPN")[0] is True


def test_suggest_module(g: Gazetteer):
    assert suggest.suggest(g, "POLL") == ["POL"]
    assert suggest.suggest_states(g, "Belrus")[0] == "BLR"
    assert suggest.nearest("abc", {"abd": "X", "zzz": "Y"}, 3) == ["X"]
    assert suggest.nearest("abc", {"zzz": "Y"}, 3) == []


def test_gazetteer_delegates(g: Gazetteer):
    assert g.suggest("POLL") == suggest.suggest(g, "POLL")
    assert g.canonical("pl") == codes.canonical(g, "pl")
    day = dt.date(1965, 6, 1)
    assert g.territory_of("JP-47", "JPN", day) == territory.territory_of(g.place("JP-47"), "JPN", day)


@pytest.mark.parametrize("module", ["codes", "place", "build", "history", "territory", "suggest", "gazetteer"])
def test_each_module_imports_cheaply(module):
    code = (f"import sys; import casus.geo.{module}; "
            "print([m for m in ('yaml', 'pycountry', 'difflib') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_module_is_crowded():
    import inspect

    for module in (codes, place, build, history, suggest, territory, casus.geo.gazetteer):
        assert len(inspect.getsource(module).splitlines()) < 250, module.__name__
