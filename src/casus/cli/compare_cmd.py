"""``casus compare ID ID ...``: what each instrument's provisions commit to, side by side."""

from __future__ import annotations

import click

from casus.cli import _console, _corpus, corpus_option
from casus.errors import InputError
from casus.outputs import check_writable


@click.command("compare")
@click.argument("ids", nargs=-1, metavar="ID ID [ID]...")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "csv", "json"]), default="table",
              show_default=True, help="Terminal table, Markdown, CSV or JSON (casus.compare/1).")
@click.option("--out", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Write to FILE instead of the terminal.")
@click.option("--reading", default=None, metavar="NAME",
              help="Compare contested provisions under this reading (see casus show ID).")
@corpus_option
def compare_cmd(ids, fmt, out, reading, corpus_dirs):
    """Compare two or more instruments: triggers covered, discretion, means, scope, procedure,
    non-state aggressors, basing, nuclear clauses, term and withdrawal, each cell derived from
    the encoded provisions with its articles. IDs as listed by `casus treaties`."""
    from casus.analysis.compare import compare
    from casus.render.compare import TEXT_FORMATS, render_table

    if len(ids) < 2:
        given = f"only '{ids[0]}' was given" if ids else "none was given"
        raise InputError(f"compare needs at least two instrument ids ({given}); "
                         "e.g. casus compare north-atlantic-treaty-1949 anzus-1951 (see casus treaties)")
    if out is not None:
        check_writable(out, "--out")  # before any work
    comparison = compare(_corpus(corpus_dirs), ids, reading=reading)
    if out is None:
        if fmt == "table":
            render_table(comparison, _console())
        else:
            click.echo(TEXT_FORMATS[fmt](comparison), nl=False)
        return
    try:
        with open(out, "w", encoding="utf-8") as handle:
            if fmt == "table":
                render_table(comparison, _file_console(handle))
            else:
                handle.write(TEXT_FORMATS[fmt](comparison))
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from None
    click.echo(f"wrote {out}", err=True)


def _file_console(handle):
    from rich.console import Console

    return Console(file=handle, width=160, soft_wrap=False, color_system=None, force_terminal=False)
