"""The result of a cascade: which states join which side, round by round, and why.

A cascade starts from a scenario (round 0: the target on one side, the
aggressors on the other) and adds, round by round, every state that a
finding draws to a side.  The ``assumption`` under which later rounds were
computed travels with the result; it is an assumption, never a finding.
"""

from __future__ import annotations

from casus.model import citation

from dataclasses import dataclass

SIDES = ("target", "aggressor")
#: what a binding but undetermined join waits for, as the tree and the cascade page say it
CONDITIONAL = "the conditions on facts not given hold"


@dataclass(frozen=True)
class Via:
    """The finding through which a state joins a side."""

    instrument: str
    kind: str          # treaty, doctrine or statement
    article: str
    provision: str
    beneficiary: str   # the state on the side it joins, whom the finding is owed to
    duty: str
    modality: str
    discretion: str    # the discretion code
    status: str        # the finding's own status: triggered or undetermined
    missing: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()  # attributed notes on the party's membership (e.g. frozen participation)
    decision: str | None = None    # who must decide before help is given (and can withhold it), if anyone

    @property
    def cite(self) -> str:
        """``Art. 4(1)`` for numbered articles; a statement or a doctrine's chapter as it is."""
        return article_cite(self.article)

    def to_dict(self) -> dict:
        return {"instrument": self.instrument, "kind": self.kind, "article": self.article,
                "provision": self.provision, "beneficiary": self.beneficiary, "duty": self.duty,
                "modality": self.modality, "discretion": self.discretion, "status": self.status,
                "missing": list(self.missing), "caveats": list(self.caveats), "decision": self.decision}


def article_cite(article: str) -> str:
    return citation.article(article)


@dataclass(frozen=True)
class Join:
    """One state on one side.  Round 0 states are given by the scenario (``via`` is None).

    ``status`` is ``triggered`` when every finding on the chain back to round 0
    is triggered, ``undetermined`` when one of them depends on a missing fact.
    ``binding`` is true when every link on the chain is an obligation the
    instrument does not leave to the party's judgement and that needs no
    decision a named body or leaders can withhold; ``decision`` is true when
    the chain is binding but for such a decision.
    """

    state: str
    side: str
    round: int
    via: Via | None
    status: str
    binding: bool
    also_via: tuple[Via, ...] = ()
    decision: bool = False

    def to_dict(self) -> dict:
        return {"state": self.state, "side": self.side, "round": self.round,
                "via": self.via.to_dict() if self.via else None, "status": self.status,
                "binding": self.binding, "needs_decision": self.decision,
                "also_via": [v.to_dict() for v in self.also_via]}


@dataclass(frozen=True)
class Conflict:
    """Something the cascade cannot resolve on its own: reported, never silently picked.

    ``kind`` is ``both-sides`` (a state drawn to each side), ``cycle`` (an
    obligation that leads back along the chain to a state two or more links
    away; a link straight back, as every mutual pact has, is only counted in
    ``Cascade.mutual_links``) or
    ``non-aggression`` (a state on one side pledged not to use force against
    a state on the other).
    """

    kind: str
    states: tuple[str, ...]
    text: str
    via: tuple[Via, ...] = ()

    def to_dict(self) -> dict:
        return {"kind": self.kind, "states": list(self.states), "text": self.text,
                "via": [v.to_dict() for v in self.via]}


@dataclass(frozen=True)
class Cascade:
    """Who joins which side, round by round, after an event; with the conflicts and what was left out."""

    escalation: str                      # none or reciprocal
    assumption: str
    depth: int | None                    # the limit asked for (None: until nothing changes)
    binding_only: bool
    rounds: tuple[tuple[Join, ...], ...]
    conflicts: tuple[Conflict, ...]
    truncated: bool = False              # the depth limit stopped further rounds
    left_out: int = 0                    # discretionary routes left out by binding_only
    non_state: bool = False              # the aggressor side includes a non-state group
    mutual_links: int = 0                # obligations owed straight back to the state one joined through
    left_out_decision: int = 0           # routes needing a decision, left out by binding_only

    def joins(self) -> list[Join]:
        return [j for r in self.rounds for j in r]

    def side(self, name: str) -> list[str]:
        return [j.state for j in self.joins() if j.side == name]

    def to_dict(self) -> dict:
        return {
            "escalation": self.escalation,
            "assumption": self.assumption,
            "depth": self.depth,
            "binding_only": self.binding_only,
            "rounds": [[j.to_dict() for j in r] for r in self.rounds],
            "sides": {name: self.side(name) for name in SIDES},
            "non_state_aggressor": self.non_state,
            "conflicts": [c.to_dict() for c in self.conflicts],
            "truncated": self.truncated,
            "left_out_discretionary": self.left_out,
            "left_out_decision": self.left_out_decision,
            "mutual_links": self.mutual_links,
        }
