"""Command-line commands for data sets: ``casus data ...`` and ``casus dyads``.

``register(main)`` adds them to the ``casus`` command group.  Mistakes in
the input (a missing file, a wrong column, a bad year) end with one clear
message and exit status 2, never with a traceback.
"""

from __future__ import annotations

from pathlib import Path

import click
import polars as pl

from casus.cli import Choice
from casus.datasets import dyad_years, registered_names
from casus.datasets.atop import UNDIRECTED_RULES
from casus.datasets.cache import cache_root, dataset_dir, read_manifest
from casus.datasets.dyads import count_dyads
from casus.datasets.output import FORMATS, infer_format, write_table
from casus.datasets.sources import SOURCES
from casus.errors import InputError


@click.group("data")
def data_group() -> None:
    """Fetch and inspect the reference data sets casus builds tables from."""


@data_group.command("fetch")
@click.argument("name", type=Choice(sorted(SOURCES), "data set"))
@click.option(
    "--from",
    "from_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Import a file you already have (CSV, or the release zip) instead of downloading.",
)
@click.option("--url", help="Download from this address instead of the default one.")
@click.option("--sha256", help="Expected sha256 of the file; the fetch fails if it differs.")
@click.option("--force", is_flag=True, help="Download again even if the data set is already cached.")
@click.option("--quiet", is_flag=True, help="Do not show a progress bar.")
def fetch_cmd(name: str, from_file: Path | None, url: str | None, sha256: str | None, force: bool, quiet: bool) -> None:
    """Download data set NAME into the cache (the only networked command).

    \b
    cow-states  Correlates of War State System Membership v2016 (states2016.csv)
    atop        ATOP 5.1 CSV release; the directed dyad-year file is used

    The cache is $CASUS_CACHE if set, else the user cache folder.
    """
    from casus.datasets.fetch import fetch

    if from_file is not None and url is not None:
        raise InputError("give either a file or an address to fetch from, not both", field="from",
                         hint="give --from FILE or --url ADDRESS")
    result = fetch(name, from_file=from_file, url=url, sha256=sha256, force=force, show_progress=not quiet)
    verb = "kept" if result.reused else "stored"
    click.echo(f"{name}: {verb} {result.path}")
    click.echo(f"  {result.summary}" + (" (give --force to fetch it again)" if result.reused else ""))
    if not result.reused:
        click.echo(f"  sha256 {result.manifest.sha256} ({result.manifest.size:,} bytes)")
    click.echo(f"  please cite: {SOURCES[name].citation}")


@data_group.command("list")
def list_cmd() -> None:
    """Show the cache folder and which data sets are in it."""
    click.echo(f"cache: {cache_root()}")
    for name, source in sorted(SOURCES.items()):
        manifest = read_manifest(name)
        if manifest is None or not (dataset_dir(name) / manifest.file).is_file():
            click.echo(f"  {name:<11} not fetched  ({source.title})")
        else:
            click.echo(
                f"  {name:<11} {dataset_dir(name) / manifest.file}  ({manifest.layout} layout, from {manifest.source})"
            )


@click.command("dyads")
@click.option("--from", "start", type=int, help="First year (default: first year of the state list).")
@click.option("--to", "end", type=int, help="Last year (default: last completed calendar year).")
@click.option("--undirected", is_flag=True, help="One row per pair, ccode1 < ccode2.")
@click.option(
    "--with",
    "with_",
    multiple=True,
    metavar="NAME",
    help="Add obligation columns: 'atop' (ATOP 5.1), 'casus' (the casus treaty corpus), or a registered column adder. Repeatable.",
)
@click.option(
    "--atop-undirected",
    type=Choice(UNDIRECTED_RULES, "rule"),
    default="max",
    show_default=True,
    help="With --undirected: max over both directions, or the lower-code-first row.",
)
@click.option(
    "--states",
    type=click.Path(dir_okay=False, path_type=Path),
    help="State list (COW states2016 or isard spells layout) instead of the cached one.",
)
@click.option(
    "--atop",
    "atop_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="ATOP directed dyad-year file instead of the cached one (implies --with atop).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the table here; without it a summary is printed.",
)
@click.option("--format", "fmt", type=Choice(FORMATS, "format"),
              help="Output format (default: from the --out extension: .parquet, .csv, .duckdb, .dta, .feather).")
