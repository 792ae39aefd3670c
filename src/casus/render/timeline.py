"""Render a state's timeline (``casus timeline``): a terminal table, CSV, JSON and a chart.

The chart has one horizontal lane per instrument: a bar for each period the
state was bound (for a named beneficiary only: owed; for a statement or a
doctrine, the period its declared intention applies, which binds no one),
hatched overlays where its participation was suspended or obligations
toward or by it were suspended, a washed-out dashed overlay where the day
the instrument began to apply is not confirmed, and markers for the dated
events, in three rows per lane: the instrument's lifecycle on top, the
state's own events in the middle, other parties' events that change what it
receives below.
"""

from __future__ import annotations

import datetime as dt

from casus.analysis.timeline import BINDING_EVENTS, GAVE, INSTRUMENT, PRACTICE, RECEIVED, Row, Timeline

CSV_FIELDS = ("date", "instrument", "instrument_kind", "event", "who", "direction", "toward",
              "note", "detail", "sources")

DIRECTION_STYLE = {GAVE: "cyan", RECEIVED: "green", INSTRUMENT: "dim", PRACTICE: "magenta"}


# -- text ------------------------------------------------------------------------------------


def to_csv(tl: Timeline) -> str:
    """One row per event (the document every interface serves: :func:`casus.service.documents.timeline_csv`)."""
    from casus.service.documents import timeline_csv

    return timeline_csv(tl)


def to_json(tl: Timeline) -> str:
    from casus.service.documents import dumps

    return dumps(tl.to_dict())


def _window(tl: Timeline) -> str:
    if tl.start and tl.end:
        return f"from {tl.start.isoformat()} until {tl.end.isoformat()} (exclusive)"
    if tl.start:
        return f"from {tl.start.isoformat()}"
    if tl.end:
        return f"until {tl.end.isoformat()} (exclusive)"
    return "all dates"


def _who(r: Row) -> str:
    if not r.who:
        return "—"
    if len(r.who) > 8:
        return f"{len(r.who)} states: " + ", ".join(r.who)
    return ", ".join(r.who)


