"""``casus claims``, ``casus claim ID`` and ``casus verify``: claims set beside the encoded texts."""

from __future__ import annotations

import click

from casus.cli import _corpus, _dumps, corpus_option
from casus.model import citation
from casus.service.claims import said


def _folders(corpus_dirs):
    from casus.service.claims import claim_folders

    return claim_folders(corpus_dirs)


@click.command("claims")
@click.option("--about", default=None, metavar="INSTRUMENT|STATE", help="Only claims about this instrument or state.")
@click.option("--by", "by", default=None, metavar="SPEAKER", help="Only claims by this speaker (part of the name or role).")
@click.option("--json", "as_json", is_flag=True, help="Print the casus.claim/1 list.")
@corpus_option
def claims_cmd(about, by, as_json, corpus_dirs):
    """List the claims: id, speaker, date, and the verdict of each assertion."""
    from casus.service import claims as service

    result = service.claims(_corpus(corpus_dirs), service.ClaimRequest(about, by), _folders(corpus_dirs))
    if as_json:
        click.echo(_dumps(result.to_dict()))
        return
    if not result.claims:
        click.echo("no claim matches")
        return
    for cv in result.claims:
        c = cv.claim
        verdicts = ", ".join(dict.fromkeys(v.verdict for v in cv.verdicts))
        click.echo(f"{c.id}  {c.date}  {c.speaker} ({c.role})  [{verdicts}]")


@click.command("claim")
@click.argument("claim_id", metavar="ID")
@click.option("--why", is_flag=True, help="Show the findings that decide each verdict, with their trace.")
@click.option("--json", "as_json", is_flag=True, help="Print the casus.claim/1 document.")
@corpus_option
def claim_cmd(claim_id, why, as_json, corpus_dirs):
    """Set one claim beside the texts: the verdict of each assertion, in each scenario."""
    from casus.errors import InputError
    from casus.service import claims as service

    if as_json and why:
        raise InputError("the JSON document always has the findings and their trace", field="why",
                         hint="give --json or --why, not both")
    result = service.claim(_corpus(corpus_dirs), claim_id, _folders(corpus_dirs))
    if as_json:
        click.echo(_dumps(result.to_dict()))
        return
    _render(result, why)


@click.command("verify")
@click.argument("event", metavar="EVENT")
@click.option("--target", required=True, metavar="STATE", help="The state attacked or threatened.")
@click.option("--by", "by", default="", metavar="STATE,...|non-state", help="Who acts against the target.")
@click.option("--at", "at", default=None, metavar="PLACE",
              help="Where: a place code or English name (default: the target).")
@click.option("--on", "on", default=None, metavar="YYYY-MM-DD", help="The date (default: today).")
@click.option("--weapon", default="conventional", metavar="KIND", help="conventional, nuclear, chemical or biological.")
@click.option("--fact", "facts", multiple=True, metavar="NAME=VALUE", help="A fact a provision needs (repeatable).")
@click.option("--party", required=True, metavar="STATE", help="The state the assertion binds.")
@click.option("--toward", required=True, metavar="STATE", help="The state it acts toward.")
@click.option("--duty", required=True, metavar="DUTY", help="e.g. military-assistance, assistance, consultation.")
@click.option("--modality", default="must", show_default=True, metavar="must|may|need-not|will", help="What the assertion says.")
@click.option("--qualifier", "qualifiers", multiple=True, metavar="WORD",
              help="immediately, without-request, on-request, before-attack, automatically, all-means (repeatable).")
@click.option("--under", "under", multiple=True, metavar="ID", help="Only under this instrument (repeatable).")
@click.option("--why", is_flag=True, help="Show the findings that decide the verdict, with their trace.")
@click.option("--json", "as_json", is_flag=True, help="Print the casus.claim/1 document.")
@corpus_option
def verify_cmd(event, target, by, at, on, weapon, facts, party, toward, duty, modality, qualifiers, under, why,
               as_json, corpus_dirs):
    """Verify an assertion given ad hoc, in a scenario given as to `casus ask`."""
    from casus.service import claims as service

    request = service.VerifyRequest(event, target, by, at, on, weapon, list(facts), None, party, toward, duty,
                                    modality, tuple(qualifiers), tuple(under))
    result = service.verify(_corpus(corpus_dirs), request)
    if as_json:
        click.echo(_dumps(result.to_dict()))
        return
    _render(result, why)


def _echo(text: str, indent: str = "") -> None:
    import os
    import shutil
    import textwrap

    width = int(os.environ.get("COLUMNS") or 0) or shutil.get_terminal_size((100, 24)).columns
    click.echo(textwrap.fill(text, width=max(width, 60), initial_indent=indent,
                             subsequent_indent=indent + "  ", break_long_words=False, break_on_hyphens=False))


def _render(result, why: bool) -> None:
    c = result.claim
    if c.id != "ad-hoc":
        _echo(f"{c.id}: {c.speaker} ({c.role}), {c.date}")
        _echo(f"published: {c.title} <{c.url}>", "  ")
        _echo(f"quoted: \u201c{c.quote}\u201d", "  ")
        _echo(f"paraphrase: {c.paraphrase}", "  ")
    for cs, sc in result.scenarios:
        by = ",".join(sc.by) or "(not given)"
        _echo(f"scenario {cs.name}: {sc.event} on {sc.target} by {by} at {sc.place}, {sc.on}")
    for v in result.verdicts:
        click.echo("")
        _echo(f"{said(v.assertion)} (scenario {v.scenario_name})")
        _echo(f"verdict: {v.verdict}", "  ")
        for text in v.texts:
            _echo(text, "    ")
        for b in v.facts:
            _echo(b.text, "    ")
        for r in v.readings:
            _echo(r.text, "    ")
        for q in v.qualifiers:
            _echo(f"qualifier {q.qualifier}: {q.verdict}", "  ")
            _echo(q.text, "    ")
            for r in q.readings:
                _echo(r.text, "    ")
        for note in v.notes:
            _echo(f"note: {note}", "  ")
        if why:
            for f in v.findings:
                _echo(f"finding: {f.instrument.id} {citation.article(f.article, f.provision.article_confirmed)} "
                      f"({f.provision.id}): {f.party} \u2192 {f.beneficiary} {f.modality} {f.duty}, {f.status}", "  ")
                for step in f.trace:
                    # a step the other conditions settle is marked as ask --why marks it
                    mark = "–" if step.moot else {True: "held", False: "failed", None: "unknown"}[step.result]
                    _echo(f"[{mark}] {step.text} ({step.cite})", "      ")
                for s in f.sources:
                    _echo(f"source: {s.title} <{s.url}>", "      ")
