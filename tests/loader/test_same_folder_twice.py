"""A folder (or file) given twice, under whatever name, is read once: it is no clash with itself."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from casus.cli import main
from casus.loader.corpus import builtin_dir, load_corpus, user_dirs

FIXTURE = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"


@pytest.fixture()
def good(tmp_path, monkeypatch):
    """A folder ``good`` with one treaty file, the current folder its parent."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASUS_CORPUS", raising=False)
    (tmp_path / "good").mkdir()
    shutil.copy(FIXTURE, tmp_path / "good" / "test-pact.yaml")
    os.symlink("good", tmp_path / "also-good")
    return tmp_path / "good"


def invoke(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env)


def test_unique_keeps_the_first_name_of_each_folder(good):
    from casus.loader.corpus import unique

    assert unique(["good", "./good/", str(good), "also-good", "good/test-pact.yaml"]) == \
        [Path("good"), Path("good/test-pact.yaml")]


@pytest.mark.parametrize("names", [("good", "good"), ("good", "./good/"), ("good", "also-good")])
def test_the_same_corpus_folder_twice_is_loaded_once(good, names):
    corpus = load_corpus(list(names))
    assert sum(i.id == "test-pact" for i in corpus.instruments) == 1
    assert user_dirs(list(names)) == [Path(names[0])]


def test_ask_with_the_same_corpus_folder_twice(good):
    args = ("ask", "armed-attack", "--target", "POL", "--by", "RUS", "--on", "2005-01-01", "--json")
    once = invoke(*args, "--corpus", "good")
    twice = invoke(*args, "--corpus", "good", "--corpus", "good")
    assert twice.exit_code == 0, twice.output
    assert twice.output == once.output
    from_env = invoke(*args, "--corpus", "./good", env={"CASUS_CORPUS": str(good)})
    assert from_env.exit_code == 0, from_env.output
    assert from_env.output == once.output


@pytest.mark.parametrize("paths", [("good/", "good/"), ("good", "also-good"), ("good", "good/test-pact.yaml")])
def test_check_with_the_same_folder_twice(good, paths):
    result = invoke("check", *paths)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 1 instrument(s), 4 provision(s)")


def test_the_built_in_folder_given_as_a_user_folder(good):
    result = invoke("treaties", "--corpus", str(builtin_dir()), "--json")
    assert result.exit_code == 0, result.output
    assert result.output == invoke("treaties", "--json").output
    claim = invoke("claim", "tusk-2025-09-article-4", "--corpus", str(builtin_dir()), "--json")
    assert claim.exit_code == 0, claim.output


def test_a_claims_folder_given_twice_is_read_once(good):
    source = builtin_dir() / "claims" / "tusk-2025-09-article-4.yaml"
    text = source.read_text(encoding="utf-8").replace("tusk-2025-09-article-4", "tusk-2025-09-again")
    (good / "claims").mkdir()
    (good / "claims" / "tusk-2025-09-again.yaml").write_text(text, encoding="utf-8")
    for args in (("claim", "tusk-2025-09-again"), ("claims", "--about", "north-atlantic-treaty-1949")):
        result = invoke(*args, "--corpus", "good", "--corpus", "also-good", "--json")
        assert result.exit_code == 0, result.output
    assert invoke("check", "good", "good").exit_code == 0
