"""casus: alliance treaties as rules.

The public API::

    import casus
    corpus = casus.load_corpus()                       # the built-in treaties (+ CASUS_CORPUS folders)
    answer = casus.ask(corpus, "armed-attack", target="BLR", by="POL", on="2025-06-01")
    for finding in answer.findings:
        print(finding.party, finding.status, finding.instrument.id, finding.article)
    answer.to_dict()                                   # the casus.answer/1 JSON document

    scenario = casus.make_scenario(corpus, "armed-attack", "BLR", by="POL", on="2025-06-01")
    result = casus.cascade(corpus, scenario, escalation="reciprocal")   # who joins which side
    result.side("target"), result.conflicts, result.to_dict()
    casus.compare_readings(corpus, scenario).differences  # findings that turn on a contested reading
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "evaluate": "casus.engine.evaluate", "make_scenario": "casus.engine.inputs",
    "CasusError": "casus.errors", "CorpusError": "casus.errors", "InputError": "casus.errors",
    "Problem": "casus.errors", "load_corpus": "casus.loader.corpus", "Answer": "casus.model.finding",
    "Finding": "casus.model.finding", "Reason": "casus.model.finding", "Corpus": "casus.model.instrument",
    "Instrument": "casus.model.instrument", "Provision": "casus.model.instrument",
    "Scenario": "casus.model.scenario", "cascade": "casus.engine.cascade", "Cascade": "casus.model.cascade",
    "compare_readings": "casus.engine.readings",
}

__all__ = sorted([*_EXPORTS, "ask"])


def __getattr__(name: str):
    # Imported on first use, so that `casus --help` and `casus ask --json` start fast.
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'casus' has no attribute {name!r}")


def ask(corpus, event: str, target: str, by=(), at: str | None = None, on=None,
        weapon: str | None = None, facts=None, reading: str | None = None):
    """Normalise the inputs (raising :class:`casus.InputError` on bad ones) and evaluate.

    Returns a :class:`casus.Answer`.
    """
    from casus.engine.evaluate import evaluate
    from casus.engine.inputs import make_scenario

    scenario = make_scenario(corpus, event, target, by=by, at=at, on=on, weapon=weapon, facts=facts,
                             reading=reading)
    return evaluate(corpus, scenario)
