"""The documents casus serves, made in one place: JSON data and CSV/GraphML text.

The command line prints these and the web serves them, byte for byte.
"""

from __future__ import annotations

import io

from casus.model.instrument import Corpus, Instrument


def dumps(document) -> str:
    """The JSON text of a document, as every interface prints it (two-space indent, UTF-8 text).

    orjson writes it (several times faster than the standard library's
    indenting encoder); the standard library gives the same text where
    orjson cannot encode a value.
    """
    try:
        import orjson

        return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (ImportError, TypeError):
        import json

        return json.dumps(document, ensure_ascii=False, indent=2)


def _sources(items) -> list[dict]:
    return [{"title": s.title, "url": s.url} for s in items]


def _span(i) -> dict:
    return {"from": i.start.isoformat(), "until": i.end.isoformat() if i.end else None}


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def instrument_rows(corpus: Corpus) -> list[dict]:
    """``casus treaties --json``: one row per instrument."""
    return [{
        "id": i.id, "title": i.title, "kind": i.kind, "parties": list(i.parties),
        "signed": _iso(i.signature()), "in_force": _iso(i.entry_into_force()),
        "in_force_confidence": i.start_confidence(i.entry_into_force()) if i.in_force else None,
        "ended": _iso(i.in_force[-1].end) if i.in_force else None,
        "provisions": len(i.provisions),
    } for i in corpus.instruments]


def instrument_dict(i: Instrument) -> dict:
    """``casus show ID --json``: the whole instrument as encoded."""
    return {
        "id": i.id, "kind": i.kind, "title": i.title, "short_title": i.short_title, "summary": i.summary,
        "speaker": i.speaker, "file": i.path, "term": i.term,
        "lifecycle": [{"event": e.event, "date": e.date.isoformat(), "place": e.place, "note": e.note,
                       "confidence": e.confidence, "sources": _sources(e.sources)} for e in i.lifecycle],
        "parties": [{
            "state": code,
            "bound": [{**_span(x), "from_verified": x.start not in party.unverified_starts} for x in party.bound],
            "suspended": [_span(x) for x in party.suspended],
            "obligations_suspended_toward": [{"toward": s, **_span(x)} for s, x in party.suspended_toward],
            "events": [{"event": e.event, "date": e.date.isoformat(), "toward": e.toward, "note": e.note,
                        "confidence": e.confidence, "sources": _sources(e.sources)} for e in party.events],
            "note": party.note,
        } for code, party in i.parties.items()],
        "provisions": [{
            "id": p.id, "article": p.article, "article_confirmed": p.article_confirmed, "title": p.title,
            "text": p.text, "quote": p.quote, "modality": p.modality, "duty": p.duty,
            "discretion": {"code": p.discretion.code, "wording": p.discretion.wording,
                           "discretionary": p.discretion.discretionary},
            "procedure": [{"step": s.text, "cite": s.cite} for s in p.procedure],
            "decision": p.decision.to_dict() if p.decision else None,
            "caveats": list(p.caveats), "confidence": p.confidence, "sources": _sources(p.sources),
            "readings": [{"name": r.name, "held_by": r.held_by, "text": r.text, "default": r.default,
                          "default_because": r.default_because, "duty": r.duty,
                          "trigger_differs": r.when is not None, "sources": _sources(r.sources)}
                         for r in p.readings],
        } for p in i.provisions],
        "scopes": [{"id": s.id, "article": s.article, "text": s.text} for s in i.scopes.values()],
        "facts": {f.name: f.question for f in i.facts.values()},
        "disagreements": [{"about": d.about, "note": d.note,
                           "versions": [{"value": v, "used": used, "sources": _sources(srcs)}
                                        for v, srcs, used in d.versions]} for d in i.disagreements],
        "notes": list(i.notes),
        "sources": [{"key": s.key, "title": s.title, "url": s.url} for s in i.sources.values()],
    }


# -- tables as CSV ------------------------------------------------------------------------------

TIMELINE_FIELDS = ("date", "instrument", "instrument_kind", "event", "who", "direction", "toward",
                   "note", "detail", "sources")


def timeline_csv(tl) -> str:
    """One row per event; ``who`` and ``sources`` (source keys) are separated by spaces."""
    import csv  # only the tables need it

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TIMELINE_FIELDS)
    for r in tl.rows:
        writer.writerow([r.date.isoformat(), r.instrument, r.instrument_kind, r.event, " ".join(r.who),
                         r.direction, r.toward or "", r.note, r.detail or "", " ".join(s.key for s in r.sources)])
    return out.getvalue()


def compare_csv(comparison) -> str:
    """``casus compare --format csv``: one row per dimension, one column per instrument."""
    import csv  # only the tables need it

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["key", "dimension", *comparison.ids])
    for row in comparison.dimensions:
        writer.writerow([row.key, row.label, *[cell.text for cell in row.cells]])
    return buffer.getvalue()


def edges_csv(edges) -> str:
    import csv  # only the tables need it

    from casus.analysis.network import FIELDS

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    n = len(FIELDS)  # an edge starts with these fields, in this order (a named tuple)
    writer.writerows(["true" if v is True else "false" if v is False else v for v in e[:n]] for e in edges)
    return out.getvalue()


def graph_json(G) -> dict:
    """``G`` as a JSON-ready dict in networkx's node-link layout (``nodes``, ``edges``, ``graph``)."""
    from casus.errors import need

    nx = need("networkx", "graphs", "a graph file")
    return nx.node_link_data(G, edges="edges")


def graphml(G) -> str:
    from casus.errors import need

    nx = need("networkx", "graphs", "a GraphML file")
    buffer = io.BytesIO()
    nx.write_graphml(G, buffer)
    return buffer.getvalue().decode("utf-8")
