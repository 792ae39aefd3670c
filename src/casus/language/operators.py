"""The condition operators of treaty files, each defined once.

A trigger condition is a mapping with exactly one operator key, plus the
optional keys ``label`` (how the trace words it) and ``cite`` (the article
it comes from, when not the provision's own)::

    all: [ ... ]            every sub-condition holds
    any: [ ... ]            at least one holds
    not: { ... }            the sub-condition fails
    event: [armed-attack]   the scenario's event is one of these
    weapon: [nuclear]       the weapon used is one of these
    by: state | non-state   who acts: states (or a group of states) / a non-state group
    by-party: true|false    the aggressor is (or is not) a party of this instrument
    target: [BLR]           the target is one of these states
    scope: NAME             the place falls within the instrument's scope NAME
    fact: NAME              the fact NAME is true (or ``fact: {NAME: false}``)
    during: {from: D, until: D}   the scenario's date is in [from, until) (either end may be left out)

Each operator is one class below with everything casus knows about it:

``parse``     check the treaty file's value and build the :class:`Condition`
              (problems carry file, line, key and hint);
``reads``     the scenario fields its value depends on (the engine derives
              its memo key from these, so no field can be forgotten);
``evaluate``  its three-valued value on a scenario, and the trace step;
``static``    its value when only some fields are fixed (``casus compare``);
``sentence``  the trace step in words; ``describe``: the condition in words.

``all``/``any``/``not`` follow Kleene's strong three-valued logic
(:func:`kleene`), so giving a missing fact can settle an unknown result but
never flips a definite one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casus.model.citation import where as _where
from casus.model.instrument import Condition
from casus.model.scenario import NON_STATE
from casus.model.trace import TraceStep
from casus.model.vocabulary import EVENTS, WEAPONS
from casus.suggest import hint as _hint

# --------------------------------------------------------------------------- logic


def kleene(op: str, results) -> bool | None:
    """Strong Kleene ``all``/``any``: a False (True) decides, else an unknown stays unknown."""
    results = list(results)
    if op == "all":
        return False if False in results else (None if None in results else True)
    return True if True in results else (None if None in results else False)


@dataclass(frozen=True)
class Fixed:
    """What a static evaluation fixes; every other field is unknown."""

    event: str
    weapon: str | None = None
    by: str | None = None  # "state" or "non-state"


class Env:
    """What a leaf is evaluated against: the scenario, the instrument, and the place (from the engine)."""

    __slots__ = ("scenario", "instrument", "provision", "place_check")

    def __init__(self, scenario, instrument, provision, place_check):
        self.scenario = scenario
        self.instrument = instrument
        self.provision = provision
        self.place_check = place_check  # scope id -> (value, sentence, missing facts)


def _or(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


class Operator:
    """The shared behaviour; each subclass is one operator of the treaty language."""

    name = ""
    kind = ""            # the trace step kind of a leaf
    fields: tuple[str, ...] = ()

    # -- parse
    def parse(self, value: dict, arg, here, ctx, label, cite) -> Condition | None:
        raise NotImplementedError

    # -- what it reads
    def reads(self, cond: Condition) -> tuple[str, ...]:
        return self.fields

    def facts(self, cond: Condition) -> tuple[str, ...]:
        """The facts among what it reads (those a trace step lists)."""
        return ()

    # -- evaluate
    def evaluate(self, cond: Condition, env: Env) -> tuple[bool | None, tuple, tuple[str, ...]]:
        """(value, detail for the sentence, facts missing)."""
        raise NotImplementedError

    # -- static evaluation
    def static(self, cond: Condition, fixed: Fixed) -> bool | None:
        return None

    # -- what a pledge is conditional on, in the dyad-year columns' words (casus.datasets.casus_columns)
    def requires(self, cond: Condition, instrument, provision) -> frozenset[str]:
        return frozenset()

    # -- wording
    def sentence(self, step: TraceStep) -> str:
        raise NotImplementedError

    def citation(self, step: TraceStep) -> str:
        return _where(step.source, step.article)

    def describe(self, cond: Condition) -> str:
        raise NotImplementedError

    def arg_data(self, arg):
        return list(arg) if isinstance(arg, tuple) else arg


def _labelled(step: TraceStep, text: str) -> str:
    return f"{step.label}: {text}" if step.label else text


# --------------------------------------------------------------------------- combinators


class _Combinator(Operator):
    combinator = True

    def parse(self, value, arg, here, ctx, label, cite):
        if self.name == "not":
            child = parse_condition(arg, here, ctx)
            return Condition("not", None, (child,), label, cite) if child else None
        if not isinstance(arg, list) or not arg:
            ctx.problem(here, f"'{self.name}' takes a non-empty list",
                        f"write {self.name}: [ {{event: [armed-attack]}}, ... ]")
            return None
        children = tuple(c for i, a in enumerate(arg) if (c := parse_condition(a, here + (i,), ctx)))
        return Condition(self.name, None, children, label, cite) if len(children) == len(arg) else None

    def reads(self, cond):
        return ()

    def describe(self, cond):
        if self.name == "not":
            inner = cond.children[0]
            if inner.op == "scope":
                return f"outside {inner.arg}"
            if inner.op == "fact":
                return describe(Condition("fact", (inner.arg[0], not inner.arg[1])))
            return f"not {_nested(inner)}"
        joiner = " and " if self.name == "all" else " or "
        return joiner.join(_nested(c) for c in cond.children)


class All(_Combinator):
    name = "all"


class Any(_Combinator):
    name = "any"


class Not(_Combinator):
    name = "not"


# --------------------------------------------------------------------------- leaves


def _flat(value, here, ctx, noun: str, example: str):
    """The items of a leaf's argument (one value or a non-empty flat list), each with where it stands.

    An empty list and an item that is itself a list or mapping are problems (``noun`` names an item,
    e.g. "an event"; ``example`` is what a list of them looks like); None for an empty list.
    """
    if isinstance(value, list) and not value:
        ctx.problem(here, f"'{here[-1]}' takes a non-empty list", f"write e.g. {here[-1]}: [{example}]")
        return None
    items = []
    for i, item in enumerate(value if isinstance(value, list) else [value]):
        where = here + ((i,) if isinstance(value, list) else ())
        if isinstance(item, (list, dict)):
            kind = "list" if isinstance(item, list) else "mapping"
            ctx.problem(where, f"{noun} is one word, not a {kind}", f"write a flat list, e.g. [{example}]")
            item = _NESTED  # said once here; counted, so that the leaf is refused
        items.append((where, item))
    return items


_NESTED = object()  # an item of a leaf's list that is itself a list or mapping


def _words(value, here, vocabulary, ctx, what):
    article = "an" if what[0] in "aeiou" else "a"
    items = _flat(value, here, ctx, f"{article} {what}", next(iter(vocabulary)))
    if items is None:
        return None
    out = []
    for where, item in items:
        if item is _NESTED:
            continue
        if not isinstance(item, str):
            ctx.problem(where, f"{article} {what} must be a word, not {type(item).__name__}",
                        f"use one of: {', '.join(vocabulary)}")
        elif item not in vocabulary:
            ctx.problem(where, f"unknown {what} '{item}'", _hint(item, vocabulary))
        else:
            out.append(item)
    return tuple(out) if len(out) == len(items) else None


class _OneOf(Operator):
    """The scenario's value of one field is one of a list of words of a vocabulary (event, weapon)."""

    vocabulary: dict[str, str] = {}
    prefix = ""  # how ``describe`` names the field

    def parse(self, value, arg, here, ctx, label, cite):
        words = _words(arg, here, self.vocabulary, ctx, self.name)
        return None if words is None else Condition(self.name, words, (), label, cite)

    def evaluate(self, cond, env):
        given = getattr(env.scenario, self.name)
        return given in cond.arg, ((self.name, given), ("wanted", cond.arg)), ()

    def static(self, cond, fixed):
        given = getattr(fixed, self.name)
        return None if given is None else given in cond.arg

    def sentence(self, step):
        given, wanted = step.get(self.name), step.get("wanted")
        return _labelled(step, f"the {self.name} is {given}" if step.result
                         else f"the {self.name} is {given}, not {_or(wanted)}")

    def describe(self, cond):
        return self.prefix + "/".join(cond.arg)


