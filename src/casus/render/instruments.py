"""Render instruments: the list (``casus treaties``) and one instrument (``casus show``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from casus.model.instrument import Corpus, Instrument


def _party_spans(inst: Instrument) -> list[dict]:
    out = []
    for code, party in inst.parties.items():
        out.append({
            "state": code,
            "bound": [{"from": i.start.isoformat(), "until": i.end.isoformat() if i.end else None}
                      for i in party.bound],
            "suspended": [{"from": i.start.isoformat(), "until": i.end.isoformat() if i.end else None}
                          for i in party.suspended],
            "obligations_suspended_toward": [
                {"toward": s, "from": i.start.isoformat(), "until": i.end.isoformat() if i.end else None}
                for s, i in party.suspended_toward],
            "events": [{"event": e.event, "date": e.date.isoformat(), "toward": e.toward, "note": e.note,
                        "confidence": e.confidence,
                        "sources": [{"title": s.title, "url": s.url} for s in e.sources]}
                       for e in party.events],
            "note": party.note,
        })
    return out


def instrument_rows(corpus: Corpus) -> list[dict]:
    return [{
        "id": i.id, "title": i.title, "kind": i.kind, "parties": list(i.parties),
        "signed": _iso(i.signature()), "in_force": _iso(i.entry_into_force()),
        "ended": _iso(i.in_force[-1].end) if i.in_force else None,
        "provisions": len(i.provisions),
    } for i in corpus.instruments]


def instrument_dict(i: Instrument) -> dict:
    return {
        "id": i.id, "kind": i.kind, "title": i.title, "short_title": i.short_title, "summary": i.summary,
        "speaker": i.speaker, "file": i.path, "term": i.term,
        "lifecycle": [{"event": e.event, "date": e.date.isoformat(), "place": e.place, "note": e.note,
                       "confidence": e.confidence,
                       "sources": [{"title": s.title, "url": s.url} for s in e.sources]} for e in i.lifecycle],
        "parties": _party_spans(i),
        "provisions": [{
            "id": p.id, "article": p.article, "article_confirmed": p.article_confirmed, "title": p.title,
            "text": p.text, "quote": p.quote, "modality": p.modality, "duty": p.duty,
            "discretion": {"code": p.discretion.code, "wording": p.discretion.wording,
                           "discretionary": p.discretion.discretionary},
            "procedure": [{"step": s.text, "cite": s.cite} for s in p.procedure],
            "caveats": list(p.caveats), "confidence": p.confidence,
            "sources": [{"title": s.title, "url": s.url} for s in p.sources],
            "readings": [{"name": r.name, "held_by": r.held_by, "text": r.text, "default": r.default,
                          "default_because": r.default_because, "duty": r.duty,
                          "trigger_differs": r.when is not None,
                          "sources": [{"title": s.title, "url": s.url} for s in r.sources]}
                         for r in p.readings],
        } for p in i.provisions],
        "scopes": [{"id": s.id, "article": s.article, "text": s.text} for s in i.scopes.values()],
        "facts": {f.name: f.question for f in i.facts.values()},
        "disagreements": [{"about": d.about, "note": d.note,
                           "versions": [{"value": v, "used": used,
                                         "sources": [{"title": s.title, "url": s.url} for s in srcs]}
                                        for v, srcs, used in d.versions]} for d in i.disagreements],
        "notes": list(i.notes),
    }


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def render_list(corpus: Corpus, console: Console) -> None:
    table = Table(title=f"{len(corpus.instruments)} instruments", title_justify="left")
    for name in ("id", "kind", "title", "parties", "signed", "in force"):
        table.add_column(name, overflow="fold")
    for row in instrument_rows(corpus):
        parties = row["parties"]
        shown = ", ".join(parties) if len(parties) <= 8 else f"{len(parties)}: " + ", ".join(parties[:8]) + ", …"
        in_force = row["in_force"] or "—"
        if row["ended"]:
            in_force += f" – {row['ended']}"
        table.add_row(row["id"], row["kind"], row["title"], shown, row["signed"] or "—", in_force)
    console.print(table)


def render_one(i: Instrument, console: Console) -> None:
    console.print(Text(i.title, style="bold"))
    console.print(f"id: {i.id}   kind: {i.kind}   file: {i.path}")
    if i.speaker:
        console.print(f"speaker: {i.speaker}")
    console.print(i.summary)
    life = Table(title="Lifecycle", title_justify="left")
    for name in ("event", "date", "confidence", "note / sources"):
        life.add_column(name, overflow="fold")
    for e in i.lifecycle:
        life.add_row(e.event, e.date.isoformat(), e.confidence,
                     " ".join(filter(None, [e.place, e.note, "; ".join(s.url or s.title for s in e.sources)])))
    console.print(life)
    if i.term:
        console.print(Text("Term: ", style="bold") + Text(" ".join(i.term.split())))
    parties = Table(title="Parties over time (periods are [from, until))", title_justify="left")
    for name in ("state", "bound", "events"):
        parties.add_column(name, overflow="fold")
    for p in _party_spans(i):
        spans = "; ".join(f"[{b['from']}, {b['until'] or '…'})" for b in p["bound"]) or "never bound"
        for s in p["obligations_suspended_toward"]:
            spans += f"\nobligations toward {s['toward']} suspended [{s['from']}, {s['until'] or '…'})"
        for s in p["suspended"]:
            spans += f"\nsuspended [{s['from']}, {s['until'] or '…'})"
        events = "; ".join(f"{e['event']} {e['date']}" + (f" → {e['toward']}" if e["toward"] else "")
                           + (" (unverified)" if e["confidence"] == "unverified" else "")
                           for e in p["events"])
        if p["note"]:
            events += f"\n{' '.join(p['note'].split())}"
        parties.add_row(p["state"], spans, events)
    console.print(parties)
    prov = Table(title="Provisions", title_justify="left", show_lines=True)
    for name in ("article", "provision", "commitment", "sources"):
        prov.add_column(name, overflow="fold")
    for p in i.provisions:
        article = p.article + ("" if p.article_confirmed else "\n(number unconfirmed)")
        body = Text(p.title + "\n", style="bold") + Text(p.text)
        if p.procedure:
            body += Text("\nprocedure: " + "; ".join(s.text for s in p.procedure), style="italic")
        for c in p.caveats:
            body += Text("\nnote: " + " ".join(c.split()), style="italic")
        for r in p.readings:
            changes = [w for w, v in (("trigger", r.when), ("duty: " + (r.duty or ""), r.duty)) if v]
            body += Text(f"\nreading '{r.name}'" + (" (default)" if r.default else
                                                     f" (changes {', '.join(changes)})")
                         + f", held by {' '.join(r.held_by.split())}: ", style="magenta")
            body += Text(r.text)
        commitment = f"{p.modality} {p.duty}\n{p.discretion.code}" + (
            f"\n“{p.discretion.wording}”" if p.discretion.wording else "")
        prov.add_row(article, body, commitment,
                     f"confidence {p.confidence}\n" + "\n".join(s.url or s.title for s in p.sources))
    console.print(prov)
    for d in i.disagreements:
        lines = [f"Disagreement: {d.about}"]
        for value, sources, used in d.versions:
            lines.append(f"  {'✓ used' if used else '  other'}: {value} ({'; '.join(s.url or s.title for s in sources)})")
        if d.note:
            lines.append(f"  {d.note}")
        console.print("\n".join(lines))
    for note in i.notes:
        console.print(Text("Note: " + " ".join(note.split()), style="italic"))
