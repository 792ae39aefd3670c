"""The cascade as a graph: GraphML or JSON for other tools, PNG or SVG for people.

Nodes are states (``side``, ``round``, ``status``, ``binding``); an edge
``X -> Y`` of kind ``joins`` means X joins Y's side through the finding named
on the edge, ``also`` marks a further route found in the same round, and
``attack`` is the scenario's own event.  In the picture the target's side
grows to the left and the aggressor's side to the right, one column per
round; colours tell instruments apart, dashed lines are not binding (discretionary, or needing a decision that can be withheld).
"""

from __future__ import annotations

from pathlib import Path

from casus.errors import InputError
from casus.model.cascade import Cascade
from casus.model.scenario import NON_STATE, Scenario
from casus.render.graphs import (
    FIGURE_FORMATS,
    GRAPH_FORMATS,
    new_figure,
    save_figure,
    write_graph,
)

SIDE_COLOUR = {"target": "#9ecae1", "aggressor": "#fc9272"}
PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e",
           "#7f7f7f", "#393b79", "#637939", "#843c39")


def to_networkx(cascade: Cascade, scenario: Scenario):
    from casus.errors import need

    nx = need("networkx", "graphs", "a graph")

    G = nx.MultiDiGraph(event=scenario.event, target=scenario.target, on=scenario.on.isoformat(),
                        escalation=cascade.escalation, assumption=cascade.assumption)
    for j in cascade.joins():
        G.add_node(j.state, side=j.side, round=j.round, status=j.status, binding=j.binding)
    for j in cascade.joins():
        for kind, via in [("joins", j.via)] + [("also", v) for v in j.also_via]:
            if via is None:
                continue
            G.add_edge(j.state, via.beneficiary, kind=kind, instrument=via.instrument, article=via.article,
                       duty=via.duty, modality=via.modality, discretion=via.discretion, status=via.status,
                       binding=j.binding if kind == "joins" else False)
    for aggressor in scenario.by:
        if aggressor == NON_STATE:
            G.add_node(NON_STATE, side="aggressor", round=0, status="triggered", binding=True)
        G.add_edge(aggressor, scenario.target, kind="attack", instrument="", article="", duty=scenario.event,
                   modality="", discretion="", status="given", binding=True)
    return G


