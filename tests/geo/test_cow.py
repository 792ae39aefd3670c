"""The COW <-> casus crosswalk (casus.geo.cow, data/cow_iso.csv).

These tests use only the packaged CSV.  The check against the reference COW
and ATOP files is scripts/check_cow_crosswalk.py (the files are not shipped).
"""

from __future__ import annotations

import csv
import itertools
import re
import subprocess
import sys
from collections import defaultdict

import pycountry
import pytest

from casus.geo import Gazetteer, GeoDataError, GeoError, cow
from casus.geo.cow import (
    NON_ISO_CODE,
    AmbiguousCowCode,
    CowCrosswalk,
    UnknownCasusCode,
    UnknownCowCode,
    casus_to_cow,
    cow_codes,
    cow_to_casus,
)

LAST_YEAR = 2024  # open-ended rows are checked up to here

# The only (casus code, year) that two COW codes share: West Germany (260)
# until 2 Oct 1990 and Germany (255) from 3 Oct 1990.  casus_to_cow returns
# the code in force on 31 December.
DOCUMENTED_SHARED = {("DEU", 1990): {255, 260}}

# Sovereign states the gazetteer accepts that COW v2016 does not code.
STATES_WITHOUT_COW_CODE = {"VAT", "PSE"}


@pytest.fixture(scope="module")
def xw() -> CowCrosswalk:
    return CowCrosswalk.default()


