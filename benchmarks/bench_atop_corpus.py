#!/usr/bin/env python3
"""Scenarios over the whole imported ATOP corpus.

    .venv/bin/python benchmarks/bench_atop_corpus.py --shared ../shared/data

Imports ATOP's member- and alliance-level files from the folder given (into a
temporary cache), loads the resulting corpus, and times one scenario over it
(cold: the engine's memo cleared before each run) for several targets and
dates.  Goal: under 20 ms median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True,
                        help="folder holding atop-4.01-member-level.csv and atop-4.01-alliance-level.csv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CASUS_CACHE"] = tmp
        source = Path(tmp) / "atop-src"
        source.mkdir()
        for name in ("atop-4.01-member-level.csv", "atop-4.01-alliance-level.csv"):
            shutil.copy(args.shared / name, source / name)
        import casus
        from casus.engine.evaluate import evaluator
        from casus.engine import evaluate as engine
        from casus.geo.cow import cow_to_casus
        from casus.importers import atop
        from casus.loader.corpus import load_corpus, named_dir

        named_dir("atop").parent.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        count = atop.write(atop.read(source), named_dir("atop"), cow_to_casus)
        imported = time.perf_counter() - t
        t = time.perf_counter()
        corpus = load_corpus(["atop"], builtin=False)
        loaded = time.perf_counter() - t
        evaluator(corpus).clear()
        print(f"imported {count} alliances in {imported:.2f} s; first load (parse and check every file) "
              f"{loaded:.2f} s")
        cases = [("POL", "RUS", "1995-06-01"), ("USA", "RUS", "1985-06-01"), ("FRA", "DEU", "1913-06-01"),
                 ("EGY", "ISR", "1973-06-01"), ("RUS", "DEU", "1941-06-01"), ("GBR", "FRA", "1850-06-01"),
                 ("BRA", "ARG", "2000-06-01"), ("IND", "PAK", "1971-06-01")]
        times: list[float] = []
        findings = 0
        for target, by, day in cases:
            scenario = casus.make_scenario(corpus, "armed-attack", target, by=by, on=day)
            for _ in range(30):
                evaluator(corpus).clear()
                t = time.perf_counter()
                answer = engine.evaluate(corpus, scenario)
                times.append(time.perf_counter() - t)
            findings += len(answer.findings)
        print(f"one scenario over {len(corpus.instruments)} ATOP alliances, cold: median "
              f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
              f"({len(cases)} targets x 30 runs; {findings} findings in all)  (goal < 20 ms)")


if __name__ == "__main__":
    main()
