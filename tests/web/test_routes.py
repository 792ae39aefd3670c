"""The site in process: every route, every format, every error path (no server, no browser)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from casus.cli import main as cli
from pagecheck import cli_out, error_of

BLR = "event=armed-attack&target=BLR&by=POL&on=2025-06-01"


def utc_today() -> str:
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


# ------------------------------------------------------------------------------------- the same document as the CLI


@pytest.mark.parametrize("url, args", [
    (f"/ask.json?{BLR}", ["ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", "--json"]),
    ("/ask.json?event=armed-attack&target=BLR&by=POL&on=2025-06-01&fact=critical-threat%3Dyes&only=triggered",
     ["ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", "--fact", "critical-threat=yes",
      "--only", "triggered", "--json"]),
    (f"/cascade.json?{BLR}&escalation=reciprocal&depth=2",
     ["ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", "--cascade", "--escalation",
      "reciprocal", "--depth", "2", "--json"]),
    ("/treaties.json", ["treaties", "--json"]),
    ("/treaties/anzus-1951.json", ["show", "anzus-1951", "--json"]),
    ("/compare.json?id=north-atlantic-treaty-1949&id=anzus-1951",
     ["compare", "north-atlantic-treaty-1949", "anzus-1951", "--format", "json"]),
    ("/timeline.json?state=BLR&from=2000-01-01", ["timeline", "BLR", "--from", "2000-01-01", "--json"]),
    ("/network.json?on=2025-06-01", ["network", "--on", "2025-06-01", "--format", "json"]),
    ("/network.csv?on=2025-06-01&duty=all", ["network", "--on", "2025-06-01", "--duty", "all", "--format", "csv"]),
    ("/compare.csv?id=rio-treaty-1947&id=anzus-1951", ["compare", "rio-treaty-1947", "anzus-1951", "--format", "csv"]),
    ("/timeline.csv?state=POL", ["timeline", "POL", "--csv"]),
])
def test_data_is_byte_for_byte_what_the_cli_prints(client, url, args):
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert response.text == cli_out(*args)


def test_accept_header_gives_the_json_document(client):
    by_suffix = client.get(f"/ask.json?{BLR}")
    by_accept = client.get(f"/ask?{BLR}", headers={"accept": "application/json"})
    assert by_accept.headers["content-type"] == "application/json"
    assert by_accept.content == by_suffix.content
    assert by_accept.headers["vary"] == "Accept"


def test_ask_csv_has_one_row_per_finding(client):
    doc = client.get(f"/ask.json?{BLR}").json()
    rows = list(csv.DictReader(io.StringIO(client.get(f"/ask.csv?{BLR}").text)))
    assert len(rows) == len(doc["findings"])
    assert [(r["party"], r["status"], r["article"]) for r in rows] == \
        [(f["party"], f["status"], f["article"]) for f in doc["findings"]]
    undetermined = [r for r in rows if r["status"] == "undetermined"]
    assert undetermined and all(r["missing"] for r in undetermined)


def test_each_ask_csv_row_says_what_was_asked(client):
    query = f"{BLR}&fact=critical-threat%3Dno&weapon=nuclear"
    sc = client.get(f"/ask.json?{query}").json()["scenario"]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/ask.csv?{query}").text)))
    assert rows and {(r["event"], r["target"], r["by"], r["at"], r["on"], r["weapon"], r["facts"], r["reading"])
                     for r in rows} == {("armed-attack", "BLR", "POL", "BLR", "2025-06-01", "nuclear",
                                         "critical-threat=no", "")}
    assert sc["target"] == "BLR" and sc["facts"] == {"critical-threat": False}


def test_treaties_csv_lists_every_instrument(client):
    ids = [r["id"] for r in client.get("/treaties.json").json()]
    rows = list(csv.DictReader(io.StringIO(client.get("/treaties.csv").text)))
    assert [r["id"] for r in rows] == ids
    assert "NZL" in next(r for r in rows if r["id"] == "anzus-1951")["parties"].split()


def test_graphml_downloads_are_graphs(client):
    import networkx as nx

    response = client.get(f"/cascade.graphml?{BLR}&escalation=reciprocal")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    G = nx.read_graphml(io.BytesIO(response.content))
    cascade = client.get(f"/cascade.json?{BLR}&escalation=reciprocal").json()["cascade"]
    assert set(G.nodes) == set(cascade["sides"]["target"]) | set(cascade["sides"]["aggressor"])
    net = nx.read_graphml(io.BytesIO(client.get("/network.graphml?on=2025-06-01").content))
    assert {"USA", "NZL", "AUS"} <= set(net.nodes)


# ------------------------------------------------------------------------------------- the ask page


def test_ask_form_has_labelled_fields(client):
    html = client.get("/ask").text
    for name in ("event", "target", "by", "at", "on", "weapon"):
        assert f'<label for="{name}"' in html and f'id="{name}"' in html
    assert '<datalist id="states">' in html and '<option value="BLR">Belarus</option>' in html
    assert 'name="fact"' in html and 'value="critical-threat=yes"' in html


def test_answer_page_lays_out_findings(client):
    html = client.get(f"/ask?{BLR}").text
    assert "<h2 id=\"section-1\">Treaty obligations and permissions</h2>" in html
    assert "Declared intentions and doctrine (not treaty obligations)" in html
    assert html.index("Treaty obligations") < html.index("Declared intentions")
    # status in words and marks, party -> beneficiary, articles linked to the treaty page
    assert "✔ triggered" in html and "? undetermined" in html and "✘ not triggered" in html
    assert "KAZ, KGZ, RUS, TJK → BLR" in html
    assert 'href="/treaties/csto-collective-security-treaty-1992#provision-art-4-collective-defence"' in html
    assert "Procedure before help" in html and "necessary-assistance" in html
    assert '<details class="trace">' in html and "the treaty is in force on 2025-06-01" in html
    # contested readings side by side, attributed
    assert "Contested readings, side by side" in html and "reaches-internal-unrest" in html
    assert "Held by: the Belarus-NAU site (belarus-nau.org)" in html
    differences = html.split("Findings that come out differently under each reading")[1].split("</table>")[0]
    assert "<strong>as-worded</strong>: <span class=\"status status-triggered\">✔ triggered</span>, must " \
           "military-assistance" in differences
    assert "<strong>defensive</strong>: <span class=\"status status-triggered\">✔ triggered</span>, must " \
           "assistance" in differences


def test_article_links_point_at_existing_anchors(client):
    html = client.get(f"/ask?{BLR}").text
    treaty = client.get("/treaties/union-state-security-guarantees-2024").text
    assert 'id="provision-art-4-2-aggression-or-threat"' in treaty
    assert 'href="/treaties/union-state-security-guarantees-2024#provision-art-4-2-aggression-or-threat"' in html


def test_what_if_links_settle_the_undetermined_finding(client):
    html = client.get(f"/ask?{BLR}").text
    links = [a.split('"')[0].replace("&amp;", "&") for a in html.split('class="whatif-link" href="')[1:]]
    yes = next(link for link in links if "critical-threat%3Dyes" in link)
    no = next(link for link in links if "critical-threat%3Dno" in link)

    def art6(url):
        doc = client.get(url.replace("/ask?", "/ask.json?")).json()
        return {f["status"] for f in doc["findings"] if f["instrument"] == "union-state-security-guarantees-2024"
                and f["article"] == "6"}

    assert art6(f"/ask?{BLR}") == {"undetermined"}
    assert art6(yes) == {"triggered"}
    assert art6(no) == {"not-triggered"}
    # the link keeps the rest of the question
    q = parse_qs(urlsplit(yes).query)
    assert q["target"] == ["BLR"] and q["by"] == ["POL"] and q["on"] == ["2025-06-01"]


def test_missing_date_redirects_to_the_date_written_in(client):
    for url in ("/ask?event=armed-attack&target=BLR&by=POL", "/ask?event=armed-attack&target=BLR&by=POL&on=",
                "/ask.json?event=armed-attack&target=BLR"):
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303
        location = response.headers["location"]
        assert parse_qs(urlsplit(location).query)["on"] == [utc_today()]
        assert urlsplit(location).path == urlsplit(url).path
    followed = client.get("/ask.json?event=armed-attack&target=BLR&by=POL")
    assert followed.json()["scenario"]["on"] == utc_today()
    net = client.get("/network", follow_redirects=False)
    assert net.status_code == 303 and f"on={utc_today()}" in net.headers["location"]


def test_permalink_is_the_normalised_question(client):
    html = client.get("/ask?event=armed-attack&target=Belarus&by=Poland&on=2025-06-01&utm_source=x").text
    permalink = html.split('class="permalink" href="')[1].split('"')[0].replace("&amp;", "&")
    assert permalink == "/ask?event=armed-attack&target=BLR&by=POL&on=2025-06-01"
    assert client.get(permalink.replace("/ask?", "/ask.json?")).content == client.get(f"/ask.json?{BLR}").content


def test_cite_block_and_corpus_version(client, app):
    response = client.get(f"/ask?{BLR}")
    version = app.state.site.version
    assert response.headers["x-casus-corpus"] == version and len(version) == 64
    html = response.text
    assert '<h2 id="cite-heading">Cite this</h2>' in html
    assert f"sha256:{version}" in html
    assert f'<dd class="accessed">{utc_today()}</dd>' in html
    assert "http://testserver/ask?event=armed-attack&amp;target=BLR&amp;by=POL&amp;on=2025-06-01" in html
    assert "armed-attack on BLR by POL, 2025-06-01" in html.split('class="cite-title">')[1].split("<")[0]


def test_fingerprint_follows_the_treaty_files(app, escaping_app):
    from casus.web import create_app
    from casus.web.site import fingerprint

    assert create_app().state.site.version == app.state.site.version  # stable across start-ups
    assert escaping_app.state.site.version != app.state.site.version  # one more file, another version
    assert escaping_app.state.site.files == app.state.site.files + 1
    digest, files = fingerprint()
    assert digest == app.state.site.version and files == app.state.site.files


# ------------------------------------------------------------------------------------- the other pages


def test_cascade_page(client):
    html = client.get(f"/cascade?{BLR}&escalation=reciprocal").text
    assert "<svg" in html and 'data-state="ARM"' in html and 'data-state="POL"' in html
    assert "Assumption in force" in html and "an assumption, not a finding" in html
    assert '<dd class="side-target">BLR, ARM' in html and '<dd class="side-aggressor">POL' in html
    assert "Conflicts" in html and 'href="/cascade.graphml?' in html and 'href="/cascade.json?' in html
    form = client.get("/cascade").text
    assert 'id="escalation"' in form and 'id="depth"' in form and "<svg" not in form


def test_cascade_binding_only_and_depth_in_permalink(client):
    html = client.get(f"/cascade?{BLR}&escalation=reciprocal&depth=1&binding_only=yes").text
    permalink = html.split('class="permalink" href="')[1].split('"')[0].replace("&amp;", "&")
    assert parse_qs(urlsplit(permalink).query)["depth"] == ["1"]
    assert parse_qs(urlsplit(permalink).query)["binding_only"] == ["yes"]
    doc = client.get(permalink.replace("/cascade?", "/cascade.json?")).json()["cascade"]
    assert doc["depth"] == 1 and doc["binding_only"] is True and len(doc["rounds"]) <= 2


def test_treaty_pages(client):
    html = client.get("/treaties").text
    assert 'href="/treaties/anzus-1951"' in html and "Security Treaty between Australia" in html
    one = client.get("/treaties/anzus-1951").text
    for heading in ("Lifecycle", "Parties over time", "Provisions"):
        assert f">{heading}</h2>" in one
    assert "Art. IV" in one and 'id="provision-art-4-armed-attack"' in one
    assert 'href="/timeline?state=NZL"' in one
    contested = client.get("/treaties/union-state-security-guarantees-2024").text
    assert "Readings" in contested and "as-worded" in contested and "Held by:" in contested


def test_compare_page(client):
    form = client.get("/compare").text
    assert 'type="checkbox"' in form and 'value="anzus-1951"' in form
    html = client.get("/compare?id=north-atlantic-treaty-1949&id=anzus-1951").text
    assert "armed attack" in html and "Art. 5 military-assistance" in html and "Art. IV military-assistance" in html


def test_timeline_page(client):
    html = client.get("/timeline?state=Belarus").text
    assert "Timeline of Belarus (BLR)" in html and "<svg" in html
    doc = client.get("/timeline.json?state=BLR").json()
    assert html.count("<tr>") - 1 == len(doc["rows"])  # one table row per event (plus the header)
    assert client.get("/timeline").status_code == 200


def test_network_page(client):
    html = client.get("/network?on=2025-06-01").text
    doc = client.get("/network.json?on=2025-06-01").json()
    assert "<svg" in html and f"Edge list: {len(doc['edges'])} commitments" in html
    assert 'data-state="NZL"' in html


def test_home_and_health(client):
    assert "Who must do what" in client.get("/").text
    assert client.get("/index.json").json()["format"] == "casus.site/1"
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/static/casus.css").headers["content-type"].startswith("text/css")
    assert "display: none" in client.get("/static/print.css").text


# ------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize("url, status, field", [
    ("/ask.json?event=armed-attack&target=Atlantis&on=2025-06-01", 400, "target"),
    ("/ask.json?event=invasion&target=BLR&on=2025-06-01", 400, "event"),
    ("/ask.json?target=BLR&on=2025-06-01", 400, "event"),
    ("/ask.json?event=armed-attack&on=2025-06-01", 400, "target"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-02-30", 400, "on"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&on=2025-06-02", 400, "on"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&weapon=laser", 400, "weapon"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&fact=no-such-fact%3Dyes", 400, "fact"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&fact=critical-threat%3Dmaybe", 400, "fact"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&reading=nope", 400, "reading"),
    ("/ask.json?event=armed-attack&target=BLR&by=BLR&on=2025-06-01", 400, "by"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&only=maybe", 400, "only"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&instrument=nope", 404, "instrument"),
    ("/ask.csv?event=armed-attack&target=Atlantis&on=2025-06-01", 400, "target"),
    (f"/cascade.json?{BLR}&escalation=sideways", 400, "escalation"),
    (f"/cascade.json?{BLR}&depth=two", 400, "depth"),
    (f"/cascade.json?{BLR}&depth=0", 400, "depth"),
    (f"/cascade.json?{BLR}&binding_only=perhaps", 400, "binding_only"),
    ("/cascade.graphml?event=armed-attack&target=Atlantis&on=2025-06-01", 400, "target"),
    ("/treaties/no-such-treaty.json", 404, "id"),
    ("/compare.json?id=anzus-1951", 400, "id"),
    ("/compare.json", 400, "id"),
    ("/compare.json?id=anzus-1951&id=nope", 404, "id"),
    ("/compare.json?id=anzus-1951&id=anzus-1951", 400, "id"),
    ("/compare.json?id=anzus-1951&id=rio-treaty-1947&reading=nope", 400, "reading"),
    ("/timeline.json", 400, "state"),
    ("/timeline.json?state=Atlantis", 400, "state"),
    ("/timeline.json?state=BLR&from=2020-01-01&to=2010-01-01", 400, "to"),
    ("/timeline.csv?state=BLR&from=never", 400, "from"),
    ("/network.json?on=2025-13-01", 400, "on"),
    ("/network.json?on=2025-06-01&duty=hugs", 400, "duty"),
    ("/nowhere.json", 404, "path"),
    ("/ask.xml?" + BLR, 404, "format"),
    ("/treaties/anzus-1951.csv", 404, "format"),
])
def test_errors_are_one_shape_with_the_field(client, url, status, field):
    error_of(client.get(url), status, field)


@pytest.mark.parametrize("url, field, limit", [
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&by=" + ",".join(["POL"] * 17), "by", "16"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01" + "&fact=state-of-war%3Dyes" * 33, "fact", "32"),
    ("/ask.json?event=armed-attack&on=2025-06-01&target=" + "B" * 201, "target", "200"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&at=" + "x" * 4100, "at", None),
    (f"/cascade.json?{BLR}&depth=11", "depth", "10"),
    ("/compare.json?" + "&".join(f"id=anzus-1951-{i}" for i in range(21)), "id", "20"),
    ("/treaties/" + "a" * 201 + ".json", "id", "200"),
])
def test_limits_answer_400_naming_the_limit(client, url, field, limit):
    response = client.get(url)
    err = error_of(response, 400)
    if len(url) > 4096:
        assert err["field"] == "query" and "4096" in err["message"]
    else:
        assert err["field"] == field and limit in err["message"]
    assert err["code"] == "over-limit"


def test_html_errors_show_message_field_and_hint(client):
    response = client.get("/ask?event=invasion&target=BLR&on=2025-06-01")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    err = client.get("/ask.json?event=invasion&target=BLR&on=2025-06-01").json()["error"]
    assert err["hint"]
    html = response.text
    from markupsafe import escape

    assert f'<dd class="error-message">{escape(err["message"])}</dd>' in html
    assert "<code>event</code>" in html
    assert escape(err["hint"]) in html
    missing = client.get("/treaties/no-such-treaty")
    assert missing.status_code == 404 and "Not found" in missing.text and "Traceback" not in missing.text
    assert client.get("/nowhere").status_code == 404
    assert client.get("/static/missing.css").status_code == 404
    assert error_of(client.get("/static/missing.css", headers={"accept": "application/json"}), 404, "path")


def test_an_html_error_offers_the_question_again(client):
    html = client.get("/ask?event=armed-attack&target=Atlantis&by=POL&on=2025-06-01").text
    assert '<form class="question" method="get" action="/ask">' in html
    assert 'id="target" name="target" list="states" required maxlength="200" value="Atlantis"' in html
    assert 'value="POL"' in html and 'value="2025-06-01"' in html
    cascade = client.get(f"/cascade?{BLR}&depth=50").text
    assert 'action="/cascade"' in cascade and 'id="escalation"' in cascade and "limited to 10" in cascade


def test_reading_links_give_the_answer_under_each_reading(client):
    html = client.get(f"/ask?{BLR}").text
    links = [a.split('"')[0].replace("&amp;", "&") for a in html.split('class="reading-link" href="')[1:]]
    names = {parse_qs(urlsplit(link).query)["reading"][0] for link in links}
    assert {"as-worded", "defensive", "reaches-internal-unrest"} <= names
    link = next(link for link in links if "reading=defensive" in link)
    doc = client.get(link.replace("/ask?", "/ask.json?")).json()
    assert doc["scenario"]["reading"] == "defensive"
    art42 = [f for f in doc["findings"] if f["provision"] == "art-4-2-aggression-or-threat"]
    assert art42 and all(f["reading"]["name"] == "defensive" and f["duty"] == "assistance" for f in art42)


def test_only_get_is_allowed(client):
    for method in ("post", "put", "delete"):
        err = error_of(getattr(client, method)("/ask.json"), 405, "method")
        assert "read-only" in err["message"]
    assert client.head(f"/ask?{BLR}").status_code == 200


def test_a_fault_is_a_500_in_the_error_shape_without_traceback(monkeypatch):
    import casus.service
    from starlette.testclient import TestClient

    from casus.web import create_app

    client = TestClient(create_app(cache_entries=0), raise_server_exceptions=False)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(casus.service, "ask", broken)
    err = error_of(client.get(f"/ask.json?{BLR}"), 500)
    assert err["code"] == "internal-error" and "secret" not in json.dumps(err)
    html = client.get(f"/ask?{BLR}")
    assert html.status_code == 500 and "secret" not in html.text and "Traceback" not in html.text


def test_recent_answers_are_served_from_the_cache(monkeypatch):
    import casus.service
    from starlette.testclient import TestClient

    from casus.web import create_app

    app = create_app(cache_entries=2)
    client = TestClient(app, raise_server_exceptions=False)
    first = client.get(f"/ask.json?{BLR}")
    assert first.headers["cache-control"] == "public, max-age=3600"
    calls = []
    real = casus.service.ask
    monkeypatch.setattr(casus.service, "ask", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = client.get(f"/ask.json?{BLR}")
    assert again.content == first.content and calls == []  # the same address: not computed again
    assert again.headers["x-casus-corpus"] == first.headers["x-casus-corpus"]
    assert again.headers["content-type"] == "application/json"
    client.get(f"/ask?{BLR}")  # another format is another entry
    assert calls == [1]
    client.get("/ask.json?event=armed-attack&target=POL&on=2025-06-01")  # a third entry pushes out the first
    assert len(app.state.cache.items) == 2
    client.get(f"/ask.json?{BLR}")
    assert calls == [1, 1, 1]
    bad = "/ask.json?event=armed-attack&target=Atlantis&on=2025-06-01"
    client.get(bad)
    assert error_of(client.get(bad), 400, "target")  # errors are never kept
    assert len(app.state.cache.items) == 2


def test_fast_json_is_the_clis_text():
    from casus import service
    from casus.service.documents import dumps
    from casus.web.fastjson import text

    corpus = service.load()
    docs = [service.ask(corpus, service.AskRequest("armed-attack", t, b, None, "2025-06-01")).to_dict()
            for t, b in (("BLR", "POL"), ("POL", "RUS"), ("JPN", "CHN"), ("USA", "non-state"))]
    docs += [service.network(corpus, service.NetworkRequest("2025-06-01", "all")).to_dict(),
             {"float": 0.1, "big": 2 ** 70, "nan": float("nan"), 3: "int key", "text": "Å\u2028\"<>"}]
    for doc in docs:
        assert text(doc) == dumps(doc)


def test_security_headers_on_every_response(client):
    for url in ("/", f"/ask?{BLR}", f"/ask.json?{BLR}", "/nowhere", "/static/casus.css", "/openapi.json",
                "/ask.json?event=x&target=BLR&on=2025-06-01"):
        h = client.get(url).headers
        csp = h["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


def test_pages_load_nothing_from_elsewhere(client):
    for url in ("/", f"/ask?{BLR}", f"/cascade?{BLR}", "/network?on=2025-06-01"):
        html = client.get(url).text
        assert "<script" not in html
        for attr in ('src="http', 'href="//', '<link rel="stylesheet" href="http'):
            assert attr not in html
        assert 'style="' not in html  # the CSP allows no inline style: every picture uses attributes


# ------------------------------------------------------------------------------------- escaping


def test_markup_from_a_treaty_file_is_escaped(escaping_app):
    from starlette.testclient import TestClient

    client = TestClient(escaping_app)
    pages = [client.get("/treaties/html-pact").text,
             client.get("/ask?event=armed-attack&target=LTU&by=RUS&on=2020-01-01&instrument=html-pact").text,
             client.get("/treaties").text,
             client.get("/compare?id=html-pact&id=anzus-1951").text,
             client.get("/timeline?state=LTU").text,
             client.get("/network?on=2020-01-01").text]
    for html in pages:
        assert "<script" not in html and "<img src=x" not in html and "<iframe" not in html
        assert "<svg onload" not in html and "<marquee" not in html and "<u>against" not in html
    treaty = pages[0]
    assert "&lt;script&gt;window.__pwned = &#39;title&#39;&lt;/script&gt;Pact of &lt;b&gt;Bold&lt;/b&gt;" in treaty
    assert "&lt;marquee&gt;markup&lt;/marquee&gt;" in treaty
    assert 'href="javascript:' not in treaty
    answer = pages[1]
    assert "&lt;script&gt;window.__pwned = &#39;provision&#39;&lt;/script&gt;Assistance" in answer
    assert "Is &lt;em&gt;this&lt;/em&gt; a &lt;script&gt;" in answer  # the fact's question on a "what if"


def test_markup_in_the_request_is_escaped(client):
    html = client.get("/ask?event=armed-attack&target=%3Cscript%3Ealert(1)%3C/script%3E&on=2025-06-01").text
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


# ------------------------------------------------------------------------------------- OpenAPI


def test_openapi_examples_are_real_requests(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    examples = [ex for ops in spec["paths"].values() for ex in ops["get"]["x-casus-examples"]]
    assert len(examples) >= 10
    for ex in examples:
        response = client.get(ex["request"])
        assert response.status_code == ex["status"], ex
        if ex["format"].startswith("casus."):
            doc = response.json()
            assert doc["format"] == ex["format"], ex
            if "field" in ex:
                assert doc["error"]["field"] == ex["field"]
        elif ex["format"] == "csv":
            assert response.headers["content-type"].startswith("text/csv")
        elif ex["format"] == "graphml":
            assert response.text.lstrip().startswith("<?xml")
        elif ex["format"] == "list":
            assert isinstance(response.json(), list)
        elif ex["format"] == "instrument":
            assert response.json()["id"] in ex["request"]
        elif ex["format"] == "node-link":
            assert {"nodes", "edges"} <= set(response.json())
    documented = {p.split(".")[0].replace("{id}", "x") for p in spec["paths"]}
    assert {"/ask", "/cascade", "/treaties", "/treaties/x", "/compare", "/timeline", "/network"} <= documented


# ------------------------------------------------------------------------------------- casus serve


def test_serve_is_a_command(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.output and "--corpus" in result.output
    bad = CliRunner().invoke(cli, ["serve", "--corpus", str(tmp_path / "missing")])
    assert bad.exit_code == 2 and "no such file or folder" in bad.output
    assert "Traceback" not in bad.output


def test_module_level_app_for_workers():
    import casus.web

    assert casus.web.app is casus.web.app
    assert casus.web.app.state.site.corpus.get("anzus-1951") is not None


def test_the_answer_and_treaty_pages_show_decisions_and_practice(client):
    page = client.get("/ask", params={"event": "armed-attack", "target": "BLR", "by": "POL", "on": "2025-06-01"})
    assert page.status_code == 200
    assert "Not automatic" in page.text and "Collective Security Council" in page.text
    nato = client.get("/ask", params={"event": "armed-attack", "target": "POL", "by": "RUS", "on": "2025-10-01"})
    assert "In practice" in nato.text and "2001-10-02: activated" in nato.text
    treaty = client.get("/treaties/csto-collective-security-treaty-1992")
    assert "needs a decision by the Collective Security Council" in treaty.text


def test_the_cascade_page_shows_joins_that_need_a_decision_apart(client):
    page = client.get("/cascade", params={"event": "armed-attack", "target": "BLR", "by": "POL", "on": "2025-06-01"})
    assert page.status_code == 200
    assert "no (needs a decision by the Collective Security Council" in page.text
    assert "needs a decision that can be withheld" in page.text  # the picture's legend and titles


def test_no_page_prints_a_missing_value_as_none(client):
    """A step, article or date that the data leaves out is left out of the page, not printed as "None"."""
    ids = [t["id"] for t in client.get("/treaties.json").json()]
    pages = {f"/treaties/{i}": client.get(f"/treaties/{i}").text for i in ids}
    pages["/ask"] = client.get(f"/ask?{BLR}").text
    printed = {url for url, html in pages.items() if "(None)" in html or ">None<" in html}
    assert not printed, sorted(printed)


# ------------------------------------------------------------------------------------- the web's own words


def _route(url: str) -> str:
    """The route of an address: its path without the format suffix, a path id written {id}."""
    path = urlsplit(url).path
    parts = path.split("/")
    if len(parts) == 3 and parts[1] in ("treaties", "claims"):
        return f"/{parts[1]}/{{id}}"
    return path.rsplit(".", 1)[0] if "." in parts[-1] else path


def _documented(client) -> dict[str, set[str]]:
    """Each route's parameters as /openapi.json lists them (over all its suffixes)."""
    spec = client.get("/openapi.json").json()
    out: dict[str, set[str]] = {}
    for path, ops in spec["paths"].items():
        out.setdefault(_route(path), set()).update(p["name"] for p in ops["get"]["parameters"])
    return out


