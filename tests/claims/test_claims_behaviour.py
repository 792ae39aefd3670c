"""Verdicts are computed from the provisions; bad claim files are reported; the CLI and API in process."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from casus.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
BAD = FIXTURES / "claims-bad"
BAD_CASES = sorted(BAD.glob("*.yaml"))

CLAIM = """\
casus_claim: 1
id: test-claim
speaker: {name: A Speaker, role: Minister of a made-up state}
side: POL
date: 2016-01-01
published: {title: A made-up page, url: https://example.org/claim}
quote: "we will help at once"
paraphrase: A made-up claim that Lithuania must help Poland when Poland asks, for the test suite.
scenarios:
  - {name: war, event: armed-attack, target: POL, by: [RUS], facts: {state-of-war: yes}}
  - {name: unknown, event: armed-attack, target: POL, by: [RUS]}
assertions:
  - party: LTU
    toward: POL
    duty: military-assistance
    modality: must
    qualifiers: [on-request, all-means]
    text: Lithuania must help Poland with all means, once Poland asks.
"""


def _fixture(tmp_path, pact_edit=None, claim_edit=None):
    folder = tmp_path / "corpus"
    (folder / "claims").mkdir(parents=True)
    pact = (FIXTURES / "corpus" / "test-pact.yaml").read_text(encoding="utf-8")
    if pact_edit:
        assert pact_edit[0] in pact
        pact = pact.replace(*pact_edit)
    (folder / "test-pact.yaml").write_text(pact, encoding="utf-8")
    text = claim_edit(CLAIM) if claim_edit else CLAIM
    (folder / "claims" / "test-claim.yaml").write_text(text, encoding="utf-8")
    return folder


def _verdicts(folder):
    from casus.loader.corpus import load_corpus
    from casus.service import claims as service

    corpus = load_corpus([str(folder)], builtin=False)
    result = service.claim(corpus, "test-claim", [folder])
    return {v.scenario_name: v for v in result.verdicts}


def test_claim_files_are_not_loaded_as_treaties(tmp_path):
    from casus.loader.corpus import files_in

    folder = _fixture(tmp_path)
    assert [p.name for p in files_in(folder)] == ["test-pact.yaml"]


def test_the_verdict_follows_the_provision(tmp_path):
    v = _verdicts(_fixture(tmp_path, claim_edit=lambda t: t.replace("date: 2016-01-01", "date: 2016-01-02")))
    assert v["war"].verdict == "gives"  # all means, a request the claim states
    assert {q.qualifier: q.verdict for q in v["war"].qualifiers} == {"on-request": "gives", "all-means": "gives"}
    assert v["unknown"].verdict == "depends"
    assert {dict(b.facts)["state-of-war"]: b.verdict for b in v["unknown"].facts} == {True: "gives", False: "gives-less"}
    # the same claim, once the provision leaves the response to the party's judgement
    edited = _verdicts(_fixture(tmp_path / "b", pact_edit=('discretion: {code: all-means, wording: "all means"}',
                                                            'discretion: {code: as-it-deems-necessary, wording: "as it deems necessary"}')))
    assert edited["war"].verdict == "gives-less"
    assert {q.qualifier: q.verdict for q in edited["war"].qualifiers}["all-means"] == "gives-less"


def test_an_unstated_procedure_gives_less(tmp_path):
    v = _verdicts(_fixture(tmp_path, claim_edit=lambda t: t.replace("[on-request, all-means]", "[without-request]")))
    assert v["war"].verdict == "gives-less"
    assert v["war"].qualifiers[0].verdict == "gives-less"
    assert "a request of the party attacked" in v["war"].texts[0]


def test_a_permission_claimed_where_the_text_obliges_gives_more(tmp_path):
    v = _verdicts(_fixture(tmp_path, claim_edit=lambda t: t.replace("modality: must", "modality: may")))
    assert v["war"].verdict == "gives-more"


_DECIDED = ('    procedure:\n      - {step: "a request of the party attacked", cite: "3(2)"}\n',
            '    procedure:\n      - {step: "a request of the party attacked", cite: "3(2)"}\n'
            '    decision: {by: the council of the parties, basis: text, cite: "3(3)", sources: [a]}\n')


def test_a_decision_that_can_withhold_help_gives_less_than_a_duty_and_what_a_permission_says(tmp_path):
    may = _verdicts(_fixture(tmp_path / "may", pact_edit=_DECIDED,
                             claim_edit=lambda t: t.replace("modality: must", "modality: may")))
    assert may["war"].verdict == "gives"
    assert "can withhold it" in may["war"].texts[0] and "as with a permission" in may["war"].texts[0]
    must = _verdicts(_fixture(tmp_path / "must", pact_edit=_DECIDED))
    assert must["war"].verdict == "gives-less"
    assert "the claim does not state that" in must["war"].texts[0]


def _no_duty(text: str) -> str:
    """The test claim turned into one that Lithuania is not obliged to help (no qualifiers)."""
    return text.replace("modality: must", "modality: need-not").replace("    qualifiers: [on-request, all-means]\n", "")


def test_a_claim_of_no_duty_against_an_obligation_the_party_cannot_withhold_gives_more(tmp_path):
    v = _verdicts(_fixture(tmp_path, claim_edit=_no_duty))
    # Art. 3 binds (all means, once asked); the narrower Art. 4 consultation agrees with the claim, but
    # one provision that obliges outweighs it
    assert v["war"].verdict == "gives-more"
    assert [f.provision.id for f in v["war"].findings] == ["art-3"]
    assert "where the claim says it is not obliged" in v["war"].texts[0]


def test_for_a_claim_of_no_duty_one_provision_that_obliges_outweighs_one_that_leaves_it_open(tmp_path):
    folder = _fixture(tmp_path, claim_edit=_no_duty)
    pact = (folder / "test-pact.yaml").read_text(encoding="utf-8")
    (folder / "other-pact.yaml").write_text(
        pact.replace("id: test-pact\n", "id: other-pact\n", 1)
            .replace('discretion: {code: all-means, wording: "all means"}',
                     'discretion: {code: as-it-deems-necessary, wording: "as it deems necessary"}'), encoding="utf-8")
    v = _verdicts(folder)
    assert v["war"].verdict == "gives-more"
    assert {f.instrument.id for f in v["war"].findings} == {"test-pact"}


@pytest.mark.parametrize("pact_edit, wording", [
    (('discretion: {code: all-means, wording: "all means"}',
      'discretion: {code: as-it-deems-necessary, wording: "as it deems necessary"}'), "leaves LTU's response"),
    (_DECIDED, "can withhold it"),
    (("    duty: military-assistance\n", "    duty: assistance\n"), "narrower than the military-assistance"),
])
def test_a_claim_of_no_duty_agrees_with_a_discretion_a_decision_or_a_narrower_duty(tmp_path, pact_edit, wording):
    v = _verdicts(_fixture(tmp_path, pact_edit=pact_edit, claim_edit=_no_duty))
    assert v["war"].verdict == "gives"
    assert wording in " ".join(v["war"].texts)
    assert v["unknown"].verdict in ("depends", "gives")


def test_a_claim_of_no_duty_takes_no_qualifiers(tmp_path):
    from casus.loader.claims import load_claims

    folder = _fixture(tmp_path, claim_edit=lambda t: t.replace("modality: must", "modality: need-not"))
    claims, problems = load_claims([folder / "claims" / "test-claim.yaml"])
    assert claims == [] and [p.key for p in problems] == ["assertions[0].qualifiers"]
    assert "none is owed" in problems[0].message


@pytest.mark.parametrize("day, verdict", [("2010-06-30", "gives"), ("2010-07-01", "not-in-force"),
                                          ("2010-07-02", "not-in-force"), ("2014-12-31", "not-in-force"),
                                          ("2015-01-01", "gives")])
def test_withdrawal_and_accession_day_before_of_and_after(tmp_path, day, verdict):
    # Lithuania withdrew from the test pact on 2010-07-01 and acceded again on 2015-01-01
    v = _verdicts(_fixture(tmp_path, claim_edit=lambda t: t.replace("date: 2016-01-01", f"date: {day}")))
    assert v["war"].verdict == verdict


def test_a_place_outside_the_scope_is_excluded(tmp_path):
    # the test pact covers its parties' territory in Europe; Poland has none outside it, so an
    # attack on Polish forces at sea outside the Mediterranean falls outside the scope
    v = _verdicts(_fixture(tmp_path, claim_edit=lambda t: t.replace(
        "{name: war, event: armed-attack, target: POL, by: [RUS], facts: {state-of-war: yes}}",
        "{name: war, event: armed-attack, target: POL, by: [RUS], at: US-HI, facts: {state-of-war: yes}}")))
    assert v["war"].verdict == "excludes"


def test_an_unencoded_instrument_is_silent_and_said(tmp_path):
    v = _verdicts(_fixture(tmp_path, claim_edit=lambda t: t.replace(
        "    modality: must\n", "    modality: must\n    under: [a-pact-not-encoded]\n")))
    assert v["war"].verdict == "silent"
    assert "a-pact-not-encoded" in v["war"].notes[0]


@pytest.mark.parametrize("path", BAD_CASES, ids=[p.stem for p in BAD_CASES])
def test_bad_claim_file_gives_the_expected_problems(path):
    from casus.loader.claims import load_claims

    claims, problems = load_claims([path])
    assert claims == []
    got = [str(p).replace(problems[0].file, "{file}") for p in problems]
    assert got == path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    for p in problems:
        assert p.line >= 1 and p.key and p.hint


def test_a_scenario_the_corpus_cannot_take_is_reported_with_its_line(tmp_path):
    from casus.errors import CorpusError

    folder = _fixture(tmp_path, claim_edit=lambda t: t.replace("{state-of-war: yes}", "{state-of-peace: yes}"))
    with pytest.raises(CorpusError) as info:
        _verdicts(folder)
    problem = info.value.problems[0]
    assert problem.line == 10 and problem.key == "scenarios[0].facts" and "state-of-war" in problem.hint


# --------------------------------------------------------------------------- neutrality

JUDGEMENT = re.compile(r"\b(false|falsely|lie|lies|lying|liar|misleading|mislead|propaganda|wrong|untrue|"
                       r"incorrect|inaccurate|disinformation|misinformation|fake|debunk\w*|myth|distort\w*|"
                       r"baseless|bogus|claims? (?:is|are) (?:right|correct)|true)\b", re.I)


def test_no_verdict_sentence_judges_a_claim_or_a_person(corpus):
    from casus.analysis.claims import TEXTS
    from casus.model.vocabulary import CLAIM_MODALITIES, QUALIFIERS, VERDICTS
    from casus.service import claims as service

    texts = list(TEXTS.values()) + list(VERDICTS.values()) + list(QUALIFIERS.values()) + list(CLAIM_MODALITIES.values())
    for cv in service.claims(corpus).claims:
        for v in cv.verdicts:
            texts += v.all_texts()
    assert len(texts) > 150
    bad = [t for t in texts if JUDGEMENT.search(t)]
    assert not bad, bad[:3]


def test_the_neutrality_scan_catches_judgement():
    assert JUDGEMENT.search("The claim is false.") and JUDGEMENT.search("a misleading statement")


# --------------------------------------------------------------------------- API and CLI in process


def test_python_api(corpus):
    import casus

    doc = casus.claim(corpus, "putin-2024-12-all-forces-and-means").to_dict()
    assert doc["format"] == "casus.claim/1"
    assert [v["verdict"] for v in doc["verdicts"]] == ["not-in-force", "gives"]
    assert doc["verdicts"][1]["findings"][0]["trace"], "each deciding finding carries its trace"
    listed = casus.claims(corpus, about="KAZ").to_dict()["claims"]
    assert listed and all("KAZ" in json.dumps(c["verdicts"]) or "csto" in json.dumps(c) for c in listed)
    # a reading decides: the default reading of Union State Art. 2(2) does not reach domestic unrest,
    # the reading held by Belarusian opposition analysts does
    checked = casus.verify(corpus, "internal-unrest", target="BLR", on="2025-06-01", party="RUS", toward="BLR",
                           duty="military-assistance", modality="must")
    v = checked.verdicts[0]
    by_reading = {r.reading: r.verdict for r in v.readings}
    assert v.verdict == "depends" and by_reading["reaches-internal-unrest"] == "gives-less"  # agreed means
    assert by_reading["as-summarised"] != by_reading["reaches-internal-unrest"]


def test_api_errors_name_the_field(corpus):
    import casus

    with pytest.raises(casus.NotFound) as info:
        casus.claim(corpus, "lukashenko-2020-09-army-will-go-to-wat")
    assert info.value.field == "id" and "lukashenko-2020-09-army-will-go-to-war" in info.value.hint
    with pytest.raises(casus.InputError) as info:
        casus.verify(corpus, "armed-attack", target="BLR", party="RUS", toward="RUS", duty="help")
    assert info.value.field == "toward"
    with pytest.raises(casus.InputError) as info:
        casus.verify(corpus, "armed-attack", target="BLR", party="RUS", toward="POL", duty="help")
    assert info.value.field == "duty"
    with pytest.raises(casus.InputError) as info:
        casus.verify(corpus, "armed-attack", target="BLR", party="RUS", toward="POL", duty="assistance",
                     qualifiers=["promptly"])
    assert info.value.field == "qualifiers"
    with pytest.raises(casus.InputError) as info:  # not a list at all
        casus.verify(corpus, "armed-attack", target="BLR", party="RUS", toward="POL", duty="assistance",
                     qualifiers=5)
    assert info.value.field == "qualifiers" and "['immediately']" in info.value.hint


@pytest.fixture()
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def test_cli_claims_lists_and_filters(run):
    result = run("claims", "--about", "russia-dprk-partnership-2024")
    assert result.exit_code == 0
    assert "wpk-cmc-2025-04-conditions-met" in result.output and "sanchez" not in result.output
    # an instrument's alias names it as its id does
    by_alias = run("claims", "--about", "nato", "--json")
    by_id = run("claims", "--about", "north-atlantic-treaty-1949", "--json")
    assert by_alias.exit_code == 0 and json.loads(by_alias.output)["claims"]
    assert by_alias.output == by_id.output
    result = run("claims", "--by", "Stoltenberg", "--json")
    doc = json.loads(result.output)
    assert {c["id"] for c in doc["claims"]} == {"stoltenberg-2022-10-hybrid-article-5",
                                                "stoltenberg-2022-06-political-decision"}


def test_cli_claim_why_marks_a_step_that_was_not_needed_as_ask_does(run):
    """A step the other conditions settle is neither held nor failed: '–', the mark of ``casus ask --why``."""
    doc = json.loads(run("claim", "andersson-marin-2022-03-all-available-means", "--json").output)
    moot = [s for v in doc["verdicts"] for f in v["findings"] for s in f["trace"] if s.get("moot")]
    assert moot
    marks = [line.strip().split("]")[0] + "]" for line in
             run("claim", "andersson-marin-2022-03-all-available-means", "--why").output.splitlines()
             if line.strip().startswith("[")]
    assert marks.count("[–]") == len(moot)
    assert len(marks) == sum(len(f["trace"]) for v in doc["verdicts"] for f in v["findings"])


def test_cli_claim_text_why_and_json(run):
    result = run("claim", "charter97-2025-03-force-before-attack", "--why")
    assert result.exit_code == 0, result.output
    assert "verdict: depends" in result.output and "Under the reading 'defensive'" in result.output
    assert "[held] the treaty is in force" in result.output
    doc = json.loads(run("claim", "charter97-2025-03-force-before-attack", "--json").output)
    assert doc["format"] == "casus.claim/1" and doc["verdicts"][0]["readings"]


def test_cli_verify(run):
    result = run("verify", "armed-attack", "--target", "USA", "--at", "GU", "--on", "2024-04-10",
                 "--party", "FRA", "--toward", "USA", "--duty", "military-assistance", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["verdicts"][0]["verdict"] == "excludes"


def test_cli_verify_heads_the_assertion_in_words(run):
    result = run("verify", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01", "--party", "RUS",
                 "--toward", "BLR", "--duty", "military-assistance", "--qualifier", "immediately")
    assert result.exit_code == 0, result.output
    assert "RUS must give BLR military assistance (immediately) (scenario asked)" in result.output
    # a decision that can be withheld, cited through the one formatter (no "Art. grouping clause")
    assert "Art. 4 gives help only after a decision that can be withheld" in " ".join(result.output.split())
    assert "Art. grouping clause" not in result.output and "Art. joint" not in result.output


def test_cli_errors_name_the_flag(run):
    result = run("claim", "no-such-claim")
    assert result.exit_code == 2 and "no claim 'no-such-claim'" in result.output
    result = run("verify", "armed-attack", "--target", "BLR", "--party", "RUS", "--toward", "RUS",
                 "--duty", "military-assistance")
    assert result.exit_code == 2 and "--toward" in result.output
    result = run("verify", "armed-attack", "--target", "BLR", "--party", "RUS", "--toward", "POL",
                 "--duty", "military-assistence")
    assert result.exit_code == 2 and "--duty" in result.output and "military-assistance" in result.output
    result = run("claims", "--about", "atlantis", "--json")
    assert result.exit_code == 2 and json.loads(result.output)["error"]["field"] == "about"


def test_cli_reads_the_claims_of_a_users_corpus_folder(run, tmp_path):
    folder = _fixture(tmp_path)
    result = run("claim", "test-claim", "--corpus", str(folder), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    war = [v for v in doc["verdicts"] if v["scenario"] == "war"][0]
    assert war["verdict"] == "gives" and "test-pact" in {f["instrument"] for f in war["findings"]}
    listed = run("claims", "--corpus", str(folder), "--by", "A Speaker")
    assert "test-claim" in listed.output


def test_claims_are_read_from_the_compiled_cache_until_a_file_changes(tmp_path, monkeypatch):
    """A second load parses nothing; an edit (same size) is parsed again."""
    from casus.loader import claims as loader

    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CASUS_NO_CACHE", raising=False)
    source = Path(__file__).parents[2] / "corpus" / "claims" / "galuzin-2022-12-grouping-threat.yaml"
    folder = tmp_path / "claims"
    folder.mkdir()
    target = folder / source.name
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    parsed = []
    real = loader.parse
    monkeypatch.setattr(loader, "parse", lambda *a, **k: parsed.append(1) or real(*a, **k))
    first = loader.load_or_raise([target])
    assert parsed == [1]
    assert loader.load_or_raise([target]) == first and parsed == [1]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("2022-12-24", "2022-12-25", 1), encoding="utf-8")
    loader.load_or_raise([target])
    assert parsed == [1, 1]
