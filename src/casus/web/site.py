"""What the site holds for its lifetime: the corpus, its fingerprint, the templates."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

#: A page of the site named in a text ("see /treaties for the ids", "see / for the pages").
PAGE = re.compile(r"(?<![\w/.-])(/(?:treaties|claims|ask|cascade|compare|timeline|network|verify|openapi\.json)?)"
                  r"(?![\w/-]|\.\w)")


def named(code) -> str:
    """A state or place code with its English name, ``BLR (Belarus)``; the code alone when it has none."""
    from casus.geo import Gazetteer, GeoError

    if not isinstance(code, str) or code == "non-state":
        return code
    try:
        name = Gazetteer.default().place(code).name
    except GeoError:
        return code
    return f"{code} ({name})" if name and name != code else code


def _marked(text, pattern: re.Pattern, markup) -> str:
    """The text escaped, each match of ``pattern`` replaced by ``markup(match)`` (None: the match stays text)."""
    from markupsafe import Markup, escape

    if text is None:
        return Markup("")
    text, parts, last = str(text), [], 0
    for m in pattern.finditer(text):
        made = markup(m)
        if made is not None:
            parts += [escape(text[last:m.start()]), made]
            last = m.end()
    return Markup("").join([*parts, escape(text[last:])])


def linked(text) -> str:
    """The text escaped, with each page of the site it names made a link to that page (the error hints)."""
    from markupsafe import Markup

    return _marked(text, PAGE, lambda m: Markup('<a href="{0}">{0}</a>').format(m.group(1)))


#: A parenthesised list of source keys in a note: "(newsam-zas)", "(eprs-2015, sharecast-2015)", "(sources: a, b)".
CITED = re.compile(r"\((sources?: )?([a-z0-9][a-z0-9-]*(?:[,;] ?[a-z0-9][a-z0-9-]*)*)\)")


def sourced(text, keys, page: str = "") -> str:
    """The text escaped, with each parenthesised list of source keys made links to those sources.

    ``keys`` are the source keys of the instrument the text belongs to; only a
    list whose every word is one of them is linked (a word in brackets that
    is not a key stays text).  Each key links to ``page#source-KEY``, the
    instrument page's list of its sources (``page`` empty: that page itself).
    """
    from markupsafe import Markup, escape

    def links(m):
        words = re.split(r"([,;] ?)", m.group(2))  # keys, with the separators between them kept
        if not all(w in keys for w in words[::2]):
            return None
        keyed = [Markup('<a class="source-key" href="{0}#source-{1}">{1}</a>').format(page, w) if n % 2 == 0
                 else escape(w) for n, w in enumerate(words)]
        return Markup("").join([Markup("("), escape(m.group(1) or ""), *keyed, Markup(")")])

    return _marked(text, CITED, links)


def fingerprint(folders=(), builtin: bool = True) -> tuple[str, int]:
    """sha256 over the treaty files that are loaded (names and contents, in name order), and their number.

    A permalink's answer depends on these files only, so two sites with the
    same fingerprint give the same answer to the same URL.
    """
    from casus.loader.corpus import builtin_dir, files_in, user_dirs

    files: list[Path] = []
    for folder in ([builtin_dir()] if builtin else []) + list(user_dirs(folders)):
        files += files_in(Path(folder))
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: (p.name, str(p))):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest(), len(files)


@dataclass
class Site:
    corpus: object
    version: str                  # sha256 hex of the treaty files
    files: int
    templates: object             # jinja2.Environment
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    fact_questions: dict = field(default_factory=dict)
    fact_askers: dict = field(default_factory=dict)  # fact name -> short titles of the instruments that ask it
    states: list = field(default_factory=list)
    claim_folders: list = field(default_factory=list)  # where the claims are read (casus.service.claims)
    claims_version: str = ""      # sha256 hex of the claim files (the claims pages cite it beside the corpus's)
    claim_files: int = 0

    @property
    def short_version(self) -> str:
        return "sha256:" + self.version[:16]


def make_site(folders=(), builtin: bool = True) -> Site:
    import jinja2

    from casus import service
    from casus.geo import Gazetteer

    with service.boundary():
        corpus = service.load(folders, builtin=builtin)
        version, files = fingerprint(folders, builtin)
    env = jinja2.Environment(loader=jinja2.PackageLoader("casus.web", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    from casus.model.citation import article, where

    env.globals["cite_article"] = article
    env.filters["linked"] = linked
    env.globals["cite_where"] = where

    def sourced_in(text, instrument_id: str, here: bool = False):
        inst = corpus.get(instrument_id)
        return sourced(text, inst.sources if inst else {}, "" if here else f"/treaties/{instrument_id}")

    env.filters["sourced"] = sourced_in
    from casus.model.vocabulary import CONFIDENCE_SHORT, INTENTION_KINDS

    env.globals["CONFIDENCE_WORDS"] = CONFIDENCE_SHORT
    env.globals["INTENTION_KINDS"] = INTENTION_KINDS
    from casus.model.cascade import CONDITIONAL

    env.globals["CONDITIONAL"] = CONDITIONAL  # the one wording of a join that waits for a missing fact
    env.globals["named"] = named
    from casus.service.claims import said

    env.globals["said"] = said
    questions, askers = {}, {}
    for inst in corpus.instruments:
        for f in inst.facts.values():
            questions.setdefault(f.name, f.question)
            askers.setdefault(f.name, []).append(inst.short_title)
    gazetteer = Gazetteer.default()
    states = []
    for code in gazetteer.states():
        try:
            name = gazetteer._name_of(code)  # noqa: SLF001 - the English name, for the suggestions
        except Exception:  # noqa: BLE001 - a name is only a suggestion
            name = code
        states.append((code, name))
    from casus.service.claims import claim_folders

    folders_of_claims = claim_folders(tuple(folders), builtin)
    claims_version, claims_count = claims_fingerprint(folders_of_claims)
    return Site(corpus, version, files, env, fact_questions=questions, fact_askers=askers, states=states,
                claim_folders=folders_of_claims, claims_version=claims_version, claim_files=claims_count)


def claims_fingerprint(folders) -> tuple[str, int]:
    """sha256 over the claim files read from ``folders`` (names and contents, in name order), and their number.

    The treaty fingerprint leaves the ``claims/`` folders out; a claim page's
    answer depends on both, so the claims pages cite both.
    """
    from casus.loader.claims import claim_files

    files = claim_files(folders)
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: (p.name, str(p))):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest(), len(files)
