"""Read YAML while remembering the line of every key.

PyYAML composes the document into nodes that carry their position; we turn
the nodes into plain Python values and keep a map from each value's path
(a tuple of keys and list indexes) to its 1-based line.  Duplicate keys are
reported instead of silently keeping the last one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml

try:  # the C parser is much faster; fall back quietly where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from casus.errors import Problem

Path = tuple[object, ...]


@dataclass
class Document:
    file: str
    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


_resolver = yaml.SafeLoader  # only used for its implicit-scalar resolution


def _scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def load(text: str, file: str) -> Document:
    doc = Document(file=file, data=None)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        doc.problems.append(Problem(file, line, "(file)", f"not valid YAML: {reason}",
                                    "check indentation and quoting near this line"))
        return doc
    if node is None:
        doc.problems.append(Problem(file, 1, "(file)", "the file is empty",
                                    "start from the annotated example in docs/treaty-format.md"))
        return doc
    doc.data = _build(node, (), doc)
    return doc


def _build(node: yaml.Node, path: Path, doc: Document) -> object:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), doc) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if isinstance(key, dt.date):
                key = key.isoformat()
            if key in out:
                doc.problems.append(Problem(
                    doc.file, key_node.start_mark.line + 1, _dotted(path + (key,)),
                    "duplicate key", "each key may appear once in a mapping; merge the two entries"))
                continue
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, path + (key,), doc)
        return out
    return None


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


dotted = _dotted
