"""Evaluate a scenario against a corpus: who must or may act, and why.

For every instrument the target (or an aggressor, for pledges binding
aggressors) is listed in, every provision gives one finding per bound party.
A finding's status combines, in this order: the instrument is in force on
the date; the beneficiary and the bound party are parties on the date (not
suspended); the provision's trigger condition holds.  The first two are
always definite; only the trigger condition can be unknown.

What does not change between scenarios is remembered by an
:class:`Evaluator`, which belongs to one loaded corpus (``corpus.memo``) and
goes away with it; its tables are bounded.  The memo key of a trigger is
derived from the scenario fields its condition reads
(:func:`casus.language.operators.reads`), never listed by hand.
"""

from __future__ import annotations

from operator import attrgetter

from casus.engine import places
from casus.language import operators as ops
from casus.language import steps
from casus.language.parties import beneficiaries, bound_parties, serves_aggressor
from casus.model.dates import date, find
from casus.model.finding import Answer, Finding
from casus.model.instrument import Corpus, Instrument, Provision
from casus.model.scenario import NON_STATE, Scenario
from casus.model.trace import TraceStep
from casus.model.vocabulary import ONE_SIDED_KINDS

LIMIT = 200_000  # entries per memo table; a table that grows past it is cleared

NO_AGGRESSOR = ("No aggressor was given: findings that depend on who acts are undetermined, "
                "and no party is taken to be the aggressor.")


def evaluate(corpus: Corpus, scenario: Scenario, gazetteer=None, duties: tuple[str, ...] | None = None) -> Answer:
    """Every finding for ``scenario``; ``duties`` keeps only provisions with those duties."""
    return evaluator(corpus).answer(scenario, gazetteer, duties)


def evaluator(corpus: Corpus) -> "Evaluator":
    """The corpus's own evaluator (made on first use, kept in ``corpus.memo``)."""
    found = corpus.memo.get("evaluator")
    if found is None:
        found = corpus.memo["evaluator"] = Evaluator(corpus)
    return found


