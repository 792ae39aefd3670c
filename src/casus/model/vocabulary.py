"""The closed vocabularies of casus, each term with its meaning.

Treaty files, scenarios and outputs use only these words.  The documentation
(docs/treaty-format.md) lists them, and a test checks that it does.
"""

from __future__ import annotations

EVENTS: dict[str, str] = {
    "armed-attack": "an armed attack or act of aggression: by a state or a group of states, unless the "
                    "scenario names a non-state aggressor (some instruments cover that case too)",
    "threat-of-attack": "a direct or imminent threat of aggression",
    "economic-coercion": "sanctions and other unilateral restrictive measures",
    "subversion": "a deliberate threat from outside to a state's constitutional order or sovereignty",
    "terrorist-attack": "an attack by a non-state terrorist or extremist organisation",
    "internal-unrest": "mass protest or other domestic unrest, with no foreign state or listed group "
                       "established as its author (an addition, for readings that turn on it)",
}

WEAPONS: dict[str, str] = {
    "conventional": "conventional means (the default)",
    "nuclear": "nuclear weapons",
    "chemical": "chemical weapons",
    "biological": "biological weapons",
}

DUTIES: dict[str, str] = {
    "military-assistance": "give military (and usually other) assistance to the beneficiary",
    "assistance": "give support or assistance not limited to, or not specified as, military means",
    "consultation": "consult the other parties or the beneficiary",
    "countermeasures": "take joint or collective measures against economic or other coercion",
    "nuclear-response": "the use of nuclear weapons in response",
    "basing": "station forces and facilities on the beneficiary's territory (the bound party stations "
              "them; the beneficiary hosts them)",
    "neutrality": "stay neutral in a conflict involving the beneficiary",
    "non-aggression": "refrain from using or threatening force against the beneficiary",
    "offensive-support": "join the beneficiary in military action it takes (an offensive pledge; the beneficiary is the aggressor)",
    "non-assistance-to-aggressor": "give no military or other help to a state that commits aggression against the "
                                   "beneficiary (a duty to abstain; it never makes the bound party take a side)",
}

MODALITIES: dict[str, str] = {
    "must": "an obligation the instrument imposes",
    "may": "a permission the instrument grants",
    "intends": "an intention declared in a statement or doctrine, not a legal obligation",
}

STATUSES: dict[str, str] = {
    "triggered": "every condition holds on the scenario's facts",
    "undetermined": "no condition fails, but at least one depends on a fact the scenario does not give",
    "not-triggered": "at least one condition fails (including: not in force, or not a party, on that date)",
}

# code -> (description, discretionary?)
DISCRETION: dict[str, tuple[str, bool]] = {
    "all-means": ("assistance with all forces or means at the party's disposal; the commitment "
                  "itself is not left to the party's judgement", False),
    "necessary-assistance": ("the necessary assistance (including military) is to be given; what is "
                             "necessary is not qualified by the party's own view", False),
    "agreed-means": ("support by the means the parties have agreed and international law allows",
                     False),
    "immediate-on-request": ("assistance guaranteed immediately, once the procedural steps listed "
                             "with the finding are taken", False),
    "as-it-deems-necessary": ("each party takes the action it itself deems necessary; it decides "
                              "the kind and extent of its response", True),
    "constitutional-processes": ("each party acts to meet the danger in accordance with its "
                                 "constitutional processes (e.g. a legislative decision)", True),
    "all-means-in-its-power": ("aid and assistance by all the means in its power, without prejudice "
                               "to some members' specific security policies", False),
    "no-forced-use-of-force": ("collective measures are decided jointly; no party is required to use "
                               "armed force without its consent", True),
    "unconditional": ("an undertaking without qualification, such as a pledge to refrain from force",
                      False),
    "permission": ("a permission: the party may act but is not obliged to", True),
    "declared-intent": ("an intention declared by an official; it binds no one in law", True),
    "unspecified": ("the instrument does not say how far the commitment goes", True),
}

KINDS: dict[str, str] = {
    "treaty": "an international agreement binding its parties",
    "doctrine": "a policy document adopted by the parties' authorities",
    "statement": "a public statement of intention by an official",
    "executive-agreement": "an agreement between governments that is not a ratified treaty: political "
                           "commitments of the signatories, not treaty obligations",
    "declaration": "a joint declaration of heads of state (even where parliaments approved it): "
                   "commitments stated in it are not treated as treaty obligations, and it never "
                   "makes a state join a side in a cascade",
    "unilateral-act": "one state's own undertaking (e.g. an executive order): it binds no other state, "
                      "is not a treaty, and can be revoked by that state alone",
}

#: kinds that record one side's own undertaking: the state it is owed to need not be a party
ONE_SIDED_KINDS = ("statement", "unilateral-act", "doctrine")
#: kinds that declare what a state intends to do (not an obligation); the other kinds but the treaty
#: (executive agreements, declarations, unilateral acts) state commitments that are not treaty obligations
INTENTION_KINDS = ("statement", "doctrine")
#: kinds that apply from their entry into force; the others apply from the day they are signed or adopted
IN_FORCE_KINDS = ("treaty", "executive-agreement")