class Event(_OneOf):
    name, kind, fields, vocabulary = "event", "event", ("event",), EVENTS


class Weapon(_OneOf):
    name, kind, fields, vocabulary, prefix = "weapon", "weapon", ("weapon",), WEAPONS, "weapon "


_WHO = {"state": "a state or group of states", "non-state": "a non-state group"}


class By(Operator):
    name, kind, fields = "by", "aggressor", ("by",)

    def parse(self, value, arg, here, ctx, label, cite):
        if arg not in ("state", "non-state"):
            ctx.problem(here, f"'by' takes state or non-state, not '{arg}'", "write by: state or by: non-state")
            return None
        return Condition(self.name, arg, (), label, cite)

    def evaluate(self, cond, env):
        by = env.scenario.by
        if not by:
            return None, (("wanted", cond.arg),), ("by",)
        is_state = by != (NON_STATE,)
        value = is_state if cond.arg == "state" else not is_state
        return value, (("wanted", cond.arg), ("by", by)), ()

    def static(self, cond, fixed):
        return None if fixed.by is None else cond.arg == fixed.by

    def requires(self, cond, instrument, provision):
        return _adversary(provision)

    def sentence(self, step):
        want = _WHO[step.get("wanted")]
        by = step.get("by")
        if step.result is None:
            return _labelled(step, f"the aggressor is {want} (unknown: the scenario does not say who acts)")
        who = "non-state actors" if by == (NON_STATE,) else ", ".join(by)
        return _labelled(step, f"the aggressor ({who}) is {'' if step.result else 'not '}{want}")

    def describe(self, cond):
        return "by a state" if cond.arg == "state" else "by a non-state group"


