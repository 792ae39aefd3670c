"""A state's commitments over time (casus.analysis.timeline) and its chart."""

from __future__ import annotations

import casus

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from casus.analysis.timeline import BINDING_EVENTS, timeline
from casus.errors import InputError
from casus.model.dates import Interval

D = dt.date
NATO = "north-atlantic-treaty-1949"
CSTO = "csto-collective-security-treaty-1992"
EU = "eu-mutual-assistance-clause"


def rows(tl, instrument=None, event=None, direction=None, day=None):
    return [r for r in tl.rows
            if (instrument is None or r.instrument == instrument) and (event is None or r.event == event)
            and (direction is None or r.direction == direction) and (day is None or r.date == day)]


def test_sweden_gave_its_nato_accession_and_norway_received_it(corpus):
    swe = rows(timeline(corpus, "SWE"), NATO, "acceded")
    assert [(r.date, r.who, r.direction, r.note) for r in swe] == \
        [(D(2024, 3, 7), ("SWE",), "gave", "bound from this day")]
    assert {s.key for s in swe[0].sources} >= {"einpresswire-sweden"}
    nor = rows(timeline(corpus, "NOR"), NATO, "acceded", "received", D(2024, 3, 7))
    assert [(r.who, r.note) for r in nor] == [(("SWE",), "bound toward NOR from this day")]


@pytest.mark.parametrize("start,end,seen", [
    (D(2024, 3, 7), D(2024, 3, 8), True),
    (D(2024, 3, 6), D(2024, 3, 7), False),  # --to is exclusive
    (D(2024, 3, 8), None, False),
    (None, D(2024, 3, 8), True),
])
def test_window_is_half_open(corpus, start, end, seen):
    tl = timeline(corpus, "NOR", start, end)
    assert bool(rows(tl, NATO, "acceded", "received", D(2024, 3, 7))) is seen
    assert all((start is None or r.date >= start) and (end is None or r.date < end) for r in tl.rows)


def test_received_only_while_the_state_is_itself_bound(corpus):
    # Finland joined NATO on 2023-04-04, before Sweden: Sweden did not receive it, Norway did
    assert not rows(timeline(corpus, "SWE"), NATO, day=D(2023, 4, 4))
    assert [r.who for r in rows(timeline(corpus, "NOR"), NATO, "acceded", "received", D(2023, 4, 4))] == [("FIN",)]
    # Azerbaijan left the CSTO the same day as Georgia and Uzbekistan, so it received none of it
    aze = timeline(corpus, "AZE")
    assert not rows(aze, CSTO, "withdrew", "received")
    assert [r.who for r in rows(aze, CSTO, "withdrew", "gave")] == [("AZE",)]


def test_brexit_in_the_eu_clause(corpus):
    swe = rows(timeline(corpus, "SWE"), EU, "withdrew", "received")
    assert [(r.date, r.who) for r in swe] == [(D(2020, 2, 1), ("GBR",))]
    gbr = timeline(corpus, "GBR")
    assert [(r.date, r.direction) for r in rows(gbr, EU, "withdrew")] == [(D(2020, 2, 1), "gave")]
    lane = next(lane for lane in gbr.lanes if lane.instrument == EU)
    assert lane.bound == (Interval(D(2009, 12, 1), D(2020, 2, 1)),)


def test_csto_membership_changes_seen_from_belarus(corpus):
    blr = timeline(corpus, "BLR")
    left = rows(blr, CSTO, "withdrew", "received", D(1999, 4, 21))
    assert len(left) == 1 and set(left[0].who) == {"UZB", "AZE", "GEO"}
    assert [r.who for r in rows(blr, CSTO, "suspended", "received")] == [("UZB",)]
    assert rows(blr, CSTO, "suspended")[0].date == D(2012, 12, 19)
    # accessions signed before entry into force count from entry into force, with the day of signature
    joined = rows(blr, CSTO, "acceded", "received")
    assert [(r.date, set(r.who)) for r in joined] == [(D(1994, 4, 20), {"AZE", "GEO"}), (D(2006, 6, 23), {"UZB"})]
    assert "1993-09-24" in joined[0].note and "entered into force" in joined[0].note
    own = rows(blr, CSTO, "acceded", "gave")
    assert own[0].date == D(1993, 12, 31) and own[0].note == \
        "bound from 1994-04-20, when the treaty entered into force"
    frozen = rows(blr, CSTO, "participation-frozen")
    assert [(r.date, r.who, r.direction) for r in frozen] == [(D(2024, 2, 22), ("ARM",), "received")]


