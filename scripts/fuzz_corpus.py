#!/usr/bin/env python3
"""Fuzz the treaty loader and the commands for a long time; print what was found.

    python scripts/fuzz_corpus.py --minutes 10 [--seed N] [--keep DIR] [--dyads 0.05]

Random mutations of the built-in treaty files and of the bad fixtures
(tests/fixtures/bad) are loaded; every accepted mutant is evaluated by ask
(plain, --why, --json, --cascade, --readings all), network, timeline,
compare and show, and a share of them by dyads --with casus.  A crash is an
exception outside casus.errors.CasusError or an exit code other than 0/1/2;
a file that takes longer than --timeout seconds counts as a hang.
With --loader-only the accepted mutants are not evaluated, so many more files
go through the loader in the same time.  The counts
(files generated, accepted, rejected, crashes by signature) are printed at the
end; the exit code is 1 when anything crashed or hung.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))
os.environ["CASUS_NO_CACHE"] = "1"
os.environ.pop("CASUS_CORPUS", None)


class Hang(Exception):
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=None, help="default: from the clock (printed)")
    parser.add_argument("--keep", type=Path, default=None, help="save each file that crashed into DIR")
    parser.add_argument("--dyads", type=float, default=0.05, help="share of accepted files also run through dyads")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds one file may take")
    parser.add_argument("--loader-only", action="store_true",
                        help="load the mutants but do not run the commands on the accepted ones (many more files)")
    args = parser.parse_args()

    from click.testing import CliRunner

    import fuzzing

    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    pool = fuzzing.seeds()
    tally = fuzzing.Tally()
    hangs = 0
    runner = CliRunner()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)

    def on_alarm(signum, frame):
        raise Hang()

    signal.signal(signal.SIGALRM, on_alarm)
    print(f"seed {seed}, {len(pool)} seed files, {args.minutes} minute(s)", flush=True)
    started = time.monotonic()
    deadline = started + args.minutes * 60
    last_report = started
    with tempfile.TemporaryDirectory(prefix="casus-fuzz-") as work:
        while time.monotonic() < deadline:
            signal.setitimer(signal.ITIMER_REAL, args.timeout)
            try:
                fuzzing.one(rng, pool, tally, runner, Path(work), with_dyads=args.dyads, keep=args.keep,
                            evaluate=not args.loader_only)
            except Hang:
                hangs += 1
                tally.crashes["hang (over the time limit for one file)"] += 1
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            now = time.monotonic()
            if now - last_report > 60:
                print(f"[{(now - started) / 60:.1f} min] {tally.line()}", flush=True)
                last_report = now
    elapsed = time.monotonic() - started
    print(f"done in {elapsed / 60:.1f} min (seed {seed}): {tally.line()}")
    for sig, count in tally.crashes.most_common():
        print(f"  {count:6d}  {sig}")
        if sig in tally.examples:
            cmd, text = tally.examples[sig]
            print(f"          e.g. casus {' '.join(cmd)}")
            print("          " + text.strip().splitlines()[-1][:200])
    return 1 if tally.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
