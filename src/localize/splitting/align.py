"""Scoring of candidate segments and aligned pairs over runs of tokens.

A run of ``n`` tokens is parsed into items: a monolingual segment, a standalone
``und`` token, or a pair of adjacent segments that translate each other. Every
item spanning tokens ``[i, j)`` gets a score; the best parse is then found by a
dynamic program (:mod:`localize.splitting.search`). Pair scores add the two
halves' language scores, a length-ratio term, links between their tokens
(shared names and numbers, cognates, lexicon entries) and a bonus for halves
that read the same. All candidate pairs of many runs are scored at once with
numpy, over a band of at most ``max_half`` tokens a half, so the work per
token is bounded and a line's time grows linearly with its length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from localize.splitting.features import Batch, Known, features
from localize.splitting.lexicon import KIND_HAN, KIND_WORD, TokenInfo
from localize.splitting.search import (
    DTYPE,
    ITEM_ID,
    ITEM_PAIRS,
    ITEM_SINGLES,
    ITEM_TRIPLE,
    ITEM_UND,
    NEG,
    PAIRED,
    Floats,
    Ints,
    Item,
    best_path,
    with_margins,
)

__all__ = [
    "ITEM_ID",
    "ITEM_PAIRS",
    "ITEM_SINGLES",
    "ITEM_TRIPLE",
    "ITEM_UND",
    "Item",
    "Known",
    "Weights",
    "parse_runs",
]

BATCH_CELLS = 150_000  # candidate pairs scored at once: keeps the arrays in cache
BATCH_OVERHEAD = 3_000  # a batch's fixed cost, in candidate pairs
RATIO_SLACK = 4  # tokens: how much more than twice as long one half of a pair may be

TRIPLE_ZH_TOKENS = 3  # tokens the Chinese third of a triple may hold
NAME_SPAN = 4  # tokens one standalone name may hold


@dataclass(frozen=True, slots=True)
class Weights:
    """Costs and bonuses of the parse, in nats."""

    seg: float = 3.0
    pair: float = 3.0
    pair_zh: float = 1.875
    reverse: float = 2.25
    reverse_zh: float = 8.0
    edge: float = 2.0
    name_miss: float = 1.875
    lean: float = 0.625
    identical: float = 6.75
    glue: float = 12.0
    zh_links: float = 2.5  # most link weight an English–Chinese pair can earn
    ratio_mu_nl: float = 0.1875
    ratio_sigma_nl: float = 0.3
    ratio_mu_zh: float = 0.0
    ratio_sigma_zh: float = 0.45
    start_cap: float = 0.8
    start_punct: float = 0.75
    max_half: int = 20
    evidence: float = 0.25  # nats the Dutch half of a pair must lean to Dutch, names aside
    no_evidence: float = 6.0
    sentence_zh: float = 4.0
    case_miss: float = 1.0  # halves of an English–Dutch pair opening in different case
    title_nl: float = 1.125  # a capitalised word inside the Dutch half beyond the English half's
    title_en: float = 0.75  # the same inside the English half (English titles capitalise more)
    lonely_nl: float = 1.5  # a capitalised word inside the Dutch half that nothing links to
    lonely_en: float = 0.5
    commas: float = 1.5  # per comma one half of a pair has more than the other
    comma: float = 3.0  # a segment starting after a comma (inside a list or a clause)
    site: float = 2.0  # per support level of a pair the site repeats in other lines
    same_edge: float = 1.5  # halves of a pair that open or close with the same word
    triple: float = 4.0  # bonus of an en–nl pair followed by its Chinese


def _cells(size: int, w: Weights) -> int:
    """Candidate pairs of a run of ``size`` tokens: the work of scoring it."""
    return len(_grid(size, max(1, min(w.max_half, size - 1))).i) + size + 1


def _groups(sizes: Sequence[int], w: Weights) -> list[list[int]]:
    """Runs (indices) grouped into batches; padding a run costs less than another batch."""
    order = sorted(range(len(sizes)), key=lambda idx: sizes[idx])
    groups: list[list[int]] = []
    separate = 0
    for idx in order:
        cells = _cells(max(sizes[idx], 1), w)
        if groups:
            merged = (len(groups[-1]) + 1) * cells
            if merged <= separate + cells + BATCH_OVERHEAD and merged <= BATCH_CELLS:
                groups[-1].append(idx)
                separate += cells
                continue
        groups.append([idx])
        separate = cells
    return groups


def parse_runs(runs: Sequence[Sequence[TokenInfo]], w: Weights,
               known: Sequence[Sequence[Known]] = ()) -> list[list[Item]]:
    """The best parse of each token run into items (runs are scored in batches).

    ``known`` gives, per run, pairs the site repeats elsewhere: each gets a bonus.
    """
    out: list[list[Item]] = [[] for _ in runs]
    for members in _groups([len(run) for run in runs], w):
        size = max(1, max(len(runs[i]) for i in members))
        han = any(t.kind == KIND_HAN for i in members for t in runs[i])
        found = [known[i] if known else () for i in members]
        tables = _score_batch([runs[i] for i in members], size, han, w, found)
        for idx, table in zip(members, tables, strict=True):
            out[idx] = table
    return out


def _score_batch(
    runs: Sequence[Sequence[TokenInfo]], size: int, han: bool, w: Weights,
    known: Sequence[Sequence[Known]] = (),
) -> list[list[Item]]:
    f = features(runs, size, han, w, known)
    best, kind, zh_single = _singles(f, w)
    split = np.zeros_like(kind)
    split2 = np.zeros_like(kind)
    second = np.full_like(best, NEG)
    if size >= 2:
        ennl = _pairs(f, w, han, best, kind, split, second)
        if han:
            _triples(f, runs, w, ennl, zh_single, (best, kind, split, split2, second))
    total, back_array = best_path(best)
    back = back_array.tolist()
    out = []
    for b, infos in enumerate(runs):
        items = []
        j = len(infos)
        while j > 0:
            i = back[b][j]
            code = int(kind[b, i, j])
            items.append(Item(i, j, code, int(split[b, i, j]), int(split2[b, i, j])))
            j = i
        out.append(items[::-1])
    if any(item.kind in PAIRED for items in out for item in items):
        return with_margins(out, best, second, total, [len(r) for r in runs])
    return out


def _singles(f: Batch, w: Weights) -> tuple[Floats, Ints, Floats]:
    """Monolingual segments and standalone tokens for every span."""
    n = f.size
    upper = np.triu(np.ones((n + 1, n + 1), dtype=bool), 1)
    span = f.lang[:, :, None, :] - f.lang[:, :, :, None]  # (B, 3, i, j)
    span = span - w.seg + f.start[:, None, :, None]
    hans = f.han[:, None, :] - f.han[:, :, None]
    span[:, 2] = np.where(hans >= 1, span[:, 2], NEG)
    top = span.argmax(1)
    zh_single: Floats = span[:, 2].copy()
    best = np.take_along_axis(span, top[:, None], 1)[:, 0]
    best = np.where(upper, best, NEG)
    kind = np.where(upper, top + 1, 0)
    diag = np.arange(n)
    und = np.where(f.sym[:, :n], DTYPE(0.0), f.und - w.seg / 2 + f.start[:, :n])
    take = und > best[:, diag, diag + 1]
    best[:, diag, diag + 1] = np.where(take, und, best[:, diag, diag + 1])
    kind[:, diag, diag + 1] = np.where(take, ITEM_UND, kind[:, diag, diag + 1])
    _name_spans(f, w, best, kind)
    return best, kind, zh_single


def _name_spans(f: Batch, w: Weights, best: Floats, kind: Ints) -> None:
    """Runs of up to ``NAME_SPAN`` tokens that may all stand alone: one name, one ``und`` item."""
    n = f.size
    plain = np.where(f.word_or_num, np.maximum(f.und, DTYPE(-50.0)), DTYPE(-50.0))
    sums = np.zeros((plain.shape[0], n + 1), dtype=DTYPE)
    np.cumsum(plain, axis=1, out=sums[:, 1:])
    for size in range(2, min(NAME_SPAN, n) + 1):
        first = np.arange(n - size + 1)
        score = sums[:, size:] - sums[:, :-size] - w.seg / 2 + f.start[:, first]
        ok = np.lib.stride_tricks.sliding_window_view(plain, size, axis=1).min(-1) > -10
        score = np.where(ok, score, NEG)
        cur = best[:, first, first + size]
        take = score > cur
        best[:, first, first + size] = np.where(take, score, cur)
        kind[:, first, first + size] = np.where(take, ITEM_UND, kind[:, first, first + size])


@dataclass(frozen=True, slots=True)
class _Grid:
    """Every candidate pair ``(i, k, j)`` of a run of ``size`` tokens, grouped by span."""

    i: Ints
    k: Ints
    j: Ints
    starts: Ints  # first triple of each span group
    counts: Ints
    span_i: Ints
    span_j: Ints
    where: Ints  # (size, half, half): position of triple (i, i+a, i+a+b) or -1
    ik: Ints  # spans [i, k) and [k, j) as flat indices x*(size+1)+y
    kj: Ints

    def find(self, i: int, k: int, j: int) -> int:
        """Position of the triple ``(i, k, j)``, or -1 when it is not a candidate."""
        a, b = k - i - 1, j - k - 1
        if not (0 <= i < self.where.shape[0] and 0 <= a < self.where.shape[1]
                and 0 <= b < self.where.shape[2]):
            return -1
        return int(self.where[i, a, b])


@lru_cache(maxsize=512)
def _grid(size: int, half: int, han: bool = True) -> _Grid:
    """Candidate triples with halves of at most ``half`` tokens, sorted by span then split.

    Halves far apart in length are left out: the second half at most about twice
    as long as the first, and, without Chinese (whose halves hold few tokens),
    the first at most about twice as long as the second.
    """
    i, a, b = np.meshgrid(np.arange(size), np.arange(1, half + 1), np.arange(1, half + 1),
                          indexing="ij")
    keep = ((i + a + b) <= size) & (b <= 2 * a + RATIO_SLACK)
    if not han:
        keep &= a <= 2 * b + RATIO_SLACK
    i, k = i[keep], (i + a)[keep]
    j = k + b[keep]
    order = np.lexsort((k, j, i))
    i, k, j = i[order], k[order], j[order]
    new = np.ones(len(i), dtype=bool)
    new[1:] = (i[1:] != i[:-1]) | (j[1:] != j[:-1])
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, len(i)))
    where = np.full((size, half, half), -1, dtype=np.int64)
    where[i, k - i - 1, j - k - 1] = np.arange(len(i))
    return _Grid(i, k, j, starts, counts, i[starts], j[starts], where,
                 i * (size + 1) + k, k * (size + 1) + j)


def _ratio(log_ratio: Floats, mu: float, sigma: float) -> Floats:
    r = log_ratio - DTYPE(mu)
    out: Floats = -(r * r) * DTYPE(0.5 / (sigma * sigma))
    return out


@dataclass(frozen=True, slots=True)
class _Halves:
    """The two halves of every candidate pair of a batch: sums of their features and links."""

    a: Floats  # (B, PRE, T) feature sums over the first half
    b: Floats  # the same over the second half
    rect: Floats  # (B, 3, T) link weight between the halves, from a name, to a name
    common: Floats  # terms of every pairing (NEG where the halves cannot pair)
    site: Floats  # bonus of pairs the site repeats
    log_ratio: Floats  # log of the length ratio, second half over first


def _halves(f: Batch, g: _Grid, w: Weights) -> _Halves:
    i, k, j = g.i, g.k, g.j
    half_a = f.pre[:, :, k] - f.pre[:, :, i]
    half_b = f.pre[:, :, j] - f.pre[:, :, k]
    cum = f.links
    rect = cum[:, :, k, j] - cum[:, :, i, j] - cum[:, :, k, k] + cum[:, :, i, k]
    content = (((half_a[:, 4] >= 1) | (half_a[:, 3] >= 1))
               & ((half_b[:, 4] >= 1) | (half_b[:, 3] >= 1)))
    # a symbol at the outer or closing edge of a half stands alone instead (finishing would
    # peel it off); one may open the second half ("← Back ← Terug")
    content &= ~(f.sym[:, i] | f.sym[:, k - 1] | f.sym[:, j - 1])
    common = np.where(content, w.pair - 2 * w.seg + f.start[:, i] + f.start[:, k], NEG)
    log_ratio = np.log((half_b[:, 5] + 3.0) / (half_a[:, 5] + 3.0))
    return _Halves(half_a, half_b, rect, common, _site_bonus(f, g, w), log_ratio)


def _pairs(
    f: Batch, w: Weights, han: bool, best: Floats, kind: Ints, split: Ints, second: Floats
) -> tuple[Floats, Ints]:
    """Best pair for every span; Chinese pairings only for runs with Chinese in them.

    Returns the best English–Dutch pair of every span and its split, for triples.
    """
    g = _grid(f.size, min(w.max_half, f.size - 1), han)
    h = _halves(f, g, w)
    latin = _latin_terms(f, g, w, h)
    scores = []
    for code, (la, lb) in ITEM_PAIRS.items():
        if "zh" not in (la, lb):
            scores.append((code, _latin_pair(f, g, w, h, latin, la == "en")))
        elif han:
            scores.append((code, _chinese_pair(f, g, w, h, la == "zh")))
    scores.append((ITEM_ID, _identical(f, w, h.a[:, :3], g) + h.site))
    _reduce(scores, g, (best, kind, split, second))
    ennl = np.maximum(scores[0][1], scores[-1][1])  # English–Dutch or identical halves
    return _span_best(ennl, g, f.size)


def _latin_terms(f: Batch, g: _Grid, w: Weights, h: _Halves) -> Floats:
    """Terms an English–Dutch pair has in either order."""
    na, nb = h.a[:, 6], h.b[:, 6]
    missing = na - np.minimum(na, h.rect[:, 1]) + nb - np.minimum(nb, h.rect[:, 2])
    case_miss = (f.cap[:, g.i] != f.cap[:, g.k]).astype(DTYPE)
    out: Floats = (h.common + h.site + w.edge * h.rect[:, 0] - w.name_miss * missing
                   - w.case_miss * case_miss + w.same_edge * _same_edges(f, g)
                   # a translation keeps a list's commas: halves with different counts
                   - w.commas * np.abs(h.a[:, 10] - h.b[:, 10]))
    return out


def _inner(f: Batch, h: Floats, at: Ints, row: int) -> Floats:
    """Feature ``row`` summed over a half, its first token left out."""
    out: Floats = h[:, row] - (f.pre[:, row, at + 1] - f.pre[:, row, at])
    return out


def _latin_pair(f: Batch, g: _Grid, w: Weights, h: _Halves, latin: Floats,
                english_first: bool) -> Floats:
    """Scores of English–Dutch (or Dutch–English) pairs."""
    sign = DTYPE(1.0 if english_first else -1.0)
    lean_a = h.a[:, 0] - h.a[:, 1]  # English over Dutch
    lean_b = h.b[:, 1] - h.b[:, 0]  # Dutch over English
    # each half leans to its language (linked halves need less), the Dutch half needs Dutch
    # evidence besides names or a word linked to another
    weak = np.maximum(0.0, w.lean - sign * lean_a) + np.maximum(0.0, w.lean - sign * lean_b)
    weak = np.maximum(0.0, weak - h.rect[:, 0])
    # capitalised words the Dutch half has beyond the English one, and lone capitals
    titles = sign * (_inner(f, h.b, g.k, 8) - _inner(f, h.a, g.i, 8))
    lonely_a, lonely_b = _inner(f, h.a, g.i, 9), _inner(f, h.b, g.k, 9)
    l_en, l_nl = (lonely_a, lonely_b) if english_first else (lonely_b, lonely_a)
    ra, rb = (0, 1) if english_first else (1, 0)
    s: Floats = (h.a[:, ra] + h.b[:, rb] + latin - 2 * weak
                 - f.no_dutch[:, g.kj if english_first else g.ik]
                 + _ratio(sign * h.log_ratio, w.ratio_mu_nl, w.ratio_sigma_nl)
                 - w.title_nl * np.maximum(0, titles) - w.title_en * np.maximum(0, -titles)
                 - w.lonely_nl * l_nl - w.lonely_en * l_en)
    return s if english_first else s - w.reverse


def _chinese_pair(f: Batch, g: _Grid, w: Weights, h: _Halves, zh_first: bool) -> Floats:
    """Scores of English–Chinese (or Chinese–English) pairs."""
    ra, rb = (2, 0) if zh_first else (0, 2)
    s = h.a[:, ra] + h.b[:, rb] + h.common + h.site
    s = s + w.edge * np.minimum(h.rect[:, 0], w.zh_links)
    han_a, han_b, plain_a, plain_b = h.a[:, 3], h.b[:, 3], h.a[:, 7], h.b[:, 7]
    if zh_first:
        ok = (han_a >= 1) & (han_b == 0) & (plain_b >= 1)
    else:
        ok = (han_b >= 1) & (han_a == 0) & (plain_a >= 1)
    ends_k, ends_j = f.ends[:, g.k], f.ends[:, g.j]
    zh_end, en_end = (ends_k, ends_j) if zh_first else (ends_j, ends_k)
    # a Chinese sentence is no translation of an English phrase without a sentence end
    s = s - w.sentence_zh * (zh_end & ~en_end).astype(DTYPE)
    ratio = -h.log_ratio if zh_first else h.log_ratio
    s = s + w.pair_zh + _ratio(ratio, w.ratio_mu_zh, w.ratio_sigma_zh)
    out: Floats = np.where(ok, s - (w.reverse_zh if zh_first else 0.0), NEG)
    return out


def _span_best(s: Floats, g: _Grid, size: int) -> tuple[Floats, Ints]:
    """The best score over split points of every span, and the split, as (B, N+1, N+1) arrays."""
    count, total = s.shape
    maxes = np.maximum.reduceat(s, g.starts, axis=1)
    at_max = s >= np.repeat(maxes, g.counts, axis=1)
    pos = np.minimum.reduceat(np.where(at_max, np.arange(total), total - 1), g.starts, axis=1)
    out = np.full((count, size + 1, size + 1), NEG, dtype=DTYPE)
    where = np.zeros((count, size + 1, size + 1), dtype=np.int64)
    out[:, g.span_i, g.span_j] = maxes
    where[:, g.span_i, g.span_j] = g.k[pos]
    return out, where


def _triples(f: Batch, runs: Sequence[Sequence[TokenInfo]], w: Weights,
             ennl: tuple[Floats, Ints], zh_single: Floats,
             table: tuple[Floats, Ints, Ints, Ints, Floats]) -> None:
    """An English–Dutch pair directly followed by a short all-Chinese segment: one term thrice."""
    pair, pair_split = ennl
    best, kind, split, split2, second = table
    for b, infos in enumerate(runs):
        for k2 in range(2, len(infos)):
            if infos[k2].kind != KIND_HAN or infos[k2 - 1].kind == KIND_HAN:
                continue
            cand = pair[b, :k2, k2]
            firsts = np.flatnonzero(cand > NEG / 2)
            # the three are labels of one term: capitalised, and the Chinese ends the label
            firsts = firsts[f.cap[b, firsts] & f.cap[b, pair_split[b, firsts, k2]]]
            if not len(firsts):
                continue
            k1 = pair_split[b, firsts, k2]
            # a Dutch third that only repeats the English half's first words is a name in front
            # of the Chinese ("Stampede package Stampede 软件包")
            keep = [f.bare[b][k:k2] != f.bare[b][i : i + k2 - k] or k2 - k == k - i
                    for i, k in zip(firsts.tolist(), k1.tolist(), strict=True)]
            firsts, k1 = firsts[keep], k1[keep]
            if not len(firsts):
                continue
            size_en = f.pre[b, 5, k1] - f.pre[b, 5, firsts]
            j = k2
            while j < len(infos) and j - k2 < TRIPLE_ZH_TOKENS and infos[j].kind == KIND_HAN:
                j += 1
                if j < len(infos) and not (infos[j].cap or infos[j].kind != KIND_WORD):
                    continue
                size_zh = f.pre[b, 5, j] - f.pre[b, 5, k2]
                ratio = _ratio(np.log((size_zh + 3.0) / (size_en + 3.0)), w.ratio_mu_zh,
                               w.ratio_sigma_zh)
                score = cand[firsts] + zh_single[b, k2, j] + w.seg + w.triple + ratio
                top = int(score.argmax())
                i = int(firsts[top])
                if score[top] > best[b, i, j]:
                    second[b, i, j] = best[b, i, j]
                    best[b, i, j] = score[top]
                    kind[b, i, j] = ITEM_TRIPLE
                    split[b, i, j] = int(k1[top])
                    split2[b, i, j] = k2


def _site_bonus(f: Batch, g: _Grid, w: Weights) -> Floats:
    """The bonus of candidate pairs that the site repeats in other lines."""
    out = np.zeros((len(f.bare), len(g.i)), dtype=DTYPE)
    for b, found in enumerate(f.known):
        for i, k, j, level in found:
            at = g.find(i, k, j)
            if at >= 0:
                out[b, at] = w.site * level
    return out


def _same_edges(f: Batch, g: _Grid) -> Floats:
    """How many of the two edges (first words, last words) the halves of each pair share."""
    ids = np.full((len(f.bare), f.size + 1), -1, dtype=np.int64)
    codes: dict[str, int] = {}
    for b, forms in enumerate(f.bare):
        # an empty form (a symbol) never matches: each gets an id of its own
        ids[b, : len(forms)] = [codes.setdefault(x, len(codes)) if x else -2 - t
                                for t, x in enumerate(forms)]
    first = (ids[:, g.i] == ids[:, g.k]) & (ids[:, g.i] >= 0)
    last = (ids[:, g.k - 1] == ids[:, g.j - 1]) & (ids[:, g.j - 1] >= 0)
    out: Floats = first.astype(DTYPE) + last.astype(DTYPE)
    return out


def _identical(f: Batch, w: Weights, lang_a: Floats, g: _Grid) -> Floats:
    """Scores of pairs whose halves read the same (NEG elsewhere)."""
    out = np.full((lang_a.shape[0], lang_a.shape[2]), NEG, dtype=DTYPE)
    hits = [(b, t) for b, found in enumerate(f.same) for t in (g.find(*x) for x in found) if t >= 0]
    if hits:
        bb, tt = (np.array(x) for x in zip(*hits, strict=True))
        base = 2 * np.maximum(lang_a[bb, 0, tt], lang_a[bb, 1, tt])
        out[bb, tt] = base + w.pair - 2 * w.seg + w.identical + f.start[bb, g.i[tt]]
    return out


def _reduce(scores: list[tuple[int, Floats]], g: _Grid,
            table: tuple[Floats, Ints, Ints, Floats]) -> None:
    """Keep, for every span ``[i, j)``, the best pair over kinds and split points.

    ``second`` gets the span's runner-up where a pair wins it: another split,
    another pairing at the same split, or the item the pair displaced.
    """
    best, kind, split, second = table
    stack = np.stack([s for _, s in scores])
    codes = np.array([c for c, _ in scores])
    top = stack.argmax(0)
    top_score = np.take_along_axis(stack, top[None], 0)[0]
    maxes = np.maximum.reduceat(top_score, g.starts, axis=1)
    total = top_score.shape[1]
    at_max = top_score >= np.repeat(maxes, g.counts, axis=1)
    pos = np.minimum.reduceat(np.where(at_max, np.arange(total), total), g.starts, axis=1)
    rows = np.arange(top.shape[0])[:, None]
    cur = best[:, g.span_i, g.span_j]
    take = maxes > cur
    best[:, g.span_i, g.span_j] = np.where(take, maxes, cur)
    kind[:, g.span_i, g.span_j] = np.where(take, codes[top[rows, pos]],
                                           kind[:, g.span_i, g.span_j])
    split[:, g.span_i, g.span_j] = np.where(take, g.k[pos], split[:, g.span_i, g.span_j])
    at = np.minimum(pos, total - 1)
    chosen = stack[:, rows, at]  # every kind at each span's best split
    other_kind = (np.partition(chosen, -2, axis=0)[-2] if len(stack) > 1
                  else np.full_like(maxes, NEG))
    masked = top_score.copy()
    masked[rows, at] = NEG
    runner = np.maximum(np.maximum.reduceat(masked, g.starts, axis=1), other_kind)
    second[:, g.span_i, g.span_j] = np.where(take, np.maximum(runner, cur),
                                             second[:, g.span_i, g.span_j])
