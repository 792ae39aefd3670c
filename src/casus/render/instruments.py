"""Render instruments: the list (``casus treaties``) and one instrument (``casus show``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from casus.model import citation
from casus.model.instrument import Corpus, Instrument
from casus.service.documents import instrument_dict, instrument_rows


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
        if row["in_force_confidence"] == "unverified":
            in_force += " (unverified)"
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
    for p in instrument_dict(i)["parties"]:
        spans = "; ".join(f"[{b['from']}{'' if b['from_verified'] else ' (unverified)'}, {b['until'] or '…'})"
                          for b in p["bound"]) or "never bound"
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
        article = citation.article(p.article, p.article_confirmed)
        body = Text(p.title + "\n", style="bold") + Text(p.text)
        if p.procedure:
            body += Text("\nprocedure: " + "; ".join(s.text for s in p.procedure), style="italic")
        if p.decision:
            body += Text(f"\nnot automatic: needs a decision by {p.decision.by} (required by "
                         + ("the text" if p.decision.basis == "text" else "documented practice") + ")",
                         style="bold italic")
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
