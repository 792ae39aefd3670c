"""`--with casus`: obligations derived from a treaty corpus, as directed dyad-year columns."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from casus.datasets import dyad_years
from casus.datasets.casus_columns import add_casus

SPELLS = "ccode,cw_abb,cw_name,start,end\n" + "\n".join([
    "2,USA,United States,1816-01-01,2016-12-31",
    "290,POL,Poland,1918-11-11,2016-12-31",
    "367,LAT,Latvia,1991-09-06,2016-12-31",
    "368,LIT,Lithuania,1991-09-06,2016-12-31",
]) + "\n"


@pytest.fixture()
def table(tmp_path, fixture_corpus):
    path = tmp_path / "spells.csv"
    path.write_text(SPELLS)
    base = dyad_years(1999, 2031, states=path)
    return add_casus(base, fixture_corpus)


def cell(table, c1, c2, year, column):
    row = table.filter((pl.col("ccode1") == c1) & (pl.col("ccode2") == c2) & (pl.col("year") == year))
    assert row.height == 1
    return row[column][0]


def test_rows_and_order_are_kept(table, tmp_path):
    assert table.columns[:3] == ["ccode1", "ccode2", "year"]
    assert table.select("ccode1", "ccode2", "year").equals(
        table.select("ccode1", "ccode2", "year").sort("ccode1", "ccode2", "year"))


def test_defence_pledge_with_its_conditions(table):
    # POL and LTU are parties from 2000 (in force 2000-03-01; LTU ratified 2000-05-15)
    assert cell(table, 290, 368, 2001, "casus_defense") == 1
    assert cell(table, 290, 368, 2001, "casus_defense_conditions") == "adversary,fact,location,request"
    assert cell(table, 290, 368, 2001, "casus_consul") == 1
    assert cell(table, 290, 368, 2001, "casus_consul_conditions") == "discretionary"
    assert cell(table, 290, 368, 2001, "casus_instruments") == "test-pact"


def test_null_where_the_corpus_says_nothing_and_zero_where_it_does(table):
    assert cell(table, 2, 290, 2001, "casus_defense") is None  # no shared casus treaty
    assert cell(table, 290, 368, 1999, "casus_defense") is None  # before entry into force
    assert cell(table, 290, 368, 2001, "casus_neutral") == 0  # shared treaty, no such pledge


def test_withdrawal_years_follow_the_any_day_rule(table):
    # LTU withdrew 2010-07-01 and re-acceded 2015-01-01
    assert cell(table, 290, 368, 2010, "casus_defense") == 1
    assert cell(table, 290, 368, 2011, "casus_defense") is None
    assert cell(table, 290, 368, 2015, "casus_defense") == 1


def test_directed_suspension_drops_only_full_years(table):
    # LVA's obligations toward POL are suspended from 2020-01-01, not the other way round
    assert cell(table, 367, 290, 2019, "casus_defense") == 1
    assert cell(table, 367, 290, 2020, "casus_defense") == 0
    assert cell(table, 290, 367, 2020, "casus_defense") == 1


def test_suspended_membership_drops_its_full_years_in_both_directions(table):
    # LVA's participation is suspended from 2012-01-01 and resumed on 2013-01-01 (the whole of 2012)
    for c1, c2 in ((367, 290), (290, 367)):
        assert cell(table, c1, c2, 2011, "casus_defense") == 1
        assert cell(table, c1, c2, 2012, "casus_defense") == 0  # still sharing the treaty, but no pledge
        assert cell(table, c1, c2, 2013, "casus_defense") == 1


def test_termination_ends_the_columns(table):
    assert cell(table, 290, 368, 2029, "casus_defense") == 1
    assert cell(table, 290, 368, 2030, "casus_defense") is None


def test_undirected_takes_either_direction(tmp_path, fixture_corpus):
    path = tmp_path / "spells.csv"
    path.write_text(SPELLS)
    table = add_casus(dyad_years(2019, 2021, states=path, directed=False), fixture_corpus)
    assert cell(table, 290, 367, 2020, "casus_defense") == 1
    assert table.filter(pl.col("ccode1") > pl.col("ccode2")).height == 0


def test_cli_with_casus_writes_the_columns(tmp_path):
    from click.testing import CliRunner

    from casus.cli import main

    path = tmp_path / "spells.csv"
    path.write_text(SPELLS)
    out = tmp_path / "table.csv"
    fixture = Path(__file__).parent.parent / "fixtures" / "corpus"
    result = CliRunner().invoke(main, ["dyads", "--from", "2000", "--to", "2002", "--states", str(path),
                                       "--with", "casus", "--out", str(out)],
                                env={"CASUS_CORPUS": str(fixture)})
    assert result.exit_code == 0, result.output
    written = pl.read_csv(out)
    assert {"casus_defense", "casus_defense_conditions", "casus_instruments"} <= set(written.columns)
    row = written.filter((pl.col("ccode1") == 290) & (pl.col("ccode2") == 368) & (pl.col("year") == 2001))
    assert row["casus_instruments"][0] == "test-pact"


def test_a_whole_year_of_suspended_participation_binds_nothing_as_in_the_engine(table, fixture_corpus):
    """LVA's participation is suspended for all of 2012 (the fixture); the engine finds it no party then."""
    import casus

    for year, engine_party in ((2011, True), (2012, False), (2013, True)):
        answer = casus.ask(fixture_corpus, "armed-attack", "POL", by="USA", on=f"{year}-06-01")
        lva = [f for f in answer.findings if f.party == "LVA" and f.duty == "military-assistance"]
        assert lva and (lva[0].trace[2].result is True) == engine_party, year
        expected = 1 if engine_party else 0  # the pair still shares the treaty; no pledge binds

        assert cell(table, 367, 290, year, "casus_defense") == expected, year
        assert cell(table, 290, 367, year, "casus_defense") == expected, year
