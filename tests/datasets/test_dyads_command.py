"""``casus dyads`` run in-process with click's CliRunner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
import pytest
from click.testing import Result

from casus.datasets import dyad_years

Runner = Callable[..., Result]


def test_summary_without_out(fixtures: Path, cli: Runner) -> None:
    result = cli("dyads", "--from", "1976", "--to", "1976", "--states", str(fixtures / "states_cow.csv"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "30 rows, years 1976-1976, 30 directed dyads"
    assert "ccode1" in result.output and "817" not in result.output


def test_summary_shows_the_first_rows(fixtures: Path, cli: Runner) -> None:
    result = cli("dyads", "--from", "1976", "--to", "1976", "--states", str(fixtures / "states_cow.csv"), "--rows", "3")
    body = result.output.splitlines()
    assert sum(1 for line in body if "1976" in line and "rows" not in line) == 3


@pytest.mark.parametrize("name", ["out.parquet", "out.csv", "out.duckdb"])
def test_out_writes_each_format_from_the_extension(fixtures: Path, tmp_path: Path, cli: Runner, name: str) -> None:
    states, atop = fixtures / "states_cow.csv", fixtures / "atop_subset.csv"
    out = tmp_path / name
    result = cli(
        "dyads",
        "--from",
        "1970",
        "--to",
        "2020",
        "--states",
        str(states),
        "--with",
        "atop",
        "--atop",
        str(atop),
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    expected = dyad_years(1970, 2020, states=states, with_atop=True, atop=atop)
    if name.endswith(".parquet"):
        back = pl.read_parquet(out)
    elif name.endswith(".csv"):
        back = pl.read_csv(out, schema=expected.schema)
    else:
        con = duckdb.connect(str(out), read_only=True)
        rows = con.execute("SELECT * FROM dyad_years").fetchall()
        con.close()
        back = pl.DataFrame(rows, schema=expected.schema, orient="row")
    assert back.equals(expected)
    assert f"wrote {expected.height:,} rows" in result.output


def test_format_option_overrides_the_extension(fixtures: Path, tmp_path: Path, cli: Runner) -> None:
    out = tmp_path / "table.data"
    result = cli(
        "dyads",
        "--from",
        "1990",
        "--to",
        "1990",
        "--states",
        str(fixtures / "states_cow.csv"),
        "--out",
        str(out),
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("ccode1,ccode2,year\n")


def test_undirected_flag(fixtures: Path, tmp_path: Path, cli: Runner) -> None:
    out = tmp_path / "u.parquet"
    result = cli(
        "dyads",
        "--from",
        "1976",
        "--to",
        "1976",
        "--undirected",
        "--states",
        str(fixtures / "states_cow.csv"),
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    table = pl.read_parquet(out)
    assert table.height == 15 and (table["ccode1"] < table["ccode2"]).all()


def test_atop_file_implies_with_atop_and_undirected_rule_is_passed(fixtures: Path, tmp_path: Path, cli: Runner) -> None:
    out = tmp_path / "a.parquet"
    args = [
        "dyads",
        "--from",
        "2015",
        "--to",
        "2015",
        "--undirected",
        "--states",
        str(fixtures / "states_cow.csv"),
        "--atop",
        str(fixtures / "atop_subset.csv"),
        "--out",
        str(out),
    ]
    assert cli(*args).exit_code == 0
    assert pl.read_parquet(out).filter(ccode1=2, ccode2=20)["atop_consul"].to_list() == [1]
    assert cli(*args, "--atop-undirected", "lower-first").exit_code == 0
    assert pl.read_parquet(out).filter(ccode1=2, ccode2=20)["atop_consul"].to_list() == [0]


def test_cached_inputs_are_used_by_default(fixtures: Path, cli: Runner) -> None:
    missing = cli("dyads", "--from", "1990", "--to", "1990")
    assert missing.exit_code == 2
    assert "not in the cache" in missing.output and "casus data fetch cow-states" in missing.output
    assert cli("data", "fetch", "cow-states", "--from", str(fixtures / "states_isard.csv")).exit_code == 0
    result = cli("dyads", "--from", "1976", "--to", "1976")
    assert result.exit_code == 0 and result.output.startswith("30 rows")
    no_atop = cli("dyads", "--from", "1976", "--to", "1976", "--with", "atop")
    assert no_atop.exit_code == 2 and "casus data fetch atop" in no_atop.output


def test_bad_state_file_is_one_clear_error(fixtures: Path, cli: Runner) -> None:
    result = cli("dyads", "--states", str(fixtures / "atop_subset.csv"))
    assert result.exit_code == 2
    assert "atop_subset.csv" in result.output and "'styear'" in result.output and "isard spells layout" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_bad_years_and_names_are_errors(fixtures: Path, tmp_path: Path, cli: Runner) -> None:
    states = str(fixtures / "states_cow.csv")
    reversed_years = cli("dyads", "--from", "2000", "--to", "1990", "--states", states)
    assert reversed_years.exit_code == 2 and "start year 2000 is after end year 1990" in reversed_years.output
    unknown = cli("dyads", "--with", "cow-alliance", "--states", states)
    assert unknown.exit_code == 2 and "--with: unknown column set 'cow-alliance'" in unknown.output
    bad_ext = cli("dyads", "--states", states, "--out", str(tmp_path / "x.xlsx"))
    assert bad_ext.exit_code == 2 and "cannot tell the output format" in bad_ext.output
    assert not (tmp_path / "x.xlsx").exists()


def test_empty_range_prints_zero_rows(fixtures: Path, cli: Runner) -> None:
    result = cli("dyads", "--from", "1700", "--to", "1750", "--states", str(fixtures / "states_cow.csv"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "0 rows"
