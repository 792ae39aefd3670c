"""What the pages lay out, made from the service's results: groups of findings, rounds, CSV tables."""

from __future__ import annotations

import csv
import io

from casus.model.scenario import given
from casus.web import params as P
from casus.web.site import named

#: The question each row answers, first, so that a row copied out of the table still says what was asked.
QUESTION_FIELDS = ("event", "target", "by", "at", "on", "weapon", "facts", "reading")
FINDING_FIELDS = QUESTION_FIELDS + ("instrument", "instrument_kind", "article", "article_confirmed", "provision",
                                   "title", "party", "beneficiary", "duty", "modality", "status", "discretion",
                                   "discretionary", "missing", "confidence")

STATUS_WORDS = {"triggered": "triggered", "undetermined": "undetermined (a fact is missing)",
                "not-triggered": "not triggered"}
STATUS_MARK = {"triggered": "✔", "undetermined": "?", "not-triggered": "✘"}


def findings_csv(answer) -> str:
    """One row per finding (one per bound party), each beginning with the question it answers.

    ``by`` and ``missing`` list codes or fact names separated by spaces; ``facts`` the facts
    given, as ``name=yes`` or ``name=no``; a value not given is empty.
    """
    sc = answer.scenario.to_dict()
    question = [sc["event"], sc["target"], " ".join(sc["by"]), sc["at"] or "", sc["on"], sc["weapon"],
                " ".join(given(sc["facts"])), sc["reading"] or ""]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FINDING_FIELDS)
    for f in answer.findings:
        d = f.to_dict()
        writer.writerow([*question, d["instrument"], d["instrument_kind"], d["article"],
                         str(d["article_confirmed"]).lower(),
                         d["provision"], d["title"], d["party"], d["beneficiary"], d["duty"], d["modality"],
                         d["status"], d["discretion"]["code"], str(d["discretion"]["discretionary"]).lower(),
                         " ".join(d["missing"]), d["confidence"]])
    return out.getvalue()


def treaties_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fields = ("id", "title", "kind", "parties", "signed", "in_force", "ended", "provisions")
    writer.writerow(fields)
    for r in rows:
        writer.writerow([" ".join(r[k]) if k == "parties" else ("" if r[k] is None else r[k]) for k in fields])
    return out.getvalue()


def _scenario_title(sc) -> str:
    """The question in one line, with whatever differs from the defaults, so two answers never share a title."""
    by = ", ".join(sc.by) if sc.by else "an aggressor not given"
    title = f"{sc.event} on {sc.target} by {by}"
    if sc.at and sc.at != sc.target:
        title += f" at {named(sc.at)}"
    title += f", {sc.on.isoformat()}"
    extra = [f"weapon {sc.weapon}"] if sc.weapon != "conventional" else []
    extra += given(sc.facts)
    extra += [f"reading {sc.reading}"] if sc.reading else []
    return title + (f" ({'; '.join(extra)})" if extra else "")


def answer_view(site, answer, canon: dict) -> dict:
    """The answer as the page shows it: two sections of grouped findings, each with its "what if" links."""
    from casus.render.answer import declared_title, frozen, group, tally

    sc = answer.scenario
    sections = []
    others = [f for f in answer.findings if f.instrument.kind != "treaty"]
    for title, keep in (("Treaty obligations and permissions", lambda f: f.instrument.kind == "treaty"),
                        (declared_title(others), lambda f: f.instrument.kind != "treaty")):
        found = [f for f in answer.findings if keep(f)]
        groups = []
        for number, fs in enumerate(group(found), 1):
            first = fs[0].to_dict()
            whatif = []
            for name in fs[0].missing:
                if name == "by":
                    whatif.append({"name": "by", "question": "Who is the aggressor? Name it in the form above.",
                                   "links": []})
                    continue
                whatif.append({"name": name, "question": site.fact_questions.get(name, _engine_question(name)),
                               "links": [(word, "/ask?" + P.query_string(P.with_fact(canon, name, truth)))
                                         for word, truth in (("yes", True), ("no", False))]})
            groups.append({"id": f"{'t' if title.startswith('Treaty') else 'd'}{number}", "first": first,
                           "parties": [f.party for f in fs], "findings": [f.to_dict() for f in fs],
                           "frozen": frozen(fs, sc.on),
                           "instrument_title": fs[0].instrument.short_title, "whatif": whatif,
                           "mark": STATUS_MARK[first["status"]], "status_words": STATUS_WORDS[first["status"]]})
        sections.append({"title": title, "groups": groups, "count": len(found)})
    heading = _scenario_title(sc)
    return {"title": "casus: " + heading, "heading": heading, "scenario": sc.to_dict(),
            "sections": sections, "notes": list(answer.notes), "total": len(answer.findings),
            "tally": tally(answer.findings)}


def _engine_question(name: str) -> str:
    if name == "at-is-target-territory":
        return "Does the place given count as the target's territory?"
    if name.startswith("in-scope:"):
        return f"Does the place fall within the treaty's area '{name.split(':', 1)[1]}'?"
    return f"Is '{name}' the case?"


def cascade_view(result) -> dict:
    c = result.cascade.to_dict()
    sc = result.scenario
    heading = _scenario_title(sc)
    return {"title": "casus: cascade of " + heading, "heading": heading,
            "scenario": sc.to_dict(), "cascade": c, "notes": list(result.answer.notes)}