#: Fields about the address itself rather than one parameter (docs/web.md, Errors).
ADDRESS_FIELDS = {"query", "format", "method"}


def _bad_requests(spec: dict):
    """For each route with query parameters: each parameter unknown, twice, too long and left out."""
    for path, ops in spec["paths"].items():
        names = [p["name"] for p in ops["get"]["parameters"] if p["in"] == "query"]
        bases = [ex["request"] for ex in ops["get"]["x-casus-examples"] if ex["status"] == 200 and "?" in ex["request"]]
        if not names or not bases:
            continue
        base = bases[0]
        pairs = [(k, v) for k, v in parse_qs(urlsplit(base).query).items() for v in v]
        from urllib.parse import urlencode

        for name in names:
            others = [(k, v) for k, v in pairs if k != name]
            own = [v for k, v in pairs if k == name] or ["zz-no-such"]
            for variant in ([(name, "zz-no-such")], [(name, own[0]), (name, "zz-other")], [(name, "x" * 201)], []):
                yield urlsplit(base).path + "?" + urlencode(others + variant)


def test_every_error_field_is_one_of_the_routes_parameters(client):
    """Whatever goes wrong, the field an error names is a parameter of the address asked (never a service field)."""
    documented = _documented(client)
    spec = client.get("/openapi.json").json()
    urls = list(_bad_requests(spec))
    assert len(urls) > 150
    urls += [
        "/ask.json?event=armed-attack&target=BLR&fact=foo=yes&on=2025-06-01",
        "/ask.json?event=armed-attack&target=BLR&on=2025-06-01&instrument=nope",
        "/ask.json?event=armed-attack&target=BLR&on=2025-06-01" + "&fact=state-of-war%3Dyes" * 33,
        "/compare.json?id=north-atlantic-treaty-1949", "/compare.json?id=anzus-1951&id=anzus-1951",
        "/compare.json?" + "&".join(f"id=anzus-1951-{i}" for i in range(21)),
        "/timeline.json?state=BY&from=2030-01-01&to=2020-01-01", "/timeline.json?state=BLR&from=2000-01-01&from=2001-01-01",
        "/verify.json?event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR&duty=assistance"
        "&qualifier=on-request&qualifier=without-request",
        "/treaties/no-such.json", "/claims/no-such.json", "/treaties/" + "a" * 201 + ".json",
    ]
    wrong, errors = [], 0
    for url in urls:
        response = client.get(url, follow_redirects=False)
        if response.status_code < 400:
            continue
        errors += 1
        field = error_of(response, response.status_code)["field"]
        if field not in documented[_route(url)] | ADDRESS_FIELDS:
            wrong.append((url[:120], field))
    assert errors > 100
    assert not wrong, wrong


