"""The claims pages in a real browser: headless Chromium (the system's) driven by Playwright.

The server runs in a thread on 127.0.0.1 over the built-in corpus plus a
claims folder whose claim holds HTML and script.  Skipped, with how to get
them, without Chromium or Playwright; under CI=true they fail instead.
Screenshots are taken when CASUS_SCREENSHOTS names a folder to put them in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from browsing import get_json, require_browser, serving, shot

pytestmark = pytest.mark.slow  # left out of a plain `pytest`; `python3 dev.py test` runs it

CLAIMS_ESCAPING = Path(__file__).parent / "fixtures" / "claims-escaping"
MEZ = "mezentsev-2025-03-threat-and-pressure"

require_browser()


@pytest.fixture(scope="module")
def server():
    from casus.web import create_app

    with serving(create_app([str(CLAIMS_ESCAPING)])) as base:
        yield base



def test_open_the_claims_follow_one_and_read_its_verdict(server, page):
    page.goto(server + "/")
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Claims").click()
    page.wait_for_url("**/claims")
    listing = get_json(server + "/claims.json")["claims"]
    assert page.locator("tr.claim-row").count() == len(listing)
    row = page.locator(f'tr.claim-row[data-claim="{MEZ}"]')
    assert "Dmitry Mezentsev" in row.inner_text() and "“perceived as a single threat”" in row.inner_text()
    shot(page, "claims-list")
    row.get_by_role("link", name=MEZ).click()
    page.wait_for_url(f"**/claims/{MEZ}")
    doc = get_json(f"{server}/claims/{MEZ}.json")
    assert page.locator("h1").inner_text() == "Claim: Dmitry Mezentsev, 2025-03-06"
    blocks = page.locator("article.verdict-block")
    assert [b.get_attribute("data-verdict") for b in blocks.all()] == [v["verdict"] for v in doc["verdicts"]]
    first = blocks.first
    assert first.locator(".verdict-value").inner_text().startswith("⊘ not-in-force: not in force on that date")
    # the trace of the deciding findings is one click away
    trace = first.locator("details.trace")
    assert not trace.locator("ol").first.is_visible()
    trace.locator("summary").click()
    assert trace.locator("ol").first.is_visible()
    assert page.errors == []
    assert fits(page)
    shot(page, "claim-page")
    # a deciding article link opens the treaty page at that provision
    deciding = first.locator("ul.deciding a.article").first
    href = deciding.get_attribute("href")
    deciding.click()
    page.wait_for_url("**/treaties/**")
    anchor = href.split("#")[1]
    assert page.url.endswith(href)
    assert page.locator(f"article#{anchor}").is_visible()


def fits(page) -> bool:
    """Nothing wider than the window (a long option or label would push the form out sideways)."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_submit_the_verify_form_and_read_the_verdict(server, page):
    page.goto(server + "/verify")
    assert fits(page)
    page.locator("input#party").fill("Russia")
    page.locator("input#toward").fill("Belarus")
    page.get_by_label("Duty", exact=True).select_option("military-assistance")
    page.locator("input#qualifier-immediately").check()
    page.get_by_label("Event", exact=True).select_option("armed-attack")
    page.get_by_label("Target state (code or name)").fill("BLR")
    page.locator("input#by").fill("POL")
    page.locator("input#on").fill("2025-06-01")
    page.get_by_role("button", name="Check the claim").click()
    page.wait_for_url("**/verify?*")
    assert "on=2025-06-01" in page.url and "party=Russia" in page.url
    expected = get_json(server + "/verify.json?event=armed-attack&target=BLR&by=POL&on=2025-06-01&party=RUS"
                                 "&toward=BLR&duty=military-assistance&qualifier=immediately")["verdicts"][0]
    block = page.locator("article.verdict-block").first
    assert block.get_attribute("data-verdict") == expected["verdict"]
    assert f"{expected['verdict']}:" in block.locator(".verdict-value").inner_text()
    quals = block.locator("table.qualifiers tbody tr")
    assert quals.count() == 1 and quals.first.locator("th").inner_text() == "immediately"
    assert expected["qualifiers"][0]["verdict"] in quals.first.inner_text()
    permalink = page.locator("a.permalink").get_attribute("href")
    assert "party=RUS" in permalink and "toward=BLR" in permalink and "on=2025-06-01" in permalink
    assert page.errors == []
    assert fits(page)
    shot(page, "verify-answer")


def test_an_empty_verify_date_is_written_into_the_address(server, page):
    page.goto(server + "/verify")
    page.locator("input#party").fill("RUS")
    page.locator("input#toward").fill("BLR")
    page.get_by_label("Target state (code or name)").fill("BLR")
    page.get_by_role("button", name="Check the claim").click()
    page.wait_for_url("**on=*")
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert f"on={today}" in page.url
    assert page.locator("dl.scenario time").get_attribute("datetime") == today


def test_a_bad_verify_field_is_named_on_the_page(server, page):
    response = page.goto(server + "/verify?event=armed-attack&target=BLR&on=2025-06-01&party=Atlantis&toward=BLR"
                                  "&duty=assistance")
    assert response.status == 400
    assert page.locator(".error-field").inner_text() == "party"
    assert "Atlantis" in page.locator(".error-message").inner_text()
    response = page.goto(server + "/verify?event=armed-attack&target=BLR&on=2025-06-01&party=RUS&toward=BLR"
                                  "&duty=hugs")
    assert response.status == 400
    assert page.locator(".error-field").inner_text() == "duty"
    assert "military-assistance" in page.locator(".error-hint").inner_text()
    assert page.locator("input#party").input_value() == "RUS"  # the form again, as given
    assert fits(page)
    shot(page, "verify-error")


def test_nothing_from_a_claim_file_executes(server, page):
    page.goto(server + "/claims/escaping-markup")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("dd.quote").inner_text() == '“<script>window.__pwned = "quote"</script> words”'
    assert "<img src=x onerror=window.__pwned=1>" in page.locator("dd.paraphrase").inner_text()
    assert page.locator("h1").inner_text() == "Claim: <b>Bold</b> Speaker, 2025-09-10"
    assert page.locator("main img, main iframe, main b, main u").count() == 0
    shot(page, "escaping-claim")
    page.goto(server + "/claims")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>" in page.locator('tr.claim-row[data-claim="escaping-markup"] td.quote').inner_text()
    assert page.errors == []


def test_claim_pages_print_with_the_verdicts_and_the_citation(server, page):
    page.goto(f"{server}/claims/{MEZ}")
    page.emulate_media(media="print")
    assert not page.locator("header.site nav").is_visible()
    assert page.locator("section.claim").is_visible() and page.locator("section.cite").is_visible()
    assert page.locator("article.verdict-block").first.is_visible()
    assert page.locator("article.verdict-block .verdict-value").first.is_visible()
    page.goto(f"{server}/claims")
    assert not page.locator("form.question").is_visible()
    assert page.locator("table.claims").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
