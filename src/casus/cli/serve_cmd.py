"""``casus serve``: the site on one host and port (loopback by default)."""

from __future__ import annotations

import click

from casus.cli import corpus_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port.")
@click.option("--access-log/--no-access-log", default=False, show_default=True,
              help="Log every request (a reverse proxy usually logs them already).")
@click.option("--cache-entries", default=256, show_default=True, type=click.IntRange(0, 100_000),
              help="How many recent answers to keep ready (0: compute every request).")
@corpus_option
def serve_cmd(host, port, access_log, cache_entries, corpus_dirs):
    """Serve the pages and the JSON API: ask, cascade, treaties, compare, timeline, network.

    Treaty folders are loaded once, here; no request can load or change a file.
    """
    from casus.errors import need

    need("starlette", "web", "casus serve")
    uvicorn = need("uvicorn", "web", "casus serve")
    from casus.web import create_app

    app = create_app(corpus_dirs, cache_entries=cache_entries)
    s = app.state.site
    click.echo(f"casus: {len(s.corpus.instruments)} instruments from {s.files} treaty files, "
               f"corpus sha256:{s.version[:16]}", err=True)
    click.echo(f"casus: serving on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, access_log=access_log, log_level="warning",
                server_header=False, date_header=True)
