"""The shortcuts the builder takes for speed give the same table as the plain way.

Large tables are expanded in pieces, ATOP values travel as bits of one byte,
ATOP files in key order skip the duplicate count, and the command's summary
counts dyads on a packed key; each is checked here against a direct
computation.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from casus.datasets import add_atop, dyad_years, read_atop, read_spells
from casus.datasets import dyads as dyads_module
from casus.datasets.dyads import count_dyads, expand_runs, pair_runs, table_height


def plain_expand(runs: pl.DataFrame) -> pl.DataFrame:
    """Row by row, in Python: the table the runs stand for."""
    rows = [(r["ccode1"], r["ccode2"], y) for r in runs.iter_rows(named=True) for y in range(r["lo"], r["hi"] + 1)]
    return pl.DataFrame(rows, schema={"ccode1": pl.Int32, "ccode2": pl.Int32, "year": pl.Int32}, orient="row")


@pytest.mark.parametrize("piece_rows", [1, 7, 64, 10_000_000])
def test_expanding_in_pieces_gives_the_same_rows(fixtures: Path, monkeypatch: pytest.MonkeyPatch,
                                                 piece_rows: int) -> None:
    runs = pair_runs(read_spells(fixtures / "states_cow.csv"), 1816, 2026)
    monkeypatch.setattr(dyads_module, "PIECE_ROWS", piece_rows)
    table = expand_runs(runs)
    assert table.height == table_height(runs) > 64
    assert table.equals(plain_expand(runs))
    if piece_rows < table.height:
        assert table.get_column("year").n_chunks() > 1


def test_atop_columns_on_a_table_in_pieces(fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    states, atop = fixtures / "states_cow.csv", read_atop(fixtures / "atop_subset.csv")
    whole = dyad_years(1960, 2026, states=states, with_atop=True, atop=atop)
    monkeypatch.setattr(dyads_module, "PIECE_ROWS", 5)
    pieces = dyad_years(1960, 2026, states=states, with_atop=True, atop=atop)
    joined = add_atop(dyad_years(1960, 2026, states=states).rechunk(), atop)
    assert pieces["atop_alliance"].sum() > 0
    assert pieces.equals(whole)
    assert pieces.equals(joined)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(2, 20), (2, 20), (20, 2), (2, 200)], 3),
        ([(0, 46_339), (46_339, 0), (46_339, 0)], 2),  # the largest codes that pack
        ([(46_340, 1), (1, 46_340), (46_340, 1)], 2),  # too large to pack: counted on the two columns
        ([(-1, 5), (5, -1), (-1, 5)], 2),  # negative codes: counted on the two columns
        ([], 0),
    ],
)
def test_count_dyads(pairs: list[tuple[int, int]], expected: int) -> None:
    table = pl.DataFrame(pairs, schema={"ccode1": pl.Int32, "ccode2": pl.Int32}, orient="row")
    assert count_dyads(table) == expected


def test_atop_values_other_than_0_and_1_are_kept(fixtures: Path, tmp_path: Path) -> None:
    # The bit-packed path holds only 0/1 values; anything else takes the column-by-column path.
    text = (fixtures / "atop_subset.csv").read_text()
    assert "\n2,20,1975,1,0,0,0,1\n" in text
    odd = tmp_path / "atop_odd.csv"
    odd.write_text(text.replace("\n2,20,1975,1,0,0,0,1\n", "\n2,20,1975,2,0,0,0,1\n"))
    atop = read_atop(odd)
    assert atop.rows.get_column("atop_defense").max() == 2
    states = fixtures / "states_cow.csv"
    built = dyad_years(1970, 2020, states=states, with_atop=True, atop=atop)
    joined = add_atop(dyad_years(1970, 2020, states=states).reverse(), atop).reverse()
    assert built.equals(joined)
    row = built.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 20) & (pl.col("year") == 1975))
    assert row.get_column("atop_defense").item() == 2
    assert row.get_column("atop_consul").item() == 1


def test_atop_rows_in_any_order_give_the_same_table(fixtures: Path, tmp_path: Path) -> None:
    # Rows in rising key order skip the duplicate count; other orders take it.
    header, *rows = (fixtures / "atop_subset.csv").read_text().splitlines()
    shuffled = tmp_path / "atop_shuffled.csv"
    shuffled.write_text("\n".join([header, *reversed(rows)]) + "\n")
    doubled = tmp_path / "atop_doubled.csv"
    doubled.write_text("\n".join([header, *rows, rows[1].replace(",1,0,0,0,1", ",0,1,0,0,0")]) + "\n")
    states = fixtures / "states_cow.csv"
    base = dyad_years(1970, 2020, states=states, with_atop=True, atop=fixtures / "atop_subset.csv")
    assert dyad_years(1970, 2020, states=states, with_atop=True, atop=shuffled).equals(base)
    combined = dyad_years(1970, 2020, states=states, with_atop=True, atop=doubled)
    assert combined.height == base.height
    row = combined.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 20) & (pl.col("year") == 1975))
    assert row.select("atop_defense", "atop_offense", "atop_consul").row(0) == (1, 1, 1)
