"""Cascade analysis: how far a scenario's obligations spread through the alliance network.

Round 0 is the scenario itself: the target on the target's side, the
aggressors on the other.  Round 1 evaluates the scenario; every state with a
triggered (or undetermined) duty of military assistance toward a member of a
side joins that side, and every state with an offensive pledge toward an
aggressor joins the aggressor's side.

Later rounds exist only under ``escalation="reciprocal"``: each state that
joined in the previous round is assumed to come under the same kind of event
from the other side, on its own territory, evaluated like the original one,
so its own allies can be drawn in.  Under ``"none"`` only the original event
is evaluated.  The assumption is stated in the result; nothing in later
rounds is a finding about the world.
"""

from __future__ import annotations

import dataclasses

from casus.engine.evaluate import evaluate, in_force_on, party_on
from casus.errors import InputError
from casus.language.parties import may_bind
from casus.model import citation
from casus.model.cascade import Cascade, Conflict, Join, Via
from casus.model.finding import Finding
from casus.model.instrument import Corpus
from casus.model.scenario import NON_STATE, Scenario

ESCALATIONS = ("none", "reciprocal")
JOIN_DUTIES = ("military-assistance", "offensive-support")
BINDING, DECISION, DISCRETIONARY = 0, 1, 2  # how a route binds, strongest first


def strength(finding: Finding) -> int:
    """A treaty obligation not left to the party's judgement is binding, unless it needs a decision that
    a named body or leaders can withhold; everything else (discretion, declared intent, other kinds) is
    discretionary."""
    p = finding.provision
    if finding.instrument.kind != "treaty" or p.modality != "must" or p.discretion.discretionary:
        return DISCRETIONARY
    return DECISION if p.decision is not None else BINDING
# a declaration states commitments that are not treaty obligations: it never draws a state to a side
NEVER_JOIN_KINDS = ("declaration",)
_PLACE_FACTS = ("at-is-target-territory", "in-scope:")


def assumption_text(escalation: str, scenario: Scenario) -> str:
    what = scenario.event
    if escalation == "none":
        return (f"escalation none: only the original {what} on {scenario.target} is evaluated; no state "
                f"that joins a side is assumed to be attacked in turn.")
    return (f"escalation reciprocal (an assumption, not a finding): each state that joins a side is assumed "
            f"to come under the same {what} from the states of the other side, on its own territory, on "
            f"{scenario.on}, with the same weapon and the same facts; the original aggressors are not "
            f"assumed to be attacked.")


def cascade(corpus: Corpus, scenario: Scenario, escalation: str = "none", depth: int | None = None,
            binding_only: bool = False, gazetteer=None) -> Cascade:
    """Run the cascade from ``scenario``; ``depth`` limits the number of rounds after round 0."""
    if escalation not in ESCALATIONS:
        raise InputError(f"unknown escalation '{escalation}'", field="escalation",
                         hint=f"use one of: {', '.join(ESCALATIONS)}")
    if depth is not None and depth < 1:
        raise InputError(f"the depth must be at least 1, got {depth}", field="depth",
                         hint="give the number of rounds to follow, 1 or more")
    if gazetteer is None:
        from casus.geo import Gazetteer

        gazetteer = Gazetteer.default()
    run = _Run(corpus, scenario, binding_only, gazetteer)
    limit = depth if depth is not None else (1 if escalation == "none" else 10_000)
    pending = [scenario]
    round_no = 0
    truncated = False
    while pending:
        if round_no >= limit:
            truncated = escalation == "reciprocal"
            break
        round_no += 1
        joined = run.round(round_no, pending)
        if escalation == "none" or not joined:
            break
        pending = [run.counter_attack(j) for j in joined]
    run.non_aggression()
    return Cascade(escalation, assumption_text(escalation, scenario), depth, binding_only,
                   tuple(tuple(r) for r in run.rounds), tuple(run.conflicts), truncated, run.left_out,
                   NON_STATE in scenario.by, run.mutual, run.left_out_decision)