class ByParty(Operator):
    name, kind, fields = "by-party", "aggressor-party", ("by", "on")

    def parse(self, value, arg, here, ctx, label, cite):
        if not isinstance(arg, bool):
            ctx.problem(here, "'by-party' takes true or false", "write by-party: true")
            return None
        return Condition(self.name, arg, (), label, cite)

    def evaluate(self, cond, env):
        sc, inst = env.scenario, env.instrument
        if not sc.by:
            return None, (), ("by",)
        parties = tuple(s for s in sc.by if _is_party(inst, s, sc.on))
        value = bool(parties) if cond.arg else not parties
        return value, (("parties", parties), ("by", sc.by), ("on", sc.on), ("is_party", bool(parties))), ()

    def sentence(self, step):
        if step.result is None:
            return _labelled(step, "the aggressor is a party (unknown: the scenario does not say who acts)")
        names = ", ".join(step.get("parties") or step.get("by"))
        return _labelled(step, f"the aggressor ({names}) is {'' if step.get('is_party') else 'not '}a party "
                               f"on {step.get('on')}")

    def describe(self, cond):
        return "the aggressor is a party" if cond.arg else "the aggressor is not a party"

    def requires(self, cond, instrument, provision):
        return _adversary(provision)


def _adversary(provision) -> frozenset[str]:
    """Who attacks matters, for a pledge toward the victim (not for the aggressor's own pledges)."""
    if provision.duty in ("non-aggression", "offensive-support"):
        return frozenset()
    return frozenset({"adversary"})


def _is_party(inst, state: str, day) -> bool:
    party = inst.parties.get(state)
    return bool(party) and any(i.contains(day) for i in party.bound)


class Target(Operator):
    name, kind, fields = "target", "target", ("target",)

    def parse(self, value, arg, here, ctx, label, cite):
        states = _states(arg, here, ctx)
        return None if states is None else Condition(self.name, states, (), label, cite)

    def evaluate(self, cond, env):
        return env.scenario.target in cond.arg, (("target", env.scenario.target), ("wanted", cond.arg)), ()

    def sentence(self, step):
        return _labelled(step, f"the target ({step.get('target')}) is {'' if step.result else 'not '}"
                               f"{_or(step.get('wanted'))}")

    def describe(self, cond):
        return "target " + "/".join(cond.arg)

    def requires(self, cond, instrument, provision):
        return frozenset({"fact"})


