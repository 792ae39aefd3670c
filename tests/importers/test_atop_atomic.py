"""`casus import atop` replaces an earlier import all at once, or not at all."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from casus.cli import main
from casus.importers import atop

FIXTURES = Path(__file__).parent / "fixtures"


def state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture()
def earlier(tmp_path, monkeypatch):
    """A good earlier import in the named corpus 'atop', and a copy of the source to spoil."""
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, ["import", "atop", str(FIXTURES / "atop-v4")])
    assert result.exit_code == 0, result.output
    target = tmp_path / "cache" / "corpora" / "atop"
    (target / "README.txt").write_text("kept across imports")
    source = tmp_path / "source"
    shutil.copytree(FIXTURES / "atop-v4", source)
    return target, source, state(target)


def leftovers(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name != target.name)


def test_a_bad_code_in_the_last_row_leaves_the_earlier_import(earlier):
    target, source, before = earlier
    member = source / "atop-member-level.csv"
    lines = member.read_text().splitlines()
    first, _, rest = lines[-1].partition(",")
    lines[-1] = first + ",9999," + rest.partition(",")[2]
    member.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(main, ["import", "atop", str(source)])
    assert result.exit_code == 2
    assert "unknown COW country code 9999" in result.output
    assert f"nothing was changed in {target}" in result.output
    assert "Traceback" not in result.output
    assert state(target) == before
    assert leftovers(target) == []
    ask = CliRunner().invoke(main, ["ask", "armed-attack", "--target", "JPN", "--on", "1970-01-01",
                                    "--corpus", "atop"])
    assert ask.exit_code == 0, ask.output
    assert "atop-9001" in ask.output  # the earlier import still answers


def test_a_full_disk_mid_import_leaves_the_earlier_import(earlier, monkeypatch):
    target, source, before = earlier
    real = atop.convert
    calls = []

    def third_fails(alliance, code_of):
        calls.append(alliance.atopid)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(alliance, code_of)

    monkeypatch.setattr(atop, "convert", third_fails)
    result = CliRunner().invoke(main, ["import", "atop", str(source)])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: cannot write {target}: no space left on the device; "
                                    "the previous folder, if any, is unchanged")
    assert state(target) == before
    assert leftovers(target) == []


def test_a_file_size_limit_mid_import_leaves_the_earlier_import(earlier, tmp_path):
    target, source, before = earlier
    limit = 1200  # smaller than one imported file
    assert max(len(v) for k, v in before.items() if k.endswith(".yaml")) > limit
    script = textwrap.dedent(f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        from casus.cli import main
        import casus.importers.atop, casus.outputs, casus.loader.corpus, casus.geo.cow
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        main(["import", "atop", {str(source)!r}], prog_name="casus")
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={"CASUS_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
                              "PYTHONDONTWRITEBYTECODE": "1"})
    assert run.returncode == 2, run.stderr[-2000:]
    assert run.stderr.startswith(f"error: cannot write {target}: ")
    assert "Traceback" not in run.stderr
    assert state(target) == before
    assert leftovers(target) == []


def test_a_problem_in_the_imported_files_leaves_the_earlier_import(earlier, monkeypatch):
    target, source, before = earlier
    real = atop.convert

    def broken(alliance, code_of):
        doc = real(alliance, code_of)
        doc["provisions"][0]["duty"] = "no-such-duty"
        return doc

    monkeypatch.setattr(atop, "convert", broken)
    result = CliRunner().invoke(main, ["import", "atop", str(source)])
    assert result.exit_code == 2
    assert f"nothing was changed in {target}" in result.output and "please report it" in result.output
    assert state(target) == before
    assert leftovers(target) == []


def test_a_successful_import_replaces_the_files_and_keeps_others(earlier):
    target, source, before = earlier
    (target / "atop-1.yaml").write_text("left by an import of a larger release\n")
    result = CliRunner().invoke(main, ["import", "atop", str(source)])
    assert result.exit_code == 0, result.output
    after = state(target)
    assert "atop-1.yaml" not in after
    assert after["README.txt"] == b"kept across imports"
    assert after == before  # the same source gives the same files
    assert leftovers(target) == []


@pytest.mark.parametrize("out", ["/nonexistent-folder/atop", "/proc/atop"])
def test_an_unwritable_out_folder_is_refused_before_reading(out, tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))

    def no_work(source):
        raise AssertionError("the source was read although the target cannot be written")

    monkeypatch.setattr(atop, "read", no_work)
    result = CliRunner().invoke(main, ["import", "atop", str(FIXTURES / "atop-v4"), "--out", out])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: --out: cannot write {out}: the folder ")
