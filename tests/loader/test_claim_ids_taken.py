"""A user's claim file that reuses a built-in claim id: one problem, naming both files, from check, claim and claims."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from casus.cli import main
from casus.loader.corpus import builtin_dir

FIXTURE = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"
CLAIM = "tusk-2025-09-article-4"


@pytest.fixture()
def mine(tmp_path, monkeypatch):
    """A corpus folder ``mine`` whose claims/ holds an edited copy of a built-in claim, under the same id."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASUS_CORPUS", raising=False)
    folder = tmp_path / "mine"
    (folder / "claims").mkdir(parents=True)
    (folder / "pact.yaml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    text = (builtin_dir() / "claims" / f"{CLAIM}.yaml").read_text(encoding="utf-8")
    edited = text.replace("paraphrase: ", "paraphrase: My own words. ", 1)
    assert edited != text
    (folder / "claims" / f"{CLAIM}.yaml").write_text(edited, encoding="utf-8")
    line = edited.splitlines().index(f"id: {CLAIM}") + 1
    return (f"mine/claims/{CLAIM}.yaml:{line}: id: claim id '{CLAIM}' is already used by "
            f"corpus/claims/{CLAIM}.yaml (hint: give each claim its own id)")


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_check_reports_the_taken_claim_id(mine):
    result = invoke("check", "mine")
    assert result.exit_code == 1
    assert result.output.splitlines() == [mine, "1 problem(s) in 1 file(s); 1 file(s) ok"]
    assert invoke("check").exit_code == 0  # the built-in claim on its own is fine
    assert invoke("claim", CLAIM, "--json").exit_code == 0


@pytest.mark.parametrize("args", [("claim", CLAIM), ("claims",), ("claims", "--about", "nato")])
def test_claim_and_claims_report_the_same_problem(mine, args):
    result = invoke(*args, "--corpus", "mine")
    assert result.exit_code == 2
    assert result.output == f"error: {mine}\n"


def test_the_json_error_names_both_files(mine):
    import json

    result = invoke("claim", CLAIM, "--corpus", "mine", "--json")
    assert result.exit_code == 2
    error = json.loads(result.output)["error"]
    assert error["code"] == "bad-corpus"
    [problem] = error["problems"]
    assert problem["file"] == f"mine/claims/{CLAIM}.yaml" and f"corpus/claims/{CLAIM}.yaml" in problem["message"]


def test_a_claim_of_its_own_id_clears_the_problem(mine, tmp_path):
    assert invoke("claim", CLAIM, "--corpus", "mine", "--json").exit_code == 2
    path = tmp_path / "mine" / "claims" / f"{CLAIM}.yaml"
    path.rename(path.with_name("my-2025-09-article-4.yaml"))
    renamed = path.with_name("my-2025-09-article-4.yaml")
    renamed.write_text(renamed.read_text(encoding="utf-8").replace(f"id: {CLAIM}", "id: my-2025-09-article-4"),
                       encoding="utf-8")
    assert invoke("check", "mine").exit_code == 0
    assert invoke("claim", "my-2025-09-article-4", "--corpus", "mine", "--json").exit_code == 0
    assert invoke("claim", CLAIM, "--corpus", "mine", "--json").exit_code == 0
    assert invoke("claims", "--corpus", "mine", "--json").exit_code == 0
