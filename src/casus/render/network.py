"""Render the network of :func:`casus.analysis.network.network_on`: CSV, and a picture.

A complete graph of NATO's 32 members (992 edges) cannot be read, so the
picture draws each instrument in one of two ways (:func:`groups`):

- **hub**: when the instrument's edges bind every one of its (at least
  three) states toward every other, it becomes one box labelled with the
  instrument's short title, linked to its members;
- **direct**: otherwise (bilateral treaties, statements, or a multilateral
  treaty where some obligations are suspended) each pair of states is
  linked directly: a plain line where both are bound toward each other, an
  arrow ``party -> beneficiary`` where only one is.

Each instrument has its own colour (listed in the legend); treaties are
drawn with solid lines, doctrines dashed, statements dotted.  The legend
says of each instrument that is not a treaty that it binds no one as an
obligation (statements and doctrines declare intentions), and says where
help needs a decision by a named body or leaders (not automatic).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casus.analysis.network import Edge
from casus.model.vocabulary import INTENTION_KINDS


@dataclass
class Group:
    """One instrument's edges, as the picture draws them."""

    instrument: str
    title: str
    kind: str
    members: list[str] = field(default_factory=list)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    decisions: list[str] = field(default_factory=list)  # who must decide before help is given, if anyone

    @property
    def hub(self) -> bool:
        n = len(self.members)
        return n >= 3 and len(self.pairs) == n * (n - 1)

    @property
    def hub_id(self) -> str:
        return f"instrument:{self.instrument}"


def groups(edges: list[Edge]) -> list[Group]:
    """The instruments in the edges, in order, each with its members and directed pairs."""
    found: dict[str, Group] = {}
    for e in edges:
        g = found.get(e.instrument)
        if g is None:
            g = found[e.instrument] = Group(e.instrument, e.instrument_title, e.instrument_kind)
        for state in (e.party, e.beneficiary):
            if state not in g.members:
                g.members.append(state)
        g.pairs.add((e.party, e.beneficiary))
        if e.decision and e.decision not in g.decisions:
            g.decisions.append(e.decision)
    return list(found.values())


def legend_words(g: Group) -> str:
    """What an instrument's lines say, for the legend: its kind, whether it binds, how its links are drawn."""
    kind = g.kind if g.kind == "treaty" else \
        f"{g.kind}: intention" if g.kind in INTENTION_KINDS else f"{g.kind}: not a treaty"
    if g.hub:
        how = "box: all members bound toward each other"
    elif all((v, u) not in g.pairs for u, v in g.pairs):
        how = "arrows: one way"
    elif any((v, u) not in g.pairs for u, v in g.pairs):
        how = "lines; arrow: one way"
    else:
        how = "lines between states"
    if g.decisions:  # who decides is in the edge list and the graph files
        how += "; needs a decision"
    return f"{kind}; {how}"


def _tint(colour, share: float = 0.25) -> tuple:
    """``colour`` mixed with white, opaque (so lines behind a hub's label do not show through)."""
    return tuple(1 - share + share * c for c in colour[:3])


def _wrap(title: str, width: int = 20) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(title, width)) or title


LINESTYLE = {"treaty": "-", "executive-agreement": "-.", "declaration": ":", "unilateral-act": "-.",
             "doctrine": "--", "statement": ":"}


def _colours(n: int) -> list:
    from matplotlib import colormaps

    base = list(colormaps["tab10"].colors)
    extra = list(colormaps["Dark2"].colors) + list(colormaps["tab20b"].colors)
    palette = base + [c for c in extra if c not in base]
    return [palette[k % len(palette)] for k in range(n)]


