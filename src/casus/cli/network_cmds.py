"""``casus timeline`` and ``casus network``: commitments over time, and who is bound to whom on a date.

Loaded lazily by :class:`casus.cli.CasusGroup`; networkx and matplotlib are
imported only when a command needs them.
"""

from __future__ import annotations

import datetime as dt

import click

from casus.cli import _console, _corpus, corpus_option
from casus.errors import InputError
from casus.outputs import check_writable


def _day(text: str | None, option: str) -> dt.date | None:
    from casus.model.dates import parse

    if text is None:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}") from None


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
    from casus.analysis.timeline import resolve_state, timeline
    from casus.render import timeline as render

    if as_json and as_csv:
        raise InputError("--json and --csv exclude each other; give one")
    day_from, day_to = _day(start, "--from"), _day(end, "--to")
    if plot_path:
        from casus.render.graphs import figure_format

        figure_format(plot_path, "--plot")
        check_writable(plot_path, "--plot")
    corpus = _corpus(corpus_dirs)
    code = resolve_state(corpus, state)
    tl = timeline(corpus, code, day_from, day_to)
    if as_json:
        click.echo(render.to_json(tl))
    elif as_csv:
        click.echo(render.to_csv(tl), nl=False)
    else:
        render.render_table(tl, _console())
    if plot_path:
        written = render.plot(tl, plot_path)
        click.echo(f"wrote {written}", err=True)


@click.command("network")
@click.option("--on", "on", required=True, metavar="YYYY-MM-DD", help="The date.")
@click.option("--duty", default="military-assistance", show_default=True, metavar="DUTY",
              help="The duty to draw edges for (see docs/treaty-format.md), or 'all'.")
@click.option("--format", "fmt", default=None, metavar="csv|json|graphml",
              help="Edge list format (default: csv, or the --out file's suffix).")
@click.option("--out", "out", default=None, metavar="FILE", help="Write the edge list to FILE, not stdout.")
@click.option("--graph", "graph_path", default=None, metavar="FILE",
              help="Draw the network to FILE (.png or .svg).")
@corpus_option
def network_cmd(on, duty, fmt, out, graph_path, corpus_dirs):
    """Who is bound to assist whom on a date: one edge party -> beneficiary per provision.

    An edge means that on that day the instrument is in force and both states
    are parties, neither suspended nor with obligations toward the other
    suspended.  Trigger conditions are not evaluated (no scenario is given),
    and provisions bound to or owed to aggressors are left out.  With --graph
    and neither --out nor --format, only the picture and the summary line are
    written.
    """
    from casus.analysis.network import check_duty, network_on, summary

    day = _day(on, "--on")
    check_duty(duty)
    if fmt is not None and fmt not in EDGE_FORMATS:
        import difflib

        near = difflib.get_close_matches(fmt, EDGE_FORMATS, n=1, cutoff=0.5)
        raise InputError(f"unknown --format '{fmt}'; " + (f"did you mean '{near[0]}'?" if near else
                                                          f"use one of: {', '.join(EDGE_FORMATS)}"))
    if out is not None and fmt is None:
        fmt = {".csv": "csv", ".json": "json", ".graphml": "graphml"}.get(_suffix(out))
        if fmt is None:
            raise InputError(f"--out {out}: cannot tell the format from the suffix; "
                             "name the file .csv, .json or .graphml, or give --format")
    if graph_path:
        from casus.render.graphs import figure_format

        figure_format(graph_path, "--graph")
        check_writable(graph_path, "--graph")
    if out is not None:
        check_writable(out, "--out")
    corpus = _corpus(corpus_dirs)
    edges = network_on(corpus, day, duty)
    if fmt is not None or out is not None or graph_path is None:
        _write_edges(edges, day, duty, fmt or "csv", out)
    if graph_path:
        from casus.render.network import draw

        written = draw(edges, graph_path, day=day, duty=duty, option="--graph")
        click.echo(f"wrote {written}", err=True)
    click.echo(summary(edges, day, duty), err=True)


EDGE_FORMATS = ("csv", "json", "graphml")


def _suffix(path: str) -> str:
    from pathlib import Path

    return Path(path).suffix.lower()


def _write_edges(edges, day, duty, fmt: str, out: str | None) -> None:
    from casus.analysis.network import to_networkx
    from casus.render.network import edges_csv

    if fmt == "csv":
        text = edges_csv(edges)
    else:
        G = to_networkx(edges, day, duty)
        if out is not None and _suffix(out) == f".{fmt}":
            from casus.render.graphs import write_graph

            write_graph(G, out, "--out")
            return
        if fmt == "json":
            import json

            from casus.render.graphs import graph_json

            text = json.dumps(graph_json(G), ensure_ascii=False, indent=2) + "\n"
        else:
            import io

            import networkx as nx

            buffer = io.BytesIO()
            nx.write_graphml(G, buffer)
            text = buffer.getvalue().decode("utf-8")
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}; check that the folder exists "
                         "and is writable") from None
