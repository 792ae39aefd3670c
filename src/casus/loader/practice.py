"""Practice files (``casus_practice: 1``): the record of how provisions have been used.

One YAML file per instrument, in ``corpus/practice/`` (built in) or in a
``practice/`` folder of a user's corpus folder, named after the instrument's
id (``ID.yaml``).  Each file lists that instrument's records (docs/treaty-format.md,
"Record of practice").  Every problem is reported with the file, line, key
and a hint, like treaty files.

Each record is checked against the loaded instruments: its instrument and
provision must exist, its date must fall on a day the instrument is in force
(an instrument with no recorded entry into force: on or after its signature
or adoption), and every state in ``who`` and ``toward`` must be bound by the
instrument on that day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from casus.errors import Problem
from casus.model.instrument import Instrument, Source
from casus.model.practice import PracticeRecord
from casus.model.vocabulary import CONFIDENCE, PRACTICE_KINDS
from casus.suggest import hint as _near

FORMAT_KEY = "casus_practice"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_HINT = "see 'Record of practice' in docs/treaty-format.md"
_TOP = {"casus_practice": True, "instrument": True, "records": True}
_RECORD = {"id": True, "provision": True, "date": True, "kind": True, "who": False, "body": False,
           "toward": False, "outcome": True, "confidence": True, "sources": True, "provision_confirmed": False,
           "notes": False}


def load_practice(paths, instruments, check_state, contents=None) -> tuple[list[PracticeRecord], list[Problem]]:
    """Read practice files (``contents``: their bytes, when already read) and check each record."""
    from casus.loader.corpus import _display
    from casus.loader.limits import read_text

    by_id = {i.id: i for i in instruments}
    records: list[PracticeRecord] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for n, path in enumerate(paths):
        path = Path(path)
        display = _display(path)
        text, problem = read_text(path, display, contents[n] if contents is not None else None)
        if problem is not None:
            problems.append(problem)
            continue
        found, bad = parse(text, display, check_state, by_id, stem=path.stem)
        problems += bad
        for record in found:
            if record.id in seen:
                problems.append(Problem(display, record.line, "id", f"record id '{record.id}' is already used "
                                        f"by {seen[record.id]}", "give each record its own id"))
                continue
            seen[record.id] = display
            records.append(record)
    return records, problems


def parse(text: str, file: str, check_state, instruments: dict[str, Instrument], stem: str | None = None):
    """One practice file: (records, problems); no record is returned from a file with problems."""
    from casus.loader.yamlsrc import dotted, load

    doc = load(text, file)
    if doc.data is None:
        return [], doc.problems

    def problem(path, message, hint=None):
        doc.problems.append(Problem(file, doc.line(path), dotted(path), message, hint or _HINT))

    def mapping(value, path, keys, what) -> dict | None:
        if not isinstance(value, dict):
            problem(path, f"{what} is a mapping of keys", _HINT)
            return None
        for key in value:
            if key not in keys:
                problem(path + (key,), f"unknown key '{key}'",
                        _near(str(key), list(keys), "") or "allowed keys here: " + ", ".join(keys))
        for key, required in keys.items():
            if required and key not in value:
                problem(path, f"missing required key '{key}'")
        return value

    def text_of(value, path, minimum=1) -> str:
        if not isinstance(value, str) or len(value.strip()) < minimum:
            problem(path, "text is wanted here" if not isinstance(value, str) else "the text is too short",
                    "write a few words of plain text")
            return ""
        return " ".join(value.split())

    data = mapping(doc.data, (), _TOP, "a practice file")
    if data is None:
        return [], doc.problems
    if "casus_practice" in data and data["casus_practice"] != 1:
        problem(("casus_practice",), f"unknown practice format {data['casus_practice']!r}", "write casus_practice: 1")
    inst = None
    iid = data.get("instrument")
    if "instrument" in data:
        inst = instruments.get(iid) if isinstance(iid, str) else None
        if inst is None:
            problem(("instrument",), f"no instrument '{iid}' in the corpus",
                    _near(str(iid), sorted(instruments), "") or "give the id of a loaded instrument "
                    "(see casus treaties)")
        elif stem is not None and stem != iid:
            problem(("instrument",), f"the instrument '{iid}' differs from the file name '{stem}.yaml'",
                    f"name the file {iid}.yaml")
    items = data.get("records")
    if "records" in data and (not isinstance(items, list) or not items):
        problem(("records",), "records is a list of at least one record", _HINT)
        items = []
    out: list[PracticeRecord] = []
    for n, item in enumerate(items or []):
        p = ("records", n)
        rec = mapping(item, p, _RECORD, "a record")
        if rec is None:
            continue
        rid = rec.get("id")
        if "id" in rec and (not isinstance(rid, str) or not _ID.match(rid)):
            problem(p + ("id",), f"'{rid}' is not a record id", "lower-case words and digits joined by '-'")
        provision = None
        pid = rec.get("provision")
        if "provision" in rec and inst is not None:
            provision = next((x for x in inst.provisions if x.id == pid), None)
            if provision is None:
                problem(p + ("provision",), f"no provision '{pid}' in {inst.id}",
                        _near(str(pid), [x.id for x in inst.provisions], "")
                        or "provisions: " + ", ".join(x.id for x in inst.provisions))
        day = rec.get("date")
        if "date" in rec and not isinstance(day, dt.date):
            problem(p + ("date",), f"'{day}' is not a valid date", "write dates as YYYY-MM-DD")
            day = None
        kind = rec.get("kind")
        if "kind" in rec and kind not in PRACTICE_KINDS:
            problem(p + ("kind",), f"'{kind}' is not a known kind of practice",
                    _near(str(kind), list(PRACTICE_KINDS), "") or "use one of: " + ", ".join(PRACTICE_KINDS))
        who = rec.get("who", [])
        if isinstance(who, str):
            who = [who]
        if not isinstance(who, list):
            problem(p + ("who",), "who is a list of state codes", "e.g. [POL] or [TUR]")
            who = []
        for j, code in enumerate(who):
            hint = check_state(code) if isinstance(code, str) else "write ISO 3166-1 alpha-3 codes, e.g. POL"
            if hint:
                problem(p + ("who", j), f"'{code}' is not an ISO alpha-3 state code", hint)
        body = rec.get("body")
        if body is not None:
            body = text_of(body, p + ("body",), 3)
        if not who and not body and "who" not in rec:
            problem(p, "a record names who acted: the states in who, or the body", "add who: [ISO] or body: NAME")
        toward = rec.get("toward")
        if toward is not None:
            hint = check_state(toward) if isinstance(toward, str) else "write an ISO alpha-3 code, e.g. USA"
            if hint:
                problem(p + ("toward",), f"'{toward}' is not an ISO alpha-3 state code", hint)
        outcome = text_of(rec.get("outcome"), p + ("outcome",), 20) if "outcome" in rec else ""
        confidence = rec.get("confidence")
        if "confidence" in rec and confidence not in CONFIDENCE:
            problem(p + ("confidence",), f"'{confidence}' is not a confidence mark",
                    "use one of: " + ", ".join(CONFIDENCE))
        confirmed = rec.get("provision_confirmed", True)
        if not isinstance(confirmed, bool):
            problem(p + ("provision_confirmed",), "provision_confirmed takes true or false",
                    "write false when the provision the act rests on is not confirmed")
            confirmed = True
        sources = _sources(rec.get("sources"), p + ("sources",), problem) if "sources" in rec else ()
        notes = rec.get("notes", [])
        if isinstance(notes, str):
            notes = [notes]
        if not isinstance(notes, list):
            problem(p + ("notes",), "notes is a list of texts", "e.g. [a note]")
            notes = []
        notes = tuple(text_of(x, p + ("notes", j)) for j, x in enumerate(notes))
        if inst is not None and isinstance(day, dt.date):
            _check_dates(inst, day, [c for c in who if isinstance(c, str)], toward, p, problem)
        if doc.problems:
            continue
        out.append(PracticeRecord(rid, inst.id, pid, day, kind, tuple(who), body, toward, outcome, confidence,
                                  sources, confirmed, notes, file, doc.line(p)))
    if doc.problems:
        return [], doc.problems
    return out, doc.problems


def _sources(value, path, problem) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        problem(path, "sources is a list of at least one source with a title and a url", _HINT)
        return ()
    out = []
    for j, item in enumerate(value):
        if not isinstance(item, dict) or set(item) - {"title", "url"} or not {"title", "url"} <= set(item):
            problem(path + (j,), "a source has a title and a url (and nothing else)",
                    "e.g. {title: NATO press release, url: https://www.nato.int/...}")
            continue
        url = item["url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            problem(path + (j, "url"), "a url starts with http:// or https://", "give the page's address")
            continue
        if not isinstance(item["title"], str) or len(item["title"].strip()) < 3:
            problem(path + (j, "title"), "the title is too short", "name the page or document")
            continue
        out.append(Source(f"s{j + 1}", " ".join(item["title"].split()), url))
    return tuple(out)


def _check_dates(inst: Instrument, day: dt.date, who: list[str], toward, path, problem) -> None:
    """The record's day lies in the instrument's life, and the states named were bound on it."""
    if inst.in_force:
        if not any(i.contains(day) for i in inst.in_force):
            spans = ", ".join(f"[{i.start.isoformat()}, {i.end.isoformat() if i.end else 'open'})"
                              for i in inst.in_force)
            problem(path + ("date",), f"{day.isoformat()} is not a day {inst.id} is in force (in force: {spans})",
                    "a record is dated on a day the instrument is in force; check the date")
            return
    else:
        start = inst.signature()
        if start is None or day < start:
            problem(path + ("date",), f"{day.isoformat()} is before {inst.id} was signed or adopted",
                    "a record is dated on or after the instrument's signature or adoption")
            return
    for role, codes in (("who", who), ("toward", [toward] if isinstance(toward, str) else [])):
        for code in codes:
            party = inst.parties.get(code)
            if party is None:
                problem(path + (role,), f"{code} is not a party to {inst.id}",
                        "name states that are parties to the instrument")
            elif not any(i.contains(day) for i in party.bound):
                problem(path + (role,), f"{code} is not bound by {inst.id} on {day.isoformat()}",
                        "check the date, or the party's events in the treaty file")
