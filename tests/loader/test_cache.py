"""The compiled-corpus cache and the in-process memory never serve a stale or foreign corpus."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from casus.loader import cache
from casus.loader import corpus as corpus_mod
from casus.loader.corpus import forget, load_corpus

FIXTURE = Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"
TITLE = "Test Pact of Mutual Assistance"


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CASUS_NO_CACHE", raising=False)
    forget()
    target = tmp_path / "treaties"
    target.mkdir()
    shutil.copy(FIXTURE, target / "pact.yaml")
    yield target
    forget()


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("corpus-*.pickle"))


def test_the_compiled_corpus_is_cached_and_served(folder, tmp_path, monkeypatch):
    first = load_corpus([str(folder)], builtin=False)
    assert len(entries(tmp_path)) == 1
    forget()
    calls = []
    real = corpus_mod.load_files
    monkeypatch.setattr(corpus_mod, "load_files", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = load_corpus([str(folder)], builtin=False)
    assert calls == [], "the files were parsed although the cache holds them"
    assert again.get("test-pact").title == first.get("test-pact").title == TITLE


def test_an_edit_keeping_size_and_mtime_is_seen(folder, tmp_path):
    """cp -p, rsync -a and tar restore the modification time; the size may stay the same too."""
    target = folder / "pact.yaml"
    load_corpus([str(folder)], builtin=False)
    st = target.stat()
    text = target.read_text()
    edited = text.replace(TITLE, "Test Pact of Mutual Assistanxe")  # same length
    assert len(edited) == len(text)
    target.write_text(edited)
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert target.stat().st_size == st.st_size and target.stat().st_mtime_ns == st.st_mtime_ns
    forget()  # a new process: only the disk cache is left
    assert load_corpus([str(folder)], builtin=False).get("test-pact").title == "Test Pact of Mutual Assistanxe"


def test_a_running_process_sees_an_edited_file(folder):
    assert load_corpus([str(folder)], builtin=False).get("test-pact").title == TITLE
    target = folder / "pact.yaml"
    target.write_text(target.read_text().replace(TITLE, "Renamed Pact"))
    assert load_corpus([str(folder)], builtin=False).get("test-pact").title == "Renamed Pact"


def test_a_running_process_sees_an_edit_under_cp_p(folder, tmp_path):
    """The in-process memory, too, is keyed on contents, not on the folder's path or times."""
    load_corpus([str(folder)], builtin=False)
    target = folder / "pact.yaml"
    staged = tmp_path / "staged.yaml"
    staged.write_text(target.read_text().replace(TITLE, "Test Pact of Mutual Assistanxe"))
    st = target.stat()
    os.utime(staged, ns=(st.st_atime_ns, st.st_mtime_ns))
    subprocess.run(["cp", "-p", str(staged), str(target)], check=True)
    assert load_corpus([str(folder)], builtin=False).get("test-pact").title == "Test Pact of Mutual Assistanxe"


def test_a_corrupt_entry_is_discarded_and_rebuilt(folder, tmp_path):
    load_corpus([str(folder)], builtin=False)
    (entry,) = entries(tmp_path)
    entry.write_bytes(b"not a pickle")
    forget()
    assert load_corpus([str(folder)], builtin=False).get("test-pact").title == TITLE
    assert pickle.loads(entry.read_bytes()).get("test-pact").title == TITLE, "the bad entry was not rebuilt"


@pytest.mark.parametrize("foreign", [{"a": 1}, ["corpus"], None, 42])
def test_a_well_formed_pickle_of_the_wrong_type_is_discarded(folder, tmp_path, foreign):
    load_corpus([str(folder)], builtin=False)
    (entry,) = entries(tmp_path)
    entry.write_bytes(pickle.dumps(foreign))
    forget()
    loaded = load_corpus([str(folder)], builtin=False)
    assert loaded.get("test-pact").title == TITLE
    assert type(pickle.loads(entry.read_bytes())).__name__ == "Corpus"


