"""Read YAML while remembering the line of every key.

PyYAML composes the document into nodes that carry their position; we turn
the nodes into plain Python values and keep a map from each value's path
(a tuple of keys and list indexes) to its 1-based line.  Duplicate keys are
reported instead of silently keeping the last one.

A treaty file may come from anyone, so reading one is bounded: a file larger
than :data:`MAX_BYTES`, values nested deeper than :data:`MAX_DEPTH`, more
than :data:`MAX_VALUES` values once aliases (``*name``) are expanded, and an
alias that refers to itself are each reported as a problem naming the limit,
and nothing more of the file is read.
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
from casus.loader.limits import MAX_BYTES, MAX_DEPTH, MAX_VALUES, too_large  # noqa: F401 (too_large: callers)

Path = tuple[object, ...]



class _LimitHit(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


@dataclass
class Document:
    """A parsed YAML file with the line of each key path, and the problems found while reading it."""

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
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        doc.problems.append(too_large(file, size))
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        hint = "check indentation and quoting near this line"
        if "nesting depth" in str(reason):
            hint = f"treaty files nest at most {MAX_DEPTH} levels (limit: depth)"
        doc.problems.append(Problem(file, line, "(file)", f"not valid YAML: {reason}", hint))
        return doc
    except RecursionError:  # pragma: no cover - the parser's own depth limit comes first
        doc.problems.append(Problem(file, 1, "(file)", "the file nests too deeply (limit: depth)",
                                    f"treaty files nest at most {MAX_DEPTH} levels"))
        return doc
    if node is None:
        doc.problems.append(Problem(file, 1, "(file)", "the file is empty",
                                    "start from the annotated example in docs/treaty-format.md"))
        return doc
    try:
        doc.data = _Builder(doc).build(node, (), 0)
    except _LimitHit as hit:
        doc.data = None
        doc.problems.append(hit.problem)
    return doc


class _Builder:
    """Turn composed nodes into plain values, within the limits above."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.values = 0
        self.active: set[int] = set()  # nodes being built, to catch an alias inside itself

    def limit(self, node: yaml.Node, path: Path, message: str, hint: str) -> _LimitHit:
        key = _dotted(path[:4]) + ("..." if len(path) > 4 else "")  # a limit's path can be very long
        return _LimitHit(Problem(self.doc.file, node.start_mark.line + 1, key, message, hint))

    def build(self, node: yaml.Node, path: Path, depth: int) -> object:
        doc = self.doc
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.limit(node, path, f"the file expands to more than {MAX_VALUES:,} values "
                             "(limit: alias expansion)",
                             "write the repeated parts out, or use fewer aliases (*name)")
        if depth > MAX_DEPTH:
            raise self.limit(node, path, f"values nest more than {MAX_DEPTH} levels deep (limit: depth)",
                             "flatten the structure; conditions combine with all:/any: a few levels deep")
        doc.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if id(node) in self.active:
            raise self.limit(node, path, "an alias refers to the value that contains it (limit: recursive alias)",
                             "an anchor (&name) cannot be used (*name) inside its own value")
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path, depth)
        finally:
            self.active.discard(id(node))
        return None

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict:
        doc = self.doc
        out: dict[object, object] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = _scalar(key_node)
            else:
                key = "(a list)" if isinstance(key_node, yaml.SequenceNode) else "(a mapping)"
                doc.problems.append(Problem(
                    doc.file, key_node.start_mark.line + 1, _dotted(path + (key,)),
                    "a key is a plain word, not a list or mapping", "write the key as one word"))
                continue
            if isinstance(key, dt.date):
                key = key.isoformat()
            if key in out:
                doc.problems.append(Problem(
                    doc.file, key_node.start_mark.line + 1, _dotted(path + (key,)),
                    "duplicate key", "each key may appear once in a mapping; merge the two entries"))
                continue
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, path + (key,), depth + 1)
        return out


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


dotted = _dotted
