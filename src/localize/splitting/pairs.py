"""Scores of every candidate pair of a batch of runs, with numpy.

A candidate pair ``(i, k, j)`` has halves ``[i, k)`` and ``[k, j)`` of at most
``half`` tokens each (:class:`Grid`). Most of what a pair's score is made of
depends on one half only (its language scores, its names, whether it leans
to its language); that is computed once per half, in *band tables* of shape
``(runs, (size + 1) * half)``: entry ``x * half + a - 1`` describes the span
``[x, x + a)``. A pair's score gathers the entries of its two halves and adds
what depends on both (the links between them, the length ratio). The
arithmetic is done in ``float32``, term by term in a fixed order, so that a
score does not depend on which other runs share its batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from localize.splitting.features import Batch
from localize.splitting.search import DTYPE, ITEM_ID, NEG, Floats, Ints

if TYPE_CHECKING:
    from localize.splitting.align import Weights

__all__ = ["Grid", "Tables", "grid", "ratio_term", "reduce_spans", "score_pairs", "span_best"]

DUTCH_IN_CHINESE = 1.5  # nats of Dutch evidence (names aside) that no Chinese half holds
RATIO_SLACK = 4  # tokens: how much more than twice as long one half of a pair may be
SHARED_HALF = 20  # runs whose halves are bounded only by their length share one candidate list
SHARED_TOP = 128  # tokens of the run that list is made for (longer runs get their own)
Bools = npt.NDArray[np.bool_]


class Grid(NamedTuple):
    """Every candidate pair ``(i, k, j)`` of a run of ``size`` tokens, grouped by span.

    Sorted by ``i``, then ``j``, then ``k``: the pairs of one span ``[i, j)``
    follow each other, with their split points in order.
    """

    size: int
    half: int
    i: Ints
    k: Ints
    j: Ints
    starts: Ints  # first pair of each span group
    counts: Ints
    span_i: Ints
    span_j: Ints
    key: Ints  # (i * (size + 1) + j) * (size + 1) + k of each pair: ascending
    a: Ints  # band index of the first half [i, k)
    b: Ints  # band index of the second half [k, j)
    ik: Ints  # spans [i, k), [i, j), [k, j) and [k, k) as flat indices x*(size+1)+y
    ij: Ints
    kj: Ints
    kk: Ints

    def find(self, i: int, k: int, j: int) -> int:
        """Position of the pair ``(i, k, j)``, or -1 when it is not a candidate."""
        n = self.size + 1
        if not (0 <= i < k < j <= self.size):
            return -1
        key = (i * n + j) * n + k
        at = int(np.searchsorted(self.key, key))
        return at if at < len(self.key) and self.key[at] == key else -1


@lru_cache(maxsize=16)
def _candidates(half: int, han: bool, top: int) -> tuple[Ints, Ints, Ints]:
    """``(i, k, j)`` of every candidate pair of a run of ``top`` tokens, sorted by ``i``, then
    ``j``, then ``k``: halves of at most ``half`` tokens, not too far apart in length."""
    first = np.arange(top)[:, None, None]
    width = np.arange(2, 2 * half + 1)[None, :, None]  # j - i
    a = np.arange(1, half + 1)[None, None, :]  # k - i
    b = width - a
    keep = (b >= 1) & (b <= half) & (first + width <= top) & (b <= 2 * a + RATIO_SLACK)
    if not han:
        keep &= a <= 2 * b + RATIO_SLACK
    # nonzero walks the array in order: by i, then j (= i + width), then k (= i + a)
    i, w_at, a_at = np.nonzero(keep)
    return i, i + a_at + 1, i + w_at + 2


@lru_cache(maxsize=512)
def grid(size: int, half: int, han: bool = True) -> Grid:
    """Candidate pairs with halves of at most ``half`` tokens.

    Halves far apart in length are left out: the second half at most about twice
    as long as the first, and, without Chinese (whose halves hold few tokens),
    the first at most about twice as long as the second. The pairs of a short
    run are those of a long run that end in it.
    """
    # a half cannot be longer than size - 1 tokens: then any larger bound gives the same pairs
    bound = half if half < size - 1 else max(half, SHARED_HALF)
    all_i, all_k, all_j = _candidates(bound, han, max(size, SHARED_TOP))
    stop = int(np.searchsorted(all_i, size - 1))  # pairs starting before the last token
    keep = all_j[:stop] <= size
    i, k, j = all_i[:stop][keep], all_k[:stop][keep], all_j[:stop][keep]
    new = np.ones(len(i), dtype=bool)
    new[1:] = (i[1:] != i[:-1]) | (j[1:] != j[:-1])
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, len(i)))
    n = size + 1
    return Grid(size, half, i, k, j, starts, counts, i[starts], j[starts], (i * n + j) * n + k,
                i * half + (k - i - 1), k * half + (j - k - 1),
                i * n + k, i * n + j, k * n + j, k * (n + 1))


class Tables(NamedTuple):
    """Band tables of a batch: what each possible half contributes to a pair's score."""

    sums: Floats  # (B, PRE, M) feature sums over each half
    start: Floats  # common terms of a pair whose first half is this one (NEG if it cannot be)
    second_ok: Bools  # (B, M) whether a half can be the second half of a pair
    inner: Floats  # (B, 2, M) capitalised and lonely capitalised words after the first token
    lean: Floats  # (B, 4, M) how far each half falls short of leaning English / Dutch
    no_dutch: Floats  # (B, M) cost of a half as the Dutch half
    length: Floats  # (B, M) length plus 3, for the length ratio
    case_miss: Floats  # (B, M) of a first half: its first token and the next half's differ in case
    same_first: Floats  # (B, M) of a first half: it opens with the word the next half opens with
    same_last: Floats  # (B, M) of a second half: it closes with the word the first half closes
    ends: Bools  # (B, M) whether the token before the half's end closes a sentence
    dutch: Bools  # (B, M) whether the half holds Dutch evidence besides names (a Dutch label)


