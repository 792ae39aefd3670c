"""Integrity of the curated data file against ISO 3166 (read through pycountry itself)."""

from __future__ import annotations

import re

import pycountry
import pytest

from casus.geo import Gazetteer
from casus.geo import compile as geo_compile

ISO1_ALPHA3 = {c.alpha_3 for c in pycountry.countries}
ISO1_ALPHA2 = {c.alpha_2 for c in pycountry.countries}
ISO2 = {s.code: s for s in pycountry.subdivisions}

# ISO 3166-1 entries that are not sovereign states (kind: territory).  Taiwan
# (TWN) and Palestine (PSE) are deliberately accepted as states; see the data.
TERRITORIES = set("""
ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB
GLP GRL GUF GUM HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI
PYF REU SGS SHN SJM SPM SXM TCA TKL UMI VGB VIR WLF
""".split())

# Aliases shaped like ISO 3166-2 codes that current ISO 3166-2 no longer has
# (the codes France used for its overseas regions until ISO replaced them).
LEGACY_ISO2_ALIASES = {"FR-GF", "FR-GP", "FR-MQ", "FR-RE", "FR-YT"}

CONTINENTS = ("europe", "north-america", "south-america", "asia", "africa", "oceania", "antarctica")
ISO2_SHAPE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


@pytest.fixture(scope="module")
def data(g: Gazetteer):
    return g.data


def test_every_tag_has_a_description(g: Gazetteer):
    assert g.tags, "the vocabulary is empty"
    for name, description in g.tags.items():
        assert len(description) > 20, f"tag {name} has no real description"


def test_tag_names_are_slugs(g: Gazetteer):
    for name in g.tags:
        assert re.fullmatch(r"[a-z][a-z0-9-]*", name), name


def test_no_code_listed_twice_for_a_tag(data):
    assert data.list_dupes == []


def test_tag_set_in_a_list_or_a_record_not_both(data):
    clashes = [f"{code}: {tag}" for code, rec in data.records.items()
               for tag in (rec.get("tags") or {}) if tag in data.listed.get(code, {})]
    assert clashes == []


def test_tag_values_are_three_valued(data):
    for code, rec in data.records.items():
        for tag, value in (rec.get("tags") or {}).items():
            assert value in (True, False, None), f"{code}.{tag} = {value!r}"


def _known_code(g: Gazetteer, code: str) -> bool:
    if code in ISO1_ALPHA3 or code in g.data.records:
        return True
    return code in ISO2


def test_every_listed_code_is_known(g: Gazetteer, data):
    unknown = sorted(code for code in data.listed if not _known_code(g, code))
    assert unknown == []


def test_every_record_code_is_known_and_has_a_consistent_kind(g: Gazetteer, data):
    for code, rec in data.records.items():
        kind = rec.get("kind")
        if code == code.lower():
            assert re.fullmatch(r"[a-z][a-z0-9-]*", code), code
            assert kind in ("sea", "place"), f"{code}: named records need kind sea or place"
            assert rec.get("name"), f"{code}: named records need a name"
        elif "-" in code:
            assert code in ISO2, f"{code} is not an ISO 3166-2 code"
            assert kind in (None, "subdivision"), code
        else:
            assert code in ISO1_ALPHA3, f"{code} is not an ISO 3166-1 alpha-3 code"
            assert kind in (None, "state", "territory"), code


def test_exactly_the_expected_iso_entries_are_territories(g: Gazetteer):
    territories = {c for c in ISO1_ALPHA3 if g.place(c).kind == "territory"}
    assert territories == TERRITORIES
    for code in TERRITORIES:
        assert "state" in g.data.records[code], f"{code}: a territory must say its state (null allowed)"


def test_sovereignty_fields_name_states(g: Gazetteer, data):
    for code, rec in data.records.items():
        for key in ("state", "administered_by"):
            value = rec.get(key)
            if value is not None:
                assert g.state(value) == value, f"{code}.{key}: {value} is not a state code"
        for claimant in rec.get("claimants") or ():
            assert g.state(claimant) == claimant, f"{code}.claimants: {claimant}"
        for state in (rec.get("territory") or {}):
            assert g.state(state) == state, f"{code}.territory: {state}"


def test_disputed_records_explain_themselves(g: Gazetteer):
    for code in g.curated_codes():
        p = g.place(code)
        if p.kind != "sea" and p.disputed and (p.claimants or code in g.data.records
                                               and "administered_by" in g.data.records[code]):
            assert p.note, f"{code} is disputed but has no note"


