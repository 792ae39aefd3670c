"""Shared helpers for writing graphs and pictures.

Used by ``casus network`` and ``casus timeline``; kept general so any other
analysis can reuse them:

- :func:`write_graph` writes a networkx graph as GraphML (``.graphml``) or as
  JSON (``.json``, networkx's node-link layout), chosen by the file's suffix;
- :func:`new_figure` makes a :class:`matplotlib.figure.Figure` on the Agg
  canvas, without pyplot and its global state;
- :func:`save_figure` writes a figure as PNG (``.png``) or SVG (``.svg``),
  chosen by the suffix.  SVG text is kept as ``<text>`` elements, so labels
  can be searched and read back.

A suffix casus does not know raises :class:`casus.errors.InputError` with a
hint; so does a file that cannot be written.  Call :func:`figure_format` or
:func:`graph_format` first to reject a bad name before doing any work.

networkx and matplotlib are imported inside the functions, so importing this
module costs nothing (``casus ask`` stays fast).
"""

from __future__ import annotations

import json
from pathlib import Path

from casus.errors import need

from casus.errors import InputError

GRAPH_FORMATS = {".graphml": "graphml", ".json": "json"}
FIGURE_FORMATS = {".png": "png", ".svg": "svg"}


def _format(path, formats: dict[str, str], what: str, option: str | None) -> str:
    suffix = Path(path).suffix.lower()
    found = formats.get(suffix)
    if found is None:
        given = f"'{suffix}'" if suffix else "no suffix"
        where = f"{option} " if option else ""
        raise InputError(f"{where}{Path(path).name}: cannot write a {what} with {given}; "
                         f"name the file with {' or '.join(formats)}")
    return found


def graph_format(path, option: str | None = None) -> str:
    """``"graphml"`` or ``"json"`` for ``path``'s suffix; :class:`InputError` otherwise.

    ``option`` (e.g. ``"--out"``) is named in the message, for command-line use.
    """
    return _format(path, GRAPH_FORMATS, "graph", option)


def figure_format(path, option: str | None = None) -> str:
    """``"png"`` or ``"svg"`` for ``path``'s suffix; :class:`InputError` otherwise.

    Called before any work, it also checks that the plotting extra is installed.
    """
    fmt = _format(path, FIGURE_FORMATS, "picture", option)
    need("matplotlib", "plot", "a picture")
    return fmt


def _cannot_write(path, exc: OSError) -> InputError:
    reason = exc.strerror or str(exc)
    return InputError(f"cannot write {path}: {reason}; check that the folder exists and is writable")


def graph_json(G) -> dict:
    """``G`` in networkx's node-link layout (:func:`casus.service.documents.graph_json`)."""
    from casus.service.documents import graph_json as document

    return document(G)


def write_graph(G, path, option: str | None = None) -> Path:
    """Write the networkx graph ``G`` to ``path``: GraphML or node-link JSON, by suffix.

    Attribute values must be text, numbers or booleans (GraphML allows no
    others).  Returns the path written.
    """
    from casus.outputs import atomic_file

    fmt = graph_format(path, option)
    path = Path(path)
    with atomic_file(path) as tmp:  # all or nothing
        if fmt == "graphml":
            nx = need("networkx", "graphs", "a GraphML file")
            nx.write_graphml(G, tmp)
        else:
            text = json.dumps(graph_json(G), ensure_ascii=False, indent=2, default=str)
            tmp.write_text(text + "\n", encoding="utf-8")
    return path


def new_figure(width: float, height: float, dpi: int = 100):
    """A :class:`~matplotlib.figure.Figure` of ``width`` x ``height`` inches on the Agg canvas.

    The picture saved by :func:`save_figure` is ``width * dpi`` by
    ``height * dpi`` pixels (PNG).
    """
    need("matplotlib", "plot", "a picture")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def save_figure(fig, path, option: str | None = None) -> Path:
    """Save ``fig`` as PNG or SVG by the suffix of ``path``, at the figure's own size and dpi.

    The saved picture keeps the figure size exactly (no tight cropping), so
    lay the figure out first (e.g. ``fig.set_layout_engine("constrained")``).
    Returns the path written.
    """
    fmt = figure_format(path, option)
    need("matplotlib", "plot", "a picture")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    path = Path(path)
    # svg.fonttype none: labels stay text; hashsalt and no date: the same figure gives the same file
    settings = {"svg.fonttype": "none", "svg.hashsalt": "casus"}
    metadata = {"Date": None} if fmt == "svg" else None
    from casus.outputs import atomic_file

    with atomic_file(path) as tmp, matplotlib.rc_context(settings):  # all or nothing
        fig.savefig(tmp, format=fmt, dpi=fig.dpi, metadata=metadata)
    return path