def _states(value, here, ctx):
    items = _flat(value, here, ctx, "a state code", "POL, LTU")
    if items is None:
        return None
    out = []
    for where, item in items:
        if item is _NESTED:
            continue
        if not isinstance(item, str):
            ctx.problem(where, f"a state must be a code, not {type(item).__name__}", "write e.g. BLR")
            continue
        problem = ctx.check_state(item)
        if problem is not None:
            ctx.problem(where, f"unknown state code '{item}'", problem)
        else:
            out.append(item)
    return tuple(out) if len(out) == len(items) else None


class ScopeOp(Operator):
    """The place falls within one of the instrument's scopes (see :mod:`casus.engine.places`)."""

    name, kind = "scope", "place"

    def parse(self, value, arg, here, ctx, label, cite):
        if not isinstance(arg, str):
            ctx.problem(here, "'scope' takes the name of one scope",
                        "for several, write any: [{scope: a}, {scope: b}]")
            return None
        if arg not in ctx.scopes:
            ctx.problem(here, f"unknown scope '{arg}'",
                        _hint(arg, ctx.scopes, "define it under the file's scopes: key"))
            return None
        return Condition(self.name, arg, (), label, cite)

    def reads(self, cond):
        # a place answer depends on the date (dated geography, the parties on the day), the target,
        # the place and the facts that settle a disputed or unsettled place
        return ("target", "place", "on", "fact:at-is-target-territory", f"fact:in-scope:{cond.arg}")

    def facts(self, cond):
        return ("at-is-target-territory", f"in-scope:{cond.arg}")

    def evaluate(self, cond, env):
        value, text, missing = env.place_check(cond.arg)
        return value, (("scope", cond.arg), ("text", text)), tuple(missing)

    def sentence(self, step):
        return _labelled(step, step.get("text"))

    def describe(self, cond):
        return f"within {cond.arg}"

    def requires(self, cond, instrument, provision):
        territory = instrument.scopes[cond.arg].territory
        return frozenset({"location"}) if territory is None or territory.op != "anywhere" else frozenset()


class Fact(Operator):
    name, kind = "fact", "fact"

    def parse(self, value, arg, here, ctx, label, cite):
        if isinstance(arg, str):
            name, expected = arg, True
        elif isinstance(arg, dict) and len(arg) == 1 and isinstance(next(iter(arg.values())), bool) \
                and isinstance(next(iter(arg)), str):
            name, expected = next(iter(arg.items()))
        else:
            ctx.problem(here, "'fact' takes a fact name, or {name: true|false}", "write fact: state-of-war")
            return None
        if name not in ctx.facts:
            ctx.problem(here, f"fact '{name}' is not declared",
                        _hint(name, ctx.facts, "declare it under the file's facts: key with its question"))
            return None
        return Condition(self.name, (name, expected), (), label, cite)

    def reads(self, cond):
        return (f"fact:{cond.arg[0]}",)

    def facts(self, cond):
        return (cond.arg[0],)

    def evaluate(self, cond, env):
        name, expected = cond.arg
        given = env.scenario.facts.get(name)
        inst = env.instrument
        question = inst.facts[name].question if name in inst.facts else name
        detail = (("fact", name), ("question", question), ("given", given))
        if given is None:
            return None, detail, (name,)
        return given == expected, detail, ()

    def sentence(self, step):
        name, question, given = step.get("fact"), step.get("question"), step.get("given")
        if given is None:
            return _labelled(step, f"{question} (fact '{name}' not given)")
        return _labelled(step, f"{question}: {'yes' if given else 'no'} (fact '{name}')")

    def describe(self, cond):
        name, expected = cond.arg
        return name if expected else f"not {name}"

    def requires(self, cond, instrument, provision):
        name = cond.arg[0]
        return frozenset({"adversary" if name.endswith("adversary") else
                          "location" if name.endswith("location") else "fact"})

    def arg_data(self, arg):
        return {arg[0]: arg[1]}


