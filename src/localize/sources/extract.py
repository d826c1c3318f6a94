"""Extraction: documents in, a template and one merged catalog per locale out (no file I/O)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from localize.catalogs.headers import language_name, make_header, now
from localize.catalogs.merge import merge_catalog
from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import write_po
from localize.sources.collect import Collection, PageTranslation, Progress, SplitLines, collect
from localize.sources.documents import Document

__all__ = ["Extracted", "extract_catalogs"]

PROJECT = "localize"


@dataclass(frozen=True)
class Extracted:
    """The result of extraction: the template and the catalog of each locale."""

    template: Catalog
    catalogs: dict[str, Catalog]
    documents: int
    lines: int


def extract_catalogs(
    documents: Sequence[Document],
    *,
    locales: Iterable[str],
    split_lines: SplitLines,
    old_template: Catalog | None = None,
    old_catalogs: Mapping[str, Catalog | None] | None = None,
    project: str = PROJECT,
    progress: Progress | None = None,
    page_threshold: float = 0.0,
) -> Extracted:
    """Split, collect and merge: the catalogs a run of ``localize extract`` writes.

    A page translation whose confidence is below ``page_threshold`` is written
    as fuzzy, with a note.
    """
    old_catalogs = old_catalogs or {}
    collection = collect(documents, split_lines, progress)
    template = _template(collection, old_template, project)
    stamp = now()
    created = template.header["POT-Creation-Date"]
    ordered = sorted(locales, key=lambda lang: lang != "en")  # English first: others quote it
    catalogs: dict[str, Catalog] = {}
    for locale in ordered:
        old = old_catalogs.get(locale)
        merged = merge_catalog(
            template, old, locale=locale,
            page_translation=_page_translation(collection, locale),
            english=_english_from(catalogs.get("en")), page_threshold=page_threshold,
        )
        merged.header = make_header(locale, old.header if old else {}, project=project,
                                    created=created, revised=stamp)
        merged.header_comments = (list(old.header_comments) if old else
                                  [f"{language_name(locale)} translations for {project}.", ""])
        _settle_date(merged, old, "PO-Revision-Date", stamp)
        catalogs[locale] = merged
    lines = sum(len(d.lines) for d in documents)
    return Extracted(template=template, catalogs={k: catalogs[k] for k in locales},
                     documents=len(documents), lines=lines)


def _template(collection: Collection, old: Catalog | None, project: str) -> Catalog:
    template = collection.template
    template.header = make_header(None, {}, project=project, created=now(), revised="")
    template.header_comments = [f"Translations template for {project}.", ""]
    template.header_flags = ["fuzzy"]
    _settle_date(template, old, "POT-Creation-Date", template.header["POT-Creation-Date"])
    return template


def _settle_date(catalog: Catalog, old: Catalog | None, field: str, stamp: str) -> None:
    """Keep the old date when nothing else changed, so an idle re-run rewrites nothing."""
    if old is not None and field in old.header:
        catalog.header[field] = old.header[field]
        if write_po(catalog) == write_po(old):
            return
    catalog.header[field] = stamp


def _page_translation(
    collection: Collection, locale: str
) -> Callable[[str], PageTranslation | None]:
    return lambda msgid: collection.translation(msgid, locale)


def _english_from(english: Catalog | None) -> Callable[[Entry], Entry | None]:
    """The English catalog's entry for a message, when there is an English catalog."""
    if english is None:
        return lambda _: None
    return lambda entry: english.get(entry.msgid, entry.msgctxt)
