"""Query parameters: read, bounded and turned into casus.service requests.

Every page's URL holds its whole question, so the parameters are the
request fields of :mod:`casus.service` under the same names (``fact`` and
``instrument`` repeat, like the command line's ``--fact`` and
``--instrument``).  Each parameter is bounded in size and number, and a
request over a limit gets an :class:`InputError` that names the limit and
the field.  Unknown parameters are ignored (links shared through mail and
social sites gain tracking parameters) and left out of the permalink.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from casus.errors import InputError

#: The limits on one request, documented in docs/web.md and the OpenAPI description.
LIMITS = {
    "query": 4096,      # characters in the whole query string
    "value": 200,       # characters in one parameter value
    "by": 16,           # aggressors
    "facts": 32,        # facts given
    "instruments": 20,  # instrument filters, or instruments compared
    "depth": 10,        # cascade rounds
}

ASK_FIELDS = ("event", "target", "by", "at", "on", "weapon", "fact", "reading", "instrument", "only")
CASCADE_FIELDS = ("event", "target", "by", "at", "on", "weapon", "fact", "reading", "escalation", "depth",
                  "binding_only")


class LimitError(InputError):
    """A request over one of :data:`LIMITS`."""

    code = "over-limit"


class Query:
    """The query parameters of one request, checked against the limits as they are read."""

    def __init__(self, params, raw: str = ""):
        if len(raw) > LIMITS["query"]:
            raise LimitError(f"the query is limited to {LIMITS['query']} characters, got {len(raw)}",
                             field="query", hint="ask a smaller question")
        self.params = params

    def one(self, name: str, field: str | None = None) -> str | None:
        """The parameter's value, stripped; ``None`` when absent or empty."""
        values = self.many(name, field, limit=None)
        if len(values) > 1:
            raise InputError(f"'{name}' is given {len(values)} times", field=field or name,
                             hint=f"give {name} once")
        return values[0] if values else None

    def many(self, name: str, field: str | None = None, limit: int | None = None,
             split: str | None = None, what: str | None = None) -> list[str]:
        out: list[str] = []
        for value in self.params.getlist(name):
            if len(value) > LIMITS["value"]:
                raise LimitError(f"'{name}' is limited to {LIMITS['value']} characters per value, "
                                 f"got {len(value)}", field=field or name, hint="give a shorter value")
            parts = [value]
            if split:
                for sep in split:
                    parts = [piece for part in parts for piece in part.split(sep)]
            out += [p.strip() for p in parts if p.strip()]
        if limit is not None and len(out) > limit:
            raise LimitError(f"at most {limit} {what or name} are accepted in one request, got {len(out)}",
                             field=field or name, hint=f"give at most {limit}")
        return out

    def flag(self, name: str) -> bool:
        value = self.one(name)
        if value is None:
            return False
        text = value.lower()
        if text in ("yes", "true", "1", "on"):
            return True
        if text in ("no", "false", "0", "off"):
            return False
        raise InputError(f"'{name}' takes yes or no, not '{value}'", field=name, hint=f"e.g. {name}=yes")


def date_or_none(value: str | None, field: str) -> dt.date | None:
    from casus.service.inputs import day

    return day(value, field, default_today=False) if value else None


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


# ------------------------------------------------------------------------------------- scenario


def scenario_values(q: Query, cascade: bool = False) -> dict:
    """The scenario's parameters, in the order a permalink gives them."""
    values = {
        "event": q.one("event"),
        "target": q.one("target"),
        "by": q.many("by", limit=LIMITS["by"], split=",", what="aggressors"),
        "at": q.one("at"),
        "on": q.one("on"),
        "weapon": q.one("weapon"),
        "fact": q.many("fact", limit=LIMITS["facts"], split="\n,", what="facts"),
        "reading": q.one("reading"),
    }
    if cascade:
        values["escalation"] = q.one("escalation")
        depth = q.one("depth")
        if depth is not None:
            try:
                number = int(depth)
            except ValueError:
                raise InputError(f"the depth must be a whole number, got '{depth}'", field="depth",
                                 hint="e.g. depth=3") from None
            if number > LIMITS["depth"]:
                raise LimitError(f"the depth is limited to {LIMITS['depth']} rounds on the web, got {number}",
                                 field="depth", hint=f"give at most {LIMITS['depth']}")
            values["depth"] = number
        else:
            values["depth"] = None
        values["binding_only"] = q.flag("binding_only")
    else:
        values["instrument"] = q.many("instrument", limit=LIMITS["instruments"], what="instruments")
        values["only"] = q.many("only", limit=3, what="statuses")
    if values["event"] is None:
        raise InputError("the event is missing", field="event",
                         hint="e.g. event=armed-attack (see the ask form for the events)")
    if values["target"] is None:
        raise InputError("the target state is missing", field="target",
                         hint="give an ISO code or English name, e.g. target=BLR or target=Belarus")
    if values["on"] is not None:
        date_or_none(values["on"], "on")  # a bad date is named before any work
    return values


def ask_request(values: dict):
    from casus import service

    return service.AskRequest(values["event"], values["target"], tuple(values["by"]), values["at"], values["on"],
                              values["weapon"], list(values["fact"]), values["reading"],
                              tuple(values["instrument"]), tuple(values["only"]))


def cascade_request(values: dict):
    from casus import service

    return service.CascadeRequest(values["event"], values["target"], tuple(values["by"]), values["at"],
                                  values["on"], values["weapon"], list(values["fact"]), values["reading"],
                                  values["escalation"] or "none", values["depth"], values["binding_only"])


def query_string(values: dict) -> str:
    """The canonical query of a question: fixed order, empty values left out."""
    pairs: list[tuple[str, str]] = []
    for name, value in values.items():
        if value is None or value is False or value == [] or value == ():
            continue
        if value is True:
            pairs.append((name, "yes"))
        elif isinstance(value, (list, tuple)):
            pairs += [(name, str(v)) for v in value]
        else:
            pairs.append((name, str(value)))
    return urlencode(pairs)


def with_fact(values: dict, name: str, truth: bool) -> dict:
    """The same question with one fact set (a "what if" link)."""
    facts = [f for f in values.get("fact", []) if f.split("=", 1)[0].strip() != name]
    facts.append(f"{name}={'yes' if truth else 'no'}")
    return {**values, "fact": facts}
