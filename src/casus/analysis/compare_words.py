"""The words of ``casus compare``: each cell's text, made from its structured items.

:mod:`casus.analysis.compare` derives every cell as a list of items (one per
provision, scope or recorded event, with the facts they rest on); this
module says them, one entry a line.  It is the only place that words the
comparison, so the text can never carry something the items do not.
"""

from __future__ import annotations

import re

from casus.model.vocabulary import IN_FORCE_KINDS

WMD = ("nuclear", "chemical", "biological")

EMPTY = {
    "trigger": "— (not covered)", "wmd": "— (not covered)",
    "discretion": "— (no assistance-type provision encoded)", "means": "— (no provision encoded)",
    "scope": "— (no provision encoded)", "procedure": "— (no procedure encoded)",
    "non-state": "— (no responding provision)", "decision": "— (no decision required by the encoded provisions)", "basing": "— (no basing provision encoded)",
    "nuclear": "— (no nuclear or WMD provision encoded)", "term": "—", "readings": "— (none encoded)",
    "practice": "— (no record of practice)",
}


def lines(row: str, items: list[dict]) -> list[str]:
    """The text of a cell of ``row`` (a row kind: ``trigger``, ``wmd``, ``scope``, ...)."""
    return _ROWS[row](items)


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _entry(i: dict, qualifier: str | None = None, note: str | None = None) -> str:
    notes = ([] if i["modality"] == "must" else [i["modality"]]) + ([note] if note else [])
    if qualifier:
        notes.append(f"if {qualifier}")
    return f"{i['cite']} {i['duty']}" + (f" ({', '.join(notes)})" if notes else "")


def _trigger(items):
    return [_entry(i, i["qualifier"]) for i in items]


def _wmd(items):
    if not items:
        return []
    named, general = [], []
    for i in items:
        note = "/".join(i["weapons"]) + " only" if len(i["weapons"]) < len(WMD) else None
        (named if i["names_wmd"] else general).append(_entry(i, i["qualifier"], note))
    out = ["names WMD: " + ("; ".join(named) if named else "none")]
    if general:
        out.append("as any armed attack: " + "; ".join(general))
    return out


def _discretion(items):
    out = []
    for i in items:
        flag = "discretionary" if i["discretionary"] else "not discretionary"
        wording = f", “{_flat(i['wording'])}”" if i["wording"] else ""
        modality = "" if i["modality"] == "must" else f" ({i['modality']})"
        out.append(f"{i['cite']} {i['duty']}{modality}: {flag} ({i['code']}){wording}")
    return out


def _means(items):
    by_duty: dict[str, list[str]] = {}
    for i in items:
        by_duty.setdefault(i["duty"], []).append(i["cite"] + ("" if i["modality"] == "must" else f" ({i['modality']})"))
    return [f"{duty}: {', '.join(refs)}" for duty, refs in by_duty.items()]


