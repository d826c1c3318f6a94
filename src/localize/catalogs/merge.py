"""Merging a fresh template into an existing catalog, as ``msgmerge --previous`` does.

Translations, translator comments and flags are kept; a changed source gets a
fuzzy match carrying its old translation and ``#|`` previous msgid; an entry
whose source is gone becomes obsolete rather than deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from typing import Protocol

from localize.catalogs.model import ENGLISH_COMMENT, ENGLISH_MACHINE_COMMENT, Catalog, Entry

__all__ = ["FUZZY_THRESHOLD", "PAGE_UNCERTAIN", "FoundTranslation", "merge_catalog"]

FUZZY_THRESHOLD = 0.6  # msgmerge's similarity threshold for a fuzzy match

class FoundTranslation(Protocol):
    """A translation found on the pages (``localize.sources.collect.PageTranslation``)."""

    @property
    def text(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def reason(self) -> str: ...


PageTranslation = Callable[[str], FoundTranslation | str | None]
PAGE_UNCERTAIN = "page translation, uncertain"


def merge_catalog(
    template: Catalog,
    old: Catalog | None,
    *,
    locale: str,
    page_translation: PageTranslation,
    english: Callable[[Entry], Entry | None] = lambda _: None,
    page_threshold: float = 0.0,
) -> Catalog:
    """The catalog for ``locale``: ``template``'s entries filled from ``old`` and the pages.

    ``page_translation(msgid)`` gives a human translation found on the pages. It
    fills an entry that has no translation or only a machine one; it never
    replaces a translator's work. One whose confidence is below
    ``page_threshold`` is written as fuzzy with a note (and fills only an empty
    entry). ``english(entry)`` gives the English catalog's
    entry, whose translation is shown as a comment on entries whose source is
    neither English nor ``locale`` (marked when it is machine output).
    """
    old = Catalog() if old is None else old
    used: set[int] = set()
    merged = Catalog(header=dict(old.header), header_comments=list(old.header_comments),
                     header_flags=list(old.header_flags))
    pending: list[Entry] = []
    for fresh in template:
        entry = _start(fresh, locale, english)
        previous = old.get(fresh.msgid, fresh.msgctxt)
        if previous is not None:
            used.add(id(previous))
            _take_over(entry, previous)
        elif entry.source_lang != locale:
            pending.append(entry)
        _fill(entry, locale, page_translation, page_threshold)
        merged.add(entry)
    _fuzzy_matches(pending, old, used)
    for stale in old.entries:
        if id(stale) not in used and stale.translated:
            merged.add(_obsolete(stale))
    return merged


def _start(fresh: Entry, locale: str, english: Callable[[Entry], Entry | None]) -> Entry:
    comments = list(fresh.auto_comments)
    if fresh.source_lang not in ("en", locale, None):
        version = english(fresh)
        if version is not None and version.translated:
            label = ENGLISH_MACHINE_COMMENT if version.machine_translated else ENGLISH_COMMENT
            comments.append(label + version.msgstr)
    return Entry(msgid=fresh.msgid, msgctxt=fresh.msgctxt, msgid_plural=fresh.msgid_plural,
                 auto_comments=comments, references=list(fresh.references),
                 flags=[f for f in fresh.flags if f != "fuzzy"])


def _take_over(entry: Entry, previous: Entry) -> None:
    """Keep what a translator owns: msgstr, translator comments and flags."""
    previous.adopt_if_reviewed()  # before the flags change: reviewed machine output is human
    entry.msgstr = previous.msgstr
    entry.msgstr_plural = dict(previous.msgstr_plural)
    entry.translator_comments = list(previous.translator_comments)
    for flag in previous.flags:
        if flag not in entry.flags and not flag.endswith("-format"):
            entry.flags.append(flag)
    if previous.fuzzy and not previous.obsolete:
        entry.previous_msgctxt = previous.previous_msgctxt
        entry.previous_msgid = previous.previous_msgid
        entry.previous_msgid_plural = previous.previous_msgid_plural
    if "fuzzy" in entry.flags:
        entry.set_fuzzy(True)  # keep the flag first, as GNU tools write it


def _fill(entry: Entry, locale: str, page_translation: PageTranslation,
          threshold: float) -> None:
    if entry.source_lang == locale:
        if not entry.translated:
            entry.msgstr = entry.msgid
        return
    if entry.translated and not entry.machine_translated:
        return
    _write_page_translation(entry, page_translation(entry.msgid), threshold)


def _write_page_translation(entry: Entry, found: FoundTranslation | str | None,
                            threshold: float) -> None:
    """Fill ``entry`` from the pages: finished when confident, else fuzzy with a note.

    A plain string is a translation known for sure. An uncertain one never
    takes the place of machine output: it only fills an empty entry.
    """
    if not found:
        return
    text, confidence, reason = ((found, 1.0, "") if isinstance(found, str)
                                else (found.text, found.confidence, found.reason))
    sure = confidence >= threshold
    if not text or (not sure and entry.translated):
        return
    entry.msgstr = text
    entry.clear_machine_note()
    entry.set_fuzzy(not sure)
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    note = f"{PAGE_UNCERTAIN} ({reason}); check before use"
    if not sure and note not in entry.translator_comments:
        entry.translator_comments.append(note)


def _fuzzy_matches(entries: list[Entry], old: Catalog, used: set[int]) -> None:
    """Give untranslated new entries the translation of the most similar unused old entry."""
    candidates = [e for e in old.entries if id(e) not in used and e.translated and e.msgid]
    for entry in entries:
        if entry.translated or not candidates:
            continue
        best = _most_similar(entry.msgid, candidates)
        if best is None:
            continue
        used.add(id(best))
        candidates.remove(best)
        best.adopt_if_reviewed()
        entry.msgstr = best.msgstr
        entry.translator_comments = list(best.translator_comments)
        entry.set_fuzzy(True)
        entry.previous_msgctxt = best.msgctxt
        entry.previous_msgid = best.msgid
        entry.previous_msgid_plural = best.msgid_plural


def _most_similar(text: str, candidates: Iterable[Entry]) -> Entry | None:
    best: Entry | None = None
    best_score = FUZZY_THRESHOLD
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(text)
    for candidate in candidates:
        matcher.set_seq1(candidate.msgid)
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = candidate, score
    return best


def _obsolete(stale: Entry) -> Entry:
    return Entry(msgid=stale.msgid, msgstr=stale.msgstr, msgctxt=stale.msgctxt,
                 msgid_plural=stale.msgid_plural, msgstr_plural=dict(stale.msgstr_plural),
                 translator_comments=list(stale.translator_comments),
                 flags=list(stale.flags), obsolete=True)