@lru_cache(maxsize=512)
def _band_index(n: int, half: int) -> tuple[Ints, Ints, Ints, Ints]:
    """For every span ``[x, x + a)`` of a run of ``n - 1`` tokens, at its band index: ``x``,
    ``x + a`` (the end), ``x + a - 1`` (the last token) and ``x + 1`` (clipped to ``n - 1``)."""
    x = np.broadcast_to(np.arange(n)[:, None], (n, half))
    a = np.arange(1, half + 1)[None, :]
    end = np.minimum(x + a, n - 1)
    last = np.minimum(x + a - 1, n - 1)
    return x.ravel(), end.ravel(), last.ravel(), np.minimum(x + 1, n - 1)[:, 0]


def tables(f: Batch, half: int, w: Weights) -> Tables:
    """The band tables of a batch."""
    x, end, last, after = _band_index(f.size + 1, half)
    sums: Floats = f.pre[:, :, end] - f.pre[:, :, x]
    content = (sums[:, 4] >= 1) | (sums[:, 3] >= 1)
    # a symbol at the outer or closing edge of a half stands alone instead (finishing would
    # peel it off); one may open the second half ("← Back ← Terug")
    sym_last = f.sym[:, last]
    common = (w.pair - 2 * w.seg + f.start[:, x]) + f.start[:, end]
    pre = f.pre[:, 8:10]
    inner = sums[:, 8:10] - (pre[:, :, after][:, :, x] - pre[:, :, x])
    lean = sums[:, 0] - sums[:, 1]  # English over Dutch
    lean_nl = sums[:, 1] - sums[:, 0]
    plain = f.plain[:, :, end] - f.plain[:, :, x]
    not_dutch = (plain[:, 0] < w.evidence) & (plain[:, 1] < 1)
    ids = f.ids
    before = ids[:, np.maximum(x - 1, 0)]  # the token before a half: the first half's last
    return Tables(
        sums,
        np.where(content & ~f.sym[:, x] & ~sym_last, common, NEG),
        content & ~sym_last,
        inner,
        np.stack([np.maximum(0.0, w.lean - lean), np.maximum(0.0, w.lean - lean_nl),
                  np.maximum(0.0, w.lean + lean), np.maximum(0.0, w.lean + lean_nl)], axis=1),
        not_dutch * DTYPE(w.no_evidence),
        sums[:, 5] + 3.0,
        (f.cap[:, x] != f.cap[:, end]).astype(DTYPE),
        ((ids[:, x] == ids[:, end]) & (ids[:, x] >= 0)).astype(DTYPE),
        ((before == ids[:, last]) & (ids[:, last] >= 0)).astype(DTYPE),
        f.ends[:, end],
        plain[:, 0] >= DUTCH_IN_CHINESE,
    )


