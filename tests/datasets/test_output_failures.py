"""dyads --out in every format: all or nothing, and checked before any work.

Each failure is simulated three ways: a writer that writes part of the file
and then finds the disk full, a real file-size limit (RLIMIT_FSIZE) in a
child process, and a folder that cannot be written.  Each time the previous
file must be byte for byte what it was, with nothing left beside it.
"""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest
from click.testing import CliRunner

from casus.cli import main
from casus.datasets import DatasetError, dyad_years, write_table
from casus.datasets import output as output_mod

SUFFIXES = {"parquet": ".parquet", "csv": ".csv", "duckdb": ".duckdb", "stata": ".dta", "arrow": ".feather"}


def read_back(path: Path, fmt: str) -> pl.DataFrame:
    if fmt == "parquet":
        return pl.read_parquet(path)
    if fmt == "csv":
        return pl.read_csv(path)
    if fmt == "arrow":
        return pl.read_ipc(path)
    if fmt == "stata":
        return pl.from_dict(pd.read_stata(path).to_dict(orient="list"))
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT * FROM dyad_years ORDER BY ccode1, ccode2, year").fetchall()
        names = [d[0] for d in con.description]
    finally:
        con.close()
    return pl.DataFrame(rows, schema=names, orient="row")


@pytest.fixture
def small(fixtures: Path) -> pl.DataFrame:
    return dyad_years(1990, 1991, states=fixtures / "states_cow.csv")


@pytest.fixture
def large(fixtures: Path) -> pl.DataFrame:
    return dyad_years(1950, 2020, states=fixtures / "states_cow.csv", with_atop=True,
                      atop=fixtures / "atop_subset.csv")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", list(SUFFIXES))
def test_each_format_round_trips(fmt, small, tmp_path):
    path = tmp_path / f"t{SUFFIXES[fmt]}"
    assert write_table(small, path) == fmt
    back = read_back(path, fmt)
    assert back.columns == small.columns
    assert back.height == small.height
    assert back.select(pl.col("ccode1").cast(pl.Int64)).to_series().to_list() == \
        small["ccode1"].cast(pl.Int64).to_list()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_stata_keeps_nulls_as_missing_and_text(fixtures, tmp_path):
    table = dyad_years(1970, 1975, states=fixtures / "states_cow.csv", with_atop=True,
                       atop=fixtures / "atop_subset.csv").with_columns(
        pl.when(pl.col("year") == 1970).then(None).otherwise(pl.lit("x")).alias("note"))
    write_table(table, tmp_path / "t.dta")
    back = pd.read_stata(tmp_path / "t.dta")
    assert int(back["atop_defense"].isna().sum()) == table["atop_defense"].null_count() > 0
    assert list(back["note"][table["note"].is_not_null().to_list()].unique()) == ["x"]


@pytest.mark.parametrize("fmt", list(SUFFIXES))
def test_a_full_disk_mid_write_leaves_the_previous_file(fmt, small, large, tmp_path, monkeypatch):
    path = tmp_path / f"t{SUFFIXES[fmt]}"
    write_table(small, path)
    before = snapshot(tmp_path)
    real = output_mod.WRITERS[fmt]

    def half_then_full(table, target):
        real(table, target)
        data = Path(target).read_bytes()
        Path(target).write_bytes(data[: len(data) // 2])  # what a full disk leaves
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setitem(output_mod.WRITERS, fmt, half_then_full)
    with pytest.raises(DatasetError, match="no space left on the device; the previous file, if any, is unchanged"):
        write_table(large, path)
    assert snapshot(tmp_path) == before
    assert read_back(path, fmt).height == small.height


@pytest.mark.parametrize("fmt", list(SUFFIXES))
def test_a_library_error_mid_write_is_a_clean_error(fmt, small, large, tmp_path, monkeypatch):
    """polars, pandas and DuckDB report a failed write in their own exception types."""
    path = tmp_path / f"t{SUFFIXES[fmt]}"
    write_table(small, path)
    before = snapshot(tmp_path)

    def broken(table, target):
        Path(target).write_bytes(b"PAR1 partial")
        raise pl.exceptions.ComputeError("failed to write: disk quota exceeded")

    monkeypatch.setitem(output_mod.WRITERS, fmt, broken)
    with pytest.raises(DatasetError, match="disk quota exceeded"):
        write_table(large, path)
    assert snapshot(tmp_path) == before


def test_a_file_size_limit_leaves_the_previous_file_in_every_format(fixtures, small, tmp_path):
    """A real RLIMIT_FSIZE in one child process, one dyads --out per format: each fails with EFBIG part-way."""
    folders = {}
    for fmt, suffix in SUFFIXES.items():
        folders[fmt] = tmp_path / fmt
        folders[fmt].mkdir()
        write_table(small, folders[fmt] / f"t{suffix}")
    before = {fmt: snapshot_files(folder) for fmt, folder in folders.items()}
    targets = [str(folders[fmt] / f"t{suffix}") for fmt, suffix in SUFFIXES.items()]
    limits = [max(len(v) for v in before[fmt].values()) + 16 for fmt in SUFFIXES]  # the old file fits, not the new
    script = textwrap.dedent(f"""
        import json, resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # get EFBIG instead of being killed
        from click.testing import CliRunner
        from casus.cli import main
        import casus.cli.datasets_cmds, casus.datasets.output, casus.outputs, pandas, duckdb  # import first
        for out, limit in zip({targets!r}, {limits!r}):
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))  # soft limit only
            args = ["dyads", "--from", "1900", "--to", "2016", "--states", {str(fixtures / "states_cow.csv")!r},
                    "--with", "atop", "--atop", {str(fixtures / "atop_subset.csv")!r}, "--out", out]
            r = CliRunner().invoke(main, args)
            print(json.dumps([out, r.exit_code, r.output, repr(r.exception)]))
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180,
                         env={"CASUS_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
                              "PYTHONDONTWRITEBYTECODE": "1"})
    assert run.returncode == 0, run.stderr[-3000:]
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r[0] for r in results] == targets
    for (out, code, output, exc), fmt in zip(results, SUFFIXES):
        assert code == 2, (fmt, output, exc)
        assert output.startswith(f"error: cannot write {out}: "), (fmt, output)
        assert "the previous file, if any, is unchanged" in output
        assert snapshot_files(folders[fmt]) == before[fmt], fmt


def snapshot_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize(("out", "why"), [
    ("/nonexistent-folder/x.csv", "the folder /nonexistent-folder does not exist"),
    ("/proc/x.parquet", "the folder /proc cannot be written"),
    ("{tmp}/afile/x.dta", "{tmp}/afile is not a folder"),
    ("{tmp}/adir.feather", "is a directory"),  # click's own check of --out
])
def test_an_unwritable_target_is_refused_before_any_work(out, why, fixtures, tmp_path, monkeypatch):
    (tmp_path / "afile").write_text("not a folder")
    (tmp_path / "adir.feather").mkdir()
    out, why = out.replace("{tmp}", str(tmp_path)), why.replace("{tmp}", str(tmp_path))
    import casus.cli.datasets_cmds as cmds

    def no_work(*args, **kwargs):
        raise AssertionError("the table was built although the target cannot be written")

    monkeypatch.setattr(cmds, "dyad_years", no_work)
    result = CliRunner().invoke(main, ["dyads", "--states", str(fixtures / "states_cow.csv"), "--out", out])
    assert result.exit_code == 2, result.output
    assert why in result.output
    assert "Traceback" not in result.output
