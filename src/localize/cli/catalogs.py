"""Commands over the catalogs: extract, compile, stats."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import click

from localize.catalogs.stats import CatalogStats
from localize.cli._base import main
from localize.config import Config, load_config
from localize.workspace import compile_catalogs, locale_stats, run_extract

__all__ = ["config_options", "layout_options", "settings", "shown", "wait_option"]

F = TypeVar("F", bound=Callable[..., Any])


def config_options(func: F) -> F:
    """The options that override ``[tool.localize]`` settings, shared by every command."""
    for option in reversed([
        click.option("--output", "-o", type=click.Path(path_type=Path),
                     help="Catalog folder (default: locales/)."),
        click.option("--domain", help="Catalog domain name (default: messages)."),
        click.option("--locales", "-l", help="Comma-separated locales (default: en,nl,zh)."),
        click.option("--glossary", type=click.Path(path_type=Path),
                     help="Glossary file or folder (default: glossary/)."),
    ]):
        func = option(func)
    return func


def layout_options(func: F) -> F:
    """How written catalogs are laid out: the options of msgcat and msgmerge."""
    for option in reversed([
        click.option("--width", type=click.IntRange(min=0),
                     help="Page width of written catalogs, as msgcat's --width (default: 79)."),
        click.option("--no-wrap", is_flag=True, default=None,
                     help="Do not break long strings into lines, as msgcat's --no-wrap."),
    ]):
        func = option(func)
    return func


def settings(output: Path | None = None, domain: str | None = None, locales: str | None = None,
             glossary: Path | None = None, **more: Any) -> Config:
    """The project settings with the command-line overrides applied."""
    return load_config().override(output=output, domain=domain, locales=locales,
                                  glossary=glossary, **more)


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not math.isfinite(value) or value < 0:
        raise click.BadParameter(f"{value} is not a number of seconds (0 or more)")
    return value


wait_option = click.option(
    "--wait", type=float, default=10.0, show_default=True, callback=_seconds,
    help="Seconds to wait for another run that is writing the same catalogs.")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--template", "templates", multiple=True, type=click.Path(path_type=Path),
              help="A template domain (.pot from pybabel extract or xgettext) to merge into "
                   "every locale as <stem>.po; repeatable.")
@click.option("--max-size", "max_document_mb", type=float,
              help="Largest document to read, in MB (default: 16).")
@click.option("--no-cache", is_flag=True,
              help="Split every document again, without reading or filling the split cache.")
@wait_option
@layout_options
@config_options
def extract(paths: tuple[Path, ...], wait: float, no_cache: bool, **options: Any) -> None:
    """Build a template per source language and every locale's catalogs.

    Texts go to <domain>-<lang>.pot by the language they are written in, and
    into <locale>/LC_MESSAGES/<domain>-<lang>.po for every other locale.
    Re-running merges like msgmerge: translations are kept, changed sources
    become fuzzy, vanished ones obsolete. Documents that did not change are
    not split again (the split cache, in LOCALIZE_CACHE_DIR or
    ~/.cache/localize, safe to delete).

    Example: localize extract seeds/ --template web/templates.pot
    """
    config = settings(sources=paths, **options)
    progress = _progress_printer()
    report = run_extract(config, progress=progress, lock_timeout=wait, cache=not no_cache)
    if progress is not None:
        click.echo("\r\033[K", err=True, nl=False)
    cached = report.documents - report.split
    click.echo(f"extracted {report.messages} messages from {report.documents} documents "
               f"({report.lines} lines" + (f"; {cached} unchanged, from the split cache)"
                                          if cached else ")"))
    for path in report.written:
        click.echo(f"  {'wrote' if path.exists() else 'removed':<9} {shown(path)}")
    for path in report.unchanged:
        click.echo(f"  unchanged {shown(path)}")
    _echo_table(report.stats)


@main.command("compile")
@click.option("--use-fuzzy", is_flag=True, help="Include fuzzy (unreviewed) translations.")
@wait_option
@config_options
def compile_command(use_fuzzy: bool, wait: float, **options: Any) -> None:
    """Write the .mo files the site loads (fuzzy entries left out).

    Each locale's <domain>.mo joins its content catalogs (one per source
    language); each template domain gets its own .mo.

    Example: localize compile --use-fuzzy
    """
    done = compile_catalogs(settings(**options), use_fuzzy=use_fuzzy, lock_timeout=wait)
    for compiled in done:
        stats = compiled.stats
        included = stats.translated + (stats.fuzzy if use_fuzzy else 0)
        verb = "wrote" if compiled.changed else "unchanged"
        click.echo(f"{verb} {shown(compiled.path)} ({included} of {stats.total} messages)")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="A table for people or JSON for scripts.")
@config_options
def stats(fmt: str, **options: Any) -> None:
    """Per-locale totals: translated, fuzzy, untranslated, machine-translated.

    Example: localize stats --format json
    """
    found = locale_stats(settings(**options))
    if fmt == "json":
        click.echo(json.dumps([{**asdict(s), "percent": round(s.percent, 1)} for s in found],
                              indent=2))
    else:
        _echo_table(found)


def _echo_table(rows: Sequence[CatalogStats]) -> None:
    """A row per locale and, indented under it, a row per catalog."""
    click.echo(f"{'locale':<18}{'total':>7}{'done':>7}{'fuzzy':>7}{'todo':>7}{'machine':>9}"
               f"{'%':>7}")
    for row in rows:
        for s, name in [(row, row.locale)] + [(c, "  " + c.catalog) for c in row.catalogs]:
            click.echo(f"{name:<18}{s.total:>7}{s.translated:>7}{s.fuzzy:>7}"
                       f"{s.untranslated:>7}{s.machine:>9}{s.percent:>6.1f}%")


def shown(path: Path) -> str:
    """A path as the user should see it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return str(path)


def _progress_printer() -> Callable[[int, int, str], None] | None:
    """Count documents as they are split, on a terminal only (quiet in CI and pipes)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, name: str) -> None:
        click.echo(f"\r\033[Ksplitting {done}/{total} {name[-50:]}", err=True, nl=False)

    return show