@click.option(
    "--rows", type=click.IntRange(min=0), default=10, show_default=True, help="Rows to show when printing a summary."
)
def dyads_cmd(
    start: int | None,
    end: int | None,
    undirected: bool,
    with_: tuple[str, ...],
    atop_undirected: str,
    states: Path | None,
    atop_file: Path | None,
    out: Path | None,
    fmt: str | None,
    rows: int,
) -> None:
    """Build the dyad-year table of state system members.

    Rows follow peacesciencer's create_dyadyears(): ccode1, ccode2, year.
    With --with atop, ATOP 5.1 obligations are added as in
    peacesciencer's add_atop_alliance().
    """
    names = list(dict.fromkeys(with_))
    if atop_file is not None and "atop" not in names:
        names.insert(0, "atop")
    known = registered_names()
    unknown = [n for n in names if n not in known]
    if unknown:
        from casus.suggest import hint

        raise InputError(f"unknown column set '{unknown[0]}'", field="with", hint=hint(unknown[0], known))
    if out is not None:
        infer_format(out, fmt)
        _check_out(out)
    table = dyad_years(
        start,
        end,
        directed=not undirected,
        with_atop="atop" in names,
        states=states,
        atop=atop_file,
        atop_undirected=atop_undirected,  # type: ignore[arg-type]
        extra=[n for n in names if n != "atop"],
    )
    summary = _summary(table, undirected)
    _note_extrapolation(table, states)
    if out is not None:
        used = write_table(table, out, fmt)
        click.echo(f"wrote {summary} to {out} ({used})")
        return
    click.echo(summary)
    if rows:
        with pl.Config(tbl_rows=rows, tbl_cols=-1, tbl_hide_dataframe_shape=True, tbl_width_chars=160):
            click.echo(str(table.head(rows)))


def _check_out(out: Path) -> None:
    """Refuse an --out that cannot be written, before any work."""
    from casus.outputs import check_writable

    check_writable(out, "out")


def _note_extrapolation(table: pl.DataFrame, states: Path | None) -> None:
    """Say on stderr when rows lie after the state list's last year (rule 2 of docs/datasets.md)."""
    from casus.datasets import load_spells
    from casus.datasets.dyads import last_list_year

    if table.height == 0:
        return
    last = last_list_year(load_spells(states))
    lo, hi = table.select(pl.col("year").min().alias("lo"), pl.col("year").max().alias("hi")).row(0)
    if hi > last:
        years = f"{max(lo, last + 1)}-{hi}" if max(lo, last + 1) < hi else f"{hi}"
        click.echo(f"note: the state list ends in {last}; the rows for {years} are extrapolated from it "
                   "(states alive at its end are assumed still alive, none joined; see docs/datasets.md)",
                   err=True)


def _summary(table: pl.DataFrame, undirected: bool) -> str:
    """One line: rows, years and dyads of a dyad-year table."""
    if table.height == 0:
        return "0 rows"
    stats = table.select(
        pl.col("year").min().alias("lo"),
        pl.col("year").max().alias("hi"),
    ).row(0, named=True)
    stats["dyads"] = count_dyads(table)
    kind = "non-directed" if undirected else "directed"
    return f"{table.height:,} rows, years {stats['lo']}-{stats['hi']}, {stats['dyads']:,} {kind} dyads"


def register(main: click.Group) -> None:
    """Add the ``data`` group and the ``dyads`` command to ``main``."""
    main.add_command(data_group)
    main.add_command(dyads_cmd)
