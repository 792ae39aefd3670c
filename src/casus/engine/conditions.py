"""Three-valued evaluation of trigger conditions against a scenario.

Results are ``True``, ``False`` or ``None`` (unknown: a fact is missing).
A finding's ``missing`` names only the facts that could still change the
result: facts under a branch that is already decided are not listed.
``all``/``any``/``not`` follow Kleene's strong three-valued logic, so giving a
missing fact can turn ``None`` into ``True`` or ``False`` but never flips a
``True`` or a ``False``: every leaf is monotone in the facts it reads.
"""

from __future__ import annotations

from casus.engine.places import _predicate, scope  # noqa: F401 - moved there; kept importable from here
from casus.model.finding import Reason
from casus.model.instrument import Condition, Instrument
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
        return scope(inst.scopes[arg], sc, place, gazetteer, out, inst)
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
