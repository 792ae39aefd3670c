"""Set a claim beside the texts: the verdict of each assertion, computed from the engine's findings.

A verdict (``casus.model.vocabulary.VERDICTS``) describes the relation
between what a claim asserts and what the encoded provisions give in the
claim's scenario.  It is computed every time from the corpus, never stored,
and never says that a claim or a person is right or wrong.

For one assertion (party, toward, duty, modality, qualifiers) in one
scenario:

1. The scenario is evaluated; the findings that bind the party toward the
   beneficiary are kept (only those of the instruments the claim invokes,
   when it names them).
2. A finding that is triggered and whose duty is the claimed one, or a
   related one (consultation < assistance < military-assistance), is
   compared with the claim: its duty, its modality and discretion, and its
   procedure (a request or a decision the claim does not state).  A declared
   intention (a statement, a doctrine) gives less than a claimed obligation.
3. An undetermined finding makes the verdict ``depends``: each missing fact
   is set to yes and to no, and the verdict under each is given.
4. With no such finding: ``not-in-force`` when the instrument or the
   membership fails on the date, ``excludes`` when the place lies outside the
   provision's scope (the same scenario on the target's own territory
   engages it) or the party is itself the aggressor, else ``silent``.
5. Where a deciding provision has contested readings, the verdict is
   computed under each reading, with its holders; if they differ, the
   verdict is ``depends``.
6. Each qualifier is checked on its own ("immediately" against the
   discretion, "without a request" against the procedure, "before an
   attack" by asking the same question of a threat of attack).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from casus.engine.evaluate import evaluate
from casus.loader.claims import Assertion, Claim, ClaimScenario
from casus.model import citation
from casus.model.finding import Finding
from casus.model.instrument import Corpus
from casus.model.scenario import Scenario
from casus.model.vocabulary import DISCRETION

FORMAT = "casus.claim/1"
ANSWERS = "claim-findings"  # the key of the remembered findings in corpus.memo
SUBCORPUS = "claim-instruments"

#: Duties that say more or less of the same thing; other duties compare only with themselves.
_LADDER = {"consultation": 1, "assistance": 2, "military-assistance": 3}
#: How the verdicts are preferred when several provisions answer the same assertion.
_PREFERENCE = ("gives", "gives-more", "depends", "gives-less", "excludes", "not-in-force", "silent")
#: For a claim that the party is not obliged, one provision that obliges it outweighs those that do not.
_PREFERENCE_NONE = ("gives-more", "depends", "gives", "gives-less", "excludes", "not-in-force", "silent")

#: Every sentence a verdict can contain.  The neutrality test reads them all.
TEXTS: dict[str, str] = {
    "gives": "{cite} gives {party} a {grant} of {duty} toward {toward} ({modality}, {discretion}) in this scenario.",
    "more-modality": "{cite} binds {party} toward {toward} ({modality}, {discretion}), where the claim speaks "
                     "of a permission.",
    "more-duty": "{cite} gives {party} a duty of {duty} toward {toward}, which goes further than the "
                 "{claimed} the claim speaks of.",
    "less-duty": "{cite} gives {party} a duty of {duty} toward {toward}, narrower than the {claimed} the "
                 "claim speaks of.",
    "less-intent": "{cite} is a declared intention ({kind}), not a treaty obligation: it binds no one in law.",
    "none-intent": "{cite} is a declared intention ({kind}), not a treaty obligation: no duty in law follows "
                   "from it.",
    "none-duty": "{cite} gives {party} a duty of {duty} toward {toward}, narrower than the {claimed} the claim "
                 "speaks of, and no duty of {claimed}.",
    "none-discretion": "{cite} leaves {party}'s response to {party} ({code}: {meaning}): {wording}.",
    "more-none": "{cite} binds {party} toward {toward} ({modality}, {discretion}), where the claim says it is "
                 "not obliged.",
    "less-discretion": "{cite} does not fix {party}'s response ({code}: {meaning}): {wording}.",
    "less-permission": "{cite} permits {party} to act ({modality}); it does not oblige it.",
    "less-procedure": "{cite} gives the duty once these steps are taken, which the claim does not state: "
                      "{steps}.",
    "less-decision": "{cite} gives the duty only once a decision is taken by {by}, who can withhold it "
                     "({basis}); the claim does not state that.",
    "gives-decision": "{cite} gives the duty only once a decision is taken by {by}, who can withhold it "
                      "({basis}); the help can therefore be given or withheld, as with a permission.",
    "depends": "{cite} is undetermined in this scenario: it turns on {facts}.",
    "depends-fact": "With {fact}: {verdict}.",
    "depends-reading": "The verdict differs between the readings of {cite}; under each reading:",
    "reading": "Under the reading '{reading}' (held by {held_by}): {verdict}.",
    "not-in-force": "{cite} does not apply on {on}: {why}.",
    "excludes-place": "{cite} engages for an attack on {target}'s own territory, but its scope leaves out "
                      "{at}.",
    "excludes-self": "{cite} does not bind {party} toward {toward} here: {party} is the aggressor in the "
                     "scenario.",
    "silent": "No encoded provision gives {party} a duty of {duty} toward {toward} in this scenario.",
    "silent-under": "No encoded provision of {under} gives {party} a duty of {duty} toward {toward} in this "
                    "scenario.",
    "not-encoded": "Not in the corpus: {ids}; the verdict covers only the encoded instruments.",
    "q-immediate-gives": "{cite} words the help as immediate: {wording}.",
    "q-immediate-less": "{cite} leaves the timing and extent to the party: {wording}.",
    "q-immediate-steps": "{cite} gives the help after steps the claim does not state: {steps}.",
    "q-immediate-silent": "{cite} sets no time for the help ({wording}).",
    "q-request-less": "{cite} needs steps before help is given: {steps}.",
    "q-request-gives": "{cite} lists no request or other step before help is given.",
    "q-on-request-gives": "{cite} gives the help following a request: {steps}.",
    "q-on-request-more": "{cite} lists no request step: the duty does not wait for one.",
    "q-automatic-gives": "{cite} binds the party with no decision or step of its own ({discretion}).",
    "q-decision-less": "{cite} gives help only after a decision that can be withheld, taken by {by}.",
    "q-automatic-less": "{cite} leaves a decision to the party or a procedure first: {why}.",
    "q-means-gives": "{cite} speaks of all the means: {wording}.",
    "q-means-less": "{cite} does not speak of all the means: {wording}.",
    "q-before-attack": "Asked of a threat of attack, before any attack: {verdict}.",
    "q-none": "Not checked on its own: no encoded provision engages ({verdict}).",
}

_REQUEST_WORDS = ("request", "appeal", "ask")


def said(a: Assertion) -> str:
    """The assertion in words, e.g. ``RUS must give BLR military assistance (immediately)``."""
    return said_of(a.party, a.modality, a.duty, a.toward, a.qualifiers)


def said_of(party: str, modality: str, duty: str, toward: str, qualifiers=()) -> str:
    """:func:`said` from the assertion's fields (as a ``casus.claim/1`` document gives them)."""
    from casus.language.duties import sentence

    return sentence(party, modality, duty, toward) + (f" ({', '.join(qualifiers)})" if qualifiers else "")


