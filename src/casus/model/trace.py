"""The explanation of a finding, as data.

A finding's trace is a tuple of :class:`TraceStep`: each records what kind
of check it is (``in-force``, ``membership``, ``event``, ``place``, ``fact``,
...: the kinds are listed in :data:`casus.language.steps.STEP_KINDS`), the
instrument and provision it belongs to, the article it cites, the facts it
read, its three-valued result and the values its sentence is made from.

The sentence (``text``) and the citation (``cite``) are derived from the
step by its ``wording``, an object of the treaty-language layer that the
engine attaches; they are made in one place, :mod:`casus.language`, and a
renderer tests ``kind``, never the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, eq=False)  # not frozen: a frozen dataclass is slow to build, and a sweep builds millions
class TraceStep:
    """One step of a finding's explanation: its kind, provision, article, the facts read and its result."""

    kind: str
    result: bool | None
    instrument: str
    provision: str | None = None
    article: str | None = None          # the article the step cites; None: the instrument's parties or lifecycle
    facts: tuple[str, ...] = ()         # the facts the step read
    detail: tuple[tuple[str, object], ...] = ()   # the values the sentence is made from
    label: str | None = None            # the treaty file's own name for the condition
    wording: object = field(default=None, compare=False, repr=False)
    source: str = ""                    # the instrument's short title, for the citation text
    moot: bool = False                  # not needed: the other conditions of its all/any decide

    def get(self, key: str, default=None):
        for k, v in self.detail:
            if k == key:
                return v
        return default

    @property
    def text(self) -> str:
        """The step as a sentence (derived; see :mod:`casus.language.wording`)."""
        return self.wording.sentence(self)

    @property
    def cite(self) -> str:
        """Where the step comes from, e.g. ``Union State treaty, Art. 4(2)`` or ``..., parties``."""
        return self.wording.citation(self)

    # the name of the sentence in the flat view (casus.answer/1 "because", see :func:`because`)
    @property
    def condition(self) -> str:
        return self.text

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "result": word(self.result), "instrument": self.instrument,
               "provision": self.provision, "article": self.article, "cite": self.cite,
               "facts": list(self.facts), "label": self.label,
               "detail": {k: _plain(v) for k, v in self.detail}, "text": self.text}
        if self.moot:
            out["moot"] = True
        return out


def because(step: dict) -> dict:
    """The flat view of a step in casus.answer/1 ``because``, from the step's :meth:`TraceStep.to_dict`."""
    return {"condition": step["text"], "result": step["result"], "cite": step["cite"]}


def word(value: bool | None) -> str:
    return "held" if value is True else "failed" if value is False else "unknown"


def _plain(value):
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