class _Sums:
    """Feature sums over the first or second half of every candidate pair, gathered once."""

    def __init__(self, sums: Floats, at: Ints) -> None:
        self._sums = sums
        self._at = at
        self._rows: dict[int, Floats] = {}

    def __getitem__(self, row: int) -> Floats:
        found = self._rows.get(row)
        if found is None:
            found = self._rows[row] = np.take(self._sums[:, row], self._at, axis=1)
        return found


def score_pairs(f: Batch, g: Grid, w: Weights, han: bool) -> list[tuple[int, Floats]]:
    """The score of every candidate pair of the batch, for each kind of pair."""
    t = tables(f, g.half, w)
    a_sums, b_sums = _Sums(t.sums, g.a), _Sums(t.sums, g.b)
    common = np.where(np.take(t.second_ok, g.b, axis=1), np.take(t.start, g.a, axis=1), NEG)
    site = _site_bonus(f, g, w)
    rect = _rect(f, g)
    log_ratio = np.log(np.take(t.length, g.b, axis=1) / np.take(t.length, g.a, axis=1))
    latin = _latin_terms(t, g, w, a_sums, b_sums, common if site is None else common + site,
                         rect)
    en_nl, nl_en = _latin_pairs(t, g, w, a_sums, b_sums, latin, rect, log_ratio)
    scores = [(5, en_nl), (6, nl_en)]
    if han:
        for code in (7, 8):
            scores.append((code, _chinese_pair(t, g, w, (a_sums, b_sums), (common, site), rect,
                                               log_ratio, code == 8)))
    identical = _identical(f, w, t.sums, g, site)
    if identical is not None:
        scores.append((ITEM_ID, identical))
    return scores


def _rect(f: Batch, g: Grid) -> Floats | None:
    """Link weight between the halves of each pair (from a name, to a name); None: no links."""
    if not f.linked:
        return None
    cum = f.links.reshape(*f.links.shape[:2], -1)
    out: Floats = ((np.take(cum, g.kj, axis=2) - np.take(cum, g.ij, axis=2))
                   - np.take(cum, g.kk, axis=2)) + np.take(cum, g.ik, axis=2)
    return out


def _latin_terms(t: Tables, g: Grid, w: Weights, a_sums: _Sums, b_sums: _Sums,
                 common: Floats, rect: Floats | None) -> Floats:
    """Terms an English–Dutch pair has in either order."""
    na, nb = a_sums[6], b_sums[6]
    if rect is None:
        missing = na + nb
        out: Floats = common
    else:
        missing = na - np.minimum(na, rect[:, 1]) + nb - np.minimum(nb, rect[:, 2])
        out = common + w.edge * rect[:, 0]
    same = np.take(t.same_first, g.a, axis=1) + np.take(t.same_last, g.b, axis=1)
    out = (out - w.name_miss * missing - w.case_miss * np.take(t.case_miss, g.a, axis=1)
           + w.same_edge * same
           # a translation keeps a list's commas: halves with different counts
           - w.commas * np.abs(a_sums[10] - b_sums[10]))
    return out


def ratio_term(log_ratio: Floats, mu: float, sigma: float) -> Floats:
    """The length-ratio term of a pair: a Gaussian in the log ratio of its halves' lengths."""
    r = log_ratio - DTYPE(mu)
    out: Floats = r * r
    np.negative(out, out=out)
    out *= DTYPE(0.5 / (sigma * sigma))
    return out


