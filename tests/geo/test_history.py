"""Dated geography: every curated change tested the day before, of and after.

The boundaries are read from the data file *and* from the table below, which
is written independently of the data files (not copied from them), so a
wrong date in the data, or a change missing from either side, fails a test.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import pytest

from casus.geo import Gazetteer, GeoDataError
from casus.geo import compile as geo_compile
from casus.geo.history import UNSETTLED, boundaries

D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)
GDR_LANDER = ("DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH")

# (place, day the change takes effect, what changes, value the day before, value that day).
# "tag:NAME" is a tag; None as "what" means only the curated period changes (a note).
EXPECTED: list[tuple[str, str, str | None, object, object]] = [
    ("JP-47", "1972-05-15", "administered_by", "USA", "JPN"),
    ("senkaku-islands", "1972-05-15", "administered_by", "USA", "JPN"),
    ("senkaku-islands", "1972-05-15", "claimants", UNSETTLED, ("CHN", "TWN")),
    ("amami-islands", "1953-12-25", "administered_by", "USA", "JPN"),
    ("bonin-islands", "1968-06-26", "administered_by", "USA", "JPN"),
    ("DZA", "1962-07-03", "state", "FRA", "DZA"),
    ("DZA", "1962-07-03", "tag:algerian-departments-of-france", True, False),
    ("HKG", "1997-07-01", "state", "GBR", "CHN"),
    ("HKG", "1997-07-01", "tag:metropolitan", False, True),
    ("MAC", "1979-02-08", "state", UNSETTLED, "CHN"),
    ("MAC", "1999-12-20", "administered_by", "PRT", "CHN"),
    ("panama-canal-zone", "1979-10-01", "administered_by", "USA", "PAN"),
    ("panama-canal-zone", "1999-12-31", None, None, None),
    ("panama-canal-zone", "2000-01-01", None, None, None),
    ("DE-SL", "1957-01-01", "state", UNSETTLED, "DEU"),
    *[(code, "1990-10-03", "state", "COW-265", "DEU") for code in GDR_LANDER],
    ("DE-BE", "1990-10-03", "state", UNSETTLED, "DEU"),
    ("GRL", "1985-02-01", "tag:eu-overseas-country-territory", False, True),
    ("UA-43", "2014-02-27", "administered_by", "UKR", UNSETTLED),
    ("UA-43", "2014-03-18", "administered_by", UNSETTLED, "RUS"),
    ("UA-43", "2014-03-18", "claimants", (), ("RUS",)),
    ("UA-40", "2014-02-27", "administered_by", "UKR", UNSETTLED),
    ("UA-40", "2014-03-18", "claimants", (), ("RUS",)),
    ("UA-14", "2014-04-06", "administered_by", "UKR", None),
    ("UA-14", "2022-09-30", "claimants", (), ("RUS",)),
    ("UA-09", "2014-04-06", "administered_by", "UKR", None),
    ("UA-09", "2022-09-30", "claimants", (), ("RUS",)),
    ("UA-23", "2022-02-24", "administered_by", "UKR", None),
    ("UA-23", "2022-09-30", "claimants", (), ("RUS",)),
    ("UA-65", "2022-02-24", "administered_by", "UKR", None),
    ("UA-65", "2022-09-30", "claimants", (), ("RUS",)),
    ("US-HI", "1959-08-21", "tag:metropolitan", None, True),
    ("US-AK", "1959-01-03", "tag:metropolitan", None, True),
]


def _value(place, what: str):
    if what.startswith("tag:"):
        return place.tag(what[4:])
    if what in place.unsettled:
        return UNSETTLED
    return getattr(place, what)


def _data_boundaries(g: Gazetteer) -> set[tuple[str, dt.date]]:
    return {(code, day) for code, periods in g.data.history.items() for day in boundaries(periods)}


def test_every_change_in_the_data_is_in_the_independent_table(g: Gazetteer):
    table = {(code, D(day)) for code, day, *_ in EXPECTED}
    assert sorted(_data_boundaries(g) - table) == []


def test_every_change_in_the_table_is_in_the_data(g: Gazetteer):
    table = {(code, D(day)) for code, day, *_ in EXPECTED}
    assert sorted(table - _data_boundaries(g)) == []


@pytest.mark.parametrize("code, day, what, before, after", EXPECTED,
                         ids=[f"{c}-{d}-{w}" for c, d, w, *_ in EXPECTED])
def test_change_day_before_of_and_after(g: Gazetteer, code, day, what, before, after):
    day = D(day)
    place = g.place(code)
    then, on, next_day = place.on(day - DAY), place.on(day), place.on(day + DAY)
    if what is None:
        assert then.period is not on.period
        return
    assert _value(then, what) == before, f"{code} on {day - DAY}"
    assert _value(on, what) == after, f"{code} on {day}"
    if (code, day + DAY) not in _data_boundaries(g):
        assert _value(next_day, what) == after, f"{code} on {day + DAY}"


def test_every_period_cites_sources_and_has_a_confidence(g: Gazetteer):
    for code, periods in g.data.history.items():
        for period in periods:
            assert period.sources, code
            assert period.confidence in ("C2+", "C1", "unverified"), code
            assert period.note, f"{code} {period.span()}: a dated change needs a note"
            for key in period.sources:
                assert key in g.data.sources, f"{code}: unknown source {key}"


def test_dated_values_name_states_or_historical_polities(g: Gazetteer):
    for code, periods in g.data.history.items():
        for period in periods:
            for key in ("state", "administered_by"):
                value = period.values.get(key)
                if value in (None, UNSETTLED):
                    continue
                assert value.startswith("COW-") or g.state(value) == value, f"{code}.{key}: {value}"
            claimants = period.values.get("claimants")
            if claimants not in (None, UNSETTLED):
                for claimant in claimants:
                    assert g.state(claimant) == claimant, f"{code}.claimants: {claimant}"
            for tag in period.values.get("tags") or {}:
                assert tag in g.tags, f"{code}: unknown tag {tag}"
            for state in period.involved:
                assert g.state(state) == state, f"{code}.involved: {state}"


# -- the start of the curated history -------------------------------------------------


def test_history_starts_on_a_date_and_is_unsettled_before_it(g: Gazetteer):
    start = g.history_from
    assert start == dt.date(1948, 1, 1)
    assert g.territory_of("POL", "POL", start - DAY)[0] is None
    assert g.territory_of("POL", "DEU", start - DAY)[0] is None
    assert g.territory_of("POL", "POL", start) == (True, "POL (Poland) is undisputed territory of POL on 1948-01-01")
    assert g.territory_of("POL", "POL", start + DAY)[0] is True
    assert g.administers("JP-47", "USA", start - DAY)[0] is None
    assert g.administers("JP-47", "USA", start)[0] is True


# -- territorial questions on a date ------------------------------------------------


@pytest.mark.parametrize("place, state, day, expected", [
    ("JP-47", "JPN", "1965-06-01", None),           # residual sovereignty, US administration
    ("JP-47", "JPN", "1972-05-15", True),
    ("DZA", "FRA", "1962-07-02", True),
    ("DZA", "FRA", "1962-07-03", False),
    ("DZA", "DZA", "1962-07-03", True),
    ("DZ-16", "FRA", "1960-01-01", True),          # an uncurated province follows Algeria's period
    ("DZ-16", "FRA", "1963-01-01", False),
    ("DE-SN", "DEU", "1990-10-02", False),
    ("DE-SN", "DEU", "1990-10-03", True),
    ("DE-SL", "DEU", "1956-12-31", None),
    ("DE-SL", "FRA", "1956-12-31", None),           # named as involved in the unsettled period
    ("DE-SL", "USA", "1956-12-31", False),          # not involved
    ("DE-SL", "DEU", "1957-01-01", True),
    ("UA-43", "RUS", "2014-02-26", False),
    ("UA-43", "UKR", "2014-02-26", True),
    ("UA-43", "RUS", "2014-03-01", None),
    ("UA-43", "RUS", "2014-03-18", None),
    ("UA-23", "RUS", "2022-09-29", False),
    ("UA-23", "RUS", "2022-09-30", None),
    ("HKG", "GBR", "1997-06-30", None),             # the PRC's position is recorded as a claim
    ("HKG", "GBR", "1997-07-01", False),
    ("mediterranean-sea", "ITA", "1960-01-01", False),
])
def test_territory_of_on_a_date(g: Gazetteer, place, state, day, expected):
    value, why = g.territory_of(place, state, D(day))
    assert value is expected, why
    assert why.startswith(g.place(place).code) or why.startswith("whose territory")


@pytest.mark.parametrize("place, state, day, expected", [
    ("JP-47", "USA", "1972-05-14", True),
    ("JP-47", "USA", "1972-05-15", False),
    ("JP-47", "JPN", "1972-05-14", False),
    ("senkaku-islands", "JPN", "1972-05-15", True),
    ("amami-islands", "USA", "1953-12-24", True),
    ("amami-islands", "JPN", "1953-12-25", True),
    ("okinotorishima", "USA", "1968-06-25", True),  # an alias of the Nanpo Shoto record
    ("panama-canal-zone", "USA", "1979-09-30", True),
    ("panama-canal-zone", "PAN", "1979-10-01", True),
    ("MAC", "PRT", "1999-12-19", True),
    ("MAC", "CHN", "1999-12-20", True),
    ("UA-43", "RUS", "2014-03-05", None),
    ("UA-43", "UKR", "2014-03-05", None),
    ("UA-43", "POL", "2014-03-05", False),
    ("UA-14", "UKR", "2014-04-05", True),
    ("UA-14", "UKR", "2014-04-06", None),
])
def test_administers_on_a_date(g: Gazetteer, place, state, day, expected):
    assert g.administers(place, state, D(day))[0] is expected


def test_without_a_date_the_answer_is_as_curated_today(g: Gazetteer):
    assert g.administers("JP-47", "JPN")[0] is g.administers("JP-47", "JPN", dt.date(2025, 6, 1))[0] is True
    assert g.place("JP-47").administered_by == "JPN"
    assert g.place("JP-47", on=dt.date(1965, 1, 1)).administered_by == "USA"


def test_explanations_say_the_date_and_the_reason(g: Gazetteer):
    _value, why = g.territory_of("DE-SN", "DEU", dt.date(1985, 6, 1))
    assert "on 1985-06-01" in why and "German Democratic Republic" in why
    _value, why = g.territory_of("UA-43", "RUS", dt.date(2014, 3, 1))
    assert "unsettled" in why and "27 Feb 2014" in why
    assert "\n" not in why and not why.endswith(".")


def test_a_place_without_history_is_its_own_view(g: Gazetteer):
    place = g.place("POL")
    assert place.on(dt.date(1990, 1, 1)) is place
    assert place.history == ()


def test_views_are_built_once(g: Gazetteer):
    place = g.place("JP-47")
    assert place.on(dt.date(1960, 1, 1)) is place.on(dt.date(1970, 1, 1))
    assert place.on(dt.date(1960, 1, 1)).today is place
    assert place.on(dt.date(1960, 1, 1)).on(dt.date(2000, 1, 1)) is place


def test_dated_tags_explain_their_period(g: Gazetteer):
    before = g.place("US-HI").on(dt.date(1959, 8, 20))
    assert before.tag("metropolitan") is None
    assert "1959-08-21" in before.explain("metropolitan")
    assert g.place("US-HI").on(dt.date(1959, 8, 21)).tag("metropolitan") is True


def test_snapshot_keeps_dates(g: Gazetteer):
    (period,) = g.data.history["JP-47"]
    assert period.end == dt.date(1972, 5, 15) and period.start is None


# -- malformed history -----------------------------------------------------------------

BASE = """
    schema: 1
    sources:
      s: {title: a source, url: https://example.org}
    tags:
      europe: {description: The place's land lies in Europe (test vocabulary)., default: false}
    places:
      POL:
        history:
"""


@pytest.mark.parametrize("periods, message", [
    ("          - {until: 2000-01-01, state: DEU, sources: [s], confidence: C1}\n"
     "          - {from: 1999-01-01, state: CZE, sources: [s], confidence: C1}\n", "overlap"),
    ("          - {until: 2000-01-01, state: DEU, confidence: C1}\n", "cites at least one source"),
    ("          - {until: 2000-01-01, state: DEU, sources: [s], confidence: sure}\n", "confidence"),
    ("          - {until: 2000-01-01, state: DEU, sources: [s], confidence: C1, colour: red}\n", "unknown keys"),
    ("          - {until: 2000-13-01, state: DEU, sources: [s], confidence: C1}\n", "not valid YAML"),
    ("          - {until: '2000-1-1', state: DEU, sources: [s], confidence: C1}\n", "not a date"),
    ("          - {state: DEU, sources: [s], confidence: C1}\n", "'from', 'until'"),
    ("          - {from: 2000-01-01, until: 1999-01-01, state: DEU, sources: [s], confidence: C1}\n",
     "'until' must be after"),
    ("          - {until: 2000-01-01, sources: [s], confidence: C1}\n", "at least one of"),
    ("          - {until: 2000-01-01, state: DEU, sources: [t], confidence: C1}\n", "source 't'"),
    ("          - {until: 2000-01-01, tags: {asia: true}, sources: [s], confidence: C1}\n", "unknown tag"),
    ("          - {until: 2000-01-01, state: DEU, involved: [CZE], sources: [s], confidence: C1}\n",
     "only a period with an 'unsettled' value"),
])
def test_malformed_history_raises_geo_data_error(tmp_path, periods, message):
    path = tmp_path / "places.yaml"
    path.write_text(textwrap.dedent(BASE) + periods, encoding="utf-8")
    with pytest.raises(GeoDataError) as info:
        Gazetteer(data_path=str(path)).place("POL")
    assert message in str(info.value)
    if message != "not valid YAML":   # a date YAML itself rejects is reported as invalid YAML
        assert "places.POL.history" in str(info.value)


def test_history_round_trips_through_the_snapshot(tmp_path):
    path = tmp_path / "places.yaml"
    path.write_text(textwrap.dedent(BASE) + "          - {until: 2000-01-01, administered_by: DEU, "
                    "sources: [s], confidence: C1, note: test}\n", encoding="utf-8")
    assert geo_compile.main(["--data", str(path)]) == 0
    snapshot = json.loads((tmp_path / "places.json").read_text(encoding="utf-8"))
    assert snapshot["data"]["places"]["POL"]["history"][0]["until"] == "2000-01-01"
    g = Gazetteer(data_path=str(path))
    assert g.place("POL").on(dt.date(1999, 12, 31)).administered_by == "DEU"
    assert g.place("POL").on(dt.date(2000, 1, 1)).administered_by == "POL"