class Evaluator:
    """Evaluates scenarios over one corpus, remembering what does not change between them."""

    def __init__(self, corpus: Corpus, limit: int = LIMIT):
        self.corpus = corpus
        self.limit = limit
        self._triggers: dict[tuple, tuple] = {}
        self._membership: dict[tuple, tuple] = {}
        self._in_force: dict[tuple, TraceStep] = {}
        self._reads: dict[tuple, tuple] = {}
        self._relevant: dict[tuple, tuple] = {}
        self._members: dict[tuple, tuple] = {}

    def clear(self) -> None:
        """Forget every remembered result (what a provision's condition reads is kept: it never changes)."""
        for table in (self._triggers, self._membership, self._in_force, self._relevant, self._members):
            table.clear()

    def size(self) -> int:
        return sum(len(t) for t in (self._triggers, self._membership, self._in_force, self._reads))

    # -- a whole scenario -------------------------------------------------------------
    def answer(self, scenario: Scenario, gazetteer=None, duties=None) -> Answer:
        if gazetteer is None:
            from casus.geo import Gazetteer

            gazetteer = Gazetteer.default()
        place = _place(gazetteer, scenario)
        findings: list[Finding] = []
        for inst, aggressor_side in self._instruments(scenario):
            self._instrument(inst, scenario, place, gazetteer, duties, findings.append, aggressor_side)
        notes = () if scenario.by else (NO_AGGRESSOR,)
        return Answer(scenario, tuple(findings), notes)

    def _instruments(self, sc: Scenario) -> tuple[tuple[Instrument, bool], ...]:
        """The instruments the scenario engages, each with "only its pledges binding or serving aggressors".

        An instrument the target is not in matters only for the pledges that bind
        the aggressors (non-aggression) or serve them (offensive pledges); a
        pledge binding the aggressors that is owed to the parties gives no
        finding then, since the target is none (:meth:`_instrument`).
        """
        key = (sc.target, sc.by)
        found = self._relevant.get(key)
        if found is None:
            by_state = self.corpus.by_state
            relevant = {i.id: (i, False) for i in by_state.get(sc.target, ())}
            for state in sc.by:
                if state != NON_STATE:
                    for i in by_state.get(state, ()):
                        if i.id not in relevant and any(serves_aggressor(p) for p in i.provisions):
                            relevant[i.id] = (i, True)
            found = tuple(relevant.values())
            if len(self._relevant) > 10_000:
                self._relevant.clear()
            self._relevant[key] = found
        return found

    def _instrument(self, inst, sc, place, gazetteer, duties, append, aggressor_side: bool = False) -> None:
        in_force = self.in_force(inst, sc.on)
        # one state's own undertaking (a statement, a unilateral act, a doctrine): a beneficiary need not be a party
        statement = inst.kind in ONE_SIDED_KINDS
        reading = sc.reading
        for prov in inst.provisions:
            if reading is not None and prov.readings:
                prov = prov.read_as(reading)
            if duties is not None and prov.duty not in duties:
                continue
            if aggressor_side and not serves_aggressor(prov):
                continue
            for beneficiary in beneficiaries(prov, inst.parties, sc.target, sc.by):
                if aggressor_side and not statement and prov.bound == "aggressors" and beneficiary not in inst.parties:
                    # a pledge owed to the parties, and the target is none: it cannot hold, and listing it
                    # would read as if the aggressor had no duty toward the target at all
                    continue
                self._provision(inst, prov, beneficiary, sc, place, gazetteer, in_force, statement, append)

    def _provision(self, inst, prov, beneficiary, sc, place, gazetteer, in_force, statement, append) -> None:
        bound = bound_parties(prov, inst.parties, beneficiary, sc.by)
        if not bound:
            return
        value, trace, missing = self.trigger(inst, prov, sc, place, gazetteer)
        ben_step, ben_caveats = self.membership(inst, beneficiary, sc.on, "beneficiary", None, sc.facts)
        skip_beneficiary = statement and beneficiary not in inst.parties
        members, selective = self.members(inst, sc.on)
        for party in bound:
            found = members.get(party) if party not in selective else None
            party_step, caveats = found or self.membership(inst, party, sc.on, "party", beneficiary, sc.facts)
            if skip_beneficiary:
                because = (in_force, party_step) + trace
                checks = (in_force.result, party_step.result)
            else:
                because = (in_force, ben_step, party_step) + trace
                checks = (in_force.result, ben_step.result, party_step.result)
            # membership is definite except where a party's status is contested (then its fact decides)
            definite = False if False in checks else (None if None in checks else True)
            unknown = () if definite is not None else tuple(
                f for s in because[:len(checks)] if s.result is None for f in s.facts)
            if party in sc.by and prov.duty not in ("non-aggression", "offensive-support"):
                because += (TraceStep("self-aggressor", False, inst.id, prov.id, None, (),
                                      (("party", party), ("beneficiary", beneficiary)), None,
                                      steps.SELF_AGGRESSOR, inst.short_title),)
                definite = False
            if prov.beneficiary == "aggressors" and party == sc.target:
                because += (TraceStep("target-aggressor", False, inst.id, prov.id, None, (),
                                      (("party", party),), None, steps.TARGET_AGGRESSOR, inst.short_title),)
                definite = False
            if definite is False or value is False:
                append(Finding(inst, prov, party, beneficiary, "not-triggered", because, (), ben_caveats + caveats))
            elif value is None or definite is None:
                append(Finding(inst, prov, party, beneficiary, "undetermined", because,
                               tuple(dict.fromkeys(unknown + (missing if value is None else ()))),
                               ben_caveats + caveats))
            else:
                append(Finding(inst, prov, party, beneficiary, "triggered", because, (), ben_caveats + caveats))

    # -- a provision's trigger ----------------------------------------------------------
    def reads(self, inst: Instrument, prov: Provision) -> tuple:
        """The scenario fields a provision's condition reads, as (field names, fact names)."""
        key = (inst.id, prov.id, prov.reading.name if prov.reading else None)
        found = self._reads.get(key)
        if found is None:
            fields = ops.reads(prov.when)
            plain = tuple(sorted(f for f in fields if not f.startswith("fact:")))
            facts = tuple(sorted(f[5:] for f in fields if f.startswith("fact:")))
            getter = attrgetter(*plain) if plain else (lambda sc: None)
            found = self._reads[key] = (getter, facts, (inst.id, prov.id, prov.reading.name if prov.reading else None))
        return found

    def trigger(self, inst: Instrument, prov: Provision, sc: Scenario, place, gazetteer):
        """Evaluate a provision's trigger; remembered on just the scenario fields it reads.

        In a sweep over many aggressors, most provisions read only the event, the
        target and the place, so their trigger is computed once per target.
        """
        getter, facts, ident = self.reads(inst, prov)
        given = sc.facts
        key = (ident, getter(sc), tuple([given.get(f) for f in facts]) if facts else ())
        found = self._triggers.get(key)
        if found is None:
            if len(self._triggers) > self.limit:
                self._triggers.clear()
            out = ops.Evaluation()

            def place_check(scope_id, out=out):
                collector = _Missing()
                value, text = places.scope(inst.scopes[scope_id], sc, place, gazetteer, collector, inst)
                return value, text, collector.missing

            value = ops.evaluate(prov.when, ops.Env(sc, inst, prov, place_check), out)
            missing = tuple(dict.fromkeys(out.missing)) if value is None else ()
            found = self._triggers[key] = (value, tuple(out.steps), missing)
        return found

    # -- in force, membership -------------------------------------------------------------
    def in_force(self, inst: Instrument, day: date) -> TraceStep:
        key = (inst.id, day)
        found = self._in_force.get(key)
        if found is None:
            if len(self._in_force) > self.limit:
                self._in_force.clear()
            found = self._in_force[key] = in_force_step(inst, day)
        return found

    def members(self, inst: Instrument, day: date):
        """Every party's membership step on ``day`` (as bound party), and the parties whose
        obligations are suspended toward some state (those are asked per beneficiary)."""
        key = (inst.id, day)
        found = self._members.get(key)
        if found is None:
            if len(self._members) > self.limit // 100:
                self._members.clear()
            # asked per beneficiary (suspended toward some) or per scenario (status contested on some day)
            selective = frozenset(s for s, p in inst.parties.items() if p.suspended_toward or p.contested)
            found = self._members[key] = (
                {s: membership_step(inst, s, day, "party") for s in inst.parties if s not in selective}, selective)
        return found

    def membership(self, inst: Instrument, state: str, day: date, role: str, toward: str | None = None,
                   facts=None):
        party = inst.parties.get(state)
        if toward is not None and (party is None or not party.suspended_toward):
            toward = None  # the answer cannot depend on it: share one entry for every beneficiary
        given = tuple((facts or {}).get(c.fact) for c in party.contested) if party is not None and \
            party.contested else ()
        key = (inst.id, state, day, role, toward, given)
        found = self._membership.get(key)
        if found is None:
            if len(self._membership) > self.limit:
                self._membership.clear()
            found = self._membership[key] = membership_step(inst, state, day, role, toward, facts)
        return found


