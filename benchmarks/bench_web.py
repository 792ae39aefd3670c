#!/usr/bin/env python3
"""casus on the web over loopback: latency, throughput, start-up and a bounded load test.

    .venv/bin/python benchmarks/bench_web.py [--quick]

Starts ``casus serve`` (one uvicorn worker, the default) on 127.0.0.1 as a
subprocess and measures, with a small asyncio HTTP/1.1 keep-alive client in
this process (which shares the machine's cores with the server; its own cost
per request is measured against a static file and reported):

- the time from starting ``casus serve`` to its first answer;
- the JSON ask route, one client at a time: median and 99th percentile;
- the JSON ask route with 32 concurrent clients: requests per second, errors;
- the HTML answer page, one client: median;
- a load test: 20,000 requests from 64 concurrent clients, a tenth of them
  malformed; every malformed one must be answered 400 with the casus.error/1
  document, none may get a 5xx, the server must still answer afterwards, and
  its resident memory may grow by less than 10 % from the first to the last
  thousand requests.

Goals: ask JSON median < 5 ms, p99 < 15 ms; >= 500 req/s with 32 clients;
HTML median < 15 ms; ready < 1.5 s.  Exit code 1 when the load test fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = [
    "event=armed-attack&target=BLR&by=POL&on=2025-06-01",
    "event=armed-attack&target=POL&by=RUS&on=2025-06-01",
    "event=armed-attack&target=JPN&by=CHN&on=2024-01-15",
    "event=threat-of-attack&target=BLR&by=LTU&on=2025-06-01",
    "event=armed-attack&target=AUS&by=CHN&on=2010-05-05",
    "event=armed-attack&target=KOR&by=PRK&on=2000-01-01",
    "event=armed-attack&target=EST&by=RUS&on=2023-03-03&fact=amounts-to-armed-aggression%3Dyes",
    "event=armed-attack&target=BRA&by=ARG&on=1990-07-01",
]
MALFORMED = [
    "/ask.json?event=armed-attack&target=Atlantis&on=2025-06-01",
    "/ask.json?event=invasion&target=BLR&on=2025-06-01",
    "/ask.json?event=armed-attack&target=BLR&on=2025-02-30",
    "/ask.json?event=armed-attack&target=BLR&on=2025-06-01&by=" + ",".join(["POL"] * 17),
    "/cascade.json?event=armed-attack&target=BLR&by=POL&on=2025-06-01&depth=99",
    "/ask.json?event=armed-attack&target=BLR&on=2025-06-01&fact=no-such-fact%3Dyes",
    "/compare.json?id=anzus-1951",
    "/ask.json?event=armed-attack&on=2025-06-01&target=" + "B" * 300,
]


class Client:
    """One keep-alive HTTP/1.1 connection; ``get`` returns (status, body)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            await self.open()
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: */*\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        body = await self.reader.readexactly(length) if length else b""
        return status, body

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def start_server(port: int, *extra: str) -> tuple[subprocess.Popen, float]:
    casus = Path(sys.executable).parent / "casus"
    started = time.perf_counter()
    proc = subprocess.Popen([str(casus), "serve", "--port", str(port), *extra], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=0.5) as r:
                if r.status == 200:
                    return proc, time.perf_counter() - started
        except OSError:
            if proc.poll() is not None:
                sys.exit("casus serve stopped: " + proc.stderr.read().decode())
            if time.perf_counter() - started > 30:
                proc.kill()
                sys.exit("casus serve did not answer within 30 s")
            time.sleep(0.005)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


async def sequential(port: int, paths: list[str], n: int) -> list[float]:
    c = Client("127.0.0.1", port)
    times = []
    for i in range(n):
        t = time.perf_counter()
        status, _ = await c.get(paths[i % len(paths)])
        times.append((time.perf_counter() - t) * 1000)
        assert status == 200, (status, paths[i % len(paths)])
    await c.close()
    return times


async def concurrent(port: int, paths: list[str], n: int, clients: int, check=None):
    """``n`` requests over ``clients`` connections; returns (seconds, statuses, failures, per-thousand hook)."""
    queue = list(range(n))
    results: list[tuple[int, int, bytes]] = []
    position = 0

    async def worker():
        nonlocal position
        c = Client("127.0.0.1", port)
        while True:
            if position >= n:
                break
            i = position
            position += 1
            try:
                status, body = await c.get(paths[i % len(paths)])
            except (OSError, asyncio.IncompleteReadError):
                status, body = 0, b""
                await c.close()
                c = Client("127.0.0.1", port)
            results.append((i, status, body))
            if check is not None:
                check(len(results))
        await c.close()

    t = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    del queue
    return time.perf_counter() - t, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests (a smoke run, not the figures)")
    parser.add_argument("--shared", type=Path, default=None,
                        help="accepted so that `dev.py bench --shared PATH` can run every script; not used")
    parser.add_argument("--cache-entries", default="256",
                        help="casus serve --cache-entries for the main server (0: every request computed)")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    port = free_port()
    readies = []
    for _ in range(1 if args.quick else 3):  # start-up: best and worst of three cold starts
        proc, ready = start_server(port)
        readies.append(ready)
        proc.terminate()
        proc.wait()
    # the work itself: every request computed (the cache of recent answers off)
    proc, _ = start_server(port, "--cache-entries", "0")
    try:
        ask_json = [f"/ask.json?{q}" for q in SCENARIOS]
        ask_html = [f"/ask?{q}" for q in SCENARIOS]
        asyncio.run(sequential(port, ask_json + ask_html, 50))
        cold_one = asyncio.run(sequential(port, ask_json, 1000 // scale))
        cold_html = asyncio.run(sequential(port, ask_html, 500 // scale))
        secs, res = asyncio.run(concurrent(port, ask_json, 2000 // scale, 32))
        cold_rate, cold_errors = len(res) / secs, sum(1 for _, s, _ in res if s != 200)
    finally:
        proc.terminate()
        proc.wait()
    proc, ready = start_server(port, "--cache-entries", args.cache_entries)
    readies.append(ready)
    pid = proc.pid
    failed = False
    try:
        ask_json = [f"/ask.json?{q}" for q in SCENARIOS]
        ask_html = [f"/ask?{q}" for q in SCENARIOS]
        asyncio.run(sequential(port, ask_json + ask_html, 200))  # warm every route once
        static = asyncio.run(sequential(port, ["/static/print.css"], 2000 // scale))
        one = asyncio.run(sequential(port, ask_json, 3000 // scale))
        html = asyncio.run(sequential(port, ask_html, 1000 // scale))
        secs, res = asyncio.run(concurrent(port, ask_json, 6000 // scale, 32))
        errors32 = sum(1 for _, s, _ in res if s != 200)
        print(f"casus serve ready: {min(readies):.2f} s best, {max(readies):.2f} s worst of {len(readies)} starts")
        print(f"client's own cost (a static file, one client): median {statistics.median(static):.2f} ms")
        print(f"ask JSON, one client: median {statistics.median(one):.2f} ms, p99 {pct(one, 99):.2f} ms "
              f"({len(one)} requests)")
        print(f"ask JSON, 32 clients: {len(res) / secs:.0f} req/s, {errors32} errors ({len(res)} requests)")
        print(f"ask HTML, one client: median {statistics.median(html):.2f} ms, p99 {pct(html, 99):.2f} ms")
        print(f"without the cache (--cache-entries 0, every request computed): ask JSON median "
              f"{statistics.median(cold_one):.2f} ms, p99 {pct(cold_one, 99):.2f} ms; ask HTML median "
              f"{statistics.median(cold_html):.2f} ms, p99 {pct(cold_html, 99):.2f} ms; 32 clients "
              f"{cold_rate:.0f} req/s, {cold_errors} errors")

        # the load test: a tenth malformed, mixed valid routes
        valid = ask_json + ask_html[:3] + [
            "/cascade.json?event=armed-attack&target=BLR&by=POL&on=2025-06-01&escalation=reciprocal",
            "/treaties/anzus-1951.json", "/treaties.json", "/ask.csv?" + SCENARIOS[1]]
        paths, bad = [], set()
        for i in range(20000 // scale):
            if i % 10 == 9:
                bad.add(i)
                paths.append(MALFORMED[(i // 10) % len(MALFORMED)])
            else:
                paths.append(valid[i % len(valid)])
        marks: dict[int, int] = {}
        total = len(paths)

        def check(done: int):
            if done == 1000 // scale and "first" not in marks:
                marks["first"] = rss_kb(pid)

        secs, res = asyncio.run(concurrent(port, paths, total, 64, check))
        marks["last"] = rss_kb(pid)
        statuses = [s for _, s, _ in res]
        five = sum(1 for s in statuses if s >= 500 or s == 0)
        wrong = 0
        for i, status, body in res:
            if i in bad:
                try:
                    doc = json.loads(body)
                    ok = status == 400 and doc["format"] == "casus.error/1" and doc["error"]["field"]
                except (ValueError, KeyError):
                    ok = False
                wrong += not ok
            elif status != 200:
                wrong += 1
        after = asyncio.run(sequential(port, ask_json[:1], 5))
        growth = (marks["last"] - marks["first"]) / marks["first"] * 100
        print(f"load test: {total} requests, 64 clients, {len(bad)} malformed, {total / secs:.0f} req/s; "
              f"{five} 5xx or dropped, {wrong} wrong answers; answering afterwards: {len(after) == 5}; "
              f"RSS {marks['first'] / 1024:.1f} MB after the first thousand, {marks['last'] / 1024:.1f} MB at the "
              f"end ({growth:+.1f} %)")
        failed = bool(five or wrong or growth >= 10)
        print("load test:", "FAILED" if failed else "passed")
    finally:
        proc.terminate()
        proc.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
