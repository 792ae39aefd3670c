"""Every public entry point checks its arguments: a wrong type is a casus.InputError naming the field.

Never a bare TypeError or AttributeError from deep inside; and every entry
point takes the same kinds of date (a date, YYYY-MM-DD, a datetime or
anything with a ``date()`` method, such as a pandas Timestamp).
"""

from __future__ import annotations

import datetime as dt

import pytest

import casus


class Stamp:
    """Stands for a pandas Timestamp: an object whose date() gives the calendar date."""

    def __init__(self, day):
        self._day = day

    def date(self):
        return self._day


DAY = dt.date(2025, 6, 1)

WRONG = [
    ("ask", lambda c: casus.ask(c, 123, target="BLR"), "event"),
    ("ask", lambda c: casus.ask(c, None, target="BLR"), "event"),
    ("ask", lambda c: casus.ask(c, "armed-attack", target=None), "target"),
    ("ask", lambda c: casus.ask(c, "armed-attack", target=""), "target"),
    ("ask", lambda c: casus.ask(c, "armed-attack", target=42), "target"),
    ("ask", lambda c: casus.ask(c, "armed-attack", target=["BLR"]), "target"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", by=7), "by"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", by=[7]), "by"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", by=["POL", None]), "by"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", at=5), "at"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", on=20250601), "on"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", on=[2025, 6, 1]), "on"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", on="1 June 2025"), "on"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", weapon=1), "weapon"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", facts=3), "facts"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", facts=[3]), "facts"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", facts={"critical-threat": "maybe"}), "facts"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", facts={1: True}), "facts"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", reading=3), "reading"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", instruments=[1]), "instruments"),
    ("ask", lambda c: casus.ask(c, "armed-attack", "BLR", only=["maybe"]), "only"),
    ("ask", lambda c: casus.ask("corpus", "armed-attack", "BLR"), "corpus"),
    ("ask", lambda c: casus.ask(None, "armed-attack", "BLR"), "corpus"),
    ("cascade", lambda c: casus.cascade(c, "armed-attack", "BLR", depth="3"), "depth"),
    ("cascade", lambda c: casus.cascade(c, "armed-attack", "BLR", depth=0), "depth"),
    ("cascade", lambda c: casus.cascade(c, "armed-attack", "BLR", depth=True), "depth"),
    ("cascade", lambda c: casus.cascade(c, "armed-attack", "BLR", depth=10 ** 6), "depth"),
    ("cascade", lambda c: casus.cascade(c, "armed-attack", "BLR", escalation=None), "escalation"),
    ("cascade", lambda c: casus.cascade(c, "armed-attack", "BLR", escalation="upward"), "escalation"),
    ("cascade", lambda c: casus.cascade(c, "armed-attack", None), "target"),
    ("readings", lambda c: casus.readings(c, "armed-attack", None), "target"),
    ("readings", lambda c: casus.readings(c, 5, "BLR"), "event"),
    ("compare", lambda c: casus.compare(c, None), "ids"),
    ("compare", lambda c: casus.compare(c, 5), "ids"),
    ("compare", lambda c: casus.compare(c, [1, 2]), "ids"),
    ("compare", lambda c: casus.compare(c, ["anzus-1951"]), "ids"),
    ("compare", lambda c: casus.compare(c, ["anzus-1951", "anzus-1951"]), "ids"),
    ("compare", lambda c: casus.compare(c, ["anzus-1951", "rio-treaty-1947"], reading=5), "reading"),
    ("timeline", lambda c: casus.timeline(c, None), "state"),
    ("timeline", lambda c: casus.timeline(c, 5), "state"),
    ("timeline", lambda c: casus.timeline(c, "BLR", start=5), "start"),
    ("timeline", lambda c: casus.timeline(c, "BLR", end="soon"), "end"),
    ("network", lambda c: casus.network(c, 2025), "on"),
    ("network", lambda c: casus.network(c, "2025-06-01", duty=None), "duty"),
    ("network", lambda c: casus.network(c, "2025-06-01", duty="help"), "duty"),
    ("show", lambda c: casus.show(c, None), "id"),
    ("show", lambda c: casus.show(c, 5), "id"),
    ("show", lambda c: casus.show(c, "no-such-pact"), "id"),
    ("show", lambda c: casus.show([], "anzus-1951"), "corpus"),
    ("check", lambda c: casus.check(5), "paths"),
    ("check", lambda c: casus.check([5]), "paths"),
    ("make_scenario", lambda c: casus.make_scenario(c, "armed-attack", None), "target"),
    ("make_scenario", lambda c: casus.make_scenario(c, "armed-attack", "BLR", on=object()), "on"),
]


@pytest.mark.parametrize("name, call, field", WRONG, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(WRONG)])
def test_a_wrong_argument_is_an_input_error_naming_its_field(corpus, name, call, field):
    with pytest.raises(casus.InputError) as caught:
        call(corpus)
    assert caught.value.field == field
    assert caught.value.to_dict()["error"]["message"]


@pytest.mark.parametrize("on", ["2025-06-01", DAY, dt.datetime(2025, 6, 1, 23, 59), Stamp(DAY)],
                         ids=["text", "date", "datetime", "timestamp"])
def test_every_entry_point_takes_every_kind_of_date(corpus, on):
    assert casus.ask(corpus, "armed-attack", "BLR", by="POL", on=on).scenario.on == DAY
    assert casus.cascade(corpus, "armed-attack", "BLR", by="POL", on=on).scenario.on == DAY
    assert casus.readings(corpus, "threat-of-attack", "RUS", by="POL", on=on).answer.scenario.on == DAY
    assert casus.network(corpus, on).on == DAY
    assert casus.timeline(corpus, "BLR", start=on).start == DAY
    assert casus.make_scenario(corpus, "armed-attack", "BLR", on=on).on == DAY


def test_the_public_api_is_visible_to_tools():
    names = dir(casus)
    for name in ("ask", "cascade", "readings", "compare", "timeline", "network", "show", "check",
                 "AskRequest", "CascadeResult", "InputError", "TraceStep"):
        assert name in names
        assert getattr(casus, name).__module__.startswith("casus")
    assert casus.AskRequest.__module__ == "casus.service.questions"


def test_a_date_left_out_is_today_for_a_question_and_for_the_network(corpus):
    import datetime as dt

    assert casus.network(corpus).on == casus.ask(corpus, "armed-attack", "BLR", by="POL").scenario.on == dt.date.today()


def test_the_service_gives_every_name_it_lists_from_the_module_that_defines_it():
    from casus import service

    for name, module in service.EXPORTS.items():
        assert name in dir(service) and name in service.__all__
        assert getattr(service, name).__module__ == module
    with pytest.raises(AttributeError, match="no attribute 'asks'"):
        service.asks