class _Missing:
    __slots__ = ("missing",)

    def __init__(self):
        self.missing: list[str] = []


def _place(gazetteer, scenario: Scenario):
    """The scenario's place; a historical polity (``COW-NNN``) has no entry in the gazetteer."""
    if scenario.place.startswith("COW-"):
        return None
    return gazetteer.place(scenario.place)


# --------------------------------------------------------------------------- the checks themselves


def in_force_step(inst: Instrument, day: date) -> TraceStep:
    """Whether ``inst`` is in force (a statement: made) on ``day``, as a trace step."""
    def step(result, case, **detail):
        return TraceStep("in-force", result, inst.id, None, None, (),
                         (("case", case), ("kind", inst.kind), ("on", day), *detail.items()), None,
                         steps.IN_FORCE, inst.short_title)

    if inst.kind == "statement":
        made = inst.in_force[0].start if inst.in_force else None
        return step(made is not None and made <= day, "made", start=made)
    interval = find(inst.in_force, day)
    if interval is not None:
        if inst.start_confidence(interval.start) == "unverified":
            return step(True, "in-force", start=interval.start, confidence="unverified")
        return step(True, "in-force", start=interval.start)
    if not inst.in_force:
        return step(False, "never")
    first = inst.in_force[0]
    if day < first.start:
        return step(False, "not-yet", start=first.start)
    return step(False, "ended", end=inst.in_force[-1].end)


