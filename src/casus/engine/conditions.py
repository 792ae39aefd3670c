"""Three-valued evaluation of trigger conditions against a scenario.

Results are ``True``, ``False`` or ``None`` (unknown: a fact is missing).
A finding's ``missing`` names only the facts that could still change the
result: facts under a branch that is already decided are not listed.
``all``/``any``/``not`` follow Kleene's strong three-valued logic, so giving a
missing fact can turn ``None`` into ``True`` or ``False`` but never flips a
``True`` or a ``False``: every leaf is monotone in the facts it reads.
"""

from __future__ import annotations

from casus.model.finding import Reason
from casus.model.instrument import Condition, Instrument, PlacePredicate, Scope
from casus.model.scenario import NON_STATE, Scenario


class Evaluation:
    """The outcome of one condition tree: value, the reasons, the missing facts."""

    __slots__ = ("value", "reasons", "missing")

    def __init__(self) -> None:
        self.value: bool | None = True
        self.reasons: list[Reason] = []
        self.missing: list[str] = []


def kleene(op: str, results: list[bool | None]) -> bool | None:
    """Strong Kleene ``all``/``any``: a False (True) decides, else an unknown stays unknown."""
    if op == "all":
        return False if False in results else (None if None in results else True)
    return True if True in results else (None if None in results else False)


def evaluate(cond: Condition, inst: Instrument, scenario: Scenario, place, gazetteer,
             cite: str, out: Evaluation) -> bool | None:
    op = cond.op
    if op == "all" or op == "any":
        mark = len(out.missing)
        value = kleene(op, [evaluate(c, inst, scenario, place, gazetteer, cite, out) for c in cond.children])
        if value is not None:
            del out.missing[mark:]  # a decided branch needs none of the facts missing below it
        return value
    if op == "not":
        inner = evaluate(cond.children[0], inst, scenario, place, gazetteer, cite, out)
        return None if inner is None else not inner
    where = f"{inst.short_title}, Art. {cond.cite}" if cond.cite else cite
    value, text = _leaf(cond, inst, scenario, place, gazetteer, out)
    out.reasons.append(Reason(f"{cond.label}: {text}" if cond.label else text, value, where))
    return value


def _leaf(cond: Condition, inst: Instrument, sc: Scenario, place, gazetteer, out: Evaluation):
    op, arg = cond.op, cond.arg
    if op == "event":
        value = sc.event in arg
        return value, (f"the event is {sc.event}" if value
                       else f"the event is {sc.event}, not {_or(arg)}")
    if op == "weapon":
        value = sc.weapon in arg
        return value, (f"the weapon is {sc.weapon}" if value else f"the weapon is {sc.weapon}, not {_or(arg)}")
    if op == "by":
        if not sc.by:
            out.missing.append("by")
            return None, f"the aggressor is {'a state or group of states' if arg == 'state' else 'a non-state group'} (unknown: the scenario does not say who acts; give --by)"
        is_state = sc.by != (NON_STATE,)
        value = is_state if arg == "state" else not is_state
        who = "non-state actors" if not is_state else ", ".join(sc.by)
        want = "a state or group of states" if arg == "state" else "a non-state group"
        return value, f"the aggressor ({who}) is {'' if value else 'not '}{want}"
    if op == "by-party":
        if not sc.by:
            out.missing.append("by")
            return None, "the aggressor is a party (unknown: give --by)"
        parties = [s for s in sc.by if _is_party(inst, s, sc)]
        value = bool(parties) if arg else not parties
        names = ", ".join(parties) or ", ".join(sc.by)
        return value, f"the aggressor ({names}) is {'' if bool(parties) else 'not '}a party on {sc.on}"
    if op == "target":
        value = sc.target in arg
        return value, f"the target ({sc.target}) is {'' if value else 'not '}{_or(arg)}"
    if op == "scope":
        return scope(inst.scopes[arg], sc, place, gazetteer, out)
    if op == "during":
        start, end = arg
        value = (start is None or start <= sc.on) and (end is None or sc.on < end)
        span = f"[{start or '…'}, {end or '…'})"
        return value, f"the date {sc.on} is {'' if value else 'not '}within {span}"
    name, expected = arg
    given = sc.facts.get(name)
    question = inst.facts[name].question if name in inst.facts else name
    if given is None:
        out.missing.append(name)
        return None, f"{question} (fact '{name}' not given)"
    value = given == expected
    return value, f"{question}: {'yes' if given else 'no'} (fact '{name}')"