def _layout(states: list[str], gs: list[Group]) -> dict:
    """Positions for states and hubs: a spring layout per connected part, parts side by side.

    States closer than a node's width (more where several instruments link
    them) are pushed apart, and a hub's members that belong to nothing else
    are set evenly on a ring around it.
    """

    from casus.errors import need

    nx = need("networkx", "graphs", "a graph")

    G = nx.Graph()
    G.add_nodes_from(states)
    for g in gs:
        if g.hub:
            G.add_node(g.hub_id)
            for s in g.members:
                G.add_edge(g.hub_id, s)
        else:
            for u, v in sorted(g.pairs):
                G.add_edge(u, v)
    if G.number_of_nodes() == 0:
        return {}
    hubs = {g.hub_id: g for g in gs if g.hub}
    links: dict[frozenset, int] = {}  # instruments linking two states directly
    for g in gs:
        if not g.hub:
            for pair in {frozenset(p) for p in g.pairs}:
                links[pair] = links.get(pair, 0) + 1
    parts = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    pos: dict = {}
    x_offset = 0.0
    for part in parts:
        sub = nx.Graph()  # built in a fixed order: the layout must not depend on set order
        sub.add_nodes_from(part)
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in G.subgraph(part).edges()))
        if len(part) == 1:
            local = {part[0]: (0.0, 0.0)}
        else:
            local = {n: tuple(p) for n, p in
                     nx.spring_layout(sub, seed=3, k=1.6 / len(part) ** 0.5, iterations=300).items()}
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        scale = (len(part) ** 0.5) / max(max(xs) - min(xs), max(ys) - min(ys), 0.4)
        local = {n: ((px - min(xs)) * scale, (py - min(ys)) * scale) for n, (px, py) in local.items()}
        in_part = [n for n in part if n in hubs]
        if len(in_part) > 1:
            # hubs that share members are pulled together; set them apart, their members with them
            before = dict(local)
            _spread_hubs(local, {n: hubs[n] for n in in_part})
            for n in part:  # a state follows its hubs: it moves by the average of their moves
                if n in hubs:
                    continue
                moved = [(local[h][0] - before[h][0], local[h][1] - before[h][1])
                         for h in sub.neighbors(n) if h in hubs]
                if moved:
                    local[n] = (local[n][0] + sum(m[0] for m in moved) / len(moved),
                                local[n][1] + sum(m[1] for m in moved) / len(moved))
            _bridge(local, sub, hubs)
        _spread(local, hubs, minimum=0.62, links=links)
        for hub in (n for n in part if n in hubs):
            _ring(local, hub, sub)
        _spread(local, hubs, minimum=0.62, links=links, rounds=10)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        for node, (px, py) in local.items():
            pos[node] = (x_offset + px - min(xs), py - (max(ys) + min(ys)) / 2)
        x_offset += max(xs) - min(xs) + 1.6
    return pos


def _ring(local: dict, hub: str, graph) -> None:
    """Set the hub's members that belong to nothing else evenly on a ring around it.

    Members linked to other things keep their place; the others go into the
    gaps between them, shared out by the size of each gap, so that no member
    sits on another's line to the hub or between two linked members.
    """
    import math
    import statistics

    members = sorted(graph.neighbors(hub))
    leaves = [s for s in members if graph.degree(s) == 1]
    fixed = [s for s in members if graph.degree(s) > 1]
    if len(leaves) < 3:
        return
    hx, hy = local[hub]
    full = 2 * math.pi

    def angle(s):
        return math.atan2(local[s][1] - hy, local[s][0] - hx) % full

    if fixed:
        marks = sorted((angle(s), s) for s in fixed)
        gaps, weights = [], []
        for k, (a, s) in enumerate(marks):
            b, t = marks[(k + 1) % len(marks)]
            size = ((b - a) % full) or full
            gaps.append((a, size))
            # the line between two linked members crosses the narrower gap between them: keep it clear
            weights.append(0.0 if graph.has_edge(s, t) and size < math.pi else size ** 2)
        if not any(weights):
            weights = [size ** 2 for _, size in gaps]
    else:
        gaps = [(angle(min(leaves, key=angle)) - full / (2 * len(leaves)), full)]
        weights = [full]
    # share the leaves out by gap weight (largest remainder; wide gaps are preferred), then space them evenly in each gap
    quotas = [len(leaves) * w / sum(weights) for w in weights]
    counts = [int(q) for q in quotas]
    for k in sorted(range(len(gaps)), key=lambda k: quotas[k] - counts[k], reverse=True)[:len(leaves) - sum(counts)]:
        counts[k] += 1
    angles = [start + size * (j + 1) / (count + 1)
              for (start, size), count in zip(gaps, counts) for j in range(count)]
    distances = [math.dist(local[s], (hx, hy)) for s in leaves]
    radius = max(_ring_radius(len(members)), statistics.median(distances))
    leaves.sort(key=lambda s: (angle(s) - angles[0]) % full)
    for s, a in zip(leaves, angles):
        local[s] = (hx + radius * math.cos(a), hy + radius * math.sin(a))


