"""Load and structurally check the curated gazetteer data (``data/places.yaml``).

Only shape is checked here (cheap, every load).  Whether every code in the
file is a real ISO code, every list complete and every source cited is
checked by the data-integrity tests in ``tests/geo``.
"""

from __future__ import annotations

import os

from casus.geo.errors import GeoDataError

DATA_FILE = os.path.join(os.path.dirname(__file__), "data", "places.yaml")

KINDS = ("state", "territory", "subdivision", "sea", "place")
RECORD_KEYS = frozenset({
    "name", "kind", "state", "administered_by", "claimants", "parent", "aliases",
    "tags", "notes", "note", "sources", "territory", "subdivisions", "history",
})
SUBDIVISION_DEFAULT_KEYS = frozenset({"tags", "claimants", "administered_by"})


def slug(text: str) -> str:
    """Normal form of a code or alias for lookups: trimmed, lower case, '-' for blanks."""
    return "-".join(text.strip().lower().replace("_", " ").split())


class TagDef:
    __slots__ = ("name", "description", "default", "default_by_kind", "derive", "note", "sources")

    def __init__(self, name: str, raw: dict):
        self.name = name
        self.description = " ".join(str(raw.get("description") or "").split())
        self.default = raw.get("default", False)
        self.default_by_kind = dict(raw.get("default_by_kind") or {})
        self.derive = raw.get("derive")
        self.note = raw.get("note")
        self.sources = tuple(raw.get("sources") or ())


class CuratedData:
    """The parsed data file.

    ``records``: canonical code -> record dict (as in the file).
    ``listed``: canonical code -> {tag: value} from ``lists``.
    ``aliases``: slug of alias -> canonical code.
    ``named``: slug of lower-case canonical codes (named places and seas) -> code.
    """

    def __init__(self, raw: dict, path: str):
        self.path = path
        if not isinstance(raw, dict) or raw.get("schema") != 1:
            raise GeoDataError(f"{path}: expected a mapping with 'schema: 1'")
        self.sources: dict[str, dict] = dict(raw.get("sources") or {})
        self.tags: dict[str, TagDef] = {}
        for name, tdef in (raw.get("tags") or {}).items():
            if not isinstance(tdef, dict):
                raise GeoDataError(f"{path}: tags.{name}: expected a mapping")
            self.tags[name] = TagDef(name, tdef)
        self.state_names: dict[str, list[str]] = {
            code: list(names) for code, names in (raw.get("state_names") or {}).items()}

        self.listed: dict[str, dict[str, object]] = {}
        self.list_dupes: list[str] = []
        for tag, groups in (raw.get("lists") or {}).items():
            if tag not in self.tags:
                raise GeoDataError(f"{path}: lists.{tag}: not a tag defined under 'tags'")
            for group, codes in (groups or {}).items():
                # YAML 1.1 reads the keys `true`/`false` as booleans.
                group = {True: "true", False: "false"}.get(group, group)
                if group not in ("true", "false", "none"):
                    raise GeoDataError(f"{path}: lists.{tag}.{group}: groups are true, false and none")
                value = {"true": True, "false": False, "none": None}[group]
                for code in codes or ():
                    code = str(code)
                    seen = self.listed.setdefault(code, {})
                    if tag in seen:
                        self.list_dupes.append(f"{tag}: {code}")
                    seen[tag] = value

        self.history_from = _date_or_none(raw.get("history_from"), f"{path}: history_from")
        self.records: dict[str, dict] = {}
        self.history: dict[str, tuple] = {}       # code -> its dated periods (casus.geo.history)
        self.aliases: dict[str, str] = {}
        self.named: dict[str, str] = {}
        for code, record in (raw.get("places") or {}).items():
            code = str(code)
            if record is None:
                record = {}
            if not isinstance(record, dict):
                raise GeoDataError(f"{path}: places.{code}: expected a mapping")
            unknown = set(record) - RECORD_KEYS
            if unknown:
                raise GeoDataError(f"{path}: places.{code}: unknown keys {sorted(unknown)}")
            kind = record.get("kind")
            if kind is not None and kind not in KINDS:
                raise GeoDataError(f"{path}: places.{code}.kind: {kind!r} is not one of {', '.join(KINDS)}")
            for tag in list(record.get("tags") or {}) + list(record.get("notes") or {}):
                if tag not in self.tags:
                    raise GeoDataError(f"{path}: places.{code}: unknown tag {tag!r}")
            sub = record.get("subdivisions")
            if sub is not None and (not isinstance(sub, dict) or set(sub) - SUBDIVISION_DEFAULT_KEYS):
                raise GeoDataError(f"{path}: places.{code}.subdivisions: allowed keys are "
                                   f"{', '.join(sorted(SUBDIVISION_DEFAULT_KEYS))}")
            if "history" in record:
                from casus.geo.history import check_periods

                self.history[code] = check_periods(record["history"], f"{path}: places.{code}.history", self)
            self.records[code] = record
            if code == code.lower():
                self.named[slug(code)] = code
            for alias in record.get("aliases") or ():
                key = slug(str(alias))
                if key in self.aliases and self.aliases[key] != code:
                    raise GeoDataError(f"{path}: alias {alias!r} given to both {self.aliases[key]} and {code}")
                self.aliases[key] = code

    def explicit(self, code: str) -> dict[str, object]:
        """Tag values set for ``code`` itself (record first, then lists)."""
        values = dict(self.listed.get(code, {}))
        values.update((self.records.get(code) or {}).get("tags") or {})
        return values


def _date_or_none(value: object, where: str):
    if value is None:
        return None
    from casus.geo.history import as_date

    return as_date(value, where)


def snapshot_path(path: str) -> str:
    return os.path.splitext(path)[0] + ".json"


def fingerprint(source: bytes) -> dict:
    """Identifies one version of the YAML text (staleness check, not security)."""
    import zlib

    return {"size": len(source), "crc32": zlib.crc32(source)}


def parse_yaml(source: bytes, path: str) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(source, Loader=loader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError) as exc:  # PyYAML raises ValueError for a date like 2000-13-01
        raise GeoDataError(f"gazetteer data {path} is not valid YAML: {' '.join(str(exc).split())}") from None


def load(path: str | None = None) -> CuratedData:
    """Load the curated data.

    The YAML file is the source of truth.  Parsing it costs ~45 ms (PyYAML
    import plus parse), so ``python -m casus.geo.compile`` writes a JSON
    snapshot beside it, stamped with the YAML's size and CRC-32.  The snapshot
    is used only when the stamp matches the YAML on disk; otherwise the YAML is
    parsed, so a stale snapshot can slow casus down but never change an answer
    (and the test suite fails until it is regenerated).
    """
    path = path or DATA_FILE
    try:
        with open(path, "rb") as handle:
            source = handle.read()
    except OSError as exc:
        raise GeoDataError(f"cannot read gazetteer data {path}: {exc.strerror}") from None
    raw = _read_snapshot(snapshot_path(path), fingerprint(source))
    if raw is None:
        raw = parse_yaml(source, path)
    return CuratedData(raw, path)


def _read_snapshot(path: str, stamp: dict) -> dict | None:
    import orjson  # already needed for the JSON documents; faster to import and to read than json

    try:
        with open(path, "rb") as handle:
            snapshot = orjson.loads(handle.read())
    except (OSError, ValueError):  # orjson.JSONDecodeError is a ValueError
        return None
    if not isinstance(snapshot, dict) or snapshot.get("source") != stamp:
        return None
    return snapshot.get("data")
