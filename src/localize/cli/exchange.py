"""Commands for exchange formats: ``export`` (TMX, XLIFF, JSON) and ``import`` (XLIFF)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from localize.cli._base import main
from localize.cli.catalogs import settings, shown, wait_option
from localize.fsio import atomic_write
from localize.workspace.exchange import FORMATS, export_locale, import_file

__all__ = ["export_command", "import_command"]


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="tmx (translation memory), xliff (CAT tools) or json (i18next).")
@click.option("--locale", "-l", "locale", required=True, help="The locale to export, e.g. nl.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: standard output).")
def export_command(fmt: str, locale: str, output: Path | None) -> None:
    """Write a locale's catalogs as one TMX, XLIFF or JSON file.

    Example: localize export --format xliff --locale nl -o nl.xlf
    """
    data = export_locale(settings(), locale, fmt)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        atomic_write(output, data)
        click.echo(f"wrote {shown(output)}", err=True)


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--locale", "-l", "locale", required=True, help="The locale it translates, e.g. nl.")
@wait_option
def import_command(file: Path, locale: str, wait: float, **options: Any) -> None:
    """Bring translations back from an XLIFF file exported with `localize export`.

    A translation filled in the CAT tool fills empty and machine entries, and
    updates a person's translation only if the catalog has not changed it
    since the export (a conflict is reported and the catalog keeps its text).

    Example: localize import nl.xlf --locale nl
    """
    report = import_file(settings(), file, locale, lock_timeout=wait)
    for path, done in report.results:
        click.echo(f"{shown(path)}: {done.filled} filled, {done.replaced} updated, "
                   f"{done.accepted} accepted, {len(done.conflicts)} conflicts, "
                   f"{len(done.unknown)} no longer in the catalog")
        for entry in done.conflicts:
            click.echo(f"  {shown(path)}:{entry.line}: conflict: {entry.msgid[:50]!r} changed "
                       "in the catalog since the export; the catalog's text is kept")
    for path in report.written:
        click.echo(f"  wrote {shown(path)}")