class During(Operator):
    name, kind, fields = "during", "date", ("on",)

    def parse(self, value, arg, here, ctx, label, cite):
        if not isinstance(arg, dict) or not arg or set(arg) - {"from", "until"} or not all(
                isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in arg.values()):
            ctx.problem(here, "'during' takes {from: YYYY-MM-DD, until: YYYY-MM-DD} (either may be left out)",
                        "write during: {from: 2019-01-01}")
            return None
        start, end = arg.get("from"), arg.get("until")
        if start and end and end <= start:
            ctx.problem(here, "'until' must be after 'from' (the period is [from, until))",
                        "'until' is the first day the condition no longer holds")
            return None
        return Condition(self.name, (start, end), (), label, cite)

    def evaluate(self, cond, env):
        start, end = cond.arg
        on = env.scenario.on
        value = (start is None or start <= on) and (end is None or on < end)
        return value, (("on", on), ("from", start), ("until", end)), ()

    def sentence(self, step):
        start, end = step.get("from"), step.get("until")
        return _labelled(step, f"the date {step.get('on')} is {'' if step.result else 'not '}within "
                               f"[{start or '…'}, {end or '…'})")

    def describe(self, cond):
        start, end = cond.arg
        if start and end:
            return f"from {start.isoformat()} until {end.isoformat()}"
        return f"from {start.isoformat()}" if start else f"until {end.isoformat()}"

    def arg_data(self, arg):
        return {"from": arg[0].isoformat() if arg[0] else None, "until": arg[1].isoformat() if arg[1] else None}


#: Every operator, by name.  A new operator is one new class here, and nothing else.
OPERATORS: dict[str, Operator] = {op.name: op for op in (
    All(), Any(), Not(), Event(), Weapon(), By(), ByParty(), Target(), ScopeOp(), Fact(), During())}

CONDITION_OPS = tuple(OPERATORS)


# --------------------------------------------------------------------------- whole trees


def one_operator(value, path, ops, ctx, what: str) -> str | None:
    """The one operator key of a mapping (a condition, a place predicate); a problem otherwise."""
    if not isinstance(value, dict):
        ctx.problem(path, f"a {what} must be a mapping with one operator", f"use one of: {', '.join(ops)}")
        return None
    keys = [k for k in value if k not in ("label", "cite")]
    if len(keys) != 1:
        ctx.problem(path, f"a {what} needs exactly one operator, found {len(keys)}",
                    f"use one of: {', '.join(ops)}; combine several with all: or any:")
        return None
    if keys[0] not in ops:
        ctx.problem(path + (keys[0],), f"unknown {what} operator '{keys[0]}'", _hint(keys[0], ops))
        return None
    return keys[0]


def parse_condition(value, path, ctx) -> Condition | None:
    """Check one condition mapping of a treaty file; report problems to ``ctx``."""
    name = one_operator(value, path, CONDITION_OPS, ctx, "condition")
    if name is None:
        return None
    label, cite = value.get("label"), value.get("cite")
    for key, given in (("label", label), ("cite", cite)):
        if given is not None and not isinstance(given, str):
            ctx.problem(path + (key,), f"'{key}' takes text",
                        "quote it, e.g. \"4(2)\"" if key == "cite" else "write it as one line of text")
            return None
    return OPERATORS[name].parse(value, value[name], path + (name,), ctx, label, cite)


def reads(cond: Condition) -> frozenset[str]:
    """Every scenario field the value of ``cond`` can depend on (``fact:NAME`` for facts)."""
    found: set[str] = set()
    stack = [cond]
    while stack:
        c = stack.pop()
        found.update(OPERATORS[c.op].reads(c))
        stack.extend(c.children)
    return frozenset(found)


class Evaluation:
    """The outcome of one condition tree: the trace steps and the facts still missing."""

    __slots__ = ("steps", "missing")

    def __init__(self) -> None:
        self.steps: list[TraceStep] = []
        self.missing: list[str] = []


class _Unneeded:
    """The wording of a step whose result is unknown under a combination the other conditions decide."""

    __slots__ = ("inner",)

    def __init__(self, inner):
        self.inner = inner

    def sentence(self, step: TraceStep) -> str:
        return self.inner.sentence(step) + " (not needed: the other conditions settle it)"

    def citation(self, step: TraceStep) -> str:
        return self.inner.citation(step)


