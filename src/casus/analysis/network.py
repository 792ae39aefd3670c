"""Who is bound to assist whom on a date: the alliance network.

:func:`network_on` gives one directed :class:`Edge` ``party -> beneficiary``
for every provision whose duty matches, where on that day the instrument is
in force, the beneficiary is a party and the bound party is a party, neither
suspended nor with its obligations toward the beneficiary suspended.  These
are the same tests the engine applies to a finding (``in_force_step`` and
``membership_step`` in :mod:`casus.engine.evaluate`), reused here as they are;
only the trigger condition is left out, since no scenario is given.

Who is bound follows the provision: ``others`` (every other party),
``{others-among: [...]}`` (those states but the beneficiary) or an explicit
list; the beneficiary is each party in turn (``target``) or a fixed state.
Provisions bound to ``aggressors`` or owed to ``aggressors`` (non-aggression
pledges, offensive pledges) depend on who attacks in a scenario, so they
give no edge.  An explicit list that names the beneficiary itself gives no
edge either (a state is not drawn as bound to itself).  A statement's
beneficiary need not be a party to it, as in the engine.

Each edge also says who must decide before help is given, where the
provision names such a decision (``decision``: help is then not automatic,
though the duty is not left to the party's own judgement), and whether it
is ``one_way``: no edge runs back from the beneficiary to the party under
the same instrument on that day (ANZUS toward New Zealand since 1986, and
most statements).

Nothing is cached here across calls: every call reads the corpus afresh for
the day asked.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from casus.engine.evaluate import in_force_on, party_on
from casus.errors import InputError
from casus.language.parties import beneficiaries, bound_parties, serves_aggressor
from casus.model.instrument import Corpus, Instrument, Provision
from casus.model.vocabulary import DUTIES, ONE_SIDED_KINDS

DEFAULT_DUTY = "military-assistance"
ALL_DUTIES = "all"

#: Edge fields in the order the CSV and the graph files give them.  Of the :class:`Edge`'s other
#: fields, ``decision`` is in the graph files on the edges that have one (not in the CSV), and
#: ``one_way`` only on the edge (the graph files are directed already).
FIELDS = ("party", "beneficiary", "instrument", "instrument_kind", "instrument_title", "article",
          "provision", "duty", "modality", "discretionary")


class Edge(NamedTuple):
    """``party`` is bound (or permitted, or declared it intends) to act for ``beneficiary``.

    A named tuple rather than a frozen dataclass: a network on one day has
    thousands of edges, and a frozen dataclass sets each field through
    ``object.__setattr__``, which made building the edges most of the time
    the network took (3 us an edge against under 1 us).
    """

    party: str
    beneficiary: str
    instrument: str
    instrument_kind: str  # treaty, doctrine or statement
    instrument_title: str  # the instrument's short title
    article: str
    provision: str
    duty: str
    modality: str  # must, may or intends
    discretionary: bool
    decision: str | None = None  # who must decide before help is given, and can withhold it (the provision's)
    one_way: bool = False  # no edge runs back from the beneficiary to the party under this instrument that day

    def to_dict(self) -> dict:
        return self._asdict()


def check_duty(duty: str) -> str | None:
    """The duty to select, ``None`` for every duty (``all``); :class:`InputError` for an unknown one."""
    if duty == ALL_DUTIES:
        return None
    if duty in DUTIES:
        return duty
    from casus.suggest import hint

    raise InputError(f"unknown duty '{duty}'", field="duty", hint=hint(duty, [*DUTIES, ALL_DUTIES]))


def _selected(inst: Instrument, wanted: str | None) -> list[Provision]:
    return [p for p in inst.provisions
            if (wanted is None or p.duty == wanted)
            and not serves_aggressor(p)]


def network_on(corpus: Corpus, day: dt.date, duty: str = DEFAULT_DUTY) -> list[Edge]:
    """Every edge ``party -> beneficiary`` on ``day`` for provisions with ``duty`` (``"all"``: any).

    Edges come in corpus order (treaties, doctrines, statements), then by
    provision, beneficiary and bound party as the treaty file lists them.
    """
    wanted = check_duty(duty)
    edges: list[Edge] = []
    append = edges.append
    for inst in corpus.instruments:
        provisions = _selected(inst, wanted)
        if not provisions or not in_force_on(inst, day):
            continue
        statement = inst.kind in ONE_SIDED_KINDS
        # Who is a party, not suspended, on the day.  Only a party with obligations
        # suspended toward someone needs asking again for each beneficiary (below).
        active = {s for s in inst.parties if party_on(inst, s, day)}
        selective = {s for s, p in inst.parties.items() if p.suspended_toward and s in active}
        owed: dict[str, bool] = {}
        found: list[tuple] = []  # (party, beneficiary, fields) under this instrument, made into edges below
        for prov in provisions:
            fields = (inst.id, inst.kind, inst.short_title, prov.article, prov.id, prov.duty, prov.modality,
                      prov.discretion.discretionary, prov.decision.by if prov.decision else None)
            for beneficiary in beneficiaries(prov, inst.parties, None):
                ok = owed.get(beneficiary)
                if ok is None:
                    ok = owed[beneficiary] = (
                        (statement and beneficiary not in inst.parties)
                        or party_on(inst, beneficiary, day))
                if not ok:
                    continue
                for party in bound_parties(prov, inst.parties, beneficiary, keep_self=False):
                    if party not in active:
                        continue
                    if party in selective and not party_on(inst, party, day, beneficiary):
                        continue
                    found.append((party, beneficiary, fields))
        linked = {(party, beneficiary) for party, beneficiary, _ in found}
        for party, beneficiary, fields in found:  # one way: nothing runs back under this instrument
            append(Edge(party, beneficiary, *fields, (beneficiary, party) not in linked))
    return edges


def to_networkx(edges: list[Edge], day: dt.date | None = None, duty: str | None = None):
    """The edges as a :class:`networkx.MultiDiGraph`: states as nodes, one keyed edge per provision.

    Edge keys are ``instrument/provision``; edge attributes are the
    :data:`FIELDS` but ``party`` and ``beneficiary``, and ``decision`` on the
    edges whose provision needs one; the graph carries ``on`` and ``duty``
    when given.  Every value is text or a boolean, so the graph can be
    written as GraphML.
    """
    from casus.errors import need

    nx = need("networkx", "graphs", "the network as a graph")

    G = nx.MultiDiGraph()
    if day is not None:
        G.graph["on"] = day.isoformat()
    if duty is not None:
        G.graph["duty"] = duty
    for edge in edges:
        for state in (edge.party, edge.beneficiary):
            if state not in G:
                G.add_node(state, label=state)
        attrs = {name: getattr(edge, name) for name in FIELDS[2:]}
        if edge.decision is not None:
            attrs["decision"] = edge.decision
        G.add_edge(edge.party, edge.beneficiary, key=f"{edge.instrument}/{edge.provision}", **attrs)
    return G


def summary(edges: list[Edge], day: dt.date, duty: str) -> str:
    """One line: how many edges, states and instruments."""
    states = {e.party for e in edges} | {e.beneficiary for e in edges}
    instruments = {e.instrument for e in edges}
    what = "any duty" if duty == ALL_DUTIES else f"duty {duty}"
    return (f"{len(edges)} edge(s) among {len(states)} state(s) from {len(instruments)} instrument(s) "
            f"on {day.isoformat()} ({what}; provisions bound to or owed to aggressors are left out)")
