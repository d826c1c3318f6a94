"""``localize extract`` on disk: sources in, every template and catalog written or none.

Besides the content catalogs, each template domain (a ``.pot`` that pybabel or
xgettext wrote for the site's own templates) is merged, as msgmerge would, into
``<locale>/LC_MESSAGES/<stem>.po``. Catalogs of the first release's layout are
split into the new one and removed in the same commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.cache import default_cache_dir
from localize.catalogs.headers import language_name, make_header
from localize.catalogs.legacy import is_legacy, split_legacy
from localize.catalogs.merge import merge_catalog
from localize.catalogs.model import Catalog
from localize.catalogs.stats import CatalogStats, catalog_stats, locale_totals
from localize.config import Config
from localize.errors import ConfigError, InputError
from localize.fsio import Snapshot, catalog_bytes, catalog_lock, read_catalog, update_files
from localize.locales import language_of
from localize.sources.collect import Collection, Progress, add_document
from localize.sources.documents import Document
from localize.sources.extract import SOURCE_LANGS, CatalogKey, Extracted, extract_catalogs
from localize.sources.incremental import SiteSplitter, document_digest, settings_digest
from localize.sources.splitcache import SplitStore
from localize.splitting import Splitter
from localize.terms.glossary import Glossary, load_glossary
from localize.workspace.layout import content_targets
from localize.workspace.sources import find_sources, iter_documents

__all__ = ["ExtractReport", "make_splitter", "run_extract"]


@dataclass(frozen=True)
class ExtractReport:
    """What a run of extract did."""

    documents: int
    lines: int
    messages: int
    written: tuple[Path, ...]  # replaced, created or (first-release files) removed
    unchanged: tuple[Path, ...]
    stats: tuple[CatalogStats, ...]  # one row per locale, its catalogs inside
    split: int = 0  # documents the splitter worked on; the others came from the split cache


@dataclass(frozen=True)
class _Domain:
    """A template domain: the user's template and the source language of its msgids."""

    path: Path
    template: Catalog
    source: str

    @property
    def name(self) -> str:
        return self.path.stem


def run_extract(config: Config, *, base: Path | None = None, progress: Progress | None = None,
                lock_timeout: float = 10.0, cache: bool = True,
                cache_dir: Path | None = None) -> ExtractReport:
    """Extract messages from the configured sources and merge them into every catalog.

    Documents are read one at a time, twice (see :mod:`localize.sources.incremental`);
    what the splitter made of each is kept in the split cache in ``cache_dir``
    (the user's cache folder by default), so an unchanged document is not split
    again; ``cache=False`` reads nothing kept and keeps nothing. Nothing is
    written unless every file can be; a catalog a person saves while the run
    merges is read again and merged (see :func:`update_files`).
    """
    base = Path.cwd() if base is None else base
    files = find_sources(config.sources)
    domains = [_read_domain(config, path) for path in config.templates]
    pairs = glossary_pairs(load_glossary(config.glossary, required=config.glossary_named))
    store = (SplitStore.in_cache(cache_dir or default_cache_dir()) if cache
             else SplitStore.temporary())
    with store:
        splitter = SiteSplitter(Splitter(extra_pairs=pairs), store, settings_digest(pairs))
        collection = _collect(files, lambda: iter_documents(
            files, base=base, max_mb=config.max_document_mb), splitter, progress)
    results: list[tuple[Extracted, dict[Path, Catalog]]] = []

    def build(snapshot: Snapshot) -> dict[Path, bytes | None]:
        old_catalogs, legacy = _old_catalogs(config, snapshot)
        extracted = extract_catalogs(
            (), locales=config.locales,
            old_templates={s: snapshot.catalog(config.template_path(s)) for s in SOURCE_LANGS},
            old_catalogs=old_catalogs, collection=collection,
            page_threshold=config.page_confidence)
        files = {config.template_path(s): t for s, t in extracted.templates.items()}
        files |= {config.catalog_path(loc, s): c for (loc, s), c in extracted.catalogs.items()}
        for domain in domains:
            files |= _merge_domain(config, domain, snapshot)
        results[:] = [(extracted, files)]
        changes: dict[Path, bytes | None] = {p: catalog_bytes(c, p, width=config.width)
                                              for p, c in files.items()}
        return changes | dict.fromkeys(legacy)

    with catalog_lock(config.output, timeout=lock_timeout):
        done = update_files(_paths(config, domains), build)
    extracted, written = results[0]
    return ExtractReport(
        documents=extracted.documents, lines=extracted.lines,
        messages=sum(len(t) for t in extracted.templates.values()),
        written=done.written, unchanged=done.unchanged, stats=_stats(config, written),
        split=splitter.split_documents)


def glossary_pairs(glossary: Glossary) -> list[tuple[str, str]]:
    """The glossary's English–Dutch term pairs, evidence for the splitter."""
    return [(en, nl) for term in glossary.terms if not term.dnt
            for en in term.en for nl in term.nl if en != nl]


def make_splitter(glossary: Glossary) -> Splitter:
    """A splitter that also knows the glossary's English–Dutch term pairs."""
    return Splitter(extra_pairs=glossary_pairs(glossary))


class _Changed(Exception):
    """A source changed between the two passes of a run."""


_TRIES = 3  # runs of both passes before a source that keeps changing stops extract


