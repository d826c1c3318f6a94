"""TMX 1.4: the reviewed translations of a locale, each unit in its own source language."""

from __future__ import annotations

from collections.abc import Sequence

from translate.storage import tmx

from localize.catalogs.model import Catalog
from localize.exchange.units import is_reviewed

__all__ = ["write_tmx"]


def write_tmx(catalogs: Sequence[Catalog], target: str) -> bytes:
    """A translation memory of ``catalogs`` into ``target``.

    Every unit carries the ``xml:lang`` of its catalog's source language
    (``X-Source-Language``); a file with several sets its header to ``*all*``,
    as TMX 1.4 asks. Plural entries are left out (TMX has no plural forms).
    """
    store = tmx.tmxfile(sourcelanguage="en", targetlanguage=target)
    sources = set()
    for catalog in catalogs:
        source = catalog.source_lang or "en"
        for entry in catalog:
            if entry.msgid_plural is None and is_reviewed(entry):
                store.addtranslation(entry.msgid, source, entry.msgstr, target,
                                     context=entry.msgctxt)
                sources.add(source)
    header = store.document.getroot().find("header")
    if header is not None:
        header.set("srclang", sources.pop() if len(sources) == 1 else "*all*")
    return bytes(store)