def membership_step(inst: Instrument, state: str, day: date, role: str, toward: str | None = None,
                    facts=None):
    """Whether ``state`` is a party on ``day`` (not suspended, toward ``toward`` if given): (step, caveats).

    On a day its status is contested, the answer is the fact the dispute names
    (``facts``), and unknown (``None``) while that fact is not given.
    """
    def step(result, case, read=(), **detail):
        return TraceStep("membership", result, inst.id, None, None, read,
                         (("case", case), ("state", state), ("role", role), ("on", day), ("kind", inst.kind),
                          *detail.items()), None, steps.MEMBERSHIP, inst.short_title)

    party = inst.parties.get(state)
    caveats: list[str] = []
    if party is None:
        return step(False, "not-listed"), ()
    if inst.kind == "statement":
        return step(True, "speaker"), ()
    for contest in party.contested:
        if contest.span.contains(day):
            given = (facts or {}).get(contest.fact)
            positions = tuple((p.view, p.held_by) for p in contest.positions)
            notes = (f"{state}'s status as a party is disputed from {contest.span.start}: "
                     + "; ".join(f"{'a party' if v == 'party' else 'not a party'}, held by {h}" for v, h in positions),)
            if given is None:
                return step(None, "contested", (contest.fact,), fact=contest.fact, since=contest.span.start,
                            positions=positions), notes
            if not given:
                return step(False, "contested-not-party", (contest.fact,), fact=contest.fact,
                            since=contest.span.start), notes
            return step(True, "contested-party", (contest.fact,), fact=contest.fact,
                        since=contest.span.start), notes
    interval = find(party.bound, day)
    if interval is None:
        return step(False, "not-bound", history=_history(party, day, inst)), ()
    for span, text in party.caveats:
        if span.contains(day):
            caveats.append(text)
    suspension = find(party.suspended, day)
    if suspension is not None:
        return step(False, "suspended", since=suspension.start), tuple(caveats)
    if toward is not None:
        for other, span in party.suspended_toward:
            if other == toward and span.contains(day):
                return step(False, "suspended-toward", toward=toward, since=span.start), tuple(caveats)
    if interval.start in party.unverified_starts:
        return step(True, "party", since=interval.start, confidence="unverified"), tuple(caveats)
    return step(True, "party", since=interval.start), tuple(caveats)


def in_force_on(inst: Instrument, day: date) -> bool:
    """Whether the instrument is in force (a statement: made) on ``day``."""
    return bool(in_force_step(inst, day).result)


def party_on(inst: Instrument, state: str, day: date, toward: str | None = None) -> bool:
    """Whether ``state`` is a party on ``day``, not suspended (toward ``toward``, if given)."""
    return bool(membership_step(inst, state, day, "party", toward)[0].result)


def _history(party, day: date, inst: Instrument) -> str:
    ended = inst.in_force[-1].end if inst.in_force else None
    past = [e for e in party.events if e.date <= day]
    future = [e for e in party.events if e.date > day]
    parts = []
    if past:
        e = past[-1]
        parts.append(f"last recorded: {e.event} {e.date}")
    if future:
        e = future[0]
        parts.append(f"next: {e.event} {e.date}")
    if ended is not None and day >= ended and any(b.end == ended for b in party.bound):
        parts.append(f"bound until the instrument ended on {ended}")
    elif past and past[-1].event in ("ratified", "acceded", "joined"):
        parts.append("bound only once the instrument is in force")
    return "; ".join(parts) or "no event recorded"
