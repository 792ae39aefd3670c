"""``casus practice [ID|STATE]``: the record of practice, by date."""

from __future__ import annotations

import click

from casus.cli import _corpus, _dumps, corpus_option


@click.command("practice")
@click.argument("about", required=False, metavar="[ID|STATE]")
@click.option("--json", "as_json", is_flag=True, help="Print the casus.practice/1 document.")
@corpus_option
def practice_cmd(about, as_json, corpus_dirs):
    """List the recorded uses of provisions (invocations, requests, decisions, deployments), by date.

    All of them, those of one instrument (id or alias, e.g. nato), or those a state took part in."""
    from casus.service.practice import PracticeRequest, practice

    corpus = _corpus(corpus_dirs)
    result = practice(corpus, PracticeRequest(about))
    if as_json:
        click.echo(_dumps(result.to_dict()))
        return
    if not result.records:
        click.echo("no record of practice" + (f" for {result.about}" if result.about else ""))
        return
    import textwrap

    from casus.model.citation import article

    if result.about_kind == "instrument":
        click.echo(f"Record of practice: {result.about}, {corpus.get(result.about).short_title}")
    elif result.about_kind == "state":
        click.echo(f"Record of practice involving {result.about}")
    for r in result.records:
        inst = corpus.get(r.instrument)
        prov = next(p for p in inst.provisions if p.id == r.provision)
        where = article(prov.article) + ("" if r.provision_confirmed else " (article not confirmed)")
        if result.about_kind != "instrument":
            where = f"{r.instrument} {where}"
        who = r.actors() + (f" → {r.toward}" if r.toward and r.toward not in r.who else "")
        click.echo(f"{r.date.isoformat()}  {where}  {r.kind}: {who}  [{r.confidence}]")
        click.echo(textwrap.fill(r.outcome, width=100, initial_indent="    ", subsequent_indent="    "))
