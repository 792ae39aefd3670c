"""Rewrite the README's tested output blocks with what the commands print today.

Each block between ``<!-- begin output: ARGS -->`` and ``<!-- end output -->``
is replaced by the output of ``casus ARGS`` at 100 columns, the way
tests/test_readme_examples.py checks it.  Read the diff before committing it.

    python scripts/update_readme_outputs.py
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from casus.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def render(match: re.Match) -> str:
    args, body = match.group(1), match.group(2)
    result = CliRunner().invoke(main, shlex.split(args), env={"COLUMNS": "100"})
    if result.exit_code != 0:
        raise SystemExit(f"casus {args} failed: {result.output}")
    text = "\n".join(line.rstrip() for line in result.output.strip().splitlines())
    fence = body.lstrip().startswith("```")
    lang = re.match(r"\s*```(\w*)", body).group(1) if fence else ""
    inner = f"```{lang}\n{text}\n```\n" if fence else f"{text}\n"
    return f"<!-- begin output: {args} -->\n{inner}<!-- end output -->"


def main_() -> None:
    text = README.read_text(encoding="utf-8")
    new = re.sub(r"<!-- begin output: (.+?) -->\n(.*?)<!-- end output -->", render, text, flags=re.S)
    README.write_text(new, encoding="utf-8")
    print("README output blocks", "unchanged" if new == text else "rewritten")


if __name__ == "__main__":
    main_()