def say(key: str, **values) -> str:
    return TEXTS[key].format(**values)


def _inner(texts) -> str:
    """Sentences quoted inside another sentence (without their closing full stop)."""
    return " ".join(texts).rstrip(".")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class QualifierCheck:
    """How one qualifier of an assertion (e.g. immediately) fares against the findings that decide it."""

    qualifier: str
    verdict: str
    text: str
    findings: tuple[Finding, ...] = ()
    readings: tuple["ReadingVerdict", ...] = ()

    def to_dict(self) -> dict:
        return {"qualifier": self.qualifier, "verdict": self.verdict, "text": self.text,
                "findings": [_ref(f) for f in self.findings], "readings": [r.to_dict() for r in self.readings]}


@dataclass(frozen=True, slots=True)
class ReadingVerdict:
    """The verdict of an assertion under one reading of a contested provision, and who holds that reading."""

    instrument: str
    article: str
    provision: str
    reading: str
    held_by: str
    default: bool
    verdict: str
    text: str

    def to_dict(self) -> dict:
        return {"instrument": self.instrument, "article": self.article, "provision": self.provision,
                "reading": self.reading, "held_by": self.held_by, "default": self.default,
                "verdict": self.verdict, "text": self.text}


@dataclass(frozen=True, slots=True)
class FactBranch:
    """The verdict once the missing facts are given these values."""

    facts: tuple[tuple[str, bool], ...]
    verdict: str
    text: str

    def to_dict(self) -> dict:
        return {"facts": dict(self.facts), "verdict": self.verdict, "text": self.text}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The relation between one assertion and the texts, in one scenario."""

    assertion: Assertion
    scenario: Scenario
    scenario_name: str
    verdict: str
    texts: tuple[str, ...]
    findings: tuple[Finding, ...]                   # the findings that decide it
    qualifiers: tuple[QualifierCheck, ...] = ()
    readings: tuple[ReadingVerdict, ...] = ()
    facts: tuple[FactBranch, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"assertion": self.assertion.to_dict(), "scenario": self.scenario_name,
                "verdict": self.verdict, "text": list(self.texts),
                "findings": [f.to_dict() for f in self.findings],
                "qualifiers": [q.to_dict() for q in self.qualifiers],
                "readings": [r.to_dict() for r in self.readings],
                "facts": [b.to_dict() for b in self.facts], "notes": list(self.notes)}

    def all_texts(self) -> list[str]:
        out = list(self.texts) + list(self.notes)
        out += [q.text for q in self.qualifiers] + [r.text for q in self.qualifiers for r in q.readings]
        out += [r.text for r in self.readings] + [b.text for b in self.facts]
        return out


@dataclass(frozen=True, slots=True)
class ClaimVerdicts:
    """A claim set beside the texts: its scenarios as evaluated, and the verdict of each assertion in each."""

    claim: Claim
    scenarios: tuple[tuple[ClaimScenario, Scenario], ...]
    verdicts: tuple[Verdict, ...]

    def to_dict(self) -> dict:
        doc = {"format": FORMAT, "claim": self.claim.summary_dict()}
        doc["scenarios"] = [{**cs.to_dict(self.claim), "scenario": sc.to_dict()} for cs, sc in self.scenarios]
        doc["assertions"] = [a.to_dict() for a in self.claim.assertions]
        doc["verdicts"] = [v.to_dict() for v in self.verdicts]
        return doc


def _ref(f: Finding) -> dict:
    return {"instrument": f.instrument.id, "article": f.article, "provision": f.provision.id,
            "party": f.party, "beneficiary": f.beneficiary, "status": f.status}


# --------------------------------------------------------------------------- the verdicts


def judge_claim(corpus: Corpus, claim: Claim, scenarios: dict[str, Scenario]) -> ClaimVerdicts:
    """Every assertion of ``claim`` in each of its scenarios (``scenarios``: name -> checked scenario)."""
    verdicts = []
    for a in claim.assertions:
        for cs in claim.scenarios:
            if a.scenarios and cs.name not in a.scenarios:
                continue
            verdicts.append(judge(corpus, a, scenarios[cs.name], cs.name))
    return ClaimVerdicts(claim, tuple((cs, scenarios[cs.name]) for cs in claim.scenarios), tuple(verdicts))


def judge(corpus: Corpus, a: Assertion, sc: Scenario, name: str = "scenario") -> Verdict:
    """The verdict of one assertion in one scenario, with its readings, facts and qualifiers."""
    verdict, texts, deciding = core(corpus, a, sc)
    notes = []
    absent = [i for i in a.under if corpus.get(i) is None]
    if absent:
        notes.append(say("not-encoded", ids=", ".join(absent)))
    facts: list[FactBranch] = []
    if verdict == "depends":
        facts = _branches(corpus, a, sc, deciding)
    readings = _readings(corpus, a, sc, deciding, wide=verdict in ("silent", "depends"))
    if readings and len({r.verdict for r in readings}) > 1:
        cites = sorted({_cite_of(corpus, r.instrument, r.article) for r in readings})
        texts = tuple(say("depends-reading", cite=c) for c in cites)  # each reading's verdict follows
        verdict = "depends"
    qualifiers = tuple(_qualifier(corpus, a, sc, q, verdict, _candidates(corpus, a, sc)) for q in a.qualifiers)
    return Verdict(a, sc, name, verdict, texts, tuple(deciding), qualifiers, tuple(readings), tuple(facts),
                   tuple(notes))


def core(corpus: Corpus, a: Assertion, sc: Scenario) -> tuple[str, tuple[str, ...], list[Finding]]:
    """The verdict without readings or qualifiers: (verdict, sentences, deciding findings)."""
    mine = _mine(corpus, a, sc)
    related = [f for f in mine if _compare_duty(a.duty, f.duty) is not None]
    live = [f for f in related if f.status != "not-triggered"]
    strong = [f for f in live if _compare_duty(a.duty, f.duty) >= 0]
    if strong:
        return _best(a, strong)
    dead = [f for f in related if f.status == "not-triggered"]
    ruled = _ruled_out(corpus, a, sc, [f for f in dead if _compare_duty(a.duty, f.duty) >= 0])
    if ruled is None and live:
        return _best(a, live)
    if ruled is None:
        ruled = _ruled_out(corpus, a, sc, dead)
    if ruled is not None:
        verdict, texts, found = ruled
        if live:  # narrower duties that remain
            texts = texts + _best(a, live)[1]
        return verdict, texts, found
    if a.under:
        return "silent", (say("silent-under", under=", ".join(a.under), party=a.party, duty=a.duty,
                                toward=a.toward),), []
    return "silent", (say("silent", party=a.party, duty=a.duty, toward=a.toward),), []


def _best(a: Assertion, live: list[Finding]):
    judged = [(_relation(a, f), f) for f in live]
    order = _PREFERENCE_NONE if a.modality == "need-not" else _PREFERENCE
    verdict = order[min(order.index(v) for (v, _), _ in judged)]
    chosen = [(t, f) for (v, t), f in judged if v == verdict]
    exact = [(t, f) for t, f in chosen if f.duty == a.duty]
    chosen = exact or chosen  # the claimed duty itself decides, where a provision gives it
    return verdict, tuple(dict.fromkeys(t for t, _ in chosen)), [f for _, f in chosen]


def _ruled_out(corpus: Corpus, a: Assertion, sc: Scenario, dead: list[Finding]):
    """not-in-force or excludes, from findings that do not apply; None when neither."""
    if not dead:
        return None
    void = [f for f in dead if _void(f)]
    if void:
        return "not-in-force", tuple(dict.fromkeys(
            say("not-in-force", cite=_cite(f), on=sc.on.isoformat(), why=_void(f)) for f in void)), void
    selfish = [f for f in dead if any(s.kind == "self-aggressor" for s in f.trace)]
    if selfish:
        return "excludes", tuple(dict.fromkeys(
            say("excludes-self", cite=_cite(f), party=a.party, toward=a.toward) for f in selfish)), selfish
    if sc.at is not None and sc.at != sc.target:
        home = {(f.instrument.id, f.provision.id)
                for f in _mine(corpus, a, dataclasses.replace(sc, at=None)) if f.status != "not-triggered"}
        left_out = [f for f in dead if (f.instrument.id, f.provision.id) in home]
        if left_out:
            return "excludes", tuple(dict.fromkeys(
                say("excludes-place", cite=_cite(f), target=sc.target, at=sc.at) for f in left_out)), left_out
    return None


def _candidates(corpus: Corpus, a: Assertion, sc: Scenario) -> list[Finding]:
    """The findings a qualifier is checked against: those that engage with the claimed duty or a wider one."""
    live = [f for f in _mine(corpus, a, sc)
            if f.status != "not-triggered" and _compare_duty(a.duty, f.duty) is not None]
    return [f for f in live if _compare_duty(a.duty, f.duty) >= 0] or live


def _duties(duty: str) -> tuple[str, ...]:
    return tuple(_LADDER) if duty in _LADDER else (duty,)


def _findings(corpus: Corpus, sc: Scenario, duties: tuple[str, ...]) -> tuple[Finding, ...]:
    """The scenario's findings with these duties; remembered per corpus, as one verdict asks several times."""
    memo = corpus.memo.setdefault(ANSWERS, {})
    key = (sc.event, sc.target, sc.by, sc.place, sc.on, sc.weapon, tuple(sorted(sc.facts.items())), sc.reading,
           duties)
    found = memo.get(key)
    if found is None:
        if len(memo) > 20_000:
            memo.clear()
        found = memo[key] = evaluate(corpus, sc, duties=duties).findings
    return found


