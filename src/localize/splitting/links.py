"""Evidence that two tokens of a line translate each other, and halves that read the same."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from localize.splitting.lexicon import COGNATE_ENDINGS, TokenInfo

__all__ = ["LEXICON_LINK", "Links", "find_links", "identical_halves"]

LEXICON_LINK = 1.5
SHARED_MIN = 0.8
COMPOUND_WORDS = 4  # most words an English term closed up into one Dutch word may have


class Links(NamedTuple):
    """Weighted links ``(a, b, weight)`` with ``a < b``, and tokens that recur whole."""

    edges: tuple[tuple[int, int, float], ...]
    shared: tuple[bool, ...]
    translated: bool  # some link comes from the lexicon


def find_links(infos: Sequence[TokenInfo]) -> Links:
    """Link tokens that share a form, a part, a stem or a lexicon entry.

    Each token links only to the nearest earlier token sharing a key, so a word
    repeated across several pairs of a line is not counted many times over.
    Tokens that recur whole elsewhere in the line (names, terms) are flagged:
    their spelling says nothing about the language around them.
    """
    best: dict[tuple[int, int], float] = {}
    shared = [False] * len(infos)
    translated = False
    keys: dict[str, tuple[int, float]] = {}
    targets: dict[str, int] = {}
    for b, info in enumerate(infos):
        own = info.keys
        for key, weight in own:
            found = keys.get(key)
            if found is not None:
                a, other = found
                low = min(weight, other)
                if low > best.get((a, b), 0.0):
                    best[a, b] = low
                if low >= SHARED_MIN:
                    if not shared[a] and key == infos[a].keys[0][0]:
                        shared[a] = True
                    if not shared[b] and key == own[0][0]:
                        shared[b] = True
            if targets:
                hit = targets.get(key)
                if hit is not None and hit != b:
                    best[hit, b] = max(best.get((hit, b), 0.0), LEXICON_LINK)
                    translated = True
        if info.targets:
            for key in keys.keys() & info.targets:
                a = keys[key][0]
                best[a, b] = max(best.get((a, b), 0.0), LEXICON_LINK)
                translated = True
            targets.update(dict.fromkeys(info.targets, b))
        for key, weight in own:
            keys[key] = (b, weight)
    edges = tuple((a, b, v) for (a, b), v in best.items())
    return Links(edges, tuple(shared), translated)


def _worded(forms: Sequence[str], first: int, last: int) -> bool:
    """Whether a half holds a word of two or more letters or digits, not only single letters."""
    return any(len(form) >= 2 for form in forms[first:last])


def identical_halves(infos: Sequence[TokenInfo], max_half: int) -> list[tuple[int, int, int]]:
    """Spans ``(i, k, j)`` whose halves ``[i, k)`` and ``[k, j)`` read the same.

    Letters and digits are compared case-blind, so "AI maker" matches "AI-maker"
    and "23 December 2022" matches "23 december 2022". Halves made of single
    letters and symbols ("[A] -> [B]" after "[A][B]") are not doubled text.
    """
    if max_half < 1:
        return []
    forms = [info.bare for info in infos]
    offsets = [0]
    for form in forms:
        offsets.append(offsets[-1] + len(form))
    full = "".join(forms)
    boundary = {off: t for t, off in enumerate(offsets)}  # last token index at that offset
    starts: dict[str, list[int]] = {}
    for t, form in enumerate(forms):
        if form:
            starts.setdefault(form[0], []).append(t)
    found = []
    for places in starts.values():
        for x, i in enumerate(places):
            for k in places[x + 1 :]:
                if k - i > max_half:
                    break
                size = offsets[k] - offsets[i]
                end = offsets[k] + size
                j = boundary.get(end)
                if j is None or j - k > max_half:
                    continue
                if full[offsets[k] : end] != full[offsets[i] : offsets[k]]:
                    continue
                while j > k + 1 and not forms[j - 1]:
                    j -= 1
                if _worded(forms, i, k) and _worded(forms, k, j):
                    found.append((i, k, j))
    return found + _closed_compounds(forms, offsets, full, starts, max_half)


def _closed_compounds(forms: Sequence[str], offsets: Sequence[int], full: str,
                      starts: dict[str, list[int]], max_half: int) -> list[tuple[int, int, int]]:
    """Spans ``(i, k, j)`` whose second half closes up the first one's words as Dutch does:
    with a linking *s* between them, or with the last word's Dutch ending (*Training data*
    / *Trainingsdata*, *Deepfake detection* / *Deepfakedetectie*)."""
    found = []
    for places in starts.values():
        for x, i in enumerate(places):
            for k in places[x + 1 :]:
                if k - i > min(max_half, COMPOUND_WORDS):
                    break
                if k - i < 2 or not all(len(form) >= 2 for form in forms[i:k]):
                    continue
                for j in range(k + 1, min(k + k - i, k + max_half + 1, len(forms) + 1)):
                    if _closes_up(forms[i:k], full[offsets[k] : offsets[j]]):
                        found.append((i, k, j))
    return found


def _closes_up(words: Sequence[str], closed: str, changed: bool = False) -> bool:
    """Whether ``closed`` is ``words`` written as one with a linking *s* between two of them
    or the last one's Dutch ending (not letter for letter the same: that is found above)."""
    word = words[0]
    if len(words) == 1:
        return (changed and closed == word) or any(
            word.endswith(english) and closed == word[: -len(english)] + dutch
            for english, dutch in COGNATE_ENDINGS)
    if not closed.startswith(word):
        return False
    rest = closed[len(word) :]
    return (_closes_up(words[1:], rest, changed)
            or (rest[:1] == "s" and _closes_up(words[1:], rest[1:], True)))
