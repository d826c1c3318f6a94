"""The catalog model: entries of a gettext catalog and the conventions localize keeps in them.

This module imports nothing of ours but :mod:`localize.catalogs.provenance` (the
stamp format); every other stage builds on it.

Conventions written into the catalogs:

* ``#. lang: zh`` (an extracted comment) records an entry's source language.
* ``#. en: ...`` gives the English version of a non-English source, for
  translators who cannot read the source; ``#. en (machine): ...`` when that
  version is an unreviewed machine translation.
* ``# localize:mt:...`` / ``# localize:page:...`` (a translator comment, a
  *stamp*) marks a translation localize wrote and no person has touched yet;
  see :mod:`localize.catalogs.provenance` for the rule and the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from localize.catalogs.provenance import (
    FUZZY,
    LEGACY_REVIEW,
    REVIEW,
    Stamp,
    clean_note,
    find_note,
    parse_stamp,
    text_digest,
)

__all__ = [
    "ENGLISH_COMMENT",
    "ENGLISH_MACHINE_COMMENT",
    "LANG_COMMENT",
    "Catalog",
    "Entry",
    "format_reference",
    "text_digest",
]

LANG_COMMENT = "lang: "
ENGLISH_COMMENT = "en: "
ENGLISH_MACHINE_COMMENT = "en (machine): "

Key = tuple[str | None, str]

# Whitespace would split a reference in two, a newline would end the comment line.
_UNSAFE_IN_REFERENCE = re.compile(r"[\s%\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def format_reference(path: str, line: int) -> str:
    """A ``#:`` reference; whitespace, control characters, undecodable bytes and ``%`` in
    the file name are percent-encoded, so every tool reads it back as one reference.

    >>> format_reference("news/my page.txt", 3)
    'news/my%20page.txt:3'
    """
    return f"{_UNSAFE_IN_REFERENCE.sub(_percent, path)}:{line}"


def _percent(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":  # a byte that was not UTF-8 in the file name
        return f"%{ord(char) - 0xDC00:02X}"
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


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
    def has_text(self) -> bool:
        """True when any msgstr (any plural form) holds text: there is something to keep."""
        if self.msgid_plural is not None:
            return any(self.msgstr_plural.values())
        return bool(self.msgstr)

    @property
    def translation_digest(self) -> str:
        """The digest a stamp records: of the msgstr, or of all plural forms in order."""
        if self.msgid_plural is not None:
            return text_digest("\x00".join(v for _, v in sorted(self.msgstr_plural.items())))
        return text_digest(self.msgstr)

    @property
    def stamp(self) -> Stamp | None:
        """The last stamp among the translator comments, valid or not."""
        found = None
        for comment in self.translator_comments:
            found = parse_stamp(comment) or found
        return found

    @property
    def ours(self) -> Stamp | None:
        """The stamp, while the translation is still exactly what localize wrote.

        None once a person changed the text or cleared a fuzzy flag localize set
        (the entry is then human), and for entries localize never wrote.
        """
        stamp = self.stamp
        if stamp is None or stamp.sha != self.translation_digest:
            return None
        if stamp.state == FUZZY and not self.fuzzy:
            return None  # a person accepted it
        return stamp

    @property
    def machine_translated(self) -> bool:
        """True while the entry holds machine output no person has edited or accepted."""
        stamp = self.ours
        return stamp is not None and stamp.kind == "mt" and stamp.state != REVIEW

    @property
    def human(self) -> bool:
        """True when the entry holds text that localize did not write or a person touched."""
        return self.has_text and self.ours is None

    def put_stamp(self, stamp: Stamp, note: str = "") -> None:
        """Record that localize wrote the current translation: ``note`` then the stamp.

        Any earlier stamp of ours goes first; the caller has checked that the
        entry is not human.
        """
        self.drop_stamp()
        note = clean_note(note)
        if note:
            self.translator_comments.append(note)
        self.translator_comments.append(stamp.render())

    def adopt_if_reviewed(self) -> None:
        """Drop the stamp (and its note) of output a person has edited or accepted."""
        if self.stamp is not None and self.ours is None:
            self.drop_stamp()

    @property
    def person_comments(self) -> list[str]:
        """The translator comments that are not ours (stamps and the notes they name)."""
        probe = Entry(msgid="", translator_comments=list(self.translator_comments))
        probe.drop_stamp()
        return probe.translator_comments

    def drop_stamp(self) -> None:
        """Remove our stamps, the notes they name, and first-release review notes."""
        comments = list(self.translator_comments)
        stamps = [parse_stamp(c) for c in comments]
        legacy = any(s is not None and s.legacy for s in stamps)
        keep = [c for c, s in zip(comments, stamps, strict=True)
                if s is None and not (legacy and LEGACY_REVIEW.fullmatch(c.strip()))]
        for stamp in stamps:
            if stamp is not None and stamp.note is not None:
                found = find_note(keep, stamp.note)
                if found is not None:
                    del keep[found.start:found.stop]
        self.translator_comments = keep


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

    @property
    def source_lang(self) -> str | None:
        """The language of every msgid, from the ``X-Source-Language`` header, if any."""
        return self.header.get("X-Source-Language") or None
