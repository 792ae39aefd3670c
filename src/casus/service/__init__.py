"""casus.service: the application layer under every interface.

One function per question, each taking a typed request and returning a
result with ``to_dict()`` (the documented JSON document)::

    ask(corpus, AskRequest(...))          -> Answer          casus.answer/1
    cascade(corpus, CascadeRequest(...))  -> CascadeResult   casus.answer/1 with "cascade"
    readings(corpus, Question(...))       -> ReadingsResult  casus.answer/1 with "readings"
    compare(corpus, CompareRequest(...))  -> Comparison      casus.compare/1
    timeline(corpus, TimelineRequest(...))-> Timeline        casus.timeline/1
    network(corpus, NetworkRequest(...))  -> NetworkResult   node-link JSON, CSV, GraphML
    show(corpus, ID), treaties(corpus), check(paths)

Errors are :class:`casus.CasusError` with a ``field``; :func:`boundary` maps
the errors of other libraries to them, in one place.
"""

from __future__ import annotations

from contextlib import contextmanager

#: what this package gives, and the module of each: imported when first used, so that a question
#: loads only what it needs (``casus ask`` builds no comparison, timeline or network types)
EXPORTS = {
    **dict.fromkeys(["Question", "AskRequest", "AnswerRequest", "ask", "answer", "instrument", "scenario"],
                    "casus.service.questions"),
    **dict.fromkeys(["CascadeRequest", "CascadeResult", "ReadingsResult", "cascade", "readings"],
                    "casus.service.cascades"),
    **dict.fromkeys(["CompareRequest", "TimelineRequest", "NetworkRequest", "NetworkResult", "compare", "timeline",
                     "network"], "casus.service.overviews"),
    **dict.fromkeys(["ShowResult", "TreatiesResult", "CheckResult", "show", "treaties", "check"],
                    "casus.service.catalogue"),
}


def __getattr__(name: str):
    module = EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'casus.service' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(EXPORTS))


def load(folders=(), builtin: bool = True):
    """The corpus: the built-in treaties (unless ``builtin=False``) and the user's folders."""
    from casus.loader.corpus import load_corpus

    return load_corpus(folders, builtin=builtin)


@contextmanager
def boundary():
    """Map errors from other libraries to casus's error root; casus's own pass through.

    Used by every interface around each request, so that a user's mistake
    never ends in a traceback.
    """
    from casus.errors import CasusError, DataError, InputError, OutputError

    try:
        yield
    except CasusError:
        raise
    except RecursionError:
        raise InputError("the input is nested too deeply to be processed",
                         hint="a treaty or scenario file nests its conditions hundreds of levels deep") from None
    except MemoryError:
        raise InputError("the input is too large to be processed", hint="give a smaller file or request") from None
    except BrokenPipeError:
        raise  # the reader went away (e.g. `| head`): not an error in the output; the interface ends quietly
    except UnicodeError as exc:
        raise DataError(f"a file is not valid UTF-8 text: {exc}", hint="save the file as UTF-8") from None
    except OSError as exc:
        name = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        raise OutputError(f"{name}{exc.strerror or exc}",
                          hint="check that the folder exists, is writable and has space") from None


__all__ = [*EXPORTS, "load", "boundary"]
