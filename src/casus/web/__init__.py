"""casus on the web: pages, permalinks and the same JSON as the command line, over casus.service.

``create_app(corpus_dirs)`` builds the ASGI application; ``casus serve``
runs it with uvicorn.  ``casus.web:app`` is the application over the
built-in corpus and the folders in ``CASUS_CORPUS``, for running several
workers behind a reverse proxy::

    uvicorn casus.web:app --workers 4 --host 127.0.0.1 --port 8000
"""

from __future__ import annotations


def create_app(corpus_dirs=(), builtin: bool = True, cache_entries: int = 256):
    """The ASGI application; ``cache_entries=0`` turns the cache of recent answers off."""
    from casus.web.server import create_app as make

    return make(corpus_dirs, builtin, cache_entries)


_app = None


def __getattr__(name: str):
    global _app
    if name == "app":
        if _app is None:
            _app = create_app()
        return _app
    raise AttributeError(name)