def test_curated_subdivision_parents_match_iso(g: Gazetteer, data):
    for code, rec in data.records.items():
        if code == code.lower() or "-" not in code:
            continue
        if code in {alias.upper() for alias in data.aliases}:
            continue
        iso_parent = ISO2[code].parent_code if hasattr(ISO2[code], "parent_code") else None
        expected = g.canonical(iso_parent) if iso_parent else g.canonical(code.split("-")[0])
        assert g.place(code).parent == expected, f"{code}: parent {g.place(code).parent} != ISO {expected}"


def test_named_place_parents_exist(g: Gazetteer, data):
    for code, rec in data.records.items():
        if rec.get("parent"):
            assert g.canonical(rec["parent"]), f"{code}: unknown parent {rec['parent']}"


def test_aliases_resolve_and_do_not_shadow_iso_countries(g: Gazetteer, data):
    for alias, target in data.aliases.items():
        assert g.place(alias).code == target
        upper = alias.upper()
        assert upper not in ISO1_ALPHA2 and upper not in ISO1_ALPHA3, \
            f"alias {alias} would shadow an ISO 3166-1 code"
        if ISO2_SHAPE.match(upper) and upper[:2] in ISO1_ALPHA2:
            assert upper in ISO2 or upper in LEGACY_ISO2_ALIASES, f"alias {alias}: no such ISO 3166-2 code"


def test_iso2_codes_of_territories_are_aliases_of_them(g: Gazetteer):
    # A dependent territory listed both in ISO 3166-1 and as its sovereign's
    # subdivision must resolve to one place.
    pairs = {"US-GU": "GUM", "US-PR": "PRI", "US-AS": "ASM", "US-MP": "MNP", "US-VI": "VIR",
             "US-UM": "UMI", "FR-973": "GUF", "FR-971": "GLP", "FR-972": "MTQ", "FR-974": "REU",
             "FR-976": "MYT", "FR-NC": "NCL", "FR-PF": "PYF", "FR-PM": "SPM", "FR-WF": "WLF",
             "FR-TF": "ATF", "FR-BL": "BLM", "FR-MF": "MAF", "NL-AW": "ABW", "NL-CW": "CUW",
             "NL-SX": "SXM", "CN-HK": "HKG", "CN-MO": "MAC", "CN-TW": "TWN", "FI-01": "ALA"}
    for sub, code in pairs.items():
        assert sub in ISO2, sub
        assert g.place(sub) is g.place(code)


def test_sources_are_defined_and_used(data):
    used = set()
    for name, tdef in data.tags.items():
        for key in tdef.sources:
            assert key in data.sources, f"tag {name}: unknown source {key}"
            used.add(key)
    for code, rec in data.records.items():
        for key in rec.get("sources") or ():
            assert key in data.sources, f"{code}: unknown source {key}"
            used.add(key)
    for code, periods in data.history.items():
        for period in periods:
            used.update(period.sources)
    for key, source in data.sources.items():
        assert source.get("url", "").startswith("http"), f"source {key} has no url"
        assert source.get("title"), f"source {key} has no title"
    assert set(data.sources) - used == set(), "sources defined but never cited"


def test_tropic_lists_cover_every_iso_entry_exactly_once(data):
    groups = {code: tags["north-of-tropic-of-cancer"] for code, tags in data.listed.items()
              if "north-of-tropic-of-cancer" in tags}
    missing = sorted(ISO1_ALPHA3 - set(groups))
    assert missing == [], f"not in any north-of-tropic-of-cancer list: {missing}"


def test_every_iso_entry_has_a_continent(g: Gazetteer):
    for code in sorted(ISO1_ALPHA3):
        p = g.place(code)
        values = [p.tag(c) for c in CONTINENTS]
        assert any(v is not False for v in values), f"{code} lies on no continent"


def test_every_curated_place_resolves(g: Gazetteer):
    for code in g.curated_codes():
        p = g.place(code)
        assert p.code == code
        assert p.name
        assert set(p.tags) == set(g.tags)


def test_every_iso_code_resolves(g: Gazetteer):
    for country in pycountry.countries:
        assert g.place(country.alpha_2) is g.place(country.alpha_3)
    for code in ISO2:
        p = g.place(code)
        assert p.kind in ("subdivision", "territory", "state"), code
        assert all(v in (True, False, None) for v in p.tags.values())


def test_snapshot_is_current():
    assert geo_compile.is_current(), "places.json is stale: run `python -m casus.geo.compile`"
