#!/usr/bin/env python3
"""Verdicts for the whole claims corpus, and `casus claim ID --json` against `casus ask --json`.

    .venv/bin/python benchmarks/bench_claims.py

1. In process: load the claims once, then compute every verdict of every
   claim (with readings, fact branches and qualifiers), cold (everything the corpus
   remembers cleared before each run) and warm.  Goal: under 50 ms.
2. As whole processes: `casus claim ID --json` against `casus ask ... --json`
   for the claim's own scenario.  Goal: within 20 %.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

CLAIM = "lukashenko-2020-09-army-will-go-to-war"
ASK = ["ask", "armed-attack", "--target", "RUS", "--by", "POL", "--on", "2020-09-09", "--json"]
RUNS = 15


def in_process() -> None:
    import casus
    from casus.analysis.claims import judge_claim
    from casus.service import claims as service

    corpus = casus.load_corpus()
    claims = service._all(corpus, service.claim_folders())
    scenarios = {c.id: service.scenarios(corpus, c) for c in claims}
    for label, clear in (("cold", True), ("warm", False)):
        times = []
        for _ in range(RUNS):
            if clear:  # forget everything remembered about the corpus: the engine's memo, findings, sub-corpora
                corpus.memo.clear()
            t = time.perf_counter()
            verdicts = [judge_claim(corpus, c, scenarios[c.id]) for c in claims]
            times.append(time.perf_counter() - t)
        count = sum(len(v.verdicts) for v in verdicts)
        print(f"in process, {label}: {len(claims)} claims, {count} verdicts: median "
              f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms (goal: under 50 ms)")
    t = time.perf_counter()
    for _ in range(RUNS):
        service.claims(corpus)
    print(f"service.claims (load from the memo, filter, judge): {(time.perf_counter() - t) / RUNS * 1000:.1f} ms")


def processes() -> None:
    casus_cmd = Path(sys.executable).parent / "casus"

    def once(args) -> float:
        t = time.perf_counter()
        subprocess.run([str(casus_cmd), *args], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t

    once(ASK)  # warm the compiled caches and the file system
    once(["claim", CLAIM, "--json"])
    asks, claims = [], []
    for _ in range(RUNS):  # interleaved, so that the load of the machine falls on both alike
        asks.append(once(ASK))
        claims.append(once(["claim", CLAIM, "--json"]))
    ask, claim = statistics.median(asks), statistics.median(claims)
    print(f"whole process: casus ask --json {ask * 1000:.0f} ms, casus claim {CLAIM} --json {claim * 1000:.0f} ms: "
          f"{(claim / ask - 1) * 100:+.0f} % (goal: within +20 %)")


if __name__ == "__main__":
    import argparse

    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_known_args()  # dev.py bench may pass --shared
    in_process()
    processes()