def test_uzbekistan_lane_and_own_suspension(corpus):
    uzb = casus.timeline(corpus, "Uzbekistan")
    lane = next(lane for lane in uzb.lanes if lane.instrument == CSTO)
    assert lane.bound == (Interval(D(1994, 4, 20), D(1999, 4, 21)), Interval(D(2006, 6, 23)))
    assert lane.suspended == (Interval(D(2012, 12, 19)),)
    assert [(r.date, r.direction) for r in rows(uzb, CSTO, "suspended")] == [(D(2012, 12, 19), "gave")]


def test_anzus_suspension_toward_new_zealand(corpus):
    nzl = timeline(corpus, "NZL")
    got = rows(nzl, "anzus-1951", "obligations-suspended")
    assert [(r.date, r.who, r.direction, r.toward) for r in got] == [(D(1986, 8, 11), ("USA",), "received", "NZL")]
    lane = nzl.lanes[0]
    assert lane.limited == (("USA's obligations toward NZL suspended", Interval(D(1986, 8, 11))),)
    usa = rows(timeline(corpus, "USA"), "anzus-1951", "obligations-suspended")
    assert [(r.direction, r.toward) for r in usa] == [("gave", "NZL")]
    # Australia is not concerned by obligations suspended toward New Zealand
    assert not rows(timeline(corpus, "AUS"), "anzus-1951", "obligations-suspended")


def test_union_state_guarantees_start_at_entry_into_force(corpus):
    blr = timeline(corpus, "BLR")
    inst = "union-state-security-guarantees-2024"
    got = rows(blr, inst, "ratified", "received")
    assert [(r.date, r.who) for r in got] == [(D(2025, 3, 13), ("RUS",))]
    assert "ratified 2025-02-28" in got[0].note
    lifecycle = rows(blr, inst, direction="instrument")
    assert [(r.date, r.event, r.who) for r in lifecycle] == \
        [(D(2024, 12, 6), "signed", ()), (D(2025, 3, 13), "in-force", ())]


def test_named_beneficiary_of_a_statement(corpus):
    putin = "statement-putin-2020-08-reserve-force"
    blr = timeline(corpus, "BLR")
    lane = next(lane for lane in blr.lanes if lane.instrument == putin)
    assert lane.role == "beneficiary" and lane.bound == (Interval(D(2020, 8, 27)),)
    assert [(r.who, r.direction) for r in rows(blr, putin, "declared")] == [(("RUS",), "received")]
    rus = timeline(corpus, "RUS")
    luk = "statement-lukashenko-2020-09-defend-russia"
    assert next(lane for lane in rus.lanes if lane.instrument == luk).role == "beneficiary"
    assert [(r.who, r.direction) for r in rows(rus, luk, "declared")] == [(("BLR",), "received")]


def test_rows_are_in_date_order_and_lanes_clipped(corpus):
    tl = timeline(corpus, "SWE", D(2020, 1, 1))
    assert [r.date for r in tl.rows] == sorted(r.date for r in tl.rows)
    assert {lane.instrument for lane in tl.lanes} == {EU, NATO}
    eu = next(lane for lane in tl.lanes if lane.instrument == EU)
    assert eu.bound == (Interval(D(2020, 1, 1)),)


def test_binding_events_match_the_loader():
    from casus.loader.build import _STARTS

    assert BINDING_EVENTS == _STARTS


def test_state_names_and_codes(corpus):
    assert casus.timeline(corpus, "Belarus").state == "BLR"
    assert casus.timeline(corpus, "by").state == "BLR"
    with pytest.raises(InputError, match="BLR") as caught:
        casus.timeline(corpus, "BLRR")
    assert caught.value.field == "state"
    tl = timeline(corpus, "CHE")
    assert tl.name == "Switzerland" and tl.rows == () and tl.lanes == ()


def test_empty_window_is_refused(corpus):
    with pytest.raises(InputError, match="is empty"):
        timeline(corpus, "SWE", D(2024, 1, 1), D(2024, 1, 1))


