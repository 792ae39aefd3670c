#!/usr/bin/env python3
"""Set up casus in a local virtual environment and run a task.

Only the Python standard library is used here, so this works on a machine
that has nothing but Python 3.11 or newer:

    python3 dev.py demo     # set up, then answer a sample scenario and follow its cascade
    python3 dev.py test     # set up, then run the test suite
    python3 dev.py bench    # set up, then run the benchmark scripts
    python3 dev.py serve    # set up, then serve the site on http://127.0.0.1:8000/ (casus serve)
    python3 dev.py shell    # set up, then print how to activate the environment

The environment lives in ``.venv`` beside this file.  It is (re)installed
whenever ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".casus-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")

DEMO = [
    ["casus", "ask", "armed-attack", "--target", "BLR", "--by", "POL",
     "--on", "2025-06-01", "--why"],
    ["casus", "ask", "armed-attack", "--target", "BLR", "--by", "POL",
     "--on", "2025-06-01", "--cascade", "--escalation", "reciprocal"],
]


def _python() -> str:
    return str(BIN / ("python.exe" if os.name == "nt" else "python"))


def _run(cmd: list[str], env: dict | None = None) -> int:
    print("+", " ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT, env=env)


def setup() -> None:
    if sys.version_info < (3, 11):
        sys.exit("casus needs Python 3.11 or newer (this is %s)" % sys.version.split()[0])
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        print(f"creating virtual environment in {VENV.name}/", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if _run([_python(), "-m", "pip", "install", "--quiet", "--upgrade", "pip"]) != 0:
        sys.exit("could not upgrade pip in the virtual environment")
    if _run([_python(), "-m", "pip", "install", "--quiet", "-e", ".[dev,all,web,browser]"]) != 0:
        sys.exit("could not install casus and its dependencies")
    # an editable install is not byte-compiled as a wheel is: compile casus once here, not on first use
    _run([_python(), "-m", "compileall", "-q", str(ROOT / "src")])
    STAMP.write_text(digest)


def _parallel(rest: list[str]) -> list[str]:
    """pytest-xdist options: one worker per core, each test module on one worker (a browser module's
    tests share one browser and one server, a module's fixtures are made once); none when the caller
    chose (-n, -p no:xdist) or asked for a debugger."""
    if any(a.startswith(("-n", "--numprocesses", "--pdb", "-p")) for a in rest):
        return []
    return ["-n", "auto", "--dist", "loadscope"]


def test_runs(rest: list[str]) -> list[tuple[str, list[str]]]:
    """The pytest runs of ``dev.py test``, each with its title: the caller's selection with the slow
    tests in it; or, given nothing, the whole suite in two runs that print their own figures, first
    what a plain ``pytest`` runs, then the tests marked slow (real browser, pictures, fuzzing)."""
    if rest:
        return [("", [*_parallel(rest), "--slow", *rest])]
    return [("the suite, without the tests marked slow:", _parallel(rest)),
            ("the tests marked slow (real browser, pictures, fuzzing):", [*_parallel(rest), "-m", "slow"])]


def tool(name: str) -> str:
    return str(BIN / name)


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "demo"
    rest = argv[1:]
    if task not in {"demo", "test", "bench", "serve", "shell"}:
        print(__doc__)
        return 2
    setup()
    if task == "demo":
        code = 0
        for cmd in DEMO:
            code = _run([tool(cmd[0]), *cmd[1:]]) or code
        return code
    if task == "test":
        chromium = os.environ.get("CASUS_CHROMIUM", "/usr/bin/chromium")
        if not Path(chromium).exists():
            print(f"note: no Chromium at {chromium}, so the real-browser tests (tests/web/test_browser.py) "
                  "will be skipped; to run them, install it (Debian/Ubuntu: sudo apt-get install chromium "
                  "fonts-liberation libatomic1) or set CASUS_CHROMIUM to a Chromium binary", flush=True)
        # bytecode is kept for the test run (in the gitignored __pycache__ folders): with
        # PYTHONDONTWRITEBYTECODE set, each worker would compile every module on every run
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        code = 0
        for title, args in test_runs(rest):
            if title:
                print(title, flush=True)
            code = _run([_python(), "-m", "pytest", *args], env=env) or code
        return code
    if task == "serve":
        return _run([tool("casus"), "serve", *rest])
    if task == "bench":
        code = 0
        for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
            code = _run([_python(), str(script), *rest]) or code
        return code
    print(f"activate with: source {VENV.name}/bin/activate")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
