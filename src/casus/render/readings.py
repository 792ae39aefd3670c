"""Render a readings comparison: only the findings that turn on a contested reading."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from casus.engine.readings import ReadingsComparison
from casus.model.cascade import article_cite
from casus.render.answer import STATUS_STYLE


def render(result: ReadingsComparison, console: Console) -> None:
    sc = result.scenario
    by = ", ".join(sc.by) if sc.by else "not given"
    console.print(Text.assemble(("Readings ", "bold"), f"{sc.event} on {sc.target} at {sc.place} on "
                                f"{sc.on.isoformat()}; by: {by}; weapon: {sc.weapon}"))
    if not result.contested:
        console.print("No provision engaged by this scenario has contested readings.")
        return
    by_provision: dict[tuple, list] = {}
    for d in result.differences:
        by_provision.setdefault((d.instrument, d.provision), []).append(d)
    for inst, provision in result.contested:
        console.print(Text(f"\n{inst}, {article_cite(provision.article)}: {provision.title}", style="bold"))
        diffs = by_provision.get((inst, provision.id), [])
        if diffs:
            names = list(diffs[0].outcomes)
            table = Table(title_justify="left")
            table.add_column("party → beneficiary")
            for name in names:
                table.add_column(name, overflow="fold")
            for d in diffs:
                cells = []
                for name in names:
                    f = d.outcomes[name]
                    cell = Text(f.status, style=STATUS_STYLE[f.status])
                    cell.append(f"\n{f.modality} {f.duty}")
                    if f.missing:
                        cell.append(f"\nmissing: {', '.join(f.missing)}", style="yellow")
                    cells.append(cell)
                table.add_row(f"{d.party} → {d.beneficiary}", *cells)
            console.print(table)
        else:
            console.print(Text("  every reading gives the same findings on this scenario", style="dim"))
        for r in provision.readings:
            console.print(Text.assemble(
                (f"  {r.name}", "bold magenta"), (" (default)" if r.default else "", "magenta"),
                f", held by {' '.join(r.held_by.split())}: ", r.text))
            if r.default:
                console.print(Text(f"    default because: {r.default_because}", style="dim"))
            console.print(Text("    sources: " + "; ".join(s.url or s.title for s in r.sources), style="dim"))
    console.print(Text("\nEach column applies one reading to its provision; every other provision keeps its "
                       "default reading. The readings are attributed views, not findings of casus.",
                       style="italic"))
