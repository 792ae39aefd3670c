"""Reading state lists in both layouts, and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from casus.datasets import InputFileError, read_spells


def test_both_layouts_read_to_the_same_spells(fixtures: Path) -> None:
    cow = read_spells(fixtures / "states_cow.csv")
    isard = read_spells(fixtures / "states_isard.csv")
    assert cow.schema == {"ccode": pl.Int32, "start": pl.Date, "end": pl.Date}
    assert cow.equals(isard)
    assert cow.height == 10
    assert cow.row(3) == (210, dt.date(1816, 1, 1), dt.date(1940, 5, 10))


def test_header_case_and_spaces_do_not_matter(fixtures: Path, tmp_path: Path) -> None:
    text = (
        (fixtures / "states_isard.csv")
        .read_text()
        .replace("ccode,cw_abb,cw_name,start,end", "CCode, cw_abb,cw_name, Start ,END")
    )
    path = tmp_path / "states.csv"
    path.write_text(text)
    assert read_spells(path).equals(read_spells(fixtures / "states_isard.csv"))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_states.csv"
    path.write_text(text)
    return path


def test_missing_column_names_file_column_and_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "stateabb,ccode,styear,stmonth,stday,endyear,endmonth\nUSA,2,1816,1,1,2016,12\n")
    with pytest.raises(InputFileError) as caught:
        read_spells(path)
    message = str(caught.value)
    assert "my_states.csv" in message
    assert "'endday'" in message
    assert "hint:" in message and "isard" in message


def test_missing_column_in_isard_layout(tmp_path: Path) -> None:
    path = write(tmp_path, "ccode,cw_abb,start\n2,USA,1816-01-01\n")
    with pytest.raises(InputFileError, match=r"missing column 'end'"):
        read_spells(path)


def test_impossible_date_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ccode,styear,stmonth,stday,endyear,endmonth,endday\n2,1816,1,1,2016,12,31\n20,1920,2,30,2016,12,31\n",
    )
    with pytest.raises(InputFileError, match=r"impossible start date 1920-2-30 .* line 3"):
        read_spells(path)


def test_bad_iso_date_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "ccode,start,end\n2,1816-01-01,31/12/2016\n")
    with pytest.raises(InputFileError, match=r"'31/12/2016', not an ISO date"):
        read_spells(path)


def test_non_numeric_code_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "ccode,start,end\nUSA,1816-01-01,2016-12-31\n")
    with pytest.raises(InputFileError, match=r"column 'ccode' has 'USA', not a whole number on line 2"):
        read_spells(path)


def test_empty_value_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "ccode,start,end\n2,1816-01-01,2016-12-31\n,1900-01-01,2016-12-31\n")
    with pytest.raises(InputFileError, match=r"column 'ccode' is empty on line 3"):
        read_spells(path)


def test_spell_ending_before_it_starts_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "ccode,start,end\n2,2000-01-01,1999-12-31\n")
    with pytest.raises(InputFileError, match=r"ccode 2 ends \(1999-12-31\) before it starts"):
        read_spells(path)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="file not found"):
        read_spells(tmp_path / "nope.csv")
    with pytest.raises(InputFileError, match="empty"):
        read_spells(write(tmp_path, ""))
    with pytest.raises(InputFileError, match="no membership spells"):
        read_spells(write(tmp_path, "ccode,start,end\n"))
