"""The routes: each reads its parameters, asks casus.service, and lays out the result.

Every page answers in three ways from one URL: HTML (the default), the JSON
document the command line prints (``.json`` or ``Accept:
application/json``), and for tabular pages CSV (``.csv``).  Every error,
in every format, is the ``casus.error/1`` document (HTML: a page showing
the same message, field and hint) with its HTTP status.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from casus.errors import CasusError, InputError, NotFound
from casus.model.scenario import given
from casus.service.documents import dumps
from casus.web import params as P
from casus.web.site import Site, make_site

log = logging.getLogger("casus.web")

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
MEDIA = {"html": "text/html; charset=utf-8", "json": "application/json", "csv": "text/csv; charset=utf-8",
         "graphml": "application/graphml+xml"}


class Internal(CasusError):
    code = "internal-error"
    http_status = 500


#: The request fields of casus.service that the web gives under another name: field -> query parameter.
#: Every web error names the parameter, as the command line names the flag (casus.cli.FLAGS); a field
#: not listed here is already its parameter's name.
PARAMETERS = {"facts": "fact", "instruments": "instrument", "ids": "id", "start": "from", "end": "to",
              "qualifiers": "qualifier"}

#: Where an error page starts again: the page of the same kind, with its form (else the ask form).
AGAIN = {"compare": "the compare page", "timeline": "the timeline page", "network": "the network page",
         "treaties": "the list of treaties", "claims": "the list of claims"}

#: What casus.service's hints say for the command line, and what the web says instead: a page, which
#: the HTML error page shows as a link (the ``linked`` filter).
WEB_HINTS = (("casus show ID", "the instrument's page under /treaties"), ("casus treaties", "/treaties"),
             ("casus claims", "/claims"))


class WebError(CasusError):
    """An error as the web reports it: the field named by its query parameter, the hint by a page, not a command."""

    def __init__(self, exc: CasusError):
        hint = exc.hint
        for said, instead in WEB_HINTS if hint else ():
            hint = hint.replace(said, instead)
        super().__init__(exc.message, field=PARAMETERS.get(exc.field, exc.field), hint=hint, code=exc.code)
        self.http_status = getattr(exc, "http_status", 400)
        self._problems = exc.problems

    @property
    def problems(self):
        return self._problems


class Headers:
    """Pure ASGI middleware: the security headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        return await self.app(scope, receive, sending)


# ------------------------------------------------------------------------------------- helpers


def site(request: Request) -> Site:
    return request.app.state.site


def wanted(request: Request, formats: tuple[str, ...]) -> str:
    """The format asked for: the path's suffix, else the Accept header, else HTML."""
    fmt = request.path_params.get("fmt")
    if fmt is not None:
        if fmt not in formats:
            raise NotFound(f"this page has no '.{fmt}' form", field="format",
                           hint="use " + ", ".join(f".{f}" for f in formats if f != "html") + " or none")
        return fmt
    accept = request.headers.get("accept", "")
    if "application/json" in accept and "text/html" not in accept:
        return "json"
    return "html"


def error_format(request: Request) -> str:
    fmt = request.path_params.get("fmt")
    if fmt is None and request.url.path.rsplit("/", 1)[-1].rpartition(".")[2] in ("json", "csv", "graphml"):
        return "json"
    if fmt in ("json", "csv", "graphml"):
        return "json"
    if fmt is None:
        accept = request.headers.get("accept", "")
        if "application/json" in accept and "text/html" not in accept:
            return "json"
        return "html"
    return "json"


def headers(request: Request) -> dict:
    return {"x-casus-corpus": site(request).version, "vary": "Accept"}


