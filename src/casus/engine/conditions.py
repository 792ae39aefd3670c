"""Place conditions: does the scenario's place fall within an instrument's scope?

The other condition operators live in :mod:`casus.language.operators`, each
defined once; this module answers the ``scope`` operator, which needs the
gazetteer.  Results are ``True``, ``False`` or ``None`` (unknown: a fact is
missing); ``missing`` facts are appended to ``out.missing``.
"""

from __future__ import annotations

from casus.language.operators import kleene
from casus.model.instrument import PlacePredicate, Scope
from casus.model.scenario import Scenario


def scope(sc_def: Scope, sc: Scenario, place, gazetteer, out):
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
