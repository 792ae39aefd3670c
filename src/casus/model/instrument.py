"""Instruments as the engine sees them: plain, frozen, already checked.

The loader builds these from treaty files; nothing here reads files or
validates input.  Periods follow :mod:`casus.model.dates` (half-open).

The records are :func:`casus.model.records.record` classes: frozen
dataclasses that a start reads quickly from the compiled-corpus cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casus.model.dates import Interval, date
from casus.model.records import record


@record
class Source:
    """A source an instrument cites: its key in the treaty file, title and address."""

    key: str
    title: str
    url: str | None


@record
class Condition:
    """A node of a provision's trigger condition.

    ``op`` is one of: ``all``, ``any``, ``not`` (with ``children``), or a leaf:
    ``event``, ``weapon``, ``by`` (``state``/``non-state``), ``by-party``,
    ``target``, ``scope``, ``fact``.  ``arg`` holds the leaf's argument.
    """

    op: str
    arg: object = None
    children: tuple["Condition", ...] = ()
    label: str | None = None
    cite: str | None = None


@record
class PlacePredicate:
    """A test on a place: ``all``/``any``/``not``, ``tag``, ``state`` or ``administered-by``."""

    op: str
    arg: object = None
    children: tuple["PlacePredicate", ...] = ()


@record
class Scope:
    """Where a provision applies: the territory, or the forces, that the treaty's article names."""

    id: str
    article: str
    text: str
    territory: PlacePredicate | None
    forces: PlacePredicate | None
    sources: tuple[Source, ...]


@record
class Discretion:
    """How much a provision leaves to the bound party, and the wording that decides it."""

    code: str
    wording: str | None
    discretionary: bool


@record
class Step:
    """A procedural step required before help is given."""

    text: str
    cite: str | None = None


@record
class Decision:
    """A decision that must be taken before help is given, by a body or leaders that can withhold it.

    ``basis`` says whether the instrument's text requires it (``text``) or
    documented practice has (``practice``).  Distinct from the discretion
    wording (how far the duty goes) and from the procedure (the steps): an
    obligation that needs such a decision is not automatic.
    """

    by: str
    basis: str  # text | practice
    cite: str | None
    sources: tuple[Source, ...]
    note: str | None = None

    def to_dict(self) -> dict:
        return {"by": self.by, "basis": self.basis, "cite": self.cite, "note": self.note,
                "sources": [{"title": s.title, "url": s.url} for s in self.sources]}


@record
class Reading:
    """A reading of a contested provision, attributed to who holds it.

    Under a reading the provision's trigger is ``when`` and its duty ``duty``
    where the reading gives them; what it leaves out stays as encoded.  Exactly
    one reading of a contested provision is the default, and ``default_because``
    says why; the default changes nothing.
    """

    name: str
    held_by: str
    text: str
    sources: tuple[Source, ...]
    when: Condition | None = None
    duty: str | None = None
    default: bool = False
    default_because: str | None = None


@record
class Provision:
    """One obligation or permission of an instrument: who is bound, toward whom, to do what, and when."""

    id: str
    article: str
    article_confirmed: bool
    title: str
    text: str
    confidence: str
    sources: tuple[Source, ...]
    modality: str
    duty: str
    discretion: Discretion
    # "others", "aggressors", explicit states, or ("others-among", states): those states but the beneficiary
    bound: tuple | str
    beneficiary: str  # "target", "aggressors" (offensive pledges) or a state code
    when: Condition
    procedure: tuple[Step, ...] = ()
    caveats: tuple[str, ...] = ()
    quote: str | None = None
    readings: tuple[Reading, ...] = ()
    line: int = 0
    decision: Decision | None = None  # a decision that can withhold help, required before it is given
    reading: Reading | None = None  # set on the copy the engine uses under a non-default reading
    _as: dict | None = field(default=None, init=False, compare=False, repr=False)  # its readings, made once

    @property
    def reading_applied(self) -> Reading | None:
        """The reading this provision is evaluated under: ``reading``, else the default; None if uncontested."""
        if not self.readings:
            return None
        return self.reading or next(r for r in self.readings if r.default)

    def read_as(self, name: str | None) -> "Provision":
        """This provision as read under ``name`` (itself when it has no such reading)."""
        if name is None or not self.readings:
            return self
        if self._as is None:
            object.__setattr__(self, "_as", {})
        found = self._as.get(name)
        if found is None:
            found = self._as[name] = _read_as(self, name)
        return found


@record
class PartyEvent:
    """A dated event of a party: signature, ratification, accession, suspension, withdrawal and the like."""

    event: str
    date: date
    sources: tuple[Source, ...]
    confidence: str
    toward: str | None = None
    note: str | None = None


@record
class Position:
    """One side of a dispute over a state's party status, attributed to who holds it."""

    view: str  # party | not-a-party
    held_by: str
    sources: tuple[Source, ...]


@record
class Contest:
    """A period in which whether the state is a party is disputed (e.g. which government speaks for it).

    During ``span`` the engine settles nothing by itself: membership is
    unknown until the user gives the fact ``fact`` (yes: a party, no: not a
    party), and every position is shown with who holds it.
    """

    span: Interval
    fact: str
    positions: tuple[Position, ...]
    confidence: str
    note: str | None = None


