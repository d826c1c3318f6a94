"""The project on disk: finding sources, reading and writing catalogs under the run lock.

This is the one library module that deals in paths; the stages it calls take
and return text and catalogs.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.catalogs.model import Catalog
from localize.catalogs.mofile import write_mo
from localize.catalogs.stats import CatalogStats, catalog_stats
from localize.config import Config
from localize.errors import CatalogError, ConfigError, InputError
from localize.fsio import (
    Snapshot,
    catalog_bytes,
    catalog_lock,
    commit,
    read_catalog,
    take_snapshot,
    update_files,
)
from localize.mt.engine import EngineRegistry
from localize.mt.fill import FillReport, fill_catalog
from localize.mt.fill import Progress as TranslateProgress
from localize.mt.memory import TranslationMemory
from localize.mt.models import list_models
from localize.sources.collect import Progress, collect
from localize.sources.documents import Document, read_document
from localize.sources.extract import Extracted, extract_catalogs
from localize.splitting import Splitter
from localize.terms.glossary import Glossary, load_glossary

__all__ = [
    "ExtractReport",
    "TranslateRun",
    "compile_catalogs",
    "find_sources",
    "locale_stats",
    "make_splitter",
    "read_documents",
    "run_extract",
    "translate_locale",
]



@dataclass(frozen=True)
class ExtractReport:
    """What a run of extract did."""

    documents: int
    lines: int
    messages: int
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    stats: tuple[CatalogStats, ...]


def find_sources(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the files inside the folders named (sorted, hidden ones skipped).

    A file named on its own is read whatever it is (a FIFO or device is then
    refused by name); inside folders only regular files are taken.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise InputError("no such file or folder", path=path)
    return found


def _walk(folder: Path) -> list[Path]:
    def fail(err: OSError) -> None:
        raise InputError(f"cannot read folder: {err.strerror}", path=err.filename)

    found = []
    for root, dirs, files in os.walk(folder, onerror=fail):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root) / name
            try:
                regular = not name.startswith(".") and stat.S_ISREG(os.stat(path).st_mode)
            except FileNotFoundError:
                continue  # a dangling link
            except OSError as err:
                raise InputError(f"cannot read: {err.strerror}", path=path) from err
            if regular:
                found.append(path)
    return sorted(found)


def read_documents(files: Sequence[Path], *, base: Path, max_mb: float = 16) -> list[Document]:
    """Read every source file; the first unreadable one stops the run before anything is written."""
    limit = int(max_mb * 2**20)
    return [read_document(file, display=_display(file, base), max_bytes=limit) for file in files]


def run_extract(config: Config, *, base: Path | None = None, progress: Progress | None = None,
                lock_timeout: float = 10.0) -> ExtractReport:
    """Extract messages from the configured sources and merge them into every catalog.

    Nothing is written unless every file can be; a catalog a person saves
    while the run merges is read again and merged (see :func:`update_files`).
    """
    base = Path.cwd() if base is None else base
    documents = read_documents(find_sources(config.sources), base=base,
                               max_mb=config.max_document_mb)
    splitter = make_splitter(load_glossary(config.glossary, required=config.glossary_named))
    collection = collect(documents, splitter.split_lines, progress)
    paths = [config.pot_path(), *(config.po_path(lang) for lang in config.locales)]
    results: list[Extracted] = []

    def build(snapshot: Snapshot) -> dict[Path, bytes]:
        extracted = extract_catalogs(
            documents, locales=config.locales, split_lines=splitter.split_lines,
            old_template=snapshot.catalog(config.pot_path()),
            old_catalogs={lang: snapshot.catalog(config.po_path(lang)) for lang in config.locales},
            collection=collection,
        )
        results[:] = [extracted]
        catalogs = [extracted.template, *(extracted.catalogs[lang] for lang in config.locales)]
        return {path: catalog_bytes(catalog, path) for path, catalog in zip(paths, catalogs,
                                                                             strict=True)}

    with catalog_lock(config.output, timeout=lock_timeout):
        done = update_files(paths, build)
    extracted = results[0]
    return ExtractReport(
        documents=extracted.documents, lines=extracted.lines,
        messages=len(extracted.template), written=done.written, unchanged=done.unchanged,
        stats=tuple(catalog_stats(extracted.catalogs[lang], lang) for lang in config.locales),
    )


def make_splitter(glossary: Glossary) -> Splitter:
    """A splitter that also knows the glossary's English–Dutch term pairs."""
    pairs = [(en, nl) for term in glossary.terms if not term.dnt
             for en in term.en for nl in term.nl if en != nl]
    return Splitter(extra_pairs=pairs)


