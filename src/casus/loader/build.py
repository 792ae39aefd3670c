"""Turn one treaty file into a checked :class:`~casus.model.instrument.Instrument`.

Every problem is collected (not just the first) and reported with the file,
line, key and a hint.
"""

from __future__ import annotations

import difflib
from pathlib import Path as FsPath

from pydantic import ValidationError

from casus.errors import Problem
from casus.loader import schema
from casus.loader.conditions import Context, parse_condition, parse_predicate
from casus.loader.yamlsrc import Document, Path, dotted, load
from casus.model.dates import Interval, date
from casus.model.instrument import (
    Contest, Decision, Discretion, Disagreement, FactDef, Instrument, LifecycleEvent, Party, PartyEvent,
    Position, Provision, Reading, Scope, Source, Step,
)
from casus.model.vocabulary import DISCRETION, ENGINE_FACTS, IN_FORCE_KINDS, start_event

_STARTS = {"treaty": ("ratified", "acceded", "joined"),
           "doctrine": ("signed", "joined", "ratified"),
           "statement": ("declared",),
           # an executive agreement is signed, not ratified: signature commits from entry into force
           "executive-agreement": ("signed", "ratified", "acceded", "joined"),
           "declaration": ("signed", "ratified", "joined"),
           "unilateral-act": ("signed", "declared")}


def _problem(doc: Document, path: Path, message: str, hint: str | None = None) -> None:
    doc.problems.append(Problem(doc.file, doc.line(path), dotted(path), message, hint))


def _pydantic_problems(doc: Document, error: ValidationError) -> None:
    for item in error.errors():
        loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "extra_forbidden":
            model_fields = _fields_at(loc[:-1])
            hint = None
            near = difflib.get_close_matches(str(loc[-1]), model_fields, n=1, cutoff=0.5)
            if near:
                hint = f"did you mean '{near[0]}'?"
            elif model_fields:
                hint = f"allowed keys here: {', '.join(model_fields)}"
            _problem(doc, loc, f"unknown key '{loc[-1]}'", hint)
        elif kind == "missing":
            _problem(doc, loc, f"missing required key '{loc[-1]}'",
                     "see docs/treaty-format.md for what it holds")
        elif kind == "literal_error":
            expected = item.get("ctx", {}).get("expected", "")
            options = [w.strip(" '") for w in expected.replace(" or ", ",").split(",") if w.strip()]
            near = difflib.get_close_matches(str(item.get("input")), options, n=1, cutoff=0.5)
            _problem(doc, loc, f"'{item.get('input')}' is not allowed here",
                     f"did you mean '{near[0]}'?" if near else f"use one of: {expected}")
        elif kind.startswith("date"):
            _problem(doc, loc, f"'{item.get('input')}' is not a valid date", "write dates as YYYY-MM-DD")
        elif kind in _WANTED:
            value = item.get("input")
            hint = _retype_hint(kind, value)
            if value is None:
                hint = "give a value" + ("" if _required(loc) else ", or leave the key out")
            _problem(doc, loc, f"{_WANTED[kind]} is wanted here, not {_what(value)}", hint)
        else:
            _problem(doc, loc, item["msg"].rstrip("."), None)


#: what a key holds, for the pydantic error types of a value of the wrong type
_WANTED = {"string_type": "a text", "int_type": "a whole number", "int_parsing": "a whole number",
           "float_type": "a number", "bool_type": "yes or no (true or false)",
           "bool_parsing": "yes or no (true or false)",
           "list_type": "a list", "tuple_type": "a list", "dict_type": "a mapping of keys",
           "model_type": "a mapping of keys", "model_attributes_type": "a mapping of keys"}