def _ring_radius(members: int) -> float:
    """The radius of the ring of a hub's members: room for its label, and 0.62 between members."""
    import math

    return max(1.15, 0.62 * members / (2 * math.pi))


def _bridge(local: dict, graph, hubs: dict) -> None:
    """Set states that belong to two or more hubs and to nothing else in a grid between those hubs.

    States with the same hubs share one grid, in alphabetical order, across
    the line joining the first two hubs at its middle.
    """
    import math

    shared: dict[tuple, list[str]] = {}
    for n in sorted(graph.nodes):
        if n in hubs:
            continue
        around = sorted(graph.neighbors(n))
        if len(around) >= 2 and all(h in hubs for h in around):
            shared.setdefault(tuple(around), []).append(n)
    for around, states in shared.items():
        cx = sum(local[h][0] for h in around) / len(around)
        cy = sum(local[h][1] for h in around) / len(around)
        (ax_, ay), (bx, by) = local[around[0]], local[around[1]]
        length = math.hypot(bx - ax_, by - ay) or 1.0
        ux, uy = (bx - ax_) / length, (by - ay) / length  # along the line between the hubs
        vx, vy = -uy, ux  # across it
        gap = 0.7
        rows = max(1, min(len(states), int((length - 2.6) / gap) + 1, math.ceil(len(states) / 6)))
        cols = math.ceil(len(states) / rows)
        for k, state in enumerate(states):
            row, col = divmod(k, cols)
            across = (col - (cols - 1) / 2) * gap
            along = (row - (rows - 1) / 2) * gap
            local[state] = (cx + across * vx + along * ux, cy + across * vy + along * uy)


def _push_apart(local: dict, a, b, wanted: float) -> bool:
    """Move ``a`` and ``b`` apart, each half the way, until ``wanted`` apart; whether they moved."""
    (ax_, ay), (bx, by) = local[a], local[b]
    dx, dy = bx - ax_, by - ay
    dist = (dx * dx + dy * dy) ** 0.5
    if dist >= wanted:
        return False
    if dist < 1e-9:
        dx, dy, dist = 1.0, 0.0, 1.0
    push = (wanted - dist) / 2
    local[a] = (ax_ - dx / dist * push, ay - dy / dist * push)
    local[b] = (bx + dx / dist * push, by + dy / dist * push)
    return True


def _spread_hubs(local: dict, hubs: dict, rounds: int = 100) -> None:
    """Set hubs far enough apart for their members to sit around them, not between them."""
    names = sorted(hubs)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                wanted = _ring_radius(len(hubs[a].members)) + _ring_radius(len(hubs[b].members)) + 0.8
                moved = _push_apart(local, a, b, wanted) or moved
        if not moved:
            return


def _spread(local: dict, hubs: dict, minimum: float, links: dict, rounds: int = 60) -> None:
    """Push apart nodes closer than they should be, a little at a time.

    Two states keep ``minimum`` apart (more where several instruments link
    them directly); a hub, drawn as a labelled box, keeps twice that from
    anything.
    """
    nodes = list(local)
    pairs = []  # each pair once, with the distance it must keep (fixed over the rounds)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if a in hubs or b in hubs:
                wanted = 2 * minimum
            else:
                wanted = minimum * (1 + 0.4 * max(links.get(frozenset((a, b)), 1) - 1, 0))
            pairs.append((a, b, wanted))
    for _ in range(rounds):
        moved = False
        for a, b, wanted in pairs:
            moved = _push_apart(local, a, b, wanted) or moved
        if not moved:
            return