def _invoked(corpus: Corpus, under: tuple[str, ...]) -> Corpus:
    """The instruments a claim invokes, as a corpus of their own (remembered), so only they are evaluated."""
    key = (SUBCORPUS, under)
    found = corpus.memo.get(key)
    if found is None:
        found = corpus.memo[key] = Corpus.of([i for i in corpus.instruments if i.id in under])
    return found


def _mine(corpus: Corpus, a: Assertion, sc: Scenario) -> list[Finding]:
    findings = _findings(_invoked(corpus, a.under) if a.under else corpus, sc, _duties(a.duty))
    out = [f for f in findings if f.party == a.party and f.beneficiary == a.toward]
    if a.under:
        out = [f for f in out if f.instrument.id in a.under]
    return out


def _compare_duty(claimed: str, given: str) -> int | None:
    """0: the same duty; 1: the text's is wider; -1: narrower; None: unrelated."""
    if claimed == given:
        return 0
    if claimed in _LADDER and given in _LADDER:
        return 1 if _LADDER[given] > _LADDER[claimed] else -1
    return None


def _relation(a: Assertion, f: Finding) -> tuple[str, str]:
    """How one live finding stands to the assertion: (verdict, sentence)."""
    values = _values(a, f)
    if f.status == "undetermined":
        return "depends", say("depends", facts=", ".join(f.missing) or "a fact not given", **values)
    if a.modality == "need-not":
        return _no_duty(a, f, values)
    if f.modality == "intends" or f.instrument.kind != "treaty":
        return "gives-less", say("less-intent", kind=f.instrument.kind, **values)
    duty = _compare_duty(a.duty, f.duty)
    if duty < 0:
        return "gives-less", say("less-duty", claimed=a.duty, **values)
    binding = f.modality == "must" and not f.discretion.discretionary
    if a.modality in ("must", "will"):
        free = _latitude(f)
        if free is not None:  # a permission, a discretion or a decision that can be withheld
            kind, more = free
            return "gives-less", say(_LESS[kind], **more, **values)
        steps = _unstated_steps(a, f)
        if steps:
            return "gives-less", say("less-procedure", steps="; ".join(steps), **values)
        if duty > 0:
            return "gives-more", say("more-duty", claimed=a.duty, **values)
        return "gives", say("gives", **values)
    # the claim speaks of a permission
    if binding and f.provision.decision is not None and duty <= 0:  # help that can be withheld is not owed
        d = f.provision.decision
        return "gives", say("gives-decision", by=d.by, basis=_BASIS[d.basis], **values)
    if binding:
        return "gives-more", say("more-modality", **values)
    if duty > 0:
        return "gives-more", say("more-duty", claimed=a.duty, **values)
    return "gives", say("gives", **values)


