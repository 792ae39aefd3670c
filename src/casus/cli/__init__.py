"""The ``casus`` command line: a thin shell over the Python API.

Every user mistake ends as one line on stderr and exit code 2; ``casus
check`` exits with 1 when it finds problems in treaty files.
"""

from __future__ import annotations

import json
import sys

import click

from casus.errors import CasusError, CorpusError

corpus_option = click.option(
    "--corpus", "corpus_dirs", multiple=True, metavar="DIR",
    help="Also load treaty files from DIR (repeatable; CASUS_CORPUS works too).")


def _corpus(corpus_dirs):
    from casus.loader.corpus import load_corpus

    return load_corpus(corpus_dirs)


class UserError(click.ClickException):
    """A mistake in what the user gave: one line per problem, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        for line in self.message.splitlines():
            click.echo(f"error: {line}", err=True)


class CasusGroup(click.Group):
    """Turns every :class:`CasusError` into a :class:`UserError`, also under CliRunner.

    Commands with heavy imports (the data-set commands need polars) are loaded
    only when they are used, so that ``casus ask`` starts fast.
    """

    lazy = {"data": ("casus.cli.datasets_cmds", "data_group"),
            "dyads": ("casus.cli.datasets_cmds", "dyads_cmd"),
            "compare": ("casus.cli.compare_cmd", "compare_cmd"),
            "timeline": ("casus.cli.network_cmds", "timeline_cmd"),
            "network": ("casus.cli.network_cmds", "network_cmd")}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attr = self.lazy[name]
            try:
                self.add_command(getattr(importlib.import_module(module), attr), name)
            except (ImportError, AttributeError):
                return None
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CorpusError as exc:
            raise UserError("\n".join(str(p) for p in exc.problems)) from None
        except CasusError as exc:
            raise UserError(str(exc)) from None


@click.group(cls=CasusGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="casus")
def main() -> None:
    """casus: alliance treaties as rules. Ask who must or may act, why, and under which article."""


@main.command()
@click.argument("event", metavar="EVENT")
@click.option("--target", required=True, metavar="STATE", help="The state attacked or threatened (ISO code or name).")
@click.option("--by", "by", default="", metavar="STATE,...|non-state", help="Who acts against the target.")
@click.option("--at", "at", default=None, metavar="PLACE",
              help="Where: ISO 3166-1/3166-2 code, territory code or sea area (default: the target).")
@click.option("--on", "on", default=None, metavar="YYYY-MM-DD", help="The date (default: today).")
@click.option("--weapon", default="conventional", metavar="KIND", help="conventional, nuclear, chemical or biological.")
@click.option("--fact", "facts", multiple=True, metavar="NAME=VALUE", help="A fact a provision needs (repeatable).")
@click.option("--why", is_flag=True, help="Show the conditions that held or failed, with citations.")
@click.option("--json", "as_json", is_flag=True, help="Print the casus.answer/1 JSON document.")
@click.option("--reading", default=None, metavar="NAME",
              help="Evaluate contested provisions under this reading (see --readings all).")
@click.option("--readings", "readings", type=click.Choice(["all"]), default=None,
              help="Show, side by side, the findings that differ between readings.")
@click.option("--cascade", "with_cascade", is_flag=True, help="Follow who joins which side, round by round.")
@click.option("--escalation", type=click.Choice(["none", "reciprocal"]), default=None,
              help="With --cascade: none (the original event only, the default) or reciprocal "
                   "(each state that joins is assumed attacked in turn).")
@click.option("--depth", type=click.IntRange(min=1), default=None, metavar="N",
              help="With --cascade: stop after N rounds.")
@click.option("--binding-only", is_flag=True, help="With --cascade: leave out discretionary commitments.")
@click.option("--graph", "graphs", multiple=True, metavar="FILE",
              help="With --cascade: write who joins whom to FILE (.png, .svg, .graphml or .json; repeatable).")
@corpus_option
def ask(event, target, by, at, on, weapon, facts, why, as_json, reading, readings, with_cascade, escalation,
        depth, binding_only, graphs, corpus_dirs):
    """Evaluate a scenario: EVENT is armed-attack, threat-of-attack, economic-coercion,
    subversion, terrorist-attack or internal-unrest."""
    from casus.engine.evaluate import evaluate
    from casus.engine.inputs import make_scenario

    if not with_cascade:
        used = [name for name, value in (("--escalation", escalation), ("--depth", depth),
                                         ("--binding-only", binding_only), ("--graph", graphs)) if value]
        if used:
            raise UserError(f"{', '.join(used)} only applies with --cascade; add --cascade")
    if reading and readings:
        raise UserError("--reading picks one reading, --readings all compares them: give one of the two")
    if readings and with_cascade:
        raise UserError("--readings all compares findings, not cascades; run --cascade with --reading NAME "
                        "for each reading you want to follow")
    if graphs:
        from casus.render.cascade_graph import check_suffix

        from casus.outputs import check_writable

        for path in graphs:
            check_suffix(path)  # before any work, so a typo costs nothing
            check_writable(path, "--graph")
    corpus = _corpus(corpus_dirs)
    scenario = make_scenario(corpus, event, target, by=by, at=at, on=on, weapon=weapon, facts=list(facts),
                             reading=reading)
    if readings:
        from casus.engine.readings import compare_readings

        result = compare_readings(corpus, scenario)
        if as_json:
            document = result.answers["default"].to_dict()
            document["readings"] = result.to_dict()
            click.echo(json.dumps(document, ensure_ascii=False, indent=2))
            return
        from casus.render.readings import render as render_readings

        render_readings(result, _console())
        return
    answer = evaluate(corpus, scenario)
    if with_cascade:
        from casus.engine.cascade import cascade

        result = cascade(corpus, scenario, escalation or "none", depth, binding_only)
        written = []
        if graphs:
            from casus.render.cascade_graph import write

            for path in graphs:
                write(result, scenario, path)
                written.append(path)
        if as_json:
            document = answer.to_dict()
            document["cascade"] = result.to_dict()
            click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            from casus.render.cascade import render as render_cascade

            render_cascade(result, scenario, _console())
        for path in written:
            click.echo(f"wrote {path}", err=True)
        return
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    from casus.render.answer import render

    render(answer, _console(), why=why)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@corpus_option
def treaties(as_json, corpus_dirs):
    """List the instruments: id, title, kind, parties, dates."""
    from casus.render.instruments import instrument_rows, render_list

    corpus = _corpus(corpus_dirs)
    if as_json:
        click.echo(json.dumps(instrument_rows(corpus), ensure_ascii=False, indent=2))
        return
    render_list(corpus, _console())


@main.command()
@click.argument("instrument_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@corpus_option
def show(instrument_id, as_json, corpus_dirs):
    """Show one instrument: parties over time, lifecycle, provisions, sources."""
    import difflib

    from casus.errors import InputError
    from casus.render.instruments import instrument_dict, render_one

    corpus = _corpus(corpus_dirs)
    inst = corpus.get(instrument_id)
    if inst is None:
        ids = [i.id for i in corpus.instruments]
        near = difflib.get_close_matches(instrument_id, ids, n=1, cutoff=0.3)
        raise InputError(f"no instrument '{instrument_id}'; "
                         + (f"did you mean '{near[0]}'?" if near else "see casus treaties"))
    if as_json:
        click.echo(json.dumps(instrument_dict(inst), ensure_ascii=False, indent=2))
        return
    render_one(inst, _console())


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@corpus_option
def check(paths, corpus_dirs):
    """Validate treaty files: the built-in corpus, or the files and folders given."""
    from pathlib import Path

    from casus.loader.corpus import builtin_dir, check_files, files_in, user_dirs

    targets = [Path(p) for p in paths] or [builtin_dir(), *user_dirs(corpus_dirs)]
    files = []
    for target in targets:
        files += files_in(target)
    instruments, problems = check_files(files)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(problems)} problem(s) in {len({p.file for p in problems})} file(s); "
                   f"{len(instruments)} file(s) ok", err=True)
        sys.exit(1)
    provisions = sum(len(i.provisions) for i in instruments)
    click.echo(f"ok: {len(instruments)} instrument(s), {provisions} provision(s) in {len(files)} file(s)")


@main.group("import")
def import_group() -> None:
    """Import other data sets as casus treaty files."""


@import_group.command("atop")
@click.argument("source", required=False, metavar="[FOLDER|ZIP]")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Where to write the treaty files (default: the named corpus 'atop' in the cache).")
def import_atop(source, out):
    """Turn ATOP's member-level and alliance-level files into treaty files.

    SOURCE is the ATOP CSV release (folder or zip), v4 or v5 layout; by default the
    copy `casus data fetch atop` stored.  Afterwards `casus ask ... --corpus atop`
    evaluates scenarios over every ATOP alliance.
    """
    import time
    from pathlib import Path

    from casus.geo.cow import cow_to_casus
    from casus.importers import atop
    from casus.loader.corpus import files_in, load_files, named_dir
    from casus.userdirs import cache_root

    origin = Path(source) if source else cache_root() / "atop"
    target = Path(out) if out else named_dir("atop")
    if not out:
        target.parent.mkdir(parents=True, exist_ok=True)
    from casus.outputs import check_writable

    check_writable(target, "--out", folder=True)  # before any work
    started = time.perf_counter()
    alliances = atop.read(origin)
    loaded: list = []

    def check(staging):  # before the new files replace the old ones
        instruments, problems = load_files(files_in(staging))
        if problems:  # a bug in the importer, not the user's doing: say so plainly
            for problem in problems[:20]:
                click.echo(f"error: {problem}", err=True)
            raise UserError(f"{len(problems)} problem(s) in the imported files; please report this. "
                            f"Nothing was changed in {target}")
        loaded.extend(instruments)

    count = atop.write(alliances, target, cow_to_casus, check)
    instruments = loaded
    provisions = sum(len(i.provisions) for i in instruments)
    click.echo(f"imported {count} ATOP alliances ({provisions} provisions) into {target} "
               f"in {time.perf_counter() - started:.1f} s")
    if not out:
        click.echo("use them with: casus ask EVENT --target STATE --corpus atop")


def _console():
    from rich.console import Console

    import os

    console = Console(soft_wrap=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console = Console(soft_wrap=False, width=150)  # piped: do not squeeze tables into 80 columns
    return console


def entry() -> None:
    main(prog_name="casus")
