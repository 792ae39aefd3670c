"""casus: alliance treaties as rules.

The public API::

    import casus
    corpus = casus.load_corpus()                       # the built-in treaties (+ CASUS_CORPUS folders)
    answer = casus.ask(corpus, "armed-attack", target="BLR", by="POL", on="2025-06-01")
    for finding in answer.findings:
        print(finding.party, finding.status, finding.instrument.id, finding.article)
    answer.to_dict()                                   # the casus.answer/1 JSON document

    result = casus.cascade(corpus, "armed-attack", target="BLR", by="POL", on="2025-06-01",
                           escalation="reciprocal")   # who joins which side
    result.side("target"), result.cascade.conflicts, result.to_dict()
    casus.readings(corpus, "threat-of-attack", target="RUS", by="POL", on="2025-06-01").differences
    casus.compare(corpus, ["anzus-1951", "rio-treaty-1947"]).to_dict()
    casus.timeline(corpus, "BLR").to_dict(); casus.network(corpus, on="2025-06-01").edges
    casus.claim(corpus, "lukashenko-2020-09-army-will-go-to-war").to_dict()   # casus.claim/1
    casus.verify(corpus, "threat-of-attack", target="BLR", by="LTU", on="2025-06-01",
                 party="RUS", toward="BLR", duty="military-assistance", qualifiers=["before-attack"])

Each function builds a typed request (``casus.AskRequest``, ...) and calls
the application layer, :mod:`casus.service`, which every interface uses.
Bad input raises :class:`casus.InputError` (its ``field`` names the
argument); every error casus raises derives from :class:`casus.CasusError`.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    # the application layer: requests and results
    "AskRequest": "casus.service", "CascadeRequest": "casus.service", "CompareRequest": "casus.service",
    "TimelineRequest": "casus.service", "NetworkRequest": "casus.service", "Question": "casus.service",
    "CascadeResult": "casus.service", "ReadingsResult": "casus.service", "NetworkResult": "casus.service",
    "ShowResult": "casus.service", "CheckResult": "casus.service", "service": None,
    "ClaimRequest": "casus.service.claims", "VerifyRequest": "casus.service.claims",
    "PracticeRequest": "casus.service.practice", "PracticeRecord": "casus.model.practice",
    # the model
    "Answer": "casus.model.finding", "Finding": "casus.model.finding", "TraceStep": "casus.model.trace",
    "Reason": "casus.model.finding", "Corpus": "casus.model.instrument", "Instrument": "casus.model.instrument",
    "Provision": "casus.model.instrument", "Scenario": "casus.model.scenario", "Cascade": "casus.model.cascade",
    "Comparison": "casus.analysis.compare", "Timeline": "casus.analysis.timeline",
    # errors
    "CasusError": "casus.errors", "CorpusError": "casus.errors", "InputError": "casus.errors",
    "NotFound": "casus.errors", "DataError": "casus.errors", "OutputError": "casus.errors",
    "MissingExtra": "casus.errors", "Problem": "casus.errors",
    # lower-level entry points
    "make_scenario": "casus.service.inputs", "evaluate": "casus.engine.evaluate",
}

_FUNCTIONS = ("ask", "cascade", "readings", "compare", "timeline", "network", "show", "treaties", "check",
              "load_corpus", "claims", "claim", "verify", "practice")

__all__ = sorted([*_EXPORTS, *_FUNCTIONS])


def __getattr__(name: str):
    # Imported on first use, so that `casus --help` and `casus ask --json` start fast.
    if name == "service":
        return importlib.import_module("casus.service")
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'casus' has no attribute {name!r}")


def __dir__():
    return __all__


def load_corpus(extra=(), builtin: bool = True):
    """The built-in corpus (unless ``builtin=False``) plus the user's folders (``extra``, ``CASUS_CORPUS``).

    Raises :class:`casus.CorpusError` listing every problem when a treaty file is bad.
    """
    from casus.service import load

    return load(extra, builtin=builtin)


def ask(corpus, event, target, by=(), at=None, on=None, weapon=None, facts=None, reading=None,
        instruments=(), only=()):
    """Who must or may do what in a scenario: a :class:`casus.Answer` (``to_dict()``: casus.answer/1).

    ``on`` is a date, a ``datetime``/``Timestamp`` (its date) or ``YYYY-MM-DD``;
    ``instruments`` and ``only`` keep findings of those instruments / statuses.
    """
    from casus import service

    return service.ask(corpus, service.AskRequest(event, target, by, at, on, weapon, facts, reading,
                                                  tuple(instruments) if not isinstance(instruments, str)
                                                  else (instruments,),
                                                  tuple(only) if not isinstance(only, str) else (only,)))


def cascade(corpus, event, target=None, by=(), at=None, on=None, weapon=None, facts=None, reading=None,
            escalation="none", depth=None, binding_only=False):
    """Who joins which side, round by round: a :class:`casus.CascadeResult`.

    ``event`` may also be a :class:`casus.Scenario` (from :func:`make_scenario`).
    """
    from casus import service
    from casus.model.scenario import Scenario

    if isinstance(event, Scenario):
        sc = event
        by, at, on, weapon, facts, reading = sc.by, sc.at, sc.on, sc.weapon, sc.facts, sc.reading
        event, target = sc.event, sc.target
    return service.cascade(corpus, service.CascadeRequest(event, target, by, at, on, weapon, facts, reading,
                                                          escalation, depth, binding_only))


def readings(corpus, event, target=None, by=(), at=None, on=None, weapon=None, facts=None):
    """The findings that turn on a contested reading: a :class:`casus.ReadingsResult`."""
    from casus import service
    from casus.model.scenario import Scenario

    if isinstance(event, Scenario):
        sc = event
        event, target, by, at, on, weapon, facts = sc.event, sc.target, sc.by, sc.at, sc.on, sc.weapon, sc.facts
    return service.readings(corpus, service.Question(event, target, by, at, on, weapon, facts))


def compare(corpus, ids, reading=None):
    """Instruments side by side: a :class:`casus.Comparison` (``to_dict()``: casus.compare/1)."""
    from casus import service

    return service.compare(corpus, service.CompareRequest(ids, reading))


def timeline(corpus, state, start=None, end=None):
    """Every commitment a state gave and received: a :class:`casus.Timeline` (casus.timeline/1)."""
    from casus import service

    return service.timeline(corpus, service.TimelineRequest(state, start, end))


def network(corpus, on=None, duty="military-assistance"):
    """Commitments to assist on a date (today when ``on`` is None): a :class:`casus.NetworkResult`."""
    from casus import service

    return service.network(corpus, service.NetworkRequest(on, duty))


def show(corpus, instrument_id):
    """One instrument as encoded: a :class:`casus.ShowResult`."""
    from casus import service

    return service.show(corpus, instrument_id)


def treaties(corpus):
    from casus import service

    return service.treaties(corpus)


def check(paths=()):
    """Validate treaty files: a :class:`casus.CheckResult` (problems with file, line, key, hint)."""
    from casus import service

    return service.check(paths)


def claims(corpus, about=None, by=None, folders=None):
    """The claims beside the texts (``to_dict()``: casus.claim/1), about an instrument or state, or by a speaker."""
    from casus.service import claims as service

    return service.claims(corpus, service.ClaimRequest(about, by), folders)


def claim(corpus, claim_id, folders=None):
    """One claim with the verdict of each assertion (``to_dict()``: casus.claim/1)."""
    from casus.service import claims as service

    return service.claim(corpus, claim_id, folders)


def practice(corpus, about=None):
    """The record of practice (``to_dict()``: casus.practice/1): all records, or those of one instrument
    (id or alias), or those a state took part in or was to be helped by."""
    from casus.service import practice as service

    return service.practice(corpus, service.PracticeRequest(about))


def verify(corpus, event, target, party, toward, duty, modality="must", qualifiers=(), by=(), at=None, on=None,
           weapon=None, facts=None, under=()):
    """An assertion given ad hoc, set beside the texts in a scenario (casus.claim/1)."""
    from casus.service import claims as service

    return service.verify(corpus, service.VerifyRequest(event, target, by, at, on, weapon, facts, None, party,
                                                        toward, duty, modality, qualifiers, under))
