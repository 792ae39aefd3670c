"""Party events become half-open periods: the day before, of and after each change."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.model.dates import Interval, find

D = dt.date


def test_interval_is_half_open():
    i = Interval(D(2000, 1, 1), D(2000, 2, 1))
    assert not i.contains(D(1999, 12, 31))
    assert i.contains(D(2000, 1, 1))
    assert i.contains(D(2000, 1, 31))
    assert not i.contains(D(2000, 2, 1))


def test_empty_interval_is_rejected():
    with pytest.raises(ValueError):
        Interval(D(2000, 1, 1), D(2000, 1, 1))


def test_ratification_before_entry_into_force_binds_from_entry_into_force(fixture_corpus):
    pol = fixture_corpus.get("test-pact").parties["POL"]
    assert pol.bound == (Interval(D(2000, 3, 1), D(2030, 1, 1)),)  # until the pact ends (terminated 1 Jan 2030)


def test_withdrawal_and_reaccession(fixture_corpus):
    ltu = fixture_corpus.get("test-pact").parties["LTU"]
    assert ltu.bound == (Interval(D(2000, 5, 15), D(2010, 7, 1)), Interval(D(2015, 1, 1), D(2030, 1, 1)))
    for day, expected in [(D(2010, 6, 30), True), (D(2010, 7, 1), False), (D(2010, 7, 2), False),
                          (D(2014, 12, 31), False), (D(2015, 1, 1), True), (D(2015, 1, 2), True)]:
        assert (find(ltu.bound, day) is not None) is expected, day


def test_no_one_is_a_party_once_the_instrument_has_ended(fixture_corpus):
    """The test pact is terminated with effect from 1 Jan 2030: the day before, its parties are bound."""
    from casus.engine.evaluate import membership_step

    pact = fixture_corpus.get("test-pact")
    for day, expected in [(D(2029, 12, 31), True), (D(2030, 1, 1), False), (D(2030, 1, 2), False)]:
        step = membership_step(pact, "POL", day, "party")[0]
        assert step.result is expected, day
    after = membership_step(pact, "POL", D(2030, 1, 1), "party")[0]
    assert "bound until the instrument ended on 2030-01-01" in after.condition


def test_suspension_and_directed_suspension(fixture_corpus):
    lva = fixture_corpus.get("test-pact").parties["LVA"]
    assert lva.suspended == (Interval(D(2012, 1, 1), D(2013, 1, 1)),)
    assert lva.suspended_toward == (("POL", Interval(D(2020, 1, 1), None)),)
    assert lva.caveats and lva.caveats[0][0] == Interval(D(2021, 1, 1), None)


def test_termination_ends_the_instrument(fixture_corpus):
    inst = fixture_corpus.get("test-pact")
    assert inst.in_force == (Interval(D(2000, 3, 1), D(2030, 1, 1)),)
