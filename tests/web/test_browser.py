"""The site in a real browser: headless Chromium (the system's) driven by Playwright.

A server runs in a thread on 127.0.0.1 (a socket bound here to port 0), over
the built-in corpus plus a treaty file whose texts hold HTML and script.
Screenshots are taken when CASUS_SCREENSHOTS names a folder (outside the
repository) to put them in.

Without Chromium or Playwright these tests are skipped with a message saying
how to get them; under CI=true they fail instead, so that a missing install
step cannot pass unnoticed.
"""

from __future__ import annotations


import pytest

from browsing import get_json, require_browser, serving, shot

pytestmark = pytest.mark.slow  # left out of a plain `pytest`; `python3 dev.py test` runs it

BLR = "event=armed-attack&target=BLR&by=POL&on=2025-06-01"

require_browser()


@pytest.fixture(scope="module")
def server(escaping_app):
    with serving(escaping_app) as base:
        yield base



def findings(page) -> list[tuple[str, str, str, str]]:
    return [(a.get_attribute("data-instrument"), a.get_attribute("data-provision"), a.get_attribute("data-status"),
             a.locator(".parties").inner_text())
            for a in page.locator("article.finding").all()]


def test_fill_and_submit_the_ask_form(server, page):
    page.goto(server + "/ask")
    page.get_by_label("Event").select_option("armed-attack")
    page.get_by_label("Target state (code or name)").fill("Belarus")
    page.locator("input#by").fill("Poland")
    page.locator("input#on").fill("2025-06-01")  # by id: fact questions may also mention a date
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url("**/ask?*")
    assert "on=2025-06-01" in page.url
    assert page.locator("h1").inner_text() == "Answer: armed-attack on BLR by POL, 2025-06-01"
    found = findings(page)
    doc = get_json(server + "/ask.json?" + BLR)
    assert len(found) > 5
    assert {(i, p, s) for i, p, s, _ in found} == {(f["instrument"], f["provision"], f["status"])
                                                   for f in doc["findings"]}
    csto = [parties for i, p, s, parties in found if p == "art-4-collective-defence" and s == "triggered"]
    assert any("RUS" in parties and parties.endswith("→ BLR") for parties in csto)
    # the explanation is one click away
    first = page.locator("article.finding").first
    trace = first.locator("details.trace")
    assert not trace.locator("ol").first.is_visible()
    trace.locator("summary").click()
    assert "in force on 2025-06-01" in trace.locator("ol").first.inner_text()
    assert page.errors == []
    shot(page, "ask-answer")


def test_an_empty_date_is_written_into_the_address(server, page):
    page.goto(server + "/ask")
    page.get_by_label("Target state (code or name)").fill("BLR")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url("**on=*")
    import datetime as dt

    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert f"on={today}" in page.url
    assert page.locator("time").first.get_attribute("datetime") == today


def test_a_what_if_link_settles_the_undetermined_finding(server, page):
    page.goto(f"{server}/ask?{BLR}")
    art6 = page.locator('article.finding[data-provision="art-6-nuclear"]')
    assert art6.get_attribute("data-status") == "undetermined"
    art6.get_by_role("link", name="ask again with yes").click()
    page.wait_for_url("**critical-threat%3Dyes*")
    art6 = page.locator('article.finding[data-provision="art-6-nuclear"]')
    assert art6.get_attribute("data-status") == "triggered"
    assert "✔ triggered" in art6.inner_text()
    assert "critical-threat" in page.locator("dl.scenario").inner_text()
    shot(page, "ask-what-if-yes")
    page.go_back()
    page.locator('article.finding[data-provision="art-6-nuclear"]').get_by_role("link", name="ask again with no").click()
    page.wait_for_url("**critical-threat%3Dno*")
    assert page.locator('article.finding[data-provision="art-6-nuclear"]').get_attribute("data-status") == "not-triggered"


def test_a_permalink_gives_the_same_answer_in_a_fresh_browser(server, browser, page):
    page.goto(f"{server}/ask?event=armed-attack&target=Belarus&by=Poland&on=2025-06-01&fact=critical-threat%3Dno")
    permalink = page.locator("a.permalink").get_attribute("href")
    version = page.locator("code.corpus-version").inner_text()
    before = findings(page)
    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(server + permalink)
        assert findings(other) == before
        assert other.locator("code.corpus-version").inner_text() == version
        assert other.locator("a.permalink").get_attribute("href") == permalink
        assert "target=BLR" in permalink and "on=2025-06-01" in permalink
    finally:
        fresh.close()


def test_the_cascade_picture_shows_the_sides(server, page):
    page.goto(f"{server}/cascade?{BLR}&escalation=reciprocal")
    doc = get_json(f"{server}/cascade.json?{BLR}&escalation=reciprocal")["cascade"]
    svg = page.locator("svg.picture")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    drawn = {g.get_attribute("data-state"): g.get_attribute("data-side") for g in svg.locator("g.state").all()}
    expected = {s: "target" for s in doc["sides"]["target"]} | {s: "aggressor" for s in doc["sides"]["aggressor"]}
    assert drawn == expected
    assert {"BLR", "RUS", "ARM", "POL"} <= set(drawn)
    for state in ("BLR", "POL"):  # each state is drawn where it is visible, with its label
        circle = svg.locator(f'g.state[data-state="{state}"] circle')
        assert circle.bounding_box()["width"] > 10
        assert svg.locator(f'g.state[data-state="{state}"] text').text_content().startswith(state)
    assert page.errors == []
    shot(page, "cascade")


