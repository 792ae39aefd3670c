"""Turn what a user gives into a :class:`Scenario`, with errors that name the field.

Every error is a :class:`casus.InputError` whose ``field`` is the request
field (``event``, ``target``, ``by``, ``at``, ``on``, ``weapon``, ``facts``,
``reading``): the command line maps it to a flag, the web to a query
parameter.  Wrong types (a number for an event, ``None`` for a target) are
input errors too, never a bare ``TypeError``.

Dates: a ``datetime.date``, an ISO text ``YYYY-MM-DD``, or anything with a
``date()`` method (a ``datetime``, a pandas ``Timestamp``), which is taken as
its calendar date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from casus.errors import InputError
from casus.model.dates import parse
from casus.model.instrument import Corpus
from casus.model.scenario import NON_STATE, Scenario
from casus.model.vocabulary import EVENTS, WEAPONS
from casus.suggest import hint as _hint

_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


def checked_corpus(value) -> Corpus:
    """``value``, when it is a loaded corpus."""
    from casus.model.instrument import Corpus as _Corpus

    if not isinstance(value, _Corpus):
        raise InputError(f"a corpus is wanted, not {type(value).__name__}", field="corpus",
                         hint="load one with casus.load_corpus()")
    return value


def texts(values, field: str, example: str = "['anzus-1951', 'rio-treaty-1947']") -> tuple[str, ...]:
    """A text, or a list of texts, as a tuple; nothing for None."""
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    try:
        items = tuple(values)
    except TypeError:
        raise InputError(f"{field} must be a list of texts, not {type(values).__name__}", field=field,
                         hint=f"e.g. {example}") from None
    for item in items:
        if not isinstance(item, str):
            raise InputError(f"{field} must hold texts, not {type(item).__name__}", field=field,
                             hint=f"e.g. {example}")
    return items


def choice(value, options, what: str, field: str) -> str:
    """``value`` if it is one of ``options``; else an error naming the nearest."""
    if not isinstance(value, str):
        raise InputError(f"{what} must be text, not {type(value).__name__}", field=field,
                         hint="use one of: " + ", ".join(options))
    if value in options:
        return value
    raise InputError(f"unknown {what} '{value}'", field=field, hint=_hint(value, list(options)))


def day(value, field: str = "on", default_today: bool = True) -> dt.date | None:
    """A date from a ``date``, ``datetime``/``Timestamp`` (its date) or ISO text."""
    if value is None:
        return dt.date.today() if default_today else None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) and callable(getattr(value, "date", None)):
        try:
            result = value.date()  # pandas Timestamp, numpy datetime wrappers
        except Exception:  # noqa: BLE001 - a foreign object: say what is wanted
            result = None
        if isinstance(result, dt.date):
            return result
    if not isinstance(value, str):
        raise InputError(f"a date is wanted, not {type(value).__name__}", field=field,
                         hint="give a datetime.date or YYYY-MM-DD, e.g. 2025-06-01")
    try:
        return parse(value.strip())
    except ValueError:
        raise InputError(f"'{value}' is not a date", field=field, hint=_date_hint(value.strip())) from None


def _date_hint(text: str) -> str:
    """What is wrong with a date that has the YYYY-MM-DD shape (no such month, or no such day), else the shape."""
    import calendar
    import re

    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m is None:
        return "write it as YYYY-MM-DD, e.g. 2025-06-01"
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}: the month comes second, 01 to 12 (YYYY-MM-DD)"
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    return f"{calendar.month_name[month]} {year} has {days} days (YYYY-MM-DD)"


def make_scenario(corpus: Corpus, event: str, target: str, by=(), at: str | None = None,
                  on=None, weapon: str | None = None,
                  facts: Mapping[str, object] | Iterable[str] | None = None, gazetteer=None,
                  reading: str | None = None) -> Scenario:
    """Normalise user input into a scenario; raise :class:`InputError` (with its field) on bad input.

    ``by`` takes state codes (any ISO form or English name), a comma-separated
    text of them, or ``non-state``; ``facts`` takes a mapping or ``NAME=VALUE``
    strings with yes/no values; ``reading`` names a reading of contested
    provisions (see ``casus show``).
    """
    checked_corpus(corpus)
    if gazetteer is None:
        from casus.geo import Gazetteer

        gazetteer = Gazetteer.default()
    event = choice(event, EVENTS, "event", "event")
    if not isinstance(target, str) or not target.strip():
        raise InputError("the target state is missing" if target is None or target == ""
                         else f"the target must be a state code or name, not {type(target).__name__}",
                         field="target", hint="give an ISO code or English name, e.g. BLR or Belarus")
    target_code = state(corpus, gazetteer, target, "target")
    by_codes = _aggressors(corpus, gazetteer, by)
    place = None
    if at is not None:
        if not isinstance(at, str):
            raise InputError(f"a place code is wanted, not {type(at).__name__}", field="at",
                             hint="e.g. US-HI, GU or mediterranean-sea")
        if at.strip():
            place = _geo(lambda: gazetteer.place(at.strip()).code, "at")
    if NON_STATE in by_codes and len(by_codes) > 1:
        raise InputError("the aggressors are states or 'non-state', not both", field="by",
                         hint="give either state codes or non-state")
    if target_code in by_codes:
        raise InputError(f"{target_code} is both the target and an aggressor", field="by",
                         hint="give the other side as the aggressors")
    if event == "terrorist-attack":
        if any(code != NON_STATE for code in by_codes):
            raise InputError("a terrorist-attack is by a non-state group", field="by",
                             hint="give non-state or no aggressor (for an attack by a state, use armed-attack)")
        by_codes = [NON_STATE]
    when = day(on, "on")
    weapon = choice(weapon if weapon is not None else "conventional", WEAPONS, "weapon", "weapon")
    parsed = _facts(corpus, facts)
    if reading is not None:
        names = corpus.readings()
        if not names:
            raise InputError(f"no provision in the corpus has readings, so there is no reading '{reading}'",
                             field="reading", hint="leave the reading out")
        reading = choice(reading, sorted(names), "reading", "reading")
    return Scenario(event=event, target=target_code, on=when, by=tuple(dict.fromkeys(by_codes)),
                    at=place, weapon=weapon, facts=parsed, reading=reading)


def _aggressors(corpus, gazetteer, by) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        by = [b for b in by.split(",") if b.strip()]
    elif not isinstance(by, Iterable):
        raise InputError(f"the aggressors must be state codes, not {type(by).__name__}", field="by",
                         hint="give a code, a list of codes, or non-state")
    codes: list[str] = []
    for item in by:
        if not isinstance(item, str):
            raise InputError(f"an aggressor must be a state code, not {type(item).__name__}", field="by",
                             hint="e.g. POL, or non-state")
        item = item.strip()
        if item.lower() in (NON_STATE, "nonstate", "non_state"):
            codes.append(NON_STATE)
        else:
            codes.append(state(corpus, gazetteer, item, "by"))
    return codes


def _facts(corpus, facts) -> dict[str, bool]:
    if facts is None:
        return {}
    if isinstance(facts, Mapping):
        items = list(facts.items())
    elif isinstance(facts, str):
        items = [_split(facts)]
    elif isinstance(facts, Iterable):
        items = []
        for f in facts:
            if not isinstance(f, str):
                raise InputError(f"a fact must be NAME=VALUE text, not {type(f).__name__}", field="facts",
                                 hint="e.g. state-of-war=yes")
            items.append(_split(f))
    else:
        raise InputError(f"facts must be a mapping or NAME=VALUE texts, not {type(facts).__name__}",
                         field="facts", hint="e.g. {'state-of-war': True}")
    known = corpus.fact_names()
    parsed: dict[str, bool] = {}
    for name, value in items:
        name = choice(name, known, "fact", "facts")
        truth = _bool(name, value)
        if name in parsed and parsed[name] != truth:
            raise InputError(f"fact '{name}' is given twice, as yes and as no", field="facts",
                             hint="give each fact once")
        parsed[name] = truth
    return parsed


def state(corpus: Corpus, gazetteer, code: str, field: str) -> str:
    """An ISO state, or a ``COW-NNN`` polity that the corpus lists (imported historical alliances)."""
    text = code.strip()
    if text.upper().startswith("COW-") and text[4:].isdigit():
        canonical = f"COW-{int(text[4:])}"
        if canonical in corpus.by_state:
            return canonical
        raise InputError(f"no instrument in the corpus lists {canonical}", field=field,
                         hint="COW-NNN codes name polities with no ISO code in imported corpora such as atop")
    return _geo(lambda: gazetteer.state(text), field)


def _geo(call, field: str):
    from casus.geo import GeoError

    try:
        return call()
    except GeoError as exc:
        raise InputError(exc.message, field=field, hint=exc.hint) from None


def _split(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise InputError(f"a fact takes NAME=VALUE, got '{text}'", field="facts", hint="e.g. state-of-war=yes")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def _bool(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InputError(f"fact '{name}' takes yes or no (true/false), not '{value}'", field="facts",
                     hint=f"e.g. {name}=yes")
