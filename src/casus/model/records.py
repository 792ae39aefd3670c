"""The record type of a compiled corpus: a frozen dataclass that pickles as a call of its class.

A command starts by unpickling the compiled corpus from the cache (some
2,000 records).  Pickle's default restores an instance by filling its
``__dict__``, which gives each instance a dictionary of its own: attribute
reads on it are then about three times slower, and the engine reads them all
the time.  A ``__slots__`` class keeps reads fast but costs more to define at
import and pays a Python call per record for its state.  Pickled as
``Class(*fields)``, a record is rebuilt by its own ``__init__``: as fast to
unpickle as a dictionary, and read as fast as a record made from a treaty file.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import dataclass_transform


@dataclass_transform(frozen_default=True)
def record(cls):
    """``@record``: ``@dataclass(frozen=True)``, pickled as a call of the class with its ``init`` fields."""
    cls = dataclass(frozen=True)(cls)
    names = [f.name for f in fields(cls) if f.init]
    values = attrgetter(*names)
    if len(names) == 1:
        def __reduce__(self):
            return cls, (values(self),)
    else:
        def __reduce__(self):
            return cls, values(self)
    cls.__reduce__ = __reduce__
    return cls
