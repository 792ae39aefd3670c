"""Kept for callers of the old name: place conditions live in :mod:`casus.engine.places`.

The other condition operators are defined once each in :mod:`casus.language.operators`.
"""

from __future__ import annotations

from casus.engine.places import _predicate, scope  # noqa: F401
from casus.language.operators import kleene  # noqa: F401
