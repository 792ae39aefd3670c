"""Obligation columns derived from casus's own treaty corpus (``--with casus``).

ATOP stops with alliances signed by 2018; the casus corpus encodes current
treaties (the 2024 Union State and Russia–DPRK treaties among them).  This
adder turns the corpus into directed dyad-year columns in ATOP's terms:

``casus_defense``, ``casus_offense``, ``casus_neutral``, ``casus_nonagg``,
``casus_consul``
    1 when, in that year, ccode1 is bound to ccode2 by a treaty provision of
    that kind (for at least one day of the year, the same "any part of the
    year" rule as the state system and ATOP); 0 when the two states share at
    least one casus treaty that year but none of that kind binds ccode1 to
    ccode2; **null** when the two states share no casus treaty that year.
    The corpus covers chosen treaties, not all alliances, so a null says
    "casus has nothing to say", never "no alliance".
``casus_defense_conditions`` (and likewise for the other four)
    the conditions attached to the pledge, as a sorted comma-separated list:
    ``location`` (a geographic scope narrower than the parties' territory),
    ``adversary`` (who attacks matters), ``request`` or ``decision`` (a
    procedural step before help), ``fact`` (another condition the scenario
    must meet), ``discretionary`` (such action as it deems necessary,
    constitutional processes, ...); empty when unconditional, null when the
    column is not 1.
``casus_instruments``
    the ids of the casus treaties the two states share that year.

Mapping of duties: ``military-assistance``, and ``assistance`` owed against an
armed attack, count as defence; ``consultation`` as consultation;
``non-aggression``, ``neutrality`` and ``offensive-support`` as ATOP's
non-aggression, neutrality and offence.  Statements and doctrines are
declared intentions, not treaty obligations, and are left out.  States are
converted to COW codes for the year with :mod:`casus.geo.cow`; a state COW
does not list that year is left out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import polars as pl

from casus.language import operators as ops
from casus.language.parties import active, bound_parties
from casus.model.instrument import Condition, Corpus, Instrument, Provision

KINDS = ("defense", "offense", "neutral", "nonagg", "consul")
SCHEMA = {**{f"casus_{k}": pl.Int8 for k in KINDS}, **{f"casus_{k}_conditions": pl.Utf8 for k in KINDS},
          "casus_instruments": pl.Utf8}
COLUMNS = tuple(SCHEMA)


def _kind(p: Provision) -> str | None:
    if p.duty == "military-assistance" or (p.duty == "assistance" and _reads_event(p.when, "armed-attack")):
        return "defense"
    return {"consultation": "consul", "non-aggression": "nonagg", "neutrality": "neutral",
            "offensive-support": "offense"}.get(p.duty)


def _reads_event(cond: Condition, event: str) -> bool:
    if cond.op == "event":
        return event in cond.arg
    return any(_reads_event(c, event) for c in cond.children)


def conditions(inst: Instrument, p: Provision) -> tuple[str, ...]:
    """What a pledge is necessarily conditional on, in the column's words.

    A condition counts only if every way of meeting the trigger needs it: the
    kinds under ``all`` add up, those under ``any`` are intersected (an
    alternative without the condition makes the pledge not conditional on it).
    """
    found = set(ops.requires(p.when, inst, p))
    for step in p.procedure:
        found.add("request" if "request" in step.text.lower() else "decision")
    if p.discretion.discretionary:
        found.add("discretionary")
    if p.decision is not None:
        found.add("decision")
    return tuple(sorted(found))


def _years(intervals, first: int, last: int) -> set[int]:
    out: set[int] = set()
    for i in intervals:
        end_year = last if i.end is None else (i.end - dt.timedelta(days=1)).year
        out.update(range(max(i.start.year, first), min(end_year, last) + 1))
    return out


def pledges(corpus: Corpus, first: int, last: int):
    """Yield (iso1, iso2, year, kind, conditions, instrument id) for every directed pledge-year,
    and (iso1, iso2, year, None, (), instrument id) for every pair sharing a treaty."""
    for inst in corpus.instruments:
        if inst.kind != "treaty":
            continue
        years_in_force = _years(inst.in_force, first, last)
        # sharing the treaty: the years a state is a party; a pledge: the years it is also not suspended
        # (the engine's rule: a suspended participation binds to nothing and is owed nothing)
        member_years = {s: _years(p.bound, first, last) & years_in_force for s, p in inst.parties.items()}
        active_years = {s: _years(active(p), first, last) & years_in_force for s, p in inst.parties.items()}
        suspended = {s: {(t, y) for t, i in p.suspended_toward for y in _years([i], first, last)
                         if i.start <= dt.date(y, 1, 1) and (i.end is None or i.end > dt.date(y, 12, 31))}
                     for s, p in inst.parties.items()}
        states = sorted(member_years)
        for a in states:
            for b in states:
                if a == b:
                    continue
                for year in member_years[a] & member_years[b]:
                    yield a, b, year, None, (), inst.id
        for p in inst.provisions:
            kind = _kind(p)
            if kind is None:
                continue
            conds = conditions(inst, p)
            beneficiaries = states if p.beneficiary in ("target", "aggressors") else [p.beneficiary]
            for b in beneficiaries:
                # a pledge binding the aggressors binds any party that attacks: every other party here
                for a in bound_parties(p, states, b, aggressors=states if p.bound == "aggressors" else ()):
                    if a == b or a not in member_years or b not in member_years:
                        continue
                    for year in active_years[a] & active_years[b]:
                        if (b, year) not in suspended[a]:
                            yield a, b, year, kind, conds, inst.id


def casus_table(corpus: Corpus, first: int, last: int) -> pl.DataFrame:
    """The casus columns per directed COW dyad-year (only dyad-years the corpus speaks about)."""
    from casus.geo.cow import casus_to_cow

    cells: dict[tuple[int, int, int], dict] = {}
    cow_cache: dict[tuple[str, int], int | None] = {}

    def cow(code: str, year: int) -> int | None:
        key = (code, year)
        if key not in cow_cache:
            try:
                cow_cache[key] = casus_to_cow(code, year)
            except ValueError:
                cow_cache[key] = None
        return cow_cache[key]

    for a, b, year, kind, conds, inst_id in pledges(corpus, first, last):
        c1, c2 = cow(a, year), cow(b, year)
        if c1 is None or c2 is None or c1 == c2:
            continue
        cell = cells.get((c1, c2, year))
        if cell is None:
            cell = cells[(c1, c2, year)] = {"instruments": set(), **{k: None for k in KINDS}}
        cell["instruments"].add(inst_id)
        if kind is not None:
            current = cell[kind]
            cell[kind] = set(conds) if current is None else (current & set(conds))  # least conditional
    rows = defaultdict(list)
    for (c1, c2, year), cell in sorted(cells.items()):
        rows["ccode1"].append(c1)
        rows["ccode2"].append(c2)
        rows["year"].append(year)
        for k in KINDS:
            rows[f"casus_{k}"].append(0 if cell[k] is None else 1)
            rows[f"casus_{k}_conditions"].append(None if cell[k] is None else ",".join(sorted(cell[k])))
        rows["casus_instruments"].append(",".join(sorted(cell["instruments"])))
    return pl.DataFrame(rows, schema={"ccode1": pl.Int32, "ccode2": pl.Int32, "year": pl.Int32, **SCHEMA})


def add_casus(table: pl.DataFrame, corpus: Corpus | None = None) -> pl.DataFrame:
    """Column adder for ``dyad_years(..., extra=["casus"])`` and ``casus dyads --with casus``."""
    from casus.datasets.atop import is_directed

    if corpus is None:
        from casus.loader.corpus import load_corpus

        corpus = load_corpus()
    if table.height == 0:
        return table.with_columns([pl.lit(None, dtype=dtype).alias(name) for name, dtype in SCHEMA.items()])
    first, last = int(table["year"].min()), int(table["year"].max())
    extra = casus_table(corpus, first, last)
    if not is_directed(table):
        extra = _undirected(extra)
    return table.join(extra, on=["ccode1", "ccode2", "year"], how="left", maintain_order="left")


def _undirected(extra: pl.DataFrame) -> pl.DataFrame:
    """Pledges in either direction count for the non-directed pair (like ATOP's default)."""
    low = pl.min_horizontal("ccode1", "ccode2").alias("ccode1")
    high = pl.max_horizontal("ccode1", "ccode2").alias("ccode2")
    aggs = []
    for k in KINDS:
        aggs.append(pl.col(f"casus_{k}").max())
        aggs.append(pl.col(f"casus_{k}_conditions").drop_nulls().sort().first())
    aggs.append(pl.col("casus_instruments").str.split(",").explode().unique().sort().str.join(","))
    return extra.with_columns(low, high).group_by(["ccode1", "ccode2", "year"]).agg(aggs)
