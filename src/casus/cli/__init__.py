"""The ``casus`` command line: it parses arguments, calls :mod:`casus.service` and prints.

Every user mistake ends as one line on stderr and exit code 2; ``casus
check`` exits with 1 when it finds problems in treaty files.
"""

from __future__ import annotations

import sys

import click

from casus.errors import CasusError
from casus.model.vocabulary import STATUSES

corpus_option = click.option(
    "--corpus", "corpus_dirs", multiple=True, metavar="DIR",
    help="Also load treaty files from DIR (repeatable; CASUS_CORPUS works too).")


def _corpus(corpus_dirs):
    from casus.service import load

    return load(corpus_dirs)


#: Request fields and the flags that give them (positional arguments have none).
FLAGS = {"with": "--with", "from": "--from", "by": "--by", "at": "--at", "on": "--on", "weapon": "--weapon", "facts": "--fact",
         "reading": "--reading", "readings": "--readings", "escalation": "--escalation", "depth": "--depth",
         "binding_only": "--binding-only", "target": "--target", "duty": "--duty", "start": "--from",
         "end": "--to", "instruments": "--instrument", "only": "--only", "corpus": "--corpus",
         "format": "--format", "out": "--out", "graph": "--graph", "plot": "--plot",
         "party": "--party", "toward": "--toward", "modality": "--modality", "qualifiers": "--qualifier",
         "under": "--under", "about": "--about", "states": "--states", "atop": "--atop"}


class UserError(click.ClickException):
    """A mistake in what the user gave: one line per problem (or the casus.error/1 document), exit code 2."""

    exit_code = 2

    def __init__(self, error, as_json: bool = False, command: click.Command | None = None):
        super().__init__(str(error))
        self.error = error
        self.as_json = as_json
        self.command = command  # the command given, whose own option or argument names the field

    def show(self, file=None) -> None:
        from casus.errors import CorpusError

        if self.as_json:
            from casus.service.documents import dumps

            click.echo(dumps(self.error.to_dict()))
            return
        if isinstance(self.error, CorpusError):
            for problem in self.error.problems:
                click.echo(f"error: {problem}", err=True)
            return
        click.echo(f"error: {line(self.error, self.command)}", err=True)


def line(error, command: click.Command | None = None) -> str:
    """An error as the command line says it: ``--flag: message; hint`` (or ``STATE: ...`` for an argument)."""
    flag = _named(command, error.field) if command is not None else None
    flag = flag or FLAGS.get(error.field or "")
    text = error.message + (f"; {error.hint}" if error.hint else "")
    return f"{flag}: {text}" if flag and flag not in error.message else text


def _named(command: click.Command, field: str | None) -> str | None:
    """How ``command`` itself names ``field``: its option's flag, or its argument's metavar."""
    if not field:
        return None
    for param in command.params:
        if isinstance(param, click.Argument) and param.name == field:
            name = (param.metavar or param.name.upper()).strip("[]").replace(".", "")
            return name if " " not in name else None  # "ID ID [ID]...": the message names the value
        if isinstance(param, click.Option) and _field(param) == field:
            return next((o for o in param.opts if o.startswith("--")), param.opts[0])
    return None


def _wants_json(args) -> bool:
    args = list(args)
    if "--json" in args or "--format=json" in args:
        return True
    return any(a == "--format" and b == "json" for a, b in zip(args, args[1:]))