@pytest.fixture(scope="module")
def raw_rows() -> list[dict[str, str]]:
    with open(cow.DATA_FILE, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _years(row) -> range:
    return range(row.start, (row.end if row.end is not None else LAST_YEAR) + 1)


# -- integrity of the file ---------------------------------------------------------

def test_csv_parses_with_the_documented_columns(raw_rows):
    with open(cow.DATA_FILE, newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == list(cow.COLUMNS)
    assert len(raw_rows) >= 218
    for r in raw_rows:
        assert r["ccode"].isdigit() and r["start"].isdigit(), r
        assert r["end"] == "" or r["end"].isdigit(), r
        assert None not in r and all(v is not None for v in r.values()), f"ragged row {r}"


def test_no_duplicate_ccode_start(raw_rows):
    keys = [(int(r["ccode"]), int(r["start"])) for r in raw_rows]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes


def test_rows_are_sorted_and_rows_of_one_code_never_share_a_year(xw):
    keys = [(r.ccode, r.start) for r in xw.rows]
    assert keys == sorted(keys), "keep the file sorted by ccode, start"
    by_code = defaultdict(list)
    for r in xw.rows:
        assert r.end is None or r.start <= r.end, r
        by_code[r.ccode].append(r)
    for ccode, rows in by_code.items():
        for a, b in itertools.pairwise(rows):
            assert a.end is not None and a.end < b.start, (ccode, a.span, b.span)


def test_years_are_within_the_data(xw):
    for r in xw.rows:
        assert 1815 <= r.start <= 2016, r
        assert r.end is None or r.end <= 2016, r


def test_iso_codes_are_states_the_gazetteer_accepts(xw):
    g = Gazetteer.default()
    for r in xw.rows:
        if r.iso3:
            assert r.casus_code == r.iso3
            assert g.state(r.iso3) == r.iso3, r


def test_non_iso_codes_follow_the_pattern_and_cannot_be_iso(xw):
    iso_alpha3 = ({c.alpha_3 for c in pycountry.countries}
                  | {c.alpha_3 for c in pycountry.historic_countries})
    non_iso = [r for r in xw.rows if not r.iso3]
    assert non_iso
    for r in non_iso:
        assert NON_ISO_CODE.match(r.casus_code), r
        assert r.casus_code == f"COW-{r.ccode}", r
        assert r.casus_code not in iso_alpha3
        assert not re.fullmatch(r"[A-Z]{3}", r.casus_code)
        assert r.note, f"{r.ccode} {r.span}: a polity without an ISO state needs a note naming it"
    for r in xw.rows:
        if r.iso3:
            assert not NON_ISO_CODE.match(r.casus_code)


def test_each_non_iso_code_belongs_to_one_ccode(xw):
    owners = defaultdict(set)
    for r in xw.rows:
        owners[r.casus_code].add(r.ccode)
    for code, ccodes in owners.items():
        if code.startswith("COW-"):
            assert ccodes == {int(code[4:])}, code


def test_no_casus_code_shared_by_two_ccodes_in_a_year_unless_documented(xw):
    shared = defaultdict(set)
    for r in xw.rows:
        for y in _years(r):
            shared[(r.casus_code, y)].add(r.ccode)
    assert {k: v for k, v in shared.items() if len(v) > 1} == DOCUMENTED_SHARED


def test_every_state_but_the_holy_see_and_palestine_has_a_current_cow_code(xw):
    g = Gazetteer.default()
    current = {r.casus_code for r in xw.rows if r.end is None}
    assert set(g.states()) - current == STATES_WITHOUT_COW_CODE
    for state in g.states():
        expected_none = state in STATES_WITHOUT_COW_CODE
        assert (casus_to_cow(state, 2016) is None) == expected_none, state


def test_cow_codes_cover_the_state_system_and_atop_extras():
    codes = cow_codes()
    assert codes == sorted(set(codes))
    # 217 COW v2016 system members plus ATOP's own 8152.
    assert len(codes) == 218
    for c in (2, 221, 223, 331, 8152, 240, 255, 260, 265, 315, 316, 345, 347, 365, 678, 679, 680, 816, 817):
        assert c in codes


def test_round_trip_every_row_and_year(xw):
    for r in xw.rows:
        for y in _years(r):
            assert cow_to_casus(r.ccode, y) == r.casus_code
            back = casus_to_cow(r.casus_code, y)
            if (r.casus_code, y) in DOCUMENTED_SHARED:
                assert back == 255
            else:
                assert back == r.ccode, (r.ccode, y, r.casus_code, back)


# -- the tricky cases ------------------------------------------------------------------

@pytest.mark.parametrize("ccode, year, expected", [
    # Germany: Prussia, the Reich, West Germany, the GDR, united Germany
    (255, 1815, "COW-255"), (255, 1866, "COW-255"), (255, 1867, "DEU"), (255, 1945, "DEU"),
    (260, 1954, "DEU"), (260, 1989, "DEU"), (260, 1990, "DEU"),
    (255, 1990, "DEU"), (255, 1991, "DEU"), (255, 2024, "DEU"),
    (265, 1954, "COW-265"), (265, 1990, "COW-265"),
    # Russia / USSR
    (365, 1815, "RUS"), (365, 1917, "RUS"), (365, 1950, "RUS"), (365, 1991, "RUS"), (365, 1992, "RUS"),
    # Serbia / Yugoslavia
    (345, 1878, "SRB"), (345, 1917, "SRB"), (345, 1918, "COW-345"), (345, 1943, "COW-345"),
    (345, 1991, "COW-345"), (345, 1992, "SRB"), (345, 2006, "SRB"), (341, 2006, "MNE"), (341, 1912, "MNE"),
    (347, 2008, "COW-347"),
    # Czechoslovakia
    (315, 1918, "COW-315"), (315, 1942, "COW-315"), (315, 1992, "COW-315"), (315, 1993, "COW-315"),
    (316, 1992, "CZE"), (316, 1993, "CZE"), (317, 1993, "SVK"),
    # Yemen
    (678, 1926, "COW-678"), (678, 1990, "COW-678"), (680, 1967, "COW-680"), (680, 1990, "COW-680"),
    (679, 1990, "YEM"), (679, 2016, "YEM"),
    # Vietnam
    (816, 1954, "VNM"), (816, 1975, "VNM"), (816, 1976, "VNM"), (817, 1954, "COW-817"),
    (817, 1975, "COW-817"), (8152, 1874, "COW-8152"), (8152, 1883, "COW-8152"),
    # others
    (552, 1970, "COW-552"), (552, 1980, "ZWE"), (510, 1961, "TZA"), (511, 1964, "COW-511"),
    (710, 1900, "CHN"), (713, 1947, "TWN"), (713, 1950, "TWN"), (730, 1900, "COW-730"),
    (221, 1975, "MCO"), (223, 1975, "LIE"), (331, 1975, "SMR"), (325, 1816, "ITA"),
    (327, 1850, "COW-327"), (240, 1815, "COW-240"), (300, 1918, "COW-300"), (305, 1919, "AUT"),
    (305, 1955, "AUT"), (366, 1940, "EST"), (366, 1991, "EST"), (210, 1943, "NLD"), (652, 1959, "SYR"),
])
def test_cow_to_casus(ccode, year, expected):
    assert cow_to_casus(ccode, year) == expected


@pytest.mark.parametrize("ccode, year", [
    (260, 1953), (260, 1991), (265, 1953), (265, 1991), (255, 1950), (255, 1814),
    (315, 1994), (316, 1991), (678, 1991), (680, 1966), (680, 1991), (679, 1989),
    (817, 1976), (817, 1953), (816, 1953), (341, 1950), (341, 2005), (305, 1945),
    (366, 1960), (8152, 1884), (511, 1965), (221, 1974),
])
def test_cow_code_not_in_use_that_year(ccode, year):
    with pytest.raises(UnknownCowCode) as info:
        cow_to_casus(ccode, year)
    assert isinstance(info.value, GeoError) and isinstance(info.value, ValueError)
    text = str(info.value)
    assert "\n" not in text and str(ccode) in text and str(year) in text
    assert info.value.ccode == ccode and info.value.year == year


@pytest.mark.parametrize("code, year, expected", [
    # DEU: 31 December rule in 1990
    ("DEU", 1860, None), ("DEU", 1867, 255), ("DEU", 1945, 255), ("DEU", 1946, None), ("DEU", 1953, None),
    ("DEU", 1954, 260), ("DEU", 1989, 260), ("DEU", 1990, 255), ("DEU", 1991, 255), ("DEU", 2024, 255),
    ("COW-255", 1866, 255), ("COW-255", 1867, None), ("COW-265", 1970, 265), ("COW-265", 1991, None),
    # RUS
    ("RUS", 1815, 365), ("RUS", 1950, 365), ("RUS", 1991, 365), ("RUS", 2016, 365),
    # SRB / Yugoslavia / Montenegro
    ("SRB", 1900, 345), ("SRB", 1917, 345), ("SRB", 1918, None), ("SRB", 1960, None), ("SRB", 1991, None),
    ("SRB", 1992, 345), ("SRB", 2016, 345), ("COW-345", 1960, 345), ("COW-345", 1992, None),
    ("MNE", 2005, None), ("MNE", 2006, 341),
    # CZE / Czechoslovakia
    ("CZE", 1991, None), ("CZE", 1992, 316), ("CZE", 1993, 316), ("SVK", 1993, 317),
    ("COW-315", 1960, 315), ("COW-315", 1992, 315), ("COW-315", 1994, None),
    # YEM
    ("YEM", 1989, None), ("YEM", 1990, 679), ("YEM", 2016, 679), ("COW-678", 1980, 678),
    ("COW-680", 1980, 680), ("COW-680", 1966, None), ("COW-678", 1991, None),
    # VNM
    ("VNM", 1953, None), ("VNM", 1954, 816), ("VNM", 1965, 816), ("VNM", 1980, 816),
    ("COW-817", 1965, 817), ("COW-817", 1976, None), ("COW-8152", 1880, 8152),
    # others
    ("TWN", 1960, 713), ("CHN", 1960, 710), ("KOR", 1960, 732), ("PRK", 1960, 731),
    ("AUT", 1945, None), ("EST", 1960, None), ("ZWE", 1970, None), ("COW-552", 1970, 552),
    ("VAT", 2000, None), ("PSE", 2000, None), ("USA", 1815, None), ("USA", 1816, 2),
])
def test_casus_to_cow(code, year, expected):
    assert casus_to_cow(code, year) == expected


def test_casus_to_cow_normalises_input():
    assert casus_to_cow(" deu ", 1989) == 260
    assert casus_to_cow("cow-265", 1989) == 265
    assert casus_to_cow("DE", 1989) == 260          # alpha-2, through the gazetteer
    assert casus_to_cow("Germany", 1991) == 255     # English name, through the gazetteer


def test_year_may_be_omitted_only_when_the_mapping_never_changes():
    assert cow_to_casus(365) == "RUS"
    assert cow_to_casus(265) == "COW-265"
    assert cow_to_casus(316) == "CZE"
    for ccode in (255, 345, 552):
        with pytest.raises(AmbiguousCowCode) as info:
            cow_to_casus(ccode)
        assert isinstance(info.value, GeoError)
        assert "give a year" in str(info.value)


def test_unknown_cow_code_has_a_clear_message():
    with pytest.raises(UnknownCowCode) as info:
        cow_to_casus(999, 2000)
    text = str(info.value)
    assert "unknown COW country code 999" in text and "\n" not in text
    assert "990" in text                      # a nearby code is suggested
    with pytest.raises(UnknownCowCode):
        cow_to_casus(0)
    with pytest.raises(GeoError):
        cow_to_casus(-1, 1990)


@pytest.mark.parametrize("code", ["XYZ", "COW-365", "COW-999", "COW-", "GUM", "DEUX", ""])
def test_unknown_casus_code_raises(code):
    with pytest.raises(UnknownCasusCode) as info:
        casus_to_cow(code, 2000)
    assert isinstance(info.value, GeoError)
    assert "\n" not in str(info.value)


def test_cow_code_given_as_casus_code_names_the_right_one():
    with pytest.raises(UnknownCasusCode, match="RUS"):
        casus_to_cow("COW-365", 1950)


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError):
        cow_to_casus("255", 1990)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cow_to_casus(255, 1990.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        casus_to_cow("DEU", "1990")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        casus_to_cow(276, 1990)  # type: ignore[arg-type]


# -- loading ---------------------------------------------------------------------------

def test_default_is_cached():
    assert CowCrosswalk.default() is CowCrosswalk.default()
    assert cow.crosswalk() is CowCrosswalk.default()


def test_import_reads_nothing():
    code = ("import casus.geo.cow as c; "
            "assert c.CowCrosswalk._default is None; "
            "c.cow_codes(); assert c.CowCrosswalk._default is not None")
    subprocess.run([sys.executable, "-c", code], check=True)


GOOD_HEADER = "ccode,iso3,casus_code,start,end,note\n"


@pytest.mark.parametrize("body, message", [
    ("2,USA,USA,1816,,\n2,USA,USA,1816,1900,\n", "duplicate row"),
    ("255,DEU,DEU,1867,1945,\n255,DEU,DEU,1945,,\n", "overlaps"),
    ("255,DEU,DEU,1867,,\n255,DEU,DEU,1990,,\n", "overlaps"),
    ("240,,X240,1815,1866,\n", "COW-240"),
    ("240,,COW-241,1815,1866,\n", "COW-240"),
    ("2,USA,US,1816,,\n", "casus_code must equal iso3"),
    ("2,usa,usa,1816,,\n", "three capital letters"),
    ("2,USA,USA,1900,1816,\n", "before start"),
    ("2,USA,USA,year,,\n", "whole number"),
    ("2,USA,USA,1816\n", "expected 6 fields"),
])
def test_malformed_files_are_refused(tmp_path, body, message):
    path = tmp_path / "cow.csv"
    path.write_text(GOOD_HEADER + body, encoding="utf-8")
    with pytest.raises(GeoDataError, match=message):
        CowCrosswalk(str(path))


def test_wrong_header_is_refused(tmp_path):
    path = tmp_path / "cow.csv"
    path.write_text("ccode,iso3,start,end,note\n2,USA,1816,,\n", encoding="utf-8")
    with pytest.raises(GeoDataError, match="header"):
        CowCrosswalk(str(path))


def test_a_small_file_works_end_to_end(tmp_path):
    path = tmp_path / "cow.csv"
    path.write_text(GOOD_HEADER + "255,,COW-255,1815,1866,Prussia\n255,DEU,DEU,1867,1945,\n"
                    "255,DEU,DEU,1990,,\n260,DEU,DEU,1954,1990,\n", encoding="utf-8")
    small = CowCrosswalk(str(path))
    assert small.cow_codes() == [255, 260]
    assert small.casus_to_cow("DEU", 1990) == 255
    assert small.casus_to_cow("DEU", 1989) == 260
    assert small.cow_to_casus(255, 1850) == "COW-255"
