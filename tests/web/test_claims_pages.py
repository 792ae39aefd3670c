"""The claims pages in process: /claims, /claims/ID and /verify, every format and error path."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pagecheck import cli_out, error_of

CLAIMS_ESCAPING = Path(__file__).parent / "fixtures" / "claims-escaping"
MEZ = "mezentsev-2025-03-threat-and-pressure"
VERIFY = "event=armed-attack&target=BLR&by=POL&on=2025-06-01&party=RUS&toward=BLR&duty=military-assistance"
VERIFY_ARGS = ["verify", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", "--party", "RUS",
               "--toward", "BLR", "--duty", "military-assistance"]


@pytest.fixture(scope="module")
def marked():
    """The built-in corpus plus a claims folder whose claim holds HTML and script in every text."""
    from starlette.testclient import TestClient

    from casus.web import create_app

    return TestClient(create_app([str(CLAIMS_ESCAPING)]), raise_server_exceptions=False)


# ------------------------------------------------------------------------------------- the CLI's documents


@pytest.mark.parametrize("url, args", [
    ("/claims.json", ["claims", "--json"]),
    ("/claims.json?about=BLR", ["claims", "--about", "BLR", "--json"]),
    ("/claims.json?about=north-atlantic-treaty-1949&by=Stoltenberg",
     ["claims", "--about", "north-atlantic-treaty-1949", "--by", "Stoltenberg", "--json"]),
    (f"/claims/{MEZ}.json", ["claim", MEZ, "--json"]),
    ("/claims/lukashenko-2020-09-army-will-go-to-war.json", ["claim", "lukashenko-2020-09-army-will-go-to-war",
                                                              "--json"]),
    (f"/verify.json?{VERIFY}", [*VERIFY_ARGS, "--json"]),
    (f"/verify.json?{VERIFY}&modality=may&qualifier=immediately&qualifier=without-request"
     "&under=csto-collective-security-treaty-1992&fact=critical-threat%3Dyes",
     [*VERIFY_ARGS, "--modality", "may", "--qualifier", "immediately", "--qualifier", "without-request",
      "--under", "csto-collective-security-treaty-1992", "--fact", "critical-threat=yes", "--json"]),
    ("/verify.json?event=threat-of-attack&target=POL&by=RUS&on=2025-09-10&party=DEU&toward=POL&duty=consultation"
     "&qualifier=on-request",
     ["verify", "threat-of-attack", "--target", "POL", "--by", "RUS", "--on", "2025-09-10", "--party", "DEU",
      "--toward", "POL", "--duty", "consultation", "--qualifier", "on-request", "--json"]),
])
def test_claims_data_is_byte_for_byte_what_the_cli_prints(client, url, args):
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/json"
    assert response.text == cli_out(*args)
    assert response.json()["format"] == "casus.claim/1"


def test_accept_header_gives_the_claim_document(client):
    by_accept = client.get(f"/claims/{MEZ}", headers={"accept": "application/json"})
    assert by_accept.content == client.get(f"/claims/{MEZ}.json").content


def test_claims_csv_has_one_row_per_verdict(client):
    doc = client.get("/claims.json").json()
    response = client.get("/claims.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="casus-claims.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    expected = [(c["id"], v["scenario"], v["party"], v["toward"], v["verdict"]) for c in doc["claims"]
                for v in c["verdicts"]]
    assert [(r["claim"], r["scenario"], r["party"], r["toward"], r["verdict"]) for r in rows] == expected
    assert len(rows) > len(doc["claims"])  # some claims have several verdicts
    mez = next(r for r in rows if r["claim"] == MEZ)
    assert mez["speaker"] == "Dmitry Mezentsev" and mez["date"] == "2025-03-06"


# ------------------------------------------------------------------------------------- the pages


def test_claims_page_lists_every_claim_with_its_verdicts(client):
    doc = client.get("/claims.json").json()
    html = client.get("/claims").text
    assert html.count('class="claim-row"') == len(doc["claims"]) > 20
    for c in doc["claims"]:
        assert f'href="/claims/{c["id"]}"' in html
    row = html.split(f'data-claim="{MEZ}"')[1].split("</tr>")[0]
    assert "Dmitry Mezentsev" in row and "2025-03-06" in row and "“perceived as a single threat”" in row
    mez = next(c for c in doc["claims"] if c["id"] == MEZ)
    for v in mez["verdicts"]:  # each verdict written out in words, beside its mark
        assert f'class="verdict verdict-{v["verdict"]}"' in row
        said = next(part for part in row.split("<li>") if f"(<code>{v['scenario']}</code>)" in part)
        assert f"</span>: {v['party']} {v['modality']} " in said and f"{v['duty']} toward" not in said
    assert '<label for="about">' in html and '<label for="by">' in html
    assert '<a href="/claims.json">JSON</a>' in html and '<a href="/claims.csv">CSV</a>' in html


def test_claims_page_filters(client):
    html = client.get("/claims?about=BLR&by=Lukashenko").text
    ids = [c["id"] for c in client.get("/claims.json?about=BLR&by=Lukashenko").json()["claims"]]
    assert ids and html.count('class="claim-row"') == len(ids)
    assert "Claims beside the texts about BLR by Lukashenko" in html
    assert 'href="/claims?about=BLR&amp;by=Lukashenko"' in html  # the permalink keeps the filters
    none = client.get("/claims?by=nobody-of-that-name").text
    assert "No claim matches." in none


def test_claim_page_shows_the_claim_and_each_verdict(client):
    doc = client.get(f"/claims/{MEZ}.json").json()
    html = client.get(f"/claims/{MEZ}").text
    c = doc["claim"]
    assert f"<h1>Claim: {c['speaker']['name']}, {c['date']}</h1>" in html
    assert c["speaker"]["role"] in html
    assert f'href="{c["published"]["url"]}"' in html
    assert f"“{c['quote']}”" in html and c["paraphrase"] in html
    blocks = html.split('class="finding verdict-block ')[1:]
    assert len(blocks) == len(doc["verdicts"])
    for block, v in zip(blocks, doc["verdicts"]):
        assert f'data-verdict="{v["verdict"]}"' in block and f'data-scenario="{v["scenario"]}"' in block
        a, heading = v["assertion"], block.split("<h3>")[1].split("</h3>")[0]  # in words, as the CLI heads it
        assert heading.startswith(f"{a['party']} {a['modality']} ") and a["toward"] in heading
        assert f"{a['duty']} toward" not in heading
        for f in v["findings"]:
            assert f'href="/treaties/{f["instrument"]}#provision-{f["provision"]}"' in block
        for r in v["readings"]:  # each reading with its holder
            assert r["reading"] in block
        assert ('<details class="trace">' in block) == bool(v["findings"])
    assert "not-in-force" in [v["verdict"] for v in doc["verdicts"]]
    assert '<h2 id="cite-heading">Cite this</h2>' in html
    assert f'class="permalink" href="/claims/{MEZ}"' in html
    assert f'<a href="/claims/{MEZ}.json">JSON</a>' in html


def test_claims_pages_cite_the_claim_files_beside_the_treaty_files(client, app, marked):
    from casus.web.site import claims_fingerprint

    s = app.state.site
    assert len(s.claims_version) == 64 and s.claim_files == len(client.get("/claims.json").json()["claims"])
    for url in ("/claims", f"/claims/{MEZ}"):
        html = client.get(url).text
        assert f'<code class="claims-version">sha256:{s.claims_version}</code> ({s.claim_files} claim files)' in html
        assert f"claims sha256:{s.claims_version[:16]}" in html.split('class="cite-line">')[1]
    assert "claims-version" not in client.get("/treaties").text
    other = marked.app.state.site
    assert other.claim_files == s.claim_files + 1 and other.claims_version != s.claims_version
    assert (other.version, other.files) == (s.version, s.files)  # a folder of claims only: same treaty files
    assert claims_fingerprint(s.claim_folders) == (s.claims_version, s.claim_files)


def test_claim_page_links_point_at_existing_provision_anchors(client):
    html = client.get(f"/claims/{MEZ}").text
    links = {h.split('"')[0] for h in html.split('class="article" href="')[1:]}
    assert links
    for link in links:
        path, anchor = link.split("#")
        assert f'id="{anchor}"' in client.get(path).text, link


def test_claim_page_shows_qualifiers_and_fact_branches(client):
    doc = client.get("/claims.json").json()
    with_q = next(c["id"] for c in doc["claims"] if c["id"].startswith("belta-2025-03"))
    full = client.get(f"/claims/{with_q}.json").json()
    html = client.get(f"/claims/{with_q}").text
    quals = [q for v in full["verdicts"] for q in v["qualifiers"]]
    assert quals, "the BelTA claim adds qualifiers"
    assert html.count('<table class="qualifiers">') == sum(1 for v in full["verdicts"] if v["qualifiers"])
    for q in quals:
        assert f'<th scope="row">{q["qualifier"]}</th>' in html
    branched = None
    for c in doc["claims"]:
        if any(v["verdict"] == "depends" for v in c["verdicts"]):
            one = client.get(f"/claims/{c['id']}.json").json()
            if any(v["facts"] for v in one["verdicts"]):
                branched = one
                break
    assert branched is not None, "some claim depends on a fact"
    page = client.get(f"/claims/{branched['claim']['id']}").text
    assert '<table class="fact-branches">' in page


def test_unknown_claim_is_404_in_both_forms(client):
    err = error_of(client.get("/claims/no-such-claim.json"), 404, "id")
    assert "no-such-claim" in err["message"]
    html = client.get("/claims/no-such-claim")
    assert html.status_code == 404 and html.headers["content-type"].startswith("text/html")
    assert '<dd class="error-field"><code>id</code></dd>' in html.text
    assert err["hint"] and err["hint"] in re.sub(r"<[^>]+>", "", html.text).replace("&#39;", "'")
    error_of(client.get("/claims/" + "x" * 300 + ".json"), 400, "id")
    assert client.get(f"/claims/{MEZ}.csv").status_code == 404


def test_verify_form_has_labelled_fields(client):
    html = client.get("/verify").text
    for name in ("party", "toward", "duty", "modality", "under", "event", "target", "by", "at", "on", "weapon"):
        assert f'<label for="{name}">' in html and f'id="{name}"' in html, name
    assert '<label for="qualifier-immediately">' in html
    assert 'action="/verify"' in html and 'method="get"' in html


def test_verify_page_answers_with_the_verdict(client):
    url = "/verify?event=armed-attack&target=Belarus&by=Poland&on=2025-06-01&party=Russia&toward=BLR" \
          "&duty=military-assistance&qualifier=immediately&utm_source=x"
    html = client.get(url).text
    doc = client.get(f"/verify.json?{VERIFY}&qualifier=immediately").json()
    v = doc["verdicts"][0]
    assert f'data-verdict="{v["verdict"]}"' in html
    assert '<th scope="row">immediately</th>' in html
    for f in v["findings"]:
        assert f'href="/treaties/{f["instrument"]}#provision-{f["provision"]}"' in html
    permalink = html.split('class="permalink" href="')[1].split('"')[0].replace("&amp;", "&")
    assert permalink == f"/verify?{VERIFY}&modality=must&qualifier=immediately"
    assert client.get(permalink.replace("/verify?", "/verify.json?")).content == \
        client.get(f"/verify.json?{VERIFY}&qualifier=immediately").content


def test_verify_without_date_redirects_with_todays_date(client):
    import datetime as dt

    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    for url in ("/verify?event=armed-attack&target=BLR&party=RUS&toward=BLR&duty=assistance",
                "/verify.json?event=armed-attack&target=BLR&party=RUS&toward=BLR&duty=assistance&on="):
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303
        location = response.headers["location"]
        assert urlsplit(location).path == urlsplit(url).path
        assert parse_qs(urlsplit(location).query)["on"] == [today]
    assert client.get("/verify").status_code == 200  # the empty form is not redirected


@pytest.mark.parametrize("query, status, field", [
    ("event=armed-attack&target=BLR&on=2025-06-01&toward=BLR&duty=assistance", 400, "party"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=RUS&duty=assistance", 400, "toward"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR", 400, "duty"),
    ("target=BLR&on=2025-06-01&party=RUS&toward=BLR&duty=assistance", 400, "event"),
    ("event=armed-attack&on=2025-06-01&party=RUS&toward=BLR&duty=assistance", 400, "target"),
    ("event=armed-attack&target=BLR&on=2025-02-30&party=RUS&toward=BLR&duty=assistance", 400, "on"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=Atlantis&toward=BLR&duty=assistance", 400, "party"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=RUS&duty=assistance", 400, "toward"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR&duty=hugs", 400, "duty"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR&duty=assistance&modality=perhaps",
     400, "modality"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR&duty=assistance&qualifier=soon",
     400, "qualifier"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR&duty=assistance"
     "&qualifier=on-request&qualifier=without-request", 400, "qualifier"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR&duty=assistance&under=nope", 404, "under"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=RUS&party=BLR&toward=BLR&duty=assistance", 400, "party"),
    ("event=armed-attack&target=BLR&on=2025-06-01&party=" + "R" * 201 + "&toward=BLR&duty=assistance",
     400, "party"),
])
def test_verify_errors_name_the_field(client, query, status, field):
    err = error_of(client.get(f"/verify.json?{query}"), status, field)
    assert err["message"]
    html = client.get(f"/verify?{query}")
    assert html.status_code == status and f'<dd class="error-field"><code>{field}</code></dd>' in html.text


def test_an_html_verify_error_offers_the_form_again(client):
    html = client.get("/verify?event=threat-of-attack&target=BLR&by=POL&on=2025-06-01&party=RUS&toward=BLR"
                      "&duty=hugs&qualifier=immediately&fact=critical-threat%3Dyes").text
    assert '<dd class="error-field"><code>duty</code></dd>' in html
    form = html.split('<h2>Change the assertion or the scenario</h2>')[1]
    assert 'action="/verify"' in form
    assert 'id="party" name="party" list="states" required maxlength="200" value="RUS"' in form
    assert '<option value="threat-of-attack" selected>' in form
    assert 'value="immediately" checked' in form
    assert '<option value="critical-threat=yes" selected>' in form
    long = client.get("/verify?event=armed-attack&target=BLR&on=2025-06-01&party=" + "R" * 300 +
                      "&toward=BLR&duty=assistance")
    assert long.status_code == 400 and "R" * 201 not in long.text  # the value over the limit is not echoed whole


def test_claims_filter_errors(client):
    error_of(client.get("/claims.json?about=atlantis"), 404, "about")
    error_of(client.get("/claims.json?by=a&by=b"), 400, "by")
    error_of(client.get("/claims.csv?about=" + "x" * 201), 400, "about")
    assert client.get("/claims.graphml").status_code == 404


def test_home_and_navigation_link_the_claims_pages(client):
    home = client.get("/").text
    assert 'href="/claims"' in home and 'href="/verify"' in home
    assert {"/claims", "/verify"} <= set(client.get("/index.json").json()["pages"])
    nav = client.get("/claims").text.split('<nav aria-label="Pages">')[1].split("</nav>")[0]
    assert '<a href="/claims" aria-current="page">Claims</a>' in nav and 'href="/verify"' in nav


def test_fast_json_is_the_standard_text_for_claims(client):
    from casus.service.documents import dumps

    for url in (f"/claims/{MEZ}.json", "/claims.json", f"/verify.json?{VERIFY}"):
        response = client.get(url)
        assert response.text == dumps(json.loads(response.text)) + "\n"


def test_security_headers_on_the_claims_pages(client):
    for url in ("/claims", f"/claims/{MEZ}", "/verify", f"/verify?{VERIFY}", "/claims/nope"):
        response = client.get(url)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert "<script" not in response.text


# ------------------------------------------------------------------------------------- escaping


def test_markup_in_a_claim_file_is_escaped(marked):
    html = marked.get("/claims/escaping-markup")
    assert html.status_code == 200, html.text[:300]
    text = html.text
    assert "<script" not in text and "<img" not in text and "<b>Bold" not in text and "<u>" not in text
    assert "&lt;script&gt;window.__pwned = &#34;quote&#34;&lt;/script&gt; words" in text
    assert "A paraphrase with &lt;img src=x onerror=window.__pwned=1&gt;" in text
    assert "&lt;b&gt;Bold&lt;/b&gt; Speaker" in text
    listing = marked.get("/claims").text
    assert 'data-claim="escaping-markup"' in listing and "<script" not in listing
    doc = marked.get("/claims/escaping-markup.json").json()
    assert doc["claim"]["quote"] == '<script>window.__pwned = "quote"</script> words'  # data is kept as written


def test_markup_in_the_verify_request_is_escaped(client):
    html = client.get("/verify?event=armed-attack&target=BLR&on=2025-06-01&party=%3Cscript%3Ex&toward=BLR"
                      "&duty=assistance").text
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_openapi_describes_the_claims_routes(client):
    spec = client.get("/openapi.json").json()
    for path in ("/claims.json", "/claims/{id}.json", "/verify.json"):
        examples = spec["paths"][path]["get"]["x-casus-examples"]
        assert any(ex["status"] == 200 for ex in examples) and any(ex["status"] >= 400 for ex in examples)
        for ex in examples:  # real requests, answered as documented
            response = client.get(ex["request"])
            assert response.status_code == ex["status"], ex
            if ex["format"].startswith("casus."):
                assert response.json()["format"] == ex["format"]
                if "field" in ex:
                    assert response.json()["error"]["field"] == ex["field"]
    names = {p["name"] for p in spec["paths"]["/verify.json"]["get"]["parameters"]}
    assert {"party", "toward", "duty", "modality", "qualifier", "under", "event", "target", "on"} <= names