def _latin_pairs(t: Tables, g: Grid, w: Weights, a_sums: _Sums, b_sums: _Sums, latin: Floats,
                 rect: Floats | None, log_ratio: Floats) -> tuple[Floats, Floats]:
    """Scores of English–Dutch and of Dutch–English pairs (computed in place, term by term)."""
    # capitalised words the Dutch half has beyond the English one, and lone capitals
    titles = np.take(t.inner[:, 0], g.b, axis=1)
    titles -= np.take(t.inner[:, 0], g.a, axis=1)
    more_b, more_a = np.maximum(0, titles), np.maximum(0, -titles)
    lonely_a = np.take(t.inner[:, 1], g.a, axis=1)
    lonely_b = np.take(t.inner[:, 1], g.b, axis=1)
    out = []
    for english_first in (True, False):
        # each half leans to its language (linked halves need less), the Dutch half needs
        # Dutch evidence besides names or a word linked to another
        lean_a, lean_b = (0, 1) if english_first else (2, 3)
        weak = np.take(t.lean[:, lean_a], g.a, axis=1)
        weak += np.take(t.lean[:, lean_b], g.b, axis=1)
        if rect is not None:
            weak -= rect[:, 0]
            np.maximum(0.0, weak, out=weak)
        ra, rb = (0, 1) if english_first else (1, 0)
        s = a_sums[ra] + b_sums[rb]
        s += latin
        weak *= 2
        s -= weak
        s -= np.take(t.no_dutch, g.b if english_first else g.a, axis=1)
        s += ratio_term(log_ratio if english_first else -log_ratio, w.ratio_mu_nl,
                        w.ratio_sigma_nl)
        dutch_more, english_more = (more_b, more_a) if english_first else (more_a, more_b)
        s -= w.title_nl * dutch_more
        s -= w.title_en * english_more
        l_en, l_nl = (lonely_a, lonely_b) if english_first else (lonely_b, lonely_a)
        s -= w.lonely_nl * l_nl
        s -= w.lonely_en * l_en
        if not english_first:
            s -= w.reverse
        out.append(s)
    return out[0], out[1]


def _chinese_pair(t: Tables, g: Grid, w: Weights, halves: tuple[_Sums, _Sums],
                  common: tuple[Floats, Floats | None], rect: Floats | None, log_ratio: Floats,
                  zh_first: bool) -> Floats:
    """Scores of English–Chinese (or Chinese–English) pairs."""
    a_sums, b_sums = halves
    ra, rb = (2, 0) if zh_first else (0, 2)
    s = a_sums[ra] + b_sums[rb] + common[0]
    if common[1] is not None:
        s = s + common[1]
    if rect is not None:
        s = s + w.edge * np.minimum(rect[:, 0], w.zh_links)
    han_a, han_b, plain_a, plain_b = a_sums[3], b_sums[3], a_sums[7], b_sums[7]
    if zh_first:
        ok = (han_a >= 1) & (han_b == 0) & (plain_b >= 1)
    else:
        ok = (han_b >= 1) & (han_a == 0) & (plain_a >= 1)
    ends_k, ends_j = np.take(t.ends, g.a, axis=1), np.take(t.ends, g.b, axis=1)
    zh_end, en_end = (ends_k, ends_j) if zh_first else (ends_j, ends_k)
    # a Chinese sentence is no translation of an English phrase without a sentence end
    s = s - w.sentence_zh * (zh_end & ~en_end).astype(DTYPE)
    # Latin words inside a Chinese half are names and terms, not Dutch: "Duration Duur 时长
    # 58 min" is a triple and a value, not "Duration" = "Duur 时长 58 min"
    s = s - w.zh_dutch * np.take(t.dutch, g.a if zh_first else g.b, axis=1).astype(DTYPE)
    ratio = -log_ratio if zh_first else log_ratio
    s = s + w.pair_zh + ratio_term(ratio, w.ratio_mu_zh, w.ratio_sigma_zh)
    out: Floats = np.where(ok, s - (w.reverse_zh if zh_first else 0.0), NEG)
    return out


