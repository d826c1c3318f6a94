"""Splitting a site in two passes over a stream of documents, each document split once per change.

The first pass splits each document on its own and gathers the label pairs
that build the site lexicon (:func:`localize.splitting.site.build_site_lexicon`);
the second splits again, with the lexicon, the lines where one of its pairs may
occur, and turns every line into messages. Documents arrive one at a time and
nothing of one is kept but its messages, so memory does not grow with the text
of the site.

Both passes go through a :class:`~localize.sources.splitcache.SplitStore`. A
document's first-pass split is keyed by its lines and the splitter's settings
(:attr:`SiteSplitter.settings`); its messages also by the *slice* of the
lexicon its words can meet: every pair whose longest word occurs inside one of
the document's words. A page that changes, or a pair of the lexicon that
changes level, sends only the documents it touches back to the splitter.

A cached run and a run without the cache (``--no-cache``) make the same
splitter calls, so they write the same catalogs. Each line's split is also what
a fresh splitter gives its whole document with the lexicon (tested): a line's
split does not depend on the lines split with it, and with the lexicon depends
only on the pairs found in its tokens, which never cross whitespace. The
splitter's memo of first-pass splits is not used: with it, a line's result
would depend on which documents came before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from localize.sources.collect import Message, messages_from_line
from localize.sources.documents import Document
from localize.sources.splitcache import (
    SplitStore,
    code_digest,
    decode_messages,
    decode_split,
    digest,
    encode_messages,
    encode_split,
)
from localize.splitting import LineSplit, Splitter
from localize.splitting.site import SiteLexicon, build_site_lexicon, token_form

__all__ = ["NumberedMessages", "SiteSplitter", "document_digest", "settings_digest"]

NumberedMessages = list[tuple[int, list[Message]]]  # (line number, the line's messages)
T = TypeVar("T")
Key = tuple[tuple[str, ...], tuple[str, ...]]
_MEMO_WORDS = 200_000  # words whose lexicon pairs a run remembers


def settings_digest(extra_pairs: Iterable[tuple[str, str]]) -> str:
    """What a split depends on besides the text: the code and data, and the extra word pairs."""
    pairs = "\n".join(f"{a}\t{b}" for a, b in sorted(set(extra_pairs)))
    return digest(code_digest(), pairs)


@dataclass
class _Slices:
    """Which pairs of the lexicon a line's words can meet, and a digest of such a set."""

    site: SiteLexicon
    anchors: dict[str, list[Key]] = field(default_factory=dict)
    lengths: list[int] = field(default_factory=list)
    memo: dict[str, tuple[Key, ...]] = field(default_factory=dict)  # by word
    lines: dict[str, frozenset[Key]] = field(default_factory=dict)  # by line (sites repeat them)

    def __post_init__(self) -> None:
        for key in sorted(self.site.levels):
            anchor = max(key[0] + key[1], key=len)  # its longest word: the rarest to meet
            self.anchors.setdefault(anchor, []).append(key)
        self.lengths = sorted({len(anchor) for anchor in self.anchors})

    def keys(self, line: str) -> set[Key]:
        """Every pair whose longest word occurs inside one of the line's words (a superset of
        the pairs the splitter can find in it)."""
        if not self.anchors:
            return set()
        known = self.lines.get(line)
        if known is not None:
            return set(known)
        found: set[Key] = set()
        for word in line.split():
            hits = self.memo.get(word)
            if hits is None:
                hits = self._scan(token_form(word))
                if len(self.memo) >= _MEMO_WORDS:
                    self.memo.clear()
                self.memo[word] = hits
            found.update(hits)
        if len(self.lines) >= _MEMO_WORDS:
            self.lines.clear()
        self.lines[line] = frozenset(found)
        return found

    def _scan(self, form: str) -> tuple[Key, ...]:
        hits: list[Key] = []
        for n in self.lengths:
            if n > len(form):
                break
            for i in range(len(form) - n + 1):
                hits.extend(self.anchors.get(form[i:i + n], ()))
        return tuple(hits)

    def digest(self, keys: Iterable[Key]) -> str:
        return digest(*(f"{' '.join(a)}\t{' '.join(b)}\t{self.site.levels[a, b]}"
                        for a, b in sorted(keys)))