@record
class Party:
    """A state's membership of an instrument: its events, the intervals it is bound, suspended or contested."""

    state: str
    events: tuple[PartyEvent, ...]
    bound: tuple[Interval, ...]
    suspended: tuple[Interval, ...] = ()
    suspended_toward: tuple[tuple[str, Interval], ...] = ()
    caveats: tuple[tuple[Interval, str], ...] = ()
    note: str | None = None
    contested: tuple[Contest, ...] = ()
    unverified_starts: tuple[date, ...] = ()  # starts of ``bound`` periods whose date no source confirms

    def frozen_on(self, day: date) -> bool:
        """Whether the state's participation is described as frozen on ``day`` (its ``caveats`` record that)."""
        return any(span.contains(day) for span, _ in self.caveats)


@record
class LifecycleEvent:
    """A dated event of an instrument itself: signature, entry into force, amendment, termination."""

    event: str
    date: date
    sources: tuple[Source, ...]
    confidence: str
    note: str | None = None
    place: str | None = None


@record
class Disagreement:
    """Sources that disagree on one fact of an instrument, each version with its sources and whether it is used."""

    about: str
    versions: tuple[tuple[str, tuple[Source, ...], bool], ...]  # (value, sources, used?)
    note: str | None = None


@record
class FactDef:
    """A fact a provision needs that casus cannot decide by itself, and the question it asks the user."""

    name: str
    question: str


@record
class Instrument:
    """A treaty, declaration, doctrine or statement as encoded: parties, dates, provisions, scopes and sources."""

    id: str
    kind: str
    title: str
    short_title: str
    summary: str
    path: str
    sources: dict[str, Source]
    lifecycle: tuple[LifecycleEvent, ...]
    in_force: tuple[Interval, ...]
    term: str | None
    parties: dict[str, Party]
    provisions: tuple[Provision, ...]
    scopes: dict[str, Scope]
    facts: dict[str, FactDef]
    disagreements: tuple[Disagreement, ...] = ()
    speaker: str | None = None
    notes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # short names a user may type for the id (e.g. nato)

    def states(self) -> tuple[str, ...]:
        return tuple(self.parties)

    def entry_into_force(self) -> date | None:
        return self.in_force[0].start if self.in_force else None

    def start_confidence(self, start: date) -> str | None:
        """The confidence of the recorded entry into force on ``start`` (``None`` when none is recorded)."""
        for event in self.lifecycle:
            if event.event == "in-force" and event.date == start:
                return event.confidence
        return None

    def signature(self) -> date | None:
        for event in self.lifecycle:
            if event.event == "signed":
                return event.date
        return None


@dataclass(frozen=True)
class Corpus:
    """A set of instruments, with indexes the engine uses."""

    instruments: tuple[Instrument, ...]
    by_state: dict[str, tuple[Instrument, ...]] = field(default_factory=dict)
    #: What the engine remembers about this corpus (its evaluator); it lives and dies with the corpus.
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    #: The records of practice (casus.model.practice.PracticeRecord) of these instruments, by date.
    practice: tuple = ()

    def __reduce__(self):  # the memo is not kept: a loaded corpus starts with an empty one
        return Corpus, (self.instruments, self.by_state, {}, self.practice)

    @classmethod
    def of(cls, instruments: list[Instrument] | tuple[Instrument, ...], practice=()) -> "Corpus":
        ordered = tuple(sorted(instruments, key=lambda i: (_KIND_ORDER.get(i.kind, 9), i.id)))
        index: dict[str, list[Instrument]] = {}
        for instrument in ordered:
            states = set(instrument.parties)
            states.update(p.beneficiary for p in instrument.provisions
                          if p.beneficiary not in ("target", "aggressors"))
            for state in sorted(states):
                index.setdefault(state, []).append(instrument)
        return cls(ordered, {k: tuple(v) for k, v in index.items()},
                   practice=tuple(sorted(practice, key=lambda r: (r.date, r.instrument, r.line))))

    def get(self, instrument_id: str) -> Instrument | None:
        """The instrument with this id, or with this alias (ids first; case-insensitive for aliases)."""
        for instrument in self.instruments:
            if instrument.id == instrument_id:
                return instrument
        wanted = instrument_id.strip().lower()
        for instrument in self.instruments:
            if wanted in instrument.aliases:
                return instrument
        return None

    def states(self) -> tuple[str, ...]:
        return tuple(sorted(self.by_state))

    def readings(self) -> dict[str, list[tuple[Instrument, Provision, Reading]]]:
        """Every reading name in the corpus, with the provisions that have it."""
        names: dict[str, list[tuple[Instrument, Provision, Reading]]] = {}
        for instrument in self.instruments:
            for provision in instrument.provisions:
                for reading in provision.readings:
                    names.setdefault(reading.name, []).append((instrument, provision, reading))
        return names

    def fact_names(self) -> dict[str, str]:
        from casus.model.citation import article
        from casus.model.vocabulary import ENGINE_FACTS

        names = dict(ENGINE_FACTS)
        for instrument in self.instruments:
            for fact in instrument.facts.values():
                names.setdefault(fact.name, fact.question)
            for scope in instrument.scopes.values():
                names.setdefault(f"in-scope:{scope.id}",
                                 f"the place falls within '{scope.id}' ({article(scope.article)}), "
                                 "where the place's status under that wording is unsettled")
        return names


def _read_as(provision: Provision, name: str) -> Provision:
    import dataclasses

    for reading in provision.readings:
        if reading.name == name and not reading.default:
            return dataclasses.replace(provision, when=reading.when or provision.when,
                                       duty=reading.duty or provision.duty, reading=reading)
    return provision


_KIND_ORDER = {"treaty": 0, "executive-agreement": 1, "declaration": 2, "unilateral-act": 3,
               "doctrine": 4, "statement": 5}
