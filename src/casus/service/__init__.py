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

from casus.service.questions import (  # noqa: F401
    AnswerRequest,
    answer,
    AskRequest,
    CascadeRequest,
    CascadeResult,
    CheckResult,
    CompareRequest,
    NetworkRequest,
    NetworkResult,
    Question,
    ReadingsResult,
    ShowResult,
    TimelineRequest,
    TreatiesResult,
    ask,
    cascade,
    check,
    compare,
    instrument,
    network,
    readings,
    scenario,
    show,
    timeline,
    treaties,
)


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