def draw(edges: list[Edge], path, day=None, duty: str | None = None, option: str | None = None,
         dpi: int = 100):
    """Draw the network to ``path`` (.png or .svg); returns the path written."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    from casus.render.graphs import figure_format, new_figure, save_figure

    figure_format(path, option)
    gs = groups(edges)
    states = list(dict.fromkeys(s for e in edges for s in (e.party, e.beneficiary)))
    pos = _layout(states, gs)
    colours = dict(zip((g.instrument for g in gs), _colours(len(gs))))

    fig = new_figure(16, 11, dpi=dpi)
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    title = "Commitments to assist"
    if day is not None:
        title += f" on {day.isoformat()}"
    if duty:
        title += f" (duty: {duty})"
    ax.set_title(title, fontsize=14, loc="left")

    node_points = 11.0  # radius of a state's circle, in points

    # lines from hubs to members
    for g in gs:
        if not g.hub:
            continue
        hx, hy = pos[g.hub_id]
        for s in g.members:
            sx, sy = pos[s]
            ax.add_line(Line2D([hx, sx], [hy, sy], color=colours[g.instrument], linewidth=1.0, alpha=0.55,
                               linestyle=LINESTYLE.get(g.kind, "-"), zorder=1))

    # direct links, bent apart where several instruments link the same two states
    links: dict[frozenset, list[tuple[Group, str, str, bool]]] = {}
    for g in gs:
        if g.hub:
            continue
        for u, v in sorted(g.pairs):
            mutual = (v, u) in g.pairs
            if mutual and u > v:
                continue
            links.setdefault(frozenset((u, v)), []).append((g, u, v, mutual))
    for pair, items in links.items():
        first, second = sorted(pair)
        for k, (g, u, v, mutual) in enumerate(items):
            rad = 0.0 if len(items) == 1 else (k - (len(items) - 1) / 2) * 0.35
            if (u, v) != (first, second):
                rad = -rad  # bend to the same side whichever way the arrow runs
            arrow = FancyArrowPatch(pos[u], pos[v], connectionstyle=f"arc3,rad={rad}",
                                    arrowstyle="-" if mutual else "-|>", mutation_scale=16,
                                    color=colours[g.instrument], linewidth=1.8,
                                    linestyle=LINESTYLE.get(g.kind, "-"),
                                    shrinkA=node_points + 1, shrinkB=node_points + 2, zorder=2)
            ax.add_patch(arrow)

    # states
    if states:
        xs = [pos[s][0] for s in states]
        ys = [pos[s][1] for s in states]
        ax.scatter(xs, ys, s=(2 * node_points) ** 2, c="white", edgecolors="#333333", linewidths=1.0,
                   zorder=4)
        for s in states:
            ax.text(*pos[s], s, ha="center", va="center", fontsize=7.5, fontweight="bold", color="#111111",
                    zorder=5)

    # hubs
    for g in gs:
        if g.hub:
            colour = colours[g.instrument]
            ax.text(*pos[g.hub_id], _wrap(g.title), ha="center", va="center", fontsize=9, fontweight="bold",
                    color="#111111", zorder=6,
                    bbox={"boxstyle": "round,pad=0.4", "facecolor": _tint(colour), "edgecolor": colour,
                          "linewidth": 1.5})

    if pos:
        all_x = [p[0] for p in pos.values()]
        all_y = [p[1] for p in pos.values()]
        pad_x = 0.06 * max(max(all_x) - min(all_x), 1.0)
        pad_y = 0.08 * max(max(all_y) - min(all_y), 1.0)
        ax.set_xlim(min(all_x) - pad_x, max(all_x) + pad_x)
        ax.set_ylim(min(all_y) - pad_y, max(all_y) + pad_y)
    else:
        ax.text(0.5, 0.5, "no edge on this date", transform=ax.transAxes, ha="center", va="center",
                fontsize=12, color="#555555")

    handles = []
    shown = gs[:24]
    for g in shown:
        handles.append(Line2D([], [], color=colours[g.instrument], linewidth=2.2,
                              linestyle=LINESTYLE.get(g.kind, "-"), label=f"{g.title} [{legend_words(g)}]"))
    if len(gs) > len(shown):
        handles.append(Line2D([], [], color="white", label=f"… and {len(gs) - len(shown)} more instrument(s)"))
    handles.append(Line2D([], [], color="#333333", linewidth=1.5, marker=">", markevery=[1],
                          label="arrow: party bound toward beneficiary, one way only"))
    handles.append(Line2D([], [], color="#333333", linewidth=1.5,
                          label="line without arrow: both bound toward each other"))
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=7.5, frameon=False,
               title="Instruments (solid: treaty, dashed: doctrine, dotted: statement). Only treaties bind as "
                     "obligations: statements and doctrines declare intentions; \"needs a decision\": help is "
                     "not automatic", title_fontsize=9)
    return save_figure(fig, path, option)
