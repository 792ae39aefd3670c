"""Pictures for the pages, as inline SVG text.

The drawings are made here rather than by matplotlib because the pages
send a strict Content-Security-Policy: matplotlib's SVG styles every shape
with a ``style`` attribute and a ``<style>`` element, which that policy
blocks.  These use presentation attributes only, carry a ``<title>`` and a
text label on every state, and mark status by line pattern and words as
well as by colour.  Every text is escaped.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from casus.model.scenario import NON_STATE
from casus.model.vocabulary import INTENTION_KINDS

DASH = ' stroke-dasharray="5 3"'
SIDE_FILL = {"target": "#cfe3f3", "aggressor": "#f8d3c9"}
PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e",
           "#7f7f7f", "#393b79", "#637939", "#843c39")


def _e(text) -> str:
    return escape(str(text), quote=True)


def _svg(width: float, height: float, title: str, body: list[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="picture" role="img" aria-labelledby="{label}-title" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}">'
            f'<title id="{label}-title">{_e(title)}</title>'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333333"/></marker></defs>'
            + "".join(body) + "</svg>")


# ------------------------------------------------------------------------------------- cascade


def cascade_svg(cascade, scenario) -> str:
    """One column per round and side (target's side left, aggressor's right), an arrow to the state joined."""
    from casus.render.cascade_graph import _positions

    pos = _positions(cascade, scenario)
    joins = {j.state: j for j in cascade.joins()}
    instruments = sorted({j.via.instrument for j in joins.values() if j.via})
    colour = {inst: PALETTE[i % len(PALETTE)] for i, inst in enumerate(instruments)}
    xs = sorted({p[0] for p in pos.values()}) or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    col, row, r = 120.0, 46.0, 20.0
    left, top = 60.0, 70.0
    width = left * 2 + (max(xs) - min(xs)) * col
    height = top + (max(ys) - min(ys)) * row + 60

    def at(state):
        x, y = pos[state]
        return left + (x - min(xs)) * col, top + (max(ys) - y) * row

    body: list[str] = []
    for x in xs:
        number = int(abs(x)) - 1
        side = "target's side" if x < 0 else "aggressor's side"
        body.append(f'<text x="{left + (x - min(xs)) * col:.1f}" y="22" text-anchor="middle" font-size="12" '
                    f'fill="#222222">round {number}</text>'
                    f'<text x="{left + (x - min(xs)) * col:.1f}" y="38" text-anchor="middle" font-size="10" '
                    f'fill="#444444">{side}</text>')
    for j in joins.values():
        if j.via is None or j.via.beneficiary not in pos:
            continue
        (x0, y0), (x1, y1) = at(j.state), at(j.via.beneficiary)
        body.append(_arrow(x0, y0, x1, y1, r, colour[j.via.instrument], dashed=not j.binding,
                           title=f"{j.state} joins {j.via.beneficiary}'s side: {j.via.instrument}, "
                                 f"{j.via.cite}, {j.via.modality} {j.via.duty}, {j.status}"
                                 + ("" if j.binding else ", needs a decision that can be withheld"
                                    if j.decision else ", discretionary")))
    for aggressor in scenario.by:
        if aggressor in pos and scenario.target in pos:
            (x0, y0), (x1, y1) = at(aggressor), at(scenario.target)
            body.append(_arrow(x0, y0, x1, y1, r, "#b00020", dashed=False, width=2.5,
                               title=f"the scenario: {scenario.event} by {aggressor} on {scenario.target}"))
    for state in pos:
        x, y = at(state)
        j = joins.get(state)
        side = j.side if j else "aggressor"
        undetermined = j is not None and j.status != "triggered"
        dashed = j is not None and not j.binding
        name = "non-state" if state == NON_STATE else state
        status = j.status if j else "given"
        body.append(f'<g class="state" data-state="{_e(name)}" data-side="{side}" data-status="{_e(status)}">'
                    f'<title>{_e(name)}: {side} side, round {j.round if j else 0}, {_e(status)}'
                    f'{"" if not dashed else (", needs a decision" if j.decision else ", discretionary")}</title>'
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{SIDE_FILL[side]}" '
                    f'stroke="{"#8a6d00" if undetermined else "#333333"}" '
                    f'stroke-width="{3 if undetermined else 1.2}"'
                    f'{DASH if dashed else ""}/>'
                    f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-weight="bold" '
                    f'fill="#111111">{_e(name if state != NON_STATE else "non-st.")}'
                    f'{"?" if undetermined else ""}</text></g>')
    legend_y = height - 30
    body.append(f'<text x="10" y="{legend_y:.0f}" font-size="10" fill="#333333">arrow: joins the side of; '
                'red arrow: the scenario itself; thick outline and "?": undetermined (a fact is missing)</text>')
    legend_y += 14
    height += 14
    body.append(f'<text x="10" y="{legend_y:.0f}" font-size="10" fill="#333333">dashed: not binding '
                '(discretionary, or it needs a decision that can be withheld)</text>')
    for i, inst in enumerate(instruments, 1):
        y = legend_y + 16 * i
        body.append(f'<line x1="10" y1="{y - 4:.0f}" x2="34" y2="{y - 4:.0f}" stroke="{colour[inst]}" '
                    f'stroke-width="3"/><text x="40" y="{y:.0f}" font-size="10" fill="#333333">{_e(inst)}</text>')
    height += 16 * len(instruments)
    title = (f"Cascade of {scenario.event} on {scenario.target} by {', '.join(scenario.by) or 'no aggressor given'}"
             f" on {scenario.on.isoformat()}")
    return _svg(max(width, 620), height, title, body, "cascade")


def _arrow(x0, y0, x1, y1, r, colour, dashed: bool, title: str, width: float = 1.6) -> str:
    dx, dy = x1 - x0, y1 - y0
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    sx, sy, ex, ey = x0 + ux * r, y0 + uy * r, x1 - ux * (r + 2), y1 - uy * (r + 2)
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return (f'<g class="edge"><title>{_e(title)}</title><line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" '
            f'y2="{ey:.1f}" stroke="{colour}" stroke-width="{width}"{dash} marker-end="url(#arrow)"/></g>')


# ------------------------------------------------------------------------------------- network


#: how an instrument's lines are drawn: only a treaty is drawn solid (a doctrine dashed, a statement dotted)
KIND_DASH = {"treaty": "", "doctrine": ' stroke-dasharray="6 3"', "statement": ' stroke-dasharray="2 3"'}


def _kind_words(kind: str) -> str:
    """The kind of an instrument, as the legend and the titles say it: only a treaty binds."""
    if kind == "treaty":
        return "treaty"
    if kind in INTENTION_KINDS:
        return f"{kind}: a declared intention, not an obligation"
    return f"{kind.replace('-', ' ')}: not a treaty obligation"


def network_svg(edges, day: dt.date, duty: str) -> str:
    """States as circles, a line for each pair of states that some instrument binds, coloured by instrument.

    A line runs both ways (each state bound toward the other); an arrow
    ``party -> beneficiary`` where only one is.  Treaties are solid lines,
    doctrines dashed, statements and other instruments that are not
    treaties dotted, and every title says which kind it is.
    """
    from casus.render.network import _layout, groups

    gs = groups(list(edges))
    states = list(dict.fromkeys(s for e in edges for s in (e.party, e.beneficiary)))
    title = f"Commitments to assist on {day.isoformat()} (duty: {duty})"
    if not states:
        return _svg(420, 60, title, ['<text x="10" y="30" font-size="12">No commitments on this date.</text>'],
                    "network")
    pos = _layout(states, gs)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    scale = 70.0
    margin = 40.0
    legend_lines = len(gs) + 2
    width = (max(xs) - min(xs)) * scale + 2 * margin
    height = (max(ys) - min(ys)) * scale + 2 * margin + 20 * legend_lines

    def at(node):
        x, y = pos[node]
        return margin + (x - min(xs)) * scale, margin + (max(ys) - y) * scale

    colour = {g.instrument: PALETTE[i % len(PALETTE)] for i, g in enumerate(gs)}
    body: list[str] = []
    for g in gs:
        c = colour[g.instrument]
        dash = KIND_DASH.get(g.kind, ' stroke-dasharray="2 3"')
        decided = f"; help needs a decision by {'; '.join(g.decisions)}, who can withhold it" if g.decisions else ""
        if g.hub:
            hx, hy = at(g.hub_id)
            for s in g.members:
                x, y = at(s)
                body.append(f'<line x1="{hx:.1f}" y1="{hy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{c}" '
                            f'stroke-width="1.2"{dash}/>')
            body.append(f'<g class="hub"><title>{_e(g.title)}: every party bound toward every other'
                        f'{_e(decided)}</title>'
                        f'<rect x="{hx - 7:.1f}" y="{hy - 7:.1f}" width="14" height="14" fill="{c}"/></g>')
            continue
        bound = "bound" if g.kind == "treaty" else \
            "declared it intends to act" if g.kind in INTENTION_KINDS else "committed"
        for a, b in sorted({tuple(sorted(p)) for p in g.pairs}):
            both = (a, b) in g.pairs and (b, a) in g.pairs
            if both:
                (x0, y0), (x1, y1) = at(a), at(b)
                what = f"{a} and {b}, each {bound} toward the other"
                body.append(f'<g class="edge" data-direction="both"><title>{_e(g.title)} ({_e(_kind_words(g.kind))}): '
                            f'{_e(what)}{_e(decided)}</title>'
                            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{c}" '
                            f'stroke-width="1.6"{dash}/></g>')
                continue
            party, beneficiary = (a, b) if (a, b) in g.pairs else (b, a)
            (x0, y0), (x1, y1) = at(party), at(beneficiary)
            what = f"{party} {bound} toward {beneficiary}, one way" + \
                (f" ({beneficiary} is not bound toward {party} on this date)" if g.kind == "treaty" else "")
            dx, dy = x1 - x0, y1 - y0
            length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
            ex, ey = x1 - dx / length * 16, y1 - dy / length * 16  # the arrow's tip at the circle's edge
            body.append(f'<g class="edge" data-direction="one-way"><title>{_e(g.title)} ({_e(_kind_words(g.kind))}): '
                        f'{_e(what)}{_e(decided)}</title>'
                        f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" stroke="{c}" '
                        f'stroke-width="1.6"{dash} marker-end="url(#arrow)"/></g>')
    for s in states:
        x, y = at(s)
        body.append(f'<g class="state" data-state="{_e(s)}"><title>{_e(s)}</title>'
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="14" fill="#ffffff" stroke="#333333"/>'
                    f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="9" font-weight="bold">'
                    f'{_e(s)}</text></g>')
    y = height - 20 * legend_lines + 10
    body.append(f'<text x="10" y="{y:.0f}" font-size="11">Instruments (a square joins all the parties of a '
                'multilateral instrument; a line joins two states, an arrow where only one is bound toward the '
                'other):</text>')
    body.append(f'<text x="10" y="{y + 20:.0f}" font-size="11">Solid: a treaty; dashed: a doctrine; dotted: a '
                'statement or another instrument that is not a treaty. Only treaties bind as obligations.</text>')
    for i, g in enumerate(gs, 2):
        decided = "; help needs a decision" if g.decisions else ""
        body.append(f'<rect x="10" y="{y + 20 * i - 10:.0f}" width="10" height="10" fill="{colour[g.instrument]}"/>'
                    f'<text x="26" y="{y + 20 * i:.0f}" font-size="11">{_e(g.title)} ({_e(g.instrument)}; '
                    f'{_e(_kind_words(g.kind))}{decided})</text>')
    return _svg(max(width, 520), height, title, body, "network")


# ------------------------------------------------------------------------------------- timeline


def timeline_svg(document: dict) -> str:
    """One lane per instrument: a bar while the state is bound (hatched while suspended), a tick per event."""
    lanes = document.get("lanes", [])
    rows = document.get("rows", [])
    title = f"Commitments of {document.get('name') or document.get('state')} over time"
    if not lanes:
        return _svg(420, 60, title, ['<text x="10" y="30" font-size="12">No instrument lists this state.</text>'],
                    "timeline")
    days = [dt.date.fromisoformat(r["date"]) for r in rows]
    for lane in lanes:
        for span in lane["bound"] + lane["suspended"]:
            days.append(dt.date.fromisoformat(span["from"]))
            if span["until"]:
                days.append(dt.date.fromisoformat(span["until"]))
    end = max(days + [dt.date.today()])
    start = min(days)
    start = dt.date(start.year - start.year % 5, 1, 1)
    end = dt.date(end.year + 1, 1, 1)
    plot_w, lane_h, top = 620.0, 28.0, 30.0
    # room for the longest lane label (11 px text, about 6.2 px a character), so none is cut at the left edge
    label_w = max([300.0] + [16 + 6.2 * len(f'{lane["instrument_title"]} ({lane["role"]})') for lane in lanes])
    span_days = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return label_w + (day - start).days / span_days * plot_w

    height = top + lane_h * len(lanes) + 54
    body: list[str] = []
    for year in range(start.year, end.year + 1, 5 if end.year - start.year <= 60 else 10):
        gx = x(dt.date(year, 1, 1))
        body.append(f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{height - 48:.1f}" stroke="#dddddd"/>'
                    f'<text x="{gx:.1f}" y="{height - 34:.1f}" font-size="10" text-anchor="middle">{year}</text>')
    for i, lane in enumerate(lanes):
        y = top + i * lane_h
        treaty = lane["instrument_kind"] == "treaty"
        period = lane.get("period") or "bound"
        body.append(f'<text x="{label_w - 8:.0f}" y="{y + 15:.1f}" font-size="11" text-anchor="end">'
                    f'{_e(lane["instrument_title"])} ({_e(lane["role"])})</text>')
        for span in lane["bound"]:
            a = x(dt.date.fromisoformat(span["from"]))
            b = x(dt.date.fromisoformat(span["until"])) if span["until"] else x(end)
            until = span["until"]
            if period == "bound":
                words = f'bound from {span["from"]}{" until " + until if until else ", still bound"}'
            else:
                words = f'{period}: from {span["from"]}{" until " + until if until else ", to this day"}'
            if any(u["from"] == span["from"] for u in lane.get("unconfirmed", [])):
                words += " (the start is not confirmed)"
            fill = ' fill="#4a78a8"' if treaty else ' fill="#d9d0ee" stroke="#6a51a3" stroke-dasharray="2 2"'
            body.append(f'<g class="span" data-kind="{_e(lane["instrument_kind"])}">'
                        f'<title>{_e(lane["instrument_title"])}: {_e(words)}</title>'
                        f'<rect x="{a:.1f}" y="{y + 4:.1f}" width="{max(b - a, 2):.1f}" height="14"{fill}/></g>')
        for span in lane["suspended"]:
            a = x(dt.date.fromisoformat(span["from"]))
            b = x(dt.date.fromisoformat(span["until"])) if span["until"] else x(end)
            body.append(f'<g class="span"><title>suspended from {span["from"]}</title>'
                        f'<rect x="{a:.1f}" y="{y + 4:.1f}" width="{max(b - a, 2):.1f}" height="14" '
                        'fill="#ffffff" stroke="#4a78a8" stroke-dasharray="3 2"/></g>')
        for span in lane.get("unconfirmed", []):  # the day it began to apply is not confirmed
            a = x(dt.date.fromisoformat(span["from"]))
            b = x(dt.date.fromisoformat(span["until"])) if span["until"] else x(end)
            body.append(f'<g class="span unconfirmed"><title>{_e(lane["instrument_title"])}: '
                        f'{_e(span["note"])}</title>'
                        f'<rect x="{a:.1f}" y="{y + 4:.1f}" width="{max(b - a, 2):.1f}" height="14" '
                        'fill="#ffffff" fill-opacity="0.65" stroke="#333333" stroke-dasharray="4 2"/>'
                        f'<text x="{a + 3:.1f}" y="{y + 15:.1f}" font-size="10" font-weight="bold">?</text></g>')
        for r in rows:
            if r["instrument"] == lane["instrument"]:
                tx = x(dt.date.fromisoformat(r["date"]))
                who = ", ".join(r["who"]) or "the instrument"
                body.append(f'<g class="event"><title>{_e(r["date"])}: {_e(who)} {_e(r["event"])} '
                            f'({_e(r["direction"])}): {_e(r["note"])}</title>'
                            f'<line x1="{tx:.1f}" y1="{y + 1:.1f}" x2="{tx:.1f}" y2="{y + 21:.1f}" '
                            'stroke="#111111" stroke-width="1.5"/></g>')
    body.append(f'<text x="{label_w:.0f}" y="{height - 18:.0f}" font-size="10">solid bar: bound by a treaty; light '
                'bar with a dotted edge: a declared intention or another commitment that is not a treaty '
                'obligation</text>')
    body.append(f'<text x="{label_w:.0f}" y="{height - 4:.0f}" font-size="10">"?" and a dashed outline: the start '
                'is not confirmed; outlined dashed: suspended; tick: a recorded event (see the table)</text>')
    return _svg(label_w + plot_w + 20, height, title, body, "timeline")
