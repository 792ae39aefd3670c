"""Turn ATOP's member-level and alliance-level files into casus treaty files.

ATOP (Leeds et al. 2002) codes, for every alliance member and alliance phase,
five obligations (defence, offence, neutrality, non-aggression, consultation)
and the conditions attached to them.  This module writes one casus treaty
file per ATOP alliance, so that ``casus ask --corpus atop`` evaluates a
scenario over all of ATOP's alliances with the same engine as the built-in
treaties.  The mapping (see docs/datasets.md, "ATOP as a corpus"):

* members and dates: each member row's entry date starts a spell and its exit
  date ends it (ATOP's exit date is the day the next phase starts, so it is
  used as the first day the member is no longer bound); a missing month or
  day is taken as the first month or day for entries and the last for exits;
  exit year 0 means still in effect when the data end.  COW codes become ISO
  alpha-3 codes, or ``COW-<code>`` for polities with no current state
  (:mod:`casus.geo.cow`).
* obligations: defence → ``military-assistance`` when a member is attacked;
  offence → ``offensive-support`` toward a member that attacks; neutrality →
  ``neutrality`` toward a member that is attacked; non-aggression →
  ``non-aggression`` binding a member that attacks another; consultation →
  ``consultation`` on an attack or threat.  Each provision is limited to its
  phase with a ``during`` condition and binds only the members ATOP codes
  with that obligation.
* conditions: a specific adversary, location, conflict, number of attackers
  or non-compliance with demands becomes a fact the scenario must give
  (``atop-ID-adversary`` and so on), so an unconditioned scenario is
  *undetermined*, never silently covered; non-provocation becomes the shared
  fact ``unprovoked``; consultation on request becomes a procedure step.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from casus.errors import InputError

ATOP_URL = "https://www.atopdata.org/"
CITATION = ("Leeds, Ritter, Mitchell and Long (2002), Alliance Treaty Obligations and Provisions, "
            "1815-1944, International Interactions 28: 237-260")

OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
CONDITIONS = {
    "defense": ("defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr"),
    "offense": ("offcoadv", "offcoloc", "offcocon", "offconum", "offcodem"),
    "neutral": ("neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr"),
    "nonagg": (),
    "consul": ("concoadv", "concoloc", "concocon", "concoreq"),
}
_KIND = {"coadv": "adversary", "coloc": "location", "cocon": "conflict", "conum": "number",
         "codem": "demands", "conpr": "unprovoked", "coreq": "request"}
_QUESTION = {
    "adversary": "Is the aggressor the specific adversary that ATOP alliance {id} names as the condition?",
    "location": "Does the conflict take place in the location that ATOP alliance {id} specifies?",
    "conflict": "Is this the specific conflict that ATOP alliance {id} is about?",
    "number": "Is the number of attackers the one that ATOP alliance {id} specifies?",
    "demands": "Has the adversary failed to comply with the demands ATOP alliance {id} names?",
}
_DUTY = {"defense": "military-assistance", "offense": "offensive-support", "neutral": "neutrality",
         "nonagg": "non-aggression", "consul": "consultation"}
_WORDS = {"defense": "a defence obligation: active military support if the ally is attacked",
          "offense": "an offence obligation: active military support of the ally's own military action",
          "neutral": "a neutrality obligation: not to aid the adversary of the ally in a conflict",
          "nonagg": "a non-aggression obligation: not to attack the other members",
          "consul": "a consultation obligation: to consult in a crisis threatening a member"}

REQUIRED_MEMBER = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "phase",
                   *OBLIGATIONS)


@dataclass
class Row:
    atopid: int
    member: int
    phase: int
    start: dt.date
    end: dt.date | None
    values: dict[str, str]


@dataclass
class Alliance:
    atopid: int
    rows: list[Row] = field(default_factory=list)
    begin: dt.date | None = None
    end: dt.date | None = None
    version: str = ""


# -- reading -------------------------------------------------------------------------------------
def _int(text: str | None) -> int:
    text = (text or "").strip()
    if not text or text.upper() in ("NA", "."):
        return 0
    try:
        return int(float(text))
    except ValueError:
        return 0


def _date(year: int, month: int, day: int, end: bool) -> dt.date:
    month = month if 1 <= month <= 12 else (12 if end else 1)
    last = calendar.monthrange(year, month)[1]
    day = day if 1 <= day <= last else (last if end else 1)
    return dt.date(year, month, day)


def _open_table(source: Path, patterns: tuple[str, ...], what: str) -> tuple[str, list[dict[str, str]]]:
    """Find and read the CSV for ``what`` in a folder or zip file; keys are lower-case."""
    def matches(name: str) -> bool:
        base = name.rsplit("/", 1)[-1].lower()
        return base.endswith(".csv") and any(re.search(p, base) for p in patterns) and "nna" not in base

    if source.is_file() and source.suffix.lower() == ".zip":
        with zipfile.ZipFile(source) as archive:
            names = sorted(n for n in archive.namelist() if matches(n))
            if not names:
                raise InputError(f"{source}: no {what} file inside (looked for names like "
                                 f"{patterns[0]!r}); give the ATOP CSV release")
            text = archive.read(names[0]).decode("utf-8-sig", errors="replace")
            label = f"{source}:{names[0]}"
    else:
        names = sorted(p for p in source.rglob("*") if p.is_file() and matches(str(p)))
        zips = sorted(source.rglob("*.zip"))
        if not names and zips:
            return _open_table(zips[0], patterns, what)
        if not names:
            raise InputError(f"{source}: no {what} file found (looked for names like {patterns[0]!r}); "
                             "give the folder of the ATOP CSV release (or its zip)")
        text = names[0].read_text(encoding="utf-8-sig", errors="replace")
        label = str(names[0])
    reader = csv.DictReader(io.StringIO(text))
    rows = [{(k or "").strip().lower(): (v or "") for k, v in r.items()} for r in reader]
    return label, rows


def read(source: Path) -> list[Alliance]:
    """Read ATOP's member-level (required) and alliance-level (optional) files."""
    source = Path(source)
    if not source.exists():
        raise InputError(f"{source}: no such file or folder; give the ATOP CSV folder or zip "
                         "(or run `casus data fetch atop` and leave the folder out)")
    label, members = _open_table(source, (r"member", r"atop\d.*m\.csv$", r"_m\.csv$"), "member-level")
    if not members:
        raise InputError(f"{label}: the member-level file is empty")
    missing = [c for c in REQUIRED_MEMBER if c not in members[0]]
    if missing:
        raise InputError(f"{label}: missing column(s) {', '.join(missing)}; "
                         "is this ATOP's member-level file (v4 or v5)?")
    alliances: dict[int, Alliance] = {}
    for line, r in enumerate(members, start=2):
        try:
            atopid, member = _int(r["atopid"]), _int(r["member"])
            start = _date(_int(r["yrent"]), _int(r["moent"]), _int(r["dayent"]), end=False)
            exit_year = _int(r["yrexit"])
            end = _date(exit_year, _int(r["moexit"]), _int(r["dayexit"]), end=True) if exit_year else None
        except ValueError as exc:
            raise InputError(f"{label}:{line}: cannot read the entry or exit date ({exc})") from None
        if not atopid or not member:
            continue
        if end is not None and end <= start:
            end = start + dt.timedelta(days=1)  # a one-day spell (ATOP codes a few same-day exits)
        alliance = alliances.setdefault(atopid, Alliance(atopid))
        alliance.version = r.get("version", "") or alliance.version
        alliance.rows.append(Row(atopid, member, _int(r["phase"]), start, end, r))
    try:
        _, level = _open_table(source, (r"alliance-level", r"atop\d.*a\.csv$", r"_a\.csv$"), "alliance-level")
    except InputError:
        level = []
    for r in level:
        alliance = alliances.get(_int(r.get("atopid")))
        if alliance is None or not _int(r.get("begyr")):
            continue
        alliance.begin = _date(_int(r.get("begyr")), _int(r.get("begmo")), _int(r.get("begday")), end=False)
        if _int(r.get("endyr")):
            alliance.end = _date(_int(r.get("endyr")), _int(r.get("endmo")), _int(r.get("endday")), end=True)
    return [alliances[k] for k in sorted(alliances)]


