"""The first release's catalogs, split into one catalog per source language.

The first release kept every source language in one template and one catalog
per locale, told apart by ``#. lang:`` comments, and copied a locale's own
texts into its catalog (msgstr = msgid). The catalogs now have one source
language each; these functions carry the old files' work over: every
translation, comment, flag and obsolete entry goes to the catalog of its
source language; the copies are dropped. A copy a person changed is not a
copy: the split stops and names it, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Mapping

from localize.catalogs.model import LANG_COMMENT, Catalog, Entry
from localize.errors import CatalogError

__all__ = ["is_legacy", "split_legacy"]

CatalogKey = tuple[str, str]  # (locale, source language)


def is_legacy(catalog: Catalog) -> bool:
    """True for a first-release catalog: no source language in the header, and entries
    with ``#. lang:`` (or, when it has none, localize as its generator)."""
    if catalog.source_lang is not None:
        return False
    if any(c.startswith(LANG_COMMENT) for e in catalog for c in e.auto_comments):
        return True
    return not len(catalog) and catalog.header.get("X-Generator", "").startswith("localize")


def split_legacy(catalogs: Mapping[str, Catalog], languages: Mapping[str, str], *,
                 paths: Mapping[str, str]) -> dict[CatalogKey, Catalog]:
    """Each locale's mixed catalog as one catalog per source language.

    ``languages`` maps each locale to its language, ``paths`` to its file (named
    in errors). The header and header comments go to every part.
    """
    split: dict[CatalogKey, Catalog] = {}
    for locale, catalog in catalogs.items():
        for entry in catalog.entries:
            source = _source_of(entry)
            if source == languages[locale]:
                _check_copy(entry, paths[locale])
                continue
            part = split.setdefault((locale, source), Catalog(
                header={**catalog.header, "X-Source-Language": source},
                header_comments=list(catalog.header_comments),
                header_flags=list(catalog.header_flags)))
            if entry.key not in part:
                part.add(entry)
    return split


def _source_of(entry: Entry) -> str:
    """The ``#. lang:`` of an entry; obsolete entries lost theirs: Chinese if the text is."""
    if entry.source_lang:
        return entry.source_lang
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in entry.msgid) else "en"


def _check_copy(entry: Entry, path: str) -> None:
    forms = [entry.msgstr, *entry.msgstr_plural.values()]
    if all(form in ("", entry.msgid, entry.msgid_plural) for form in forms) and not (
            entry.person_comments):
        return
    raise CatalogError(
        f"{entry.msgid[:40]!r} is a text in the catalog's own language that a person changed "
        "or commented; the new layout has no catalog for a locale's own texts. Fix the source "
        "page instead (or delete the change), then run extract again", path=path,
        line=entry.line)