class CasusGroup(click.Group):
    """Turns every :class:`CasusError` into a :class:`UserError`, also under CliRunner.

    Commands with heavy imports (the data-set commands need polars) are loaded
    only when they are used, so that ``casus ask`` starts fast; ``casus --help``
    lists them by the summary kept here, without loading them (a test checks
    that each summary is the first paragraph of its command's help).
    """

    lazy = {"data": ("casus.cli.datasets_cmds", "data_group",
                     "Fetch and inspect the reference data sets casus builds tables from."),
            "dyads": ("casus.cli.datasets_cmds", "dyads_cmd", "Build the dyad-year table of state system members."),
            "compare": ("casus.cli.compare_cmd", "compare_cmd",
                        "Compare two or more instruments, clause by clause, with the articles behind each cell."),
            "timeline": ("casus.cli.network_cmds", "timeline_cmd", "Every commitment STATE gave and received over time."),
            "network": ("casus.cli.network_cmds", "network_cmd",
                        "Commitments to assist on a date: one edge party -> beneficiary per provision."),
            "claims": ("casus.cli.claims_cmds", "claims_cmd",
                       "List the claims: id, speaker, date, and the verdict of each assertion."),
            "claim": ("casus.cli.claims_cmds", "claim_cmd",
                      "Set one claim beside the texts: the verdict of each assertion, in each scenario."),
            "verify": ("casus.cli.claims_cmds", "verify_cmd",
                       "Verify an assertion given ad hoc, in a scenario given as to `casus ask`."),
            "practice": ("casus.cli.practice_cmd", "practice_cmd",
                         "List the recorded uses of provisions (invocations, requests, decisions, deployments), by date."),
            "serve": ("casus.cli.serve_cmd", "serve_cmd",
                      "Serve the pages and the JSON API: ask, cascade, treaties, compare, timeline, network.")}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attr, _ = self.lazy[name]
            try:
                self.add_command(getattr(importlib.import_module(module), attr), name)
            except ImportError as exc:  # an optional part that is not installed: say which extra brings it
                extra = OPTIONAL.get((exc.name or "").split(".")[0])
                if extra is None:
                    raise
                self.add_command(_missing(name, extra, exc.name.split(".")[0]), name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx, formatter):
        """The command list of ``casus --help``; a command not loaded yet is listed by its summary."""
        listed = []
        for name in self.list_commands(ctx):
            if name in self.lazy and name not in self.commands:
                listed.append((name, click.Command(name, help=self.lazy[name][2])))  # shortened as click shortens
            elif (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden:
                listed.append((name, cmd))
        if not listed:
            return
        width = formatter.width - 6 - max(len(name) for name, _ in listed)
        rows = [(name, cmd.get_short_help_str(width)) for name, cmd in listed]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx):
        from casus.service import boundary

        args = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        as_json = _wants_json(args)
        cmd = None
        try:
            with boundary():
                cmd = self.get_command(ctx, args[0]) if args else None
                if cmd is not None and not isinstance(cmd, click.Group):
                    _given_once(cmd, args[1:])
                return super().invoke(ctx)
        except CasusError as exc:
            raise UserError(exc, as_json, cmd) from None
        except click.UsageError as exc:  # a flag click itself rejects: the same error shape
            raise UserError(_from_click(exc), as_json, cmd) from None


HELP = "run the command with -h for its options"


def _given_once(cmd: click.Command, args: list[str]) -> None:
    """An option that takes one value may be given once: ``--on A --on B`` is an error, not B kept silently."""
    from casus.errors import InputError

    single = {opt: p for p in cmd.params if isinstance(p, click.Option) and not p.multiple
              and not p.is_flag and not p.count and p.nargs == 1 for opt in p.opts}
    seen: dict[str, str] = {}
    n = 0
    while n < len(args):
        arg = args[n]
        n += 1
        if arg == "--":
            break
        name, has_value, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        param = single.get(name)
        if param is None:
            continue
        if not has_value:
            value = args[n] if n < len(args) else ""
            n += 1  # the option's value, whatever it looks like
        if param.name in seen:
            several = "," in (param.metavar or "")  # e.g. STATE,...: one value lists them all
            raise InputError(f"given more than once ({seen[param.name]!r}, then {value!r})", field=_field(param),
                             hint=f"give it once, with every value in it: {seen[param.name]},{value}" if several
                             else "give it once")
        seen[param.name] = value


def _field(param) -> str | None:
    """The request field a click parameter gives (the name :data:`FLAGS` knows it by)."""
    if param is None:
        return None
    return next((field for field, flag in FLAGS.items() if flag in param.opts), param.name)


def _from_click(exc: click.UsageError):
    """A mistake click itself catches (a missing argument, an unknown option), as an :class:`InputError`."""
    from casus.errors import InputError
    from casus.suggest import nearest

    if isinstance(exc, click.NoSuchOption):  # matched without the dashes, which every option shares
        near = nearest(exc.option_name.lstrip("-"), [p.lstrip("-") for p in exc.possibilities or ()], n=2)
        hint = "did you mean " + " or ".join(f"'--{n}'" for n in near) + "?" if near else HELP
        return InputError(f"no such option '{exc.option_name}'", hint=hint)
    param = getattr(exc, "param", None)
    field = _field(param)
    plain = isinstance(exc, click.BadParameter) and not isinstance(exc, click.MissingParameter)
    message = (exc.message if plain else exc.format_message()).rstrip(".")  # "Invalid value for ..." left out
    for opt in getattr(param, "opts", ()):  # the field's name, which the JSON error and the site share
        message = message.replace(f"'{opt}'", f"'{field}'")
    return InputError(message, field=field, hint=HELP)


