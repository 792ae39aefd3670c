"""dyads: years out of range are clean errors; extrapolated years are said out loud."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from casus.cli import main
from casus.datasets import DatasetError, dyad_years


@pytest.mark.parametrize("start", ["99999999999", "-5", "0", "10000"])
def test_a_year_out_of_range_is_a_clean_error(start, fixtures: Path):
    result = CliRunner().invoke(main, ["dyads", "--from", start, "--states", str(fixtures / "states_cow.csv")])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: start year {start} is outside 1-9999")
    assert isinstance(result.exception, SystemExit)


def test_the_api_refuses_an_overflowing_year(fixtures: Path):
    with pytest.raises(DatasetError, match="end year 99999999999 is outside 1-9999"):
        dyad_years(2000, 99999999999, states=fixtures / "states_cow.csv")


def test_years_beyond_the_state_list_carry_a_note(fixtures: Path):
    result = CliRunner().invoke(main, ["dyads", "--from", "3000", "--to", "3001", "--rows", "0",
                                       "--states", str(fixtures / "states_cow.csv")])
    assert result.exit_code == 0, result.output
    assert "years 3000-3001" in result.output
    assert ("note: the state list ends in 2016; the rows for 3000-3001 are extrapolated from it"
            in result.output)


def test_years_within_the_state_list_carry_no_note(fixtures: Path):
    result = CliRunner().invoke(main, ["dyads", "--from", "1990", "--to", "2016", "--rows", "0",
                                       "--states", str(fixtures / "states_cow.csv")])
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output


def test_a_note_names_only_the_extrapolated_years(fixtures: Path):
    result = CliRunner().invoke(main, ["dyads", "--from", "2010", "--to", "2018", "--rows", "0",
                                       "--states", str(fixtures / "states_cow.csv")])
    assert "the rows for 2017-2018 are extrapolated" in result.output
