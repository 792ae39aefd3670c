"""What a finding commits its party to, in plain words: ``RUS may use nuclear weapons in response``.

One sentence per duty of the vocabulary (a test checks that every duty has
one), so a reader need not know the codes.  The modality decides the verb:
``must`` (an obligation), ``may`` (a permission), ``intends`` (a declared
intention, which binds no one in law); a claim can also say ``will`` (an
undertaking) and ``need-not`` (no obligation).
"""

from __future__ import annotations

VERB = {"must": "must", "may": "may", "intends": "has declared it will", "will": "will", "need-not": "need not"}

#: duty -> sentence after "<party> <verb> "; {b} is the beneficiary, {self} marks the party acting for itself
PHRASES: dict[str, str] = {
    "military-assistance": "give {b} military assistance",
    "assistance": "give {b} support or assistance (not specified as military)",
    "consultation": "consult {b}",
    "countermeasures": "take measures together with {b} against the coercion",
    "nuclear-response": "use nuclear weapons in response, in the defence of {b}",
    "basing": "station forces and facilities in {b}",
    "neutrality": "stay neutral in a conflict involving {b}",
    "non-aggression": "refrain from using or threatening force against {b}",
    "offensive-support": "join {b} in the military action {b} takes",
    "non-assistance-to-aggressor": "give no military or other help to a state that attacks {b}",
}

_SELF = {"nuclear-response": "use nuclear weapons in response, in its own defence or its allies'",
         "basing": "station forces and facilities on its own territory"}


def sentence(party: str, modality: str, duty: str, beneficiary: str) -> str:
    """``POL must give LTU military assistance``; a party acting for itself is said so."""
    phrase = _SELF.get(duty) if party == beneficiary else None
    phrase = phrase or PHRASES.get(duty, duty).format(b=beneficiary)
    return f"{party} {VERB.get(modality, modality)} {phrase}"


def needs(provision) -> list[str]:
    """What must happen before help is given, in the provision's own procedure steps."""
    return [" ".join(step.text.split()) for step in provision.procedure]