def test_the_cli_survives_a_foreign_cache_entry(folder, tmp_path):
    from click.testing import CliRunner

    from casus.cli import main

    load_corpus([str(folder)], builtin=False)
    load_corpus([str(folder)])
    for entry in entries(tmp_path):
        entry.write_bytes(pickle.dumps({"not": "a corpus"}))
    forget()
    result = CliRunner().invoke(main, ["ask", "armed-attack", "--target", "POL", "--by", "RUS",
                                       "--on", "2005-01-01", "--corpus", str(folder)])
    assert result.exit_code == 0, result.output
    assert "test-pact" in result.output or "Test Pact" in result.output


def test_a_failed_write_leaves_no_temporary_file(folder, tmp_path, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.pickle, "dump", full_disk)
    assert load_corpus([str(folder)], builtin=False).get("test-pact").title == TITLE
    assert list((tmp_path / "cache").iterdir()) == [], "a failed write left a file behind"


def test_an_unpicklable_corpus_leaves_no_temporary_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    assert cache.write("k" * 32, lambda: None) is False  # a lambda cannot be pickled
    assert list((tmp_path / "cache").iterdir()) == []


def test_stale_temporary_files_are_swept(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    old = [tmp_path / "cache" / "tmpab12.tmp", tmp_path / "cache" / "corpus-x.tmp"]
    for path in old:
        path.write_bytes(b"half")
        os.utime(path, (1, 1))
    fresh = tmp_path / "cache" / "corpus-y.tmp"  # perhaps another process is writing it now
    fresh.write_bytes(b"half")
    assert cache.write("k" * 32, {"any": "picklable"})
    assert not any(p.exists() for p in old)
    assert fresh.exists()


def test_the_key_covers_every_file_of_the_format_packages():
    package = Path(cache.__file__).resolve().parent.parent
    names = {p.relative_to(package).as_posix() for p in cache.format_files()}
    for sub in cache.PACKAGES:
        for path in (package / sub).rglob("*.py"):
            if "__pycache__" not in path.parts:
                assert path.relative_to(package).as_posix() in names
    assert any(n.startswith("geo/data/") for n in names), "the gazetteer's data files are not covered"
    assert "loader/conditions.py" in names and "geo/gazetteer.py" in names and "model/vocabulary.py" in names


def test_the_key_reads_regular_files_only(tmp_path):
    """An editor's lock file (a link to nowhere), bytecode and __pycache__ are not part of the key."""
    for name in ("model/a.py", "loader/b.py", "geo/data/c.yaml", "model/__pycache__/a.cpython-311.pyc",
                 "geo/d.pyc", "elsewhere/e.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "model" / ".#a.py").symlink_to(tmp_path / "nowhere")
    (tmp_path / "loader" / "link.py").symlink_to(tmp_path / "model" / "a.py")
    listed = cache._package_files(str(tmp_path))
    assert [name for name, _ in listed] == ["geo/data/c.yaml", "loader/b.py", "loader/link.py", "model/a.py"]
    assert all(Path(path).is_file() for _, path in listed)


def test_a_changed_format_file_changes_the_key(tmp_path, monkeypatch):
    """Copy the package, edit one module the old hand-written list missed, and compare keys."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from casus.loader import cache; "
            "print(cache.key_for([('f', b'x')]))")
    src = Path(cache.__file__).resolve().parents[2]
    copy = tmp_path / "src"
    shutil.copytree(src / "casus", copy / "casus", ignore=shutil.ignore_patterns("__pycache__"))

    def key() -> str:
        return subprocess.run([sys.executable, "-c", code, str(copy)], capture_output=True, text=True,
                              check=True).stdout.strip()

    before = key()
    assert key() == before
    gaz = copy / "casus" / "geo" / "gazetteer.py"
    gaz.write_text(gaz.read_text() + "\n# changed\n")
    assert key() != before


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CASUS_NO_CACHE", "1")
    assert cache.read("k" * 32) is None
    assert cache.write("k" * 32, object()) is False
    assert not (tmp_path / "cache").exists()


def test_memory_stays_bounded_over_many_user_corpora(tmp_path, monkeypatch):
    """A long-running process that loads many different user corpora keeps only the last few alive."""
    monkeypatch.setenv("CASUS_NO_CACHE", "1")
    forget()
    text = FIXTURE.read_text()
    alive = []
    try:
        for n in range(30):
            folder = tmp_path / f"c{n}"
            folder.mkdir()
            (folder / "pact.yaml").write_text(text.replace(TITLE, f"Pact number {n}"))
            loaded = load_corpus([str(folder)], builtin=False)
            assert loaded.get("test-pact").title == f"Pact number {n}"
            alive.append(weakref.ref(loaded))
            del loaded
        gc.collect()
        # every corpus but the last MEMORY_SIZE has been freed: memory does not grow with their number
        assert [ref() is not None for ref in alive] == \
            [False] * (30 - corpus_mod.MEMORY_SIZE) + [True] * corpus_mod.MEMORY_SIZE
    finally:
        forget()


def test_memory_keeps_at_most_memory_size_corpora(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_NO_CACHE", "1")
    forget()
    text = FIXTURE.read_text()
    for n in range(corpus_mod.MEMORY_SIZE + 5):
        folder = tmp_path / f"c{n}"
        folder.mkdir()
        (folder / "pact.yaml").write_text(text.replace(TITLE, f"Pact number {n}"))
        load_corpus([str(folder)], builtin=False)
    assert len(corpus_mod._memory) == corpus_mod.MEMORY_SIZE
    forget()


def test_a_file_already_built_is_not_parsed_again(tmp_path, monkeypatch):
    """A user folder beside the built-in corpus costs the parsing of that folder's files only."""
    from casus.loader import build

    monkeypatch.setenv("CASUS_NO_CACHE", "1")
    forget()
    parsed = []
    real = build.build_bytes
    monkeypatch.setattr(build, "build_bytes", lambda data, shown, *a: parsed.append(shown) or real(data, shown, *a))
    text = FIXTURE.read_text()
    try:
        for n in range(3):
            folder = tmp_path / f"c{n}"
            folder.mkdir()
            (folder / "pact.yaml").write_text(text.replace(TITLE, f"Pact number {n}"))
            loaded = load_corpus([str(folder)])
            assert loaded.get("test-pact").title == f"Pact number {n}"
            if n == 0:
                builtin = len(parsed) - 1
                assert builtin == len(corpus_mod.files_in(corpus_mod.builtin_dir()))
            else:  # the built-in files were built once; only the new file is parsed
                assert len(parsed) == builtin + 1 + n and parsed[-1].endswith(f"c{n}/pact.yaml")
    finally:
        forget()


def test_the_same_bytes_under_another_name_are_built_for_that_name(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_NO_CACHE", "1")
    forget()
    bad = FIXTURE.read_text().replace("armed-attack", "armed-atack", 1)
    shown = []
    for n in range(2):
        folder = tmp_path / f"b{n}"
        folder.mkdir()
        (folder / "pact.yaml").write_text(bad)
        with pytest.raises(corpus_mod.CorpusError) as caught:
            load_corpus([str(folder)], builtin=False)
        shown.append({p.file for p in caught.value.problems})
    assert all(len(files) == 1 for files in shown)
    assert [next(iter(f)).split("/")[-2] for f in shown] == ["b0", "b1"]  # each problem names its own file
    forget()


def test_built_files_kept_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_NO_CACHE", "1")
    monkeypatch.setattr(corpus_mod, "BUILT_SIZE", 5)
    forget()
    text = FIXTURE.read_text()
    for n in range(12):
        folder = tmp_path / f"c{n}"
        folder.mkdir()
        (folder / "pact.yaml").write_text(text.replace(TITLE, f"Pact number {n}"))
        load_corpus([str(folder)], builtin=False)
    assert len(corpus_mod._built) == 5
    forget()
    assert not corpus_mod._built
