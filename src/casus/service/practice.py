"""The record of practice: how provisions have been used (invocations, requests, decisions).

::

    practice(corpus)                                 -> PracticeList   casus.practice/1
    practice(corpus, PracticeRequest(about="nato"))  -> the records of one instrument
    practice(corpus, PracticeRequest(about="ARM"))   -> the records a state took part in or was helped by
    findings_with_practice(corpus, findings)         -> each finding with its provision's records

The records are read with the corpus (``corpus/practice/`` and the
``practice/`` folder of each ``--corpus`` folder) and kept on it
(``corpus.practice``).  Bad input raises :class:`casus.InputError` (or
:class:`casus.NotFound`) naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from casus.errors import InputError, NotFound
from casus.model.instrument import Corpus
from casus.service import inputs
from casus.suggest import hint as _hint

FORMAT = "casus.practice/1"


@dataclass(frozen=True)
class PracticeRequest:
    """``practice``: all records, or those of one instrument (id or alias), or of one state."""

    about: str | None = None


@dataclass(frozen=True)
class PracticeList:
    """The recorded uses of provisions asked for, by date (``casus.practice/1``)."""

    records: tuple            # of casus.model.practice.PracticeRecord, by date
    about: str | None = None  # the instrument id or state code asked about
    about_kind: str | None = None  # "instrument" or "state"

    def to_dict(self) -> dict:
        return {"format": FORMAT, "about": self.about, "about_kind": self.about_kind,
                "records": [r.to_dict() for r in self.records]}


def practice(corpus: Corpus, request: PracticeRequest | None = None, *, about: str | None = None) -> PracticeList:
    """The records of practice, optionally of one instrument or involving one state."""
    inputs.checked_corpus(corpus)
    request = request or PracticeRequest(about)
    if request.about is None:
        return PracticeList(tuple(corpus.practice))
    if not isinstance(request.about, str) or not request.about.strip():
        raise InputError("about must be a non-empty text", field="about",
                         hint="give an instrument id or alias, or a state code, e.g. nato or ARM")
    text = request.about.strip()
    inst = corpus.get(text)
    if inst is not None:
        return PracticeList(tuple(r for r in corpus.practice if r.instrument == inst.id), inst.id, "instrument")
    from casus.geo import Gazetteer

    try:
        code = inputs.state(corpus, Gazetteer.default(), text, "about")
    except InputError:
        raise NotFound(f"'{text}' names no instrument and no state", field="about",
                       hint=_hint(text, [i.id for i in corpus.instruments],
                                  "give an instrument id or alias (see casus treaties) or a state code")) from None
    return PracticeList(tuple(r for r in corpus.practice if code in r.states()), code, "state")


def findings_with_practice(corpus: Corpus, findings, until=None) -> tuple:
    """Each finding with the records of its provision (dated on or before ``until``, when given)."""
    if not corpus.practice:
        return tuple(findings)
    index = corpus.memo.get(_INDEX)
    if index is None:  # (instrument id, provision id) -> records, by date; made once per corpus
        index = {}
        for r in corpus.practice:
            index.setdefault((r.instrument, r.provision), []).append(r)
        index = corpus.memo[_INDEX] = {k: tuple(v) for k, v in index.items()}
    from casus.model.finding import Finding

    out = []
    shown: dict = {}  # (instrument id, provision id) -> the records up to ``until``, worked out once
    for f in findings:
        key = (f.instrument.id, f.provision.id)
        records = shown.get(key)
        if records is None:
            records = index.get(key, ())
            if records and until is not None:
                records = tuple(r for r in records if r.date <= until)
            shown[key] = records
        # a new finding (the engine's own are left as they are); built directly, as replace() is slow
        out.append(Finding(f.instrument, f.provision, f.party, f.beneficiary, f.status, f.trace, f.missing,
                           f.caveats, records) if records else f)
    return tuple(out)


_INDEX = "practice-by-provision"


__all__ = ["PracticeRequest", "PracticeList", "practice", "findings_with_practice"]