def data(request: Request, text: str, fmt: str, filename: str | None = None) -> Response:
    h = headers(request)
    if filename and fmt != "json":
        h["content-disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return Response(text, media_type=MEDIA[fmt], headers=h)


def document(request: Request, doc) -> Response:
    """The JSON document, byte for byte as the command line prints it (with its closing newline)."""
    from casus.web.fastjson import text

    return data(request, text(doc) + "\n", "json")


def json_address(request: Request) -> str | None:
    """The address of the same request as JSON: ``.json`` after the path, before the query.

    None for an address over a limit: the link would carry the over-long value again.
    """
    path, query = request.url.path.rstrip("/") or "/index", request.url.query
    if len(query) > P.LIMITS["query"] or any(len(part) > P.LIMITS["value"] for part in path.split("/")) or \
            any(len(v) > P.LIMITS["value"] for _, v in request.query_params.multi_items()):
        return None
    return quote(path, safe="/-._~!$&'()*+,;=:@") + ".json" + (f"?{query}" if query else "")


def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    s = site(request)
    base = str(request.base_url).rstrip("/")
    context.setdefault("title", "casus")
    if "error" in context:  # the error page links to the same error as data
        context.setdefault("data_link", json_address(request))
    context.setdefault("permalink", None)
    if context["permalink"] is not None:
        context["permalink_abs"] = base + context["permalink"]
    else:
        context["permalink_abs"] = None
    html = s.templates.get_template(template).render(
        site=s, today=P.today().isoformat(), accessed=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d"),
        path=request.url.path, **context)
    return HTMLResponse(html, status_code=status, headers=headers(request))


def error_response(request: Request, exc: CasusError) -> Response:
    """The one place web errors are made: every error, in every format, goes out through here."""
    exc = WebError(exc)
    status = exc.http_status
    if error_format(request) == "json":
        return Response(dumps(exc.to_dict()) + "\n", status_code=status, media_type="application/json",
                        headers=headers(request))
    if request.url.path == "/verify":  # the claim check again, as given, to correct it
        from casus.web.claims_pages import error_page

        return error_page(request, exc, status)
    form, action = None, None
    if request.url.path in ("/ask", "/cascade"):  # the question again, as given, to correct it
        qp = request.query_params
        values = {k: qp.get(k) for k in ("event", "target", "at", "on", "weapon", "reading", "escalation",
                                          "depth", "binding_only")}
        values["by"] = qp.getlist("by")
        values["fact"] = qp.getlist("fact")
        form, action = _form_values(values), request.url.path
    kind = request.url.path.strip("/").split("/")[0].split(".")[0]
    again = (f"/{kind}", AGAIN[kind]) if kind in AGAIN else ("/ask", "the ask form")
    return page(request, "error.html", status=status, error=exc.to_dict()["error"], status_code=status,
                title=f"casus: {exc.message}", form=form, action=action, again=again)


def handler(formats=("html", "json")):
    """Wrap a route: the format, casus.service's error boundary, one error shape, no traceback."""

    def wrap(fn):
        async def endpoint(request: Request):
            from casus import service

            try:
                fmt = wanted(request, formats)
                cache = request.app.state.cache
                key = (request.url.path, fmt, str(request.base_url), request.url.query, P.today())
                hit = cache.get(key)
                if hit is not None:
                    return Response(hit[0], media_type=hit[1], headers=hit[2])
                with service.boundary():
                    response = fn(request, fmt)
                if response.status_code == 200:
                    response.headers["cache-control"] = "public, max-age=3600"
                    cache.put(key, response)
                return response
            except CasusError as exc:
                return error_response(request, exc)
            except Exception:  # noqa: BLE001 - a bug: logged here, never shown as a traceback
                log.exception("error answering %s", request.url.path)
                return error_response(request, Internal("casus could not answer this request",
                                                        hint="this is a fault in casus, not in the request; "
                                                             "please report the address"))

        endpoint.__name__ = fn.__name__
        return endpoint

    return wrap


def routes(path: str, endpoint) -> list[Route]:
    return [Route(path, endpoint), Route(path + ".{fmt}", endpoint)]


def redirect_with_date(request: Request, name: str = "on") -> RedirectResponse:
    """The same question with today's date written into the address (never "today" silently), empty values left out."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k != name and v.strip()]
    pairs.append((name, P.today().isoformat()))
    return RedirectResponse(f"{request.url.path}?{urlencode(pairs)}", status_code=303,
                            headers=headers(request))


def _has_question(request: Request) -> bool:
    qp = request.query_params
    return any(qp.get(k) for k in ("event", "target", "by", "at", "fact", "weapon"))


def _query(request: Request) -> P.Query:
    return P.Query(request.query_params, request.url.query)


def _submitted(request: Request, fmt: str) -> bool:
    """Whether the address is a form's submission: HTML with empty values (the fields left blank)."""
    return fmt == "html" and any(not v.strip() for _, v in request.query_params.multi_items())


def _normalised(request: Request, values: dict, extra: dict, make) -> RedirectResponse:
    """A submitted form sent on to the question's permalink (normalised, dated, no empty values)."""
    from casus import service

    values = {**values, "on": values["on"] or P.today().isoformat()}
    sc = service.scenario(site(request).corpus, make(values))
    return RedirectResponse(f"{request.url.path}?{P.query_string(_canonical(sc, values, extra))}", status_code=303,
                            headers=headers(request))


# ------------------------------------------------------------------------------------- pages


@handler()
def home(request: Request, fmt: str):
    if fmt == "json":
        return document(request, {"format": "casus.site/1", "corpus_version": site(request).version,
                                  "pages": ["/ask", "/cascade", "/treaties", "/compare", "/timeline", "/network",
                                            "/claims", "/verify", "/openapi.json"]})
    return page(request, "home.html", title="casus: alliance treaties as rules", form=_form_values({}))


def _form_values(values: dict) -> dict:
    from casus.model.vocabulary import EVENTS, WEAPONS

    return {"values": values, "events": EVENTS, "weapons": WEAPONS}


def _canonical(sc, values: dict, extra: dict | None = None) -> dict:
    """The permalink's parameters: the normalised scenario, in a fixed order."""
    canon = {"event": sc.event, "target": sc.target, "by": list(sc.by), "at": sc.at if values.get("at") else None,
             "on": sc.on.isoformat(), "weapon": sc.weapon if sc.weapon != "conventional" else None,
             "fact": given(sc.facts),
             "reading": sc.reading}
    canon.update(extra or {})
    return canon



@handler(("html", "json", "csv"))
def ask(request: Request, fmt: str):
    from casus import service
    from casus.web import tables

    q = _query(request)
    if fmt == "html" and not _has_question(request) and not request.query_params.get("on"):
        return page(request, "ask.html", title="casus: ask", form=_form_values({}), result=None)
    if _submitted(request, fmt):
        values = P.scenario_values(q)
        return _normalised(request, values, {"instrument": values["instrument"], "only": values["only"]},
                           P.ask_request)
    if not q.one("on") and (_has_question(request) or fmt != "html"):
        return redirect_with_date(request)
    values = P.scenario_values(q)
    for text in values["instrument"]:
        service.instrument(site(request).corpus, text, field="instrument")
    request_ = P.ask_request(values)
    answer = service.ask(site(request).corpus, request_)
    if fmt == "json":
        return document(request, answer.to_dict())
    if fmt == "csv":
        return data(request, tables.findings_csv(answer), "csv", "casus-answer")
    canon = _canonical(answer.scenario, values, {"instrument": values["instrument"], "only": values["only"]})
    view = tables.answer_view(site(request), answer, canon)
    contested, reading_links = None, {}
    if any(f.provision.readings for f in answer.findings):
        contested = service.readings(site(request).corpus, dataclasses.replace(request_, reading=None)).to_dict()
        for c in contested["readings"]["contested"]:
            for r in c["readings"]:
                if r["name"] != canon["reading"]:
                    reading_links[r["name"]] = "/ask?" + P.query_string({**canon, "reading": r["name"]})
    permalink = "/ask?" + P.query_string(canon)
    return page(request, "ask.html", title=view["title"], form=_form_values(values), result=view,
                contested=contested, reading_links=reading_links, permalink=permalink, canon=canon,
                cascade_link="/cascade?" + P.query_string({**_scenario_only(canon), "escalation": "reciprocal"}),
                json_link="/ask.json?" + P.query_string(canon), csv_link="/ask.csv?" + P.query_string(canon))


def _scenario_only(canon: dict) -> dict:
    return {k: canon[k] for k in ("event", "target", "by", "at", "on", "weapon", "fact", "reading")}


@handler(("html", "json", "graphml"))
def cascade(request: Request, fmt: str):
    from casus import service
    from casus.web import pictures, tables

    q = _query(request)
    if fmt == "html" and not _has_question(request) and not request.query_params.get("on"):
        return page(request, "cascade.html", title="casus: cascade", form=_form_values({}), result=None)
    if _submitted(request, fmt):
        values = P.scenario_values(q, cascade=True)
        return _normalised(request, values, {"escalation": values["escalation"] or "none", "depth": values["depth"],
                                             "binding_only": values["binding_only"]}, P.cascade_request)
    if not q.one("on"):
        return redirect_with_date(request)
    values = P.scenario_values(q, cascade=True)
    result = service.cascade(site(request).corpus, P.cascade_request(values))
    if fmt == "json":
        return document(request, result.to_dict())
    if fmt == "graphml":
        from casus.render.cascade_graph import to_networkx
        from casus.service.documents import graphml

        return data(request, graphml(to_networkx(result.cascade, result.scenario)), "graphml", "casus-cascade")
    canon = _canonical(result.scenario, values, {"escalation": result.cascade.escalation,
                                                 "depth": values["depth"], "binding_only": values["binding_only"]})
    qs = P.query_string(canon)
    view = tables.cascade_view(result)
    return page(request, "cascade.html", title=view["title"], form=_form_values(values), result=view,
                svg=pictures.cascade_svg(result.cascade, result.scenario), permalink="/cascade?" + qs,
                json_link="/cascade.json?" + qs, graphml_link="/cascade.graphml?" + qs,
                ask_link="/ask?" + P.query_string(_scenario_only(canon)))


@handler(("html", "json", "csv"))
def treaties(request: Request, fmt: str):
    from casus import service
    from casus.web import tables

    result = service.treaties(site(request).corpus)
    rows = result.to_dict()
    if fmt == "json":
        return document(request, rows)
    if fmt == "csv":
        return data(request, tables.treaties_csv(rows), "csv", "casus-treaties")
    return page(request, "treaties.html", title="casus: treaties", rows=rows, permalink="/treaties")


@handler(("html", "json"))
def treaty(request: Request, fmt: str):
    from casus import service

    ident = request.path_params["ident"]
    if len(ident) > P.LIMITS["value"]:
        raise P.LimitError(f"an instrument id is limited to {P.LIMITS['value']} characters", field="id",
                           hint="see /treaties for the ids")
    result = service.show(site(request).corpus, ident)
    doc = result.to_dict()
    if fmt == "json":
        return document(request, doc)
    return page(request, "treaty.html", title=f"casus: {doc['title']}", doc=doc, instrument=result.instrument,
                permalink=f"/treaties/{doc['id']}")


@handler(("html", "json", "csv"))
def compare(request: Request, fmt: str):
    from casus import service
    from casus.render.compare import to_csv

    q = _query(request)
    ids = q.many("id", limit=P.LIMITS["instruments"], split=",", what="instruments")
    reading = q.one("reading")
    corpus = site(request).corpus
    if fmt == "html" and not ids:
        return page(request, "compare.html", title="casus: compare", result=None, ids=[],
                    instruments=corpus.instruments, readings=sorted(corpus.readings()), reading=None)
    comparison = service.compare(corpus, service.CompareRequest(tuple(ids), reading))
    if fmt == "json":
        return document(request, comparison.to_dict())
    if fmt == "csv":
        return data(request, to_csv(comparison), "csv", "casus-compare")
    doc = comparison.to_dict()
    canon = {"id": [c["id"] for c in doc["instruments"]], "reading": reading}
    qs = P.query_string(canon)
    return page(request, "compare.html", title="casus: compare " + ", ".join(canon["id"]), result=doc,
                ids=canon["id"], instruments=corpus.instruments, readings=sorted(corpus.readings()),
                reading=reading, permalink="/compare?" + qs, json_link="/compare.json?" + qs,
                csv_link="/compare.csv?" + qs)


@handler(("html", "json", "csv"))
def timeline(request: Request, fmt: str):
    from casus import service
    from casus.service.documents import timeline_csv
    from casus.web import pictures

    q = _query(request)
    state = q.one("state")
    start, end = q.one("from", "start"), q.one("to", "end")
    if fmt == "html" and state is None:
        return page(request, "timeline.html", title="casus: timeline", result=None, state=None, start=start,
                    end=end)
    tl = service.timeline(site(request).corpus, service.TimelineRequest(state, start, end))
    if fmt == "json":
        return document(request, tl.to_dict())
    if fmt == "csv":
        return data(request, timeline_csv(tl), "csv", "casus-timeline")
    doc = tl.to_dict()
    qs = P.query_string({"state": doc["state"], "from": start, "to": end})
    return page(request, "timeline.html", title=f"casus: timeline of {doc['name']}", result=doc,
                state=doc["state"], start=start, end=end, svg=pictures.timeline_svg(doc),
                permalink="/timeline?" + qs, json_link="/timeline.json?" + qs, csv_link="/timeline.csv?" + qs)


@handler(("html", "json", "csv", "graphml"))
def network(request: Request, fmt: str):
    from casus import service
    from casus.analysis.network import DUTIES
    from casus.web import pictures

    q = _query(request)
    on = q.one("on")
    duty = q.one("duty") or "military-assistance"
    if on is None:
        return redirect_with_date(request)
    result = service.network(site(request).corpus, service.NetworkRequest(on, duty))
    if fmt == "json":
        return document(request, result.to_dict())
    if fmt == "csv":
        return data(request, result.to_csv(), "csv", "casus-network")
    if fmt == "graphml":
        return data(request, result.to_graphml(), "graphml", "casus-network")
    qs = P.query_string({"on": result.on.isoformat(), "duty": duty})
    return page(request, "network.html", title=f"casus: network on {result.on.isoformat()}", result=result,
                duties=["all", *DUTIES], duty=duty, on=result.on.isoformat(),
                svg=pictures.network_svg(result.edges, result.on, duty), permalink="/network?" + qs,
                json_link="/network.json?" + qs, csv_link="/network.csv?" + qs,
                graphml_link="/network.graphml?" + qs)


async def openapi(request: Request):
    from casus.web.openapi import spec

    return Response(dumps(spec(str(request.base_url).rstrip("/"))) + "\n", media_type="application/json",
                    headers=headers(request))


@functools.cache
def _icon() -> bytes:
    from importlib.resources import files

    return (files("casus.web") / "static" / "favicon.svg").read_bytes()


async def favicon(request: Request):
    """The site's icon (the same SVG as /static/favicon.svg, read once), so a browser's request for it is answered."""
    return Response(_icon(), media_type="image/svg+xml", headers={"cache-control": "public, max-age=86400"})


async def health(request: Request):
    return Response(dumps({"status": "ok", "corpus_version": site(request).version}) + "\n",
                    media_type="application/json", headers=headers(request))


async def http_error(request: Request, exc: HTTPException):
    if exc.status_code == 405:
        err = InputError(f"{request.method} is not allowed here: casus's pages are read-only",
                         field="method", hint="use GET", code="method-not-allowed")
        err.http_status = 405
    else:
        err = NotFound(f"no page at {request.url.path}", field="path",
                       hint="see / for the pages, /openapi.json for the routes")
    return error_response(request, err)


class ResponseCache:
    """The bodies of recent answers, by route, format, address and day (least recently used first out).

    The corpus is loaded once and every address pins its date, so the same
    address gives the same bytes all day; a link shared with many readers is
    computed once.  Bounded in entries and bytes.
    """

    def __init__(self, entries: int = 256, max_bytes: int = 48 * 2 ** 20):
        from collections import OrderedDict

        self.entries, self.max_bytes, self.size = entries, max_bytes, 0
        self.items: OrderedDict = OrderedDict()

    def get(self, key):
        if not self.entries:
            return None
        item = self.items.get(key)
        if item is not None:
            self.items.move_to_end(key)
        return item

    def put(self, key, response: Response) -> None:
        body = response.body
        if not self.entries or len(body) > self.max_bytes // 8 or key in self.items:
            return
        headers = {k: v for k, v in response.headers.items() if k not in ("content-length", "content-type")}
        self.items[key] = (body, response.media_type, headers)
        self.size += len(body)
        while len(self.items) > self.entries or self.size > self.max_bytes:
            _, (old, _, _) = self.items.popitem(last=False)
            self.size -= len(old)


def create_app(corpus_dirs=(), builtin: bool = True, cache_entries: int = 256) -> Starlette:
    """The site over the built-in corpus and the given treaty folders (loaded once, here)."""
    from importlib.resources import files

    from casus.web import claims_pages

    s = make_site(tuple(corpus_dirs), builtin)
    app = Starlette(
        routes=[
            Route("/", home), Route("/index.{fmt}", home),
            *routes("/ask", ask), *routes("/cascade", cascade), *routes("/treaties", treaties),
            Route("/treaties/{ident:str}.{fmt}", treaty), Route("/treaties/{ident:str}", treaty),
            *routes("/compare", compare), *routes("/timeline", timeline), *routes("/network", network),
            *routes("/claims", claims_pages.claims_list),
            Route("/claims/{ident:str}.{fmt}", claims_pages.claim_page),
            Route("/claims/{ident:str}", claims_pages.claim_page), *routes("/verify", claims_pages.verify),
            Route("/openapi.json", openapi), Route("/health", health), Route("/favicon.ico", favicon),
            Mount("/static", StaticFiles(directory=str(files("casus.web") / "static")), name="static"),
        ],
        exception_handlers={HTTPException: http_error},
    )
    app.state.site = s
    app.state.cache = ResponseCache(cache_entries)
    import gc

    gc.collect()
    gc.freeze()  # the corpus lives as long as the process: keep it out of every later collection

    app.add_middleware(Headers)
    return app
