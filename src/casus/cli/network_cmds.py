"""``casus timeline`` and ``casus network``: commitments over time, and who is bound to whom on a date.

Loaded lazily by :class:`casus.cli.CasusGroup`; networkx and matplotlib are
imported only when a command needs them.
"""

from __future__ import annotations

import click

from casus.cli import _console, _corpus, corpus_option, format_or_json, json_shorthand
from casus.errors import InputError


@click.command("timeline")
@click.argument("state", metavar="STATE")
@click.option("--from", "start", default=None, metavar="YYYY-MM-DD", help="Only events from this day on.")
@click.option("--to", "end", default=None, metavar="YYYY-MM-DD",
              help="Only events before this day (the window is [from, to)).")
@click.option("--plot", "plot_path", default=None, metavar="FILE",
              help="Also draw the timeline chart to FILE (.png or .svg).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (casus.timeline/1).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV, one row per event.")
@corpus_option
def timeline_cmd(state, start, end, plot_path, as_json, as_csv, corpus_dirs):
    """Every commitment STATE gave and received over time.

    For each instrument STATE is a party to (or a named beneficiary of): the
    instrument's lifecycle, STATE's own party events (gave), and other
    parties' events that change what STATE is owed (received).  STATE is an
    ISO code or an English name.
    """
    from casus import service
    from casus.service.documents import dumps, timeline_csv

    if as_json and as_csv:
        raise InputError("JSON and CSV exclude each other", field="format", hint="give --json or --csv")
    if plot_path:
        from casus.outputs import check_writable
        from casus.render.graphs import figure_format

        figure_format(plot_path, "--plot")
        check_writable(plot_path, "plot")
    tl = service.timeline(_corpus(corpus_dirs), service.TimelineRequest(state, start, end))
    if as_json:
        click.echo(dumps(tl.to_dict()))
    elif as_csv:
        click.echo(timeline_csv(tl), nl=False)
    else:
        from casus.render import timeline as render

        render.render_table(tl, _console())
    if plot_path:
        from casus.render import timeline as render

        written = render.plot(tl, plot_path)
        click.echo(f"wrote {written}", err=True)


@click.command("network")
@click.option("--on", "on", default=None, metavar="YYYY-MM-DD", help="The date (default: today).")
@click.option("--duty", default="military-assistance", show_default=True, metavar="DUTY",
              help="The duty to draw edges for (see docs/treaty-format.md), or 'all'.")
@click.option("--format", "fmt", default=None, metavar="csv|json|graphml",
              help="Edge list format (default: csv, or the --out file's suffix).")
@json_shorthand
@click.option("--out", "out", default=None, metavar="FILE", help="Write the edge list to FILE, not stdout.")
@click.option("--graph", "graph_path", default=None, metavar="FILE",
              help="Draw the network to FILE (.png or .svg).")
@corpus_option
def network_cmd(on, duty, fmt, as_json, out, graph_path, corpus_dirs):
    """Commitments to assist on a date: one edge party -> beneficiary per provision.

    An edge means that on that day the instrument is in force and both states
    are parties, neither suspended nor with obligations toward the other
    suspended.  Trigger conditions are not evaluated (no scenario is given),
    and provisions bound to or owed to aggressors are left out.  With --graph
    and neither --out nor --format, only the picture and the summary line are
    written.
    """
    from casus import service
    from casus.outputs import check_writable, format_from_suffix
    from casus.service.inputs import choice

    if fmt is not None:
        choice(fmt, EDGE_FORMATS, "edge-list format", "format")
    fmt = format_or_json(fmt, as_json)
    if out is not None and fmt is None:
        fmt = format_from_suffix(out, {".csv": "csv", ".json": "json", ".graphml": "graphml"}, "out",
                                 otherwise="give --format")
    if out is not None:
        check_writable(out, "out")
    if graph_path:
        from casus.render.graphs import figure_format

        figure_format(graph_path, "--graph")
        check_writable(graph_path, "graph")
    result = service.network(_corpus(corpus_dirs), service.NetworkRequest(on, duty))
    if fmt is not None or out is not None or graph_path is None:
        _write_edges(result, fmt or "csv", out)
    if graph_path:
        from casus.render.network import draw

        written = draw(list(result.edges), graph_path, day=result.on, duty=result.duty, option="--graph")
        click.echo(f"wrote {written}", err=True)
    click.echo(result.summary, err=True)


EDGE_FORMATS = ("csv", "json", "graphml")


def _write_edges(result, fmt: str, out: str | None) -> None:
    if fmt == "csv":
        text = result.to_csv()
    elif fmt == "json":
        from casus.service.documents import dumps

        text = dumps(result.to_dict()) + "\n"
    else:
        text = result.to_graphml()
    if out is None:
        click.echo(text, nl=False)
        return
    from casus.outputs import write_text

    write_text(out, text, "out")
