"""The network on a date (casus.analysis.network), its picture, and the shared graph helpers."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from casus.analysis.network import Edge, check_duty, network_on, to_networkx
from casus.errors import InputError

D = dt.date
NATO = "north-atlantic-treaty-1949"
CSTO = "csto-collective-security-treaty-1992"


def pairs(edges, instrument=None):
    return {(e.party, e.beneficiary) for e in edges if instrument is None or e.instrument == instrument}


@pytest.mark.parametrize("day,present", [(D(2024, 3, 6), False), (D(2024, 3, 7), True), (D(2024, 3, 8), True)])
def test_sweden_is_linked_from_the_day_of_its_nato_accession(corpus, day, present):
    nato = pairs(network_on(corpus, day), NATO)
    assert (("NOR", "SWE") in nato) is present
    assert (("SWE", "NOR") in nato) is present
    assert ("NOR", "DNK") in nato  # founders are linked throughout


def test_finland_joins_one_year_before_sweden(corpus):
    assert ("FIN", "USA") not in pairs(network_on(corpus, D(2023, 4, 3)), NATO)
    on = pairs(network_on(corpus, D(2023, 4, 4)), NATO)
    assert ("FIN", "USA") in on and ("USA", "FIN") in on
    assert ("FIN", "SWE") not in on


def test_nato_is_complete_among_its_32_members(corpus):
    nato = [e for e in network_on(corpus, D(2025, 6, 1)) if e.instrument == NATO]
    assert len(nato) == 32 * 31
    assert {e.provision for e in nato} == {"art-5"}  # art-4 is consultation
    e = nato[0]
    assert (e.article, e.duty, e.modality, e.discretionary, e.instrument_kind) == \
        ("5", "military-assistance", "must", True, "treaty")


def test_csto_suspension_and_withdrawal_of_uzbekistan(corpus):
    assert ("UZB", "RUS") in pairs(network_on(corpus, D(1999, 4, 20)), CSTO)
    assert ("UZB", "RUS") not in pairs(network_on(corpus, D(1999, 4, 21)), CSTO)  # initial term ended
    assert ("RUS", "UZB") in pairs(network_on(corpus, D(2012, 12, 18)), CSTO)
    after = pairs(network_on(corpus, D(2012, 12, 19)), CSTO)
    assert not any("UZB" in p for p in after)
    on = pairs(network_on(corpus, D(2025, 6, 1)), CSTO)
    assert len(on) == 6 * 5
    assert ("BLR", "ARM") in on  # frozen participation is a caveat, not a suspension


def test_anzus_obligations_toward_new_zealand_suspended(corpus):
    before = pairs(network_on(corpus, D(1986, 8, 10)), "anzus-1951")
    after = pairs(network_on(corpus, D(1986, 8, 11)), "anzus-1951")
    assert ("USA", "NZL") in before and ("USA", "NZL") not in after
    assert ("NZL", "USA") in after and ("AUS", "NZL") in after
    assert len(after) == 5


def test_entry_into_force_of_the_union_state_guarantees(corpus):
    inst = "union-state-security-guarantees-2024"
    assert pairs(network_on(corpus, D(2025, 3, 12)), inst) == set()
    assert pairs(network_on(corpus, D(2025, 3, 13)), inst) == {("RUS", "BLR"), ("BLR", "RUS")}


def test_statements_apply_from_the_day_they_were_made(corpus):
    galuzin = "statement-galuzin-2022-12-regional-grouping"
    assert pairs(network_on(corpus, D(2022, 12, 23)), galuzin) == set()
    edges = [e for e in network_on(corpus, D(2022, 12, 24)) if e.instrument == galuzin]
    assert [(e.party, e.beneficiary, e.instrument_kind, e.modality, e.discretionary) for e in edges] == \
        [("RUS", "BLR", "statement", "intends", True)]


def test_fixed_beneficiaries_and_no_edge_to_oneself(corpus):
    day = D(2025, 6, 1)
    assert pairs(network_on(corpus, day, "basing")) == {("RUS", "BLR"), ("USA", "JPN"), ("USA", "KOR")}
    # Art. 6 binds RUS with the beneficiary "target": RUS -> BLR, never RUS -> RUS
    assert pairs(network_on(corpus, day, "nuclear-response")) == {("RUS", "BLR")}


def test_provisions_bound_to_aggressors_give_no_edge(corpus):
    day = D(2025, 6, 1)
    assert network_on(corpus, day, "non-aggression") == []  # CSTO Art. 1 binds only aggressors
    assert CSTO not in {e.instrument for e in network_on(corpus, day, "all") if e.duty == "non-aggression"}


def test_all_duties_adds_consultation_and_assistance(corpus):
    day = D(2025, 6, 1)
    everything = network_on(corpus, day, "all")
    duties = {e.duty for e in everything}
    assert {"military-assistance", "consultation", "assistance"} <= duties
    assert ("AUT", "IRL") in pairs(everything, "eu-mutual-assistance-clause")
    # TEU Art. 42(7) is military assistance ("all the means in their power"), so it is in the default network
    assert ("AUT", "IRL") in pairs(network_on(corpus, day), "eu-mutual-assistance-clause")
    assert any(e.duty == "assistance" and e.instrument == "china-dprk-treaty-1961" for e in everything)
    assert len(set(everything)) == len(everything)


def test_edges_agree_with_the_engine(corpus):
    """Every finding the engine does not fail for membership reasons is an edge, and the other way round."""
    from casus.engine.evaluate import evaluate
    from casus.service.inputs import make_scenario

    day = D(2025, 6, 1)
    edges = network_on(corpus, day)
    for target, by in (("BLR", "POL"), ("NOR", "RUS"), ("NZL", "CHN"), ("JPN", "CHN"), ("KAZ", "CHN")):
        answer = evaluate(corpus, make_scenario(corpus, "armed-attack", target, by=by, on=day))
        mine = [f for f in answer.findings if f.provision.duty == "military-assistance" and f.beneficiary == target]
        live = {(f.party, f.instrument.id) for f in mine if f.status != "not-triggered"}
        into = {(e.party, e.instrument) for e in edges if e.beneficiary == target}
        assert live <= into, target
        members = {(f.party, f.instrument.id) for f in mine
                   if all(r.result for r in f.because if r.cite.endswith((", parties", ", lifecycle")))}
        assert members == into, target


def test_unknown_duty_suggests_the_nearest():
    with pytest.raises(InputError, match="did you mean 'military-assistance'"):
        check_duty("military-asistance")
    assert check_duty("all") is None


# -- networkx and files -------------------------------------------------------------------


def test_to_networkx_keeps_every_edge_and_its_attributes(corpus):
    day = D(2025, 6, 1)
    edges = network_on(corpus, day)
    G = to_networkx(edges, day, "military-assistance")
    assert G.is_directed() and G.is_multigraph()
    assert G.number_of_edges() == len(edges)
    assert G.graph == {"on": "2025-06-01", "duty": "military-assistance"}
    attrs = G.get_edge_data("NOR", "SWE")[f"{NATO}/art-5"]
    assert attrs["article"] == "5" and attrs["discretionary"] is True and attrs["instrument_kind"] == "treaty"
    assert not G.has_edge("USA", "NZL") and G.has_edge("NZL", "USA")


def test_graphml_and_json_read_back(corpus, tmp_path):
    import networkx as nx

    from casus.render.graphs import write_graph

    day = D(2024, 3, 7)
    edges = network_on(corpus, day)
    G = to_networkx(edges, day, "military-assistance")
    back = nx.read_graphml(write_graph(G, tmp_path / "net.graphml"))
    assert back.number_of_edges() == len(edges)
    data = back.get_edge_data("NOR", "SWE")
    assert any(d["provision"] == "art-5" and d["discretionary"] is True for d in data.values())
    doc = json.loads((write_graph(G, tmp_path / "net.json")).read_text(encoding="utf-8"))
    assert doc["directed"] and doc["multigraph"] and doc["graph"]["on"] == "2024-03-07"
    assert {"source": "NOR", "target": "SWE"}.items() <= next(
        e for e in doc["edges"] if e["source"] == "NOR" and e["target"] == "SWE").items()
    assert len(doc["edges"]) == len(edges)


@pytest.mark.parametrize("name", ["net.gml", "net", "net.GRAPHML.txt"])
def test_write_graph_refuses_an_unknown_suffix(tmp_path, name):
    import networkx as nx

    from casus.render.graphs import write_graph

    with pytest.raises(InputError, match=r"name the file with \.graphml or \.json"):
        write_graph(nx.DiGraph(), tmp_path / name)
    assert not (tmp_path / name).exists()


@pytest.mark.slow  # renders a picture
def test_save_figure_size_and_suffix(tmp_path):
    import matplotlib.image as mpimg

    from casus.render.graphs import new_figure, save_figure

    fig = new_figure(3, 2, dpi=50)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], color="red")
    image = mpimg.imread(save_figure(fig, tmp_path / "f.png"))
    assert image.shape[:2] == (100, 150)
    with pytest.raises(InputError, match=r"\.png or \.svg"):
        save_figure(fig, tmp_path / "f.jpg")
    with pytest.raises(InputError, match="cannot write"):
        save_figure(fig, tmp_path / "missing" / "f.png")


# -- the picture --------------------------------------------------------------------------


def test_groups_draw_complete_multilateral_treaties_as_hubs(corpus):
    from casus.render.network import groups

    found = {g.instrument: g for g in groups(network_on(corpus, D(2025, 6, 1)))}
    assert found[NATO].hub and len(found[NATO].members) == 32
    assert found[CSTO].hub and sorted(found[CSTO].members) == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    assert not found["anzus-1951"].hub  # USA -> NZL is missing, so the pairs are drawn
    assert not found["us-japan-security-1960"].hub  # two states: a line, not a box


def _texts(svg_path) -> list[str]:
    root = ET.parse(svg_path).getroot()
    return ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")]


@pytest.fixture(scope="module")
def pictures(corpus, tmp_path_factory):
    """The network on 2025-06-01 drawn once as PNG and once as SVG (drawing takes a good part of a second)."""
    from casus.render.network import draw

    day = D(2025, 6, 1)
    folder = tmp_path_factory.mktemp("network")
    edges = network_on(corpus, day)
    return edges, draw(edges, folder / "n.png", day=day, duty="military-assistance"), \
        draw(edges, folder / "n.svg", day=day, duty="military-assistance")


@pytest.mark.slow  # renders a picture
def test_network_picture_png_and_svg(pictures):
    import matplotlib.image as mpimg
    import numpy as np

    _, png, svg = pictures
    image = mpimg.imread(png)
    assert image.shape[:2] == (1100, 1600)
    rgba = np.ascontiguousarray((image * 255).astype(np.uint8))  # one 32-bit number per pixel: fast to count
    assert len(np.unique(rgba.view(np.uint32))) > 10
    texts = _texts(svg)
    joined = "\n".join(texts)
    for code in ("SWE", "NOR", "USA", "BLR", "RUS", "PRK", "NZL"):
        assert code in texts, code
    assert "North Atlantic" in joined and "Collective Security" in joined
    assert "Lukashenko statement (Sep 2020)" in joined  # in the legend
    assert "2025-06-01" in joined


@pytest.mark.slow  # renders a picture
def test_network_picture_is_reproducible_and_handles_no_edges(pictures, tmp_path):
    from casus.render.network import draw

    edges, _, svg = pictures
    again = draw(list(edges), tmp_path / "b.svg", day=D(2025, 6, 1), duty="military-assistance")
    assert again.read_bytes() == svg.read_bytes()
    assert "no edge on this date" in "\n".join(_texts(draw([], tmp_path / "empty.svg")))


def test_edge_dict_has_the_documented_fields():
    e = Edge("NOR", "SWE", NATO, "treaty", "North Atlantic Treaty (1949)", "5", "art-5",
             "military-assistance", "must", True)
    assert list(e.to_dict()) == ["party", "beneficiary", "instrument", "instrument_kind", "instrument_title",
                                 "article", "provision", "duty", "modality", "discretionary", "decision",
                                 "one_way"]


# -- one-way commitments and decisions ------------------------------------------------------


def test_an_edge_says_whether_it_runs_one_way(corpus):
    edges = network_on(corpus, D(2025, 6, 1))
    anzus = {(e.party, e.beneficiary): e.one_way for e in edges if e.instrument == "anzus-1951"}
    assert anzus[("NZL", "USA")] is True  # USA -> NZL suspended since 1986
    assert anzus[("AUS", "USA")] is False and anzus[("USA", "AUS")] is False
    assert not any(e.one_way for e in edges if e.instrument in (NATO, CSTO))
    clinton = [e for e in edges if e.instrument == "statement-clinton-2010-09-senkaku"]
    assert clinton and all(e.one_way for e in clinton)
    before = {(e.party, e.beneficiary): e.one_way for e in network_on(corpus, D(1986, 8, 10))
              if e.instrument == "anzus-1951"}
    assert before[("NZL", "USA")] is False and before[("USA", "NZL")] is False


def test_an_edge_names_the_decision_help_needs(corpus):
    edges = network_on(corpus, D(2025, 6, 1))
    csto = [e for e in edges if e.instrument == CSTO]
    assert csto and all(e.discretionary is False and e.decision.startswith("the Collective Security Council")
                        for e in csto)
    assert all(e.decision is None for e in edges if e.instrument == NATO)
    G = to_networkx(edges, D(2025, 6, 1), "military-assistance")
    assert G.get_edge_data("KAZ", "BLR")[f"{CSTO}/art-4-collective-defence"]["decision"] == csto[0].decision
    assert "decision" not in G.get_edge_data("NOR", "SWE")[f"{NATO}/art-5"]  # only where there is one


def test_the_csv_keeps_its_columns():
    from casus.analysis.network import FIELDS
    from casus.service.documents import edges_csv

    e = Edge("KAZ", "BLR", CSTO, "treaty", "Collective Security Treaty (1992)", "4", "art-4-collective-defence",
             "military-assistance", "must", False, "the Council", False)
    assert edges_csv([e]).splitlines() == [",".join(FIELDS), "KAZ,BLR,csto-collective-security-treaty-1992,treaty,"
                                           "Collective Security Treaty (1992),4,art-4-collective-defence,"
                                           "military-assistance,must,false"]


def test_the_picture_legend_says_what_is_not_an_obligation(corpus):
    from casus.render.network import groups, legend_words

    found = {g.instrument: g for g in groups(network_on(corpus, D(2025, 6, 1)))}
    assert legend_words(found["anzus-1951"]) == "treaty; lines; arrow: one way"
    assert legend_words(found[NATO]) == "treaty; box: all members bound toward each other"
    assert legend_words(found[CSTO]).endswith("; needs a decision")
    assert legend_words(found["statement-clinton-2010-09-senkaku"]) == "statement: intention; arrows: one way"
    assert legend_words(found["shusha-declaration-2021"]).startswith("declaration: not a treaty")
