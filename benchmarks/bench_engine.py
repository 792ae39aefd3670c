#!/usr/bin/env python3
"""Engine benchmarks: one scenario, a full sweep, and a whole `casus ask --json` process.

    python3 dev.py bench            # runs every benchmarks/bench_*.py
    .venv/bin/python benchmarks/bench_engine.py

Prints medians; the goals (see README) are < 1 ms for one scenario in
process, >= 10,000 scenarios per second for the sweep on one core, and
at most 4x a bare interpreter start (`python -c pass`, timed in the same run)
for `casus ask ... --json` as a whole process. The "floors" printed last are
processes that only import, timed to show where the whole-process time goes.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import casus
from casus.__main__ import COLLECT_AFTER
from casus.engine.evaluate import evaluate
from casus.geo import Gazetteer
from casus.model.scenario import Scenario
from casus.model.vocabulary import EVENTS

DAY = dt.date(2025, 6, 1)


def _cold(corpus) -> None:
    """Forget the engine's memoised results, so a measure starts from nothing."""
    from casus.engine.evaluate import evaluator

    evaluator(corpus).clear()


def one_scenario(corpus, gazetteer) -> tuple[float, float]:
    """Median time for one scenario: cold (memo cleared before each run) and warm."""
    scenario = casus.make_scenario(corpus, "armed-attack", "BLR", by="POL", on=DAY)
    cold, warm = [], []
    for _ in range(1000):
        _cold(corpus)
        t = time.perf_counter()
        evaluate(corpus, scenario, gazetteer)
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        evaluate(corpus, scenario, gazetteer)
        warm.append(time.perf_counter() - t)
    return statistics.median(cold), statistics.median(warm)


def worst_single(corpus, gazetteer) -> tuple[str, float]:
    worst = ("", 0.0)
    for target in corpus.states():
        scenario = Scenario("armed-attack", target, DAY, by=("RUS",) if target != "RUS" else ("USA",))
        times = []
        for _ in range(50):
            _cold(corpus)
            t = time.perf_counter()
            evaluate(corpus, scenario, gazetteer)
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        if med > worst[1]:
            worst = (target, med)
    return worst


def sweep(corpus, gazetteer) -> tuple[int, float, int]:
    _cold(corpus)
    states = corpus.states()
    scenarios = [Scenario(event, target, DAY, by=(aggressor,))
                 for event in EVENTS for target in states for aggressor in states if aggressor != target]
    t = time.perf_counter()
    findings = 0
    for scenario in scenarios:
        findings += len(evaluate(corpus, scenario, gazetteer).findings)
    return len(scenarios), time.perf_counter() - t, findings


def whole_processes(commands: dict[str, list[str]], runs: int = 21) -> dict[str, float]:
    """The median wall time of each command as a whole process, the commands taking turns.

    Round by round, each command runs once, so a change in the machine's load
    falls on all of them alike and their ratios hold.
    """
    # as installed: bytecode may be written and read (PYTHONDONTWRITEBYTECODE would recompile every module)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():
        subprocess.run(cmd, check=True, capture_output=True, env=env)  # warm the file cache and the bytecode
    for _ in range(runs):
        for name, cmd in commands.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times[name].append(time.perf_counter() - t)
    return {name: statistics.median(found) for name, found in times.items()}


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="ignored here (used by bench_dyads.py, which dev.py runs too)")
    parser.parse_args()
    t = time.perf_counter()
    corpus = casus.load_corpus()
    load = time.perf_counter() - t
    gazetteer = Gazetteer.default()
    provisions = sum(len(i.provisions) for i in corpus.instruments)
    print(f"corpus: {len(corpus.instruments)} instruments, {provisions} provisions, "
          f"{len(corpus.states())} states; loaded in {load * 1000:.0f} ms")
    cold, warm = one_scenario(corpus, gazetteer)
    print(f"one scenario (armed-attack on BLR by POL), in process: median {cold * 1e6:.0f} µs cold, "
          f"{warm * 1e6:.0f} µs repeated  (goal < 1000 µs)")
    target, worst = worst_single(corpus, gazetteer)
    print(f"slowest single target ({target}), cold: median {worst * 1e6:.0f} µs")
    n, seconds, findings = sweep(corpus, gazetteer)
    print(f"sweep (from a cold start): {n} scenarios (every target x aggressor x event) in {seconds:.2f} s = "
          f"{n / seconds:,.0f} scenarios/s on one core, {findings:,} findings  (goal >= 10,000/s)")
    casus_exe = str(Path(sys.executable).with_name("casus"))
    commands = {"bare": [sys.executable, "-c", "pass"],
                "ask": [casus_exe, "ask", "armed-attack", "--target", "BLR", "--by", "POL", "--on", "2025-06-01",
                        "--json"],
                "help": [casus_exe, "--help"]}
    # the floors collect garbage as the casus program does (casus.__main__), so that they compare with it
    collect = f"import gc; gc.set_threshold({COLLECT_AFTER}, *gc.get_threshold()[1:]); "
    commands.update({label: [sys.executable, "-c", collect + code + "; gc.freeze()"] for label, code in FLOORS})
    took = whole_processes(commands)
    bare = took["bare"]
    print(f"`casus ask ... --json` whole process: median {took['ask'] * 1000:.0f} ms; a bare interpreter start "
          f"`python -c pass` {bare * 1000:.0f} ms in the same run: {took['ask'] / bare:.1f}x  (goal <= 4x)")
    print(f"`casus --help` whole process: median {took['help'] * 1000:.0f} ms ({took['help'] / bare:.1f}x)")
    # where the time goes: what importing alone costs, before any work (same run, same interpreter)
    for label, _code in FLOORS:
        print(f"  floor: {label}: {took[label] * 1000:.0f} ms ({took[label] / bare:.1f}x)")


#: what the command's process imports, step by step, measured as whole processes that do nothing else
FLOORS = [
    ("the command-line library alone (click)", "import click"),
    ("the standard library's argument parser instead (argparse)", "import argparse"),
    ("the standard library the model needs (dataclasses, typing, datetime)", "import dataclasses, typing, datetime"),
    ("plus the command-line library (click)", "import dataclasses, typing, datetime, click"),
    ("plus the model's record classes",
     "import click, casus.model.finding, casus.model.practice, casus.model.instrument"),
    ("the model's record classes with argparse instead of click",
     "import argparse, casus.model.finding, casus.model.practice, casus.model.instrument"),
    ("every module on the path, imported, nothing run",
     "import casus.cli, casus.service, casus.loader.corpus, casus.engine.evaluate, casus.geo"),
    ("every module on the path but the command line, with argparse",
     "import argparse, casus.service.questions, casus.loader.corpus, casus.engine.evaluate, casus.geo"),
]


if __name__ == "__main__":
    main()
