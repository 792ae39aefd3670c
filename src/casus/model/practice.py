"""Records of practice: dated, sourced uses of a provision (invocations, requests, decisions).

A record says what was done under one provision of one instrument on one
day (``kind``, from :data:`casus.model.vocabulary.PRACTICE_KINDS`), by which
states or body, for which state, and what came of it, in casus's words.  It
is kept apart from statements about coverage (``kind: statement``
instruments) and from claims: a record is an act under the text, not a
reading of it.  The files are described in docs/treaty-format.md ("Record of
practice") and read by :mod:`casus.loader.practice`.
"""

from __future__ import annotations

import datetime as dt

from casus.model.instrument import Source
from casus.model.records import record


@record
class PracticeRecord:
    """One recorded use of a provision: an invocation, request, decision or deployment, dated and sourced."""

    id: str
    instrument: str              # instrument id
    provision: str               # provision id within the instrument
    date: dt.date                # the day of the invocation, request, decision or statement
    kind: str                    # a word of PRACTICE_KINDS
    who: tuple[str, ...]         # the states that acted (ISO alpha-3); may be empty when a body acted
    body: str | None             # the treaty body that acted, if any
    toward: str | None           # the state to be helped or defended, if any
    outcome: str                 # what came of it, a neutral paraphrase
    confidence: str
    sources: tuple[Source, ...]
    provision_confirmed: bool = True  # False: which provision the act rests on is not confirmed
    notes: tuple[str, ...] = ()
    file: str = ""
    line: int = 1

    def actors(self) -> str:
        """Who acted, in a few words: the states, else the body."""
        if self.who:
            return ", ".join(self.who)
        return self.body or "—"

    def states(self) -> set[str]:
        return set(self.who) | ({self.toward} if self.toward else set())

    def brief(self) -> dict:
        """The short form carried on each finding of ``casus ask --json``."""
        return {"id": self.id, "date": self.date.isoformat(), "kind": self.kind, "who": list(self.who),
                "body": self.body, "outcome": self.outcome}

    def to_dict(self) -> dict:
        return {"id": self.id, "instrument": self.instrument, "provision": self.provision,
                "provision_confirmed": self.provision_confirmed, "date": self.date.isoformat(),
                "kind": self.kind, "who": list(self.who), "body": self.body, "toward": self.toward,
                "outcome": self.outcome, "confidence": self.confidence, "notes": list(self.notes),
                "sources": [{"title": s.title, "url": s.url} for s in self.sources]}


def of_provision(records, instrument_id: str, provision_id: str, until: dt.date | None = None) -> tuple:
    """The records of one provision, by date; with ``until``, only those dated on or before it."""
    return tuple(sorted((r for r in records if r.instrument == instrument_id and r.provision == provision_id
                         and (until is None or r.date <= until)), key=lambda r: (r.date, r.id)))