def _no_duty(a: Assertion, f: Finding, values: dict) -> tuple[str, str]:
    """How a live, determined finding stands to a claim that the party is not obliged.

    Only an obligation of the claimed duty (or a wider one) that the party
    cannot withhold gives more; a declared intention, a narrower duty, a
    permission, a discretion or a decision that can be withheld gives what
    the claim says: no duty owed as of right.
    """
    if f.modality == "intends" or f.instrument.kind != "treaty":
        return "gives", say("none-intent", kind=f.instrument.kind, **values)
    if _compare_duty(a.duty, f.duty) < 0:
        return "gives", say("none-duty", claimed=a.duty, **values)
    free = _latitude(f)
    if free is not None:
        kind, more = free
        return "gives", say(_NONE[kind], **more, **values)
    return "gives-more", say("more-none", **values)


def _latitude(f: Finding) -> tuple[str, dict] | None:
    """What leaves the party free to give the help or not: (kind, the values its sentence needs), or None."""
    if f.modality == "may":
        return "permission", {}
    if f.discretion.discretionary:
        return "discretion", {"wording": _wording(f), "code": f.discretion.code,
                              "meaning": DISCRETION[f.discretion.code][0]}
    if f.provision.decision is not None:
        d = f.provision.decision
        return "decision", {"by": d.by, "basis": _BASIS[d.basis]}
    return None


