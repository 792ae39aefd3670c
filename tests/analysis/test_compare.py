"""casus compare: the matrix is derived from the encoded provisions and follows them when they change."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from casus.analysis.compare import Fixed, compare, partial, words
from casus.errors import InputError
from casus.loader.corpus import load_files
from casus.model.instrument import Condition, Corpus
from casus.model.vocabulary import EVENTS, WEAPONS

FIXTURE = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"

US = "union-state-security-guarantees-2024"
CSTO = "csto-collective-security-treaty-1992"
NATO = "north-atlantic-treaty-1949"
DPRK = "russia-dprk-partnership-2024"
JAPAN = "us-japan-security-1960"
RIO = "rio-treaty-1947"
ROK = "us-rok-mutual-defense-1953"
CHINA = "china-dprk-treaty-1961"


@pytest.fixture(scope="module")
def matrix(corpus):
    return compare(corpus, [US, CSTO, NATO, DPRK, JAPAN, RIO, ROK, CHINA])


def _item(cell, provision):
    found = [i for i in cell.items if i.get("provision") == provision]
    assert found, (provision, cell.items)
    return found[0]


# --------------------------------------------------------------------------- facts derived from the corpus


def test_nato_article_5_is_discretionary_and_the_union_state_guarantees_are_not(matrix):
    nato = matrix.cell("discretion", NATO)
    art5 = _item(nato, "art-5")
    assert (art5["code"], art5["discretionary"]) == ("as-it-deems-necessary", True)
    assert nato.lines == (("Art. 5 military-assistance: discretionary (as-it-deems-necessary), "
                          "“such action as it deems necessary, including the use of armed force”"),)
    union = matrix.cell("discretion", US)
    assert _item(union, "art-4-1-armed-attack")["discretionary"] is False
    assert _item(union, "art-4-2-aggression-or-threat")["code"] == "immediate-on-request"
    assert _item(union, "art-6-nuclear")["discretionary"] is True
    assert "art-5-basing" not in union.provisions  # basing is not an assistance-type duty


def test_union_state_covers_economic_coercion_under_article_3(matrix):
    cell = matrix.cell("trigger:economic-coercion", US)
    assert cell.provisions == ("art-3-sanctions",)
    assert cell.articles == ("Art. 3 (number unconfirmed)",)
    assert cell.lines == ("Art. 3 (number unconfirmed) countermeasures",)
    assert matrix.cell("trigger:economic-coercion", CSTO).empty
    assert matrix.cell("trigger:economic-coercion", CSTO).text == "— (not covered)"
    nato = matrix.cell("trigger:economic-coercion", NATO)
    assert nato.lines == ("Art. 4 consultation (if security-threatened)",)
    assert _item(nato, "art-4")["definite"] is False


def test_union_state_procedure_under_article_4_2(matrix):
    cell = matrix.cell("procedure", US)
    art42 = _item(cell, "art-4-2-aggression-or-threat")
    assert [s["cite"] for s in art42["steps"]] == ["4(2)(b)", "4(2)(b)"]
    assert art42["steps"][0]["step"] == "an official request from the Party attacked or threatened"
    assert "Art. 4(2)(b)" in cell.articles and "Art. 4(2)" in cell.articles
    assert cell.lines[0].startswith("Art. 4(2) military-assistance: an official request")
    assert matrix.cell("procedure", NATO).empty


def test_us_japan_scope_is_japanese_administered_territory(matrix):
    cell = matrix.cell("scope", JAPAN)
    scope = next(i for i in cell.items if i.get("scope") == "japan-administered" and "territory" in i)
    assert (scope["article"], scope["territory"], scope["forces"]) == ("V", "administered by JPN",
                                                                        "administered by JPN")
    assert scope["used_by"] == ["art-5-armed-attack"]
    assert cell.lines[0].startswith("japan-administered, Art. V (used by Art. V): ")
    assert cell.lines[-1] == "no territorial limit encoded: Art. VI basing"
    assert "Art. V" in cell.articles


def test_scopes_used_under_not_are_reported_as_outside(matrix):
    rio = matrix.cell("scope", RIO)
    assert "Art. 6 for places outside it" in rio.lines[0]
    assert "Art. 6 consultation (if outside art-3-area)" in matrix.cell("trigger:armed-attack", RIO).lines
    dprk = matrix.cell("scope", DPRK)
    # Art. 4 names no place but asks whether the place is the side's territory (party-territory)
    assert dprk.lines[0].startswith("party-territory, Art. 4 (used by Art. 4): ")
    assert dprk.lines[-1] == "no territorial limit encoded: Art. 3 consultation, Art. 16 (number unconfirmed) countermeasures"


def test_russia_dprk_has_no_wmd_specific_clause_and_the_union_state_has_one(matrix):
    dprk = matrix.cell("trigger:wmd", DPRK)
    assert dprk.lines[0] == "names WMD: none"
    assert not any(i["names_wmd"] for i in dprk.items)
    assert _item(dprk, "art-4-military-assistance")["qualifier"] == "by a state and state-of-war"
    assert matrix.cell("nuclear", DPRK).empty
    union = matrix.cell("trigger:wmd", US)
    assert union.lines[0] == "names WMD: Art. 6 nuclear-response (may)"
    art6 = _item(union, "art-6-nuclear")
    assert art6["names_wmd"] is True and art6["definite"] is True
    assert art6["weapons"] == ["nuclear", "chemical", "biological"]
    assert _item(union, "art-4-1-armed-attack")["names_wmd"] is False
    nuclear = matrix.cell("nuclear", US)
    assert nuclear.provisions == ("art-6-nuclear",)
    assert nuclear.lines == (("Art. 6 nuclear-response (may, bound RUS): when armed-attack and "
                             "(weapon nuclear/chemical/biological or (weapon conventional and critical-threat))"),)


def test_trigger_rows_keep_what_the_condition_still_depends_on(matrix):
    nato = matrix.cell("trigger:terrorist-attack", NATO)
    assert nato.lines == ("Art. 4 consultation (if amounts-to-armed-attack or security-threatened)",
                          "Art. 5 military-assistance (if amounts-to-armed-attack)")
    armed = matrix.cell("trigger:armed-attack", US)
    assert armed.provisions == ("art-2-encroachment", "art-4-1-armed-attack", "art-4-2-aggression-or-threat",
                                "art-5-basing", "art-6-nuclear")
    assert "Art. 5 basing (may, if target BLR)" in armed.lines
    assert matrix.cell("trigger:subversion", DPRK).empty
    assert matrix.cell("trigger:threat-of-attack", US).provisions == (
        "art-2-encroachment", "art-4-2-aggression-or-threat", "art-5-basing")


def test_non_aggression_pledges_are_means_but_not_responses(matrix):
    assert "art-1-non-aggression" not in matrix.cell("trigger:armed-attack", CSTO).provisions
    assert "non-aggression: Art. 1" in matrix.cell("means", CSTO).lines


def test_non_state_aggressors(matrix):
    csto = matrix.cell("non-state", CSTO)
    art4 = _item(csto, "art-4-collective-defence")
    assert art4["named"] == {"armed-attack": "from 2012-12-19 and non-state-attack-is-aggression",
                             "terrorist-attack": "from 2012-12-19 and non-state-attack-is-aggression"}
    dprk = matrix.cell("non-state", DPRK)
    assert dprk.lines[-1] == "state aggressors only: Art. 4 military-assistance"
    assert _item(dprk, "art-4-military-assistance")["state_aggressors_only"] is True
    china = matrix.cell("non-state", CHINA)
    assert china.lines == ("state aggressors only: Art. II assistance; Art. II military-assistance",)
    union = matrix.cell("non-state", US)
    assert union.lines[0] == "named: Art. 2(2) military-assistance (terrorist-attack)"


def test_basing_says_who_is_bound_for_whom(matrix):
    assert matrix.cell("basing", ROK).lines == (
        ("Art. IV (may, permission): bound USA, for KOR: Stationing of US forces in and around the Republic of "
        "Korea"),)
    assert matrix.cell("basing", US).provisions == ("art-5-basing",)
    assert matrix.cell("basing", NATO).empty


def test_term_and_withdrawal_events(matrix):
    rio = matrix.cell("term", RIO)
    assert rio.lines[0] == "signed 1947-09-02; in force from 1948-12-03"
    assert rio.lines[1].startswith("term: Art. 25: the Treaty remains in force indefinitely.")
    assert "2002-09-06: MEX withdrawal notified" in rio.lines
    assert "2004-09-06: MEX withdrew" in rio.lines
    csto = matrix.cell("term", CSTO)
    assert "2006-06-23: UZB rejoined (acceded)" in csto.lines
    assert "2024-02-22: ARM participation frozen" in csto.lines
    dates = [line[:10] for line in csto.lines if line[:4].isdigit()]
    assert dates == sorted(dates)
    assert matrix.cell("term", NATO).lines[-1] == "no withdrawal, notice, suspension or freeze recorded"


def test_every_cell_carries_its_citations(matrix, corpus):
    for row in matrix.dimensions:
        for instrument_id, cell in zip(matrix.ids, row.cells):
            inst = corpus.get(instrument_id)
            assert cell.lines and all(line.strip() for line in cell.lines)
            assert set(cell.provisions) <= {p.id for p in inst.provisions}
            if not cell.empty and row.key != "term":
                assert cell.articles, (row.key, instrument_id)
                assert cell.provisions, (row.key, instrument_id)
            if cell.empty:
                assert cell.lines[0].startswith("—") and not cell.provisions


def test_to_dict_gives_structured_data_per_cell(matrix):
    doc = matrix.to_dict()
    assert doc["format"] == "casus.compare/1"
    assert [i["id"] for i in doc["instruments"]] == list(matrix.ids)
    keys = [r["key"] for r in doc["rows"]]
    assert keys[:len(EVENTS)] == [f"trigger:{e}" for e in EVENTS]
    assert {"trigger:wmd", "discretion", "means", "scope", "procedure", "non-state", "basing", "nuclear",
            "term"} <= set(keys)
    cell = next(r for r in doc["rows"] if r["key"] == "trigger:armed-attack")["cells"][DPRK]
    assert cell["provisions"] == ["art-4-military-assistance"]
    assert cell["articles"] == ["Art. 4"]
    assert cell["items"][0]["residual"] == {"op": "all", "children": [
        {"op": "by", "arg": "state"}, {"op": "fact", "arg": {"state-of-war": True}},
        {"op": "scope", "arg": "party-territory"}]}
    assert matrix.rows()[0] == ["armed attack"] + [c.text for c in matrix.row("trigger:armed-attack").cells]
    assert matrix.header() == ["dimension"] + [f"{i} (treaty)" for i in matrix.ids]


def test_statements_and_doctrines_are_compared_with_their_kind(corpus):
    m = compare(corpus, ["statement-mezentsev-2025-03-single-threat", "union-state-military-doctrine-2021", US])
    assert [c.kind for c in m.columns] == ["statement", "doctrine", "treaty"]
    assert m.header()[1:3] == ["statement-mezentsev-2025-03-single-threat (statement)",
                               "union-state-military-doctrine-2021 (doctrine)"]
    cell = m.cell("trigger:economic-coercion", "statement-mezentsev-2025-03-single-threat")
    assert cell.lines == ("statement countermeasures (intends)",)
    assert m.cell("term", "statement-mezentsev-2025-03-single-threat").lines[0] == "made 2025-03-06"


@pytest.mark.parametrize("ids,message", [
    ([NATO, "union-state-security-guarantee"], "did you mean 'union-state-security-guarantees-2024'?"),
    ([NATO, NATO], "given twice"),
    ([NATO], "at least two"),
    ([], "at least two"),
])
def test_bad_ids_raise_input_error(corpus, ids, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        compare(corpus, ids)


# --------------------------------------------------------------------------- the static reading


def _truth(cond: Condition, fixed: Fixed, values: dict[int, bool]) -> bool:
    """Two-valued evaluation: fixed leaves from ``fixed``, every other leaf from ``values``."""
    if cond.op == "all":
        return all(_truth(c, fixed, values) for c in cond.children)
    if cond.op == "any":
        return any(_truth(c, fixed, values) for c in cond.children)
    if cond.op == "not":
        return not _truth(cond.children[0], fixed, values)
    if cond.op == "event":
        return fixed.event in cond.arg
    if cond.op == "weapon" and fixed.weapon:
        return fixed.weapon in cond.arg
    if cond.op == "by" and fixed.by:
        return cond.arg == fixed.by
    return values[id(cond)]


def _free_leaves(cond: Condition, fixed: Fixed) -> list[Condition]:
    if cond.op in ("all", "any", "not"):
        return [leaf for c in cond.children for leaf in _free_leaves(c, fixed)]
    decided = cond.op == "event" or (cond.op == "weapon" and fixed.weapon) or (cond.op == "by" and fixed.by)
    return [] if decided else [cond]


def test_the_residual_agrees_with_the_whole_condition_under_every_assignment(corpus, fixture_corpus):
    """partial() is sound: a definite value holds whatever the unknown leaves are, and the residual
    condition is equivalent to the whole one once the fixed leaves are fixed."""
    checked = 0
    for inst in corpus.instruments + fixture_corpus.instruments:
        for p in inst.provisions:
            for event, weapon, by in itertools.product(EVENTS, (None, *WEAPONS), (None, "state", "non-state")):
                fixed = Fixed(event, weapon, by)
                value, residual = partial(p.when, fixed)
                leaves = _free_leaves(p.when, fixed)
                for bits in itertools.product((False, True), repeat=len(leaves)):
                    values = {id(leaf): bit for leaf, bit in zip(leaves, bits)}
                    whole = _truth(p.when, fixed, values)
                    if value is not None:
                        assert whole is value, (inst.id, p.id, fixed)
                        assert residual is None
                    else:
                        assert _truth(residual, fixed, values) is whole, (inst.id, p.id, fixed, words(residual))
                    checked += 1
    assert checked > 1000


# --------------------------------------------------------------------------- the matrix follows the files


def _load(folder: Path, **files: str) -> Corpus:
    folder.mkdir(exist_ok=True)
    paths = []
    for name, text in files.items():
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    instruments, problems = load_files(paths)
    assert not problems, [str(p) for p in problems]
    return Corpus.of(instruments)


def _changed(before, after) -> set[tuple[str, str]]:
    assert [r.key for r in before.dimensions] == [r.key for r in after.dimensions]
    return {(row.key, instrument_id)
            for row, other in zip(before.dimensions, after.dimensions)
            for instrument_id, a, b in zip(before.ids, row.cells, other.cells)
            if a.to_dict() != b.to_dict()}


def _edit(tmp_path: Path, pact, old: str, new: str, count: int = -1):
    """The comparison of the fixture pact before and after replacing ``old`` with ``new`` in it."""
    text, other = pact
    assert old in text
    edited = text.replace(old, new, count)
    before = compare(_load(tmp_path / "a", pact=text, other=other), ["test-pact", "other-pact"])
    after = compare(_load(tmp_path / "b", pact=edited, other=other), ["test-pact", "other-pact"])
    return before, after


@pytest.fixture()
def pact():
    text = FIXTURE.read_text(encoding="utf-8")
    other = text.replace("id: test-pact\n", "id: other-pact\n", 1)
    assert other != text
    return text, other


def test_the_fixture_pact_is_read_as_encoded(tmp_path, pact):
    text, other = pact
    m = compare(_load(tmp_path, pact=text, other=other), ["test-pact", "other-pact"])
    assert m.cell("trigger:armed-attack", "test-pact").lines == (
        "Art. 3 military-assistance (if by a state and state-of-war)", "Art. 4 consultation")
    assert m.cell("trigger:terrorist-attack", "test-pact").empty
    assert m.cell("scope", "test-pact").items[0]["territory"] == "europe"
    assert "offensive-support: Art. 5" in m.cell("means", "test-pact").lines
    assert "2010-07-01: LTU withdrew" in m.cell("term", "test-pact").lines
    assert "2015-01-01: LTU rejoined (acceded)" in m.cell("term", "test-pact").lines


def test_adding_an_event_changes_only_the_cells_it_concerns(tmp_path, pact):
    before, after = _edit(tmp_path, pact, "when: {event: [threat-of-attack, armed-attack]}",
                          "when: {event: [threat-of-attack, armed-attack, terrorist-attack]}")
    assert _changed(before, after) == {("trigger:terrorist-attack", "test-pact"), ("non-state", "test-pact")}
    assert after.cell("trigger:terrorist-attack", "test-pact").lines == ("Art. 4 consultation",)
    assert after.cell("non-state", "test-pact").lines[0] == "named: Art. 4 consultation (terrorist-attack)"


def test_changing_the_discretion_changes_only_the_discretion_cell(tmp_path, pact):
    before, after = _edit(tmp_path, pact, 'discretion: {code: all-means, wording: "all means"}',
                          'discretion: {code: as-it-deems-necessary, wording: "as it deems necessary"}')
    assert _changed(before, after) == {("discretion", "test-pact")}
    assert before.cell("discretion", "test-pact").lines[0] == \
        "Art. 3 military-assistance: not discretionary (all-means), “all means”"
    assert after.cell("discretion", "test-pact").lines[0] == \
        "Art. 3 military-assistance: discretionary (as-it-deems-necessary), “as it deems necessary”"


def test_adding_a_wmd_weapon_test_moves_the_provision_to_names_wmd(tmp_path, pact):
    old = "        - fact: state-of-war\n"
    before, after = _edit(tmp_path, pact, old, old + "        - weapon: [nuclear]\n", 1)
    assert _changed(before, after) == {("trigger:wmd", "test-pact"), ("nuclear", "test-pact"),
                                       ("trigger:armed-attack", "test-pact")}
    assert before.cell("trigger:wmd", "test-pact").lines[0] == "names WMD: none"
    assert after.cell("trigger:wmd", "test-pact").lines[0] == \
        "names WMD: Art. 3 military-assistance (nuclear only, if by a state and state-of-war)"


READINGS = """    readings:
      - name: as-written
        default: true
        held_by: the test suite
        text: The parties consult on threats and attacks, nothing else.
        default_because: It is the wording as written.
        sources: [a]
      - name: broad
        held_by: a made-up commentator; cited nowhere
        text: The parties also consult on sanctions imposed on any of them.
        sources: [b]
        when: {event: [threat-of-attack, armed-attack, economic-coercion]}
