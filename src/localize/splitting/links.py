"""Evidence that two tokens of a line translate each other, and halves that read the same."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from localize.splitting.lexicon import TokenInfo

__all__ = ["LEXICON_LINK", "Links", "find_links", "identical_halves"]

LEXICON_LINK = 1.5
SHARED_MIN = 0.8


@dataclass(frozen=True, slots=True)
class Links:
    """Weighted links ``(a, b, weight)`` with ``a < b``, and tokens that recur whole."""

    edges: tuple[tuple[int, int, float], ...]
    shared: tuple[bool, ...]


def find_links(infos: Sequence[TokenInfo]) -> Links:
    """Link tokens that share a form, a part, a stem or a lexicon entry.

    Each token links only to the nearest earlier token sharing a key, so a word
    repeated across several pairs of a line is not counted many times over.
    Tokens that recur whole elsewhere in the line (names, terms) are flagged:
    their spelling says nothing about the language around them.
    """
    best: dict[tuple[int, int], float] = {}
    shared = [False] * len(infos)
    keys: dict[str, tuple[int, float]] = {}
    targets: dict[str, int] = {}
    for b, info in enumerate(infos):
        for key, weight in info.keys:
            found = keys.get(key)
            if found is not None:
                a, other = found
                low = min(weight, other)
                if low > best.get((a, b), 0.0):
                    best[a, b] = low
                if low >= SHARED_MIN:
                    shared[a] = shared[a] or key == infos[a].keys[0][0]
                    shared[b] = shared[b] or key == info.keys[0][0]
            hit = targets.get(key)
            if hit is not None and hit != b:
                best[hit, b] = max(best.get((hit, b), 0.0), LEXICON_LINK)
        for key in info.targets:
            found = keys.get(key)
            if found is not None:
                a = found[0]
                best[a, b] = max(best.get((a, b), 0.0), LEXICON_LINK)
        for key, weight in info.keys:
            keys[key] = (b, weight)
        for key in info.targets:
            targets[key] = b
    edges = tuple((a, b, v) for (a, b), v in best.items())
    return Links(edges, tuple(shared))


def identical_halves(infos: Sequence[TokenInfo], max_half: int) -> list[tuple[int, int, int]]:
    """Spans ``(i, k, j)`` whose halves ``[i, k)`` and ``[k, j)`` read the same.

    Letters and digits are compared case-blind, so "AI maker" matches "AI-maker"
    and "23 December 2022" matches "23 december 2022".
    """
    forms = [info.bare for info in infos]
    n = len(forms)
    found = []
    for i in range(n):
        head = forms[i]
        if not head:
            continue
        text = ""
        for k in range(i + 1, min(n, i + max_half) + 1):
            text += forms[k - 1]
            if k >= n or not forms[k] or forms[k][0] != head[0]:
                continue
            other = ""
            for j in range(k + 1, min(n, k + max_half) + 1):
                other += forms[j - 1]
                if len(other) >= len(text):
                    if other == text:
                        found.append((i, k, j))
                    break
    return found