class _Run:
    def __init__(self, corpus: Corpus, scenario: Scenario, binding_only: bool, gazetteer):
        self.corpus = corpus
        self.scenario = scenario
        self.binding_only = binding_only
        self.gazetteer = gazetteer
        self.joins: dict[str, Join] = {}
        self.parent: dict[str, str | None] = {}
        self.rounds: list[list[Join]] = []
        self.conflicts: list[Conflict] = []
        self._cycles: set[frozenset] = set()
        self._both: set[str] = set()
        self.left_out = 0
        self.left_out_decision = 0
        self.mutual = 0
        self.size = {inst.id: len(inst.parties) for inst in corpus.instruments}
        first = [self._given(scenario.target, "target")]
        first += [self._given(s, "aggressor") for s in scenario.by if s != NON_STATE]
        self.rounds.append(first)

    def _given(self, state: str, side: str) -> Join:
        join = Join(state, side, 0, None, "triggered", True)
        self.joins[state] = join
        self.parent[state] = None
        return join

    def round(self, number: int, scenarios: list[Scenario]) -> list[Join]:
        """Evaluate each scenario; the states drawn in join in this round."""
        candidates: dict[str, list[tuple[str, Finding, bool]]] = {}
        chains: dict[str, list[str]] = {}
        for sc in scenarios:
            answer = evaluate(self.corpus, sc, self.gazetteer, duties=JOIN_DUTIES)
            for finding in answer.findings:
                if finding.status == "not-triggered" or finding.instrument.kind in NEVER_JOIN_KINDS:
                    continue
                beneficiary = self.joins.get(finding.beneficiary)
                if beneficiary is None:
                    continue
                binding = strength(finding)
                if self.binding_only and binding != BINDING:
                    if binding == DECISION:
                        self.left_out_decision += 1
                    else:
                        self.left_out += 1
                    continue
                known = self.joins.get(finding.party)
                if known is not None and known.side == beneficiary.side:
                    chain = chains.get(finding.beneficiary)
                    if chain is None:
                        chain = chains[finding.beneficiary] = self._ancestors(finding.beneficiary)
                    if finding.party in chain:
                        self._cycle(finding.party, chain, finding)
                    continue
                candidates.setdefault(finding.party, []).append((beneficiary.side, finding, binding))
        new: list[Join] = []
        for state in sorted(candidates):
            routes = [(side, _via(f), binding, f.beneficiary) for side, f, binding in candidates[state]]
            known = self.joins.get(state)
            if known is not None:  # drawn to the side it is not on
                self._both_sides(state, known, *[r[1] for r in routes])
                continue
            if len({r[0] for r in routes}) > 1:
                self._both_sides(state, None, *[r[1] for r in routes])
            # the strongest route: binding, then triggered, then a treaty over other kinds, then the
            # most specific instrument
            best = min(routes, key=lambda r: (self._chain_strength(r), self._chain_status(r) != "triggered",
                                              r[0] != "target", r[1].kind != "treaty",
                                              self.size[r[1].instrument], r[1].instrument))
            side, via = best[0], best[1]
            chain = self._chain_strength(best)
            join = Join(state, side, number, via, self._chain_status(best), chain == BINDING,
                        tuple(r[1] for r in routes if r is not best and r[0] == side), chain == DECISION)
            new.append(join)
        for join in new:
            self.joins[join.state] = join
            self.parent[join.state] = join.via.beneficiary
        if new:
            self.rounds.append(new)
        return new

    def _chain_status(self, route) -> str:
        via, beneficiary = route[1], route[3]
        ok = via.status == "triggered" and self.joins[beneficiary].status == "triggered"
        return "triggered" if ok else "undetermined"

    def _chain_strength(self, route) -> int:
        """The weakest link back to round 0: binding, needing a decision, or discretionary."""
        parent = self.joins[route[3]]
        return max(route[2], BINDING if parent.binding else DECISION if parent.decision else DISCRETIONARY)

    def counter_attack(self, join: Join) -> Scenario:
        """The assumed event on a state that joined: from the other side, on its own territory."""
        other = [j.state for j in self.joins.values() if j.side != join.side]
        if join.side == "target" and NON_STATE in self.scenario.by:
            other.append(NON_STATE)
        facts = {k: v for k, v in self.scenario.facts.items() if not k.startswith(_PLACE_FACTS)}
        return dataclasses.replace(self.scenario, target=join.state, by=tuple(other), at=None, facts=facts)

    def _ancestors(self, state: str) -> list[str]:
        chain = [state]
        while self.parent.get(chain[-1]) is not None:
            chain.append(self.parent[chain[-1]])
        return chain

    def _cycle(self, state: str, chain: list[str], finding: Finding) -> None:
        """``state`` owes ``chain[0]``, which was drawn in through a chain that passes ``state``."""
        loop = chain[:chain.index(state) + 1]
        if len(loop) <= 2:
            self.mutual += 1  # A joined through B and owes B in turn: every mutual pact does this
            return
        key = frozenset(loop)
        if key in self._cycles:
            return
        self._cycles.add(key)
        via = _via(finding)
        beneficiary = chain[0]
        path = " -> ".join(reversed(loop)) + f" -> {state}"
        self.conflicts.append(Conflict(
            "cycle", tuple(reversed(loop)),
            f"{state} owes {beneficiary} assistance under {via.instrument}, {via.cite}, "
            f"while {beneficiary} was drawn in through a chain that starts at {state}: the obligations "
            f"loop ({path})", (via,)))

    def _both_sides(self, state: str, known: Join | None, *vias: Via) -> None:
        if state in self._both:
            return
        self._both.add(state)
        where = (f"{state} is on the {known.side} side (round {known.round}) and is also drawn to the other"
                 if known else f"{state} is drawn to both sides in the same round")
        routes = "; ".join(f"{v.instrument}, {v.cite} toward {v.beneficiary}" for v in vias)
        self.conflicts.append(Conflict("both-sides", (state,), f"{where}: {routes}",
                                       tuple(vias) + ((known.via,) if known and known.via else ())))

    def non_aggression(self) -> None:
        """Report every state bound by a non-aggression pledge toward a state on the other side."""
        day = self.scenario.on
        sides = {name: [j.state for j in self.joins.values() if j.side == name] for name in ("target", "aggressor")}
        seen: set[tuple] = set()
        for name, members in sides.items():
            others = set(sides["aggressor" if name == "target" else "target"])
            for state in members:
                for inst in self.corpus.by_state.get(state, ()):
                    pledges = [p for p in inst.provisions if p.duty == "non-aggression"]
                    if not pledges or not in_force_on(inst, day) or not party_on(inst, state, day):
                        continue
                    for other in sorted(others):
                        key = (inst.id, frozenset((state, other)))
                        if key in seen or other not in inst.parties or not party_on(inst, other, day):
                            continue
                        p = next((p for p in pledges if may_bind(p, state)), None)
                        if p is not None:
                            seen.add(key)
                            via = Via(inst.id, inst.kind, p.article, p.id, other, p.duty, p.modality,
                                      p.discretion.code, "triggered")
                            self.conflicts.append(Conflict(
                                "non-aggression", (state, other),
                                f"{state} ({name} side) and {other} (other side) are both parties to "
                                f"{inst.id}, whose {citation.article(p.article)} pledges them not to use force against "
                                f"each other", (via,)))


def _via(finding: Finding) -> Via:
    p = finding.provision
    return Via(finding.instrument.id, finding.instrument.kind, p.article, p.id, finding.beneficiary,
               p.duty, p.modality, p.discretion.code, finding.status, finding.missing, finding.caveats,
               p.decision.by if p.decision else None)
