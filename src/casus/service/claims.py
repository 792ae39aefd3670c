"""Claims beside the texts: list claims, evaluate one, or verify an assertion given ad hoc.

::

    claims(corpus, ClaimRequest(about=..., by=...))  -> ClaimList      casus.claim/1 (a list)
    claim(corpus, ID)                                -> ClaimVerdicts  casus.claim/1
    verify(corpus, VerifyRequest(...))               -> ClaimVerdicts  casus.claim/1

Claims are read from ``corpus/claims/`` (and from the ``claims/`` folder of
each ``--corpus`` / ``CASUS_CORPUS`` folder); their verdicts are computed
from the treaty corpus given, every time.  Bad input raises
:class:`casus.InputError` (or :class:`casus.NotFound`) naming the field.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from casus.errors import CorpusError, InputError, NotFound, Problem
from casus.model.instrument import Corpus
from casus.model.vocabulary import CLAIM_MODALITIES, DUTIES, QUALIFIERS
from casus.service import inputs
from casus.service.questions import Question
from casus.suggest import hint as _hint

FORMAT = "casus.claim/1"


@dataclass(frozen=True)
class ClaimRequest:
    """``claims``: keep the claims about an instrument or a state, or by a speaker."""

    about: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class VerifyRequest(Question):
    """``verify``: an assertion given ad hoc, in the scenario of a :class:`Question`."""

    party: str = ""
    toward: str = ""
    duty: str = ""
    modality: str = "must"
    qualifiers: tuple[str, ...] = ()
    under: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimList:
    """The claims asked for, each with its verdicts (``casus claims --json``)."""

    claims: tuple  # of casus.analysis.claims.ClaimVerdicts

    def to_dict(self) -> dict:
        rows = []
        for cv in self.claims:
            row = cv.claim.summary_dict()
            row["verdicts"] = [{"party": v.assertion.party, "toward": v.assertion.toward,
                                "duty": v.assertion.duty, "modality": v.assertion.modality,
                                "scenario": v.scenario_name, "verdict": v.verdict} for v in cv.verdicts]
            rows.append(row)
        return {"format": FORMAT, "claims": rows}


# --------------------------------------------------------------------------- where claims are


def said(assertion) -> str:
    """An assertion in words, as the interfaces head it: ``RUS must give BLR military assistance (immediately)``.

    ``assertion`` is the loaded assertion, or its part of a ``casus.claim/1`` document (a dict).
    """
    from casus.analysis.claims import said as words, said_of

    if isinstance(assertion, dict):
        return said_of(assertion["party"], assertion["modality"], assertion["duty"], assertion["toward"],
                       assertion.get("qualifiers", ()))
    return words(assertion)


def claim_folders(extra=(), builtin: bool = True) -> list[Path]:
    from casus.loader.corpus import builtin_dir, unique, user_dirs

    return unique(([builtin_dir()] if builtin else []) + user_dirs(tuple(extra)))  # a folder given twice: once


def _all(corpus: Corpus, folders) -> list:
    from casus.loader.claims import claim_files, load_or_raise

    key = ("claims", tuple(str(f) for f in folders))
    found = corpus.memo.get(key)
    if found is None:
        found = corpus.memo[key] = load_or_raise(claim_files(folders))
    return found


def _one(corpus: Corpus, claim_id: str, folders):
    from casus.loader.claims import claim_files, claims_dir, load_or_raise

    paths = [claims_dir(Path(f)) / f"{claim_id}.yaml" for f in folders]
    paths = [p for p in paths if p.is_file()]
    if paths:  # in two folders, the second is the problem "claim id ... is already used by", as for casus claims
        return load_or_raise(paths)[0]
    ids = [p.stem for p in claim_files(folders)]
    raise NotFound(f"no claim '{claim_id}'", field="id", hint=_hint(claim_id, ids, "see casus claims for the ids"))


# --------------------------------------------------------------------------- the questions


def claims(corpus: Corpus, request: ClaimRequest | None = None, folders=None, *, about=None, by=None):
    """The claims (with their verdicts), optionally about an instrument or state, or by a speaker."""
    from casus.analysis.claims import judge_claim

    request = request or ClaimRequest(about, by)
    folders = claim_folders() if folders is None else list(folders)
    found = _all(corpus, folders)
    if request.about is not None:
        about = _text(request.about, "about")
        named = corpus.get(about)  # an alias (nato, csto) is the instrument's id
        about = named.id if named is not None else about
        # else a state, looked up once and only when a claim needs it (no claims: no error)
        state = None if named is not None else functools.cache(lambda: _about_state(corpus, about))
        found = [c for c in found if _is_about(c, about, state)]
    if request.by is not None:
        who = _text(request.by, "by").lower()
        found = [c for c in found if who in c.speaker.lower() or who in c.role.lower() or who == c.side.lower()]
    return ClaimList(tuple(judge_claim(corpus, c, scenarios(corpus, c)) for c in found))


def claim(corpus: Corpus, claim_id: str, folders=None):
    """One claim with the verdict of each assertion in each scenario."""
    from casus.analysis.claims import judge_claim

    claim_id = _text(claim_id, "id")
    folders = claim_folders() if folders is None else list(folders)
    found = _one(corpus, claim_id, folders)
    return judge_claim(corpus, found, scenarios(corpus, found))


def verify(corpus: Corpus, request: VerifyRequest):
    """An assertion given ad hoc, set beside the texts in the request's scenario."""
    from casus.analysis.claims import judge_claim
    from casus.loader.claims import NO_DUTY_QUALIFIER_HINT, Assertion, Claim, ClaimScenario
    from casus.service.questions import scenario as make

    if not isinstance(request, VerifyRequest):
        raise InputError(f"a VerifyRequest is wanted, not {type(request).__name__}", field="request",
                         hint="give casus.VerifyRequest(event=..., target=..., party=..., duty=..., toward=...)")
    sc = make(corpus, request)
    party = _state(corpus, request.party, "party")
    toward = _state(corpus, request.toward, "toward")
    if party == toward:
        raise InputError("the party and the state it acts toward are the same", field="toward",
                         hint="toward names the beneficiary")
    duty = inputs.choice(request.duty, DUTIES, "duty", "duty")
    modality = inputs.choice(request.modality, CLAIM_MODALITIES, "modality", "modality")
    qualifiers = tuple(inputs.choice(q, QUALIFIERS, "qualifier", "qualifiers")
                       for q in inputs.texts(request.qualifiers, "qualifiers", example="['immediately']"))
    if "on-request" in qualifiers and "without-request" in qualifiers:
        raise InputError("on-request and without-request contradict each other", field="qualifiers",
                         hint="give one of the two")
    if modality == "need-not" and qualifiers:
        raise InputError("a qualifier says how help is given, and this assertion says none is owed",
                         field="qualifiers", hint=NO_DUTY_QUALIFIER_HINT)
    from casus.service.questions import instrument

    under = tuple(instrument(corpus, i, field="under").id for i in inputs.texts(request.under, "under"))
    assertion = Assertion(party, toward, duty, modality, qualifiers, under, (), "an assertion given ad hoc")
    cs = ClaimScenario("asked", sc.event, sc.target, sc.by, sc.at, sc.on, sc.weapon, tuple(sc.facts.items()))
    adhoc = Claim("ad-hoc", "(given ad hoc)", "(none)", "international", sc.on, "(none)", "", "",
                  "An assertion given ad hoc.", (cs,), (assertion,))
    return judge_claim(corpus, adhoc, {"asked": sc})


