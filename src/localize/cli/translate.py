"""Commands for machine translation: ``translate`` and ``models install|available|list|remove``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import click

from localize.cli._base import main
from localize.cli.catalogs import config_options, layout_options, settings, shown, wait_option
from localize.config import load_config
from localize.errors import ModelError
from localize.mt.cluster import RayRunner
from localize.mt.fill import FillReport
from localize.mt.index import index_url, install_from_index, read_index
from localize.mt.models import install, list_models, remove, resolve_models_dir
from localize.workspace import translate_locale

__all__ = ["models", "translate_command"]

_models_dir_option = click.option(
    "--models-dir", type=click.Path(file_okay=False, path_type=Path),
    help="Models folder (default: LOCALIZE_MODELS_DIR, the config's models_dir, "
         "or Argos Translate's packages folder).")


def _models_dir(flag: Path | None, configured: Path | None = None) -> Path:
    if configured is None and flag is None:
        configured = load_config().models_dir
    return resolve_models_dir(flag, configured)


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int | None], None] | None]:
    """A progress callback drawing a bar on a terminal; None (quiet) elsewhere and in CI."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    bars: list[Any] = []

    def advance(done: int, total: int | None) -> None:
        if total is None:  # a download of unknown size: no bar to draw
            return
        if not bars:
            bars.append(click.progressbar(length=total, label=label, file=sys.stderr))
            bars[0].__enter__()
        bar = bars[0]
        bar.length = max(bar.length or 0, total)  # later passes and catalogs add to the total
        bar.update(done - bar.pos)

    try:
        yield advance
    finally:
        if bars:
            bars[0].__exit__(None, None, None)


def _summary(report: FillReport) -> str:
    verb = "would fill" if report.dry_run else "filled"
    parts = [f"{verb} {report.filled}", f"{report.from_memory} from memory"]
    if report.plurals:
        parts.append(f"{report.plurals} of them plural entries (every form, fuzzy)")
    if not report.dry_run:
        parts.append(f"{report.flagged} flagged for review")
        if report.left_for_review:
            parts.append(f"{report.left_for_review} left for review (placeholders not kept)")
    if report.failed:
        parts.append(f"{report.failed} failed (left as they were)")
    parts += [f"{report.replaced} stale machine translations redone",
              f"{report.skipped_no_model} skipped (no model)",
              f"{report.kept_human} human translations kept"]
    return f"{report.target}: " + ", ".join(parts)


@main.command("translate")
@click.option("--to", "target", required=True, help="Locale to fill, e.g. nl.")
@click.option("--from", "source", help="Only entries whose source language is this.")
@click.option("--dry-run", is_flag=True, help="Report what would be filled; write nothing.")
@click.option("--no-fuzzy", is_flag=True, help="Do not mark machine output fuzzy.")
@click.option("--ray", "ray_address", is_flag=False, flag_value="", default=None,
              metavar="[ADDRESS]",
              help="Run the model on a Ray cluster at ADDRESS (ray://HOST:10001, HOST:6379 or "
                   "auto); with no ADDRESS, on a local Ray instance. Needs "
                   "pip install 'localize[ray]'.")
@click.option("--ray-models", type=click.Choice(["ship", "shared"]),
              help="How Ray workers get the models: shipped with the job (the default with an "
                   "ADDRESS) or read at the same path on every node (the default locally).")
@_models_dir_option
@wait_option
@layout_options
@config_options
def translate_command(target: str, source: str | None, dry_run: bool, no_fuzzy: bool,
                      ray_address: str | None, ray_models: str | None,
                      models_dir: Path | None, wait: float, **options: Any) -> None:
    """Fill a locale's missing entries with offline machine translation.

    Human translations are never touched; machine output is marked.

    Example: localize translate --to nl --ray
    """
    config = settings(**options)
    folder = _models_dir(models_dir, config.models_dir)
    runner = None if ray_address is None else RayRunner(
        address=ray_address or None,
        ship_models=None if ray_models is None else ray_models == "ship")
    with _progress_bar(f"translating to {target}") as progress, runner or nullcontext():
        run = translate_locale(config, target, models_dir=folder, only_source=source,
                               fuzzy=not no_fuzzy, dry_run=dry_run, progress=progress,
                               lock_timeout=wait, runner=runner)
    report = run.report
    for message in report.missing_models:
        click.echo(f"localize: warning: {message}", err=True)
    click.echo(_summary(report))
    for line in report.strategies:
        click.echo(f"  {line}")
    if not dry_run:
        for path in run.paths:
            click.echo(f"  {'wrote' if path in run.written else 'unchanged'} {shown(path)}")
    if report.skipped_no_model and not report.filled:
        raise ModelError(report.missing_models[0])


@main.group()
def models() -> None:
    """Install, list and remove translation models (Argos .argosmodel packages)."""


_index_option = click.option(
    "--index", "index", metavar="URL",
    help="Package index (default: LOCALIZE_MODELS_INDEX, or Argos Translate's public index).")


def _is_file_argument(name: str) -> bool:
    return name.endswith(".argosmodel") or os.sep in name or Path(name).exists()


@models.command("install")
@click.argument("packages", nargs=-1, required=True)
@_models_dir_option
@_index_option
def models_install(packages: tuple[str, ...], models_dir: Path | None,
                   index: str | None) -> None:
    """Install .argosmodel files, or packages by code from the index (downloaded, then checked).

    Example: localize models install translate-en_nl
    """
    folder = _models_dir(models_dir)
    for name in packages:
        if _is_file_argument(name):
            info = install(Path(name), folder)
        else:
            with _progress_bar(f"downloading {name}") as progress:
                info = install_from_index(name, folder, index_url(index), progress)
        click.echo(f"installed {info.name} ({info.pair}) in {info.path.parent}")


@models.command("available")
@_index_option
def models_available(index: str | None) -> None:
    """List the packages of the index (this downloads the index).

    Example: localize models available
    """
    url = index_url(index)
    packages = read_index(url)
    if not packages:
        click.echo(f"no translate packages in {url}")
    for p in packages:
        names = f"{p.from_name} → {p.to_name}" if p.from_name and p.to_name else ""
        click.echo(f"{p.code}\t{p.pair}\tv{p.package_version or '?'}\t{names}".rstrip())


@models.command("list")
@_models_dir_option
def models_list(models_dir: Path | None) -> None:
    """List installed models with their language pairs.

    Example: localize models list
    """
    folder = _models_dir(models_dir)
    found = list_models(folder)
    if not found:
        click.echo(f"no models installed in {folder}")
    for info in found:
        version = f" v{info.package_version}" if info.package_version else ""
        click.echo(f"{info.pair}\t{info.name}{version}\t{info.path}")


@models.command("remove")
@click.argument("name")
@_models_dir_option
def models_remove(name: str, models_dir: Path | None) -> None:
    """Remove an installed model by folder name or pair (en-nl).

    Example: localize models remove en-nl
    """
    info = remove(name, _models_dir(models_dir))
    click.echo(f"removed {info.name} ({info.pair})")
