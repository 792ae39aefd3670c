"""Evaluate a scenario against a corpus: who must or may act, and why.

For every instrument the target (or an aggressor, for pledges binding
aggressors) is listed in, every provision gives one finding per bound party.
A finding's status combines, in this order: the instrument is in force on
the date; the beneficiary and the bound party are parties on the date (not
suspended); the provision's trigger condition holds.  The first two are
always definite; only the trigger condition can be unknown.
"""

from __future__ import annotations

from casus.engine import conditions
from casus.model.dates import date, find
from casus.model.finding import Answer, Finding, Reason
from casus.model.instrument import Corpus, Instrument, Provision
from casus.model.scenario import NON_STATE, Scenario


def evaluate(corpus: Corpus, scenario: Scenario, gazetteer=None, duties: tuple[str, ...] | None = None) -> Answer:
    """Every finding for ``scenario``; ``duties`` keeps only provisions with those duties."""
    if gazetteer is None:
        from casus.geo import Gazetteer

        gazetteer = Gazetteer.default()
    place = _place(gazetteer, scenario)
    findings: list[Finding] = []
    seen: set[str] = set()
    relevant: list[Instrument] = list(corpus.by_state.get(scenario.target, ()))
    for inst in relevant:
        seen.add(inst.id)
        findings.extend(_instrument(inst, scenario, place, gazetteer, duties))
    # an instrument the target is not in matters only for its pledges that bind (or serve) the aggressors
    for state in scenario.by:
        if state == NON_STATE:
            continue
        for inst in corpus.by_state.get(state, ()):
            if inst.id in seen or not any(_aggressor_side(p) for p in inst.provisions):
                continue
            seen.add(inst.id)
            findings.extend(_instrument(inst, scenario, place, gazetteer, duties, aggressor_side_only=True))
    notes = ()
    if not scenario.by:
        notes = ("No aggressor was given (--by): findings that depend on who acts are undetermined, "
                 "and no party is taken to be the aggressor.",)
    return Answer(scenario, tuple(findings), notes)


def _place(gazetteer, scenario: Scenario):
    """The scenario's place; a historical polity (``COW-NNN``) has no entry in the gazetteer."""
    if scenario.place.startswith("COW-"):
        return None
    return gazetteer.place(scenario.place)


def _aggressor_side(prov) -> bool:
    return prov.bound == "aggressors" or prov.beneficiary == "aggressors"


def _instrument(inst: Instrument, sc: Scenario, place, gazetteer, duties=None,
                aggressor_side_only: bool = False) -> list[Finding]:
    out: list[Finding] = []
    append = out.append
    in_force = _in_force_memo(inst, sc.on)
    statement = inst.kind == "statement"
    reading = sc.reading
    for prov in inst.provisions:
        if reading is not None and prov.readings:
            prov = prov.read_as(reading)
        if duties is not None and prov.duty not in duties:
            continue
        if aggressor_side_only and not _aggressor_side(prov):
            continue
        if prov.beneficiary == "aggressors":
            beneficiaries = [s for s in sc.by if s in inst.parties]
        else:
            beneficiaries = [sc.target if prov.beneficiary == "target" else prov.beneficiary]
        for beneficiary in beneficiaries:
            _provision(inst, prov, beneficiary, sc, place, gazetteer, in_force, statement, append)
    return out


def _provision(inst, prov, beneficiary, sc, place, gazetteer, in_force, statement, append) -> None:
    if prov.bound == "others":
        bound = [s for s in inst.parties if s != beneficiary]
    elif prov.bound == "aggressors":
        bound = [s for s in sc.by if s in inst.parties and s != beneficiary]
    elif prov.bound[0] == "others-among":
        bound = [s for s in prov.bound[1] if s != beneficiary]
    else:
        bound = prov.bound  # an explicit list may name the beneficiary itself (e.g. Art. 6)
    if not bound:
        return
    value, reasons, missing = _trigger(inst, prov, sc, place, gazetteer)
    ben_reason, ben_caveats = _membership(inst, beneficiary, sc.on, "beneficiary")
    skip_beneficiary = statement and beneficiary not in inst.parties
    for party in bound:
        party_reason, caveats = _membership(inst, party, sc.on, "party", beneficiary)
        if skip_beneficiary:
            because = (in_force, party_reason) + reasons
            definite = in_force.result and party_reason.result
        else:
            because = (in_force, ben_reason, party_reason) + reasons
            definite = in_force.result and ben_reason.result and party_reason.result
        if party in sc.by and prov.duty not in ("non-aggression", "offensive-support"):
            because += (Reason(f"{party} is itself an aggressor in this scenario, so it is not "
                               f"bound to act for {beneficiary} against itself", False,
                               f"{inst.short_title}, parties"),)
            definite = False
        if prov.beneficiary == "aggressors" and party == sc.target:
            because += (Reason(f"{party} is the target of the scenario, so it does not join the attack "
                               f"on itself", False, f"{inst.short_title}, parties"),)
            definite = False
        if not definite or value is False:
            append(Finding(inst, prov, party, beneficiary, "not-triggered", because, (),
                           ben_caveats + caveats))
        elif value is None:
            append(Finding(inst, prov, party, beneficiary, "undetermined", because, missing,
                           ben_caveats + caveats))
        else:
            append(Finding(inst, prov, party, beneficiary, "triggered", because, (),
                           ben_caveats + caveats))


_TRIGGERS: dict[tuple, tuple] = {}
_READS: dict[int, tuple] = {}


