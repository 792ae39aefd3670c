"""Places in trigger conditions: does the scenario's place fall within a scope, on its date?

Every territorial question is asked on the scenario's date (``sc.on``): the
gazetteer gives the place as it stood that day (``Place.on``), so who held,
administered or claimed it then decides, not who does today.  Predicates
that name ``parties`` (``state: parties``, ``administered-by: parties``)
mean the instrument's parties on that date.
"""

from __future__ import annotations

from casus.language.operators import kleene
from casus.model import citation
from casus.model.instrument import Instrument, PlacePredicate, Scope
from casus.model.scenario import Scenario

PARTIES = ("parties",)  # the argument parse_predicate gives ``state: parties`` / ``administered-by: parties``


def scope(sc_def: Scope, sc: Scenario, place, gazetteer, out, inst: Instrument | None = None):
    """Does the scenario's place fall within the scope on the scenario's date, given whose territory it is?"""
    if place is None:  # a historical polity (COW-NNN): no geography to consult
        given = sc.facts.get(f"in-scope:{sc_def.id}")
        if given is not None:
            return given, f"the place is {'' if given else 'not '}within {sc_def.id} (given as a fact)"
        out.missing.append(f"in-scope:{sc_def.id}")
        return None, f"{sc.place} has no entry in the gazetteer, so whether it lies within {sc_def.id} is unknown"
    day = sc.on
    place = place.on(day)
    territorial, why = gazetteer.territory_of(place, sc.target, day)
    if territorial is None:
        given = sc.facts.get("at-is-target-territory")
        if given is not None:
            territorial, why = given, f"{why}; taken as {'' if given else 'not '}its territory (given as a fact)"
    if territorial is None:
        as_territory = _predicate(sc_def.territory, place, inst, sc)
        as_forces = _predicate(sc_def.forces, place, inst, sc)
        if as_territory == as_forces and as_territory is not None:
            return as_territory, f"{why}; either way {place.code} is {'' if as_territory else 'not '}within {sc_def.id} ({citation.article(sc_def.article)})"
        out.missing.append("at-is-target-territory")
        if as_territory is None or as_forces is None:
            out.missing.append(f"in-scope:{sc_def.id}")
        return None, f"{why}; whether it counts as {sc.target}'s territory decides whether it is within {sc_def.id} ({citation.article(sc_def.article)})"
    if territorial:
        if sc_def.territory is None:
            return False, f"{sc_def.id} ({citation.article(sc_def.article)}) covers forces abroad only, and {place.code} is {sc.target}'s territory"
        value = _predicate(sc_def.territory, place, inst, sc)
        kind = "territory"
    else:
        if sc_def.forces is None:
            return False, f"{place.code} is not {sc.target}'s territory ({why}), and {sc_def.id} ({citation.article(sc_def.article)}) covers the parties' territory only"
        value = _predicate(sc_def.forces, place, inst, sc)
        kind = f"{sc.target}'s forces, vessels or aircraft at {place.code}"
    if value is None:
        fact = f"in-scope:{sc_def.id}"
        given = sc.facts.get(fact)
        if given is not None:  # asked only where the wording leaves the place unsettled
            return given, f"{place.code} is {'' if given else 'not '}within {sc_def.id} ({citation.article(sc_def.article)}; given as a fact)"
        out.missing.append(fact)
        unsettled = f" on {day} ({place.status()})" if place.unsettled else ""
        return None, f"whether {place.code} ({place.name}) lies within {sc_def.id} ({citation.article(sc_def.article)}){unsettled} is unsettled (fact '{fact}' not given)"
    subject = f"{place.code} ({place.name}), {sc.target}'s territory," if kind == "territory" else f"an attack on {kind}"
    dated = f"; {why}" if kind != "territory" and place.period is not None else ""
    return value, f"{subject} {'falls' if value else 'does not fall'} within {sc_def.id} ({citation.article(sc_def.article)}) on {day}{dated}"


def _is_party(inst: Instrument | None, state: str | None, sc: Scenario) -> bool:
    if inst is None or state is None:
        return False
    party = inst.parties.get(state)
    return bool(party) and any(i.contains(sc.on) for i in party.bound)


def _predicate(pred: PlacePredicate | None, place, inst: Instrument | None = None,
               sc: Scenario | None = None) -> bool | None:
    """A place predicate on the place as it stood on the scenario's date (``place`` is already that view)."""
    if pred is None:
        return False
    op = pred.op
    if op == "anywhere":
        return True
    if op == "unsettled":
        return None
    if op == "all" or op == "any":
        return kleene(op, [_predicate(c, place, inst, sc) for c in pred.children])
    if op == "not":
        inner = _predicate(pred.children[0], place, inst, sc)
        return None if inner is None else not inner
    if op == "tag":
        return place.tag(pred.arg)
    if op == "during":  # (from, until) as ISO text, "" for an open end; [from, until)
        if sc is None:
            raise ValueError("a dated place predicate needs the scenario")
        day = sc.on.isoformat()
        start, end = pred.arg
        return (not start or start <= day) and (not end or day < end)
    parties = pred.arg == PARTIES
    if parties and (inst is None or sc is None):
        raise ValueError("a 'parties' place predicate needs the instrument and the scenario")
    if op == "state":
        if "state" in place.unsettled:
            return None
        return _is_party(inst, place.state, sc) if parties else place.state in pred.arg
    # administered-by
    if place.kind == "sea":
        return False  # no state administers a sea area
    if place.administered_by is None:
        return None
    return _is_party(inst, place.administered_by, sc) if parties else place.administered_by in pred.arg
