"""Mutation fuzzing of treaty files: make a broken file, load it, evaluate it if accepted.

Used by tests/fuzz/test_fuzz.py (a few seconds in the suite) and by
scripts/fuzz_corpus.py (a long run).  A *crash* is any exception that is not
a :class:`casus.errors.CasusError` (or the CLI's clean exit), or an exit code
other than 0, 1 or 2; it is recorded with a signature (exception type and the
innermost casus frame) so that many crashes of one cause count once.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import random
import tempfile
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from click.testing import CliRunner

from casus.cli import main
from casus.errors import CasusError
from casus.loader.corpus import builtin_dir, load_files

HERE = Path(__file__).resolve().parent
BAD = HERE.parent / "fixtures" / "bad"
STATES = HERE.parent / "datasets" / "fixtures" / "states_cow.csv"

WORDS = ["armed-attack", "threat-of-attack", "nuclear", "conventional", "others", "aggressors", "POL", "RUS",
         "USA", "XXX", "europe", "anywhere", "unsettled", "must", "may", "intends", "treaty", "statement",
         "signed", "ratified", "withdrew", "suspended", "resumed", "obligations-suspended",
         "obligations-restored", "in-force", "terminated", "all", "any", "not", "event", "weapon", "by",
         "by-party", "target", "scope", "fact", "during", "tag", "state", "administered-by", "label", "cite",
         "state-of-war", "home", "military-assistance", "consultation", "others-among", "toward", "", " "]
SCALARS: list[object] = [None, True, False, 0, -1, 1, 2**63, 1.5, float("inf"), "x" * 300,
                         dt.date(2000, 1, 1), dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2012, 1, 1)]
TEXT_SNIPPETS = ["[]", "{}", "[x]", "[[armed-attack]]", "{a: 1}", "*a", "&a x", "null", "~", "'", '"', ":",
                 "- ", "? ", "!!python/object:os.system", "!!binary AAAA", "2000-13-45", "0x1F", "1e400",
                 "<<: *a", "{{", "]]", "\t", "\u202e", "\x00"]


def random_value(rng: random.Random, depth: int = 0) -> object:
    roll = rng.random()
    if depth > 3 or roll < 0.45:
        return rng.choice(SCALARS + WORDS)
    if roll < 0.6:
        return []
    if roll < 0.7:
        return {}
    if roll < 0.85:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(1, 3))]
    return {rng.choice(WORDS): random_value(rng, depth + 1) for _ in range(rng.randint(1, 3))}


def _paths(data: object, here: tuple = ()) -> list[tuple]:
    out = [here]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, here + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, here + (i,))
    return out


def _get(data, path):
    for part in path:
        data = data[part]
    return data


FAMILIES = [
    ["armed-attack", "threat-of-attack", "economic-coercion", "subversion", "terrorist-attack", "internal-unrest"],
    ["conventional", "nuclear", "chemical", "biological"],
    ["others", "aggressors"], ["must", "may", "intends"], ["treaty", "doctrine", "statement"],
    ["state", "non-state"], ["target", "aggressors", "POL", "RUS", "USA", "BLR"],
    ["signed", "ratified", "acceded", "joined", "declared", "withdrawal-notified", "withdrew", "suspended",
     "resumed", "obligations-suspended", "obligations-restored", "participation-frozen"],
    ["military-assistance", "assistance", "consultation", "countermeasures", "nuclear-response", "basing",
     "neutrality", "non-aggression", "offensive-support"],
    ["all", "any"], ["POL", "LTU", "LVA", "RUS", "BLR", "USA", "FRA", "DEU", "PRK", "CHN", "KAZ"],
]


def mutate_gently(data: object, rng: random.Random) -> object:
    """Edits that keep a file plausible, so that many mutants are accepted and evaluated:
    shift a date, swap a word for another of its kind, drop or reorder list items, flip a flag."""
    data = copy.deepcopy(data)
    paths = [p for p in _paths(data) if p]
    for _ in range(rng.choice((1, 1, 2, 3))):
        if not paths:
            break
        path = rng.choice(paths)
        try:
            parent = _get(data, path[:-1])
            key = path[-1]
            value = parent[key]
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(value, bool):
            parent[key] = not value
        elif isinstance(value, dt.date):
            parent[key] = value + dt.timedelta(days=rng.choice([-3650, -365, -1, 0, 1, 365, 3650]))
        elif isinstance(value, str):
            family = next((f for f in FAMILIES if value in f), None)
            if family:
                parent[key] = rng.choice(family)
        elif isinstance(value, list) and len(value) > 1:
            if rng.random() < 0.5:
                del value[rng.randrange(len(value))]
            else:
                rng.shuffle(value)
        paths = [p for p in _paths(data) if p]
    return data


def mutate_data(data: object, rng: random.Random) -> object:
    """One to three structural edits: replace, delete, duplicate or swap values."""
    data = copy.deepcopy(data)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            return random_value(rng)
        path = rng.choice(paths)
        parent = _get(data, path[:-1])
        key = path[-1]
        action = rng.random()
        if action < 0.5:
            parent[key] = random_value(rng)
        elif action < 0.65:
            del parent[key]
        elif action < 0.8 and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif action < 0.9 and isinstance(parent[key], (list, dict)):
            parent[key] = [] if isinstance(parent[key], list) else {}
        else:
            other = rng.choice(paths)
            try:
                parent[key] = copy.deepcopy(_get(data, other))
            except (KeyError, IndexError, TypeError):
                pass
    return data


def mutate_text(text: str, rng: random.Random) -> str:
    """Line and character edits that may well break the YAML itself."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        action = rng.random()
        if action < 0.2:
            del lines[i]
        elif action < 0.35:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action < 0.5:
            lines[i] = " " * rng.randint(0, 6) + lines[i].lstrip()
        elif action < 0.8:
            words = lines[i].split(" ")
            j = rng.randrange(len(words))
            words[j] = rng.choice(WORDS + TEXT_SNIPPETS)
            lines[i] = " ".join(words)
        elif action < 0.9:
            pos = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:pos] + rng.choice(TEXT_SNIPPETS) + lines[i][pos:]
        else:
            lines = lines[: i + 1]
    return "\n".join(lines) + "\n"


