"""Lazy loading, the JSON snapshot and malformed data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

import casus.geo
from casus.geo import Gazetteer, GeoDataError
from casus.geo import compile as geo_compile

SRC = os.path.dirname(os.path.dirname(os.path.abspath(casus.geo.__file__)))


def _run(code: str) -> str:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, env=env, check=True)
    return out.stdout.strip()


def test_import_and_default_load_nothing():
    out = _run("""
        import sys
        import casus.geo
        g = casus.geo.Gazetteer.default()
        heavy = [m for m in ("yaml", "pycountry", "difflib") if m in sys.modules]
        print(heavy, g._data is None, g.iso._countries is None)
    """)
    assert out == "[] True True"


def test_country_and_curated_lookups_skip_yaml_and_subdivisions():
    out = _run("""
        import sys
        from casus.geo import Gazetteer
        g = Gazetteer.default()
        g.place("POL").tag("europe"); g.place("US-HI"); g.place("crimea"); g.state("Belarus")
        print("yaml" in sys.modules, "pycountry" in sys.modules, g.iso.subdivisions_loaded)
    """)
    assert out == "False False False"


def test_uncurated_subdivision_loads_subdivisions(tmp_path):
    g = Gazetteer()
    g.place("US-CA")
    assert g.iso.subdivisions_loaded


def _write(tmp_path, text: str) -> str:
    path = tmp_path / "places.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


MINI = """
    schema: 1
    tags:
      europe: {description: The place's land lies in Europe (test vocabulary)., default: false}
      sea: {description: The place is a sea area (test vocabulary)., default: false,
            default_by_kind: {sea: true}}
    lists:
      europe:
        true: [POL]
    places:
      test-sea: {name: Test Sea, kind: sea}
"""


def test_custom_data_file(tmp_path):
    g = Gazetteer(data_path=_write(tmp_path, MINI))
    assert g.place("PL").tag("europe") is True
    assert g.place("test-sea").tag("sea") is True
    assert list(g.tags) == ["europe", "sea"]


def test_stale_snapshot_is_ignored(tmp_path):
    path = _write(tmp_path, MINI)
    stale = {"source": {"size": 1, "crc32": 1}, "data": {"schema": 1, "tags": {}, "places": {}}}
    (tmp_path / "places.json").write_text(json.dumps(stale), encoding="utf-8")
    assert Gazetteer(data_path=path).place("POL").tag("europe") is True


def test_current_snapshot_is_used(tmp_path):
    path = _write(tmp_path, MINI)
    assert geo_compile.main(["--data", path]) == 0
    assert geo_compile.is_current(path)
    snapshot = json.loads((tmp_path / "places.json").read_text(encoding="utf-8"))
    snapshot["data"]["places"]["test-sea"]["name"] = "From Snapshot"
    (tmp_path / "places.json").write_text(json.dumps(snapshot), encoding="utf-8")
    assert Gazetteer(data_path=path).place("test-sea").name == "From Snapshot"


@pytest.mark.parametrize("text, message", [
    ("schema: 2\n", "schema: 1"),
    ("schema: 1\ntags: {x: {description: d}}\nlists: {y: {true: [POL]}}\n", "lists.y"),
    ("schema: 1\ntags: {x: {description: d}}\nplaces: {POL: {colour: red}}\n", "unknown keys"),
    ("schema: 1\ntags: {x: {description: d}}\nplaces: {POL: {tags: {y: true}}}\n", "unknown tag"),
    ("schema: 1\ntags: {x: {description: d}}\nplaces: {POL: {kind: planet}}\n", "kind"),
    ("schema: 1\nplaces: {a-b: {kind: sea, aliases: [z]}, c-d: {kind: sea, aliases: [z]}}\n", "alias"),
    ("schema: 1\nplaces: [", "not valid YAML"),
])
def test_malformed_data_raises_geo_data_error(tmp_path, text, message):
    g = Gazetteer(data_path=_write(tmp_path, text))
    with pytest.raises(GeoDataError) as info:
        g.place("POL")
    assert message in str(info.value)


def test_missing_data_file_raises_geo_data_error(tmp_path):
    with pytest.raises(GeoDataError):
        Gazetteer(data_path=str(tmp_path / "nope.yaml")).place("POL")