def test_nothing_from_a_treaty_file_executes(server, page):
    page.goto(server + "/treaties/html-pact")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    heading = page.locator("h1").inner_text()
    assert heading == "<script>window.__pwned = 'title'</script>Pact of <b>Bold</b> & \"Quoted\" Friends"
    assert page.locator("iframe, img, marquee, svg[onload]").count() == 0
    assert "<marquee>markup</marquee>" in page.locator("main").inner_text()
    shot(page, "escaping-treaty")
    page.goto(server + "/ask?event=armed-attack&target=LTU&by=RUS&on=2020-01-01&instrument=html-pact")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    finding = page.locator('article.finding[data-instrument="html-pact"]')
    assert "<script>window.__pwned = 'provision'</script>Assistance" in finding.locator("h3").inner_text()
    assert "Is <em>this</em> a" in finding.locator(".whatif").inner_text()
    page.goto(server + "/ask?event=armed-attack&target=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&on=2020-01-01")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>" in page.locator(".error-message").inner_text()
    assert page.errors == []


def test_pages_print_with_the_question_and_the_citation(server, page):
    page.goto(f"{server}/ask?{BLR}")
    explanation = page.locator("article.finding").first.locator("details.trace ol").first
    assert not explanation.is_visible()  # folded on the screen
    page.emulate_media(media="print")
    assert not page.locator("header.site nav").is_visible()
    assert page.locator("section.inputs").is_visible() and page.locator("section.cite").is_visible()
    assert explanation.is_visible()  # printed, though still closed
    assert page.locator("article.finding").first.locator("details.trace").get_attribute("open") is None
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    link = page.locator("ul.sources a[href^='http']").first  # a printed source gives its address
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after


def test_keyboard_reaches_the_form(server, page):
    page.goto(server + "/ask")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.get_by_label("Target state (code or name)").focus()
    page.keyboard.type("BLR")
    page.keyboard.press("Enter")
    page.wait_for_url("**target=BLR*")
    assert page.locator("h1").inner_text().startswith("Answer: armed-attack on BLR")


# the pages with the form (home, and an error page that gives the form back), a long value in an error
# message, and the widest content: an answer and a comparison table
WIDE_PAGES = ["/", "/ask?event=armed-attack&target=Atlantis&by=POL&on=2025-06-01",
              "/ask?event=armed-attack&on=2025-06-01&target=" + "B" * 200,
              f"/ask?{BLR}", "/compare?id=north-atlantic-treaty-1949&id=anzus-1951"]


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_no_page_scrolls_sideways(server, browser, width, height):
    """The form, its long options and the tables fit the window, on a laptop and on a phone."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        pg = context.new_page()
        wide = []
        for url in WIDE_PAGES:
            pg.goto(server + url)
            scroll, inner = pg.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                wide.append((url[:60], scroll))
        assert not wide, f"wider than the {width} px window: {wide}"
        pg.goto(server + "/")
        event = pg.locator("select#event").bounding_box()
        assert event["x"] >= 0 and event["x"] + event["width"] <= width  # the Event select is not cut off
    finally:
        context.close()


def test_no_page_asks_for_a_missing_file(server, page):
    """No console error for anything a page needs (the favicon included); an error page's own status aside."""
    errors, failed = [], []
    page.on("console", lambda m: errors.append((m.text, m.location.get("url"))) if m.type == "error" else None)
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    for url in ("/", "/ask?event=armed-attack&target=Atlantis&on=2025-06-01"):
        errors.clear()
        failed.clear()
        # the browser asks for the icon last, after the page has loaded: once it is answered, all is in
        with page.expect_response(lambda r: "favicon" in r.url) as icon:
            page.goto(server + url)
        assert icon.value.status == 200, url
        own = [e for e in errors if e[1] == server + url and e[0].startswith("Failed to load resource")]
        assert [e for e in errors if e not in own] == [], url  # but the error page's own status
        assert [f for f in failed if f[1] != server + url] == [], url
    assert page.request.get(server + "/favicon.ico").status == 200


def test_the_submitted_form_lands_on_the_permalink(server, page):
    page.goto(server + "/")
    page.get_by_label("Target state (code or name)").fill("Belarus")
    page.locator("input#by").fill("Poland")
    page.locator("input#on").fill("2025-06-01")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url("**/ask?*")
    assert "=&" not in page.url and not page.url.endswith("=")
    assert page.url == server + page.locator("a.permalink").get_attribute("href")
    assert page.url == f"{server}/ask?{BLR}"


def test_no_timeline_label_is_cut_off_at_the_left(server, page):
    page.goto(server + "/timeline?state=BLR")
    left = page.evaluate("Math.min(...[...document.querySelectorAll('svg text')].map(t => t.getBBox().x))")
    assert left >= 0
