"""Finding the most similar old message for a new one, without comparing every pair.

``msgmerge`` gives a changed source the translation of the most similar old
message, if their similarity passes 0.6. Comparing every new message with every
old one grows with the square of the catalog, so, like GNU gettext's fuzzy index
(``msgl-fsearch.c``), :class:`FuzzyIndex` first finds candidates through the
n-grams they share with the new message, then computes the exact similarity
(difflib's ratio, as before) on the best few:

* each old message is indexed under its character trigrams, its pairs of Han
  characters (the length of most Chinese words) and its pairs of neighbouring
  words (rare where every trigram is common);
* a new message looks up its rarest n-grams first, one for each part of the
  text before a second for any part, until it has walked ``budget`` index
  entries, and counts the n-grams each old message shares;
* the ``candidates`` old messages with the best Dice coefficient on those
  n-grams are compared exactly; the best above the threshold wins, ties going
  to the earlier old message, as in a full comparison.

Messages too short to share n-grams (under six characters) are compared with
every short old message of a length that can pass the threshold. The work per
new message is bounded, so a merge grows linearly with the catalog; what the
index can miss is a pair that shares no n-gram, which msgmerge's own index
misses too (``benchmarks/bench_scale.py`` measures the agreement with a full
comparison).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import chain, pairwise

from localize.catalogs.model import Entry

__all__ = ["BUDGET", "CANDIDATES", "FUZZY_THRESHOLD", "FuzzyIndex", "grams", "similarity"]

FUZZY_THRESHOLD = 0.6  # msgmerge's similarity threshold for a fuzzy match
GRAM = 3
BUDGET = 1_000  # index entries a lookup walks, rarest n-grams first
CANDIDATES = 8  # old messages compared exactly, those sharing the most n-grams
SHORT = 2 * GRAM  # a message shorter than this may share no n-gram with a match


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def grams(text: str) -> set[str]:
    """The n-grams a message is indexed under: its character trigrams, its pairs of Han
    characters and its pairs of neighbouring words (written with a NUL between them).

    >>> sorted(grams("模型 ok"))
    [' ok', '型 o', '模型', '模型\\x00ok', '模型 ']
    """
    found = {text[i:i + GRAM] for i in range(len(text) - GRAM + 1)}
    if not text.isascii():
        found.update(text[i:i + 2] for i in range(len(text) - 1)
                     if _han(text[i]) and _han(text[i + 1]))
    words = text.split()
    found.update(f"{a}\x00{b}" for a, b in pairwise(words))
    return found


def _positioned(text: str) -> list[tuple[int, str]]:
    """The n-grams of :func:`grams` with the position of each occurrence (-1: a word pair)."""
    found = [(i, text[i:i + GRAM]) for i in range(len(text) - GRAM + 1)]
    if not text.isascii():
        found += [(i, text[i:i + 2]) for i in range(len(text) - 1)
                  if _han(text[i]) and _han(text[i + 1])]
    words = text.split()
    found += [(-1, f"{a}\x00{b}") for a, b in pairwise(words)]
    return found


def similarity(a: str, b: str) -> float:
    """difflib's ratio without its junk heuristic: ``2 * matched / (len(a) + len(b))``."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _lengths(length: int, threshold: float) -> range:
    """The lengths a message may have to pass ``threshold`` against one of ``length``.

    ``ratio <= 2 * min / (length + other)``, so other lies strictly between
    ``length * t / (2 - t)`` and ``length * (2 - t) / t``.
    """
    low = math.floor(length * threshold / (2 - threshold)) + 1
    high = math.ceil(length * (2 - threshold) / threshold) - 1
    return range(max(low, 0), high + 1)


class FuzzyIndex:
    """Old entries with a translation, searchable by similarity to a new msgid.

    Each entry is matched at most once: :meth:`take` removes what it returns.
    """

    def __init__(self, entries: Sequence[Entry], *, threshold: float = FUZZY_THRESHOLD,
                 budget: int = BUDGET, candidates: int = CANDIDATES) -> None:
        self.entries = list(entries)
        self.threshold = threshold
        self.budget = budget
        self.candidates = candidates
        self._postings: dict[str, list[int]] = {}
        self._short: dict[int, list[int]] = {}  # by length: what a short message may match
        self._taken = bytearray(len(self.entries))  # entries already matched
        self._sizes: list[int] = []  # n-grams of each entry
        short = _lengths(SHORT - 1, threshold).stop
        for index, entry in enumerate(self.entries):
            found = grams(entry.msgid)
            self._sizes.append(len(found))
            for gram in found:
                self._postings.setdefault(gram, []).append(index)
            if len(entry.msgid) < short:
                self._short.setdefault(len(entry.msgid), []).append(index)

    def take(self, msgid: str) -> Entry | None:
        """The most similar entry above the threshold, no longer available afterwards."""
        found = self._best(msgid, self._candidates(msgid))
        if found is None:
            return None
        self._taken[found] = 1
        return self.entries[found]

    def _candidates(self, msgid: str) -> list[int]:
        """Old entries worth an exact comparison, best first."""
        lists, size = self._lists(msgid)
        walked = used = 0
        for postings in lists:
            if used and walked + len(postings) > self.budget:
                break
            walked += len(postings)
            used += 1
        counts = Counter(chain.from_iterable(lists[:used]))
        sizes, taken = self._sizes, self._taken
        # the Dice coefficient of the n-grams walked: a short entry sharing them all beats a
        # long one that holds them too
        chosen = heapq.nlargest(self.candidates, (i for i in counts if not taken[i]),
                                key=lambda i: (counts[i] / (size + sizes[i]), -i))
        if len(msgid) < SHORT:
            chosen += [i for n in _lengths(len(msgid), self.threshold)
                       for i in self._short.get(n, ()) if not taken[i]]
        return chosen

    def _lists(self, msgid: str) -> tuple[list[list[int]], int]:
        """The posting lists of ``msgid``'s n-grams: rarest first, spread over the text (an
        n-gram overlapping one already chosen waits until every part of the text has one);
        and how many distinct n-grams it has."""
        seen: dict[str, int] = {}
        for at, gram in _positioned(msgid):
            seen.setdefault(gram, at)
        first = {gram: at for gram, at in seen.items() if self._postings.get(gram)}
        order = sorted(first, key=lambda g: (len(self._postings[g]), first[g]))
        covered = bytearray(len(msgid) + GRAM)
        spread: list[list[int]] = []
        rest: list[list[int]] = []
        for gram in order:
            at = first[gram]
            if at < 0:  # a pair of words: too long to wait for the spread
                spread.append(self._postings[gram])
            elif any(covered[at:at + len(gram)]):
                rest.append(self._postings[gram])
            else:
                covered[at:at + len(gram)] = b"\x01" * len(gram)
                spread.append(self._postings[gram])
        return spread + rest, len(seen)

    def _best(self, msgid: str, candidates: Sequence[int]) -> int | None:
        best: int | None = None
        best_score = self.threshold
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(msgid)
        for index in dict.fromkeys(candidates):
            matcher.set_seq1(self.entries[index].msgid)
            if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
                continue
            score = matcher.ratio()
            # as a full comparison in order would: the earlier old entry wins a tie
            if score > best_score or (score == best_score and best is not None and index < best):
                best, best_score = index, score
        return best
