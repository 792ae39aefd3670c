"""The pages' inline pictures say what the tables say: one-way duties, decisions, intentions, unconfirmed starts."""

from __future__ import annotations

import re
from html import unescape


def _titles(html: str, kind: str) -> list[str]:
    return [unescape(t) for t in re.findall(rf'<g class="{kind}"[^>]*><title>(.*?)</title>', html)]


def test_the_network_picture_draws_a_one_way_duty_as_an_arrow(client):
    html = client.get("/network?on=2025-06-01").text
    anzus = [t for t in _titles(html, "edge") if t.startswith("ANZUS")]
    assert "ANZUS Treaty (1951) (treaty): NZL bound toward USA, one way (USA is not bound toward NZL on this " \
           "date)" in anzus
    assert not any("NZL and USA" in t for t in anzus)
    assert "ANZUS Treaty (1951) (treaty): AUS and USA, each bound toward the other" in anzus
    one_way = re.findall(r'<g class="edge" data-direction="one-way">.*?</g>', html)
    assert one_way and all('marker-end="url(#arrow)"' in g for g in one_way)
    assert not any("marker-end" in g for g in re.findall(r'<g class="edge" data-direction="both">.*?</g>', html))


def test_the_network_picture_names_decisions_and_labels_intentions(client):
    html = client.get("/network?on=2025-06-01").text
    assert ("Collective Security Treaty (1992): every party bound toward every other; help needs a decision by "
            "the Collective Security Council (the heads of the member states), who can withhold it"
            in _titles(html, "hub"))
    clinton = [t for t in _titles(html, "edge") if t.startswith("Clinton statement")]
    assert clinton == ["Clinton statement on the Senkakus (Sep 2010) (statement: a declared intention, not an "
                       "obligation): USA declared it intends to act toward JPN, one way"]
    assert "Only treaties bind as obligations." in html


def test_the_timeline_picture_names_whose_event_each_tick_is(client):
    html = client.get("/timeline?state=BY").text
    ticks = _titles(html, "event")
    assert "1999-04-21: UZB, AZE, GEO withdrew (received): no longer bound toward BLR" in ticks
    assert "2012-12-19: UZB suspended (received): participation suspended: not bound toward BLR" in ticks
    assert any(t.startswith("2024-02-22: ARM participation-frozen (received)") for t in ticks)
    assert "1999-04-21: withdrew" not in ticks


def test_the_timeline_picture_marks_unconfirmed_starts_and_statements(client):
    html = client.get("/timeline?state=BY").text
    spans = _titles(html, "span")
    assert ("Russia-Belarus regional security agreement (1997): bound from 1997-12-19, still bound (the start is "
            "not confirmed)") in spans
    unconfirmed = _titles(html, "span unconfirmed")
    assert any(t.startswith("Russia-Belarus regional security agreement (1997): the entry into force is not "
                            "confirmed") for t in unconfirmed)
    putin = [t for t in spans if t.startswith("Putin statement (Aug 2020)")]
    assert putin == ["Putin statement (Aug 2020): named in a declared intention (a statement binds no one): from "
                     "2020-08-27, to this day"]
    assert not any("bound" in t for t in spans if "statement" in t.split(":")[0].lower())
    assert "Collective Security Treaty (1992): bound from 1994-04-20, still bound" in spans  # a treaty, as before