# -- converting ----------------------------------------------------------------------------------
def _spells(rows: list[Row], code_of) -> dict[str, list[tuple[dt.date, dt.date | None]]]:
    """Membership spells per casus state code, merging touching or overlapping spells."""
    spans: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for row in rows:
        spans[code_of(row.member, row.start.year)].append((row.start, row.end))
    merged: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    for code, items in spans.items():
        items.sort(key=lambda s: s[0])
        out: list[list] = []
        for start, end in items:
            if out and (out[-1][1] is None or start <= out[-1][1]):
                if out[-1][1] is not None and (end is None or end > out[-1][1]):
                    out[-1][1] = end
            else:
                out.append([start, end])
        merged[code] = [(s, e) for s, e in out]
    return merged


def convert(alliance: Alliance, code_of) -> dict:
    """One ATOP alliance as a casus treaty document (a dict ready for YAML)."""
    aid = alliance.atopid
    spells = _spells(alliance.rows, code_of)
    begin = alliance.begin or min(r.start for r in alliance.rows)
    ends = [r.end for r in alliance.rows]
    end = alliance.end if alliance.end else (None if None in ends else max(e for e in ends if e))
    if end is not None and end <= begin:
        end = begin + dt.timedelta(days=1)
    version = f" v{alliance.version}" if alliance.version else ""
    doc: dict = {
        "casus_format": 1,
        "id": f"atop-{aid}",
        "kind": "treaty",
        "title": f"ATOP alliance {aid}",
        "short_title": f"ATOP {aid}",
        "summary": (f"Alliance {aid} as coded by ATOP{version}, imported by casus: its members over time "
                    f"and the obligations ATOP codes for each member and phase. The coding, not the "
                    f"treaty text, is the source."),
        "sources": {"atop": {"title": f"ATOP{version}, alliance {aid} ({CITATION})", "url": ATOP_URL}},
        "lifecycle": [{"event": "signed", "date": begin, "sources": ["atop"]},
                      {"event": "in-force", "date": begin, "sources": ["atop"],
                       "note": "ATOP dates an alliance from its signature (or first member's entry)."}],
        "parties": {},
        "provisions": [],
    }
    if end is not None:
        doc["lifecycle"].append({"event": "terminated", "date": end, "sources": ["atop"]})
    for code, items in sorted(spells.items()):
        events = []
        for start, stop in items:
            events.append({"event": "joined", "date": max(start, begin), "sources": ["atop"]})
            if stop is not None and (end is None or stop < end):
                events.append({"event": "withdrew", "date": stop, "sources": ["atop"]})
        doc["parties"][code] = {"events": events}
    facts: dict[str, str] = {}
    phases: dict[int, list[Row]] = defaultdict(list)
    for row in alliance.rows:
        phases[row.phase].append(row)
    multi = len(phases) > 1
    for phase in sorted(phases):
        rows = phases[phase]
        p_start = min(r.start for r in rows)
        p_end = None if any(r.end is None for r in rows) else max(r.end for r in rows)
        groups: dict[tuple, list[str]] = defaultdict(list)
        for row in rows:
            for ob in OBLIGATIONS:
                if _int(row.values.get(ob)) == 1:
                    conds = tuple(c for c in CONDITIONS[ob] if _int(row.values.get(c)) == 1)
                    code = code_of(row.member, row.start.year)
                    if code not in groups[(ob, conds)]:
                        groups[(ob, conds)].append(code)
        for (ob, conds), members in sorted(groups.items()):
            doc["provisions"].append(_provision(aid, ob, conds, members, phase if multi else None,
                                                p_start, p_end, facts, alliance.rows))
    if not doc["provisions"]:
        doc["provisions"].append(_empty(aid))
    if facts:
        doc["facts"] = facts
    return doc


