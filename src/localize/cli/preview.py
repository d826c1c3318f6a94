"""``localize preview``: the site in every locale, as static pages or served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from localize.cli._base import main
from localize.cli.catalogs import config_options, settings, shown, wait_option
from localize.site import HOST, build_preview, make_server


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=Path("preview"),
              show_default=True, help="Folder to write the pages to (replaced whole).")
@click.option("--serve", is_flag=True, help="Serve the pages on 127.0.0.1 until interrupted.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to serve on with --serve (0: any free port).")
@click.option("--max-size", "max_document_mb", type=float,
              help="Largest document to read, in MB (default: 16).")
@wait_option
@config_options
def preview(paths: tuple[Path, ...], out: Path, serve: bool, port: int, wait: float,
            **options: Any) -> None:
    """Render every source page in every locale from the compiled catalogs.

    Writes OUT/index.html and OUT/<locale>/<page>.html. Each message shows the
    text gettext gives a reader of that locale, and its state: human, machine,
    fuzzy, missing, or source (already in the locale's language).

    Example: localize preview -l nl,zh --serve --port 8080
    """
    report = build_preview(settings(sources=paths, **options), out, lock_timeout=wait)
    pages, locales = len(report.pages), len(report.locales)
    click.echo(f"wrote {pages} page{'' if pages == 1 else 's'} in {locales} "
               f"locale{'' if locales == 1 else 's'} to {shown(report.out)} "
               f"(open {shown(report.out / 'index.html')})")
    for locale, count in report.stale:
        many = "messages show" if count != 1 else "message shows"
        click.echo(f"localize: warning: {locale}: {count} {many} other text than the catalogs "
                   "hold; run `localize compile`", err=True)
    if serve:
        server = make_server(report.out, port)
        click.echo(f"serving http://{HOST}:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped")
        finally:
            server.server_close()
