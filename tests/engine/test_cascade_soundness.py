"""Property: giving a missing fact never removes a definite join from a cascade.

A join whose whole chain is triggered rests only on triggered findings, and
those do not change when a missing fact is given (tests/engine/test_soundness.py);
so the same state joins the same side in the same round.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casus.engine.cascade import cascade
from casus.model.scenario import Scenario

EVENTS = ["armed-attack", "threat-of-attack"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_giving_a_fact_keeps_every_definite_join(corpus, data):
    states = list(corpus.states())
    target = data.draw(st.sampled_from(states), label="target")
    aggressor = data.draw(st.sampled_from([s for s in states if s != target]), label="by")
    day = dt.date(1995, 1, 1) + dt.timedelta(days=data.draw(st.integers(0, 11500), label="day"))
    escalation = data.draw(st.sampled_from(["none", "reciprocal"]), label="escalation")
    scenario = Scenario(data.draw(st.sampled_from(EVENTS), label="event"), target, day, (aggressor,))
    before = cascade(corpus, scenario, escalation)
    missing = sorted({m for j in before.joins() if j.via for m in j.via.missing if m != "by"})
    if not missing:
        return
    fact = data.draw(st.sampled_from(missing), label="fact")
    value = data.draw(st.booleans(), label="value")
    after = cascade(corpus, Scenario(scenario.event, target, day, (aggressor,), facts={fact: value}), escalation)
    now = {j.state: j for j in after.joins()}
    for j in before.joins():
        if j.status == "triggered":
            assert j.state in now, (j.state, fact, value)
            assert (now[j.state].side, now[j.state].round) == (j.side, j.round), (j.state, fact, value)