@pytest.mark.parametrize("url, field", [
    ("/ask.json?event=armed-attack&target=BLR&fact=foo=yes&on=2025-06-01", "fact"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&instrument=nope", "instrument"),
    ("/compare.json?id=north-atlantic-treaty-1949", "id"),
    ("/timeline.json?state=BY&from=2030-01-01&to=2020-01-01", "to"),
    ("/timeline.json?state=BY&from=never", "from"),
    ("/verify.json?event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR&duty=assistance&qualifier=soon",
     "qualifier"),
])
def test_error_fields_are_query_parameters_in_json_and_html(client, url, field):
    response = client.get(url)
    error_of(response, response.status_code, field)
    html = client.get(url.replace(".json?", "?"))
    assert f'<dd class="error-field"><code>{field}</code></dd>' in html.text


def test_the_cli_keeps_its_own_field_names():
    result = CliRunner().invoke(cli, ["ask", "armed-attack", "--target", "BLR", "--on", "2025-06-01", "--fact",
                                      "foo=yes", "--json"])
    assert json.loads(result.stdout)["error"]["field"] == "facts"


@pytest.mark.parametrize("url, page", [
    ("/compare.json?id=anzus-1951", "/treaties"),
    ("/compare.json?id=anzus-1951&id=zzzz-zzzz", "/treaties"),
    ("/ask.json?event=armed-attack&target=BLR&on=2025-06-01&instrument=zzzz-zzzz", "/treaties"),
    ("/claims/zzzz-zzzz.json", "/claims"),
])
def test_hints_on_the_web_link_to_pages_not_commands(client, url, page):
    err = error_of(client.get(url), client.get(url).status_code)
    assert "casus " not in err["hint"] and page in err["hint"]
    html = client.get(url.replace(".json", "")).text
    hint = html.split('<dd class="error-hint">')[1].split("</dd>")[0]
    assert f'<a href="{page}">{page}</a>' in hint and "casus " not in hint
    assert client.get(page).status_code == 200


def test_the_cli_keeps_its_own_hints():
    result = CliRunner().invoke(cli, ["compare", "anzus-1951"])
    assert "see casus treaties" in result.output


@pytest.mark.parametrize("url", [
    "/ask?event=armed-attack&target=Atlantis&by=POL&on=2025-06-01",
    f"/cascade?{BLR}&depth=50",
    "/compare?id=anzus-1951",
    "/treaties/no-such-treaty",
    "/claims/no-such-claim",
    "/verify?event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR&duty=hugs",
])
def test_the_error_page_links_to_the_same_error_as_json(client, url):
    response = client.get(url)
    assert response.status_code >= 400
    html = response.text
    assert "add <code>.json</code>" not in html
    link = html.split('class="data-link" href="')[1].split('"')[0].replace("&amp;", "&")
    path, _, query = url.partition("?")
    assert link == path + ".json" + ("?" + query if query else "")
    same = client.get(link)
    assert same.status_code == response.status_code
    assert same.json()["error"]["message"] in html.replace("&#39;", "'")


def test_a_favicon_is_served(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.lstrip().startswith("<svg") and "<script" not in icon.text
    html = client.get("/").text
    href = html.split('<link rel="icon" href="')[1].split('"')[0]
    assert href.startswith("/") and client.get(href).content == icon.content


def _form_submission(html: str, **given) -> list[tuple[str, str]]:
    """What a browser sends for the page's question form: every named field, empty unless given."""
    import re

    form = html.split('<form class="question"')[1].split("</form>")[0]
    pairs = []
    for tag, name in re.findall(r'<(input|select)[^>]*?name="([^"]+)"', form):
        if name == "binding_only":
            continue  # an unchecked box is not sent
        if tag == "select" and name not in given:
            chosen = re.search(rf'name="{name}">.*?<option value="([^"]*)"[^>]*selected', form, re.S)
            value = chosen.group(1) if chosen and name != "fact" else ""
        else:
            value = given.pop(name, "") if name != "fact" else ""
        pairs.append((name, value))
    return pairs


@pytest.mark.parametrize("page, action", [("/", "/ask"), ("/ask", "/ask"), ("/cascade", "/cascade")])
def test_a_submitted_form_lands_on_the_normalised_address(client, page, action):
    from urllib.parse import urlencode

    pairs = _form_submission(client.get(page).text, target="Belarus", by="Poland", on="2025-06-01")
    assert ("at", "") in pairs and ("fact", "") in pairs  # the form sends its empty fields
    response = client.get(action + "?" + urlencode(pairs), follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert "=&" not in location and not location.endswith("=")
    landed = client.get(location)
    assert landed.status_code == 200
    permalink = landed.text.split('class="permalink" href="')[1].split('"')[0].replace("&amp;", "&")
    assert location == permalink
    assert parse_qs(urlsplit(location).query)["target"] == ["BLR"]
    # without a date: today's, written in, and still no empty parameter
    pairs = _form_submission(client.get(page).text, target="BLR")
    location = client.get(action + "?" + urlencode(pairs), follow_redirects=False).headers["location"]
    assert "=&" not in location and not location.endswith("=")
    assert parse_qs(urlsplit(location).query)["on"] == [utc_today()]
    assert client.get(location).status_code == 200


def test_an_error_page_over_a_limit_does_not_link_the_value_back(client):
    html = client.get("/ask?event=armed-attack&on=2025-06-01&target=" + "B" * 300).text
    assert 'class="data-link"' not in html and ".json?event=" not in html
    assert "after the path, before any <code>?</code>" in html


# ------------------------------------------------------------------------------------- what joins, what binds


def test_the_cascade_sides_list_undetermined_states_apart(client):
    """PRK and CHN join Belarus's side only if the missing fact state-of-war is settled so."""
    html = client.get("/cascade?event=armed-attack&target=BY&by=PL&on=2025-06-01&escalation=reciprocal").text
    assert '<dd class="side-target">BLR, ARM, KAZ, KGZ, RUS, TJK</dd>' in html
    assert ('<dd class="side-target side-undetermined">PRK (missing state-of-war), CHN (missing state-of-war)</dd>'
            in html)
    rows = {row.split('"')[0]: row for row in html.split('<tr class="join" data-state="')[1:]}
    for state in ("PRK", "CHN"):
        assert "conditional: binding only if the conditions on facts not given hold" in rows[state]
        assert "<td>yes</td>" not in rows[state]
    assert "<td>yes</td>" in rows["RUS"]
    settled = client.get("/cascade?event=armed-attack&target=BY&by=PL&on=2025-06-01&escalation=reciprocal"
                         "&fact=state-of-war%3Dyes").text
    assert '<dd class="side-target">BLR, ARM, KAZ, KGZ, RUS, TJK, PRK, CHN</dd>' in settled
    assert "side-undetermined" not in settled and "conditional: binding" not in settled
    other = client.get("/cascade?event=armed-attack&target=PL&by=BY&on=2025-06-01&escalation=reciprocal").text
    apart = other.split('side-undetermined">')[1].split("</dd>")[0]
    assert apart == "KOR (missing in-scope:pacific-administered), VEN (missing venezuela-rio-party)"
    assert "KOR" not in other.split('<dd class="side-target">')[1].split("</dd>")[0]


def test_the_network_page_shows_one_way_duties_decisions_and_intentions_apart(client):
    html = client.get("/network?on=2025-06-01").text
    assert "ANZUS Treaty (1951), Art. IV: NZL → USA." in html
    assert "<td>NZL</td><td>USA <small>(one way: not bound back toward NZL)</small></td>" in html
    assert "<td>USA</td><td>NZL" not in html
    assert ("no, but not automatic: help needs a decision by the Collective Security Council (the heads of the "
            "member states), who can withhold it") in html
    treaties = html.split('<table class="edges">')[1].split("</table>")[0]
    declared = html.split('id="declared-heading"')[1]
    assert "Clinton statement" not in treaties and "Clinton statement" in declared
    assert "Not treaty obligations: declared intentions" in declared and "<td>intends</td>" not in treaties
    doc = client.get("/network.json?on=2025-06-01").json()
    assert "Treaty obligations and permissions: " \
        f"{sum(e['instrument_kind'] == 'treaty' for e in doc['edges'])} commitments" in treaties


def test_the_timeline_page_says_a_start_is_not_confirmed(client):
    html = client.get("/timeline?state=BY").text
    assert "in force from this day as recorded; the entry into force is not confirmed" in html
    doc = client.get("/timeline.json?state=BY").json()
    lanes = {lane["instrument"]: lane for lane in doc["lanes"]}
    assert lanes["union-state-regional-security-1997"]["unconfirmed"]
    assert lanes["csto-collective-security-treaty-1992"]["unconfirmed"] == []
    assert "binds no one" in lanes["statement-putin-2020-08-reserve-force"]["period"]


# ------------------------------------------------------------------------------------- source keys in notes


def test_source_keys_in_a_note_become_links_and_nothing_else_does():
    from casus.web.site import sourced

    keys = {"eprs-2015": None, "sharecast-2015": None}
    html = str(sourced('A <b> note (eprs-2015, sharecast-2015), (2015) and (eprs-2015, other).', keys, "/treaties/x"))
    assert html == ('A &lt;b&gt; note (<a class="source-key" href="/treaties/x#source-eprs-2015">eprs-2015</a>, '
                    '<a class="source-key" href="/treaties/x#source-sharecast-2015">sharecast-2015</a>), (2015) '
                    'and (eprs-2015, other).')
    assert str(sourced(None, keys)) == ""
    assert str(sourced("a term (sources: eprs-2015)", keys)) == \
        'a term (sources: <a class="source-key" href="#source-eprs-2015">eprs-2015</a>)'


def test_every_source_link_on_a_treaty_page_reaches_its_source(client):
    import re

    linked = 0
    for row in client.get("/treaties.json").json():
        html = client.get(f"/treaties/{row['id']}").text
        ids = set(re.findall(r'id="source-([^"]+)"', html))
        targets = re.findall(r'class="source-key" href="#source-([^"]+)"', html)
        assert set(targets) <= ids, row["id"]
        assert len(ids) == len(client.get(f"/treaties/{row['id']}.json").json()["sources"]), row["id"]
        linked += len(targets)
    assert linked >= 50  # the corpus's notes cite their sources by key this often


def test_an_answer_links_a_caveats_source_to_the_treaty_page(client):
    html = client.get(f"/ask?{BLR}").text
    assert 'href="/treaties/csto-collective-security-treaty-1992#source-newsam-zas">newsam-zas</a>' in html


def test_each_fact_of_the_form_names_the_instruments_that_ask_it(client):
    import html as H
    import re

    asked: dict[str, list[str]] = {}
    for row in client.get("/treaties.json").json():
        doc = client.get(f"/treaties/{row['id']}.json").json()
        for name in doc["facts"]:
            asked.setdefault(name, []).append(doc["short_title"])
    page = client.get("/").text
    shown = {name: H.unescape(who).split("; ") for name, who in
             re.findall(r"<code>([^<]+)</code> <small class=\"asked-by\">\(asked by ([^<]*)\)</small>", page)}
    assert shown == asked and len(shown) >= 10


def test_the_glance_table_marks_a_frozen_participation(client):
    marked = client.get("/ask?event=armed-attack&target=BLR&by=POL&on=2024-02-22").text
    before = client.get("/ask?event=armed-attack&target=BLR&by=POL&on=2024-02-21").text
    assert 'class="frozen">ARM\'s participation is described as frozen (see the caveats)' in marked
    assert "participation is described as frozen (see the caveats)" not in before


def test_confidence_marks_are_said_in_words(client):
    import re

    doc = client.get(f"/ask.json?{BLR}").json()
    html = client.get(f"/ask?{BLR}").text
    marks = re.findall(r"<dt>Confidence</dt><dd>([^<]+?) <small class=\"confidence-words\">\(([^)]+)\)", html)
    words = {"C2+": "two independent sources agree", "C1": "one source", "unverified": "not confirmed by a cited source"}
    assert marks and all(words[m] == w for m, w in marks)
    weak = {f["confidence"] for f in doc["findings"]} - {"C2+"}
    assert weak and all(f"({words[c]})</small></td>" in html for c in weak)  # in the at-a-glance table too


def test_two_different_questions_never_share_a_citation_title(client):
    import re

    def title(query):
        return re.search(r'<dd class="cite-title">([^<]*)</dd>', client.get(f"/ask?{query}").text).group(1)

    plain = title(BLR)
    others = [title(f"{BLR}&fact=critical-threat%3Dyes"), title(f"{BLR}&weapon=nuclear"),
              title(f"{BLR}&at=Crimea"), title(f"{BLR}&reading=defensive")]
    assert len({plain, *others}) == 5
    assert others[0].endswith("(critical-threat=yes)") and "at UA-43 (Autonomous Republic of Crimea)" in others[2]


def test_the_question_asked_names_the_states_and_the_place(client):
    html = client.get("/ask?event=armed-attack&target=Ukraine&by=Russia&at=Crimea&on=2025-06-01").text
    assert "<dt>Target</dt><dd>UKR (Ukraine)</dd>" in html
    assert "<dt>Aggressors</dt><dd>RUS (Russian Federation)</dd>" in html
    assert "<dt>Place</dt><dd>UA-43 (" in html


@pytest.mark.parametrize("url, again", [("/compare?id=nato", "/compare"), ("/timeline?state=XYZ", "/timeline"),
                                        ("/network?on=2025-02-30", "/network"), ("/treaties/nope", "/treaties"),
                                        ("/claims/nope", "/claims"), ("/ask?event=armed-attack&target=XYZ", "/ask")])
def test_an_error_page_starts_again_from_a_page_of_its_kind(client, url, again):
    import re

    html = client.get(url).text
    assert re.search(r'class="again" href="([^"]*)"', html).group(1) == again


def test_a_step_the_other_conditions_settle_is_marked_not_needed_on_the_page(client):
    """The answer page and the claim page lay out a trace with one macro; a moot step says so instead of its result."""
    document = client.get(f"/ask.json?{BLR}").json()
    moot = [s for f in document["findings"] for s in f["trace"] if s.get("moot")]
    assert moot  # the CSTO's 2010 wording is not needed once the 1992 text settles the finding
    html = client.get(f"/ask?{BLR}").text
    assert html.count('<li class="moot"><span class="result result-moot">– not needed</span>: ') == len(moot)