class Choice(click.Choice):
    """click's Choice, with casus's one "did you mean" when the value is not among the choices."""

    def __init__(self, choices, what: str = "value"):
        super().__init__(choices)
        self.what = what

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            from casus.errors import InputError
            from casus.suggest import hint

            raise InputError(f"unknown {self.what} '{value}'", field=_field(param),
                             hint=hint(value, self.choices)) from None


#: optional packages and the extra that installs each
OPTIONAL = {"polars": "datasets", "duckdb": "datasets", "pyarrow": "datasets", "matplotlib": "plot",
            "networkx": "graphs", "starlette": "web", "uvicorn": "web", "jinja2": "web"}


def _missing(name: str, extra: str, module: str) -> click.Command:
    from casus.errors import MissingExtra

    def fail(**_):
        raise MissingExtra(f"casus {name}", extra, module)

    return click.Command(name, callback=fail, help=f"(needs the optional part: pip install 'casus[{extra}]')",
                         context_settings={"ignore_unknown_options": True, "allow_extra_args": True})


@click.group(cls=CasusGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="casus")
def main() -> None:
    """casus: alliance treaties as rules. Ask who must or may act, why, and under which article."""


@main.command()
@click.argument("event", metavar="EVENT")
@click.option("--target", required=True, metavar="STATE", help="The state attacked or threatened (ISO code or name).")
@click.option("--by", "by", default="", metavar="STATE,...|non-state", help="Who acts against the target.")
@click.option("--at", "at", default=None, metavar="PLACE",
              help="Where: ISO 3166-1/3166-2 code, territory code, sea area or English name (default: the target).")
@click.option("--on", "on", default=None, metavar="YYYY-MM-DD", help="The date (default: today).")
@click.option("--weapon", default="conventional", metavar="KIND", help="conventional, nuclear, chemical or biological.")
@click.option("--fact", "facts", multiple=True, metavar="NAME=VALUE", help="A fact a provision needs (repeatable).")
@click.option("--why", is_flag=True, help="Show the conditions that held or failed, with citations.")
@click.option("--json", "as_json", is_flag=True, help="Print the casus.answer/1 JSON document.")
@click.option("--reading", default=None, metavar="NAME",
              help="Evaluate contested provisions under this reading (see --readings all).")
@click.option("--readings", "readings", type=Choice(["all"], "readings option"), default=None,
              help="Show, side by side, the findings that differ between readings.")
@click.option("--cascade", "with_cascade", is_flag=True, help="Follow who joins which side, round by round.")
@click.option("--escalation", default=None, metavar="none|reciprocal",
              help="With --cascade: none (the original event only, the default) or reciprocal "
                   "(each state that joins is assumed attacked in turn).")
@click.option("--depth", type=int, default=None, metavar="N",
              help="With --cascade: stop after N rounds.")
@click.option("--binding-only", is_flag=True, help="With --cascade: leave out discretionary commitments.")
@click.option("--graph", "graphs", multiple=True, metavar="FILE",
              help="With --cascade: write who joins whom to FILE (.png, .svg, .graphml or .json; repeatable).")
@click.option("--instrument", "instruments", multiple=True, metavar="ID",
              help="Show only findings under this instrument (repeatable).")
@click.option("--only", "only", multiple=True, type=Choice(list(STATUSES), "status"),
              help="Show only findings with this status (repeatable).")
