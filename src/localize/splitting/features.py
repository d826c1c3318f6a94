"""Per-token features of runs, in padded arrays, for scoring every candidate item at once.

Prefix sums over the tokens of each run let :mod:`localize.splitting.align`
take the sum of a feature over any span ``[x, y)`` in one subtraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from localize.splitting.lexicon import KIND_HAN, KIND_NUM, KIND_SYM, KIND_WORD, TokenInfo
from localize.splitting.links import Links, find_links, identical_halves
from localize.splitting.search import DTYPE, Floats, Ints

if TYPE_CHECKING:
    from localize.splitting.align import Weights

__all__ = ["PRE", "Batch", "Known", "features"]

Bools = npt.NDArray[np.bool_]
PRE = 11  # per-token features kept as prefix sums
WORD_LINK = 0.8  # a link this strong between two words that are not names: a part or a translation
Known = tuple[int, int, int, int]  # (first, split, last, level) of a pair the site repeats


@dataclass(frozen=True, slots=True)
class Batch:
    """Per-token features of several runs, padded to ``size`` tokens."""

    size: int
    pre: Floats  # (B, 9, N+1) prefix sums: en, nl, zh, Han, words, length, names,
    # non-brand words, title-cased words (not after a sentence end), lonely capitals, commas
    start: Floats  # (B, N+1) bonus for a segment starting at token t
    und: Floats  # (B, N) score of a token standing alone
    links: Floats  # (B, 3, N+1, N+1) 2-D prefix sums: link weight, from a name, to a name
    same: list[list[tuple[int, int, int]]]
    ends: Bools  # (B, N+1) whether the token before position t ends a sentence
    plain: Floats  # (B, 2, N+1) prefix sums: Dutch evidence besides names, words linked to others
    cap: Bools  # (B, N+1) whether token t is title-cased
    word_or_num: Bools  # (B, N) whether token t is a word or a number (not a symbol, not Han)
    sym: Bools  # (B, N+1) whether token t is a symbol (an arrow, a bullet; not punctuation)
    bare: list[list[str]]  # letters and digits of each token, case-blind
    known: list[list[Known]]  # per run: pairs the site repeats (or empty)
    ids: Ints  # (B, N+1) one number per distinct token form (an empty form: one of its own)
    linked: bool  # whether any two tokens of the batch are linked

    @property
    def lang(self) -> Floats:
        """Prefix sums of the en, nl and zh scores."""
        out: Floats = self.pre[:, :3]
        return out

    @property
    def han(self) -> Floats:
        """Prefix counts of Chinese tokens."""
        out: Floats = self.pre[:, 3]
        return out


def _rows(infos: Sequence[TokenInfo], found: Links) -> list[Sequence[float]]:
    """Each token's features, in the order of :attr:`Batch.pre` and after it."""
    linked = {x for a, c, _ in found.edges for x in (a, c)}
    rows: list[Sequence[float]] = []
    for t, (info, shared) in enumerate(zip(infos, found.shared, strict=True)):
        rows.append((
            0.0 if shared else info.en,
            0.0 if shared else info.nl,
            max(info.zh, -0.6) if shared else info.zh,
            info.kind == KIND_HAN,
            info.kind == KIND_WORD,
            info.weight,
            info.name,
            info.kind == KIND_WORD and not info.brand,
            info.title and not (t and infos[t - 1].ends_sentence),
            # a capitalised word that nothing else in the run links to
            info.title and t not in linked,
            info.comma,
            info.und,
            0.0 if shared or info.name else info.nl - info.en,
            0.0,
        ))
    return rows


