"""Layers below the command line speak in request fields, never in its flags.

An error raised by the engine or the service names its ``field`` (``by``,
``depth``); the command line turns that into ``--by`` and the site into a
query parameter.  This test reads every string in the code below the
interfaces and fails on a flag name (``--by``) outside a whole command
written in backticks (a hint may say: run `casus data fetch atop`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "casus"
BELOW = ("errors.py", "suggest.py", "outputs.py", "model", "language", "loader", "geo", "engine", "analysis",
         "datasets", "importers", "service")
#: modules run as programs of their own, with their own flags
PROGRAMS = {"geo/compile.py"}
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
COMMAND = re.compile(r"`casus [^`]*`")


def _strings(tree: ast.AST):
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    inside = set()  # the parts of f-strings, read whole below
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inside.update(id(v) for v in node.values)
            yield node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings | inside:
            yield node.lineno, node.value


def _files():
    for entry in BELOW:
        path = PACKAGE / entry
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


def test_no_flag_names_in_the_strings_below_the_interfaces():
    found = []
    files = list(_files())
    assert len(files) > 60
    for path in files:
        name = path.relative_to(PACKAGE).as_posix()
        if name in PROGRAMS:
            continue
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            for flag in FLAG.findall(COMMAND.sub("", text)):
                found.append(f"{name}:{line}: {flag} in {text!r}")
    assert not found, "\n".join(found)


def test_the_check_sees_a_flag():
    assert FLAG.findall(COMMAND.sub("", "give the other side with --by")) == ["--by"]
    assert FLAG.findall(COMMAND.sub("", "run `casus data fetch atop --from FILE`")) == []
    assert FLAG.findall("a date range 2000--2001, a dash -- aside") == []


def test_the_treaty_files_speak_in_no_interfaces_flags():
    """A note, caveat or paraphrase is shown on the site and by the command line alike: no flag, no command."""
    corpus = PACKAGE.parent.parent / "corpus"
    found = []
    for path in sorted(corpus.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
            if "url:" in text:
                continue
            if FLAG.search(text) or re.search(r"\bcasus (ask|show|compare|timeline|network|claim)\b", text):
                found.append(f"{path.relative_to(corpus)}:{number}: {line.strip()[:80]}")
    assert found == []
