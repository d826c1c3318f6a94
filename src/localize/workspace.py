"""The project on disk: finding sources, reading and writing catalogs under the run lock.

This is the one library module that deals in paths; the stages it calls take
and return text and catalogs.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.catalogs.model import Catalog
from localize.catalogs.mofile import write_mo
from localize.catalogs.stats import CatalogStats, catalog_stats
from localize.config import Config
from localize.errors import CatalogError, InputError
from localize.fsio import atomic_write, catalog_lock, read_catalog, write_catalog
from localize.sources.collect import Progress
from localize.sources.documents import Document, read_document
from localize.sources.extract import extract_catalogs
from localize.splitting import Splitter
from localize.terms.glossary import Glossary, load_glossary

__all__ = [
    "ExtractReport",
    "compile_catalogs",
    "find_sources",
    "locale_stats",
    "make_splitter",
    "read_documents",
    "run_extract",
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
    """The files named, and the files inside the folders named (sorted, hidden ones skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)))
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or folder", path=path)
    return found


def read_documents(files: Sequence[Path], *, base: Path, max_mb: float = 16) -> list[Document]:
    """Read every source file; the first unreadable one stops the run before anything is written."""
    documents = []
    for file in files:
        name = _display(file, base)
        size = file.stat().st_size / 2**20
        if size > max_mb:
            raise InputError(f"{size:.1f} MB is over the limit of {max_mb:g} MB a document; split "
                             "the file or raise the limit with --max-size", path=name)
        documents.append(read_document(file, display=name))
    return documents


def run_extract(config: Config, *, base: Path | None = None, progress: Progress | None = None,
                lock_timeout: float = 10.0) -> ExtractReport:
    """Extract messages from the configured sources and merge them into every catalog."""
    base = Path.cwd() if base is None else base
    documents = read_documents(find_sources(config.sources), base=base,
                               max_mb=config.max_document_mb)
    splitter = make_splitter(load_glossary(config.glossary))
    site = splitter.site_lexicon(document.lines for document in documents)
    with catalog_lock(config.output, timeout=lock_timeout):
        old_template = _read_if_exists(config.pot_path())
        old = {lang: _read_if_exists(config.po_path(lang)) for lang in config.locales}
        extracted = extract_catalogs(
            documents, locales=config.locales,
            split_lines=functools.partial(splitter.split_lines, site=site),
            old_template=old_template, old_catalogs=old, progress=progress,
            page_threshold=config.page_confidence,
        )
        targets: list[tuple[Path, Catalog]] = [(config.pot_path(), extracted.template)]
        targets += [(config.po_path(lang), extracted.catalogs[lang]) for lang in config.locales]
        written: list[Path] = []
        unchanged: list[Path] = []
        for path, catalog in targets:
            (written if write_catalog(path, catalog) else unchanged).append(path)
    return ExtractReport(
        documents=extracted.documents, lines=extracted.lines,
        messages=len(extracted.template), written=tuple(written), unchanged=tuple(unchanged),
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
        done = []
        for lang, catalog in catalogs:
            changed = atomic_write(config.mo_path(lang), write_mo(catalog, use_fuzzy=use_fuzzy))
            done.append((config.mo_path(lang), catalog_stats(catalog, lang), changed))
    return done


def locale_stats(config: Config, *, locales: Sequence[str] = ()) -> list[CatalogStats]:
    """Statistics of each locale's catalog."""
    return [catalog_stats(_read_existing(config, lang), lang) for lang in locales or config.locales]


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_existing(config: Config, lang: str) -> Catalog:
    path = config.po_path(lang)
    if not path.exists():
        raise CatalogError(f"no catalog for {lang!r}; run `localize extract` first", path=path)
    return read_catalog(path)


def _read_if_exists(path: Path) -> Catalog | None:
    return read_catalog(path) if path.exists() else None


def _display(path: Path, base: Path) -> str:
    """A path as references show it: relative to ``base`` when inside it, with ``/``."""
    try:
        relative = os.path.relpath(path.resolve(), base.resolve())
    except ValueError:
        return path.as_posix()
    if relative.startswith(".."):
        return path.as_posix()
    return Path(relative).as_posix()