_ABBREVIATIONS = ("Art.", "Arts.", "No.", "e.g.", "i.e.", "cf.", "St.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.",
                  "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "U.S.", "U.N.")


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in re.split(r"(?<=[.;])\s+", text):
        if out and out[-1].endswith(_ABBREVIATIONS):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def short(text: str, at_least: int = 100, at_most: int = 240) -> str:
    """The first sentences of ``text``, enough to say something, cut at ``at_most`` characters."""
    out = ""
    for sentence in _sentences(_flat(text)):
        out = f"{out} {sentence}".strip()
        if len(out) >= at_least:
            break
    if len(out) > at_most:
        out = out[:at_most].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return out


def _scope(items):
    cites = {i["provision"]: i["cite"] for i in items if "provision" in i}
    out = []
    unlimited = [i for i in items if "provision" in i and i.get("scope", "") is None]
    scopes = [i for i in items if "provision" not in i]
    for s in scopes:
        inside = list(dict.fromkeys(cites[p] for p in s["used_by"]))
        outside = list(dict.fromkeys(cites[p] for p in s["used_negated_by"]))
        use = []
        if inside:
            use.append("used by " + ", ".join(inside))
        if outside:
            use.append(", ".join(outside) + " for places outside it")
        out.append(f"{s['scope']}, {s['cite']} ({'; '.join(use)}): {short(s['text'])} "
                   f"[territory: {s['territory']}; forces abroad: {s['forces']}]")
    free = ", ".join(f"{i['cite']} {i['duty']}" for i in unlimited)
    if not scopes:
        return ["no territorial limit encoded" + (f": {free}" if unlimited else "")]
    if unlimited:
        out.append(f"no territorial limit encoded: {free}")
    return out


def _procedure(items):
    from casus.model.citation import article

    return [f"{i['cite']} {i['duty']}: " + "; ".join(s["step"] + (f" [{article(s['cite'])}]" if s["cite"] else "")
                                                    for s in i["steps"]) for i in items]


def _decision(items):
    return [f"{i['cite']} {i['duty']}: {i['by']} (" + ("the text, " + i["decision_cite"] if i["basis"] == "text"
                                                   and i["decision_cite"] else "the text" if i["basis"] == "text"
                                                   else "documented practice") + ")" for i in items]


def _non_state(items):
    named, open_, state_only = [], [], []
    for i in items:
        if i.get("state_aggressors_only"):
            state_only.append(f"{i['cite']} {i['duty']}")
            continue
        if i["named"]:
            groups: dict[str | None, list[str]] = {}
            for event, qualifier in i["named"].items():
                groups.setdefault(qualifier, []).append(event)
            parts = ["/".join(events) + (f" if {q}" if q else "") for q, events in groups.items()]
            named.append(f"{i['cite']} {i['duty']} ({'; '.join(parts)})")
        if i["no_actor_condition"]:
            open_.append(f"{i['cite']} {i['duty']}")
    out = []
    if named:
        out.append("named: " + "; ".join(named))
    if open_:
        out.append("no test of who attacks: " + "; ".join(open_))
    if state_only:
        out.append("state aggressors only: " + "; ".join(state_only))
    return out


def _basing(items):
    return [f"{i['cite']} ({i['modality']}, {i['discretion']}): bound {i['bound_text']}, for {i['beneficiary_text']}: "
            f"{i['title']}" for i in items]


def _nuclear(items):
    out = []
    for i in items:
        notes = "" if i["modality"] == "must" else f"{i['modality']}, "
        out.append(f"{i['cite']} {i['duty']} ({notes}bound {i['bound_text']}): when {i['qualifier'] or 'any event'}")
    return out


def _term(items):
    head, events = items[0], items[1:]
    made = {"treaty": "signed", "doctrine": "adopted", "statement": "made"}.get(head["kind"], "signed")
    unverified = {tuple(u) for u in head["unverified"]}

    def mark(event: str, day: str | None) -> str:
        return " (unverified)" if (event, day) in unverified else ""

    dates = []
    if head["signed"]:
        dates.append(f"{made} {head['signed']}{mark('signed', head['signed'])}")
    if head["kind"] in IN_FORCE_KINDS:
        for span in head["in_force"]:
            text = f"in force from {span['from']}{mark('in-force', span['from'])}"
            dates.append(text + (f" until {span['until']}{mark('terminated', span['until'])}" if span["until"] else ""))
        if not head["in_force"]:
            dates.append("not in force")
    out = []
    if dates:
        out.append("; ".join(dates))
    if head["term"]:
        out.append(f"term: {head['term']}")
    for e in events:
        kind = e["event"]
        what = f"{kind.replace('-', ' ')} ({e['recorded_as']})" if kind == "rejoined" else kind.replace("-", " ")
        out.append(f"{e['date']}: {e['state']} {what}" + (f" toward {e['toward']}" if e["toward"] else "")
                   + (" (unverified)" if e["confidence"] == "unverified" else ""))
    if not events:
        out.append("no withdrawal, notice, suspension or freeze recorded")
    return out


def held_by(text: str) -> str:
    first = re.split(r";\s", _flat(text), maxsplit=1)[0]
    return first if len(first) <= 120 else first[:120].rsplit(" ", 1)[0] + " …"


def _readings(items):
    out = []
    for i in items:
        applied, used = i["applied"], i["used"]
        out.append(f"{i['cite']} {i['duty']}: " + ", ".join(
            r["name"] + (" (default)" if r["default"] else "") + (" (used here)" if applied and r["name"] == used else "")
            for r in i["readings"]))
        for r in i["readings"]:
            if r["default"]:
                continue
            out.append(f"  {r['name']} (held by: {held_by(r['held_by'])}): "
                       + ("would change " + ", ".join(r["changes"]) if r["changes"] else "changes no row"))
    return out


def _practice(items):
    """One line per provision used: its article, how many records, the first and the last (date, kind, who)."""
    by_provision: dict[str, list[dict]] = {}
    for i in items:
        by_provision.setdefault(i["provision"], []).append(i)
    out = []
    for group in by_provision.values():
        def one(i: dict) -> str:
            who = ", ".join(i["who"]) if i["who"] else i["body"]
            if len(i["who"]) > 3:
                who = f"{len(i['who'])} states"
            return f"{i['date']} {i['kind']} ({who})"

        unsure = sum(1 for i in group if not i["provision_confirmed"])
        if len(group) == 1:
            out.append(f"{group[0]['cite']}: {one(group[0])}" + (" (article not confirmed)" if unsure else ""))
        else:
            count = f"{len(group)} records" + (f" ({unsure} with the article not confirmed)" if unsure else "")
            out.append(f"{group[0]['cite']}: {count}, first {one(group[0])}, last {one(group[-1])}")
    return out


_ROWS = {"trigger": _trigger, "wmd": _wmd, "discretion": _discretion, "means": _means, "scope": _scope,
         "procedure": _procedure, "decision": _decision, "non-state": _non_state, "basing": _basing, "nuclear": _nuclear,
         "term": _term, "readings": _readings, "practice": _practice}
