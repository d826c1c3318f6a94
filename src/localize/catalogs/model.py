"""The catalog model: entries of a gettext catalog and the conventions localize keeps in them.

This module imports nothing else of ours; every other stage builds on it.

Conventions written into the catalogs:

* ``#. lang: zh`` (an extracted comment) records an entry's source language.
* ``#. en: ...`` gives the English version of a non-English source, for
  translators who cannot read the source; ``#. en (machine): ...`` when that
  version is an unreviewed machine translation.
* ``# mt: ...`` (a translator comment) marks a machine translation and names the
  engine, model and direction. It is a translator comment so that it survives
  re-extraction, as msgmerge keeps translator comments. It also records
  ``sha=`` (a digest of the text the machine wrote) and ``fuzzy=`` (whether it
  was written fuzzy): once a person edits the text or clears the fuzzy flag,
  the entry is a human translation, whatever comments are left on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = [
    "ENGLISH_COMMENT",
    "ENGLISH_MACHINE_COMMENT",
    "LANG_COMMENT",
    "MT_COMMENT",
    "Catalog",
    "Entry",
    "text_digest",
]

LANG_COMMENT = "lang: "
ENGLISH_COMMENT = "en: "
ENGLISH_MACHINE_COMMENT = "en (machine): "
MT_COMMENT = "mt: "

Key = tuple[str | None, str]


def text_digest(text: str) -> str:
    """A short digest of a translation, recorded with machine output to notice edits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class Entry:
    """One message of a catalog, as gettext's PO format holds it."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    translator_comments: list[str] = field(default_factory=list)
    auto_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int | None = None  # where the entry starts in the file it was read from

    @property
    def key(self) -> Key:
        """The identity of the entry in its catalog: context and msgid."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def set_fuzzy(self, fuzzy: bool) -> None:
        """Add or remove the fuzzy flag."""
        if fuzzy and "fuzzy" not in self.flags:
            self.flags.insert(0, "fuzzy")
        elif not fuzzy and "fuzzy" in self.flags:
            self.flags.remove("fuzzy")

    @property
    def translated(self) -> bool:
        """True when every msgstr is filled (fuzzy or not)."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    @property
    def source_lang(self) -> str | None:
        """The language the msgid is written in, from its ``#. lang:`` comment."""
        for comment in self.auto_comments:
            if comment.startswith(LANG_COMMENT):
                return comment[len(LANG_COMMENT) :].strip()
        return None

    @property
    def english(self) -> str | None:
        """The English version shown to translators, from its ``#. en:`` comment."""
        for comment in self.auto_comments:
            if comment.startswith(ENGLISH_COMMENT):
                return comment[len(ENGLISH_COMMENT) :]
        return None

    @property
    def machine_note(self) -> str | None:
        """The ``# mt:`` comment of a machine translation, or None for human work."""
        for comment in self.translator_comments:
            if comment.startswith(MT_COMMENT):
                return comment[len(MT_COMMENT) :]
        return None

    @property
    def machine_translated(self) -> bool:
        """True while the entry holds machine output no person has edited or accepted."""
        note = self.machine_note
        if note is None:
            return False
        fields = dict(part.split("=", 1) for part in note.split() if "=" in part)
        if "sha" in fields and fields["sha"] != text_digest(self.msgstr):
            return False  # a person changed the text
        return not (fields.get("fuzzy") == "yes" and not self.fuzzy)  # or accepted it

    def adopt_if_reviewed(self) -> None:
        """Drop the ``# mt:`` comment of machine output a person has edited or accepted."""
        if self.machine_note is not None and not self.machine_translated:
            self.clear_machine_note()

    def clear_machine_note(self) -> None:
        """Remove the ``# mt:`` comment (when a person takes over the entry)."""
        self.translator_comments = [
            c for c in self.translator_comments if not c.startswith(MT_COMMENT)
        ]


@dataclass
class Catalog:
    """An ordered set of entries with a header, keyed by (msgctxt, msgid).

    Obsolete entries live in the same list, flagged ``obsolete``; they keep their
    keys so that a source that comes back gets its old translation back.
    """

    header: dict[str, str] = field(default_factory=dict)
    header_comments: list[str] = field(default_factory=list)
    header_flags: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index: dict[Key, Entry] = {}
        for entry in self.entries:
            self._index.setdefault(entry.key, entry)

    def __iter__(self) -> Iterator[Entry]:
        """The live (non-obsolete) entries, in order."""
        return (e for e in self.entries if not e.obsolete)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def get(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        """The entry for ``msgid`` (live or obsolete), or None."""
        return self._index.get((msgctxt, msgid))

    def add(self, entry: Entry) -> None:
        """Append an entry; its key must be new."""
        if entry.key in self._index:
            raise ValueError(f"duplicate entry {entry.key!r}")
        self.entries.append(entry)
        self._index[entry.key] = entry

    def remove(self, entry: Entry) -> None:
        """Drop an entry entirely (used for obsolete entries replaced by live ones)."""
        self.entries.remove(entry)
        if self._index.get(entry.key) is entry:
            del self._index[entry.key]

    @property
    def obsolete(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]

    @property
    def locale(self) -> str | None:
        """The catalog's language from its ``Language`` header, if any."""
        return self.header.get("Language") or None
