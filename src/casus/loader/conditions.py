"""Parse the small condition language of treaty files.

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

Place predicates (inside ``scopes``) use ``all``/``any``/``not`` and the
leaves ``tag: NAME``, ``state: [ISO3, ...]`` and ``administered-by: [ISO3, ...]``,
or one of two words: ``anywhere`` (every place of that kind is covered) and
``unsettled`` (the text does not say; the finding is undetermined until the
user gives the ``in-scope:NAME`` fact).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from casus.errors import Problem
from casus.loader.yamlsrc import Document, Path, dotted
from casus.model.instrument import Condition, PlacePredicate
from casus.model.vocabulary import EVENTS, WEAPONS

CONDITION_OPS = ("all", "any", "not", "event", "weapon", "by", "by-party", "target", "scope", "fact", "during")
PREDICATE_OPS = ("all", "any", "not", "tag", "state", "administered-by")


class Context:
    """What a condition may refer to, and where to report problems."""

    def __init__(self, doc: Document, scopes: set[str], facts: set[str],
                 check_state: Callable[[str], str | None], tags: set[str]):
        self.doc = doc
        self.scopes = scopes
        self.facts = facts
        self.check_state = check_state
        self.tags = tags

    def problem(self, path: Path, message: str, hint: str | None = None) -> None:
        self.doc.problems.append(Problem(self.doc.file, self.doc.line(path), dotted(path), message, hint))


def _nearest(word: object, options) -> str | None:
    found = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.5)
    return f"did you mean '{found[0]}'?" if found else None


def _one_op(value: object, path: Path, ops: tuple[str, ...], ctx: Context, what: str):
    if not isinstance(value, dict):
        ctx.problem(path, f"a {what} must be a mapping with one operator",
                    f"use one of: {', '.join(ops)}")
        return None
    keys = [k for k in value if k not in ("label", "cite")]
    if len(keys) != 1:
        ctx.problem(path, f"a {what} needs exactly one operator, found {len(keys)}",
                    f"use one of: {', '.join(ops)}; combine several with all: or any:")
        return None
    op = keys[0]
    if op not in ops:
        ctx.problem(path + (op,), f"unknown {what} operator '{op}'",
                    _nearest(op, ops) or f"use one of: {', '.join(ops)}")
        return None
    return op


def _empty_list(value: object, path: Path, ctx: Context, op: str, example: str) -> bool:
    """Report ``op: []``: a list that names nothing can never match (and is surely a slip)."""
    if isinstance(value, list) and not value:
        ctx.problem(path, f"'{op}' takes a non-empty list", f"write e.g. {op}: [{example}]")
        return True
    return False


def _not_a_word(item: object, sub: Path, ctx: Context, what: str, example: str) -> bool:
    """Report a list or mapping where one word (or code) belongs."""
    if isinstance(item, (list, dict)):
        kind = "list" if isinstance(item, list) else "mapping"
        article = "an" if what[0] in "aeiou" else "a"
        ctx.problem(sub, f"{article} {what} is one word, not a {kind}", f"write a flat list, e.g. [{example}]")
        return True
    return False


def _word_list(value: object, path: Path, vocabulary, ctx: Context, what: str) -> tuple[str, ...]:
    if _empty_list(value, path, ctx, what, next(iter(vocabulary))):
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for i, item in enumerate(items):
        sub = path + ((i,) if isinstance(value, list) else ())
        if _not_a_word(item, sub, ctx, what, next(iter(vocabulary))):
            continue
        if item not in vocabulary:
            ctx.problem(path + ((i,) if isinstance(value, list) else ()), f"unknown {what} '{item}'",
                        _nearest(item, vocabulary) or f"use one of: {', '.join(vocabulary)}")
        else:
            out.append(item)
    return tuple(out)


def _states(value: object, path: Path, ctx: Context) -> tuple[str, ...]:
    if _empty_list(value, path, ctx, str(path[-1]), "POL, LTU"):
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for i, item in enumerate(items):
        if _not_a_word(item, path + ((i,) if isinstance(value, list) else ()), ctx, "state code", "POL, LTU"):
            continue
        hint = ctx.check_state(str(item))
        if hint is not None:
            ctx.problem(path + ((i,) if isinstance(value, list) else ()),
                        f"unknown state code '{item}'", hint)
        else:
            out.append(str(item))
    return tuple(out)


def _children(op: str, arg: object, here: Path, ctx: Context, parse) -> tuple | None:
    """The parsed operands of ``all``/``any`` (a non-empty list) or ``not`` (one item);
    None when any operand has a problem (already reported)."""
    if op == "not":
        child = parse(arg, here, ctx)
        return (child,) if child else None
    if not isinstance(arg, list) or not arg:
        ctx.problem(here, f"'{op}' takes a non-empty list")
        return None
    children = tuple(c for i, a in enumerate(arg) if (c := parse(a, here + (i,), ctx)))
    return children if len(children) == len(arg) else None


def parse_condition(value: object, path: Path, ctx: Context) -> Condition | None:
    op = _one_op(value, path, CONDITION_OPS, ctx, "condition")
    if op is None:
        return None
    assert isinstance(value, dict)
    arg = value[op]
    here = path + (op,)
    label = value.get("label")
    cite = value.get("cite")
    for name, given in (("label", label), ("cite", cite)):
        if given is not None and not isinstance(given, str):
            ctx.problem(path + (name,), f"'{name}' takes text",
                        "quote it, e.g. \"4(2)\"" if name == "cite" else "write it as one line of text")
            return None
    if op in ("all", "any", "not"):
        children = _children(op, arg, here, ctx, parse_condition)
        return None if children is None else Condition(op, None, children, label, cite)
    if op == "event":
        words = _word_list(arg, here, EVENTS, ctx, "event")
        return Condition(op, words, (), label, cite)
    if op == "weapon":
        words = _word_list(arg, here, WEAPONS, ctx, "weapon")
        return Condition(op, words, (), label, cite)
    if op == "by":
        if arg not in ("state", "non-state"):
            ctx.problem(here, f"'by' takes state or non-state, not '{arg}'")
            return None
        return Condition(op, arg, (), label, cite)
    if op == "by-party":
        if not isinstance(arg, bool):
            ctx.problem(here, "'by-party' takes true or false")
            return None
        return Condition(op, arg, (), label, cite)
    if op == "target":
        return Condition(op, _states(arg, here, ctx), (), label, cite)
    if op == "during":
        import datetime as dt

        if not isinstance(arg, dict) or not arg or set(arg) - {"from", "until"} or not all(
                isinstance(v, dt.date) for v in arg.values()):
            ctx.problem(here, "'during' takes {from: YYYY-MM-DD, until: YYYY-MM-DD} (either may be left out)")
            return None
        start, end = arg.get("from"), arg.get("until")
        if start and end and end <= start:
            ctx.problem(here, "'until' must be after 'from' (the period is [from, until))")
            return None
        return Condition(op, (start, end), (), label, cite)
    if op == "scope":
        if not isinstance(arg, str):
            ctx.problem(here, "'scope' takes the name of one scope",
                        "for several, write any: [{scope: a}, {scope: b}]")
            return None
        if arg not in ctx.scopes:
            ctx.problem(here, f"unknown scope '{arg}'",
                        _nearest(arg, ctx.scopes) or "define it under the file's scopes: key")
            return None
        return Condition(op, arg, (), label, cite)
    # fact
    if isinstance(arg, str):
        name, expected = arg, True
    elif isinstance(arg, dict) and len(arg) == 1 and isinstance(next(iter(arg.values())), bool):
        name, expected = next(iter(arg.items()))
    else:
        ctx.problem(here, "'fact' takes a fact name, or {name: true|false}")
        return None
    if name not in ctx.facts:
        ctx.problem(here, f"fact '{name}' is not declared",
                    _nearest(name, ctx.facts) or "declare it under the file's facts: key with its question")
        return None
    return Condition(op, (name, expected), (), label, cite)


def parse_predicate(value: object, path: Path, ctx: Context) -> PlacePredicate | None:
    if value in ("anywhere", "unsettled"):
        return PlacePredicate(str(value))
    op = _one_op(value, path, PREDICATE_OPS, ctx, "place predicate")
    if op is None:
        return None
    assert isinstance(value, dict)
    arg = value[op]
    here = path + (op,)
    if op in ("all", "any", "not"):
        children = _children(op, arg, here, ctx, parse_predicate)
        return None if children is None else PlacePredicate(op, None, children)
    if op == "tag":
        if not isinstance(arg, str):
            ctx.problem(here, "'tag' takes the name of one place tag",
                        "for several, write any: [{tag: a}, {tag: b}]")
            return None
        if arg not in ctx.tags:
            ctx.problem(here, f"unknown place tag '{arg}'",
                        _nearest(arg, ctx.tags) or "see docs/geography.md for the tags")
            return None
        return PlacePredicate(op, arg)
    return PlacePredicate(op, _states(arg, here, ctx))
