"""Parse the condition language of treaty files.

Trigger conditions are parsed by :func:`casus.language.operators.parse_condition`,
where each operator is defined once (its keys are listed there).

Place predicates (inside ``scopes``) use ``all``/``any``/``not`` and the
leaves ``tag: NAME``, ``state: [ISO3, ...]`` and ``administered-by: [ISO3, ...]``,
or one of two words: ``anywhere`` (every place of that kind is covered) and
``unsettled`` (the text does not say; the finding is undetermined until the
user gives the ``in-scope:NAME`` fact).
"""

from __future__ import annotations

from collections.abc import Callable

from casus.errors import Problem
from casus.loader.yamlsrc import Document, Path, dotted
from casus.language.operators import CONDITION_OPS, one_operator, parse_condition  # noqa: F401 (entry points)
from casus.model.instrument import PlacePredicate
from casus.suggest import did_you_mean

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
    return did_you_mean(word, options)


_one_op = one_operator  # one check of "exactly one operator" for conditions and place predicates


def _states(value: object, path: Path, ctx: Context) -> tuple[str, ...]:
    if isinstance(value, list) and not value:
        ctx.problem(path, f"'{path[-1]}' takes a non-empty list", f"write e.g. {path[-1]}: [POL, LTU]")
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for i, item in enumerate(items):
        where = path + ((i,) if isinstance(value, list) else ())
        if isinstance(item, (list, dict)):
            kind = "list" if isinstance(item, list) else "mapping"
            ctx.problem(where, f"a state code is one word, not a {kind}", "write a flat list, e.g. [POL, LTU]")
            continue
        hint = ctx.check_state(str(item))
        if hint is not None:
            ctx.problem(where, f"unknown state code '{item}'", hint)
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


def parse_predicate(value: object, path: Path, ctx: Context) -> PlacePredicate | None:
    if value in ("anywhere", "unsettled"):
        return PlacePredicate(str(value))
    op = _one_op(value, path, PREDICATE_OPS + ("during",), ctx, "place predicate")
    if op is None:
        return None
    assert isinstance(value, dict)
    arg = value[op]
    here = path + (op,)
    if op in ("all", "any", "not"):
        children = _children(op, arg, here, ctx, parse_predicate)
        return None if children is None else PlacePredicate(op, None, children)
    if op == "during":
        # a dated part of a scope (wording that changed on a date): {from: D, until: D}, [from, until)
        import datetime as dt

        if not isinstance(arg, dict) or not arg or set(arg) - {"from", "until"} or not all(
                isinstance(v, dt.date) for v in arg.values()):
            ctx.problem(here, "'during' takes {from: YYYY-MM-DD, until: YYYY-MM-DD} (either may be left out)")
            return None
        start, end = arg.get("from"), arg.get("until")
        if start and end and end <= start:
            ctx.problem(here, "'until' must be after 'from' (the period is [from, until))")
            return None
        return PlacePredicate(op, (start.isoformat() if start else "", end.isoformat() if end else ""))
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
    # state / administered-by: a list of states, or the word `parties`: the instrument's
    # parties on the scenario's date (so a scope never repeats the party list).
    if arg == "parties":
        return PlacePredicate(op, ("parties",))
    if isinstance(arg, list) and "parties" in arg:
        ctx.problem(here, f"'{op}: parties' stands alone; it cannot be mixed with state codes",
                    f"write {op}: parties, and combine with other states using any:")
        return None
    return PlacePredicate(op, _states(arg, here, ctx))