def _reads(prov: Provision) -> tuple:
    """The scenario fields a provision's condition reads (so results can be shared)."""
    found = _READS.get(id(prov))
    if found is None:
        ops: set[str] = set()
        facts: set[str] = set()
        stack = [prov.when]
        while stack:
            cond = stack.pop()
            ops.add(cond.op)
            stack.extend(cond.children)
            if cond.op == "fact":
                facts.add(cond.arg[0])
            if cond.op == "scope":
                facts.update(("at-is-target-territory", f"in-scope:{cond.arg}"))
        found = _READS[id(prov)] = (frozenset(ops), tuple(sorted(facts)), prov)
    return found


def _trigger(inst: Instrument, prov: Provision, sc: Scenario, place, gazetteer):
    """Evaluate a provision's trigger; memoised on just the scenario fields it reads.

    In a sweep over many aggressors, most provisions read only the event, the
    target and the place, so their trigger is computed once per target.
    """
    ops, facts, _ = _reads(prov)
    key = (id(prov), sc.event, sc.on if "during" in ops else None,
           sc.weapon if "weapon" in ops else None,
           sc.by if ("by" in ops or "by-party" in ops) else None,
           sc.on if "by-party" in ops else None,
           sc.target if ("target" in ops or "scope" in ops) else None,
           sc.place if "scope" in ops else None,
           tuple(sc.facts.get(f) for f in facts))
    found = _TRIGGERS.get(key)
    if found is None:
        if len(_TRIGGERS) > 200_000:
            _TRIGGERS.clear()
        cite = f"{inst.short_title}, Art. {prov.article}"
        trigger = conditions.Evaluation()
        value = conditions.evaluate(prov.when, inst, sc, place, gazetteer, cite, trigger)
        missing = tuple(dict.fromkeys(trigger.missing)) if value is None else ()
        found = _TRIGGERS[key] = (value, tuple(trigger.reasons), missing, prov)
    return found[0], found[1], found[2]


def _in_force_memo(inst: Instrument, day: date) -> Reason:
    key = (id(inst), day, "in-force")
    found = _MEMO.get(key)
    if found is None:
        found = _MEMO[key] = (_in_force(inst, day), (), inst)
    return found[0]


def _in_force(inst: Instrument, day: date) -> Reason:
    where = f"{inst.short_title}, lifecycle"
    if inst.kind == "statement":
        made = inst.in_force[0].start if inst.in_force else None
        ok = made is not None and made <= day
        return Reason(f"the statement was made on {made}" + ("" if ok else f", after {day}"), ok, where)
    interval = find(inst.in_force, day)
    if interval is not None:
        since = "adopted" if inst.kind == "doctrine" else "in force since"
        return Reason(f"the {inst.kind} is in force on {day} ({since} {interval.start})", True, where)
    if not inst.in_force:
        return Reason(f"the {inst.kind} is not in force on {day} (no entry into force is recorded)", False, where)
    first = inst.in_force[0]
    if day < first.start:
        return Reason(f"the {inst.kind} is not yet in force on {day} (it enters into force on {first.start})",
                      False, where)
    return Reason(f"the {inst.kind} is no longer in force on {day} (it ended on {inst.in_force[-1].end})",
                  False, where)


_MEMO: dict[tuple, tuple] = {}


def in_force_on(inst: Instrument, day: date) -> bool:
    """Whether the instrument is in force (a statement: made) on ``day``."""
    return bool(_in_force_memo(inst, day).result)


def party_on(inst: Instrument, state: str, day: date, toward: str | None = None) -> bool:
    """Whether ``state`` is a party on ``day``, not suspended (toward ``toward``, if given)."""
    return bool(_membership(inst, state, day, "party", toward)[0].result)


def _membership(inst: Instrument, state: str, day: date, role: str, toward: str | None = None):
    """Whether ``state`` is a party on ``day`` (memoised: instruments are immutable)."""
    if toward is not None:
        party = inst.parties.get(state)
        if party is None or not party.suspended_toward:
            toward = None  # the answer cannot depend on it: share one entry for every beneficiary
    key = (id(inst), state, day, role, toward)
    found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) > 200_000:
            _MEMO.clear()
        reason, caveats = _membership_uncached(inst, state, day, role, toward)
        found = _MEMO[key] = (reason, tuple(caveats), inst)  # keep inst alive so its id stays unique
    return found[0], found[1]


def _membership_uncached(inst: Instrument, state: str, day: date, role: str, toward: str | None):
    where = f"{inst.short_title}, parties"
    party = inst.parties.get(state)
    caveats: list[str] = []
    if party is None:
        return Reason(f"{state} ({role}) is not a party to the {inst.kind}", False, where), caveats
    if inst.kind == "statement":
        return Reason(f"{state} is the state whose official made the statement", True, where), caveats
    interval = find(party.bound, day)
    if interval is None:
        return Reason(f"{state} ({role}) is not a party on {day} ({_history(party, day)})", False, where), caveats
    for span, text in party.caveats:
        if span.contains(day):
            caveats.append(text)
    suspension = find(party.suspended, day)
    if suspension is not None:
        return Reason(f"{state}'s participation is suspended on {day} (since {suspension.start})",
                      False, where), caveats
    if toward is not None:
        for other, span in party.suspended_toward:
            if other == toward and span.contains(day):
                return Reason(f"{state}'s obligations toward {toward} are suspended on {day} "
                              f"(since {span.start})", False, where), caveats
    return Reason(f"{state} ({role}) is a party on {day} (bound since {interval.start})", True, where), caveats


def _history(party, day: date) -> str:
    past = [e for e in party.events if e.date <= day]
    future = [e for e in party.events if e.date > day]
    parts = []
    if past:
        e = past[-1]
        parts.append(f"last recorded: {e.event} {e.date}")
    if future:
        e = future[0]
        parts.append(f"next: {e.event} {e.date}")
    if past and past[-1].event in ("ratified", "acceded", "joined"):
        parts.append("bound only once the instrument is in force")
    return "; ".join(parts) or "no event recorded"
