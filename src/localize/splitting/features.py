"""Per-token features of runs, in padded arrays, for scoring every candidate item at once.

Prefix sums over the tokens of each run let :mod:`localize.splitting.align`
take the sum of a feature over any span ``[x, y)`` in one subtraction.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from localize.splitting.lexicon import KIND_HAN, KIND_NUM, KIND_SYM, KIND_WORD, TokenInfo
from localize.splitting.links import find_links, identical_halves
from localize.splitting.search import DTYPE, Floats, Ints

if TYPE_CHECKING:
    from localize.splitting.align import Weights

__all__ = ["PRE", "Batch", "Known", "features"]

Bools = npt.NDArray[np.bool_]
PRE = 11  # per-token features kept as prefix sums
WORD_LINK = 0.8  # a link this strong between two words that are not names: a part or a translation
Known = tuple[int, int, int, int]  # (first, split, last, level) of a pair the site repeats


class Batch(NamedTuple):
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


_NUMBERS = operator.itemgetter(*(TokenInfo._fields.index(name) for name in (
    "kind", "en", "nl", "zh", "und", "name", "brand", "weight", "ends_sentence", "punct",
    "title", "comma", "cap", "latin_tail", "latin_head", "glued")))
(_KIND, _EN, _NL, _ZH, _UND, _NAME, _BRAND, _WEIGHT, _ENDS, _PUNCT, _TITLE, _COMMA, _CAP,
 _TAIL, _HEAD, _GLUED) = range(16)


def _numbers(flat: Sequence[TokenInfo]) -> npt.NDArray[np.float64]:
    """The numeric fields of tokens (see ``_NUMBERS``), one row each."""
    values = itertools.chain.from_iterable(map(_NUMBERS, flat))
    return np.fromiter(values, dtype=np.float64, count=16 * len(flat)).reshape(len(flat), 16)


def _token_rows(num: npt.NDArray[np.float64], first: Bools, shared: Bools, linked: Bools
                ) -> Floats:
    """Each token's features (``(tokens, PRE + 3)``, in the order of :attr:`Batch.pre` and
    after it) for the tokens of all runs one after the other; ``first``: a run's first token."""
    kind, name = num[:, _KIND], num[:, _NAME] != 0
    title = num[:, _TITLE] != 0
    after_end = np.zeros(len(num), dtype=bool)
    after_end[1:] = num[:-1, _ENDS] != 0
    after_end &= ~first
    rows = np.zeros((len(num), PRE + 3), dtype=np.float64)
    rows[:, 0] = np.where(shared, 0.0, num[:, _EN])
    rows[:, 1] = np.where(shared, 0.0, num[:, _NL])
    rows[:, 2] = np.where(shared, np.maximum(num[:, _ZH], -0.6), num[:, _ZH])
    rows[:, 3] = kind == KIND_HAN
    rows[:, 4] = kind == KIND_WORD
    rows[:, 5] = num[:, _WEIGHT]
    rows[:, 6] = name
    rows[:, 7] = (kind == KIND_WORD) & (num[:, _BRAND] == 0)
    rows[:, 8] = title & ~after_end
    rows[:, 9] = title & ~linked  # a capitalised word that nothing else in the run links to
    rows[:, 10] = num[:, _COMMA]
    rows[:, 11] = num[:, _UND]
    rows[:, 12] = np.where(shared | name, 0.0, num[:, _NL] - num[:, _EN])
    out: Floats = rows.astype(DTYPE)
    return out


LABEL_ZIPF = 3.5  # an English word at least this common is an ordinary word, not a name
LABEL_HAN = 6  # Chinese characters of a label glued to its one-word English
Edge = tuple[int, int, int, float, bool, bool]  # run, token, token, weight, names


def features(runs: Sequence[Sequence[TokenInfo]], size: int, han: bool, w: Weights,
              known: Sequence[Sequence[Known]] = ()) -> Batch:
    """The features of ``runs`` padded to ``size`` tokens; ``known``: the site's pairs in each."""
    count = len(runs)
    flat = [info for infos in runs for info in infos]
    lengths = [len(infos) for infos in runs]
    run_of = np.repeat(np.arange(count), lengths)
    at = np.arange(len(flat)) - np.repeat(np.cumsum([0, *lengths[:-1]]), lengths)
    shared, linked, edges, same = _links(runs, min(w.max_half, size - 1))
    tok = np.zeros((count, PRE + 3, size), dtype=DTYPE)
    link = np.zeros((count, 3, size, size), dtype=DTYPE)
    numbers = _numbers(flat)
    if flat:
        tok[run_of, :, at] = _token_rows(numbers, at == 0, shared, linked)
    if edges:
        eb, ea, ec = (np.array([e[x] for e in edges]) for x in range(3))
        link[eb, :, ea, ec] = np.array([e[3:] for e in edges], dtype=np.float64).astype(DTYPE)
        # a strong link between two words that are not names: a part or a translation
        word = np.array([e[3] >= WORD_LINK and not (e[4] or e[5]) for e in edges])
        tok[eb[word], PRE + 2, ea[word]] = 1.0
        tok[eb[word], PRE + 2, ec[word]] = 1.0
    kind = numbers[:, _KIND]
    flags = np.zeros((4, count, size + 1), dtype=bool)  # capital, word or number, symbol, end
    flags[0, run_of, at] = numbers[:, _TITLE] != 0
    flags[1, run_of, at] = (kind == KIND_WORD) | (kind == KIND_NUM)
    flags[2, run_of, at] = (kind == KIND_SYM) & (numbers[:, _PUNCT] == 0)
    if han:
        flags[3, run_of, at + 1] = numbers[:, _ENDS] != 0
    start = np.zeros((count, size + 1), dtype=DTYPE)
    start[run_of, at] = _starts(runs, numbers, at == 0, w)
    pre = np.zeros((count, PRE, size + 1), dtype=DTYPE)
    np.cumsum(tok[:, :PRE], axis=2, out=pre[:, :, 1:])
    cum = np.zeros((count, 3, size + 1, size + 1), dtype=DTYPE)
    cum[:, :, 1:, 1:] = link.cumsum(2).cumsum(3)
    # halves [x, y) without Dutch evidence besides names and without a word linked to another
    plain = np.zeros((count, 2, size + 1), dtype=DTYPE)
    np.cumsum(tok[:, PRE + 1 :], axis=2, out=plain[:, :, 1:])
    bare = [[t.bare for t in infos] for infos in runs]
    return Batch(size, pre, start, tok[:, PRE], cum, same, flags[3], plain, flags[0],
                 flags[1, :, :size], flags[2], bare,
                 [list(k) for k in known] if any(known) else [], _ids(bare, size), bool(edges))