"""


def test_readings_are_listed_with_the_rows_they_would_change_and_can_be_applied(tmp_path, pact):
    text, other = pact
    old = "    when: {event: [threat-of-attack, armed-attack]}\n"
    assert old in text
    contested = _load(tmp_path, pact=text.replace(old, old + READINGS), other=other)
    plain = compare(contested, ["test-pact", "other-pact"])
    assert plain.reading is None
    assert plain.cell("readings", "test-pact").lines == (
        "Art. 4 consultation: as-written (default), broad",
        "  broad (held by: a made-up commentator): would change economic coercion")
    assert plain.cell("readings", "other-pact").empty
    assert plain.cell("trigger:economic-coercion", "test-pact").empty
    broad = compare(contested, ["test-pact", "other-pact"], reading="broad")
    assert broad.to_dict()["reading"] == "broad"
    assert broad.cell("trigger:economic-coercion", "test-pact").lines == ("Art. 4 consultation",)
    assert broad.cell("readings", "test-pact").lines[0] == \
        "Art. 4 consultation: as-written (default), broad (used here)"
    assert _changed(plain, broad) == {("trigger:economic-coercion", "test-pact"), ("readings", "test-pact"),
                                      ("non-state", "test-pact")}
    # the non-state cell changes in its data (the events art-4 covers), not in its text
    assert plain.cell("non-state", "test-pact").lines == broad.cell("non-state", "test-pact").lines
    assert _item(broad.cell("non-state", "test-pact"), "art-4")["no_actor_condition"] == [
        "armed-attack", "threat-of-attack", "economic-coercion"]
    with pytest.raises(InputError, match="did you mean 'broad'"):
        compare(contested, ["test-pact", "other-pact"], reading="braod")
