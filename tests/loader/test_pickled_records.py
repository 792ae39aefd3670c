"""The compiled corpus pickles each record as a call of its class (casus.model.records), and loses nothing."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from casus.model.instrument import Corpus, Provision
from casus.model.records import RECORDS, record


@record
class One:
    """A record with one field (pickled by reference: it lives at module level)."""

    name: str


def _records(value, seen=None):
    """Every dataclass instance reachable from ``value``."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for f in dataclasses.fields(value):
            if f.name not in ("memo", "_as"):
                yield from _records(getattr(value, f.name), seen)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _records(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _records(item, seen)


def test_every_record_of_the_builtin_corpus_is_rebuilt_by_its_own_class(corpus):
    found = {type(r) for r in _records(corpus)}
    assert found - {Corpus} <= set(RECORDS), "a class of the compiled corpus is not made with @record"
    assert {"Source", "Condition", "Party", "Provision", "Instrument", "Interval", "PracticeRecord"} <= \
        {kind.__name__ for kind in found}
    for kind in found:
        example = next(r for r in _records(corpus) if type(r) is kind)
        rebuild, args = example.__reduce__()[:2]
        assert rebuild is kind, f"{kind.__name__} does not pickle as a call of its class"
        assert kind(*args) == example


def test_every_record_class_pickles_as_a_call_of_its_class():
    from casus.model import dates, instrument, practice  # noqa: F401 - every record class defined

    assert len(RECORDS) >= 19
    for kind in RECORDS:
        assert kind.__reduce__ is not object.__reduce__, kind
        assert dataclasses.fields(kind), kind


def test_the_corpus_comes_back_equal_and_with_empty_memos(corpus):
    provision = next(p for i in corpus.instruments for p in i.provisions if p.readings)
    provision.read_as(provision.readings[0].name)  # fills the provision's own memo
    corpus.memo["marker"] = object()
    try:
        again = pickle.loads(pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        corpus.memo.pop("marker")
    assert again.instruments == corpus.instruments
    assert again.by_state == corpus.by_state
    assert again.practice == corpus.practice and again.practice
    assert again.memo == {}
    twin = next(p for i in again.instruments for p in i.provisions if p.id == provision.id)
    assert twin._as is None


def test_a_record_is_frozen_and_pickles_with_one_field_too():
    one = One("x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.name = "y"
    assert one.__reduce__() == (One, ("x",))
    again = pickle.loads(pickle.dumps(one))
    assert again == one and type(again) is One
    assert Provision.__reduce__ is not object.__reduce__
    assert Corpus.__reduce__ is not object.__reduce__


def test_a_record_refuses_what_it_could_not_rebuild():
    with pytest.raises(TypeError, match="kw_only"):
        @record
        class Named:
            first: str
            rest: str = dataclasses.field(default="", kw_only=True)
    with pytest.raises(TypeError, match="not subclassed"):
        class More(One):
            pass
