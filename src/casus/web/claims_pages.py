"""The claims pages: the list of claims, one claim with its verdicts, and the "check a claim" form.

Like every other page, each answers as HTML, as the JSON document the
command line prints (``casus claims --json``, ``casus claim ID --json``,
``casus verify ... --json``) and, for the list, as CSV (one row per
verdict).  Verdicts are computed from the corpus the site loaded, on each
request (and kept in the response cache like every other answer).
"""

from __future__ import annotations

import csv
import io

from starlette.requests import Request

from casus.errors import InputError
from casus.model.scenario import given
from casus.service.claims import said
from casus.web import params as P
from casus.web.server import _canonical, _query, data, document, handler, page, redirect_with_date, site

VERDICT_MARK = {"gives": "✔", "gives-less": "◐", "gives-more": "✚", "silent": "○", "excludes": "✘",
                "depends": "?", "not-in-force": "⊘"}

CSV_FIELDS = ("claim", "speaker", "role", "side", "date", "published", "url", "quote", "party", "toward", "duty",
              "modality", "scenario", "verdict")

VERIFY_FIELDS = ("party", "toward", "duty", "modality", "qualifier", "under")


def _words() -> dict:
    from casus.model.vocabulary import CLAIM_MODALITIES, DUTIES, QUALIFIERS, VERDICTS

    return {"verdicts": VERDICTS, "marks": VERDICT_MARK, "qualifiers": QUALIFIERS, "modalities": CLAIM_MODALITIES,
            "duties": DUTIES}


def claims_csv(doc: dict) -> str:
    """One row per verdict (an assertion in one scenario), with the claim's speaker, date and source."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for c in doc["claims"]:
        for v in c["verdicts"]:
            writer.writerow([c["id"], c["speaker"]["name"], c["speaker"]["role"], c["side"], c["date"],
                             c["published"]["title"], c["published"]["url"], c["quote"], v["party"], v["toward"],
                             v["duty"], v["modality"], v["scenario"], v["verdict"]])
    return out.getvalue()


# ------------------------------------------------------------------------------------- /claims


@handler(("html", "json", "csv"))
def claims_list(request: Request, fmt: str):
    from casus.service import claims as service

    q = _query(request)
    about, by = q.one("about"), q.one("by")
    s = site(request)
    result = service.claims(s.corpus, service.ClaimRequest(about, by), s.claim_folders)
    if fmt == "json":
        return document(request, result.to_dict())
    doc = result.to_dict()
    if fmt == "csv":
        return data(request, claims_csv(doc), "csv", "casus-claims")
    qs = P.query_string({"about": about, "by": by})
    suffix = "?" + qs if qs else ""
    counts: dict[str, int] = {}
    for c in doc["claims"]:
        for v in c["verdicts"]:
            counts[v["verdict"]] = counts.get(v["verdict"], 0) + 1
    title = "casus: claims" + (f" about {about}" if about else "") + (f" by {by}" if by else "")
    return page(request, "claims.html", title=title, cite_claims=True, doc=doc, about=about, by=by, counts=counts,
                words=_words(),                instruments=[(i.id, i.short_title) for i in s.corpus.instruments], permalink="/claims" + suffix,
                json_link="/claims.json" + suffix, csv_link="/claims.csv" + suffix)


# ------------------------------------------------------------------------------------- /claims/ID


@handler(("html", "json"))
def claim_page(request: Request, fmt: str):
    from casus.service import claims as service

    ident = request.path_params["ident"]
    if len(ident) > P.LIMITS["value"]:
        raise P.LimitError(f"a claim id is limited to {P.LIMITS['value']} characters", field="id",
                           hint="see /claims for the ids")
    s = site(request)
    result = service.claim(s.corpus, ident, s.claim_folders)
    doc = result.to_dict()
    if fmt == "json":
        return document(request, doc)
    c = doc["claim"]
    return page(request, "claim.html", cite_claims=True,
                title=f"casus: claim {c['id']} ({c['speaker']['name']}, {c['date']})",
                doc=doc, words=_words(), ask_links=_ask_links(doc), permalink=f"/claims/{c['id']}",
                json_link=f"/claims/{c['id']}.json")


def _ask_links(doc: dict) -> dict:
    """Each scenario of the claim as a question to /ask (its date pinned)."""
    out = {}
    for cs in doc["scenarios"]:
        sc = cs["scenario"]
        out[cs["name"]] = "/ask?" + P.query_string({
            "event": sc["event"], "target": sc["target"], "by": sc["by"], "at": sc["at"] if cs["at"] else None,
            "on": sc["on"], "weapon": sc["weapon"] if sc["weapon"] != "conventional" else None,
            "fact": given(sc["facts"])})
    return out


# ------------------------------------------------------------------------------------- /verify


def _has_assertion(request: Request) -> bool:
    qp = request.query_params
    return any(qp.get(k) for k in ("event", "target", "by", "at", "fact", "weapon", "party", "toward", "duty"))


def verify_values(q: P.Query) -> dict:
    """The form's values: the scenario (as /ask reads it) and the assertion."""
    values = {
        "event": q.one("event"), "target": q.one("target"),
        "by": q.many("by", limit=P.LIMITS["by"], split=",", what="aggressors"),
        "at": q.one("at"), "on": q.one("on"), "weapon": q.one("weapon"),
        "fact": q.many("fact", limit=P.LIMITS["facts"], split="\n,", what="facts"),
        "party": q.one("party"), "toward": q.one("toward"), "duty": q.one("duty"),
        "modality": q.one("modality") or "must",
        "qualifier": q.many("qualifier", limit=6, split=",", what="qualifiers"),
        "under": q.many("under", limit=P.LIMITS["instruments"], split=",", what="instruments"),
    }
    return values


