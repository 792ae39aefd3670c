"""Render a cascade for a terminal: the assumption first, then a tree by round."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from casus.model.cascade import CONDITIONAL, Cascade, Join, Via
from casus.model.scenario import Scenario

SIDE_STYLE = {"target": "bold cyan", "aggressor": "bold red"}


def side_states(cascade: Cascade, side: str) -> tuple[list[str], list[str]]:
    """The states on ``side`` whose every link is triggered, and those whose chain is undetermined.

    Both lists are in the order the states joined; together they are
    ``cascade.side(side)``.  An undetermined state joins only if the
    conditions that wait for a missing fact hold, so it is never counted
    with the states that join.
    """
    joins = [j for j in cascade.joins() if j.side == side]
    return ([j.state for j in joins if j.status == "triggered"],
            [j.state for j in joins if j.status != "triggered"])


def _via(via: Via) -> str:
    return f"{via.instrument}, {via.cite} → {via.beneficiary}"


def _join_line(j: Join) -> Text:
    text = Text(f"{j.state}", style=SIDE_STYLE[j.side])
    if j.via is None:
        return text
    text.append(f"  via {_via(j.via)}")
    text.append(f"  ({j.via.modality} {j.via.duty}, {j.via.discretion})", style="dim")
    if j.via.decision:
        text.append(f"\n   needs a decision by: {j.via.decision}", style="italic")
    if j.status != "triggered":
        missing = j.via.missing
        text.append("  undetermined" + (f": missing {', '.join(missing)}" if missing else
                                        ": an earlier link is undetermined"), style="yellow")
    for caveat in j.via.caveats:  # the first sentence; --json has the whole note
        words = " ".join(caveat.split())
        first = words.split(". ")[0].rstrip(".") + "." if ". " in words else words
        text.append(f"\n   note: {first}" + (" (more in --json)" if first != words else ""), style="italic")
    if j.also_via:
        text.append("\n   also: " + "; ".join(_via(v) for v in j.also_via), style="dim")
    return text


def render(cascade: Cascade, scenario: Scenario, console: Console) -> None:
    by = ", ".join(scenario.by) if scenario.by else "not given"
    console.print(Text.assemble(("Cascade ", "bold"), f"{scenario.event} on {scenario.target} at "
                                f"{scenario.place} on {scenario.on.isoformat()}; by: {by}"))
    console.print(Text(f"Assumption: {cascade.assumption}", style="italic"))
    tree = Tree(Text("who joins which side, round by round", style="bold"))
    for number, joins in enumerate(cascade.rounds):
        label = "round 0 (the scenario)" if number == 0 else f"round {number}"
        branch = tree.add(Text(label, style="bold"))
        for side in ("target", "aggressor"):
            on_side = [j for j in joins if j.side == side]
            if number == 0 and side == "aggressor" and cascade.non_state:
                branch.add(Text("aggressor side: a non-state group", style=SIDE_STYLE[side]))
            if not on_side:
                continue
            binding = [j for j in on_side if j.binding and j.status == "triggered"]
            conditional = [j for j in on_side if j.binding and j.status != "triggered"]
            decided = [j for j in on_side if j.decision]
            discretionary = [j for j in on_side if not j.binding and not j.decision]
            if number == 0:
                branch.add(Text(f"{side} side: " + ", ".join(j.state for j in on_side), style=SIDE_STYLE[side]))
                continue
            if binding:
                node = branch.add(Text(f"joins the {side} side (binding)", style=SIDE_STYLE[side]))
                for j in binding:
                    node.add(_join_line(j))
            if conditional:  # binding links, but not every one is triggered: three-valued, not a yes
                node = branch.add(Text(f"joins the {side} side (binding) only if {CONDITIONAL}",
                                       style=SIDE_STYLE[side]))
                for j in conditional:
                    node.add(_join_line(j))
            if decided:
                node = branch.add(Text(f"joins the {side} side once a decision is taken that can withhold it",
                                       style=SIDE_STYLE[side]))
                for j in decided:
                    node.add(_join_line(j))
            if discretionary:
                node = branch.add(Text(f"joins the {side} side at its own discretion "
                                       "(as it deems necessary, constitutional processes, declared intent)",
                                       style=SIDE_STYLE[side]))
                for j in discretionary:
                    node.add(_join_line(j))
    console.print(tree)
    if cascade.truncated:
        console.print(Text(f"Stopped at --depth {cascade.depth}; further rounds were not evaluated.",
                           style="yellow"))
    if cascade.left_out:
        console.print(Text(f"--binding-only left out {cascade.left_out} discretionary route(s).", style="dim"))
    if cascade.left_out_decision:
        console.print(Text(f"--binding-only left out {cascade.left_out_decision} route(s) that need a decision "
                           "a named body or leaders can withhold.", style="dim"))
    if cascade.conflicts:
        console.print(Text("Conflicts", style="bold"))
        for c in cascade.conflicts:
            console.print(Text.assemble((f"  {c.kind}: ", "bold yellow"), c.text))
    else:
        console.print(Text("No state is drawn to both sides, no obligation cycles back over two or more "
                           "links, and no state has a non-aggression pledge toward the other side.", style="dim"))
    if cascade.mutual_links:
        console.print(Text(f"{cascade.mutual_links} obligation(s) run straight back to the state a party "
                           "joined through (mutual pacts); they are not listed as cycles.", style="dim"))
    for side in ("target", "aggressor"):
        states = cascade.side(side)
        # who joined (round 1 on) by a chain of binding duties, all triggered; the scenario's own states aside
        sure = [j.state for j in cascade.joins()
                if j.side == side and j.round > 0 and j.binding and j.status == "triggered"]
        joined, undetermined = side_states(cascade, side)
        console.print(Text.assemble((f"{side} side ({len(states)}): ", SIDE_STYLE[side]),
                                    ", ".join(joined) or "—",
                                    (f"; undetermined (depends on a fact not given): {', '.join(undetermined)}"
                                     if undetermined else "", "yellow"),
                                    (f"  [joined by binding, triggered duties: {len(sure)}]", "dim")))
