"""Writing binary ``.mo`` catalogs, the format gettext loads at run time."""

from __future__ import annotations

import logging
import struct
from collections.abc import Sequence

from localize.catalogs.model import Catalog

__all__ = ["join_catalogs", "write_mo"]

log = logging.getLogger(__name__)

_MAGIC = 0x950412DE


def write_mo(catalog: Catalog, *, use_fuzzy: bool = False) -> bytes:
    """The ``.mo`` bytes for a catalog: translated entries (and fuzzy ones if asked), sorted."""
    header = "".join(f"{key}: {value}\n" for key, value in catalog.header.items())
    pairs: dict[bytes, bytes] = {b"": header.encode("utf-8")}
    for entry in catalog:
        if not entry.translated or (entry.fuzzy and not use_fuzzy):
            continue
        key = entry.msgid
        if entry.msgid_plural is not None:
            key += "\x00" + entry.msgid_plural
            value = "\x00".join(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            value = entry.msgstr
        if entry.msgctxt is not None:
            key = entry.msgctxt + "\x04" + key
        pairs[key.encode("utf-8")] = value.encode("utf-8")
    return _pack(sorted(pairs.items()))


def _pack(items: list[tuple[bytes, bytes]]) -> bytes:
    count = len(items)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    blob = bytearray()
    originals: list[int] = []
    translations: list[int] = []
    for key, _ in items:
        originals += [len(key), data_at + len(blob)]
        blob += key + b"\x00"
    for _, value in items:
        translations += [len(value), data_at + len(blob)]
        blob += value + b"\x00"
    head = struct.pack("<7I", _MAGIC, 0, count, originals_at, translations_at, 0, data_at)
    table = struct.pack(f"<{4 * count}I", *originals, *translations)
    return head + table + bytes(blob)


def join_catalogs(catalogs: Sequence[Catalog], header: dict[str, str]) -> Catalog:
    """One catalog holding every entry of ``catalogs`` for one ``.mo``, under ``header``.

    A locale's content catalogs (one per source language) become the single
    ``.mo`` the site loads. When two catalogs hold the same msgid, the first
    wins (English sources come first) and the clash is logged.
    """
    joined = Catalog(header=dict(header))
    for catalog in catalogs:
        for entry in catalog:
            if entry.key not in joined:
                joined.add(entry)
            elif entry.translated:
                log.warning("%r is in two catalogs of %s; the first one's translation is used",
                            entry.msgid[:40], header.get("Language", "?"))
    return joined
