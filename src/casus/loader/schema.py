"""The treaty file format (``casus_format: 1``) as pydantic models.

These models check the shape of a file: known keys only, the right types,
words from the closed vocabularies.  Conditions and place predicates are
checked by :mod:`casus.loader.conditions`, which gives better messages for
their small recursive language.  docs/treaty-format.md explains every key.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Confidence = Literal["C2+", "C1", "unverified"]
Kind = Literal["treaty", "doctrine", "statement", "executive-agreement", "declaration", "unilateral-act"]
Modality = Literal["must", "may", "intends"]
Duty = Literal["military-assistance", "assistance", "consultation", "countermeasures",
               "nuclear-response", "basing", "neutrality", "non-aggression", "offensive-support",
               "non-assistance-to-aggressor"]
DiscretionCode = Literal["all-means", "necessary-assistance", "agreed-means", "immediate-on-request",
                         "as-it-deems-necessary", "constitutional-processes", "all-means-in-its-power",
                         "no-forced-use-of-force", "unconditional", "permission", "declared-intent", "unspecified"]
PartyEventName = Literal["signed", "ratified", "acceded", "joined", "declared", "withdrawal-notified",
                         "withdrew", "suspended", "resumed", "obligations-suspended",
                         "obligations-restored", "participation-frozen"]
LifecycleEventName = Literal["signed", "in-force", "amended", "terminated"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class SourceIn(Strict):
    title: str = Field(min_length=3)
    url: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("a source url starts with http:// or https://")
        return value


class LifecycleIn(Strict):
    event: LifecycleEventName
    date: dt.date
    sources: list[str] = Field(min_length=1)
    confidence: Confidence | None = None
    place: str | None = None
    note: str | None = None


class PartyEventIn(Strict):
    event: PartyEventName
    date: dt.date
    sources: list[str] = Field(min_length=1)
    confidence: Confidence | None = None
    toward: str | None = None
    note: str | None = None


class PositionIn(Strict):
    view: Literal["party", "not-a-party"]
    held_by: str = Field(min_length=3)
    sources: list[str] = Field(min_length=1)


class ContestIn(Strict):
    from_: dt.date = Field(alias="from")
    until: dt.date | None = None
    fact: str
    positions: list[PositionIn] = Field(min_length=2)
    confidence: Confidence | None = None
    note: str | None = None


class PartyIn(Strict):
    events: list[PartyEventIn] = Field(min_length=1)
    contested: list[ContestIn] = []
    note: str | None = None


class ScopeIn(Strict):
    article: str
    text: str
    sources: list[str] = Field(min_length=1)
    territory: Any = None
    forces: Any = None


class DiscretionIn(Strict):
    code: DiscretionCode
    wording: str | None = None


class StepIn(Strict):
    step: str
    cite: str | None = None


class ReadingIn(Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    held_by: str
    text: str = Field(min_length=20)
    sources: list[str] = Field(min_length=1)
    when: Any = None
    duty: Duty | None = None
    default: bool = False
    default_because: str | None = None


class DecisionIn(Strict):
    by: str = Field(min_length=3)
    basis: Literal["text", "practice"]
    cite: str | None = None
    sources: list[str] = Field(min_length=1)
    note: str | None = None


class ProvisionIn(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    article: str
    article_confirmed: bool = True
    title: str
    text: str = Field(min_length=20)
    quote: str | None = None
    confidence: Confidence | None = None
    sources: list[str] = Field(min_length=1)
    modality: Modality
    duty: Duty
    discretion: DiscretionIn
    bound: Literal["others", "aggressors"] | list[str] | dict[Literal["others-among"], list[str]]
    beneficiary: str = "target"
    when: Any
    procedure: list[StepIn] = []
    decision: DecisionIn | None = None
    caveats: list[str] = []
    readings: list[ReadingIn] = []


class DisagreementVersionIn(Strict):
    value: str
    sources: list[str] = Field(min_length=1)
    used: bool = False


class DisagreementIn(Strict):
    about: str
    versions: list[DisagreementVersionIn] = Field(min_length=2)
    note: str | None = None


class InstrumentIn(Strict):
    casus_format: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Kind
    title: str
    short_title: str
    aliases: list[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]] = []
    summary: str
    speaker: str | None = None
    sources: dict[str, SourceIn] = Field(min_length=1)
    lifecycle: list[LifecycleIn] = Field(min_length=1)
    term: str | None = None
    parties: dict[str, PartyIn] = Field(min_length=1)
    facts: dict[str, str] = {}
    scopes: dict[str, ScopeIn] = {}
    provisions: list[ProvisionIn] = Field(min_length=1)
    disagreements: list[DisagreementIn] = []
    notes: list[str] = []
