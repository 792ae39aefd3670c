"""Claim files (``casus_claim: 1``): what someone said an instrument obliges, in structured form.

One YAML file per claim, in ``corpus/claims/`` (built in) or in a ``claims/``
folder of a user's corpus folder; the file is named after the claim's id
(``ID.yaml``), so that one claim can be read without reading the others.
Every problem is reported with the file, line, key and a hint, like treaty
files (docs/claims.md describes every key).

A claim file holds no verdict: verdicts are computed from the treaty files
(:mod:`casus.analysis.claims`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path as FsPath

from casus.errors import CorpusError, Problem
from casus.model.vocabulary import CLAIM_MODALITIES, CONFIDENCE, DUTIES, EVENTS, QUALIFIERS, WEAPONS
from casus.suggest import hint as _near

FORMAT_KEY = "casus_claim"
ON_CLAIM_DATE = "claim-date"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_HINT = "see docs/claims.md for this key"


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True, slots=True)
class ClaimScenario:
    """A scenario a claim speaks about (checked against the corpus when a verdict is asked)."""

    name: str
    event: str
    target: str
    by: tuple[str, ...] = ()
    at: str | None = None
    on: dt.date | None = None          # None: the day of the claim
    weapon: str | None = None
    facts: tuple[tuple[str, bool], ...] = ()
    note: str | None = None
    line: int = 1

    def day(self, claim: "Claim") -> dt.date:
        return self.on or claim.date

    def to_dict(self, claim: "Claim") -> dict:
        return {"name": self.name, "event": self.event, "target": self.target, "by": list(self.by),
                "at": self.at, "on": self.day(claim).isoformat(), "on_claim_date": self.on is None,
                "weapon": self.weapon or "conventional", "facts": dict(self.facts), "note": self.note}


@dataclass(frozen=True, slots=True)
class Assertion:
    """What the claim says: which party, toward whom, what duty, must/may/will, with which qualifiers."""

    party: str
    toward: str
    duty: str
    modality: str
    qualifiers: tuple[str, ...] = ()
    under: tuple[str, ...] = ()         # the instruments the claim invokes (empty: any)
    scenarios: tuple[str, ...] = ()     # the scenario names it speaks about (empty: every one)
    text: str = ""
    line: int = 1

    def to_dict(self) -> dict:
        return {"party": self.party, "toward": self.toward, "duty": self.duty, "modality": self.modality,
                "qualifiers": list(self.qualifiers), "under": list(self.under),
                "scenarios": list(self.scenarios), "text": self.text}


@dataclass(frozen=True, slots=True)
class Claim:
    """A public claim of what a pact obliges: who said it, when, where, and the assertions it makes."""

    id: str
    speaker: str
    role: str
    side: str                            # the state (or "international", "media") the speaker speaks for
    date: dt.date
    title: str
    url: str
    quote: str
    paraphrase: str
    scenarios: tuple[ClaimScenario, ...]
    assertions: tuple[Assertion, ...]
    about: tuple[str, ...] = ()          # the instruments the claim is about
    confidence: str = "C1"               # of the attribution, not of the content
    notes: tuple[str, ...] = ()
    file: str = ""

    def scenario(self, name: str) -> ClaimScenario:
        for s in self.scenarios:
            if s.name == name:
                return s
        raise KeyError(name)

    def states(self) -> set[str]:
        out = {self.side}
        for s in self.scenarios:
            out |= {s.target, *s.by}
        for a in self.assertions:
            out |= {a.party, a.toward}
        return out

    def summary_dict(self) -> dict:
        return {"id": self.id, "speaker": {"name": self.speaker, "role": self.role}, "side": self.side,
                "date": self.date.isoformat(), "published": {"title": self.title, "url": self.url},
                "quote": self.quote, "paraphrase": self.paraphrase, "about": list(self.about),
                "confidence": self.confidence, "notes": list(self.notes)}


# --------------------------------------------------------------------------- finding and reading files


def claims_dir(folder: FsPath) -> FsPath:
    """Where the claims of a corpus folder live."""
    return folder / "claims"


def claim_files(folders) -> list[FsPath]:
    out: list[FsPath] = []
    for folder in folders:
        folder = FsPath(folder)
        if folder.is_file():
            out.append(folder)
            continue
        target = folder if folder.name == "claims" else claims_dir(folder)
        if target.is_dir():
            out += sorted(p for p in target.glob("*.yaml") if not p.name.startswith("_"))
    return out


def load_claims(paths, check_state=None, check_place=None, contents=None) -> tuple[list[Claim], list[Problem]]:
    """Read claim files (``contents``: their bytes, when already read); every problem with file, line, key and hint."""
    from casus.loader.limits import read_text

    if check_state is None or check_place is None:
        check_state, check_place = checkers()
    claims: list[Claim] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for n, path in enumerate(paths):
        path = FsPath(path)
        display = _display(path)
        text, problem = read_text(path, display, contents[n] if contents is not None else None)
        if problem is not None:
            problems.append(problem)
            continue
        claim, found = parse(text, display, check_state, check_place, stem=path.stem)
        problems += found
        if claim is None:
            continue
        if claim.id in seen:
            from casus.loader.corpus import _id_line

            problems.append(Problem(display, _id_line(text.encode("utf-8")), "id",
                                    f"claim id '{claim.id}' is already used by {seen[claim.id]}",
                                    "give each claim its own id"))
            continue
        seen[claim.id] = display
        claims.append(claim)
    return claims, problems


def load_or_raise(paths) -> list[Claim]:
    """The claims of these files, from the compiled cache when no file has changed; every problem raised."""
    from casus.loader import cache

    # keyed on the files' contents (and, through the key's format digest, on the modules that read them)
    from casus.loader.limits import read_bounded

    files = [FsPath(p) for p in paths]
    contents = []
    for path in files:  # read once: for the key and, on a miss, for parsing
        raw, problem = read_bounded(path, _display(path))
        if problem is not None:
            raise CorpusError([problem])
        contents.append(raw)
    key = cache.key_for([("claims|" + str(p), c) for p, c in zip(files, contents)])
    cached = cache.read(key, valid=lambda v: isinstance(v, list) and all(isinstance(c, Claim) for c in v))
    if cached is not None:
        return cached
    claims, problems = load_claims(files, contents=contents)
    if problems:
        raise CorpusError(problems)
    cache.write(key, claims)
    return claims


def checkers():
    """State and place checks: each returns None when fine, else a hint."""
    from casus.geo import Gazetteer, GeoError

    gazetteer = Gazetteer.default()

    def check_state(code: str) -> str | None:
        try:
            canonical = gazetteer.state(code)
        except GeoError as exc:
            near = getattr(exc, "suggestions", [])
            return ("did you mean " + ", ".join(near) + "? " if near else "") + \
                "write ISO 3166-1 alpha-3 codes, e.g. BLR, RUS, USA"
        if canonical != code:
            return f"write the ISO alpha-3 code {canonical}"
        return None

    def check_place(code: str) -> str | None:
        try:
            gazetteer.place(code)
        except GeoError as exc:
            return str(exc)
        return None

    return check_state, check_place


def _display(path: FsPath) -> str:
    from casus.loader.corpus import _display as display

    return display(path)


# --------------------------------------------------------------------------- one file


_TOP = {"casus_claim": True, "id": True, "speaker": True, "side": True, "date": True, "published": True,
        "quote": True, "paraphrase": True, "about": False, "confidence": False, "scenarios": True,
        "assertions": True, "notes": False}
_SCENARIO = {"name": True, "event": True, "target": True, "by": False, "at": False, "on": False,
             "weapon": False, "facts": False, "note": False}
_ASSERTION = {"party": True, "toward": True, "duty": True, "modality": True, "qualifiers": False,
              "under": False, "scenarios": False, "text": True}
_SIDES = ("international", "media", "analyst")
_QUOTE_WORDS = 14


class _Reader:
    def __init__(self, doc, check_state, check_place):
        self.doc = doc
        self.check_state = check_state
        self.check_place = check_place

    def problem(self, path, message, hint=None):
        from casus.loader.yamlsrc import dotted

        self.doc.problems.append(Problem(self.doc.file, self.doc.line(path), dotted(path), message, hint or _HINT))

    def mapping(self, value, path, keys: dict[str, bool], what: str) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, f"{what} is a mapping of keys", "see the example in docs/claims.md")
            return None
        for key in value:
            if key not in keys:
                near = _near(str(key), list(keys), "")
                self.problem(path + (key,), f"unknown key '{key}'",
                             near or "allowed keys here: " + ", ".join(keys))
        for key, required in keys.items():
            if required and key not in value:
                self.problem(path, f"missing required key '{key}'", _HINT)
        return value

    def text(self, value, path, minimum: int = 1) -> str:
        if not isinstance(value, str) or len(value.strip()) < minimum:
            self.problem(path, "text is wanted here" if not isinstance(value, str) else "the text is too short",
                         "write a few words of plain text")
            return ""
        return " ".join(value.split())

    def texts(self, value, path) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(path, "a list is wanted here", "e.g. [a, b]")
            return ()
        return tuple(self.text(v, path + (i,)) for i, v in enumerate(value))

    def word(self, value, path, options, what: str) -> str:
        if not isinstance(value, str) or value not in options:
            near = _near(str(value), list(options), "")
            self.problem(path, f"'{value}' is not a known {what}", near or "use one of: " + ", ".join(options))
            return ""
        return value

    def state(self, value, path) -> str:
        if not isinstance(value, str):
            self.problem(path, "a state code is wanted", "write ISO 3166-1 alpha-3 codes, e.g. BLR")
            return ""
        hint = self.check_state(value)
        if hint:
            self.problem(path, f"'{value}' is not an ISO alpha-3 state code", hint)
        return value

    def date(self, value, path) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        self.problem(path, f"'{value}' is not a valid date", "write dates as YYYY-MM-DD")
        return None


def parse(text: str, file: str, check_state, check_place, stem: str | None = None):
    """One claim file: (Claim or None, problems)."""
    from casus.loader.yamlsrc import load

    doc = load(text, file)
    if doc.data is None:
        return None, doc.problems
    r = _Reader(doc, check_state, check_place)
    data = r.mapping(doc.data, (), _TOP, "a claim file")
    if data is None:
        return None, doc.problems
    if "casus_claim" in data and data["casus_claim"] != 1:
        r.problem(("casus_claim",), f"unknown claim format {data['casus_claim']!r}", "write casus_claim: 1")
    cid = data.get("id")
    if not isinstance(cid, str) or not _ID.match(cid):
        r.problem(("id",), f"'{cid}' is not a claim id", "lower-case words and digits joined by '-'")
        cid = ""
    elif stem is not None and stem != cid:
        r.problem(("id",), f"the id '{cid}' differs from the file name '{stem}.yaml'",
                  f"name the file {cid}.yaml (casus claim ID reads the file of that name)")
    speaker = data.get("speaker")
    name = role = ""
    if r.mapping(speaker, ("speaker",), {"name": True, "role": True}, "the speaker") is not None:
        name = r.text(speaker["name"], ("speaker", "name"), 2) if "name" in speaker else ""
        role = r.text(speaker["role"], ("speaker", "role"), 2) if "role" in speaker else ""
    side = data.get("side", "")
    if not (isinstance(side, str) and side in _SIDES) and "side" in data:
        side = r.state(side, ("side",))
    when = r.date(data.get("date"), ("date",)) if "date" in data else None
    published = data.get("published")
    title = url = ""
    if r.mapping(published, ("published",), {"title": True, "url": True}, "where it was published") is not None:
        title = r.text(published["title"], ("published", "title"), 3) if "title" in published else ""
        url = r.text(published["url"], ("published", "url"), 8) if "url" in published else ""
        if url and not url.startswith(("http://", "https://")):
            r.problem(("published", "url"), "a url starts with http:// or https://", "give the page's address")
    quote = r.text(data.get("quote"), ("quote",), 2) if "quote" in data else ""
    if len(quote.split()) > _QUOTE_WORDS:
        r.problem(("quote",), f"the quotation has {len(quote.split())} words",
                  f"quote at most {_QUOTE_WORDS} words; say the rest in the paraphrase, in your own words")
    paraphrase = r.text(data.get("paraphrase"), ("paraphrase",), 20) if "paraphrase" in data else ""
    about = r.texts(data.get("about"), ("about",))
    confidence = data.get("confidence", "C1")
    confidence = r.word(confidence, ("confidence",), CONFIDENCE, "confidence mark") or "C1"
    notes = r.texts(data.get("notes"), ("notes",))
    scenarios = _scenarios(r, data.get("scenarios"))
    names = {s.name for s in scenarios}
    assertions = _assertions(r, data.get("assertions"), names)
    if doc.problems:
        return None, doc.problems
    claim = Claim(cid, name, role, side, when, title, url, quote, paraphrase, tuple(scenarios),
                  tuple(assertions), about, confidence, notes, file)
    return claim, doc.problems


def _scenarios(r: _Reader, value) -> list[ClaimScenario]:
    path = ("scenarios",)
    if not isinstance(value, list) or not value:
        if value is not None:
            r.problem(path, "scenarios is a list of at least one scenario", "see the example in docs/claims.md")
        return []
    out: list[ClaimScenario] = []
    for i, item in enumerate(value):
        p = path + (i,)
        data = r.mapping(item, p, _SCENARIO, "a scenario")
        if data is None:
            continue
        name = data.get("name")
        if not isinstance(name, str) or not _ID.match(name):
            r.problem(p + ("name",), f"'{name}' is not a scenario name", "a short lower-case name, e.g. attack")
            name = f"s{i}"
        if name in {s.name for s in out}:
            r.problem(p + ("name",), f"the scenario name '{name}' is used twice", "give each scenario its own name")
        event = r.word(data.get("event"), p + ("event",), EVENTS, "event") if "event" in data else ""
        target = r.state(data.get("target"), p + ("target",)) if "target" in data else ""
        by = data.get("by", [])
        if isinstance(by, str):
            by = [by]
        codes: list[str] = []
        if not isinstance(by, list):
            r.problem(p + ("by",), "by is a list of state codes (or non-state)", "e.g. [POL] or [non-state]")
        else:
            for j, code in enumerate(by):
                codes.append(code if code == "non-state" else r.state(code, p + ("by", j)))
        if target and target in codes:
            r.problem(p + ("by",), f"{target} is both the target and an aggressor", "give the other side in by")
        at = data.get("at")
        if at is not None:
            if not isinstance(at, str):
                r.problem(p + ("at",), "a place code is wanted", "e.g. US-HI, GU or ES-CE")
                at = None
            else:
                hint = r.check_place(at)
                if hint:
                    r.problem(p + ("at",), f"'{at}' is not a known place", hint)
        on = data.get("on", ON_CLAIM_DATE)
        day = None
        if on != ON_CLAIM_DATE:
            day = r.date(on, p + ("on",)) if not isinstance(on, str) or on != ON_CLAIM_DATE else None
        weapon = data.get("weapon")
        if weapon is not None:
            weapon = r.word(weapon, p + ("weapon",), WEAPONS, "weapon")
        facts = data.get("facts") or {}
        pairs: list[tuple[str, bool]] = []
        if not isinstance(facts, dict):
            r.problem(p + ("facts",), "facts is a mapping of fact name to yes/no", "e.g. {state-of-war: yes}")
        else:
            for key, truth in facts.items():
                if not isinstance(truth, bool):
                    r.problem(p + ("facts", key), f"fact '{key}' takes yes or no", f"e.g. {key}: yes")
                    continue
                pairs.append((str(key), truth))
        note = r.text(data["note"], p + ("note",)) if "note" in data else None
        out.append(ClaimScenario(name, event, target, tuple(codes), at, day, weapon, tuple(pairs), note,
                                 r.doc.line(p)))
    return out


#: For ``need-not`` with qualifiers (the loader and an ad hoc assertion say the same).
NO_DUTY_QUALIFIER_HINT = ("drop the qualifiers; for a claim that help is not automatic or not immediate, "
                          "use modality must with the qualifier and read the verdict")


def _assertions(r: _Reader, value, names: set[str]) -> list[Assertion]:
    path = ("assertions",)
    if not isinstance(value, list) or not value:
        if value is not None:
            r.problem(path, "assertions is a list of at least one assertion", "see the example in docs/claims.md")
        return []
    out: list[Assertion] = []
    for i, item in enumerate(value):
        p = path + (i,)
        data = r.mapping(item, p, _ASSERTION, "an assertion")
        if data is None:
            continue
        party = r.state(data.get("party"), p + ("party",)) if "party" in data else ""
        toward = r.state(data.get("toward"), p + ("toward",)) if "toward" in data else ""
        duty = r.word(data.get("duty"), p + ("duty",), DUTIES, "duty") if "duty" in data else ""
        modality = r.word(data.get("modality"), p + ("modality",), CLAIM_MODALITIES, "modality") \
            if "modality" in data else ""
        qualifiers = []
        for j, q in enumerate(r.texts(data.get("qualifiers"), p + ("qualifiers",))):
            word = r.word(q, p + ("qualifiers", j), QUALIFIERS, "qualifier")
            if word in qualifiers:
                r.problem(p + ("qualifiers", j), f"the qualifier '{word}' is given twice", "give it once")
            qualifiers.append(word)
        if "on-request" in qualifiers and "without-request" in qualifiers:
            r.problem(p + ("qualifiers",), "on-request and without-request contradict each other",
                      "keep the one the claim says")
        if modality == "need-not" and qualifiers:
            r.problem(p + ("qualifiers",), "a qualifier says how help is given, and this assertion says "
                      "none is owed", NO_DUTY_QUALIFIER_HINT)
        under = r.texts(data.get("under"), p + ("under",))
        for j, inst in enumerate(under):
            if inst and not _ID.match(inst):
                r.problem(p + ("under", j), f"'{inst}' is not an instrument id", "see casus treaties for the ids")
        wanted = r.texts(data.get("scenarios"), p + ("scenarios",))
        for j, name in enumerate(wanted):
            if name and name not in names:
                r.problem(p + ("scenarios", j), f"no scenario named '{name}' in this claim",
                          _near(name, sorted(names), "") or "name one of the claim's scenarios")
        if party and party == toward:
            r.problem(p + ("toward",), "the party and the state it acts toward are the same",
                      "toward names the beneficiary (or, for non-aggression, the state protected)")
        text = r.text(data.get("text"), p + ("text",), 10) if "text" in data else ""
        out.append(Assertion(party, toward, duty, modality, tuple(qualifiers), under, wanted, text,
                             r.doc.line(p)))
    return out