def render_table(tl: Timeline, console) -> None:
    from rich.table import Table
    from rich.text import Text

    if not tl.rows and not tl.lanes:
        console.print(f"{tl.name} ({tl.state}) is neither a party to nor a named beneficiary of any instrument "
                      f"in the corpus ({_window(tl)}).")
        return
    title = f"{tl.name} ({tl.state}): commitments given and received, {_window(tl)}"
    if not tl.rows:
        console.print(title)
        console.print("No dated event in this window. The state is bound (or owed) in it under: "
                      + "; ".join(lane.instrument_title for lane in tl.lanes) + ".")
        return
    table = Table(title=title, title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("instrument", overflow="fold", max_width=34)
    table.add_column("event", overflow="fold")
    table.add_column("who", overflow="fold", max_width=30)
    table.add_column("direction", no_wrap=True)
    table.add_column("note", overflow="fold", min_width=16)
    table.add_column("sources", overflow="fold", max_width=28)
    for r in tl.rows:
        event = r.event + (f" → {r.toward}" if r.toward else "")
        table.add_row(r.date.isoformat(), r.instrument_title, event, _who(r),
                      Text(r.direction, style=DIRECTION_STYLE[r.direction]), r.note,
                      Text(", ".join(s.key for s in r.sources), style="dim"))
    console.print(table)
    console.print(Text(f"{len(tl.rows)} event(s) over {len(tl.lanes)} instrument(s). The treaty files' own "
                       "notes and the source titles are in --json and --csv.", style="dim"))


# -- the chart -------------------------------------------------------------------------------

KIND_COLOUR = {"treaty": "#4C72B0", "executive-agreement": "#55A868", "declaration": "#C44E52",
               "unilateral-act": "#937860", "doctrine": "#DD8452", "statement": "#8172B3"}
MARKERS = {  # direction -> (y offset in the lane, marker, face colour, edge colour, legend label)
    INSTRUMENT: (0.2, "D", "#F2C94C", "#333333", "the instrument (signed, in force, amended, ended)"),
    GAVE: (0.0, "^", "#111111", "#111111", "the state's own event (gave)"),
    RECEIVED: (-0.2, "o", "#FFFFFF", "#111111", "another party's event (received)"),
    PRACTICE: (-0.35, "*", "#C0392B", "#C0392B", "the record of practice (invoked, requested, decided)"),
}
#: what a bar of each kind is, for the legend: only a treaty binds
KIND_LEGEND = {"treaty": "bound: treaty", "statement": "declared intention: statement (binds no one)",
               "doctrine": "declared intention: doctrine (not a treaty obligation)"}
_SHORT = {"withdrawal-notified": "notice", "participation-frozen": "frozen", "in-force": "in force",
          "obligations-suspended": "obligations suspended", "obligations-restored": "obligations restored"}


def _label(r: Row, inst_kind: str) -> str:
    if r.direction == INSTRUMENT:
        if r.event == "signed":
            return {"doctrine": "adopted", "statement": "made"}.get(inst_kind, "signed")
        return _SHORT.get(r.event, r.event)
    event = _SHORT.get(r.event, r.event)
    if r.toward and r.event.startswith("obligations-"):
        event = event.replace("obligations", f"obligations to {r.toward}")
    if r.direction in (GAVE, PRACTICE):
        return event
    who = f"{len(r.who)} states" if len(r.who) > 3 else "+".join(r.who)
    if r.event in BINDING_EVENTS.get(inst_kind, ()):  # another party bound toward the state from that day
        return f"+{who}"
    if r.event == "withdrew":
        return f"−{who}"
    return f"{who} {event}"


def _bounds(tl: Timeline, today: dt.date) -> tuple[dt.date, dt.date]:
    days = [r.date for r in tl.rows]
    for lane in tl.lanes:
        for i in lane.bound:
            days.append(i.start)
            if i.end:
                days.append(i.end)
    first = min(days) if days else today
    last = max(days + [today]) if tl.end is None else tl.end
    start = tl.start or first
    end = tl.end or last
    if tl.start is None:
        start -= dt.timedelta(days=max(30, (end - start).days // 40))
    if tl.end is None:
        end = max(end, start) + dt.timedelta(days=max(30, (end - start).days // 80))
    return start, end


def plot(tl: Timeline, path, today: dt.date | None = None, option: str | None = "--plot"):
    """Draw the timeline chart and save it to ``path`` (.png or .svg); returns the path."""
    from matplotlib import dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from casus.render.graphs import figure_format, new_figure, save_figure

    figure_format(path, option)
    today = today or dt.date.today()
    start, end = _bounds(tl, today)
    lanes = list(tl.lanes)
    height = 2.2 + 0.8 * max(len(lanes), 1)
    fig = new_figure(13, height, dpi=100)
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot()
    n = len(lanes)
    y_of = {lane.instrument: n - k for k, lane in enumerate(lanes)}

    def x(day: dt.date) -> float:
        return mdates.date2num(day)

    def spans(intervals):
        return [(x(i.start), x(i.end or end) - x(i.start)) for i in intervals]

    for lane in lanes:
        y = y_of[lane.instrument]
        colour = KIND_COLOUR.get(lane.instrument_kind, "#4C72B0")
        if lane.role == "party":
            ax.broken_barh(spans(lane.bound), (y - 0.28, 0.56), facecolors=colour, alpha=0.55,
                           edgecolor=colour, linewidth=0.8)
        else:
            ax.broken_barh(spans(lane.bound), (y - 0.28, 0.56), facecolors="white", edgecolor=colour,
                           hatch="///", linewidth=1.0)
        if lane.suspended:
            ax.broken_barh(spans(lane.suspended), (y - 0.28, 0.56), facecolors="#BBBBBB", edgecolor="#555555",
                           hatch="xx", linewidth=0.8)
        if lane.limited:
            ax.broken_barh(spans([i for _, i in lane.limited]), (y - 0.28, 0.56), facecolors="none",
                           edgecolor="#C44E52", hatch="\\\\", linewidth=1.0)
        if lane.caveats:
            ax.broken_barh(spans([i for i, _ in lane.caveats]), (y - 0.28, 0.56), facecolors="none",
                           edgecolor="#555555", hatch="..", linewidth=0.8, linestyle=":")
        if lane.unconfirmed:  # the start is not confirmed: the bar is washed out and outlined dashed
            ax.broken_barh(spans([i for i, _ in lane.unconfirmed]), (y - 0.28, 0.56), facecolors="white",
                           alpha=0.6, edgecolor="none")
            ax.broken_barh(spans([i for i, _ in lane.unconfirmed]), (y - 0.28, 0.56), facecolors="none",
                           edgecolor="#333333", hatch="--", linewidth=1.0, linestyle="--")

    kinds = {lane.instrument: lane.instrument_kind for lane in lanes}
    labels: dict[tuple[str, dt.date], list[str]] = {}
    for r in tl.rows:
        if r.instrument not in y_of:
            continue
        dy, marker, face, edge, _ = MARKERS[r.direction]
        ax.plot([x(r.date)], [y_of[r.instrument] + dy], marker=marker, markersize=6, markerfacecolor=face,
                markeredgecolor=edge, linestyle="none", zorder=3)
        text = _label(r, kinds[r.instrument])
        group = labels.setdefault((r.instrument, r.date), [])
        if text not in group:
            group.append(text)
    # the axes' width in pixels, less the lane names on the left (for the labels' lengths)
    names = max((len(lane.instrument_title) + (19 if lane.role == "beneficiary" else 0) for lane in lanes),
                default=10)
    _place_labels(ax, labels, y_of, start, end, x, axes_px=1300 - 6.3 * names - 60)

    ax.set_xlim(x(start), x(end))
    ax.set_ylim(0.4, n + 0.95)
    ax.set_yticks([y_of[lane.instrument] for lane in lanes])
    ax.set_yticklabels([lane.instrument_title + (" (named beneficiary)" if lane.role == "beneficiary" else "")
                        for lane in lanes], fontsize=9)
    locator = mdates.AutoDateLocator(minticks=5, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    window = f"{start.isoformat()} to {end.isoformat()}"
    ax.set_title(f"{tl.name} ({tl.state}): commitments given and received, {window}", fontsize=12,
                 loc="left")
    if not lanes:
        ax.text(0.5, 0.5, "no instrument lists this state in this window", transform=ax.transAxes,
                ha="center", va="center", color="#555555")

    handles = []
    for kind in sorted({lane.instrument_kind for lane in lanes}, key=list(KIND_COLOUR).index):
        handles.append(Patch(facecolor=KIND_COLOUR[kind], alpha=0.55, edgecolor=KIND_COLOUR[kind],
                             label=KIND_LEGEND.get(kind) or f"committed: {kind.replace('-', ' ')}"))
    if any(lane.role == "beneficiary" for lane in lanes):
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="///",
                             label="named beneficiary: owed (treaty) or named (others)"))
    if any(lane.suspended for lane in lanes):
        handles.append(Patch(facecolor="#BBBBBB", edgecolor="#555555", hatch="xx", label="participation suspended"))
    if any(lane.limited for lane in lanes):
        handles.append(Patch(facecolor="none", edgecolor="#C44E52", hatch="\\\\",
                             label="obligations toward / from the state suspended"))
    if any(lane.caveats for lane in lanes):
        handles.append(Patch(facecolor="none", edgecolor="#555555", hatch="..", label="caveat (e.g. frozen)"))
    if any(lane.unconfirmed for lane in lanes):
        handles.append(Patch(facecolor="#DDDDDD", edgecolor="#333333", hatch="--", linestyle="--",
                             label="start not confirmed (e.g. no entry into force found)"))
    if start <= today < end:
        ax.axvline(x(today), color="#777777", linestyle="--", linewidth=0.8, zorder=0)
        ax.annotate("today", (x(today), 0), xycoords=("data", "axes fraction"), xytext=(-3, 3),
                    textcoords="offset points", ha="right", va="bottom", fontsize=7, color="#555555")
        handles.append(Line2D([], [], color="#777777", linestyle="--", linewidth=0.8,
                              label=f"today ({today.isoformat()}); bars run on while they last"))
    present = {r.direction for r in tl.rows if r.instrument in y_of}
    for direction in (d for d in (INSTRUMENT, GAVE, RECEIVED, PRACTICE) if d in present):
        _, marker, face, edge, text = MARKERS[direction]
        handles.append(Line2D([], [], marker=marker, markerfacecolor=face, markeredgecolor=edge,
                              linestyle="none", label=text))
    fig.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=8, frameon=False)
    return save_figure(fig, path, option)


def _place_labels(ax, labels, y_of, start, end, x, axes_px: float = 900.0) -> None:
    """Write each lane's labels above its bar, on up to three levels, so that no two overlap.

    Labels too close to share the three levels are merged into one, which
    names the years it spans and counts the states it adds or drops
    ("1947–50: signed · ratified · +19 states"); a label that would run past
    the right edge ends at its marker instead.
    """
    span = max(x(end) - x(start), 1.0)
    per_char = span * 5.6 / max(axes_px, 200.0)  # one character of the 7-point label font, in date units
    by_lane: dict[str, list] = {}
    for (instrument, day), texts in labels.items():
        by_lane.setdefault(instrument, []).append((day, list(texts)))
    for instrument, items in by_lane.items():
        placed: list[dict] = []  # each: first, last, texts, level, left, right
        right_edge = [-float("inf")] * 3
        for day, texts in sorted(items, key=lambda item: item[0]):
            label = {"first": day, "last": day, "texts": texts}
            _measure(label, x, per_char, x(end))
            level = next((k for k in range(3) if label["left"] > right_edge[k]), None)
            if level is None:  # no room: merge into the label that ends last, on its level
                label = max(placed, key=lambda p: p["right"])
                label["last"], label["texts"] = day, label["texts"] + texts
                _measure(label, x, per_char, x(end))
                level = label["level"]
            else:
                label["level"] = level
                placed.append(label)
            right_edge[level] = label["right"]
        y = y_of[instrument]
        for label in placed:
            ax.annotate(label["text"], (x(label["first"]), y + 0.3), xytext=(0, 2 + 9 * label["level"]),
                        textcoords="offset points", fontsize=7, ha="right" if label["flush"] else "left",
                        va="bottom", color="#222222", clip_on=True)


def _measure(label: dict, x, per_char: float, right_limit: float) -> None:
    """Set a label's text and the stretch of the axis it covers."""
    label["text"] = _summary(label["first"], label["last"], label["texts"])
    width = per_char * (len(label["text"]) + 1)
    at = x(label["first"])
    label["flush"] = at + width > right_limit  # near the right edge: end the label at its marker
    label["left"] = at - (width if label["flush"] else per_char)
    label["right"] = max(at + (per_char if label["flush"] else width), x(label["last"]) + per_char)


def _summary(first: dt.date, last: dt.date, texts: list[str]) -> str:
    """The words of one label: each event once, states added or dropped counted when there are many."""
    words: list[str] = []
    for text in texts:
        for word in text.split(" · "):
            if word not in words:
                words.append(word)
    plus = [w for w in words if w.startswith("+")]
    minus = [w for w in words if w.startswith("−")]
    rest = [w for w in words if w not in plus and w not in minus]

    def count(items, sign):
        states = sum(len(w.lstrip(sign).split(sign)) if not w.endswith("states") else int(w.split()[0][1:])
                     for w in items)
        return items if len(items) <= 2 else [f"{sign}{states} states"]

    text = " · ".join(rest + count(plus, "+") + count(minus, "−"))
    if last != first:
        years = f"{first.year}–{str(last.year)[-2:]}" if last.year // 100 == first.year // 100 else \
            f"{first.year}–{last.year}"
        text = f"{years}: {text}" if last.year != first.year else text
    return text