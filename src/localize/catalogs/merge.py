"""Merging a fresh template into an existing catalog, as ``msgmerge --previous`` does.

Translations, translator comments and flags are kept; a changed source gets a
fuzzy match carrying its old translation and ``#|`` previous msgid; an entry
whose source is gone becomes obsolete rather than deleted, as does a partly
translated plural.
Page translations replace only what localize itself wrote (see
:mod:`localize.catalogs.provenance`), never a person's work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from localize.catalogs.fuzzy import FUZZY_THRESHOLD, FuzzyIndex
from localize.catalogs.model import Catalog, Entry
from localize.catalogs.provenance import FINAL, FUZZY, PAGE, Stamp

__all__ = ["FUZZY_THRESHOLD", "PAGE_SUGGESTION", "PAGE_UNCERTAIN", "FoundTranslation",
           "merge_catalog"]


class FoundTranslation(Protocol):
    """A translation found on the pages (``localize.sources.collect.PageTranslation``)."""

    @property
    def text(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def reason(self) -> str: ...
    @property
    def suggestion(self) -> bool: ...


PageTranslation = Callable[[str], FoundTranslation | str | None]
PAGE_UNCERTAIN = "page translation, uncertain"
PAGE_SUGGESTION = "page suggestion"


def merge_catalog(
    template: Catalog,
    old: Catalog | None,
    *,
    locale: str,
    page_translation: PageTranslation,
    page_threshold: float = 0.0,
) -> Catalog:
    """The catalog for ``locale`` (a language): ``template``'s entries filled from ``old``
    and the pages.

    ``page_translation(msgid)`` gives a translation found on the pages. It fills
    an entry that has no translation or only one localize wrote; it never
    replaces a person's work. One whose confidence is below ``page_threshold``
    is written fuzzy, with a note saying why, and never replaces machine output.
    A suggestion (a pair the splitter only found in a reading behind its best)
    is always written fuzzy, with its note, and only where the entry has no
    translation or holds an earlier page suggestion.
    """
    old = Catalog() if old is None else old
    used: set[int] = set()
    merged = Catalog(header=dict(old.header), header_comments=list(old.header_comments),
                     header_flags=list(old.header_flags))
    source = template.source_lang
    pending: list[Entry] = []
    for fresh in template:
        entry = _start(fresh)
        previous = old.get(fresh.msgid, fresh.msgctxt)
        if previous is not None:
            used.add(id(previous))
            _take_over(entry, previous)
        else:
            pending.append(entry)
        if (source or entry.source_lang) != locale:
            _fill(entry, locale, source or entry.source_lang or "en", page_translation,
                  page_threshold)
        merged.add(entry)
    _fuzzy_matches(pending, old, used)
    for stale in old.entries:
        if id(stale) not in used and _worth_keeping(stale) and stale.key not in merged:
            merged.add(_obsolete(stale))
    return merged


def _worth_keeping(stale: Entry) -> bool:
    """A translation is kept as obsolete, even a partial plural, as msgmerge keeps it (GNU's
    writers drop an obsolete entry whose first form is empty, so such an entry would not
    survive the next msgcat or msgmerge anyway)."""
    if stale.msgid_plural is not None:
        return bool(stale.msgstr_plural.get(0))
    return bool(stale.msgstr)


def _start(fresh: Entry) -> Entry:
    return Entry(msgid=fresh.msgid, msgctxt=fresh.msgctxt, msgid_plural=fresh.msgid_plural,
                 auto_comments=list(fresh.auto_comments), references=list(fresh.references),
                 flags=[f for f in fresh.flags if f != "fuzzy"])


def _take_over(entry: Entry, previous: Entry) -> None:
    """Keep what a translator owns: msgstr, translator comments and the fuzzy flag."""
    previous.adopt_if_reviewed()  # before the flags change: reviewed machine output is human
    _carry_translation(entry, previous)
    entry.translator_comments = list(previous.translator_comments)
    # As msgmerge does: the fuzzy flag is the translator's, every other flag the template's.
    if previous.fuzzy:
        entry.set_fuzzy(True)
    if previous.fuzzy and not previous.obsolete:
        entry.previous_msgctxt = previous.previous_msgctxt
        entry.previous_msgid = previous.previous_msgid
        entry.previous_msgid_plural = previous.previous_msgid_plural
    if "fuzzy" in entry.flags:
        entry.set_fuzzy(True)  # keep the flag first, as GNU tools write it


def _carry_translation(entry: Entry, previous: Entry) -> None:
    """Copy the translation; when one side is plural and the other not, keep the text fuzzy."""
    if (entry.msgid_plural is None) == (previous.msgid_plural is None):
        entry.msgstr = previous.msgstr
        entry.msgstr_plural = dict(previous.msgstr_plural)
        return
    if entry.msgid_plural is not None:
        entry.msgstr_plural = {0: previous.msgstr} if previous.msgstr else {}
    else:
        entry.msgstr = previous.msgstr_plural.get(0, "")
    if previous.has_text:
        entry.set_fuzzy(True)


def _fill(entry: Entry, locale: str, source: str, page_translation: PageTranslation,
          threshold: float) -> None:
    if entry.human or entry.msgid_plural is not None:
        return
    found = page_translation(entry.msgid)
    if not found:
        return
    text, confidence, reason, suggestion = (
        (found, 1.0, "", False) if isinstance(found, str)
        else (found.text, found.confidence, found.reason, found.suggestion))
    sure = confidence >= threshold and not suggestion
    if not text or (not sure and entry.machine_translated):
        return  # an uncertain page translation does not take the place of machine output
    if suggestion and entry.has_text and not _suggested(entry):
        return  # a suggestion fills only an empty entry (or updates an earlier suggestion)
    label = PAGE_SUGGESTION if suggestion else PAGE_UNCERTAIN
    note = "" if sure else f"{label} ({reason}); check before use"
    stamp = Stamp.make(PAGE, source, locale, text=text, state=FINAL if sure else FUZZY,
                       note=note)
    if entry.ours == stamp and entry.msgstr == text:
        return  # the same page translation, written the same way: nothing to change
    entry.msgstr = text
    entry.set_fuzzy(not sure)
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    entry.put_stamp(stamp, note)


def _suggested(entry: Entry) -> bool:
    """Whether the entry holds a page suggestion localize wrote (and nobody changed)."""
    stamp = entry.ours
    return (stamp is not None and stamp.kind == PAGE and stamp.state == FUZZY
            and any(c.startswith(PAGE_SUGGESTION) for c in entry.translator_comments))


def _fuzzy_matches(entries: list[Entry], old: Catalog, used: set[int]) -> None:
    """Give untranslated new entries the translation of the most similar unused old entry.

    The old entries are searched through an n-gram index (:mod:`localize.catalogs.fuzzy`),
    so the work grows linearly with the catalog, not with its square.
    """
    candidates = [e for e in old.entries if id(e) not in used and e.has_text and e.msgid]
    if not candidates or all(entry.has_text for entry in entries):
        return
    index = FuzzyIndex(candidates)
    for entry in entries:
        if entry.has_text:
            continue
        best = index.take(entry.msgid)
        if best is None:
            continue
        used.add(id(best))
        best.adopt_if_reviewed()
        _carry_translation(entry, best)
        entry.translator_comments = list(best.translator_comments)
        entry.set_fuzzy(True)
        entry.previous_msgctxt = best.msgctxt
        entry.previous_msgid = best.msgid
        entry.previous_msgid_plural = best.msgid_plural


def _obsolete(stale: Entry) -> Entry:
    return Entry(msgid=stale.msgid, msgstr=stale.msgstr, msgctxt=stale.msgctxt,
                 msgid_plural=stale.msgid_plural, msgstr_plural=dict(stale.msgstr_plural),
                 translator_comments=list(stale.translator_comments),
                 flags=list(stale.flags), obsolete=True)
