"""The scenario-test file loader reads YAML as strictly as the treaty loader."""

from __future__ import annotations

import pytest

from casus.testing.scenarios import ScenarioFileError, load_cases

GOOD = """\
instrument: north-atlantic-treaty-1949
cases:
  - name: Poland
    ask: {event: armed-attack, target: POL, by: RUS, on: 2025-06-01}
    expect:
      - {provision: art-5, party: DEU, status: triggered}
"""


def test_a_good_file_loads(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(GOOD)
    (case,) = load_cases(path)
    assert case.ask["on"].isoformat() == "2025-06-01"  # the bare 'on' key keeps its name


def test_a_duplicate_key_names_file_and_line(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(GOOD.replace("status: triggered}", "status: triggered, party: FRA}"))
    with pytest.raises(ScenarioFileError) as caught:
        load_cases(path)
    assert str(caught.value) == (f"{path}:6: cases[0].expect[0].party: duplicate key "
                                 "(hint: each key may appear once in a mapping; merge the two entries)")


def test_a_duplicate_case_key_is_not_silently_merged(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(GOOD + "    ask: {event: armed-attack, target: FRA}\n")
    with pytest.raises(ScenarioFileError, match=r"s\.yaml:7: cases\[0\]\.ask: duplicate key"):
        load_cases(path)


def test_bad_yaml_names_file_and_line(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(GOOD.replace("  - name: Poland", "  - name: [Poland"))
    with pytest.raises(ScenarioFileError, match=r"s\.yaml:\d+: \(file\): not valid YAML"):
        load_cases(path)
