"""casus.outputs: the checks before any work, and all-or-nothing files and folders."""

from __future__ import annotations

import errno

import pytest

from casus.errors import CasusError
from casus.outputs import OutputError, atomic_file, atomic_folder, check_writable


def test_output_error_is_a_casus_error():
    assert issubclass(OutputError, CasusError)


@pytest.mark.parametrize(("path", "message"), [
    ("/nonexistent-folder/x.png", "cannot write /nonexistent-folder/x.png: the folder /nonexistent-folder does not exist"),
    ("/proc/x.png", "cannot write /proc/x.png: the folder /proc cannot be written"),
    ("", "an empty file name"),
])
def test_check_writable_refuses(path, message):
    with pytest.raises(OutputError) as caught:
        check_writable(path, "graph")
    assert str(caught.value).startswith(message)
    assert caught.value.field == "graph" and caught.value.hint


def test_check_writable_accepts_a_new_or_existing_file_and_leaves_nothing(tmp_path):
    assert check_writable(tmp_path / "new.csv") == tmp_path / "new.csv"
    (tmp_path / "old.csv").write_text("x")
    check_writable(tmp_path / "old.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]  # the probe file is gone


def test_check_writable_folder_or_file(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        check_writable(tmp_path / "f", folder=True)
    with pytest.raises(OutputError, match="is a folder") as caught:
        check_writable(tmp_path, "out")
    assert caught.value.hint == "give a file name"


def test_atomic_file_replaces_only_on_success(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("old")
    with atomic_file(target) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".csv" and not tmp.exists()
        tmp.write_text("new")
        assert target.read_text() == "old"
    assert target.read_text() == "new"
    with pytest.raises(OutputError, match="no space left on the device"):
        with atomic_file(target) as tmp:
            tmp.write_text("half")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_atomic_file_other_errors_pass_through_and_clean_up(tmp_path):
    target = tmp_path / "t.csv"
    with pytest.raises(KeyError):
        with atomic_file(target) as tmp:
            tmp.write_text("half")
            raise KeyError("x")
    assert list(tmp_path.iterdir()) == []


def test_atomic_file_keep_existing_starts_from_a_copy(tmp_path):
    target = tmp_path / "t.db"
    target.write_bytes(b"abc")
    with atomic_file(target, keep_existing=True) as tmp:
        assert tmp.read_bytes() == b"abc"
        tmp.write_bytes(b"abcd")
        assert target.read_bytes() == b"abc"
    assert target.read_bytes() == b"abcd"


def test_atomic_folder(tmp_path):
    target = tmp_path / "corpus"
    target.mkdir()
    (target / "a.yaml").write_text("old")
    with pytest.raises(OutputError, match=r"larger than allowed \(a file-size limit\)"):
        with atomic_folder(target) as tmp:
            (tmp / "b.yaml").write_text("new")
            raise OSError(errno.EFBIG, "File too large")
    assert [p.name for p in target.iterdir()] == ["a.yaml"]
    assert [p.name for p in tmp_path.iterdir()] == ["corpus"]
    with atomic_folder(target) as tmp:
        (tmp / "b.yaml").write_text("new")
    assert [p.name for p in target.iterdir()] == ["b.yaml"]
    assert [p.name for p in tmp_path.iterdir()] == ["corpus"]


@pytest.mark.parametrize("args", [
    ["ask", "armed-attack", "--target", "POL", "--by", "RUS", "--cascade", "--graph", "{bad}/x.png"],
    ["network", "--on", "2020-01-01", "--graph", "{bad}/x.svg"],
    ["network", "--on", "2020-01-01", "--out", "{bad}/x.csv"],
    ["timeline", "POL", "--plot", "{bad}/x.png"],
    ["compare", "anzus-1951", "rio-treaty-1947", "--out", "{bad}/x.md"],
    ["dyads", "--out", "{bad}/x.parquet"],
])
@pytest.mark.parametrize("bad", ["/nonexistent-folder", "/proc"])
def test_every_output_option_is_checked_before_any_work(args, bad, monkeypatch):
    from click.testing import CliRunner

    import casus.loader.corpus as corpus_mod
    from casus.cli import main

    def no_work(*a, **k):
        raise AssertionError("the corpus was loaded although the output cannot be written")

    monkeypatch.setattr(corpus_mod, "load_corpus", no_work)
    args = [a.replace("{bad}", bad) for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    option = args[-2]
    assert result.output.startswith(f"error: {option}: cannot write {args[-1]}: the folder {bad} ")


def test_pictures_and_graph_files_are_all_or_nothing(tmp_path, monkeypatch):
    import networkx as nx

    from casus.render import graphs

    fig = graphs.new_figure(2, 1, dpi=30)
    fig.add_subplot().plot([0, 1], [0, 1])
    picture = graphs.save_figure(fig, tmp_path / "p.png")
    edges = graphs.write_graph(nx.DiGraph([("POL", "LTU")]), tmp_path / "g.graphml")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def full(self, target, **kwargs):
        with open(target, "wb") as handle:
            handle.write(b"\x89PNG half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(type(fig), "savefig", full)
    with pytest.raises(OutputError, match="no space left on the device"):
        graphs.save_figure(fig, picture)

    def half_graphml(G, target, *a, **k):
        with open(target, "w") as handle:
            handle.write("<graphml")
        raise OSError(errno.EFBIG, "File too large")

    monkeypatch.setattr(nx, "write_graphml", half_graphml)
    with pytest.raises(OutputError, match="file-size limit"):
        graphs.write_graph(nx.DiGraph([("POL", "RUS")]), edges)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
