"""casus.outputs and --out on targets that are not plain files: links, named pipes, folders, sockets.

A link is written through (the file it leads to is replaced, the link
stays); a named pipe gets the output written into it; a write the stream
refuses is a clear error; a folder, a socket and a link loop are refused.
No test here writes to a device: a named pipe in the test's folder stands
in for one, and a full disk is simulated.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import threading

import pytest

from casus.errors import OutputError
from casus.outputs import atomic_file, check_writable, write_text

COMPARE = ("compare", "north-atlantic-treaty-1949", "anzus-1951")


class Reader:
    """Reads a named pipe in a thread (as `cat fifo` would); ``stop_early`` closes it before reading anything."""

    def __init__(self, fifo, stop_early: bool = False):
        self.fifo = fifo
        self.data = b""
        self.thread = threading.Thread(target=self._read, args=(stop_early,), daemon=True)
        self.thread.start()

    def _read(self, stop_early: bool) -> None:
        with open(self.fifo, "rb") as handle:
            if not stop_early:
                self.data = handle.read()

    def join(self) -> bytes:
        self.thread.join(10)
        if self.thread.is_alive():  # nothing opened the pipe for writing: let the reader go, then fail
            os.close(os.open(self.fifo, os.O_WRONLY))
            self.thread.join(10)
            raise AssertionError(f"nothing was written to {self.fifo}")
        return self.data


@pytest.fixture()
def run():
    from click.testing import CliRunner

    from casus.cli import main

    return lambda *args: CliRunner().invoke(main, list(args))


@pytest.fixture()
def fifo(tmp_path):
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    return path


def _listing(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------------- links


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to("real.txt")
    assert check_writable(link, "out") == real
    write_text(link, "new", "out")
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text(encoding="utf-8") == "new"
    assert _listing(tmp_path) == ["link.md", "real.txt"]  # no temporary file left


def test_a_link_into_another_folder_replaces_the_file_there_or_leaves_it(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "out").mkdir()
    real = tmp_path / "data" / "table.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "out" / "table.csv"
    link.symlink_to(real)
    with pytest.raises(OutputError, match="no space left on the device"):
        with atomic_file(link) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "old"
    assert _listing(tmp_path / "data") == ["table.csv"] and _listing(tmp_path / "out") == ["table.csv"]
    with atomic_file(link) as tmp:
        assert tmp.parent == tmp_path / "data"  # beside the file replaced, so the rename is atomic
        tmp.write_text("new", encoding="utf-8")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_a_link_to_nothing_yet_creates_the_file_it_names(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to("new.md")
    write_text(link, "text")
    assert link.is_symlink() and (tmp_path / "new.md").read_text(encoding="utf-8") == "text"


def test_a_link_loop_or_a_link_to_a_folder_is_refused(tmp_path):
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    with pytest.raises(OutputError, match="symlink loop") as caught:
        check_writable(tmp_path / "a.md", "out")
    assert caught.value.field == "out" and caught.value.hint
    with pytest.raises(OutputError, match="symlink loop"):
        with atomic_file(tmp_path / "a.md") as tmp:
            tmp.write_text("x")
    assert (tmp_path / "a.md").is_symlink() and (tmp_path / "b.md").is_symlink()
    (tmp_path / "folder").mkdir()
    (tmp_path / "c.md").symlink_to("folder")
    with pytest.raises(OutputError, match="is a folder"):
        check_writable(tmp_path / "c.md", "out")


# --------------------------------------------------------------------------- streams


def test_a_named_pipe_gets_the_output_and_stays_a_pipe(fifo):
    assert check_writable(fifo, "out") == fifo
    with pytest.raises(KeyError):  # no reader yet: the pipe is opened only once the output is complete
        with atomic_file(fifo) as tmp:
            tmp.write_text("half")
            raise KeyError("x")
    reader = Reader(fifo)
    write_text(fifo, "| a |\n", "out")
    assert reader.join() == b"| a |\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _listing(fifo.parent) == ["pipe.md"]


def test_a_pipe_closed_by_its_reader_is_a_clear_error(fifo):
    reader = Reader(fifo, stop_early=True)
    with pytest.raises(OutputError, match=r"cannot write .*pipe.md: the reader stopped reading before the end"):
        with atomic_file(fifo) as tmp:
            tmp.write_bytes(b"x" * (1 << 20))  # more than a pipe holds, so the write meets the closed end
    reader.join()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_stream_that_refuses_the_write_is_an_output_error(fifo, monkeypatch):
    import casus.outputs as outputs

    def full(source, target):  # what /dev/full does
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs, "_copy_into", full, raising=False)  # how a stream is written
    with pytest.raises(OutputError) as caught:
        write_text(fifo, "text", "out")
    assert str(caught.value) == f"cannot write {fifo}: no space left on the device"
    assert caught.value.field == "out"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a short name: socket paths are limited to about 100 bytes
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("s.md")
        with pytest.raises(OutputError, match="s.md is a socket, not a file") as caught:
            check_writable("s.md", "out")
        assert caught.value.hint == "give a file name"
    finally:
        server.close()
    assert stat.S_ISSOCK(os.lstat(tmp_path / "s.md").st_mode)


# --------------------------------------------------------------------------- compare --out


def test_compare_out_writes_through_a_link(run, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to("real.txt")
    result = run(*COMPARE, "--format", "markdown", "--out", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("| dimension |")
    assert result.output == f"wrote {link}\n"


def test_compare_out_writes_into_a_named_pipe(run, fifo):
    reader = Reader(fifo)
    result = run(*COMPARE, "--format", "csv", "--out", str(fifo))
    assert result.exit_code == 0, result.output
    assert reader.join().decode("utf-8").startswith("key,dimension,north-atlantic-treaty-1949,anzus-1951")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_compare_out_to_a_full_stream_exits_with_code_2(run, fifo, monkeypatch):
    import casus.outputs as outputs

    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs, "_copy_into", full, raising=False)  # how a stream is written
    result = run(*COMPARE, "--format", "csv", "--out", str(fifo))
    assert result.exit_code == 2
    assert result.output == f"error: --out: cannot write {fifo}: no space left on the device\n"
    assert "wrote" not in result.output and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_compare_out_to_a_folder_is_a_clear_error(run, tmp_path):
    folder = tmp_path / "matrix.md"
    folder.mkdir()
    result = run(*COMPARE, "--out", str(folder))
    assert result.exit_code == 2
    assert result.output == f"error: --out: cannot write {folder}: {folder} is a folder; give a file name\n"
