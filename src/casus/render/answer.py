"""Render an :class:`~casus.model.finding.Answer` for a terminal.

Findings that differ only by the bound party are shown as one row listing
the parties, so a NATO scenario reads as a handful of rows, not ninety.
Treaty obligations and declared intentions (statements, doctrines) are
printed in separate sections so that one is never mistaken for the other.
"""

from __future__ import annotations

from collections import OrderedDict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from casus.language import duties
from casus.model import citation
from casus.model.finding import Answer, Finding
from casus.model.scenario import given
from casus.model.vocabulary import CONFIDENCE_SHORT, INTENTION_KINDS, KINDS

STATUS_STYLE = {"triggered": "bold green", "undetermined": "bold yellow", "not-triggered": "dim"}
MARK = {True: ("✓", "green"), False: ("✗", "red"), None: ("?", "yellow")}
ORDER = {"triggered": 0, "undetermined": 1, "not-triggered": 2}
_PER_PARTY = ("membership", "self-aggressor", "target-aggressor")  # trace steps that differ by bound party


def group(findings) -> list[list[Finding]]:
    """Group findings that say the same thing for different bound parties."""
    groups: "OrderedDict[tuple, list[Finding]]" = OrderedDict()
    for f in findings:
        shared = tuple((s.result, s.text) for s in f.trace if s.kind not in _PER_PARTY)
        # a per-party step that fails, by what it says (not a party on the date ...), not by its dates
        failed = tuple((s.kind, s.get("case"), s.get("role")) for s in f.trace
                       if s.kind in _PER_PARTY and not s.result)
        key = (f.instrument.id, f.provision.id, f.beneficiary, f.status, f.missing, shared, failed,
               f.caveats)
        groups.setdefault(key, []).append(f)
    return sorted(groups.values(), key=lambda g: (ORDER[g[0].status], g[0].instrument.kind != "treaty",
                                                   g[0].instrument.id, g[0].provision.line))


def _who(fs: list[Finding]) -> str:
    return fs[0].party if len(fs) == 1 else "each of them"


def _parties(fs: list[Finding]) -> str:
    names = [f.party for f in fs]
    return ", ".join(names) if len(names) <= 6 else f"{len(names)} parties: " + ", ".join(names)


def render(answer: Answer, console: Console, why: bool = False) -> None:
    sc = answer.scenario
    by = ", ".join(sc.by) if sc.by else "not given"
    facts = ", ".join(given(sc.facts))
    console.print(Text.assemble(("Scenario ", "bold"),
                                f"{sc.event} on {sc.target} at {sc.place} on {sc.on.isoformat()}; "
                                f"by: {by}; weapon: {sc.weapon}" + (f"; facts: {facts}" if facts else "")))
    treaty = [f for f in answer.findings if f.instrument.kind == "treaty"]
    declared = [f for f in answer.findings if f.instrument.kind != "treaty"]
    if not answer.findings:  # the notes say why: no instrument lists the target, or a filter kept nothing
        for note in answer.notes:
            console.print(Text(f"Note: {note}", style="italic"))
        return
    _section(console, "Treaty obligations and permissions", treaty, why, sc.on)
    _section(console, declared_title(declared), declared, why, sc.on)
    for note in answer.notes:
        console.print(Text(f"Note: {note}", style="italic"))
    console.print(tally(answer.findings) + "." + ("" if why else " Add --why for the conditions and sources."))


def tally(findings) -> str:
    """The findings counted by status, treaty obligations apart from the rest when there are both.

    One number for both would count a declared intention as if it were a treaty obligation.
    """
    def counted(fs) -> str:
        n = {s: sum(1 for f in fs if f.status == s) for s in ORDER}
        return f"{n['triggered']} triggered, {n['undetermined']} undetermined, {n['not-triggered']} not triggered"

    treaty = [f for f in findings if f.instrument.kind == "treaty"]
    declared = [f for f in findings if f.instrument.kind != "treaty"]
    if treaty and declared:
        return (f"Treaty obligations and permissions: {counted(treaty)}; not treaty obligations: "
                f"{counted(declared)} (one finding per bound party)")
    return f"{counted(findings)} (one finding per bound party)"


def declared_title(findings) -> str:
    """The heading of the findings that are not treaty obligations, naming the kinds among them."""
    title = "Declared intentions and doctrine (not treaty obligations)"
    present = {f.instrument.kind for f in findings}
    kinds = [kind.replace("-", " ") + "s" for kind in KINDS  # the other commitments: executive agreements, ...
             if kind != "treaty" and kind not in INTENTION_KINDS and kind in present]
    if not kinds:
        return title
    return f"{title}, including {' and '.join([', '.join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds)}"


def frozen(fs: list[Finding], day) -> list[str]:
    """The states of a group of findings whose participation is described as frozen on ``day``."""
    parties = fs[0].instrument.parties
    states = dict.fromkeys([*(f.party for f in fs), fs[0].beneficiary])
    return [s for s in states if s in parties and parties[s].frozen_on(day)]


#: The confidence marks the table points out (C2+, two independent sources agreeing, is not remarked).
WEAK = {mark: words for mark, words in CONFIDENCE_SHORT.items() if mark != "C2+"}

#: Below this console width the answer is given finding by finding, not as a table (whose columns would not fit).
NARROW = 72


