"""The OpenAPI description of the site's data routes.

Each operation's ``x-casus-examples`` are real requests against the built-in
corpus, with the status and document format they answer; the test suite
runs every one of them.
"""

from __future__ import annotations

from casus.web.params import LIMITS

ERROR = {"$ref": "#/components/responses/Error"}


def _p(name: str, description: str, required: bool = False, repeat: bool = False, schema: dict | None = None,
       where: str = "query") -> dict:
    s = schema or {"type": "string", "maxLength": LIMITS["value"]}
    if repeat:
        s = {"type": "array", "items": s}
    return {"name": name, "in": where, "required": required, "description": description, "schema": s,
            **({"style": "form", "explode": True} if repeat else {})}


SCENARIO = [
    _p("event", "armed-attack, threat-of-attack, economic-coercion, subversion, terrorist-attack or internal-unrest",
       True),
    _p("target", "the state attacked or threatened: ISO code or English name", True),
    _p("by", f"the aggressors (codes or names, comma-separated or repeated; at most {LIMITS['by']}), or non-state",
       repeat=True),
    _p("at", "where: ISO 3166-1/3166-2 code, territory code, sea area or English name (default: the target)"),
    _p("on", "the date, YYYY-MM-DD; when left out, the answer is a 303 redirect to the same address with today's "
             "date written in", schema={"type": "string", "format": "date"}),
    _p("weapon", "conventional (default), nuclear, chemical or biological"),
    _p("fact", f"NAME=yes or NAME=no (repeatable; at most {LIMITS['facts']})", repeat=True),
    _p("reading", "apply this reading to contested provisions"),
]


def _op(summary: str, formats: dict, parameters: list, examples: list[dict], document: str) -> dict:
    return {
        "summary": summary,
        "parameters": parameters,
        "responses": {
            "200": {"description": f"the {document} document (HTML by default; see the path suffix)",
                    "content": {media: {} for media in formats.values()}},
            "303": {"description": "the same address with the date filled in (never answered as 'today' silently)"},
            "400": ERROR, "404": ERROR,
        },
        "x-casus-examples": examples,
    }