def start_event(kind: str) -> str:
    """The lifecycle event from which an instrument of this kind applies: ``in-force`` or ``signed``."""
    return "in-force" if kind in IN_FORCE_KINDS else "signed"


CONFIDENCE: dict[str, str] = {
    "C2+": "at least two independent sources agree",
    "C1": "one source only",
    "unverified": "not confirmed by a cited source; treat with care",
}
#: the same marks in a few words, said beside a mark where an answer shows it
CONFIDENCE_SHORT: dict[str, str] = {"C2+": "two independent sources agree", "C1": "one source",
                                    "unverified": "not confirmed by a cited source"}

PARTY_EVENTS: dict[str, str] = {
    "signed": "the state signed; signature alone binds to nothing here",
    "ratified": "the state ratified; it is bound from this day or from entry into force, whichever is later",
    "acceded": "the state acceded (or re-acceded); bound from this day or entry into force, whichever is later",
    "joined": "the state became a member (e.g. of the organisation whose treaty this is)",
    "declared": "the state's official made the statement (statements only)",
    "withdrawal-notified": "the state gave notice of withdrawal (informational; withdrawal takes effect later)",
    "withdrew": "first day on which the state is no longer a party",
    "suspended": "first day on which the state's participation is suspended",
    "resumed": "first day on which a suspended participation resumes",
    "obligations-suspended": "first day on which the state's obligations toward the state named in 'toward' are suspended",
    "obligations-restored": "first day on which obligations suspended toward 'toward' apply again",
    "participation-frozen": "the state says it has frozen its participation; no formal legal effect is recorded, so it stays bound, with a caveat",
}

LIFECYCLE_EVENTS: dict[str, str] = {
    "signed": "the instrument was signed (or adopted, or the statement made)",
    "in-force": "first day the instrument is in force",
    "amended": "an amendment took effect (informational)",
    "terminated": "first day the instrument is no longer in force",
}

ENGINE_FACTS: dict[str, str] = {
    "at-is-target-territory": "the place where the event happens counts as territory of the target "
                              "(asked only where that is disputed)",
}

# --------------------------------------------------------------------------- claims (docs/claims.md)

#: The relation between a claim's assertion and the encoded texts.  A verdict
#: describes that relation; it never says that the claim or its speaker is
#: right or wrong.
VERDICTS: dict[str, str] = {
    "gives": "the texts give it: a provision in force gives that party that duty toward that "
             "beneficiary, at that modality, in that scenario",
    "gives-less": "the texts give less: the duty exists, but the claim leaves out a discretion, a "
                  "decision, a request or another procedure, or the duty is weaker or only a permission, "
                  "or the source is a declared intention rather than a treaty obligation",
    "gives-more": "the texts give more: they bind the party further than the claim says (an obligation "
                  "where the claim speaks of a permission, or a wider duty)",
    "silent": "the texts are silent: no encoded provision engages for that party toward that "
              "beneficiary in that scenario",
    "excludes": "the texts exclude it: a provision rules it out (a geographic scope that leaves the "
                "place out, or the party being itself the aggressor in the scenario)",
    "depends": "it depends: the outcome turns on a fact the scenario does not give, or on a contested "
               "reading; the verdict names each and what each gives",
    "not-in-force": "not in force on that date: the provision that would engage was not in force, or "
                    "the party or beneficiary was not bound by it, on the scenario's date",
}

#: What a claim may add to a duty; each is checked separately against the texts.
QUALIFIERS: dict[str, str] = {
    "immediately": "help comes at once; checked against the discretion wording and code",
    "without-request": "no request or other procedural step comes first; checked against the procedure",
    "on-request": "help follows a request of the state attacked; checked against the procedure",
    "before-attack": "the duty applies to a threat, before any attack; checked against the provisions "
                     "on threats and their readings",
    "automatically": "no decision or judgement of the party intervenes; checked against the discretion "
                     "and the procedure",
    "all-means": "with all the means at the party's disposal; checked against the discretion code",
}

#: The modality of a claim's assertion.
CLAIM_MODALITIES: dict[str, str] = {
    "must": "the claim says the party is obliged",
    "may": "the claim says the party is permitted to act",
    "need-not": "the claim says the party is not obliged (has no such duty)",
    "will": "the claim says the party will act (read as an undertaking to act, compared like an obligation)",
}

#: What a record of practice (``corpus/practice/``) says happened under a provision on its date.
PRACTICE_KINDS: dict[str, str] = {
    "invoked": "a party, or the treaty's body, formally applied the provision to the facts",
    "activated": "the treaty's body found the provision applicable or made it operative "
                 "(e.g. a condition it had set was met, or an organ of consultation was convened under it)",
    "requested": "a party asked the others, or the treaty's body, for help under the provision",
    "consultation-requested": "a party formally asked for consultations under a consultation provision "
                              "(talks, not a duty to help)",
    "decision-taken": "the treaty's body decided measures under the provision",
    "deployment": "forces were sent, or an operation began, under the provision",
    "declined": "a body or a party declined to adopt or sign a measure asked for under the provision",
    "stated-as-basis": "a party said after the fact that an action was taken under the provision "
                       "(no earlier act of invocation on record)",
}
