"""A scenario: what happened, to whom, by whom, where and when."""

from __future__ import annotations

from dataclasses import dataclass, field

from casus.model.dates import date

NON_STATE = "non-state"


def given(facts) -> list[str]:
    """Facts given, as every interface writes them: ``name=yes`` or ``name=no``, in name order."""
    return [f"{name}={'yes' if truth else 'no'}" for name, truth in sorted(facts.items())]


@dataclass(frozen=True)
class Scenario:
    """The normalised input of one question.

    ``by`` is a tuple of ISO alpha-3 codes, ``("non-state",)`` for a non-state
    aggressor, or ``()`` when the scenario does not say who acts (a provision
    that needs to know is then *undetermined*).  ``at`` is a canonical place
    code; it defaults to the target's own code.  ``facts`` maps fact names to
    booleans; a fact absent from it is *missing*, never false.  ``reading``
    names the reading of contested provisions to apply (``None``: each
    provision's default reading).
    """

    event: str
    target: str
    on: date
    by: tuple[str, ...] = ()
    at: str | None = None
    weapon: str = "conventional"
    facts: dict[str, bool] = field(default_factory=dict)
    reading: str | None = None

    @property
    def place(self) -> str:
        return self.at or self.target

    def to_dict(self) -> dict:
        return {
            "event": self.event,
            "target": self.target,
            "by": list(self.by),
            "at": self.place,
            "on": self.on.isoformat(),
            "weapon": self.weapon,
            "facts": dict(sorted(self.facts.items())),
            "reading": self.reading,
        }