def spec(base_url: str = "") -> dict:
    json_only = {"json": "application/json"}
    with_csv = {"json": "application/json", "csv": "text/csv"}
    ask_ex = [
        {"summary": "Belarus attacked from Poland on 1 June 2025",
         "request": "/ask.json?event=armed-attack&target=BLR&by=POL&on=2025-06-01",
         "status": 200, "format": "casus.answer/1"},
        {"summary": "the same, with a fact given (a \"what if\")",
         "request": "/ask.json?event=armed-attack&target=BLR&by=POL&on=2025-06-01&fact=critical-threat%3Dyes",
         "status": 200, "format": "casus.answer/1"},
        {"summary": "an unknown state: 400 naming the field",
         "request": "/ask.json?event=armed-attack&target=Atlantis&on=2025-06-01",
         "status": 400, "format": "casus.error/1", "field": "target"},
    ]
    paths = {
        "/ask.json": {"get": _op("Who must or may do what, under which article (casus ask --json)", json_only,
                                 SCENARIO + [_p("instrument", "keep only findings under these instruments",
                                                repeat=True),
                                             _p("only", "keep only findings with these statuses", repeat=True)],
                                 ask_ex, "casus.answer/1")},
        "/ask.csv": {"get": _op("The findings as CSV, one row per bound party, each starting with the question asked",
                                {"csv": "text/csv"}, SCENARIO,
                                [{"summary": "findings as CSV",
                                  "request": "/ask.csv?event=armed-attack&target=BLR&by=POL&on=2025-06-01",
                                  "status": 200, "format": "csv"}], "CSV")},
        "/cascade.json": {"get": _op("Who joins which side, round by round (casus ask --cascade --json)", json_only,
                                     SCENARIO + [_p("escalation", "none (default) or reciprocal"),
                                                 _p("depth", f"rounds at most, 1 to {LIMITS['depth']}",
                                                    schema={"type": "integer", "minimum": 1,
                                                            "maximum": LIMITS["depth"]}),
                                                 _p("binding_only", "yes: leave out discretionary commitments")],
                                     [{"summary": "reciprocal cascade",
                                       "request": "/cascade.json?event=armed-attack&target=BLR&by=POL&on=2025-06-01"
                                                  "&escalation=reciprocal",
                                       "status": 200, "format": "casus.answer/1"},
                                      {"summary": "a depth over the limit: 400 naming it",
                                       "request": "/cascade.json?event=armed-attack&target=BLR&by=POL&on=2025-06-01"
                                                  "&depth=99",
                                       "status": 400, "format": "casus.error/1", "field": "depth"}],
                                     "casus.answer/1 with cascade")},
        "/cascade.graphml": {"get": _op("The cascade as GraphML", {"graphml": "application/graphml+xml"}, SCENARIO,
                                        [{"summary": "GraphML download",
                                          "request": "/cascade.graphml?event=armed-attack&target=BLR&by=POL"
                                                     "&on=2025-06-01", "status": 200, "format": "graphml"}],
                                        "GraphML")},
        "/treaties.json": {"get": _op("Every instrument (casus treaties --json)", with_csv, [],
                                      [{"summary": "the list", "request": "/treaties.json", "status": 200,
                                        "format": "list"}], "list")},
        "/treaties/{id}.json": {"get": _op("One instrument (casus show ID --json)", json_only,
                                           [_p("id", "the instrument id (see /treaties)", True, where="path")],
                                           [{"summary": "ANZUS", "request": "/treaties/anzus-1951.json",
                                             "status": 200, "format": "instrument"},
                                            {"summary": "an unknown id: 404", "request": "/treaties/no-such.json",
                                             "status": 404, "format": "casus.error/1", "field": "id"}],
                                           "instrument")},
        "/compare.json": {"get": _op("Instruments side by side (casus compare --format json)", with_csv,
                                     [_p("id", f"two to {LIMITS['instruments']} instrument ids", True, repeat=True),
                                      _p("reading", "compare contested provisions under this reading")],
                                     [{"summary": "North Atlantic Treaty and ANZUS",
                                       "request": "/compare.json?id=north-atlantic-treaty-1949&id=anzus-1951",
                                       "status": 200, "format": "casus.compare/1"},
                                      {"summary": "only one id: 400", "request": "/compare.json?id=anzus-1951",
                                       "status": 400, "format": "casus.error/1", "field": "id"}],
                                     "casus.compare/1")},
        "/timeline.json": {"get": _op("A state's commitments over time (casus timeline --json)", with_csv,
                                      [_p("state", "ISO code or English name", True),
                                       _p("from", "first day of the window", schema={"type": "string",
                                                                                     "format": "date"}),
                                       _p("to", "first day left out", schema={"type": "string", "format": "date"})],
                                      [{"summary": "Belarus", "request": "/timeline.json?state=BLR", "status": 200,
                                        "format": "casus.timeline/1"}], "casus.timeline/1")},
        "/network.json": {"get": _op("Commitments to assist on a date: obligations, permissions and declared "
                                     "intentions (casus network --format json)",
                                     {"json": "application/json", "csv": "text/csv",
                                      "graphml": "application/graphml+xml"},
                                     [_p("on", "the date; when left out, a 303 redirect with today's date",
                                         schema={"type": "string", "format": "date"}),
                                      _p("duty", "military-assistance (default), another duty, or all")],
                                     [{"summary": "1 June 2025", "request": "/network.json?on=2025-06-01",
                                       "status": 200, "format": "node-link"},
                                      {"summary": "a bad date: 400", "request": "/network.json?on=2025-13-01",
                                       "status": 400, "format": "casus.error/1", "field": "on"}],
                                     "node-link graph")},
        "/claims.json": {"get": _op("The claims with the verdict of each assertion (casus claims --json)", with_csv,
                                    [_p("about", "only claims about this instrument (id) or state (code or name)"),
                                     _p("by", "only claims by this speaker (part of the name or role, or the side)")],
                                    [{"summary": "claims about the Collective Security Treaty",
                                      "request": "/claims.json?about=csto-collective-security-treaty-1992",
                                      "status": 200, "format": "casus.claim/1"},
                                     {"summary": "one row per verdict as CSV", "request": "/claims.csv",
                                      "status": 200, "format": "csv"},
                                     {"summary": "about something that is neither an instrument nor a state: 404",
                                      "request": "/claims.json?about=atlantis", "status": 404,
                                      "format": "casus.error/1", "field": "about"}], "casus.claim/1 (a list)")},
        "/claims/{id}.json": {"get": _op("One claim beside the texts: each assertion's verdict in each scenario, "
                                         "with the deciding findings and their trace (casus claim ID --json)",
                                         json_only, [_p("id", "the claim id (see /claims)", True, where="path")],
                                         [{"summary": "Mezentsev, March 2025",
                                           "request": "/claims/mezentsev-2025-03-threat-and-pressure.json",
                                           "status": 200, "format": "casus.claim/1"},
                                          {"summary": "an unknown id: 404", "request": "/claims/no-such.json",
                                           "status": 404, "format": "casus.error/1", "field": "id"}],
                                         "casus.claim/1")},
        "/verify.json": {"get": _op("An assertion given ad hoc, set beside the texts in a scenario "
                                    "(casus verify EVENT ... --json)", json_only,
                                    SCENARIO[:-1] + [
                                        _p("party", "the state the assertion binds: ISO code or English name", True),
                                        _p("toward", "the state it acts toward", True),
                                        _p("duty", "the duty, e.g. military-assistance, assistance, consultation",
                                           True),
                                        _p("modality", "must (default), may or will"),
                                        _p("qualifier", "immediately, without-request, on-request, before-attack, "
                                                        "automatically or all-means", repeat=True),
                                        _p("under", "only under these instruments (ids)", repeat=True)],
                                    [{"summary": "Russia must give Belarus military assistance, immediately",
                                      "request": "/verify.json?event=armed-attack&target=BLR&by=POL&on=2025-06-01"
                                                 "&party=RUS&toward=BLR&duty=military-assistance"
                                                 "&qualifier=immediately",
                                      "status": 200, "format": "casus.claim/1"},
                                     {"summary": "no party: 400 naming the field",
                                      "request": "/verify.json?event=armed-attack&target=BLR&on=2025-06-01"
                                                 "&toward=BLR&duty=military-assistance",
                                      "status": 400, "format": "casus.error/1", "field": "party"},
                                     {"summary": "an unknown duty: 400 naming the field",
                                      "request": "/verify.json?event=armed-attack&target=BLR&on=2025-06-01"
                                                 "&party=RUS&toward=BLR&duty=hugs",
                                      "status": 400, "format": "casus.error/1", "field": "duty"}],
                                    "casus.claim/1")},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "casus", "version": "1",
                 "description": "Alliance treaties as rules. Every page of the site answers as HTML at its path, "
                                "as the JSON document the casus command line prints at the same path with .json "
                                "(or with Accept: application/json), and, for tables, as CSV with .csv. Every "
                                "error is a casus.error/1 document with its HTTP status. The response header "
                                "X-Casus-Corpus gives the sha256 of the treaty files that answered. Limits per "
                                "request: " + ", ".join(f"{k} {v}" for k, v in LIMITS.items()) + "."},
        "servers": [{"url": base_url or "/"}],
        "paths": paths,
        "components": {
            "schemas": {"Error": {"type": "object", "required": ["format", "error"], "properties": {
                "format": {"const": "casus.error/1"},
                "error": {"type": "object", "properties": {
                    "code": {"type": "string"}, "message": {"type": "string"},
                    "field": {"type": ["string", "null"]}, "hint": {"type": ["string", "null"]},
                    "problems": {"type": "array"}}}}}},
            "responses": {"Error": {"description": "casus.error/1: bad input (400, naming the field and, over a "
                                                   "limit, the limit), unknown id or page (404)",
                                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
        },
    }
