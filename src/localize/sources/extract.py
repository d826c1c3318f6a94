"""Extraction: documents in, one template per source language and its catalogs out (no file I/O).

Every template and catalog has a single source language, which its header
names (``X-Source-Language``): the English texts of the site are one template
(``messages-en.pot``) with a catalog per other locale, the Chinese texts another
(``messages-zh.pot``), and so on. A locale gets no catalog for texts already in
its own language: nothing is a copy of its own source, and gettext returns
those texts as they are. ``localize compile`` joins a locale's catalogs into the
one ``.mo`` the site loads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from localize.catalogs.headers import language_name, make_header, now
from localize.catalogs.merge import merge_catalog
from localize.catalogs.model import (
    ENGLISH_COMMENT,
    ENGLISH_MACHINE_COMMENT,
    LANG_COMMENT,
    Catalog,
    Entry,
)
from localize.catalogs.pofile import write_po
from localize.catalogs.provenance import clean_note
from localize.locales import language_of
from localize.sources.collect import Collection, PageTranslation, Progress, SplitLines, collect
from localize.sources.documents import Document

__all__ = ["SOURCE_LANGS", "CatalogKey", "Extracted", "extract_catalogs"]

PROJECT = "localize"
SOURCE_LANGS = ("en", "nl", "zh")  # English first: the other templates quote its catalogs

CatalogKey = tuple[str, str]  # (locale, source language)


@dataclass(frozen=True)
class Extracted:
    """The result of extraction: a template per source language, a catalog per locale and
    source language (none for a locale's own language)."""

    templates: dict[str, Catalog]
    catalogs: dict[CatalogKey, Catalog]
    documents: int
    lines: int


def extract_catalogs(
    documents: Sequence[Document],
    *,
    locales: Iterable[str],
    split_lines: SplitLines | None = None,
    old_templates: Mapping[str, Catalog | None] | None = None,
    old_catalogs: Mapping[CatalogKey, Catalog | None] | None = None,
    project: str = PROJECT,
    progress: Progress | None = None,
    collection: Collection | None = None,
    page_threshold: float = 0.0,
) -> Extracted:
    """Split, collect and merge: the templates and catalogs a run of ``localize extract`` writes.

    A ``collection`` already gathered from ``documents`` skips the splitting (a
    run that merges again after a concurrent save splits once; a run over a large
    site streams its documents into one and passes no ``documents``). A source
    language with an old template but no text left keeps its files, every
    entry obsolete. A page translation whose confidence is below
    ``page_threshold`` is written as fuzzy, with a note.
    """
    old_templates = old_templates or {}
    old_catalogs = old_catalogs or {}
    locales = list(locales)
    if collection is None:
        if split_lines is None:
            raise ValueError("extract_catalogs needs split_lines or a collection")
        collection = collect(documents, split_lines, progress)
    fresh = _by_source(collection.template)
    sources = [s for s in SOURCE_LANGS if s in fresh or old_templates.get(s) is not None]
    english = next((loc for loc in locales if language_of(loc) == "en"), None)
    stamp = now()
    templates: dict[str, Catalog] = {}
    catalogs: dict[CatalogKey, Catalog] = {}
    for source in sources:
        template = _template(fresh.get(source, []), source, project)
        targets = [loc for loc in locales if language_of(loc) != source]

        def merged(locale: str, template: Catalog = template, source: str = source) -> Catalog:
            return _merge(template, locale, source, old_catalogs.get((locale, source)),
                          collection, project, stamp, page_threshold)

        if english in targets:
            _add_english_versions(template, merged(english))
        _settle_date(template, old_templates.get(source))
        templates[source] = template
        catalogs.update({(loc, source): merged(loc) for loc in targets})
    return Extracted(templates=templates, catalogs=catalogs, documents=collection.documents,
                     lines=collection.lines)


def _by_source(collected: Catalog) -> dict[str, list[Entry]]:
    """The collected entries grouped by source language, without their ``lang:`` comments."""
    grouped: dict[str, list[Entry]] = {}
    for entry in collected:
        source = entry.source_lang or "en"
        comments = [c for c in entry.auto_comments if not c.startswith(LANG_COMMENT)]
        grouped.setdefault(source, []).append(
            Entry(msgid=entry.msgid, msgctxt=entry.msgctxt, auto_comments=comments,
                  references=list(entry.references), flags=list(entry.flags)))
    return grouped


def _template(entries: list[Entry], source: str, project: str) -> Catalog:
    template = Catalog(entries=entries)
    template.header = make_header(None, {}, project=project, created=now(), revised="",
                                  source=source)
    template.header_comments = [
        f"Translations template for the {language_name(source)} texts of {project}.", ""]
    template.header_flags = ["fuzzy"]
    return template


def _merge(template: Catalog, locale: str, source: str, old: Catalog | None,
           collection: Collection, project: str, stamp: str, page_threshold: float) -> Catalog:
    target = language_of(locale)
    catalog = merge_catalog(template, old, locale=target,
                            page_translation=_page_translation(collection, target),
                            page_threshold=page_threshold)
    catalog.header = make_header(locale, old.header if old else {}, project=project,
                                 created=template.header["POT-Creation-Date"], revised=stamp,
                                 source=source)
    catalog.header_comments = (list(old.header_comments) if old else [
        f"{language_name(locale)} translations of the {language_name(source)} texts of "
        f"{project}.", ""])
    return catalog


def _add_english_versions(template: Catalog, english: Catalog) -> None:
    """Give each entry the English catalog's translation as ``#. en:``, for translators who
    cannot read the source (marked when it is unreviewed machine output).

    It lives in the template, so every locale's catalog (and msgmerge) has the same.
    """
    for entry in template:
        version = english.get(entry.msgid, entry.msgctxt)
        if version is None or not version.translated:
            continue
        label = ENGLISH_MACHINE_COMMENT if version.machine_translated else ENGLISH_COMMENT
        entry.auto_comments.append(label + clean_note(version.msgstr))


def _settle_date(template: Catalog, old: Catalog | None) -> None:
    """Keep the old creation date when nothing else changed, so an idle re-run rewrites
    nothing.

    Writing a large template is slow, so the texts are compared only when the
    catalogs themselves cannot tell: the same entries and header keep the date,
    a different list of messages changes it.
    """
    field = "POT-Creation-Date"
    if old is None or field not in old.header:
        return
    stamp = template.header[field]
    template.header[field] = old.header[field]
    if _same_catalog(template, old):
        return
    if [e.key for e in _written(template)] != [e.key for e in _written(old)] or (
            write_po(template) != write_po(old)):
        template.header[field] = stamp


def _written(catalog: Catalog) -> list[Entry]:
    """The entries a PO file shows (an obsolete one only with a translation)."""
    return [e for e in catalog.entries if not e.obsolete or e.msgstr or e.msgstr_plural.get(0)]


def _same_catalog(a: Catalog, b: Catalog) -> bool:
    """Whether two catalogs hold the same header and entries (where each was read from left
    aside), so that they are written the same."""
    if (list(a.header.items()), a.header_comments, a.header_flags) != (
            list(b.header.items()), b.header_comments, b.header_flags):
        return False
    mine, theirs = _written(a), _written(b)
    return len(mine) == len(theirs) and all(
        replace(x, line=None) == replace(y, line=None) for x, y in zip(mine, theirs, strict=True))


def _page_translation(collection: Collection, language: str
                      ) -> Callable[[str], PageTranslation | None]:
    return lambda msgid: collection.translation(msgid, language)