def _provision(aid, ob, conds, members, phase, p_start, p_end, facts, rows) -> dict:
    suffix = "" if phase is None else f"-phase-{phase}"
    kinds = [_KIND[c[3:]] for c in conds]
    when: list[dict] = []
    if phase is not None:
        during = {"from": p_start}
        if p_end is not None:
            during["until"] = p_end
        when.append({"during": during, "label": f"ATOP phase {phase} applies"})
    if ob == "consul":
        when.append({"event": ["armed-attack", "threat-of-attack"]})
    elif ob == "nonagg":
        when.append({"event": ["armed-attack", "threat-of-attack"]})
        when.append({"by-party": True})
    else:
        when.append({"event": ["armed-attack"]})
    if ob == "offense":
        when.append({"by-party": True})
    procedure = []
    for kind in kinds:
        if kind == "request":
            procedure.append({"step": "a request by the member concerned (ATOP: consultation on request)"})
        elif kind == "unprovoked":
            facts["unprovoked"] = "Was the attack unprovoked by the ally attacked?"
            when.append({"fact": "unprovoked"})
        else:
            name = f"atop-{aid}-{kind}"
            facts[name] = _QUESTION[kind].format(id=aid)
            when.append({"fact": name})
    named = sorted({_int(r.values.get(k)) for r in rows for k in ("statthr1", "statthr2")} - {0})
    caveats = []
    if "adversary" in kinds and named:
        caveats.append(f"ATOP names these states (COW codes) as the specific threat: "
                       f"{', '.join(str(n) for n in named)}.")
    prov = {
        "id": f"{ob}{suffix}" + ("-" + "-".join(kinds) if kinds else ""),
        "article": f"ATOP {ob}" + ("" if phase is None else f", phase {phase}"),
        "title": f"{_WORDS[ob].split(':')[0].capitalize()} (ATOP coding)",
        "text": (f"ATOP codes {_WORDS[ob]}"
                 + (f", conditional on: {', '.join(kinds)}" if kinds else ", without conditions")
                 + "."),
        "sources": ["atop"],
        "modality": "must",
        "duty": _DUTY[ob],
        "discretion": {"code": "unspecified", "wording": "as coded by ATOP; see the treaty text for its terms"},
        "bound": "aggressors" if ob == "nonagg" else {"others-among": members},
        "when": {"all": when} if len(when) > 1 else when[0],
    }
    if ob == "offense":
        prov["beneficiary"] = "aggressors"
    if procedure:
        prov["procedure"] = procedure
    if caveats:
        prov["caveats"] = caveats
    return prov


