"""The record type of a compiled corpus: a frozen dataclass that pickles as a call of its class.

A command starts by unpickling the compiled corpus from the cache (some
2,000 records).  Pickle's default restores an instance by filling its
``__dict__``, which gives each instance a dictionary of its own: attribute
reads on it are then about three times slower, and the engine reads them all
the time.  A ``__slots__`` class keeps reads fast but costs more to define at
import and pays a Python call per record for its state.  Pickled as
``Class(*fields)``, a record is rebuilt by its own ``__init__``: nearly as
fast to unpickle as a dictionary, and read as fast as a record made from a
treaty file.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import dataclass_transform

RECORDS: list[type] = []
"""Every class made with :func:`record`, in the order they were defined."""


@dataclass_transform(frozen_default=True)
def record(cls):
    """``@record``: ``@dataclass(frozen=True)``, pickled as a call of the class with its ``init`` fields.

    A keyword-only field could not be given positionally, and a subclass
    would be rebuilt as its parent: both are refused here, not found when a
    cache entry fails to load.
    """
    cls = dataclass(frozen=True)(cls)
    given = [f for f in fields(cls) if f.init]
    if any(f.kw_only for f in given):
        raise TypeError(f"{cls.__name__}: a record's fields are given in order; drop kw_only")
    values = attrgetter(*(f.name for f in given))
    if len(given) == 1:
        def __reduce__(self):
            return cls, (values(self),)
    else:
        def __reduce__(self):
            return cls, values(self)

    def __init_subclass__(sub, **options):
        raise TypeError(f"{sub.__name__}: a record class ({cls.__name__}) is not subclassed")

    cls.__reduce__ = __reduce__
    cls.__init_subclass__ = classmethod(__init_subclass__)
    RECORDS.append(cls)
    return cls
