"""Bad corpus folders and unreadable files: each a clear problem, with its exact text, never a hang."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from casus.cli import main
from casus.errors import CorpusError
from casus.loader.corpus import files_in, load_corpus, load_files, user_dirs
from casus.loader.yamlsrc import MAX_BYTES

FIXTURE = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"


def problems_of(call) -> list[str]:
    with pytest.raises(CorpusError) as caught:
        call()
    return [str(p) for p in caught.value.problems]


def test_a_symlink_loop_is_a_problem_not_a_hang(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "pact.yaml")
    (tmp_path / "sub").mkdir()
    os.symlink("..", tmp_path / "sub" / "up")
    assert problems_of(lambda: files_in(tmp_path)) == [
        f"{tmp_path}/sub/up:1: (folder): this link leads to a folder already read ({tmp_path}): a symlink loop "
        "(hint: remove the link, or point it outside the corpus folder)"]


def test_a_link_to_itself_named_yaml_cannot_be_read(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "pact.yaml")
    os.symlink("self.yaml", tmp_path / "self.yaml")
    instruments, problems = load_files(files_in(tmp_path))
    assert [p.message for p in problems] == ["cannot read: Too many levels of symbolic links"]
    assert problems[0].file.endswith("self.yaml")


def test_a_folder_of_yml_files_is_an_error(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "pact.yml")
    assert problems_of(lambda: files_in(tmp_path)) == [
        f"{tmp_path}:1: (folder): 1 file(s) with another YAML suffix: {tmp_path}/pact.yml "
        "(hint: casus reads files ending in .yaml: rename them (or start the name with _ to leave a file out))"]


def test_an_empty_folder_is_an_error(tmp_path):
    assert problems_of(lambda: files_in(tmp_path)) == [
        f"{tmp_path}:1: (folder): no treaty files (*.yaml) in this folder "
        "(hint: give a folder of treaty .yaml files)"]


def test_an_empty_corpus_entry_is_an_error_not_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURE, tmp_path / "pact.yaml")
    assert problems_of(lambda: user_dirs([""])) == [
        "'':1: (corpus): an empty corpus folder name "
        "(hint: an unset shell variable? give a folder, or leave the option out)"]
    result = CliRunner().invoke(main, ["ask", "armed-attack", "--target", "POL", "--corpus", ""])
    assert result.exit_code == 2
    assert "an empty corpus folder name" in result.output


def test_empty_parts_of_the_environment_variable_are_skipped(tmp_path, monkeypatch):
    shutil.copy(FIXTURE, tmp_path / "pact.yaml")
    monkeypatch.setenv("CASUS_CORPUS", os.pathsep + str(tmp_path) + os.pathsep)
    assert user_dirs() == [tmp_path]


def test_check_reports_an_id_used_by_the_built_in_corpus(tmp_path):
    text = FIXTURE.read_text().replace("id: test-pact", "id: anzus-1951")
    (tmp_path / "pact.yaml").write_text(text)
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    line = text.splitlines().index("id: anzus-1951") + 1
    assert (f"pact.yaml:{line}: id: instrument id 'anzus-1951' is already used by the built-in "
            "corpus/anzus-1951.yaml (hint: give your instrument its own id: your files are loaded beside "
            "the built-in corpus)") in result.output
    # and the built-in corpus checked on its own is fine
    assert CliRunner().invoke(main, ["check"]).exit_code == 0


def test_check_of_a_built_in_file_is_not_a_clash_with_itself():
    from casus.loader.corpus import builtin_dir

    result = CliRunner().invoke(main, ["check", str(builtin_dir() / "anzus-1951.yaml")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("size", [MAX_BYTES + 1, 3 * MAX_BYTES])
def test_a_file_over_the_size_limit_is_refused(tmp_path, size):
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * (size - 3) + "\n")
    _, problems = load_files([path])
    assert [str(p).replace(problems[0].file, "{file}") for p in problems] == [
        "{file}:1: (file): the file is larger than 1,000,000 bytes (limit: file size) "
        "(hint: split it into one file per instrument; treaty files are a few kB)"]


def test_an_endless_file_is_read_only_up_to_the_limit(tmp_path):
    os.symlink("/dev/zero", tmp_path / "zero.yaml")
    _, problems = load_files([tmp_path / "zero.yaml"])
    assert [p.message for p in problems] == ["the file is larger than 1,000,000 bytes (limit: file size)"]


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.yaml"
    data = FIXTURE.read_bytes().replace(b"Test Pact", b"Test \xe9 Pact", 1)
    path.write_bytes(data)
    _, problems = load_files([path])
    at = data.index(b"\xe9")
    assert [(p.message, p.hint) for p in problems] == [(f"not UTF-8 text (byte {at})", "save the file as UTF-8")]


def test_the_alias_bomb_is_cheap_through_every_entry(tmp_path, monkeypatch):
    """check, ask --corpus and CASUS_CORPUS all stop at the alias limit."""
    bomb = (Path(__file__).parent.parent / "fixtures" / "bad" / "alias-bomb.yaml").read_text()
    (tmp_path / "bomb.yaml").write_text(bomb)
    runner = CliRunner()
    for args, env in ((["check", str(tmp_path)], {}),
                      (["ask", "armed-attack", "--target", "POL", "--corpus", str(tmp_path)], {}),
                      (["ask", "armed-attack", "--target", "POL"], {"CASUS_CORPUS": str(tmp_path)})):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code in (1, 2), result.output
        assert "(limit: alias expansion)" in result.output
    with pytest.raises(CorpusError, match="limit: alias expansion"):
        load_corpus([str(tmp_path)], builtin=False)


def test_a_folder_of_claims_only_is_a_corpus_folder(tmp_path):
    from casus.loader.corpus import files_in

    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a-claim.yaml").write_text("casus_claim: 1\n")
    assert files_in(tmp_path) == []  # no treaty file, and no error: the claims are loaded by their loader


def test_check_reads_the_claims_and_the_record_of_practice_of_a_folder(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "pact.yaml")
    (tmp_path / "practice").mkdir()
    (tmp_path / "claims").mkdir()
    (tmp_path / "practice" / "pact.yaml").write_text(
        "casus_practice: 1\ninstrument: test-pact\nrecords:\n  - id: r1\n    provision: art-99\n", encoding="utf-8")
    (tmp_path / "claims" / "a-claim.yaml").write_text("casus_claim: 1\nid: a-claim\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    files = {line.split(":", 1)[0] for line in result.output.splitlines() if line.startswith(str(tmp_path))}
    assert files == {str(tmp_path / "practice" / "pact.yaml"), str(tmp_path / "claims" / "a-claim.yaml")}
    assert "records[0]: missing required key 'date'" in result.output
    # the same folder without them is fine, and says what it read
    shutil.rmtree(tmp_path / "practice")
    shutil.rmtree(tmp_path / "claims")
    fine = CliRunner().invoke(main, ["check", str(tmp_path), "--json"])
    assert fine.exit_code == 0 and '"other_files": 0' in fine.output


def test_check_of_the_built_in_corpus_counts_its_claims_and_records():
    import json

    doc = json.loads(CliRunner().invoke(main, ["check", "--json"]).output)
    assert doc["ok"] and doc["other_files"] > 40
    assert "claim and practice file(s)" in doc["summary"]
