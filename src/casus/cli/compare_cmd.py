"""``casus compare ID ID ...``: what each instrument's provisions commit to, side by side."""

from __future__ import annotations

import click

from casus.cli import Choice, _console, _corpus, corpus_option, format_or_json, json_shorthand


@click.command("compare")
@click.argument("ids", nargs=-1, metavar="ID ID [ID]...")
@click.option("--format", "fmt", type=Choice(["table", "markdown", "csv", "json"], "format"), default=None,
              help="Terminal table (the default), Markdown, CSV or JSON (casus.compare/1); "
                   "with --out, the default comes from the file's suffix.")
@json_shorthand
@click.option("--out", default=None, metavar="FILE",
              help="Write to FILE instead of the terminal (.txt table, .md, .csv or .json).")
@click.option("--reading", default=None, metavar="NAME",
              help="Compare contested provisions under this reading (see casus show ID).")
@corpus_option
def compare_cmd(ids, fmt, as_json, out, reading, corpus_dirs):
    """Compare two or more instruments, clause by clause, with the articles behind each cell.

    The rows: triggers covered, discretion, means, scope, procedure, non-state aggressors,
    basing, nuclear clauses, term and withdrawal, each cell derived from the encoded
    provisions. IDs as listed by `casus treaties`."""
    from casus import service
    from casus.render.compare import TEXT_FORMATS, render_table

    fmt = format_or_json(fmt, as_json)
    if out is not None:
        from casus.outputs import check_writable, format_from_suffix

        if fmt is None:  # as for network and dyads: the suffix decides unless a format is given
            fmt = format_from_suffix(out, OUT_SUFFIXES, "out")
        check_writable(out, "out")  # before any work
    fmt = fmt or "table"
    comparison = service.compare(_corpus(corpus_dirs), service.CompareRequest(tuple(ids), reading))
    if out is None:
        if fmt == "table":
            render_table(comparison, _console())
        else:
            click.echo(TEXT_FORMATS[fmt](comparison), nl=False)
        return
    from casus.outputs import write_text

    if fmt == "table":
        import io

        buffer = io.StringIO()
        render_table(comparison, _file_console(buffer))
        text = buffer.getvalue()
    else:
        text = TEXT_FORMATS[fmt](comparison)
    write_text(out, text, "out")
    click.echo(f"wrote {out}", err=True)


#: the format of an --out file given without --format, by its suffix
OUT_SUFFIXES = {".txt": "table", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".json": "json"}


def _file_console(handle):
    from rich.console import Console

    return Console(file=handle, width=160, soft_wrap=False, color_system=None, force_terminal=False)