def check_suffix(path) -> str:
    """The file's suffix if casus can write a cascade to it; :class:`InputError` otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix in GRAPH_FORMATS or suffix in FIGURE_FORMATS:
        from casus.errors import need

        need("networkx", "graphs", "a cascade graph")
        if suffix in FIGURE_FORMATS:
            need("matplotlib", "plot", "a cascade picture")
        return suffix
    raise InputError(f"unknown suffix '{suffix or 'none'}' for the graph file {Path(path).name}", field="graph",
                     hint=f"name the file with {', '.join([*FIGURE_FORMATS, *GRAPH_FORMATS])}")


def write(cascade: Cascade, scenario: Scenario, path) -> Path:
    """Write the cascade to ``path``: .graphml/.json (graph data) or .png/.svg (picture)."""
    if check_suffix(path) in GRAPH_FORMATS:
        return write_graph(to_networkx(cascade, scenario), path, "--graph")
    return save_figure(draw(cascade, scenario), path, "--graph")


def _positions(cascade: Cascade, scenario: Scenario) -> dict[str, tuple[float, float]]:
    """One column per side and round; each column is stacked around the states it joins."""
    pos: dict[str, tuple[float, float]] = {}
    for number, joins in enumerate(cascade.rounds):
        for side in ("target", "aggressor"):
            states = [j for j in joins if j.side == side]
            if number == 0 and side == "aggressor" and NON_STATE in scenario.by:
                states.append(None)
            if not states:
                continue
            x = -1.0 - number if side == "target" else 1.0 + number
            anchor = lambda j: pos.get(j.via.beneficiary, (0, 0))[1] if j is not None and j.via else 0.0
            states.sort(key=lambda j: -anchor(j))
            centre = sum(anchor(j) for j in states) / len(states)
            top = centre + (len(states) - 1) / 2
            for i, j in enumerate(states):
                pos[j.state if j is not None else NON_STATE] = (x, top - i)
    return pos


def draw(cascade: Cascade, scenario: Scenario):
    """The picture: one column per round and side, arrows from each state to the state it joins."""
    from matplotlib.lines import Line2D

    pos = _positions(cascade, scenario)
    tallest = max(sum(1 for p in pos.values() if p[0] == x) for x in {p[0] for p in pos.values()})
    rounds = len(cascade.rounds)
    width = max(8.0, 2.0 * (rounds + 2) + 3.5)
    height = max(4.5, 0.4 * tallest + 2.2)
    fig = new_figure(width, height, dpi=100)
    ax = fig.add_axes((0.02, 0.04, 0.70, 1 - 0.04 - 0.75 / height))
    ax.set_axis_off()
    joins = {j.state: j for j in cascade.joins()}
    instruments = sorted({v.instrument for j in joins.values() for v in ([j.via] if j.via else [])})
    colour = {inst: PALETTE[i % len(PALETTE)] for i, inst in enumerate(instruments)}
    for j in joins.values():
        if j.via is None or j.via.beneficiary not in pos:
            continue
        (x0, y0), (x1, y1) = pos[j.state], pos[j.via.beneficiary]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops=dict(arrowstyle="-|>", color=colour[j.via.instrument], lw=1.4,
                                    linestyle="-" if j.binding else (0, (4, 3)), shrinkA=11, shrinkB=11,
                                    connectionstyle="arc3,rad=0.08"))
    for aggressor in scenario.by:
        if aggressor in pos and scenario.target in pos:
            (x0, y0), (x1, y1) = pos[aggressor], pos[scenario.target]
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                        arrowprops=dict(arrowstyle="-|>", color="#cb181d", lw=2.2, shrinkA=13, shrinkB=13))
    for state, (x, y) in pos.items():
        j = joins.get(state)
        side = j.side if j else "aggressor"
        undetermined = j is not None and j.status != "triggered"
        ax.scatter([x], [y], s=620, color=SIDE_COLOUR[side], zorder=3,
                   edgecolors="#d4a017" if undetermined else "#333333",
                   linewidths=2.4 if undetermined else 1.0,
                   linestyle="--" if (j is not None and not j.binding) else "-")
        ax.text(x, y, state if state != NON_STATE else "non-\nstate", ha="center", va="center", fontsize=7.5,
                zorder=4, fontweight="bold")
    xs = sorted({p[0] for p in pos.values()})
    ys = [p[1] for p in pos.values()]
    for x in xs:
        number = int(abs(x)) - 1
        ax.text(x, max(ys) + 1.0, f"round {number}", ha="center", va="bottom", fontsize=8, color="#444444")
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 1.6)
    by = ", ".join(scenario.by) or "aggressor not given"
    fig.suptitle(f"Cascade: {scenario.event} on {scenario.target} by {by}, {scenario.on.isoformat()}",
                 fontsize=11, fontweight="bold", x=0.02, y=1 - 0.15 / height, ha="left", va="top")
    fig.text(0.02, 1 - 0.45 / height, f"escalation: {cascade.escalation}; target's side on the left, aggressor's on the "
             f"right (an assumption, not a finding, beyond round 1)", fontsize=8, color="#444444")
    handles = [Line2D([], [], color=colour[i], lw=2, label=i) for i in instruments]
    handles += [Line2D([], [], color="#333333", lw=1.4, label="binding"),
                Line2D([], [], color="#333333", lw=1.4, linestyle=(0, (4, 3)), label="not binding (discretionary, or needs a decision)"),
                Line2D([], [], color="#cb181d", lw=2.2, label=f"the scenario's {scenario.event}"),
                Line2D([], [], marker="o", color="w", markeredgecolor="#d4a017", markeredgewidth=2.2,
                       markerfacecolor="#eeeeee", markersize=11, label="undetermined (a fact is missing)")]
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.73, 1 - 0.8 / height), fontsize=7.5,
               frameon=False,
               title="arrow: joins the side of", title_fontsize=8)
    return fig