class SiteSplitter:
    """A :class:`Splitter` whose results per document are kept in a :class:`SplitStore`."""

    def __init__(self, splitter: Splitter, store: SplitStore, settings: str) -> None:
        self.splitter = splitter
        self.store = store
        self.settings = settings
        self._split: set[str] = set()  # digests of the documents the splitter saw in this run

    @property
    def split_documents(self) -> int:
        """Documents the splitter worked on in this run (in either pass)."""
        return len(self._split)

    def site_lexicon(self, documents: Iterable[Document],
                     seen: Callable[[Document, str], None] | None = None) -> SiteLexicon:
        """The first pass: the site lexicon of ``documents``; ``seen(document, digest)`` is
        called for each, for a later pass to check it is unchanged."""

        def paired() -> Iterator[list[LineSplit]]:
            for document in documents:
                text = document_digest(document)
                if seen is not None:
                    seen(document, text)
                yield self._paired(document, text)

        return build_site_lexicon(paired())

    def _paired(self, document: Document, text: str) -> list[LineSplit]:
        """The document's first-pass splits that hold a pair (what the lexicon is made of)."""
        found = _decoded(lambda rows: [decode_split(document.lines[i], data)
                                       for i, data in rows],
                         self.store.get(digest("pairs", self.settings, text)))
        if found is not None:
            return found
        splits = self._first(document, text, cached=False)
        return [s for s in splits if s.pairs]

    def _first(self, document: Document, text: str, *, cached: bool = True) -> list[LineSplit]:
        """The document's split without the lexicon, stored with its messages as they are where
        no pair of the lexicon can occur."""
        found = _decoded(lambda rows: [decode_split(line, data) for line, data
                                       in zip(document.lines, rows, strict=True)],
                         self.store.get(digest("first", self.settings, text)) if cached else None)
        if found is not None:
            return found
        splits = self.splitter.split_lines(document.lines)
        self._split.add(text)
        self.store.put(digest("first", self.settings, text), [encode_split(s) for s in splits])
        self.store.put(digest("pairs", self.settings, text),
                       [[i, encode_split(s)] for i, s in enumerate(splits) if s.pairs])
        self.store.put(digest("final", self.settings, text, digest()),
                       encode_messages(_numbered(splits)))
        return splits

    def messages(self, documents: Iterable[tuple[Document, str]], site: SiteLexicon
                 ) -> Iterator[tuple[Document, NumberedMessages]]:
        """The second pass: each document's messages, split with ``site``."""
        slices = _Slices(site)
        for document, text in documents:
            yield document, self._messages(document, text, site, slices)

    def _messages(self, document: Document, text: str, site: SiteLexicon,
                  slices: _Slices) -> NumberedMessages:
        per_line = [slices.keys(line) for line in document.lines]
        meets = set().union(*per_line)
        key = digest("final", self.settings, text, slices.digest(meets))
        found = _decoded(decode_messages, self.store.get(key))
        if found is not None:
            return found
        splits = self._first(document, text)
        again = [n for n, keys in enumerate(per_line) if keys]
        if again:
            redone = self.splitter.split_lines([document.lines[n] for n in again], site)
            self._split.add(text)
            for n, split in zip(again, redone, strict=True):
                splits[n] = split
        numbered = _numbered(splits)
        self.store.put(key, encode_messages(numbered))
        return numbered


def _decoded(decode: Callable[[Any], T], row: Any) -> T | None:
    """A row decoded, or None when there is none or it does not have the shape it should
    (a damaged cache is a miss, never an error)."""
    if row is None:
        return None
    try:
        return decode(row)
    except (TypeError, ValueError, IndexError, KeyError):
        return None


def document_digest(document: Document) -> str:
    """A digest of the document's lines (its path is not part of it)."""
    return digest(*document.lines)


def _numbered(splits: Sequence[LineSplit]) -> NumberedMessages:
    return [(number, messages_from_line(split)) for number, split in enumerate(splits, start=1)]
