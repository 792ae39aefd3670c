"""The JSON text of a document, fast: the same bytes as casus.service.documents.dumps.

``json.dumps`` with ``indent`` runs the pure-Python encoder, which takes
about 11 ms for a 230 kB answer; orjson writes the same text (two-space
indent, ``": "`` and ``,`` separators, non-ASCII characters as they are) in
well under a millisecond.  A document orjson cannot write the same way (a
non-text key, an integer beyond 64 bits, a float that is not finite) goes
to ``dumps``; the tests compare the two on every route.
"""

from __future__ import annotations

import math

from casus.service.documents import dumps

try:
    import orjson
except ImportError:  # the web extra without orjson: the standard encoder
    orjson = None


def _plain(value) -> bool:
    """Whether orjson writes ``value`` as json.dumps(indent=2, ensure_ascii=False) does."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return True
    if isinstance(value, int):
        return -(2 ** 63) <= value < 2 ** 64
    if isinstance(value, float):
        return math.isfinite(value) and float(repr(value)) == value and repr(value) == orjson.dumps(value).decode()
    return False


def text(document) -> str:
    if orjson is not None and _plain(document):
        return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")
    return dumps(document)