def hostile(rng: random.Random, base: str) -> str:
    """Files built to exhaust: alias bombs, deep nesting, self-reference, long files."""
    kind = rng.randrange(4)
    if kind == 0:
        n = rng.randint(5, 12)
        lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
        lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, n)]
        return "\n".join(lines) + "\n" + base
    if kind == 1:
        depth = rng.randint(50, 1200)
        return base.replace("when:", "when: " + "{not: " * depth + "{event: [armed-attack]}" + "}" * depth
                            + "\n    x-when:", 1)
    if kind == 2:
        return base + "notes: &r [*r]\n"
    return base + "# " + "y" * rng.randint(900_000, 1_100_000) + "\n"


@dataclass
class Tally:
    generated: int = 0
    accepted: int = 0
    rejected: int = 0
    commands: int = 0
    crashes: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)

    def line(self) -> str:
        return (f"files generated {self.generated}, accepted {self.accepted}, rejected {self.rejected}, "
                f"commands run {self.commands}, crashes {sum(self.crashes.values())} "
                f"({len(self.crashes)} signature(s))")


def signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "casus" in f.filename and "site-packages/click" not in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = f"{Path(where.filename).name}:{where.lineno} {where.name}" if where else "?"
    return f"{type(exc).__name__} at {place}"


def seeds() -> list[tuple[str, str]]:
    """The texts mutations start from: every built-in treaty file and every bad fixture."""
    good = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(builtin_dir().rglob("*.yaml"))]
    bad = [(f"bad:{p.name}", p.read_text(encoding="utf-8")) for p in sorted(BAD.glob("*.yaml"))]
    return good + bad


TEXT_ONLY = {"bad:alias-bomb.yaml", "bad:recursive-alias.yaml", "bad:deep-nesting.yaml"}
"""Seeds whose parsed form is huge or cyclic: mutate their text only."""


def make_file(rng: random.Random, pool: list[tuple[str, str]]) -> str:
    good = [(n, t) for n, t in pool if not n.startswith("bad:")]
    name, text = rng.choice(good if rng.random() < 0.7 else pool)
    roll = rng.random()
    if roll < 0.03:
        return hostile(rng, text)
    if roll < 0.2 or name in TEXT_ONLY:
        return mutate_text(text, rng)
    try:
        data = yaml.safe_load(text)
    except Exception:  # noqa: BLE001 - PyYAML's own loader fails in many ways on the bad seeds
        return mutate_text(text, rng)
    mutated = mutate_gently(data, rng) if rng.random() < 0.5 else mutate_data(data, rng)
    if isinstance(mutated, dict) and rng.random() < 0.7:
        mutated["id"] = f"fuzz-{rng.randrange(10**6)}"  # most mutants should not clash with a built-in id
    try:
        return yaml.safe_dump(mutated, sort_keys=False, allow_unicode=True)
    except Exception:  # noqa: BLE001
        return text


