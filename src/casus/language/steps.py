"""The checks of a finding's trace that are not condition operators, with their wording.

Every finding's trace starts with these (see :mod:`casus.engine.evaluate`):

``in-force``         the instrument is in force (a statement: has been made) on the date
``membership``       the beneficiary, then the bound party, is a party on the date, not suspended
``self-aggressor``   the bound party is itself an aggressor, so it is not bound against itself
``target-aggressor`` the target is not bound to join an attack on itself (offensive pledges)

then one step per leaf of the provision's condition, whose kinds are those of
:mod:`casus.language.operators` (``event``, ``weapon``, ``aggressor``,
``aggressor-party``, ``target``, ``place``, ``fact``, ``date``).
"""

from __future__ import annotations

from casus.language.operators import OPERATORS
from casus.model import citation
from casus.model.trace import TraceStep

STEP_KINDS: dict[str, str] = {
    "in-force": "the instrument is in force (a statement: made) on the scenario's date",
    "membership": "a state is a party on the date, and neither its participation nor its obligations "
                  "toward the beneficiary are suspended",
    "self-aggressor": "the bound party is one of the aggressors, so it is not bound to act against itself",
    "target-aggressor": "the target does not join an attack on itself",
    **{op.kind: f"the condition operator '{op.name}'" for op in OPERATORS.values() if op.kind},
}


class _Wording:
    part = "parties"

    def citation(self, step: TraceStep) -> str:
        return citation.where(step.source, None, self.part)


class InForce(_Wording):
    part = "lifecycle"

    def sentence(self, step: TraceStep) -> str:
        case, kind, day = step.get("case"), step.get("kind"), step.get("on")
        start = step.get("start")
        if case == "made":
            return f"the statement was made on {start}" + ("" if step.result else f", after {day}")
        if case == "in-force":
            since = "adopted" if kind == "doctrine" else "in force since"
            unverified = ", a date not verified" if step.get("confidence") == "unverified" else ""
            return f"the {kind} is in force on {day} ({since} {start}{unverified})"
        if case == "never":
            return f"the {kind} is not in force on {day} (no entry into force is recorded)"
        if case == "not-yet":
            return f"the {kind} is not yet in force on {day} (it enters into force on {start})"
        return f"the {kind} is no longer in force on {day} (it ended on {step.get('end')})"


class Membership(_Wording):
    def sentence(self, step: TraceStep) -> str:
        g = step.get
        case, state, role, day = g("case"), g("state"), g("role"), g("on")
        if case == "not-listed":
            return f"{state} ({role}) is not a party to the {g('kind')}"
        if case == "speaker":
            return f"{state} is the state whose official made the statement"
        if case == "not-bound":
            return f"{state} ({role}) is not a party on {day} ({g('history')})"
        if case == "suspended":
            return f"{state}'s participation is suspended on {day} (since {g('since')})"
        if case == "contested":
            return (f"whether {state} ({role}) is a party on {day} is disputed, each position attributed in the "
                    f"notes (fact '{g('fact')}' not given)")
        if case in ("contested-party", "contested-not-party"):
            taken = "a party" if case == "contested-party" else "not a party"
            return (f"{state} ({role}) is taken as {taken} on {day}, as the fact '{g('fact')}' was given "
                    f"(the status is disputed from {g('since')})")
        if case == "suspended-toward":
            return f"{state}'s obligations toward {g('toward')} are suspended on {day} (since {g('since')})"
        unverified = ", a date not verified" if g("confidence") == "unverified" else ""
        return f"{state} ({role}) is a party on {day} (bound since {g('since')}{unverified})"


class SelfAggressor(_Wording):
    def sentence(self, step: TraceStep) -> str:
        return (f"{step.get('party')} is itself an aggressor in this scenario, so it is not bound to act for "
                f"{step.get('beneficiary')} against itself")


class TargetAggressor(_Wording):
    def sentence(self, step: TraceStep) -> str:
        return f"{step.get('party')} is the target of the scenario, so it does not join the attack on itself"


IN_FORCE, MEMBERSHIP, SELF_AGGRESSOR, TARGET_AGGRESSOR = InForce(), Membership(), SelfAggressor(), TargetAggressor()
