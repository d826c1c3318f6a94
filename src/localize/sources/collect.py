"""Collecting messages: split documents become a template catalog plus the pages' own translations.

A message is one sentence of a language segment. When the splitter pairs two
segments, the pair is a human translation found on the page: English is the
source of any pair that holds English (the site writes English first), and the
first segment is the source otherwise. Each aligned translation keeps the
splitter's confidence in its pair, so that merging can write an uncertain one
as fuzzy (:class:`PageTranslation`). The splitter's suggestions (English–Dutch
pairs of a reading close behind its best one) are kept apart: one is offered,
always fuzzy, only for a message the pages give no translation of.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from localize.catalogs.model import LANG_COMMENT, Catalog, Entry, format_reference
from localize.sources.documents import Document
from localize.sources.sentences import split_sentences
from localize.splitting import LineSplit, Segment

__all__ = [
    "Collection",
    "Message",
    "PageTranslation",
    "Progress",
    "SplitLines",
    "add_document",
    "collect",
    "messages_from_line",
]

SplitLines = Callable[[Sequence[str]], list[LineSplit]]
Progress = Callable[[int, int, str], None]  # (documents done, documents in all, current path)


@dataclass(frozen=True)
class Message:
    """One source sentence found on a line, with the translations aligned to it there.

    ``confidences`` runs parallel to ``translations``: the splitter's confidence
    in the pair each came from.
    """

    text: str
    lang: str
    translations: tuple[tuple[str, str], ...] = ()  # (lang, text)
    confidences: tuple[float, ...] = ()
    suggested: bool = False  # its translations are splitter suggestions, not pairs


@dataclass(frozen=True)
class PageTranslation:
    """A translation found on the pages, how sure the splitter is of it, and why not more so.

    ``reason`` says in a few words what the confidence rests on, for the note
    on an entry written as fuzzy. A ``suggestion`` is never written as finished.
    """

    text: str
    confidence: float
    reason: str
    suggestion: bool = False


@dataclass
class Collection:
    """The template catalog (one entry per source text) and the aligned human translations."""

    template: Catalog = field(default_factory=Catalog)
    translations: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)
    # the best confidence each (msgid, lang, translation) was found with
    confidence: dict[tuple[str, str, str], float] = field(default_factory=dict)
    # the splitter's suggestions, apart: (msgid, lang) -> translation -> count, best confidence
    suggestions: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    suggested: dict[tuple[str, str, str], float] = field(default_factory=dict)
    documents: int = 0  # documents collected
    lines: int = 0  # their lines

    def translation(self, msgid: str, lang: str) -> PageTranslation | None:
        """The page translation of ``msgid`` into ``lang``: the most frequent, then the first.

        Its confidence is the best the splitter gave that pair anywhere; where
        the pages translate the message in more than one way, the share of the
        chosen translation caps it.
        """
        seen = self.translations.get(msgid, {}).get(lang)
        if not seen:
            return self._suggestion(msgid, lang)
        text, count = seen.most_common(1)[0]
        confidence = self.confidence.get((msgid, lang, text), 1.0)
        reason = f"splitter confidence {confidence:.2f}"
        total = sum(seen.values())
        if len(seen) > 1 and count / total < confidence:
            confidence = count / total
            reason = f"the pages translate it {len(seen)} ways; this one {count} of {total} times"
        return PageTranslation(text, confidence, reason)

    def _suggestion(self, msgid: str, lang: str) -> PageTranslation | None:
        """The most frequent suggestion for ``msgid`` (then the first), as a page suggestion."""
        seen = self.suggestions.get((msgid, lang))
        if not seen:
            return None
        text, count = seen.most_common(1)[0]
        confidence = self.suggested[msgid, lang, text]
        reason = (f"the splitter's best reading of the line pairs it with nothing; a close "
                  f"reading does, confidence {confidence:.2f}")
        if len(seen) > 1:
            reason += f"; {count} of {sum(seen.values())} suggestions"
        return PageTranslation(text, confidence, reason, suggestion=True)


def collect(documents: Sequence[Document], split_lines: SplitLines,
            progress: Progress | None = None) -> Collection:
    """Split every document and gather its messages, references and aligned translations."""
    collection = Collection()
    for done, document in enumerate(documents, start=1):
        splits = split_lines(document.lines)
        add_document(collection, document, ((number, messages_from_line(split))
                                            for number, split in enumerate(splits, start=1)))
        if progress is not None:
            progress(done, len(documents), document.path)
    return collection


def add_document(collection: Collection, document: Document,
                 numbered: Iterable[tuple[int, Sequence[Message]]]) -> None:
    """Add the messages of ``document``'s lines (``(line number, messages)``) to ``collection``.

    A document is added once, its lines in order.
    """
    collection.documents += 1
    collection.lines += len(document.lines)
    for number, messages in numbered:
        reference = format_reference(document.path, number)
        for message in messages:
            _add(collection, message, reference)


def _add(collection: Collection, message: Message, reference: str) -> None:
    entry = collection.template.get(message.text)
    if entry is None:
        entry = Entry(msgid=message.text, auto_comments=[LANG_COMMENT + message.lang])
        collection.template.add(entry)
    # A document's lines come in order, so a reference already there is the last one (the
    # same message twice on a line); no scan of a label's thousands of references.
    if not entry.references or entry.references[-1] != reference:
        entry.references.append(reference)
    if message.suggested:
        for (lang, text), confidence in zip(message.translations, message.confidences,
                                            strict=True):
            collection.suggestions.setdefault((message.text, lang), Counter())[text] += 1
            key = (message.text, lang, text)
            collection.suggested[key] = max(confidence, collection.suggested.get(key, 0.0))
        return
    by_lang = collection.translations.setdefault(message.text, defaultdict(Counter))
    sure = message.confidences or (1.0,) * len(message.translations)
    for (lang, text), confidence in zip(message.translations, sure, strict=True):
        by_lang[lang][text] += 1
        key = (message.text, lang, text)
        collection.confidence[key] = max(confidence, collection.confidence.get(key, 0.0))


def messages_from_line(split: LineSplit) -> list[Message]:
    """The messages of one split line, in the order their sources appear."""
    segments = split.segments
    found: list[tuple[int, Message]] = []
    paired: set[int] = set()
    confidences = split.pair_confidence or (1.0,) * len(split.pairs)
    for (i, j), confidence in zip(split.pairs, confidences, strict=True):
        source, target = _orient(segments, i, j)
        paired.update((i, j))
        found.extend((source, m) for m in _aligned(segments[source], segments[target], confidence))
    for index, segment in enumerate(segments):
        if index not in paired and segment.lang != "und":
            found.extend((index, m) for m in _sentences(segment))
    found.sort(key=lambda item: item[0])
    return [m for _, m in found if _worth_a_message(m.text)] + _suggested(split)


def _suggested(split: LineSplit) -> list[Message]:
    """The splitter's suggestions of a line, English side first, as suggested messages."""
    out = []
    for found in split.suggestions:
        source, target = ((found.second, found.first) if found.second.lang == "en"
                          else (found.first, found.second))
        out += [replace(m, confidences=(found.confidence,), suggested=True)
                for m in _aligned(source, target, found.confidence)
                if m.translations and _worth_a_message(m.text)]
    return out


def _orient(segments: Sequence[Segment], i: int, j: int) -> tuple[int, int]:
    if segments[j].lang == "en" and segments[i].lang != "en":
        return j, i
    return i, j


def _aligned(source: Segment, target: Segment, confidence: float) -> list[Message]:
    """Sentence pairs when both sides have as many sentences; the whole segments otherwise."""
    if source.lang == "und" or target.lang in ("und", source.lang):
        return _sentences(source) if source.lang != "und" else []
    ours = split_sentences(source.text, source.lang)
    theirs = split_sentences(target.text, target.lang)
    if len(ours) != len(theirs):
        ours, theirs = [source.text.strip()], [target.text.strip()]
    return [Message(a, source.lang, ((target.lang, b),), (confidence,))
            for a, b in zip(ours, theirs, strict=True)]


def _sentences(segment: Segment) -> list[Message]:
    return [Message(s, segment.lang) for s in split_sentences(segment.text, segment.lang)]


def _worth_a_message(text: str) -> bool:
    """A message needs at least one letter; bare numbers and symbols are not translated."""
    return any(ch.isalpha() for ch in text)
