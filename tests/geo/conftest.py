"""Fixtures for the gazetteer tests.

The tests use the packaged data through ``Gazetteer.default()``; tests that
need altered data write a small YAML file of their own.
"""

from __future__ import annotations

import pytest

from casus.geo import Gazetteer


@pytest.fixture(scope="session")
def g() -> Gazetteer:
    return Gazetteer.default()
