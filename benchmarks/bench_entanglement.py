#!/usr/bin/env python3
"""Cascade and network benchmarks over the built-in corpus.

    python3 dev.py bench            # runs every benchmarks/bench_*.py
    .venv/bin/python benchmarks/bench_entanglement.py

Goals (see README): a reciprocal cascade from any single target on one date
under 20 ms median in process; the full network on a date under 50 ms.
"Cold" clears the engine's memo before each run, so nothing computed for an
earlier run is reused; "repeated" runs the same call again.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

import casus
from casus.engine.cascade import cascade
from casus.geo import Gazetteer
from casus.model.scenario import Scenario

DAY = dt.date(2025, 6, 1)


def _cold(corpus) -> None:
    from casus.engine.evaluate import evaluator

    evaluator(corpus).clear()


def _timed(fn, runs: int, cold: bool, corpus=None) -> float:
    times = []
    for _ in range(runs):
        if cold:
            _cold(corpus)
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def cascades(corpus, gazetteer) -> None:
    """A reciprocal cascade from every state in the corpus, one at a time."""
    rows = []
    for target in corpus.states():
        if target.startswith("COW-"):
            continue
        aggressor = "RUS" if target != "RUS" else "USA"
        scenario = Scenario("armed-attack", target, DAY, by=(aggressor,))
        result = cascade(corpus, scenario, "reciprocal", gazetteer=gazetteer)
        cold = _timed(lambda: cascade(corpus, scenario, "reciprocal", gazetteer=gazetteer), 15, True, corpus)
        warm = _timed(lambda: cascade(corpus, scenario, "reciprocal", gazetteer=gazetteer), 15, False)
        rows.append((cold, warm, target, len(result.joins()), len(result.rounds) - 1))
    colds = [r[0] for r in rows]
    warms = [r[1] for r in rows]
    slowest = max(rows)
    print(f"reciprocal cascade (armed-attack by RUS, or by USA on RUS), each of {len(rows)} targets on {DAY}:")
    print(f"  median over targets {statistics.median(colds) * 1000:.2f} ms cold, "
          f"{statistics.median(warms) * 1000:.2f} ms repeated  (goal < 20 ms)")
    print(f"  slowest target {slowest[2]}: {slowest[0] * 1000:.2f} ms cold, {slowest[1] * 1000:.2f} ms repeated "
          f"({slowest[3]} states, {slowest[4]} rounds)")
    seed = Scenario("armed-attack", "BLR", DAY, by=("POL",))
    print(f"  armed-attack on BLR by POL: {_timed(lambda: cascade(corpus, seed, 'reciprocal', gazetteer=gazetteer), 50, True, corpus) * 1000:.2f} ms cold")


def network(corpus) -> None:
    from casus.analysis.network import network_on

    for duty in ("military-assistance", "all"):
        edges = network_on(corpus, DAY, duty=duty)
        cold = _timed(lambda: network_on(corpus, DAY, duty=duty), 30, True, corpus)
        print(f"network on {DAY} (duty {duty}): {len(edges)} edges, median {cold * 1000:.2f} ms cold  "
              f"(goal < 50 ms)")
    days = [dt.date(year, 1, 1) for year in range(1950, 2026)]
    t = time.perf_counter()
    total = sum(len(network_on(corpus, day)) for day in days)
    print(f"network on 1 January of each year 1950-2025: {len(days)} dates, {total} edges in "
          f"{(time.perf_counter() - t) * 1000:.0f} ms")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="ignored here (used by bench_dyads.py, which dev.py runs too)")
    parser.parse_args()
    corpus = casus.load_corpus()
    gazetteer = Gazetteer.default()
    cascades(corpus, gazetteer)
    network(corpus)


if __name__ == "__main__":
    main()
