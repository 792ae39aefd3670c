"""Dependencies run one way: an import that reaches up a layer fails this test.

    base (errors, suggest, userdirs, outputs) → model → language → loader, geo → engine
      → analysis, datasets, importers → service → render, cli, testing, web

Every import counts, also those inside functions (casus imports lazily to
start fast), so a lazy import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "casus"

RANK = {"errors": 0, "suggest": 0, "userdirs": 0, "outputs": 0, "model": 1, "language": 2, "loader": 3, "geo": 3,
        "engine": 4, "analysis": 5, "datasets": 5, "importers": 5, "claims": 5, "service": 6,
        "render": 7, "cli": 7, "testing": 7, "web": 7}
#: imports between two parts of one layer that the design allows
SIDEWAYS = {("outputs", "errors"), ("loader", "geo"), ("cli", "render"), ("cli", "web"), ("web", "render"), ("datasets", "importers"),
            ("importers", "datasets"), ("datasets", "analysis")}


def _part(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "casus" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            if node.module == "casus":
                for alias in node.names:
                    yield node.lineno, f"casus.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if len(rel.parts) == 1 and rel.name in ("__init__.py", "__main__.py"):
            continue  # the public face and the entry point may import anything
        yield path, rel.parts[0].removesuffix(".py")


def upward(path: Path, own: str) -> list[str]:
    found = []
    for line, module in _imports(path):
        other = _part(module)
        if other is None or other == own or other not in RANK:
            continue
        if RANK[other] > RANK[own] or (RANK[other] == RANK[own] and (own, other) not in SIDEWAYS):
            found.append(f"{path.name}:{line}: {own} imports {module}")
    return found


def test_every_part_of_casus_has_a_layer():
    parts = {own for _, own in modules()}
    assert parts <= set(RANK), f"give these a layer in RANK: {sorted(parts - set(RANK))}"


@pytest.mark.parametrize("path,own", list(modules()), ids=lambda v: str(v).rsplit("src/", 1)[-1])
def test_no_module_imports_a_layer_above_its_own(path, own):
    assert not upward(path, own)


def test_the_check_catches_an_upward_import(tmp_path):
    bad = tmp_path / "evaluate.py"
    bad.write_text("def f():\n    from casus.render.answer import render\n    return render\n")
    assert upward(bad, "engine") == ["evaluate.py:2: engine imports casus.render.answer"]
    assert upward(bad, "cli") == []