#: The sentence for each kind of latitude: against a claimed obligation, and against a claim of no duty.
_LESS = {"permission": "less-permission", "discretion": "less-discretion", "decision": "less-decision"}
_NONE = {"permission": "less-permission", "discretion": "none-discretion", "decision": "gives-decision"}


_BASIS = {"text": "so the text says", "practice": "so documented practice has been"}


def _unstated_steps(a: Assertion, f: Finding) -> list[str]:
    steps = [s.text for s in f.procedure]
    if "on-request" in a.qualifiers:
        steps = [s for s in steps if not _is_request(s)]
    return steps


def _is_request(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in _REQUEST_WORDS)


def _void(f: Finding) -> str:
    """Why the finding cannot apply on the date (instrument or membership), or ''."""
    for step in f.trace:
        if step.kind in ("in-force", "membership") and step.result is False:
            return step.text
    return ""


def _values(a: Assertion, f: Finding) -> dict:
    return {"cite": _cite(f), "party": f.party, "toward": f.beneficiary, "duty": f.duty,
            "grant": "permission" if f.modality == "may" else "duty",
            "modality": f.modality, "discretion": f.discretion.code}


def _cite(f: Finding) -> str:
    confirmed = f.provision.article_confirmed
    if f.instrument.kind == "treaty":
        return citation.where(f.instrument.short_title, f.article, confirmed=confirmed)
    return f"{f.instrument.short_title} ({citation.article(f.article, confirmed)})"