def _section(console: Console, title: str, findings: list[Finding], why: bool, day) -> None:
    if not findings:
        return
    groups = group(findings)
    table = Table(title=title, title_justify="left", expand=False)
    # no text is ever cut off: on a narrow console a long word (an instrument id) is folded onto the next line
    table.add_column("#", justify="right")
    longest = max((len(name) for fs in groups for name in fs[0].missing), default=0)
    table.add_column("status", min_width=13, max_width=max(13, longest), overflow="fold")  # as wide as a fact name
    table.add_column("party → beneficiary", max_width=34, overflow="fold")
    table.add_column("commitment", overflow="fold")
    table.add_column("instrument, article", overflow="fold")
    rows = []
    for n, fs in enumerate(groups, 1):
        f = fs[0]
        status = Text(f.status, style=STATUS_STYLE[f.status])
        if f.missing:
            status.append("\nmissing:" + "".join(f"\n{name}" for name in f.missing), style="yellow")  # a name a line
        commitment = Text(f"{f.modality} {f.duty}", style="bold")
        commitment.append(f"\n{duties.sentence(_who(fs), f.modality, f.duty, f.beneficiary)}")
        commitment.append(f"\n{f.discretion.code}" + (" (discretionary)" if f.discretion.discretionary else ""),
                          style="dim")
        for step in duties.needs(f.provision):
            commitment.append(f"\nneeds: {step}", style="italic")
        if f.provision.decision:
            d = f.provision.decision
            commitment.append(f"\nnot automatic: a decision by {d.by}"
                              + (" (documented practice)" if d.basis == "practice" else ""), style="bold italic")
        where = Text(f"{f.instrument.id}, {_article(f)}\n{f.provision.title}")
        if f.provision.confidence in WEAK:
            c = f.provision.confidence
            where.append(f"\nconfidence {c} ({WEAK[c]})", style="yellow")
        if f.provision.readings:
            where.append(f"\n{reading_label(f.provision)}", style="magenta")
        if f.practice:
            where.append(f"\n{practice_line(f.practice)}", style="cyan")
        who = Text(f"{_parties(fs)} → {f.beneficiary}")
        for state in frozen(fs, day):
            who.append(f"\n{state}: participation\ndescribed as frozen\n(see --why)", style="yellow")  # short lines
        rows.append((str(n), status, who, commitment, where))
    if console.width < NARROW:  # five columns do not fit: each finding as a block of lines, nothing cut
        console.print(Text(title, style="italic"))
        from rich.padding import Padding

        for number, status, *cells in rows:
            first, *missing = status.split("\n")
            console.print(Text(f"{number}. ").append_text(first))
            body = Text("\n").join([*missing, *cells])
            console.print(Padding(body, (0, 0, 0, 3), expand=False))  # a long line wraps indented
    else:
        for row in rows:
            table.add_row(*row)
        console.print(table)
    if why:
        for n, fs in enumerate(groups, 1):
            console.print(_why(n, fs))


def practice_line(records) -> str:
    """One short line on how the provision was used: ``invoked: 2001-09-12 (North Atlantic Council)``."""
    def one(r) -> str:
        return f"{r.kind}: {r.date.isoformat()} ({r.actors()})"

    if len(records) <= 2:
        return "; ".join(one(r) for r in records)
    kinds = ", ".join(dict.fromkeys(r.kind for r in records))
    return f"practice: {len(records)} records, {records[0].date.isoformat()} to {records[-1].date.isoformat()}: {kinds}"


def reading_label(p) -> str:
    """Which reading of a contested provision a finding was made under."""
    r = p.reading_applied
    others = ", ".join(o.name for o in p.readings if o is not r)
    return f"reading: {r.name}" + (" (default)" if r.default else "") + f"; contested, also: {others}"


def _article(f: Finding) -> str:
    return citation.article(f.article, f.provision.article_confirmed)


def _why(n: int, fs: list[Finding]) -> Text:
    f = fs[0]
    text = Text()
    text.append(f"[{n}] {citation.where(f.instrument.short_title, f.article, confirmed=f.provision.article_confirmed)}: "
                f"{_parties(fs)} → {f.beneficiary}: ", style="bold")
    text.append(f.status + "\n", style=STATUS_STYLE[f.status])
    for step in f.trace:
        mark, style = ("–", "dim") if step.moot else MARK[step.result]
        text.append(f"  {mark} ", style=style)
        text.append(f"{step.text}  ")
        text.append(f"[{step.cite}]\n", style="dim")
    apart = [s for g in fs for s in g.trace if s.kind in _PER_PARTY and not s.result]
    if len({s.text for s in apart}) > 1:  # grouped by what fails; each party's own step, with its dates
        text.append("  for each party:\n", style="bold")
        for step in apart:
            text.append(f"    {MARK[False][0]} ", style=MARK[False][1])
            text.append(f"{step.text}\n")
    if f.provision.procedure:
        text.append("  procedure before help:\n", style="bold")
        for step in f.provision.procedure:
            text.append(f"    • {' '.join(step.text.split())}" + (f" [{citation.article(step.cite)}]" if step.cite else "")
                        + "\n")
    if f.discretion.wording:
        text.append(f"  wording: “{f.discretion.wording}” ({f.discretion.code}, "
                    + ("discretionary" if f.discretion.discretionary else "binding") + ")\n", style="dim")
    r = f.provision.reading_applied
    if r is not None:
        text.append(f"  read as '{r.name}', held by {' '.join(r.held_by.split())}: ", style="magenta")
        text.append(r.text + "\n")
        if r.default:
            text.append(f"  default because: {r.default_because}\n", style="dim")
    for caveat in f.caveats + f.provision.caveats:
        text.append(f"  note: {' '.join(caveat.split())}\n", style="italic")
    text.append(f"  confidence {f.provision.confidence}; sources: ", style="dim")
    text.append("; ".join(s.url or s.title for s in f.sources[:3]) + "\n", style="dim")
    return text