def scenarios(corpus: Corpus, claim) -> dict:
    """The checked scenarios of a claim; a scenario the corpus cannot take is a problem of the claim file."""
    from casus.service.inputs import make_scenario

    out = {}
    problems = []
    for i, cs in enumerate(claim.scenarios):
        try:
            out[cs.name] = make_scenario(corpus, cs.event, cs.target, by=list(cs.by), at=cs.at,
                                         on=cs.day(claim), weapon=cs.weapon, facts=dict(cs.facts))
        except InputError as exc:
            problems.append(Problem(claim.file, cs.line, f"scenarios[{i}].{exc.field or 'event'}", exc.message,
                                    exc.hint))
    if problems:
        raise CorpusError(problems)
    return out


def _is_about(claim, about: str, state) -> bool:
    """Whether ``claim`` is about ``about``: an instrument id or code it names, or (``state()``) a state in it."""
    if about in claim.about or any(about in a.under for a in claim.assertions):
        return True
    return state is not None and state() in claim.states()


def _about_state(corpus: Corpus, about: str) -> str:
    """The state ``about`` names, once it names no instrument; :class:`NotFound` when it names neither."""
    from casus.geo import Gazetteer

    try:
        return inputs.state(corpus, Gazetteer.default(), about, "about")
    except InputError:
        raise NotFound(f"'{about}' names no instrument and no state", field="about",
                       hint=_hint(about, [i.id for i in corpus.instruments], "give an instrument id or a state code")
                       ) from None


def _state(corpus: Corpus, value, field: str) -> str:
    from casus.geo import Gazetteer

    if not isinstance(value, str) or not value.strip():
        raise InputError(f"the {field} is missing", field=field, hint="give an ISO code or English name, e.g. RUS")
    return inputs.state(corpus, Gazetteer.default(), value, field)


def _text(value, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{field} must be a non-empty text", field=field, hint="see casus claims")
    return value.strip()


__all__ = ["ClaimRequest", "VerifyRequest", "ClaimList", "claims", "claim", "verify", "claim_folders"]

