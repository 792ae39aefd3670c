"""Fuzzing the loader and the commands: broken treaty files never crash casus.

A bounded run (about two seconds) of random mutations of the built-in
treaty files and of the bad fixtures; every accepted mutant is evaluated by
ask, ask --why/--json, ask --cascade, network, timeline, compare and show.
scripts/fuzz_corpus.py runs the same for as long as asked.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import fuzzing
from casus.loader.corpus import builtin_dir, files_in, load_files

pytestmark = pytest.mark.slow  # left out of a plain `pytest`; `python3 dev.py test` runs it

BUDGET_SECONDS = float(os.environ.get("CASUS_FUZZ_SECONDS", "2"))
SEED = int(os.environ.get("CASUS_FUZZ_SEED", "20261201"))
MIN_FILES = 12  # however slow the machine, at least this many


@pytest.fixture(autouse=True)
def no_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("CASUS_NO_CACHE", "1")
    monkeypatch.setenv("CASUS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CASUS_CORPUS", raising=False)


def report(tally: fuzzing.Tally) -> str:
    lines = [tally.line()]
    for sig, count in tally.crashes.most_common():
        args, text = tally.examples[sig]
        lines.append(f"{count} x {sig}\n  casus {' '.join(args)}\n{text}")
    return "\n".join(lines)


def test_random_mutants_never_crash(tmp_path):
    rng = random.Random(SEED)
    pool = fuzzing.seeds()
    tally = fuzzing.Tally()
    runner = CliRunner()
    deadline = time.monotonic() + BUDGET_SECONDS
    while tally.generated < MIN_FILES or time.monotonic() < deadline:
        fuzzing.one(rng, pool, tally, runner, tmp_path)
    print(tally.line())
    assert not tally.crashes, report(tally)
    # the run did real work both ways: mutants rejected with problems, and mutants evaluated
    assert tally.rejected > 0 and tally.accepted > 0, tally.line()


def test_hostile_files_are_rejected_quickly(tmp_path):
    rng = random.Random(SEED)
    base = (Path(fuzzing.BAD) / "unknown-event.yaml").read_text().replace("armed-atack", "armed-attack")
    for _ in range(8):
        path = tmp_path / "h.yaml"
        path.write_text(fuzzing.hostile(rng, base))
        started = time.monotonic()
        instruments, problems = load_files([path])
        assert instruments == [] and problems
        assert time.monotonic() - started < 5, problems[0]


EVERY_FILE = files_in(builtin_dir()) + [Path(__file__).parent.parent / "fixtures" / "corpus" / "test-pact.yaml"]


def _as_user_file(path: Path, folder: Path) -> Path:
    """``path`` written into ``folder`` under a new id (and new aliases), as a user's own copy of it."""
    import re

    text = path.read_text(encoding="utf-8")
    text = text.replace("\nid: ", "\nid: mine-", 1)
    text = re.sub(r"\naliases: \[([^\]]*)\]", lambda m: "\naliases: [" + ", ".join(
        f"mine-{a.strip()}" for a in m.group(1).split(",")) + "]", text, count=1)  # aliases are unique too
    folder.mkdir(exist_ok=True)
    target = folder / f"mine-{path.stem}.yaml"
    target.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("path", EVERY_FILE, ids=lambda p: p.stem)
def test_every_file_check_accepts_can_be_evaluated_by_every_command(path, tmp_path):
    """Each built-in file, loaded as a user corpus under a new id, through every command."""
    folder = tmp_path / "user"
    mine = _as_user_file(path, folder)
    runner = CliRunner()
    check = runner.invoke(fuzzing.main, ["check", str(folder)])
    assert check.exit_code == 0, check.output
    (instrument,), problems = load_files([mine])
    assert not problems
    tally = fuzzing.Tally()
    rng = random.Random(SEED)
    for args in fuzzing.commands_for(instrument, str(folder), rng):
        result = runner.invoke(fuzzing.main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.output)
        assert result.exit_code == 0, (args, result.output)
        tally.commands += 1
    assert tally.commands >= 8


def test_every_file_check_accepts_gives_dyad_columns(tmp_path):
    """All of them at once, as one user corpus, through dyads --with casus (one table for every file)."""
    folder = tmp_path / "user"
    ids = set()
    for path in EVERY_FILE:
        (instrument,), problems = load_files([_as_user_file(path, folder)])
        assert not problems, problems
        ids.add(instrument.id)
    assert len(ids) == len(EVERY_FILE)
    dyads = CliRunner().invoke(fuzzing.main, ["dyads", "--from", "2000", "--to", "2001", "--states",
                                              str(fuzzing.STATES), "--with", "casus", "--rows", "0"],
                               env={"CASUS_CORPUS": str(folder)})
    assert dyads.exit_code == 0, dyads.output


@pytest.mark.parametrize("path", sorted(fuzzing.BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bad_fixture_is_a_clean_error_for_ask(path, tmp_path):
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "bad.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(fuzzing.main, ["ask", "armed-attack", "--target", "POL", "--corpus", str(folder)])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith("error: ") and "bad.yaml:" in result.output
