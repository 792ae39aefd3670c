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
    assert pol.bound == (Interval(D(2000, 3, 1), None),)


def test_withdrawal_and_reaccession(fixture_corpus):
    ltu = fixture_corpus.get("test-pact").parties["LTU"]
    assert ltu.bound == (Interval(D(2000, 5, 15), D(2010, 7, 1)), Interval(D(2015, 1, 1), None))
    for day, expected in [(D(2010, 6, 30), True), (D(2010, 7, 1), False), (D(2010, 7, 2), False),
                          (D(2014, 12, 31), False), (D(2015, 1, 1), True), (D(2015, 1, 2), True)]:
        assert (find(ltu.bound, day) is not None) is expected, day


def test_suspension_and_directed_suspension(fixture_corpus):
    lva = fixture_corpus.get("test-pact").parties["LVA"]
    assert lva.suspended == (Interval(D(2012, 1, 1), D(2013, 1, 1)),)
    assert lva.suspended_toward == (("POL", Interval(D(2020, 1, 1), None)),)
    assert lva.caveats and lva.caveats[0][0] == Interval(D(2021, 1, 1), None)


def test_termination_ends_the_instrument(fixture_corpus):
    inst = fixture_corpus.get("test-pact")
    assert inst.in_force == (Interval(D(2000, 3, 1), D(2030, 1, 1)),)