def evaluate(cond: Condition, env: Env, out: Evaluation) -> bool | None:
    """Three-valued value of ``cond``; appends a trace step per leaf and the facts that could change it.

    A finding's ``missing`` names only the facts that could still change the
    result: facts under a branch that is already decided are not listed.
    """
    op = cond.op
    if op == "all" or op == "any":
        mark = len(out.missing)
        values, spans = [], []
        for child in cond.children:
            first = len(out.steps)
            values.append(evaluate(child, env, out))
            spans.append((first, len(out.steps)))
        value = kleene(op, values)
        if value is not None:
            del out.missing[mark:]  # a decided branch needs none of the facts missing below it
            for child_value, (first, last) in zip(values, spans):
                # unknown while the others decide, or an alternative of an any that another one holds:
                # the step says it was not needed, so a held finding does not read as failing
                if child_value is None or (op == "any" and value is True and child_value is False):
                    for step in out.steps[first:last]:
                        if not step.moot:
                            step.moot, step.wording = True, _Unneeded(step.wording)
        return value
    if op == "not":
        inner = evaluate(cond.children[0], env, out)
        return None if inner is None else not inner
    operator = OPERATORS[op]
    value, detail, missing = operator.evaluate(cond, env)
    out.missing.extend(missing)
    facts = operator.facts(cond)
    inst, prov = env.instrument, env.provision
    out.steps.append(TraceStep(operator.kind, value, inst.id, prov.id, cond.cite or prov.article, facts,
                               detail, cond.label, operator, inst.short_title))
    return value


def static(cond: Condition, fixed: Fixed) -> tuple[bool | None, Condition | None]:
    """Evaluate ``cond`` with only ``fixed`` known (Kleene logic).

    Returns the value and, when it is unknown, the residual condition: the
    part of the tree that is still undecided, with decided branches removed.
    """
    op = cond.op
    if op in ("all", "any"):
        parts = [static(child, fixed) for child in cond.children]
        value = kleene(op, [v for v, _ in parts])
        if value is not None:
            return value, None
        rest: list[Condition] = []
        for v, residual in parts:
            if v is None:
                rest.extend(residual.children if residual.op == op else (residual,))
        if len(rest) == 1:
            return None, rest[0]
        return None, Condition(op, children=tuple(rest), label=cond.label, cite=cond.cite)
    if op == "not":
        value, residual = static(cond.children[0], fixed)
        if value is not None:
            return not value, None
        return None, Condition("not", children=(residual,), label=cond.label, cite=cond.cite)
    value = OPERATORS[op].static(cond, fixed)
    return (value, None) if value is not None else (None, cond)


def requires(cond: Condition, instrument, provision) -> frozenset[str]:
    """What every way of meeting ``cond`` needs: kinds under ``all`` add up, those under ``any`` intersect."""
    if cond.op == "all":
        return frozenset().union(*(requires(c, instrument, provision) for c in cond.children))
    if cond.op == "any":
        return frozenset.intersection(*(requires(c, instrument, provision) for c in cond.children))
    if cond.op == "not":
        return frozenset()
    return OPERATORS[cond.op].requires(cond, instrument, provision)


def leaves(cond: Condition, positive: bool = True):
    """Every leaf with its polarity (False under an odd number of ``not``)."""
    if cond.op in ("all", "any"):
        for child in cond.children:
            yield from leaves(child, positive)
    elif cond.op == "not":
        yield from leaves(cond.children[0], not positive)
    else:
        yield cond, positive


def describe(cond: Condition) -> str:
    """A compact wording of a condition, e.g. ``by a state and state-of-war``."""
    return OPERATORS[cond.op].describe(cond)


def _nested(cond: Condition) -> str:
    text = describe(cond)
    return f"({text})" if cond.op in ("all", "any") and len(cond.children) > 1 else text


def to_data(cond: Condition | None):
    """A condition as JSON data: ``{op, arg?, children?}``."""
    if cond is None:
        return None
    out: dict = {"op": cond.op}
    if cond.children:
        out["children"] = [to_data(c) for c in cond.children]
    if cond.arg is not None:
        out["arg"] = OPERATORS[cond.op].arg_data(cond.arg)
    return out