def features(runs: Sequence[Sequence[TokenInfo]], size: int, han: bool, w: Weights,
              known: Sequence[Sequence[Known]] = ()) -> Batch:
    """The features of ``runs`` padded to ``size`` tokens; ``known``: the site's pairs in each."""
    count = len(runs)
    tok = np.zeros((count, PRE + 3, size), dtype=DTYPE)
    link = np.zeros((count, 3, size, size), dtype=DTYPE)
    start = np.zeros((count, size + 1), dtype=DTYPE)
    ends = np.zeros((count, size + 1), dtype=bool)
    cap = np.zeros((count, size + 1), dtype=bool)
    word_or_num = np.zeros((count, size), dtype=bool)
    sym = np.zeros((count, size + 1), dtype=bool)
    same = []
    for b, infos in enumerate(runs):
        found = find_links(infos)
        if infos:
            tok[b, :, : len(infos)] = np.array(_rows(infos, found), dtype=DTYPE).T
        for a, c, weight in found.edges:
            link[b, :, a, c] = (weight, infos[a].name, infos[c].name)
            if weight >= WORD_LINK and not (infos[a].name or infos[c].name):
                tok[b, PRE + 2, a] = tok[b, PRE + 2, c] = 1.0
        start[b, : len(infos)] = _starts(infos, w)
        cap[b, : len(infos)] = [t.title for t in infos]
        word_or_num[b, : len(infos)] = [t.kind in (KIND_WORD, KIND_NUM) for t in infos]
        sym[b, : len(infos)] = [t.kind == KIND_SYM and not t.punct for t in infos]
        if han:
            ends[b, 1 : len(infos) + 1] = [t.ends_sentence for t in infos]
        same.append(identical_halves(infos, min(w.max_half, size - 1)))
    pre = np.zeros((count, PRE, size + 1), dtype=DTYPE)
    np.cumsum(tok[:, :PRE], axis=2, out=pre[:, :, 1:])
    cum = np.zeros((count, 3, size + 1, size + 1), dtype=DTYPE)
    cum[:, :, 1:, 1:] = link.cumsum(2).cumsum(3)
    # halves [x, y) without Dutch evidence besides names and without a word linked to another
    plain = np.zeros((count, 2, size + 1), dtype=DTYPE)
    np.cumsum(tok[:, PRE + 1 :], axis=2, out=plain[:, :, 1:])
    bare = [[t.bare for t in infos] for infos in runs]
    return Batch(size, pre, start, tok[:, PRE], cum, same, ends, plain, cap, word_or_num, sym,
                 bare, [list(k) for k in known] if any(known) else [], _ids(bare, size),
                 bool(link.any()))


def _ids(bare: Sequence[Sequence[str]], size: int) -> Ints:
    """A number for each token form, -1 past the end of a run; an empty form (a symbol) never
    matches another: each gets a number of its own."""
    ids = np.full((len(bare), size + 1), -1, dtype=np.int64)
    codes: dict[str, int] = {}
    for b, forms in enumerate(bare):
        ids[b, : len(forms)] = [codes.setdefault(x, len(codes)) if x else -2 - t
                                for t, x in enumerate(forms)]
    return ids


def _starts(infos: Sequence[TokenInfo], w: Weights) -> list[float]:
    """Bonus (or cost) of a segment starting at each token."""
    out = [0.0] * len(infos)
    for t in range(1, len(infos)):
        prev, cur = infos[t - 1], infos[t]
        bonus = w.start_cap * cur.cap
        if prev.ends_sentence or cur.kind == KIND_SYM:
            bonus += w.start_punct
        if prev.comma:
            bonus -= w.comma
        glued_latin = KIND_HAN in (prev.kind, cur.kind) and prev.latin_tail and cur.latin_head
        if glued_latin or (cur.glued and cur.kind == KIND_HAN and not _english_phrase(infos, t)):
            bonus -= w.glue
        out[t] = bonus
    return out


def _english_phrase(infos: Sequence[TokenInfo], t: int) -> bool:
    """Whether the Latin text glued to the Chinese token ``t`` is a phrase of its own.

    Two or more Latin words (after a space, not glued to more Chinese) or a
    sentence end, with no Chinese before them that they would continue:
    "Switch language切换语言". One word glued to
    Chinese is a name or term inside the Chinese text ("python开源"), and so is
    a speaker's name before a colon ("Ilya Sutskever:很难说").
    """
    prev = infos[t - 1]
    if prev.kind != KIND_WORD:
        return False
    if not prev.ends_sentence and (t < 2 or infos[t - 2].kind != KIND_WORD or prev.glued):
        return False
    back = t - 1
    while back > 0 and infos[back - 1].kind in (KIND_WORD, KIND_NUM):
        back -= 1
    if prev.colon and all(info.title or info.name for info in infos[back:t]
                          if info.kind == KIND_WORD):
        return False
    return back == 0 or infos[back - 1].kind != KIND_HAN or infos[back - 1].ends_sentence