def _party_and_day(instrument, rng: random.Random) -> tuple[str, str, str]:
    parties = sorted(instrument.parties) or ["POL"]
    target = rng.choice(parties)
    others = [p for p in parties if p != target] or [s for s in ("RUS", "USA") if s != target]
    days = [e.date for p in instrument.parties.values() for e in p.events] + \
           [e.date for e in instrument.lifecycle] + [dt.date(2025, 6, 1)]
    day = rng.choice(days) + dt.timedelta(days=rng.choice([-1, 0, 1, 30]))
    day = min(max(day, dt.date(1800, 1, 1)), dt.date(2100, 1, 1))
    return target, rng.choice(others), day.isoformat()


def commands_for(instrument, folder: str, rng: random.Random) -> list[list[str]]:
    target, by, day = _party_and_day(instrument, rng)
    c = ["--corpus", folder]
    event = rng.choice(["armed-attack", "threat-of-attack", "terrorist-attack"])
    weapon = rng.choice(["conventional", "nuclear"])
    only = ["--instrument", instrument.id]  # the tables and explanations of this file's findings only
    out = [
        ["ask", event, "--target", target, "--by", by, "--on", day, "--weapon", weapon, *only, *c],
        ["ask", event, "--target", target, "--by", by, "--on", day, "--why", *only, *c],
        ["ask", event, "--target", target, "--by", "non-state", "--on", day, "--json", *c],
        ["ask", "armed-attack", "--target", target, "--by", by, "--on", day, "--cascade",
         "--escalation", rng.choice(["none", "reciprocal"]), "--depth", "3", *c],
        ["network", "--on", day, "--duty", "all", *c],
        ["timeline", target, "--json", *c],
        ["compare", instrument.id, "anzus-1951", "--format", "json", *c],
        ["show", instrument.id, "--json", *c],
    ]
    if any(p.readings for p in instrument.provisions):
        out.append(["ask", event, "--target", target, "--by", by, "--on", day, "--readings", "all", *c])
    return out


def run_command(runner: CliRunner, args: list[str], tally: Tally, env: dict | None = None) -> None:
    tally.commands += 1
    result = runner.invoke(main, args, env=env)
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        if not isinstance(exc, CasusError):
            sig = signature(exc)
            tally.crashes[sig] += 1
            tally.examples.setdefault(sig, (args, "".join(traceback.format_exception(exc))[-3000:]))
            return
    if result.exit_code not in (0, 1, 2):
        sig = f"exit code {result.exit_code} from {args[0]}"
        tally.crashes[sig] += 1
        tally.examples.setdefault(sig, (args, result.output[-2000:]))


def one(rng: random.Random, pool, tally: Tally, runner: CliRunner, workdir: Path, with_dyads: float = 0.0,
        keep: Path | None = None, evaluate: bool = True) -> None:
    """Make one file, load it, and evaluate it through the commands if it is accepted."""
    tally.generated += 1
    text = make_file(rng, pool)
    folder = Path(tempfile.mkdtemp(dir=workdir))
    path = folder / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        try:
            instruments, problems = load_files([path])
        except Exception as exc:  # noqa: BLE001 - the loader must report problems, never raise
            sig = signature(exc)
            tally.crashes[sig] += 1
            tally.examples.setdefault(sig, (["load_files"], "".join(traceback.format_exception(exc))[-3000:]))
            if keep is not None:
                (keep / f"crash-{tally.generated}.yaml").write_text(text, errors="surrogatepass")
            return
        if problems or not instruments:
            tally.rejected += 1
            for problem in problems:
                assert isinstance(problem.line, int) and problem.file and problem.key and problem.message
            return
        tally.accepted += 1
        if not evaluate:
            return
        before = sum(tally.crashes.values())
        for args in commands_for(instruments[0], str(folder), rng):
            run_command(runner, args, tally)
        if rng.random() < with_dyads:
            run_command(runner, ["dyads", "--from", "2000", "--to", "2001", "--states", str(STATES),
                                 "--with", "casus", "--rows", "0"], tally, env={"CASUS_CORPUS": str(folder)})
        if keep is not None and sum(tally.crashes.values()) > before:
            (keep / f"crash-{tally.generated}.yaml").write_text(text, errors="surrogatepass")
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def environment() -> None:
    """No cache entries for thousands of mutants."""
    os.environ["CASUS_NO_CACHE"] = "1"