def _site_bonus(f: Batch, g: Grid, w: Weights) -> Floats | None:
    """The bonus of candidate pairs that the site repeats in other lines (None: no such pair)."""
    if not any(f.known):
        return None
    out = np.zeros((len(f.bare), len(g.i)), dtype=DTYPE)
    for b, found in enumerate(f.known):
        for i, k, j, level in found:
            at = g.find(i, k, j)
            if at >= 0:
                out[b, at] = w.site * level
    return out


def _identical(f: Batch, w: Weights, sums: Floats, g: Grid,
               site: Floats | None) -> Floats | None:
    """Scores of pairs whose halves read the same (NEG elsewhere); None when there are none."""
    hits = [(b, t) for b, found in enumerate(f.same) for t in (g.find(*x) for x in found) if t >= 0]
    if not hits and site is None:
        return None
    out = np.full((sums.shape[0], len(g.i)), NEG, dtype=DTYPE)
    if hits:
        bb, tt = (np.array(x) for x in zip(*hits, strict=True))
        base = 2 * np.maximum(sums[bb, 0, g.a[tt]], sums[bb, 1, g.a[tt]])
        out[bb, tt] = base + w.pair - 2 * w.seg + w.identical + f.start[bb, g.i[tt]]
    return out if site is None else out + site


def reduce_spans(scores: Sequence[tuple[int, Floats]], g: Grid,
                 table: tuple[Floats, Ints, Ints, Floats]) -> None:
    """Keep, for every span ``[i, j)``, the best pair over kinds and split points.

    ``second`` gets the span's runner-up where a pair wins it: another split,
    another pairing at the same split, or the item the pair displaced.
    """
    best, kind, split, second = table
    top_score = scores[0][1]
    for _, s in scores[1:]:
        top_score = np.maximum(top_score, s)
    maxes = np.maximum.reduceat(top_score, g.starts, axis=1)
    total = top_score.shape[1]
    at_max = top_score >= np.repeat(maxes, g.counts, axis=1)
    pos = np.minimum.reduceat(np.where(at_max, np.arange(total), total), g.starts, axis=1)
    rows = np.arange(top_score.shape[0])[:, None]
    cur = best[:, g.span_i, g.span_j]
    take = maxes > cur
    at = np.minimum(pos, total - 1)
    chosen = np.stack([s[rows, at] for _, s in scores])  # every kind at each span's best split
    codes = np.array([c for c, _ in scores])
    best[:, g.span_i, g.span_j] = np.where(take, maxes, cur)
    kind[:, g.span_i, g.span_j] = np.where(take, codes[chosen.argmax(0)],
                                           kind[:, g.span_i, g.span_j])
    split[:, g.span_i, g.span_j] = np.where(take, g.k[pos], split[:, g.span_i, g.span_j])
    other_kind = (np.partition(chosen, -2, axis=0)[-2] if len(scores) > 1
                  else np.full_like(maxes, NEG))
    masked = top_score.copy()
    masked[rows, at] = NEG
    runner = np.maximum(np.maximum.reduceat(masked, g.starts, axis=1), other_kind)
    second[:, g.span_i, g.span_j] = np.where(take, np.maximum(runner, cur),
                                             second[:, g.span_i, g.span_j])


def span_best(s: Floats, g: Grid) -> tuple[Floats, Ints]:
    """The best score over split points of every span, and the split, as (B, N+1, N+1) arrays."""
    count, total = s.shape
    size = g.size
    maxes = np.maximum.reduceat(s, g.starts, axis=1)
    at_max = s >= np.repeat(maxes, g.counts, axis=1)
    pos = np.minimum.reduceat(np.where(at_max, np.arange(total), total - 1), g.starts, axis=1)
    out = np.full((count, size + 1, size + 1), NEG, dtype=DTYPE)
    where = np.zeros((count, size + 1, size + 1), dtype=np.int64)
    out[:, g.span_i, g.span_j] = maxes
    where[:, g.span_i, g.span_j] = g.k[pos]
    return out, where