def _check(values: dict) -> None:
    for name, what, hint in (("event", "the event", "e.g. event=armed-attack"),
                             ("target", "the target state", "e.g. target=BLR"),
                             ("party", "the party the assertion binds", "e.g. party=RUS"),
                             ("toward", "the state the party acts toward", "e.g. toward=BLR"),
                             ("duty", "the duty", "e.g. duty=military-assistance")):
        if values[name] is None:
            raise InputError(f"{what} is missing", field=name, hint=hint)
    if values["on"] is not None:
        P.date_or_none(values["on"], "on")


def verify_request(values: dict):
    from casus.service import claims as service

    return service.VerifyRequest(values["event"], values["target"], ",".join(values["by"]), values["at"],
                                 values["on"], values["weapon"] or "conventional", list(values["fact"]), None,
                                 values["party"], values["toward"], values["duty"], values["modality"],
                                 tuple(values["qualifier"]), tuple(values["under"]))


def _verify_form(values: dict) -> dict:
    from casus.model.vocabulary import EVENTS, WEAPONS

    return {"values": values, "events": EVENTS, "weapons": WEAPONS}


@handler(("html", "json"))
def verify(request: Request, fmt: str):
    from casus.service import claims as service

    q = _query(request)
    s = site(request)
    common = {"words": _words(), "instruments": [(i.id, i.short_title) for i in s.corpus.instruments]}
    if fmt == "html" and not _has_assertion(request) and not request.query_params.get("on"):
        return page(request, "verify.html", title="casus: check a claim", form=_verify_form({}), result=None,
                    **common)
    if not q.one("on"):
        return redirect_with_date(request)
    values = verify_values(q)
    _check(values)
    result = service.verify(s.corpus, verify_request(values))
    doc = result.to_dict()
    if fmt == "json":
        return document(request, doc)
    sc = result.scenarios[0][1]
    a = result.claim.assertions[0]
    canon = _canonical(sc, values)
    canon.pop("reading")
    canon.update({"party": a.party, "toward": a.toward, "duty": a.duty, "modality": a.modality,
                  "qualifier": list(a.qualifiers), "under": list(a.under)})
    qs = P.query_string(canon)
    heading = f"{said(a)}: {sc.event} on {sc.target}, {sc.on.isoformat()}"
    return page(request, "verify.html", title=f"casus: check {heading}", heading=heading,
                form=_verify_form(values), result=doc, permalink="/verify?" + qs, json_link="/verify.json?" + qs,
                ask_link="/ask?" + P.query_string({k: canon[k] for k in ("event", "target", "by", "at", "on",
                                                                           "weapon", "fact")}), **common)


def error_page(request: Request, exc, status: int):
    """An HTML error on /verify: the message, field and hint, and the form again with the values as given."""
    qp = request.query_params
    limit = P.LIMITS["value"]

    def one(name):
        value = qp.get(name)
        return value[:limit] if value else None

    def many(name, split=","):
        return [p.strip()[:limit] for v in qp.getlist(name)[:P.LIMITS["facts"]] for p in v.split(split) if p.strip()]

    values = {"event": one("event"), "target": one("target"), "by": many("by"), "at": one("at"), "on": one("on"),
              "weapon": one("weapon"), "fact": many("fact", "\n"), "party": one("party"), "toward": one("toward"),
              "duty": one("duty"), "modality": one("modality"), "qualifier": many("qualifier"),
              "under": many("under")}
    s = site(request)
    return page(request, "verify_error.html", status=status, error=exc.to_dict()["error"], status_code=status,
                title=f"casus: {exc.message}", form=_verify_form(values), words=_words(),
                instruments=[(i.id, i.short_title) for i in s.corpus.instruments])
