"""``localize translate`` on disk: fill a locale's catalogs under the lock, all or none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.config import Config
from localize.errors import CatalogError, ConfigError
from localize.fsio import Snapshot, catalog_bytes, catalog_lock, update_files
from localize.locales import language_of
from localize.mt.engine import EngineRegistry
from localize.mt.fill import FillReport, Progress, combine_reports, fill_catalog
from localize.mt.memory import ChunkRunner, TranslationMemory
from localize.mt.models import list_models
from localize.terms.glossary import load_glossary
from localize.workspace.layout import locale_files

__all__ = ["TranslateRun", "resolve_locale", "translate_locale"]


@dataclass(frozen=True)
class TranslateRun:
    """The result of :func:`translate_locale`: the report (all catalogs summed) and the files."""

    report: FillReport
    paths: tuple[Path, ...]
    written: tuple[Path, ...]  # empty in a dry run or when nothing changed


def resolve_locale(config: Config, target: str) -> str:
    """The configured locale ``target`` names: the same code, or the only one of its language
    (``--to zh`` finds ``zh_Hans``)."""
    if target in config.locales:
        return target
    language = language_of(target)
    same = [loc for loc in config.locales if language_of(loc) == language]
    if len(same) == 1:
        return same[0]
    raise ConfigError(f"unknown locale {target!r}; configured locales: "
                      f"{', '.join(config.locales)}", path=config.origin)


def translate_locale(
    config: Config,
    target: str,
    *,
    models_dir: Path,
    only_source: str | None = None,
    fuzzy: bool = True,
    dry_run: bool = False,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    lock_timeout: float = 10.0,
    runner: ChunkRunner | None = None,
) -> TranslateRun:
    """Fill the missing entries of every catalog of ``target`` (content catalogs and template
    domains; with ``only_source``, the content catalog of that source language).

    Every translation goes to the translation memory as it is made, so when a
    person saves a catalog during the run, the fill runs again on the saved
    file from the memory, and their change is kept. ``runner`` runs the model
    elsewhere (:class:`localize.mt.cluster.RayRunner`); the catalogs are the same.
    """
    locale = resolve_locale(config, target)
    files = [f for f in locale_files(config, locale)
             if only_source is None or f.source == only_source]
    if not files:
        raise CatalogError(f"no catalogs for {locale!r}; run `localize extract` first",
                           path=config.output / locale / "LC_MESSAGES")
    registry = EngineRegistry(list_models(models_dir), where=models_dir)
    glossary = load_glossary(config.glossary, required=config.glossary_named)
    memory = TranslationMemory.in_cache(cache_dir)
    reports: list[FillReport] = []

    def build(snapshot: Snapshot) -> dict[Path, bytes | None]:
        # A dry run reads the memory when there is one, and creates nothing.
        use_memory = memory if not dry_run or memory.path.exists() else None
        done: list[FillReport] = []
        changes: dict[Path, bytes | None] = {}
        for file in files:
            catalog = snapshot.catalog(file.path)
            if catalog is None:
                raise CatalogError("catalog vanished during the run", path=file.path)
            done.append(fill_catalog(
                catalog, target=language_of(locale), engine_for=registry.engine_for,
                glossary=glossary, memory=use_memory, fuzzy=fuzzy, dry_run=dry_run,
                progress=_offset(progress, done) if not reports else None, runner=runner))
            if not dry_run:
                changes[file.path] = catalog_bytes(catalog, file.path, width=config.width)
        reports[:] = [combine_reports(done)]
        return changes

    with catalog_lock(config.output, timeout=lock_timeout), memory:
        committed = update_files([f.path for f in files], build)
    return TranslateRun(reports[0], tuple(f.path for f in files), committed.written)


def _offset(progress: Progress | None, done: Sequence[FillReport]) -> Progress | None:
    """Progress over several catalogs: texts done before this one count too."""
    if progress is None:
        return None
    before = sum(r.filled + r.failed + r.skipped_no_model for r in done)
    return lambda n, total: progress(before + n, before + total)
