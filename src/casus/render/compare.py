"""Render a :class:`~casus.analysis.compare.Comparison`: terminal table, Markdown, CSV or JSON.

The text of every cell comes from the comparison; this module only lays it
out.  Each cell lists one entry a line: a line break in the terminal and in
CSV fields, ``<br>`` in Markdown.
"""

from __future__ import annotations


from rich.console import Console
from rich.table import Table
from rich.text import Text

from casus.analysis.compare import Comparison

FORMATS = ("table", "markdown", "csv", "json")

LEGEND = ("Derived from the encoded provisions (see docs/compare.md). A trigger is covered when a "
          "provision's condition is not false for that event, every other condition unknown; "
          "'if …' names what the condition still depends on (places are in the geographic scope row). "
          "Only a treaty creates treaty obligations: executive agreements, declarations, unilateral acts, "
          "doctrines and statements do not.")


def _header(column) -> str:
    return f"{column.id}\n{column.kind}: {column.short_title}"


def _title(comparison: Comparison) -> str:
    title = "Comparison of " + ", ".join(comparison.ids)
    if comparison.reading:
        title += f", contested provisions under the reading '{comparison.reading}'"
    return title


def render_table(comparison: Comparison, console: Console) -> None:
    table = Table(title=_title(comparison), title_justify="left",
                  show_lines=True, expand=False)
    table.add_column("dimension", style="bold", overflow="fold", min_width=12, max_width=16)
    for column in comparison.columns:
        table.add_column(_header(column), overflow="fold", min_width=20)
    for row in comparison.dimensions:
        table.add_row(row.label, *[Text(cell.text, style="dim" if cell.empty else "") for cell in row.cells])
    console.print(table)
    console.print(Text(LEGEND, style="italic"))


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def to_markdown(comparison: Comparison) -> str:
    header = ["dimension"] + [f"`{c.id}` ({c.kind})" for c in comparison.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in comparison.dimensions:
        lines.append("| " + " | ".join([f"**{_md(row.label)}**"] + [_md(c.text) for c in row.cells]) + " |")
    titles = [f"- `{c.id}`: {c.title} ({c.kind})" for c in comparison.columns]
    reading = [f"Contested provisions are read under the reading `{comparison.reading}`."] if comparison.reading else []
    return "\n".join(lines + ["", *titles, "", *reading, LEGEND]) + "\n"


def to_csv(comparison: Comparison) -> str:
    from casus.service.documents import compare_csv

    return compare_csv(comparison)


def to_json(comparison: Comparison) -> str:
    from casus.service.documents import dumps

    return dumps(comparison.to_dict()) + "\n"


TEXT_FORMATS = {"markdown": to_markdown, "csv": to_csv, "json": to_json}
