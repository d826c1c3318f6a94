"""What the exchange formats share: which entries travel, and how a unit names its entry."""

from __future__ import annotations

import hashlib

from localize.catalogs.model import Entry

__all__ = ["entry_key", "forms", "is_reviewed", "unit_id"]


def entry_key(entry: Entry) -> str:
    """A short digest of an entry's identity (context and msgid)."""
    key = f"{entry.msgctxt or ''}\x04{entry.msgid}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def unit_id(entry: Entry) -> str:
    """``<key>.<digest of the translation>``: the unit's entry, and its text when exported.

    CAT tools keep unit ids as they are, so an import can tell whether the
    catalog changed since the file left.
    """
    return f"{entry_key(entry)}.{entry.translation_digest}"


def forms(entry: Entry) -> list[str]:
    """The translation as a list: one msgstr, or every plural form in order."""
    if entry.msgid_plural is None:
        return [entry.msgstr]
    return [entry.msgstr_plural.get(i, "") for i in range(max(len(entry.msgstr_plural), 1))]


def is_reviewed(entry: Entry) -> bool:
    """A translation a memory may hold: filled, not fuzzy, not unreviewed machine output."""
    return entry.translated and not entry.fuzzy and not entry.machine_translated