def _cite_of(corpus: Corpus, instrument: str, article: str) -> str:
    inst = corpus.get(instrument)
    return citation.where(inst.short_title if inst else instrument, article)


def _wording(f: Finding) -> str:
    return f'"{f.discretion.wording}"' if f.discretion.wording else f.discretion.code


def _branches(corpus: Corpus, a: Assertion, sc: Scenario, deciding: list[Finding]) -> list[FactBranch]:
    import itertools

    names = list(dict.fromkeys(m for f in deciding for m in f.missing))[:3]
    out = []
    for values in itertools.product((True, False), repeat=len(names)):
        facts = dict(sc.facts)
        facts.update(zip(names, values))
        verdict, texts, _ = core(corpus, a, dataclasses.replace(sc, facts=facts))
        given = ", ".join(f"{n} = {'yes' if v else 'no'}" for n, v in zip(names, values))
        out.append(FactBranch(tuple(zip(names, values)), verdict,
                              say("depends-fact", fact=given, verdict=f"{verdict}: {_inner(texts)}")))
    return out


def _readings(corpus: Corpus, a: Assertion, sc: Scenario, deciding=(), wide: bool = False) -> list["ReadingVerdict"]:
    contested = {}
    mine = [f for f in _mine(corpus, a, sc) if f.provision.readings and _compare_duty(a.duty, f.duty) is not None]
    if deciding:
        # the deciding provisions; when the texts are silent or it depends, also any contested provision
        # that does not apply under its default reading (another reading may make it apply: e.g. a
        # reading that reaches internal unrest)
        keys = {(f.instrument.id, f.provision.id) for f in deciding}
        mine = [f for f in mine if (f.instrument.id, f.provision.id) in keys
                or (wide and f.status == "not-triggered")]
    for f in mine:
        contested.setdefault((f.instrument.id, f.provision.id), f)
    out: list[ReadingVerdict] = []
    for (inst, _prov), f in contested.items():
        for r in f.provision.readings:
            v, texts, _ = core(corpus, a, dataclasses.replace(sc, reading=None if r.default else r.name))
            out.append(ReadingVerdict(inst, f.article, f.provision.id, r.name, r.held_by, r.default, v,
                                      say("reading", reading=r.name, held_by=r.held_by,
                                          verdict=f"{v}: {_inner(texts)}")))
    return out