def test_json_and_csv(corpus):
    import csv
    import io
    import json

    from casus.render.timeline import to_csv, to_json

    tl = timeline(corpus, "NOR", D(2024, 1, 1))
    doc = json.loads(to_json(tl))
    assert doc["format"] == "casus.timeline/1" and doc["from"] == "2024-01-01" and doc["to"] is None
    row = next(r for r in doc["rows"] if r["who"] == ["SWE"])
    assert row["sources"][0]["url"].startswith("http")
    table = list(csv.DictReader(io.StringIO(to_csv(tl))))
    assert [(r["date"], r["event"], r["who"], r["direction"]) for r in table] == \
        [("2024-03-07", "acceded", "SWE", "received")]


# -- the chart ----------------------------------------------------------------------------


@pytest.mark.slow  # renders a picture
def test_plot_png_size_and_content(corpus, tmp_path):
    import matplotlib.image as mpimg
    import numpy as np

    from casus.render.timeline import plot

    tl = timeline(corpus, "BLR")
    image = mpimg.imread(plot(tl, tmp_path / "blr.png", today=D(2025, 6, 1)))
    height = round((2.2 + 0.8 * len(tl.lanes)) * 100)
    assert image.shape[:2] == (height, 1300)
    rgba = np.ascontiguousarray((image * 255).astype(np.uint8))  # one 32-bit number per pixel: fast to count
    colours = np.unique(rgba.view(np.uint32))
    assert len(colours) > 10


@pytest.mark.slow  # renders a picture
def test_plot_svg_names_the_state_and_the_lanes(corpus, tmp_path):
    from casus.render.timeline import plot

    tl = timeline(corpus, "SWE", D(2020, 1, 1))
    root = ET.parse(plot(tl, tmp_path / "swe.svg", today=D(2025, 6, 1))).getroot()
    texts = ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")]
    joined = "\n".join(texts)
    assert "Sweden (SWE)" in joined
    assert "North Atlantic Treaty (1949)" in texts and "TEU Art. 42(7)" in texts
    assert "acceded" in texts and "−GBR" in texts
    assert "today" in texts


def test_plot_refuses_an_unknown_suffix(corpus, tmp_path):
    from casus.render.timeline import plot

    with pytest.raises(InputError, match=r"\.png or \.svg"):
        plot(timeline(corpus, "SWE"), tmp_path / "swe.pdf")
    assert not (tmp_path / "swe.pdf").exists()


def test_crowded_labels_are_merged_and_never_overlap_on_a_level():
    """Thirty events in two years on one lane (as Rio's ratifications of 1948-50) stay legible."""
    from casus.render.timeline import _measure, _place_labels, _summary

    calls = []

    class Axes:
        def annotate(self, text, xy, xytext, **kw):
            calls.append((text, xy[0], xytext[1], kw["ha"]))

    def x(day):
        return day.toordinal()

    start, end = D(1945, 1, 1), D(2035, 1, 1)
    labels = {("rio", D(1948, 1, 1) + dt.timedelta(days=25 * k)): [f"ratified · +S{k:02d}"] for k in range(30)}
    labels[("rio", D(2030, 6, 1))] = ["a long label near the right edge of the chart"]
    _place_labels(Axes(), labels, {"rio": 1}, start, end, x, axes_px=900)
    assert 2 <= len(calls) <= 4, calls
    per_char = (x(end) - x(start)) * 5.6 / 900
    spans = {}
    for text, at, offset, ha in calls:
        width = per_char * (len(text) + 1)
        left, right = (at - width, at) if ha == "right" else (at, at + width)
        assert right <= x(end) + per_char, text  # nothing runs past the right edge
        for other in spans.get(offset, []):
            assert right <= other[0] or left >= other[1], (text, calls)  # no overlap on one level
        spans.setdefault(offset, []).append((left, right))
    merged = next(t for t, *_ in calls if "states" in t)
    assert merged.startswith("19") and "–" in merged.split(":")[0]
    assert _summary(D(1948, 1, 1), D(1948, 1, 1), ["signed", "+AUS+NZL", "+FRA"]) == "signed · +AUS+NZL · +FRA"
    assert _summary(D(1948, 1, 1), D(1950, 3, 1), ["a · +X", "+Y+Z", "+W", "b"]) == "1948–50: a · b · +4 states"
    label = {"first": D(2034, 12, 1), "last": D(2034, 12, 1), "texts": ["ended"]}
    _measure(label, x, per_char, x(end))
    assert label["flush"] is True