def _what(value) -> str:
    """What YAML made of a value, in words, with the value when it is short."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _retype_hint(kind: str, value) -> str | None:
    if kind == "string_type" and isinstance(value, (bool, int, float, date)):
        shown = value.isoformat() if isinstance(value, date) else str(value).lower() if isinstance(value, bool) \
            else str(value)
        return f'put it in quotes, "{shown}": unquoted, YAML reads it as {_what(value).split(" (")[0]}'
    if kind == "string_type" and isinstance(value, (list, tuple)):
        return "give one text, not a list"
    if kind == "list_type" and isinstance(value, str):
        return f"write it as a list: [{value}]"
    return None


def _required(loc: tuple) -> bool:
    """Whether the key at ``loc`` must be given (an empty value cannot stand for leaving it out)."""
    model = _model_at(loc[:-1])
    field = getattr(model, "model_fields", {}).get(str(loc[-1])) if loc else None
    return field is not None and field.is_required()


def _fields_at(loc: tuple) -> list[str]:
    """The keys allowed at a location of the file, for 'did you mean' hints."""
    return list(getattr(_model_at(loc), "model_fields", {}))


def _model_at(loc: tuple) -> type | None:
    """The schema model of the mapping at a location of the file (``None`` where there is none)."""
    model: type = schema.InstrumentIn
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part)) if hasattr(model, "model_fields") else None
        if field is None:
            # a dict value (e.g. parties.RUS): keep the value model
            continue
        annotation = field.annotation
        inner = _model_in(annotation)
        if inner is None:
            return None
        model = inner
    return model


def _model_in(annotation) -> type | None:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, schema.Strict):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def build(text: str, file: str, check_state, tags: set[str]) -> tuple[Instrument | None, list[Problem]]:
    doc = load(text, file)
    if doc.problems and doc.data is None:
        return None, doc.problems
    if not isinstance(doc.data, dict):
        _problem(doc, (), "a treaty file is a mapping of keys", "start from docs/treaty-format.md")
        return None, doc.problems
    try:
        spec = schema.InstrumentIn.model_validate(doc.data)
    except ValidationError as error:
        _pydantic_problems(doc, error)
        return None, doc.problems
    instrument = _Builder(doc, spec, check_state, tags).build()
    return (None if doc.problems else instrument), doc.problems


class _Builder:
    def __init__(self, doc: Document, spec: schema.InstrumentIn, check_state, tags: set[str]):
        self.doc = doc
        self.spec = spec
        self.check_state = check_state
        self.sources = {k: Source(k, v.title, v.url) for k, v in spec.sources.items()}
        facts = set(spec.facts) | set(ENGINE_FACTS)
        self.ctx = Context(doc, set(spec.scopes), facts, check_state, tags)

    # -- helpers ------------------------------------------------------------------
    def refs(self, keys: list[str], path: Path) -> tuple[Source, ...]:
        out = []
        for i, key in enumerate(keys):
            if key not in self.sources:
                near = difflib.get_close_matches(key, list(self.sources), n=1, cutoff=0.5)
                _problem(self.doc, path + (i,), f"unknown source '{key}'",
                         f"did you mean '{near[0]}'?" if near else "add it under the file's sources: key")
            else:
                out.append(self.sources[key])
        return tuple(out)

    def confidence(self, given: str | None, sources: tuple[Source, ...]) -> str:
        if given is not None:
            return given
        return "C2+" if len(sources) >= 2 else "C1"

    def state(self, code: str, path: Path) -> bool:
        hint = self.check_state(code)
        if hint is not None:
            _problem(self.doc, path, f"unknown state code '{code}'", hint)
            return False
        return True

    # -- parts --------------------------------------------------------------------
    def build(self) -> Instrument:
        spec = self.spec
        if spec.kind == "statement" and not spec.speaker:
            _problem(self.doc, ("kind",), "a statement needs a speaker",
                     "add speaker: with the official's name and office")
        lifecycle = tuple(
            LifecycleEvent(e.event, e.date, s := self.refs(e.sources, ("lifecycle", i, "sources")),
                           self.confidence(e.confidence, s), e.note, e.place)
            for i, e in enumerate(spec.lifecycle))
        in_force = self.in_force(lifecycle)
        eif = in_force[0].start if in_force else None
        eif_unverified = any(e.event == "in-force" and e.date == eif and e.confidence == "unverified"
                             for e in lifecycle)
        parties = {}
        for code, party in spec.parties.items():
            if self.state(code, ("parties", code)):
                parties[code] = self.party(code, party, in_force, eif_unverified)
        scopes = {}
        for name, scope in spec.scopes.items():
            path = ("scopes", name)
            territory = parse_predicate(scope.territory, path + ("territory",), self.ctx) \
                if scope.territory is not None else None
            forces = parse_predicate(scope.forces, path + ("forces",), self.ctx) \
                if scope.forces is not None else None
            if scope.territory is None and scope.forces is None:
                _problem(self.doc, path, "a scope needs territory:, forces: or both")
            scopes[name] = Scope(name, scope.article, scope.text, territory, forces,
                                 self.refs(scope.sources, path + ("sources",)))
        provisions = []
        seen: set[str] = set()
        for i, p in enumerate(spec.provisions):
            if p.id in seen:
                _problem(self.doc, ("provisions", i, "id"), f"duplicate provision id '{p.id}'",
                         "provision ids must be unique within a file")
            seen.add(p.id)
            provision = self.provision(p, ("provisions", i), set(parties))
            if provision is not None:
                provisions.append(provision)
        disagreements = tuple(
            Disagreement(d.about, tuple((v.value, self.refs(v.sources, ("disagreements", i, "versions", j, "sources")), v.used)
                                        for j, v in enumerate(d.versions)), d.note)
            for i, d in enumerate(spec.disagreements))
        for i, d in enumerate(spec.disagreements):
            if sum(v.used for v in d.versions) != 1:
                _problem(self.doc, ("disagreements", i, "versions"),
                         "exactly one version must say used: true",
                         "mark the version the engine relies on")
        return Instrument(
            id=spec.id, kind=spec.kind, title=spec.title, short_title=spec.short_title,
            summary=spec.summary.strip(), path=self.doc.file, sources=self.sources,
            lifecycle=lifecycle, in_force=in_force, term=spec.term, parties=parties,
            provisions=tuple(provisions), scopes=scopes,
            facts={k: FactDef(k, v) for k, v in spec.facts.items()},
            disagreements=disagreements, speaker=spec.speaker, notes=tuple(spec.notes),
            aliases=tuple(dict.fromkeys(spec.aliases)))

    def in_force(self, lifecycle: tuple[LifecycleEvent, ...]) -> tuple[Interval, ...]:
        start = start_event(self.spec.kind)
        starts = [e.date for e in lifecycle if e.event == start]
        ends = [e.date for e in lifecycle if e.event == "terminated"]
        if self.spec.kind in IN_FORCE_KINDS and not any(e.event == "signed" for e in lifecycle):
            _problem(self.doc, ("lifecycle",), f"a {self.spec.kind} needs its signature date",
                     "add - {event: signed, date: YYYY-MM-DD, sources: [...]}")
        if not starts:
            if self.spec.kind not in IN_FORCE_KINDS:
                _problem(self.doc, ("lifecycle",), f"a {self.spec.kind} needs a 'signed' event "
                         "(the day it was adopted or made)")
            else:
                self.lifecycle_order(lifecycle)  # signed and never in force: an end or amendment still follows it
            return ()
        if len(starts) > 1 or len(ends) > 1:
            _problem(self.doc, ("lifecycle",), "at most one start and one termination event",
                     "record later changes as 'amended'")
            return ()
        self.lifecycle_order(lifecycle)
        end = ends[0] if ends else None
        if end is not None and end <= starts[0]:
            at = next(i for i, e in enumerate(lifecycle) if e.event == "terminated")
            began = "entry into force" if start == "in-force" else "the signature"
            _problem(self.doc, ("lifecycle", at, "date"), f"termination ({end}) is not after {began} ({starts[0]})",
                     "'terminated' is the first day the instrument is no longer in force, after the day it "
                     "began to apply; check both dates against the sources")
            return ()
        return (Interval(starts[0], end),)

    def lifecycle_order(self, lifecycle: tuple[LifecycleEvent, ...]) -> None:
        """Dates that cannot follow one another: in force, amended or ended before signature; amended after the end.

        Termination on or before the day an instrument began to apply is
        :meth:`in_force`'s check; here only a treaty never in force has its
        termination set against its signature.
        """
        signed = min((e.date for e in lifecycle if e.event == "signed"), default=None)
        end = min((e.date for e in lifecycle if e.event == "terminated"), default=None)
        never_in_force = self.spec.kind in IN_FORCE_KINDS and not any(e.event == "in-force" for e in lifecycle)
        check = "check both dates against the sources"
        for i, e in enumerate(lifecycle):
            path = ("lifecycle", i, "date")
            if signed is not None and e.date < signed:
                if e.event == "in-force":
                    _problem(self.doc, path, f"entry into force ({e.date}) is before the signature ({signed})",
                             f"an instrument enters into force on or after the day it is signed; {check}")
                elif e.event == "amended":
                    _problem(self.doc, path, f"an amendment ({e.date}) is before the signature ({signed})",
                             f"an amendment cannot take effect before the instrument is signed; {check}")
            if e.event == "terminated" and never_in_force and signed is not None and e.date <= signed:
                _problem(self.doc, path, f"termination ({e.date}) is not after the signature ({signed})",
                         f"'terminated' is the first day the instrument no longer applies, after the day it "
                         f"is signed; {check}")
            if e.event == "amended" and end is not None and e.date >= end:
                _problem(self.doc, path, f"an amendment ({e.date}) takes effect on or after termination ({end})",
                         f"'terminated' is the first day the instrument is no longer in force; {check}")

    def party(self, code: str, party: schema.PartyIn, in_force: tuple[Interval, ...],
              eif_unverified: bool = False) -> Party:
        """One party's events and bound periods; ``eif_unverified``: the entry into force is not confirmed."""
        path = ("parties", code, "events")
        events = []
        for i, e in enumerate(party.events):
            sources = self.refs(e.sources, path + (i, "sources"))
            if e.toward is not None:
                self.state(e.toward, path + (i, "toward"))
            if e.event in ("obligations-suspended", "obligations-restored") and e.toward is None:
                _problem(self.doc, path + (i,), f"'{e.event}' needs toward: (the state concerned)")
            events.append(PartyEvent(e.event, e.date, sources, self.confidence(e.confidence, sources),
                                     e.toward, e.note))
        dates = [e.date for e in events]
        if dates != sorted(dates):
            _problem(self.doc, path, "events are not in date order", "list them oldest first")
        eif = in_force[0].start if in_force else None
        unverified: list[date] = []  # starts of bound periods whose date a source does not confirm

        def opened(start: date, event: PartyEvent) -> date:
            # a party is bound from its own event, or from the entry into force when that is later;
            # the start is unverified when its own event is, or when it is the entry into force and that is
            if event.confidence == "unverified" or (start != event.date and eif_unverified):
                unverified.append(start)
            return start
        starts = _STARTS[self.spec.kind]
        bound: list[Interval] = []
        open_start: date | None = None
        suspended: list[Interval] = []
        susp_start: date | None = None
        toward: list[tuple[str, Interval]] = []
        toward_open: dict[str, date] = {}
        caveats: list[tuple[Interval, str]] = []
        open_event: PartyEvent | None = None
        for i, e in enumerate(events):
            if e.event in starts:
                if open_start is None:
                    open_start, open_event = e.date, e
            elif e.event == "withdrew":
                if open_start is None:
                    _problem(self.doc, path + (i,), "withdrawal of a state that is not a party then")
                    continue
                start = max(open_start, eif) if (eif and self.spec.kind in IN_FORCE_KINDS) else open_start
                if e.date > start:
                    bound.append(Interval(opened(start, open_event), e.date))
                open_start = None
            elif e.event == "suspended":
                if susp_start is not None:
                    _problem(self.doc, path + (i,), "'suspended' again before 'resumed'",
                             "record one suspension, then its 'resumed'")
                    continue
                susp_start = e.date
            elif e.event == "resumed":
                if susp_start is None:
                    _problem(self.doc, path + (i,), "'resumed' without an earlier 'suspended'")
                elif e.date <= susp_start:
                    _problem(self.doc, path + (i,), f"'resumed' on {e.date} is not after 'suspended' on "
                             f"{susp_start}", "a suspension lasts at least a day: [suspended, resumed)")
                    susp_start = None
                else:
                    suspended.append(Interval(susp_start, e.date))
                    susp_start = None
            elif e.event == "obligations-suspended":
                toward_open[e.toward or ""] = e.date
            elif e.event == "obligations-restored":
                start_t = toward_open.pop(e.toward or "", None)
                if start_t is None:
                    _problem(self.doc, path + (i,), "'obligations-restored' without an earlier suspension")
                elif e.date <= start_t:
                    _problem(self.doc, path + (i,), f"'obligations-restored' on {e.date} is not after "
                             f"'obligations-suspended' on {start_t}",
                             "a suspension lasts at least a day: [suspended, restored)")
                else:
                    toward.append((e.toward or "", Interval(start_t, e.date)))
            elif e.event == "participation-frozen":
                caveats.append((Interval(e.date), e.note or f"{code} says it has frozen its participation"))
        if open_start is not None:
            if self.spec.kind in IN_FORCE_KINDS and eif is None:
                pass  # signed and ratified, but the treaty is not in force: bound never
            else:
                start = max(open_start, eif) if (eif and self.spec.kind in IN_FORCE_KINDS) else open_start
                bound.append(Interval(opened(start, open_event)))
        ended = in_force[-1].end if in_force else None
        if ended is not None:  # no one is a party to an instrument that has ended: [from, until) stops there
            bound = [Interval(b.start, min(b.end, ended) if b.end else ended) for b in bound if b.start < ended]
        if susp_start is not None:
            suspended.append(Interval(susp_start))
        for state, start_t in toward_open.items():
            toward.append((state, Interval(start_t)))
        return Party(code, tuple(events), tuple(bound), tuple(suspended), tuple(toward),
                     tuple(caveats), party.note, self.contested(code, party), tuple(unverified))

    def contested(self, code: str, party: schema.PartyIn) -> tuple[Contest, ...]:
        """Periods in which the state's party status is disputed: each names its fact and every position."""
        out = []
        for i, c in enumerate(party.contested):
            path = ("parties", code, "contested", i)
            if c.until is not None and c.until <= c.from_:
                _problem(self.doc, path + ("until",), "'until' must be after 'from' (the period is [from, until))",
                         "'until' is the first day the dispute no longer applies")
                continue
            if c.fact not in self.spec.facts:
                _problem(self.doc, path + ("fact",), f"fact '{c.fact}' is not declared",
                         "declare it under the file's facts: key with its question")
                continue
            views = {p.view for p in c.positions}
            if views != {"party", "not-a-party"}:
                _problem(self.doc, path + ("positions",), "a dispute needs a position for each view",
                         "give one position with view: party and one with view: not-a-party")
                continue
            positions = []
            for j, p in enumerate(c.positions):
                positions.append(Position(p.view, " ".join(p.held_by.split()),
                                          self.refs(p.sources, path + ("positions", j, "sources"))))
            sources = tuple(s for p in positions for s in p.sources)
            out.append(Contest(Interval(c.from_, c.until), c.fact, tuple(positions),
                               self.confidence(c.confidence, sources), " ".join(c.note.split()) if c.note else None))
        return tuple(out)

    def provision(self, p: schema.ProvisionIn, path: Path, parties: set[str]) -> Provision | None:
        sources = self.refs(p.sources, path + ("sources",))
        when = parse_condition(p.when, path + ("when",), self.ctx)
        if isinstance(p.bound, dict) and "others-among" not in p.bound:
            _problem(self.doc, path + ("bound",), "'bound' as a mapping takes others-among: [...]",
                     "write bound: {others-among: [POL, LTU]}, bound: [POL], or bound: others")
            return None
        listed = p.bound if isinstance(p.bound, list) else p.bound.get("others-among") \
            if isinstance(p.bound, dict) else None
        if listed is not None:
            where = path + ("bound",) + (("others-among",) if isinstance(p.bound, dict) else ())
            if isinstance(p.bound, list) and not listed:
                _problem(self.doc, where, "'bound' lists no party",
                         "name the parties bound, e.g. bound: [POL], or write bound: others")
            for i, code in enumerate(listed):
                if self.state(code, where + (i,)) and code not in parties:
                    _problem(self.doc, where + (i,), f"{code} is not listed under parties:")
            bound = tuple(listed) if isinstance(p.bound, list) else ("others-among", tuple(listed))
        else:
            bound = p.bound
        if p.beneficiary not in ("target", "aggressors"):
            if self.state(p.beneficiary, path + ("beneficiary",)) and p.beneficiary not in parties \
                    and self.spec.kind not in ("statement", "unilateral-act", "doctrine"):
                _problem(self.doc, path + ("beneficiary",), f"{p.beneficiary} is not listed under parties:")
        if self.spec.kind == "treaty" and p.modality == "intends":
            _problem(self.doc, path + ("modality",), "a treaty provision is must or may, not intends",
                     "intends is for statements and doctrines")
        if self.spec.kind == "statement" and p.modality != "intends":
            _problem(self.doc, path + ("modality",), "a statement declares intentions: use intends")
        readings = self.readings(p, path)
        if when is None:
            return None
        code = p.discretion.code
        return Provision(
            id=p.id, article=p.article, article_confirmed=p.article_confirmed, title=p.title,
            text=" ".join(p.text.split()), confidence=self.confidence(p.confidence, sources),
            sources=sources, modality=p.modality, duty=p.duty,
            discretion=Discretion(code, p.discretion.wording, DISCRETION[code][1]),
            bound=bound, beneficiary=p.beneficiary, when=when,
            procedure=tuple(Step(s.step, s.cite) for s in p.procedure),
            caveats=tuple(p.caveats), quote=p.quote, readings=tuple(readings),
            line=self.doc.line(path), decision=self.decision(p, path))

    def decision(self, p: schema.ProvisionIn, path: Path) -> Decision | None:
        """Who must decide before help is given, and whether the text or documented practice says so."""
        d = p.decision
        if d is None:
            return None
        sources = self.refs(d.sources, path + ("decision", "sources"))
        return Decision(" ".join(d.by.split()), d.basis, d.cite, sources, " ".join(d.note.split()) if d.note else None)


    def readings(self, p: schema.ProvisionIn, path: Path) -> tuple[Reading, ...]:
        """Readings of a contested provision: one default (with its reason), the others differ."""
        out = []
        names: set[str] = set()
        for j, r in enumerate(p.readings):
            rpath = path + ("readings", j)
            if r.name in names:
                _problem(self.doc, rpath + ("name",), f"duplicate reading name '{r.name}'",
                         "each reading of a provision has its own name")
            names.add(r.name)
            rwhen = parse_condition(r.when, rpath + ("when",), self.ctx) if r.when is not None else None
            if r.default:
                if r.when is not None or r.duty is not None:
                    _problem(self.doc, rpath, "the default reading is the provision as encoded",
                             "move its when:/duty: into the provision itself")
                if not r.default_because:
                    _problem(self.doc, rpath + ("default",), "a default reading needs default_because:",
                             "say why this reading is the default")
            else:
                if r.when is None and r.duty is None:
                    _problem(self.doc, rpath, f"reading '{r.name}' changes nothing",
                             "give the trigger (when:) or the duty (duty:) it reads differently, "
                             "or record the view as a caveat")
                if r.default_because:
                    _problem(self.doc, rpath + ("default_because",),
                             "default_because: belongs to the default reading only")
            out.append(Reading(r.name, r.held_by, " ".join(r.text.split()),
                               self.refs(r.sources, rpath + ("sources",)), rwhen, r.duty, r.default,
                               " ".join(r.default_because.split()) if r.default_because else None))
        if out and sum(r.default for r in out) != 1:
            _problem(self.doc, path + ("readings",), "a contested provision has exactly one default reading",
                     "mark one reading default: true and say why in default_because:")
        return tuple(out)


def build_bytes(raw: bytes, shown: str, check_state, tags: set[str]):
    """Build a treaty file from its bytes (as read, at most one byte past the size limit)."""
    from casus.loader.limits import decoded

    text, problem = decoded(raw, shown)
    if problem is not None:
        return None, [problem]
    return build(text, shown, check_state, tags)


def build_file(path: FsPath, check_state, tags: set[str], display: str | None = None):
    from casus.loader.limits import read_bounded

    shown = display or str(path)
    raw, problem = read_bounded(path, shown)
    if problem is not None:
        return None, [problem]
    return build_bytes(raw, shown, check_state, tags)