def _empty(aid) -> dict:
    return {"id": "no-obligation", "article": "ATOP",
            "title": "Alliance without a coded obligation",
            "text": "ATOP lists these states as allied but codes none of the five obligations for them.",
            "sources": ["atop"], "modality": "must", "duty": "consultation",
            "discretion": {"code": "unspecified"}, "bound": {"others-among": []},
            "when": {"event": ["armed-attack"]}}


class _Dumper(yaml.SafeDumper):
    """Plain YAML: no anchors or aliases, so every file reads on its own."""

    def ignore_aliases(self, data) -> bool:
        return True


def write(alliances: list[Alliance], out: Path, code_of, check=None) -> int:
    """Write one YAML file per alliance into ``out``, replacing an earlier import; return the count.

    The files are written to a new folder beside ``out``; ``check`` (if
    given) is called with that folder and may raise to reject it.  Only when
    every file is written (and checked) does the new folder take the place of
    ``out``: a failure part-way (a bad row, a full disk) leaves the previous
    import exactly as it was.  Raises :class:`casus.errors.OutputError` when
    the folder cannot be written.
    """
    from casus.geo import GeoError
    from casus.outputs import atomic_folder, check_writable

    check_writable(out, folder=True)
    count = 0
    with atomic_folder(out) as staging:
        if out.is_dir():  # keep anything in the folder that is not an earlier import's file
            for kept in out.iterdir():
                if not (kept.name.startswith("atop-") and kept.suffix == ".yaml"):
                    _copy(kept, staging / kept.name)
        for alliance in alliances:
            try:
                doc = convert(alliance, code_of)
            except GeoError as exc:  # e.g. a member code the COW crosswalk does not know
                raise InputError(f"ATOP alliance {alliance.atopid}: {exc}; nothing was changed in {out}") from None
            text = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
            (staging / f"atop-{alliance.atopid}.yaml").write_text(
                "# Imported from ATOP by `casus import atop`; regenerate rather than edit.\n" + text,
                encoding="utf-8")
            count += 1
        if check is not None:
            check(staging)
    return count


def _copy(source: Path, target: Path) -> None:
    import shutil

    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copy2(source, target, follow_symlinks=False)
