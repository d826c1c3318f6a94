"""Commands for the glossary and quality checks: check, glossary suggest/export/import."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from localize.checks import ERROR, check_catalogs, format_findings
from localize.cli._base import EXIT_CHECK_FAILED, main
from localize.cli.catalogs import config_options, settings, shown
from localize.config import Config
from localize.errors import ConfigError
from localize.fsio import atomic_write
from localize.terms.glossary import Suggestion, load_glossary, suggest_terms, write_glossary
from localize.terms.tbx import load_tbx, write_tbx
from localize.workspace import find_sources, read_documents

__all__ = ["check_command", "glossary_group"]


@main.command("check")
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--locale", help="Check only this locale (or read the CATALOGs as this locale).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Compiler-style lines for people or JSON for scripts.")
@config_options
def check_command(catalogs: tuple[Path, ...], locale: str | None, fmt: str,
                  **options: Any) -> None:
    """Check translations: glossary terms, names, placeholders, language.

    Without CATALOGs, checks every <output>/<locale>/LC_MESSAGES/*.po. Exits
    with 1 when any error is found.

    Example: localize check --locale nl
    """
    config = settings(**options)
    paths = list(catalogs) or _default_catalogs(config, locale)
    terms = load_glossary(config.glossary, required=config.glossary_named)
    findings = check_catalogs(paths, glossary=terms, locale=locale, display=shown)
    if not len(terms):
        click.echo(f"localize: warning: no glossary at {shown(config.glossary)}; the glossary "
                   "and names checks have nothing to check", err=True)
    click.echo(format_findings(findings, fmt), nl=False)
    if any(f.severity == ERROR for f in findings):
        sys.exit(EXIT_CHECK_FAILED)


def _default_catalogs(config: Config, locale: str | None) -> list[Path]:
    """Every ``<output>/<locale>/LC_MESSAGES/*.po`` (of one locale with ``--locale``)."""
    paths = sorted(config.output.glob(f"{locale or '*'}/LC_MESSAGES/*.po"))
    if not paths:
        which = f"for {locale} " if locale else ""
        raise ConfigError(f"no catalogs {which}under {shown(config.output)}; "
                          "run `localize extract` first or name a CATALOG")
    return paths


@main.group("glossary")
def glossary_group() -> None:
    """The terminology glossary (glossary/*.csv): suggest terms, export and import TBX."""


_glossary_option = click.option("--glossary", type=click.Path(path_type=Path),
                                help="Glossary file or folder (default: glossary/).")


@glossary_group.command("suggest")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text",
              show_default=True, help="A list for people, or CSV rows to complete and paste.")
@_glossary_option
def suggest(sources: tuple[Path, ...], fmt: str, glossary: Path | None) -> None:
    """List candidate terms in the sources that the glossary lacks.

    Bracketed glosses in Chinese text, names inside Chinese text, altered
    spellings of known names, and aligned English/Dutch pairs.

    Example: localize glossary suggest seeds/
    """
    from localize.splitting import split_line  # loads word statistics: only when needed

    config = settings(glossary=glossary, sources=sources)
    documents = read_documents(find_sources(config.sources), base=Path.cwd())
    terms = load_glossary(config.glossary, required=config.glossary_named)
    found = suggest_terms(documents, terms, split=split_line)
    click.echo(_render(found, fmt), nl=False)


def _render(found: Sequence[Suggestion], fmt: str) -> str:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["en", "nl", "zh", "dnt", "note"])
        for s in found:
            if s.kind == "altered":
                continue
            nl = s.other if s.lang == "nl" else ""
            zh = s.other if s.kind == "gloss" else ""
            dnt = "yes" if s.kind == "name" else ""
            writer.writerow([s.en, nl, zh, dnt, f"suggested ({s.kind}) from {s.path}:{s.line}"])
        return out.getvalue()
    lines = []
    for s in found:
        if s.kind == "altered":
            what = f"{s.en!r} looks like an altered spelling of {s.other!r}"
        elif s.kind == "name":
            what = f"{s.en!r} (name: add with dnt=yes?)"
        else:
            what = f"{s.en!r} = {s.other!r} ({s.lang})"
        lines.append(f"{s.path}:{s.line}: {s.kind}: {what}, seen {s.count}x")
    lines.append(f"{len(found)} suggestion{'s' * (len(found) != 1)}")
    return "\n".join(lines) + "\n"


@glossary_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), default="tbx",
              show_default=True, help="TBX-Basic for CAT tools and Weblate, or our CSV.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (default: standard output).")
@_glossary_option
def export(fmt: str, output: Path | None, glossary: Path | None) -> None:
    """Write the glossary as TBX (or as one merged CSV).

    Example: localize glossary export --format tbx -o glossary.tbx
    """
    config = settings(glossary=glossary)
    terms = load_glossary(config.glossary, required=config.glossary_named)
    _emit(write_tbx(terms) if fmt == "tbx" else write_glossary(terms), output)


@glossary_group.command("import")
@click.argument("tbx_file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the CSV to this file (default: standard output).")
def import_command(tbx_file: Path, output: Path | None) -> None:
    """Read a TBX file and write it as glossary CSV.

    Example: localize glossary import terms.tbx -o glossary/imported.csv
    """
    _emit(write_glossary(load_tbx(tbx_file)), output)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text.encode("utf-8"))
        click.echo(f"wrote {shown(output)}", err=True)