def _qualifier(corpus: Corpus, a: Assertion, sc: Scenario, q: str, verdict: str,
               deciding: list[Finding]) -> QualifierCheck:
    if q == "before-attack":
        if sc.event == "threat-of-attack":
            threat = sc
        else:
            threat = dataclasses.replace(sc, event="threat-of-attack", weapon="conventional")
        v, texts, found = core(corpus, a, threat)
        readings = tuple(_readings(corpus, a, threat, found))
        if readings and len({r.verdict for r in readings}) > 1:
            v = "depends"
        return QualifierCheck(q, v, say("q-before-attack", verdict=f"{v}: {_inner(texts)}"), tuple(found),
                              readings)
    live = [f for f in deciding if f.status != "not-triggered"]
    if not live:
        return QualifierCheck(q, verdict, say("q-none", verdict=verdict))
    results = [_check(q, f) for f in live]
    best = min(_PREFERENCE.index(v) for v, _ in results)  # a qualifier qualifies the help, whatever the modality
    v = _PREFERENCE[best]
    texts = list(dict.fromkeys(t for vv, t in results if vv == v))
    return QualifierCheck(q, v, " ".join(texts), tuple(f for (vv, _), f in zip(results, live) if vv == v))


def _check(q: str, f: Finding) -> tuple[str, str]:
    cite = _cite(f)
    steps = [s.text for s in f.procedure]
    wording = _wording(f)
    if f.provision.decision is not None and q in ("immediately", "automatically"):
        return "gives-less", say("q-decision-less", cite=cite, by=f.provision.decision.by)
    if q == "immediately":
        lowered = (f.discretion.code + " " + (f.discretion.wording or "")).lower()
        if any(w in lowered for w in ("immediate", "without delay", "prompt")):
            return "gives", say("q-immediate-gives", cite=cite, wording=wording)
        if f.discretion.discretionary or f.modality != "must":
            return "gives-less", say("q-immediate-less", cite=cite, wording=wording)
        if steps:
            return "gives-less", say("q-immediate-steps", cite=cite, steps="; ".join(steps))
        return "silent", say("q-immediate-silent", cite=cite, wording=wording)
    if q == "without-request":
        if steps:
            return "gives-less", say("q-request-less", cite=cite, steps="; ".join(steps))
        return "gives", say("q-request-gives", cite=cite)
    if q == "on-request":
        asked = [s for s in steps if _is_request(s)]
        if asked:
            return "gives", say("q-on-request-gives", cite=cite, steps="; ".join(asked))
        return "gives-more", say("q-on-request-more", cite=cite)
    if q == "automatically":
        why = []
        if f.discretion.discretionary or f.modality != "must":
            why.append(wording)
        why += steps
        if why:
            return "gives-less", say("q-automatic-less", cite=cite, why="; ".join(why))
        return "gives", say("q-automatic-gives", cite=cite, discretion=f.discretion.code)
    if q == "all-means":
        if f.discretion.code in ("all-means", "all-means-in-its-power"):
            return "gives", say("q-means-gives", cite=cite, wording=wording)
        return "gives-less", say("q-means-less", cite=cite, wording=wording)
    raise ValueError(q)  # the loader admits only the qualifiers above