# -- what a lane's periods are, and starts that are not confirmed ------------------------------


def test_a_start_recorded_as_unverified_is_marked_unconfirmed(corpus):
    """The 1997 agreement's entry into force was not found: the day recorded is the earliest possible one."""
    blr = timeline(corpus, "BLR")
    rgf = "union-state-regional-security-1997"
    lane = next(lane for lane in blr.lanes if lane.instrument == rgf)
    assert lane.bound == (Interval(D(1997, 12, 19)),)  # the periods themselves are unchanged
    assert [span for span, _ in lane.unconfirmed] == [Interval(D(1997, 12, 19))]
    assert "entry into force is not confirmed" in lane.unconfirmed[0][1]
    doc = next(d for d in blr.to_dict()["lanes"] if d["instrument"] == rgf)
    assert doc["unconfirmed"][0]["from"] == "1997-12-19" and doc["unconfirmed"][0]["until"] is None
    # the rows say it too: the entry into force, Belarus's own ratification and what it receives
    for r in rows(blr, rgf, day=D(1997, 12, 19)):
        if r.event in ("in-force", "ratified"):
            assert r.note.endswith(("the entry into force is not confirmed",
                                    "the entry into force is not confirmed (see the file's note)")), r
    # the air-defence agreement of 2009: Belarus bound from its ratification, in a period not confirmed
    air = next(lane for lane in blr.lanes if lane.instrument == "union-state-air-defence-2009")
    assert [span for span, _ in air.unconfirmed] == [Interval(D(2009, 2, 13))]


def test_confirmed_starts_are_not_marked(corpus):
    blr = timeline(corpus, "BLR")
    csto = next(lane for lane in blr.lanes if lane.instrument == CSTO)
    assert csto.unconfirmed == () and csto.to_dict()["unconfirmed"] == []
    assert all("not confirmed" not in r.note for r in rows(blr, CSTO))
    assert all(not lane.unconfirmed for lane in timeline(corpus, "SWE").lanes)


def test_unconfirmed_periods_are_clipped_to_the_window(corpus):
    lane = next(lane for lane in timeline(corpus, "BLR", D(2000, 1, 1), D(2010, 1, 1)).lanes
                if lane.instrument == "union-state-regional-security-1997")
    assert [span for span, _ in lane.unconfirmed] == [Interval(D(2000, 1, 1), D(2010, 1, 1))]


def test_only_a_treaty_lane_is_bound_a_statement_declares_an_intention(corpus):
    lanes = {lane.instrument: lane for lane in timeline(corpus, "BLR").lanes}
    assert lanes[CSTO].period == "bound"
    putin = lanes["statement-putin-2020-08-reserve-force"]
    assert putin.role == "beneficiary" and "declared intention" in putin.period
    assert "bound" not in putin.period and "binds no one" in putin.period
    lukashenko = lanes["statement-lukashenko-2020-09-defend-russia"]
    assert lukashenko.period.startswith("declared an intention") and "binds no one" in lukashenko.period
    doctrine = lanes["union-state-military-doctrine-2021"]
    assert "not a treaty obligation" in doctrine.period
    assert lanes["russia-belarus-nuclear-storage-2023"].period == \
        "committed by the executive agreement (not a treaty obligation)"
    assert timeline(corpus, "BLR").to_dict()["lanes"][0]["period"] == "bound"


@pytest.mark.slow  # renders a picture
def test_the_chart_draws_unconfirmed_starts_and_says_what_a_statement_is(corpus, tmp_path):
    from casus.render.timeline import plot

    svg = plot(timeline(corpus, "BLR"), tmp_path / "blr.svg", today=D(2026, 1, 1))
    texts = ["".join(el.itertext()) for el in ET.parse(svg).getroot().iter() if el.tag.endswith("text")]
    joined = "\n".join(texts)
    assert "start not confirmed (e.g. no entry into force found)" in joined
    assert "declared intention: statement (binds no one)" in joined
    assert "committed: statement" not in joined and "bars run on while the state is bound" not in joined