def _collect(files: Sequence[Path], read: Callable[[], Iterator[Document]],
             splitter: SiteSplitter, progress: Progress | None) -> Collection:
    """Both passes over the documents ``read()`` gives, until no source changes between them."""
    total = 2 * len(files)
    changed: object = files[0] if files else None
    for _ in range(_TRIES):
        digests: list[tuple[str, str]] = []

        def seen(document: Document, text: str, digests: list[tuple[str, str]] = digests
                 ) -> None:
            digests.append((document.path, text))
            if progress is not None:
                progress(len(digests), total, document.path)

        site = splitter.site_lexicon(read(), seen)
        collection = Collection()
        try:
            again = splitter.messages(_unchanged(read(), digests), site)
            for done, (document, numbered) in enumerate(again, start=len(digests) + 1):
                add_document(collection, document, numbered)
                if progress is not None:
                    progress(done, total, document.path)
        except _Changed as err:
            changed = err.args[0] if err.args else changed
            continue
        return collection
    raise InputError(f"changed while localize was reading it ({_TRIES} tries); run extract "
                     "again when the sources are saved", path=changed)


def _unchanged(documents: Iterable[Document], digests: Sequence[tuple[str, str]]
               ) -> Iterator[tuple[Document, str]]:
    """The documents of the second pass with their digests; _Changed if one differs from the
    first pass."""
    count = 0
    for document, (path, text) in zip(documents, digests, strict=False):
        count += 1
        if document.path != path or document_digest(document) != text:
            raise _Changed(path)
        yield document, text
    if count != len(digests):
        raise _Changed()


def _paths(config: Config, domains: list[_Domain]) -> list[Path]:
    """Every file a run may write, read or remove."""
    paths = [config.template_path(s) for s in SOURCE_LANGS]
    paths += [config.catalog_path(loc, s) for s in SOURCE_LANGS
              for loc in content_targets(config, s)]
    paths += [config.domain_path(loc, d.name) for d in domains
              for loc in content_targets(config, d.source)]
    return paths + config.legacy_paths(config.locales)


def _old_catalogs(config: Config, snapshot: Snapshot
                  ) -> tuple[dict[CatalogKey, Catalog | None], list[Path]]:
    """The catalogs on disk, and the first release's files to remove once split into them."""
    old: dict[CatalogKey, Catalog | None] = {
        (loc, s): snapshot.catalog(config.catalog_path(loc, s))
        for s in SOURCE_LANGS for loc in content_targets(config, s)}
    pot, *mixed_paths = config.legacy_paths(config.locales)
    mixed: dict[str, Catalog] = {}
    remove: list[Path] = []
    for locale, path in zip(config.locales, mixed_paths, strict=True):
        catalog = snapshot.catalog(path)
        if catalog is None:
            continue
        if not is_legacy(catalog):
            raise ConfigError(f"not a localize catalog, and in the way of the site's "
                              f"{config.domain}.mo: rename it, or pass its template with "
                              "--template", path=path)
        mixed[locale] = catalog
        remove.append(path)
    split = split_legacy(mixed, {loc: language_of(loc) for loc in mixed},
                         paths={loc: str(config.domain_path(loc, config.domain))
                                for loc in mixed})
    for key, catalog in split.items():
        if key in old and old[key] is None:
            old[key] = catalog
    template = snapshot.catalog(pot)
    if template is not None and is_legacy(template):
        remove.append(pot)
    return old, remove


def _read_domain(config: Config, path: Path) -> _Domain:
    name = path.stem
    if name == config.domain or name.startswith(f"{config.domain}-"):
        raise ConfigError(f"a template named {name!r} would overwrite the content catalogs of "
                          f"domain {config.domain!r}; rename the template or set another "
                          "domain", path=path)
    if path.suffix != ".pot":
        raise ConfigError("a template domain is a .pot file (from pybabel extract or xgettext)",
                          path=path)
    template = read_catalog(path)
    source = template.source_lang or "en"
    language_of(source)  # a clear error for a code we do not know
    return _Domain(path, template, source)


def _merge_domain(config: Config, domain: _Domain, snapshot: Snapshot) -> dict[Path, Catalog]:
    """The domain's template merged into each locale's ``<stem>.po``, as msgmerge does."""
    merged = {}
    created = domain.template.header.get("POT-Creation-Date", "")
    for locale in content_targets(config, domain.source):
        path = config.domain_path(locale, domain.name)
        old = snapshot.catalog(path)
        catalog = merge_catalog(domain.template, old, locale=language_of(locale),
                                page_translation=lambda _: None)
        catalog.header = make_header(locale, old.header if old else {}, project=domain.name,
                                     created=created, revised=created, source=domain.source)
        catalog.header_comments = (list(old.header_comments) if old else [
            f"{language_name(locale)} translations of the {domain.name} domain.", ""])
        merged[path] = catalog
    return merged


def _stats(config: Config, files: dict[Path, Catalog]) -> tuple[CatalogStats, ...]:
    rows = []
    for locale in config.locales:
        folder = config.output / locale / "LC_MESSAGES"
        mine = [catalog_stats(c, locale, name=p.stem) for p, c in files.items()
                if p.parent == folder]
        rows.append(locale_totals(locale, mine))
    return tuple(rows)

