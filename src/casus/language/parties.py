"""Who a provision binds, toward whom: the one resolution of ``bound`` and ``beneficiary``.

A provision's ``bound`` is one of:

``others``                      every party but the beneficiary
``aggressors``                  the aggressors that are parties (pledges binding the aggressor itself)
``{others-among: [A, B, ...]}`` those states, but the beneficiary
``[A, B, ...]``                 exactly those states (which may include the beneficiary: e.g. a nuclear
                                response by the state that holds the weapons)

and its ``beneficiary`` is ``target`` (the state attacked), ``aggressors``
(an offensive pledge: the aggressors that are parties) or a state.  The
engine, cascades, the network, timelines, ``compare`` and the dataset
columns all ask the functions here.
"""

from __future__ import annotations

from collections.abc import Iterable

from casus.model.dates import Interval, subtract


def serves_aggressor(provision) -> bool:
    """The provision binds or serves the aggressors (non-aggression and offensive pledges), not the victim."""
    return provision.bound == "aggressors" or provision.beneficiary == "aggressors"


def beneficiaries(provision, parties: Iterable[str], target: str | None, aggressors: Iterable[str] = ()):
    """The states a provision is owed to, in a scenario (``target=None``: every party, as in the network)."""
    if provision.beneficiary == "aggressors":
        return [s for s in aggressors if s in set(parties)]
    if provision.beneficiary == "target":
        return list(parties) if target is None else [target]
    return [provision.beneficiary]


def bound_parties(provision, parties: Iterable[str], beneficiary: str, aggressors: Iterable[str] = (),
                  keep_self: bool = True) -> list[str]:
    """The states ``provision`` binds toward ``beneficiary``.

    ``parties`` are the instrument's parties, ``aggressors`` the scenario's;
    ``keep_self=False`` drops the beneficiary from an explicit list too (an
    edge of the network never runs from a state to itself).
    """
    bound = provision.bound
    if bound == "others":
        return [s for s in parties if s != beneficiary]
    if bound == "aggressors":
        members = set(parties)
        return [s for s in aggressors if s in members and s != beneficiary]
    if bound[0] == "others-among":
        return [s for s in bound[1] if s != beneficiary]
    return [s for s in bound if keep_self or s != beneficiary]


def may_bind(provision, state: str) -> bool:
    """Whether ``provision`` can bind ``state`` in some scenario."""
    bound = provision.bound
    if isinstance(bound, str):
        return True
    if bound and bound[0] == "others-among":
        return state in bound[1]
    return state in bound


def active(party) -> tuple[Interval, ...]:
    """The periods a party is bound and its participation not suspended (half-open)."""
    return subtract(party.bound, party.suspended)


def describe_bound(provision) -> str:
    bound = provision.bound
    if bound == "others":
        return "each other party"
    if bound == "aggressors":
        return "the aggressors that are parties"
    if bound and bound[0] == "others-among":
        return "others among " + "/".join(bound[1])
    return "/".join(bound)


def describe_beneficiary(provision) -> str:
    return {"target": "the party attacked", "aggressors": "the aggressors that are parties"}.get(
        provision.beneficiary, provision.beneficiary)
