"""Evidence from the whole site: label pairs that recur across lines and documents.

A scraped site repeats its labels on every page, each time next to other
material: "Reading time Leestijd 8 min" on one page, "Reading time Leestijd
5 min" on the next. A pair that the splitter finds in several different
lines is very likely a real pair with the right boundaries, and where it
occurs again it should be read the same way.

:class:`SiteLexicon` holds those recurring pairs. It is built in a first pass
over all documents of a run (:meth:`localize.splitting.Splitter.site_lexicon`)
and is a deterministic function of their lines; the split of each document
then takes it as input. Support is kept as a level (:data:`LEVELS`), not a raw
count, so the lexicon, and its :attr:`SiteLexicon.digest`, change little when
one page changes: a cache of per-document splits can key on
(document digest, lexicon digest).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from localize.splitting.types import LineSplit

__all__ = ["LEVELS", "MIN_CONFIDENCE", "SiteLexicon", "build_site_lexicon", "forms", "pair_key",
           "token_form"]

LEVELS = (2, 3, 5)  # distinct lines a pair must occur in for support level 1, 2, 3
MIN_CONFIDENCE = 0.5  # pairs found with less confidence are not evidence
MAX_TOKENS = 8  # tokens a half of a recorded pair may hold (labels, not sentences)

Key = tuple[tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=65536)
def token_form(token: str) -> str:
    """A token's letters and digits, case-blind: how the lexicon compares tokens."""
    return "".join(filter(str.isalnum, unicodedata.normalize("NFKC", token).casefold()))


def forms(text: str) -> tuple[str, ...]:
    """The case-blind letters and digits of each token of ``text`` (empty tokens dropped)."""
    return tuple(f for f in (token_form(t) for t in text.split()) if f)


def pair_key(first: str, second: str) -> Key:
    """The lexicon key of a pair of segment texts, in the order the page shows them."""
    return forms(first), forms(second)


@dataclass(frozen=True)
class SiteLexicon:
    """Pairs found in several different lines of a run, each with a support level (1–3)."""

    levels: dict[Key, int] = field(default_factory=dict)
    _by_first: dict[str, list[Key]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_first: dict[str, list[Key]] = defaultdict(list)
        for key in sorted(self.levels):
            by_first[key[0][0]].append(key)
        object.__setattr__(self, "_by_first", dict(by_first))

    def __len__(self) -> int:
        return len(self.levels)

    @property
    def digest(self) -> str:
        """A stable digest of the contents (sha256 hex), for cache keys."""
        text = "\n".join(f"{' '.join(a)}\t{' '.join(b)}\t{level}"
                         for (a, b), level in sorted(self.levels.items()))
        import hashlib  # here, not at the top: ``localize split`` needs no digest

        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def level(self, first: str, second: str) -> int:
        """The support level of the pair of segment texts ``first``, ``second`` (0: none)."""
        return self.levels.get(pair_key(first, second), 0)

    def occurrences(self, tokens: Sequence[str]) -> list[tuple[int, int, int, int]]:
        """Known pairs in a run of token forms: ``(first, split, last, level)`` token ranges."""
        found = []
        for i, token in enumerate(tokens):
            for a, b in self._by_first.get(token, ()):
                k = i + len(a)
                j = k + len(b)
                if tuple(tokens[i:k]) == a and tuple(tokens[k:j]) == b:
                    found.append((i, k, j, self.levels[a, b]))
        return found


def build_site_lexicon(documents: Iterable[Sequence[LineSplit]]) -> SiteLexicon:
    """The pairs that occur, with some confidence, in at least ``LEVELS[0]`` different lines."""
    contexts: dict[Key, set[str]] = defaultdict(set)
    for results in documents:
        for result in results:
            for (a, b), confidence in zip(result.pairs, result.pair_confidence, strict=True):
                first, second = result.segments[a], result.segments[b]
                key = pair_key(first.text, second.text)
                if (confidence >= MIN_CONFIDENCE and key[0] and key[1]
                        and max(len(key[0]), len(key[1])) <= MAX_TOKENS):
                    contexts[key].add(result.text)
    levels = {}
    for key, lines in contexts.items():
        level = sum(1 for need in LEVELS if len(lines) >= need)
        if level:
            levels[key] = level
    return SiteLexicon(levels)
