"""Build a :class:`Scenario` from what a user typed, with clear errors."""

from __future__ import annotations

import datetime as dt
import difflib

from casus.errors import InputError
from casus.model.dates import parse
from casus.model.instrument import Corpus
from casus.model.scenario import NON_STATE, Scenario
from casus.model.vocabulary import EVENTS, WEAPONS

_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


def _choice(value: str, options, what: str) -> str:
    if value in options:
        return value
    near = difflib.get_close_matches(value, list(options), n=1, cutoff=0.4)
    hint = f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(options)}"
    raise InputError(f"unknown {what} '{value}'; {hint}")


def make_scenario(corpus: Corpus, event: str, target: str, by=(), at: str | None = None,
                  on: str | dt.date | None = None, weapon: str | None = None,
                  facts: dict[str, object] | list[str] | None = None, gazetteer=None,
                  reading: str | None = None) -> Scenario:
    """Normalise user input into a scenario; raise :class:`InputError` on bad input.

    ``by`` takes state codes (any ISO form or English name) or ``non-state``;
    ``facts`` takes a mapping or ``NAME=VALUE`` strings with yes/no values;
    ``reading`` names a reading of contested provisions (see ``casus show``).
    """
    if gazetteer is None:
        from casus.geo import Gazetteer

        gazetteer = Gazetteer.default()
    from casus.geo import GeoError

    event = _choice(event, EVENTS, "event")
    try:
        target_code = _state(corpus, gazetteer, target)
        if isinstance(by, str):
            by = [b for b in by.split(",") if b.strip()]
        by_codes: list[str] = []
        for item in by:
            item = item.strip()
            if item.lower() in (NON_STATE, "nonstate", "non_state"):
                by_codes.append(NON_STATE)
            else:
                by_codes.append(_state(corpus, gazetteer, item))
        place = gazetteer.place(at).code if at else None
    except GeoError as exc:
        raise InputError(str(exc)) from None
    if NON_STATE in by_codes and len(by_codes) > 1:
        raise InputError("--by takes states or 'non-state', not both")
    if target_code in by_codes:
        raise InputError(f"{target_code} is both the target and an aggressor; give the other side with --by")
    if event == "terrorist-attack":
        if any(code != NON_STATE for code in by_codes):
            raise InputError("a terrorist-attack is by a non-state group; give --by non-state or leave it out "
                             "(for an attack by a state, use armed-attack)")
        by_codes = [NON_STATE]
    if on is None:
        day = dt.date.today()
    elif isinstance(on, dt.date):
        day = on
    else:
        try:
            day = parse(on)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    weapon = _choice(weapon or "conventional", WEAPONS, "weapon")
    known = corpus.fact_names()
    parsed: dict[str, bool] = {}
    items = facts.items() if isinstance(facts, dict) else [_split(f) for f in (facts or [])]
    for name, value in items:
        name = _choice(name, known, "fact")
        parsed[name] = _bool(name, value)
    if reading is not None:
        names = corpus.readings()
        if not names:
            raise InputError(f"no provision in the corpus has readings, so there is no reading '{reading}'")
        reading = _choice(reading, sorted(names), "reading")
    return Scenario(event=event, target=target_code, on=day, by=tuple(dict.fromkeys(by_codes)),
                    at=place, weapon=weapon, facts=parsed, reading=reading)


def _state(corpus: Corpus, gazetteer, code: str) -> str:
    """An ISO state, or a ``COW-NNN`` polity that the corpus lists (imported historical alliances)."""
    text = code.strip()
    if text.upper().startswith("COW-") and text[4:].isdigit():
        canonical = f"COW-{int(text[4:])}"
        if canonical in corpus.by_state:
            return canonical
        raise InputError(f"no instrument in the corpus lists {canonical}; COW-NNN codes name polities "
                         "with no ISO code in imported corpora such as --corpus atop")
    return gazetteer.state(text)


def _split(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise InputError(f"--fact takes NAME=VALUE, got '{text}'; e.g. --fact state-of-war=yes")
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
    raise InputError(f"fact '{name}' takes yes or no (true/false), not '{value}'")