def _or(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _is_party(inst: Instrument, state: str, sc: Scenario) -> bool:
    party = inst.parties.get(state)
    return bool(party) and any(i.contains(sc.on) for i in party.bound)


def scope(sc_def: Scope, sc: Scenario, place, gazetteer, out: Evaluation):
    """Does the scenario's place fall within the scope, given whose territory it is?"""
    if place is None:  # a historical polity (COW-NNN): no geography to consult
        given = sc.facts.get(f"in-scope:{sc_def.id}")
        if given is not None:
            return given, f"the place is {'' if given else 'not '}within {sc_def.id} (given as a fact)"
        out.missing.append(f"in-scope:{sc_def.id}")
        return None, f"{sc.place} has no entry in the gazetteer, so whether it lies within {sc_def.id} is unknown"
    territorial, why = gazetteer.territory_of(place, sc.target)
    if territorial is None:
        given = sc.facts.get("at-is-target-territory")
        if given is not None:
            territorial, why = given, f"{why}; taken as {'' if given else 'not '}its territory (given as a fact)"
    if territorial is None:
        as_territory = _predicate(sc_def.territory, place)
        as_forces = _predicate(sc_def.forces, place)
        if as_territory == as_forces and as_territory is not None:
            return as_territory, f"{why}; either way {place.code} is {'' if as_territory else 'not '}within {sc_def.id} (Art. {sc_def.article})"
        out.missing.append("at-is-target-territory")
        if as_territory is None or as_forces is None:
            out.missing.append(f"in-scope:{sc_def.id}")
        return None, f"{why}; whether it counts as {sc.target}'s territory decides whether it is within {sc_def.id} (Art. {sc_def.article})"
    if territorial:
        if sc_def.territory is None:
            return False, f"{sc_def.id} (Art. {sc_def.article}) covers forces abroad only, and {place.code} is {sc.target}'s territory"
        value = _predicate(sc_def.territory, place)
        kind = "territory"
    else:
        if sc_def.forces is None:
            return False, f"{place.code} is not {sc.target}'s territory ({why}), and {sc_def.id} (Art. {sc_def.article}) covers the parties' territory only"
        value = _predicate(sc_def.forces, place)
        kind = f"{sc.target}'s forces, vessels or aircraft at {place.code}"
    if value is None:
        fact = f"in-scope:{sc_def.id}"
        given = sc.facts.get(fact)
        if given is not None:  # asked only where the wording leaves the place unsettled
            return given, f"{place.code} is {'' if given else 'not '}within {sc_def.id} (Art. {sc_def.article}; given as a fact)"
        out.missing.append(fact)
        return None, f"whether {place.code} ({place.name}) lies within {sc_def.id} (Art. {sc_def.article}) is unsettled (fact '{fact}' not given)"
    subject = f"{place.code} ({place.name}), {sc.target}'s territory," if kind == "territory" else f"an attack on {kind}"
    return value, f"{subject} {'falls' if value else 'does not fall'} within {sc_def.id} (Art. {sc_def.article})"


def _predicate(pred: PlacePredicate | None, place) -> bool | None:
    if pred is None:
        return False
    op = pred.op
    if op == "anywhere":
        return True
    if op == "unsettled":
        return None
    if op == "all" or op == "any":
        return kleene(op, [_predicate(c, place) for c in pred.children])
    if op == "not":
        inner = _predicate(pred.children[0], place)
        return None if inner is None else not inner
    if op == "tag":
        return place.tag(pred.arg)
    if op == "state":
        return place.state in pred.arg
    # administered-by
    if place.kind == "sea":
        return False  # no state administers a sea area
    if place.administered_by is None:
        return None
    return place.administered_by in pred.arg