@corpus_option
def ask(event, target, by, at, on, weapon, facts, why, as_json, reading, readings, with_cascade, escalation,
        depth, binding_only, graphs, instruments, only, corpus_dirs):
    """Evaluate a scenario: EVENT is armed-attack, threat-of-attack, economic-coercion,
    subversion, terrorist-attack or internal-unrest."""
    from casus import service
    from casus.errors import InputError

    if graphs and not with_cascade:
        raise InputError("a graph file only applies to a cascade", field="graph", hint="add --cascade")
    if as_json and why:
        raise InputError("--why adds the explanation to the terminal table; the JSON document always has it "
                         "(each finding's because and trace)", field="why", hint="give --json or --why, not both")
    if graphs:
        from casus.outputs import check_writable
        from casus.render.cascade_graph import check_suffix

        for path in graphs:
            check_suffix(path)  # before any work, so a typo costs nothing
            check_writable(path, "graph")
    request = service.AnswerRequest(event, target, by, at, on, weapon, list(facts), reading, tuple(instruments),
                                    tuple(only), with_cascade, escalation, depth, binding_only, bool(readings))
    corpus = _corpus(corpus_dirs)
    result = service.answer(corpus, request)
    if as_json and not graphs:
        click.echo(_dumps(result.to_dict()))
        return
    if isinstance(result, service.ReadingsResult):
        from casus.render.readings import render as render_readings

        render_readings(result.comparison, _console())
        return
    if isinstance(result, service.CascadeResult):
        written = []
        from casus.render.cascade_graph import write

        for path in graphs:
            write(result.cascade, result.scenario, path)
            written.append(path)
        if as_json:
            click.echo(_dumps(result.to_dict()))
        else:
            from casus.render.cascade import render as render_cascade

            render_cascade(result.cascade, result.scenario, _console())
        for path in written:
            click.echo(f"wrote {path}", err=True)
        return
    from casus.render.answer import render

    render(result, _console(), why=why)


def _dumps(document) -> str:
    from casus.service.documents import dumps

    return dumps(document)


json_shorthand = click.option("--json", "as_json", is_flag=True, help="The same as --format json.")


def format_or_json(fmt: str | None, as_json: bool) -> str | None:
    """The format a command with ``--format`` writes, ``--json`` being short for ``--format json``."""
    if as_json and fmt not in (None, "json"):
        from casus.errors import InputError

        raise InputError(f"two formats were asked for: json and {fmt}", field="format", hint="ask for one")
    return "json" if as_json else fmt


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@corpus_option
def treaties(as_json, corpus_dirs):
    """List the instruments: id, title, kind, parties, dates."""
    from casus import service

    result = service.treaties(_corpus(corpus_dirs))
    if as_json:
        click.echo(_dumps(result.to_dict()))
        return
    from casus.render.instruments import render_list

    render_list(result.corpus, _console())


@main.command()
@click.argument("instrument_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@corpus_option
def show(instrument_id, as_json, corpus_dirs):
    """Show one instrument: parties over time, lifecycle, provisions, sources."""
    from casus import service

    result = service.show(_corpus(corpus_dirs), instrument_id)
    if as_json:
        click.echo(_dumps(result.to_dict()))
        return
    from casus.render.instruments import render_one

    render_one(result.instrument, _console())


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--json", "as_json", is_flag=True, help="Print the casus.check/1 document.")
@corpus_option
def check(paths, as_json, corpus_dirs):
    """Validate treaty files: the built-in corpus, or the files and folders given.

    Exit status 0 when every file is sound; 1 when a file has problems, each
    listed with its file, line and key; 2 when a path given is not a folder or
    file of treaty files (none there, or no such path), as for any mistake on
    the command line.
    """
    from casus import service

    result = service.check(paths, corpus_dirs)
    if as_json:
        click.echo(_dumps(result.to_dict()))
        if not result.ok:
            sys.exit(1)
        return
    if not result.ok:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(result.summary, err=True)
        sys.exit(1)
    click.echo(result.summary)


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

    check_writable(target, "out", folder=True)  # before any work
    started = time.perf_counter()
    alliances = atop.read(origin)
    loaded: list = []

    def check(staging):  # before the new files replace the old ones
        instruments, problems = load_files(files_in(staging))
        if problems:  # a bug in the importer, not the user's doing: say so plainly
            for problem in problems[:20]:
                click.echo(f"error: {problem}", err=True)
            from casus.errors import DataError

            raise DataError(f"{len(problems)} problem(s) in the imported files; nothing was changed in {target}",
                            hint="this is a fault in the importer: please report it")
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
    try:
        main(prog_name="casus")
    except BrokenPipeError:  # e.g. `casus practice | head`: stop quietly, as other command-line tools do
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