def _links(runs: Sequence[Sequence[TokenInfo]], max_half: int
           ) -> tuple[Bools, Bools, list[Edge], list[list[tuple[int, int, int]]]]:
    """Per token of all runs (one after the other): whether it recurs whole in its run, and
    whether it is linked to another; the links; each run's halves that read the same."""
    total = sum(len(infos) for infos in runs)
    shared = np.zeros(total, dtype=bool)
    linked = np.zeros(total, dtype=bool)
    edges: list[Edge] = []
    same = []
    offset = 0
    for b, infos in enumerate(runs):
        found = find_links(infos)
        shared[offset : offset + len(infos)] = found.shared
        for a, c, weight in found.edges:
            linked[offset + a] = linked[offset + c] = True
            edges.append((b, a, c, weight, infos[a].name, infos[c].name))
        same.append(identical_halves(infos, max_half))
        offset += len(infos)
    return shared, linked, edges, same


def _ids(bare: Sequence[Sequence[str]], size: int) -> Ints:
    """A number for each token form, -1 past the end of a run; an empty form (a symbol) never
    matches another: each gets a number of its own."""
    ids = np.full((len(bare), size + 1), -1, dtype=np.int64)
    codes: dict[str, int] = {}
    for b, forms in enumerate(bare):
        ids[b, : len(forms)] = [codes.setdefault(x, len(codes)) if x else -2 - t
                                for t, x in enumerate(forms)]
    return ids


def _starts(runs: Sequence[Sequence[TokenInfo]], num: npt.NDArray[np.float64], first: Bools,
            w: Weights) -> Floats:
    """Bonus (or cost) of a segment starting at each token (of all runs, one after the other;
    ``first``: a run's first token)."""
    kind = num[:, _KIND]
    prev = np.roll(num, 1, axis=0)
    bonus = w.start_cap * num[:, _CAP]
    bonus[(prev[:, _ENDS] != 0) | (kind == KIND_SYM)] += w.start_punct
    bonus[prev[:, _COMMA] != 0] -= w.comma
    glue = (((prev[:, _KIND] == KIND_HAN) | (kind == KIND_HAN))
            & (prev[:, _TAIL] != 0) & (num[:, _HEAD] != 0))
    offset = 0
    for infos in runs:
        for t in range(1, len(infos)):
            if infos[t].glued and infos[t].kind == KIND_HAN and not _english_phrase(infos, t):
                glue[offset + t] = True
            elif infos[t].joined:
                glue[offset + t] = True  # the rest of a company's name (*Reed Labs*)
        offset += len(infos)
    bonus[glue] -= w.glue
    bonus[first] = 0.0
    out: Floats = bonus.astype(DTYPE)
    return out


def _label_word(infos: Sequence[TokenInfo], t: int) -> bool:
    """Whether token ``t`` is a short Chinese label glued to one capitalised English word that
    is an ordinary word, not a name, standing apart from the text before it (*About关于我们*,
    *Models模型* in a row of such labels; not *Python开源*, nor a word inside a sentence)."""
    word, han = infos[t - 1], infos[t]
    return (word.title and not (word.name or word.brand) and word.zipf >= LABEL_ZIPF
            and not word.ends_sentence and (t == 1 or not word.glued)
            and (t == 1 or infos[t - 2].kind == KIND_HAN or infos[t - 2].ends_sentence)
            and han.weight <= 3 * LABEL_HAN
            and (t + 1 == len(infos) or not infos[t + 1].glued))


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
    if _label_word(infos, t):
        return True
    if not prev.ends_sentence and (t < 2 or infos[t - 2].kind != KIND_WORD or prev.glued):
        return False
    back = t - 1
    while back > 0 and infos[back - 1].kind in (KIND_WORD, KIND_NUM):
        back -= 1
    if prev.colon and all(info.title or info.name for info in infos[back:t]
                          if info.kind == KIND_WORD):
        return False
    return back == 0 or infos[back - 1].kind != KIND_HAN or infos[back - 1].ends_sentence