def compile_catalogs(config: Config, *, locales: Sequence[str] = (), use_fuzzy: bool = False,
                     lock_timeout: float = 10.0) -> list[tuple[Path, CatalogStats, bool]]:
    """Write a ``.mo`` beside each locale's ``.po``; returns the files, what went in, and
    whether each file changed."""
    chosen = locales or config.locales
    with catalog_lock(config.output, timeout=lock_timeout):
        catalogs = [(lang, _read_existing(config, lang)) for lang in chosen]
        files = {config.mo_path(lang): write_mo(catalog, use_fuzzy=use_fuzzy)
                 for lang, catalog in catalogs}
        done = commit(files, take_snapshot(list(files)))
    return [(config.mo_path(lang), catalog_stats(catalog, lang), config.mo_path(lang)
             in done.written) for lang, catalog in catalogs]


def locale_stats(config: Config, *, locales: Sequence[str] = ()) -> list[CatalogStats]:
    """Statistics of each locale's catalog."""
    return [catalog_stats(_read_existing(config, lang), lang) for lang in locales or config.locales]


def _read_existing(config: Config, lang: str) -> Catalog:
    path = config.po_path(lang)
    if not path.exists():
        raise CatalogError(f"no catalog for {lang!r}; run `localize extract` first", path=path)
    return read_catalog(path)


def _display(path: Path, base: Path) -> str:
    """A path as references show it: relative to ``base`` when inside it, with ``/``."""
    try:
        relative = os.path.relpath(path.resolve(), base.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return path.as_posix()
    if relative.startswith(".."):
        return path.as_posix()
    return Path(relative).as_posix()


@dataclass(frozen=True)
class TranslateRun:
    """The result of :func:`translate_locale`: the report and the file it concerned."""

    report: FillReport
    path: Path
    written: bool  # False in a dry run or when nothing changed


def translate_locale(
    config: Config,
    target: str,
    *,
    models_dir: Path,
    only_source: str | None = None,
    fuzzy: bool = True,
    dry_run: bool = False,
    cache_dir: Path | None = None,
    progress: TranslateProgress | None = None,
    lock_timeout: float = 10.0,
) -> TranslateRun:
    """Fill ``target``'s catalog of the project under its lock, then write it atomically.

    Every translation goes to the translation memory as it is made, so when a
    person saves the catalog during the run, the fill runs again on the saved
    file from the memory, and their change is kept.
    """
    if target not in config.locales:
        raise ConfigError(f"unknown locale {target!r}; configured locales: "
                          f"{', '.join(config.locales)}", path=config.origin)
    registry = EngineRegistry(list_models(models_dir), where=models_dir)
    glossary = load_glossary(config.glossary, required=config.glossary_named)
    path = config.po_path(target)
    memory = TranslationMemory.in_cache(cache_dir)
    reports: list[FillReport] = []

    def build(snapshot: Snapshot) -> dict[Path, bytes]:
        catalog = snapshot.catalog(path)
        if catalog is None:
            raise CatalogError(f"no catalog for {target!r}; run `localize extract` first",
                               path=path)
        # A dry run reads the memory when there is one, and creates nothing.
        use_memory = memory if not dry_run or memory.path.exists() else None
        reports[:] = [fill_catalog(catalog, target=target, engine_for=registry.engine_for,
                                   glossary=glossary, memory=use_memory, only_source=only_source,
                                   fuzzy=fuzzy, dry_run=dry_run,
                                   progress=None if reports else progress)]
        return {} if dry_run else {path: catalog_bytes(catalog, path)}

    with catalog_lock(config.output, timeout=lock_timeout), memory:
        done = update_files([path], build)
    return TranslateRun(reports[0], path, path in done.written)
