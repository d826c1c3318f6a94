"""Scoring of candidate segments and aligned pairs over runs of tokens.

A run of ``n`` tokens is parsed into items: a monolingual segment, a standalone
``und`` token, or a pair of adjacent segments that translate each other. Every
item spanning tokens ``[i, j)`` gets a score; the best parse is then found by a
dynamic program (:mod:`localize.splitting.search`). Pair scores add the two
halves' language scores, a length-ratio term, links between their tokens
(shared names and numbers, cognates, lexicon entries) and a bonus for halves
that read the same. All candidate pairs of many runs are scored at once with
numpy (:mod:`localize.splitting.pairs`), over a band of at most ``max_half``
tokens a half, so the work per token is bounded and a line's time grows
linearly with its length.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from localize.splitting.features import Batch, Bools, Known, features
from localize.splitting.lexicon import KIND_HAN, KIND_NUM, KIND_WORD, TokenInfo
from localize.splitting.pairs import grid, ratio_term, reduce_spans, score_pairs, span_best
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
    best_suffix,
    of_kinds,
    runner_ups,
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
    "RunParse",
    "Weights",
    "parse_runs",
]

BATCH_CELLS = 150_000  # candidate pairs scored at once: keeps the arrays in cache
BATCH_OVERHEAD = 3_000  # a batch's fixed cost, in candidate pairs

SUGGEST_KINDS = frozenset(code for code, langs in ITEM_PAIRS.items() if set(langs) == {"en", "nl"})
TRIPLE_ZH_TOKENS = 3  # tokens the Chinese third of a triple may hold
NAME_SPAN = 4  # tokens one standalone name may hold


class Weights(NamedTuple):
    """Costs and bonuses of the parse, in nats."""

    seg: float = 3.0
    pair: float = 4.0
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
    lonely_nl: float = 3.5  # a capitalised word inside the Dutch half that nothing links to
    lonely_en: float = 0.5
    commas: float = 1.5  # per comma one half of a pair has more than the other
    comma: float = 3.0  # a segment starting after a comma (inside a list or a clause)
    site: float = 2.0  # per support level of a pair the site repeats in other lines
    same_edge: float = 1.5  # halves of a pair that open or close with the same word
    triple: float = 4.0  # bonus of an en–nl pair followed by its Chinese
    zh_dutch: float = 4.0  # a Chinese half of a pair that holds Dutch words
    label_pair: float = 3.0  # an English or Dutch segment holding a label and its translation
    suggest_gap: float = 0.0  # nats behind the best parse within which a pair is a runner-up


class RunParse(NamedTuple):
    """The best parse of a run, and the English–Dutch pairs of the parses close behind it.

    ``runner_ups`` are disjoint pair items the best parse does not make, each
    with its ``margin`` set to the nats by which the best parse through it falls
    behind the best parse (at most :attr:`Weights.suggest_gap`).
    """

    items: list[Item]
    runner_ups: list[Item]


def _cells(size: int, w: Weights) -> int:
    """Candidate pairs of a run of ``size`` tokens: the work of scoring it."""
    return len(grid(size, max(1, min(w.max_half, size - 1))).i) + size + 1


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
               known: Sequence[Sequence[Known]] = ()) -> list[RunParse]:
    """The best parse of each token run into items (runs are scored in batches).

    Runs with Chinese and runs without are batched apart: only the former are
    scored for English–Chinese pairings (and with their wider choice of
    halves), so a run's parse never depends on the other runs of its batch.
    ``known`` gives, per run, pairs the site repeats elsewhere: each gets a bonus.
    With a positive ``w.suggest_gap`` each run's English–Dutch runner-up pairs
    come too (:class:`RunParse`).
    """
    out: list[RunParse] = [RunParse([], []) for _ in runs]
    chinese = [any(t.kind == KIND_HAN for t in run) for run in runs]
    for han in (False, True):
        picked = [idx for idx, flag in enumerate(chinese) if flag == han]
        for group in _groups([len(runs[idx]) for idx in picked], w):
            members = [picked[at] for at in group]
            _parse_batch(runs, members, han, w, known, out)
    return out


def _parse_batch(runs: Sequence[Sequence[TokenInfo]], members: list[int], han: bool, w: Weights,
                 known: Sequence[Sequence[Known]], out: list[RunParse]) -> None:
    """Score the runs ``members`` as one batch; their parses go into ``out``."""
    size = max(1, max(len(runs[i]) for i in members))
    found = [known[i] if known else () for i in members]
    tables = _score_batch([runs[i] for i in members], size, han, w, found)
    for idx, table in zip(members, tables, strict=True):
        out[idx] = table


def _score_batch(
    runs: Sequence[Sequence[TokenInfo]], size: int, han: bool, w: Weights,
    known: Sequence[Sequence[Known]] = (),
) -> list[RunParse]:
    f = features(runs, size, han, w, known)
    best, kind, zh_single = _singles(f, w, _name_breaks(runs, f.size))
    split = np.zeros_like(kind)
    split2 = np.zeros_like(kind)
    second = np.full_like(best, NEG)
    if size >= 2:
        g = grid(f.size, min(w.max_half, f.size - 1), han)
        scores = score_pairs(f, g, w, han)
        reduce_spans(scores, g, (best, kind, split, second))
        ennl = scores[0][1]  # English–Dutch or identical halves: for triples
        if scores[-1][0] == ITEM_ID:
            ennl = np.maximum(ennl, scores[-1][1])
        if han:
            _triples(f, runs, w, span_best(ennl, g), zh_single,
                     (best, kind, split, split2, second))
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
    sizes = [len(r) for r in runs]
    near = w.suggest_gap > 0 and bool(of_kinds(kind, SUGGEST_KINDS).any())
    after = best_suffix(best, sizes) if near else None
    if any(item.kind in PAIRED for items in out for item in items):
        out = with_margins(out, best, second, total, sizes, after)
    if after is None:
        return [RunParse(items, []) for items in out]
    close = runner_ups(out, best, kind, split, total, after, sizes, SUGGEST_KINDS,
                       w.suggest_gap)
    return [RunParse(items, more) for items, more in zip(out, close, strict=True)]


def _singles(f: Batch, w: Weights, breaks: Bools) -> tuple[Floats, Ints, Floats]:
    """Monolingual segments and standalone tokens for every span."""
    n = f.size
    upper = _upper(n + 1)
    span = f.lang[:, :, None, :] - f.lang[:, :, :, None]  # (B, 3, i, j)
    span = span - w.seg + f.start[:, None, :, None]
    if breaks[2].any():
        # a label and its translation inside one English or Dutch segment: [i, j) holds a
        # start t with i <= t <= j - 2
        labels = np.zeros((breaks.shape[1], n + 1), dtype=np.int64)
        np.cumsum(breaks[2, :, :n], axis=1, out=labels[:, 1:])
        inside = (labels[:, None, np.maximum(np.arange(n + 1) - 1, 0)]
                  - labels[:, :, None]) > 0
        span[:, :2] -= w.label_pair * inside[:, None]
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
    _name_spans(f, w, best, kind, breaks)
    return best, kind, zh_single


LABEL_LEAN = 1.5  # nats: a word leaning this far to one language is a label, not part of a name


def _leans(info: TokenInfo, lang: str) -> bool:
    """A capitalised ordinary word that plainly reads as ``lang`` (English or Dutch)."""
    other = info.nl if lang == "en" else info.en
    own = info.en if lang == "en" else info.nl
    return (info.kind == KIND_WORD and info.title and not info.name and own == 0.0
            and other <= -LABEL_LEAN)


def _name_breaks(runs: Sequence[Sequence[TokenInfo]], size: int) -> Bools:
    """Row 0: tokens that no name of several tokens holds; row 1: where such a name cannot
    start; row 2: where such a label and its translation start (no monolingual segment
    holds both).

    A capitalised word that reads plainly English followed by one that reads plainly Dutch
    is a row's label and its translation (*Contributors Bijdragers*), not (part of) a name; a value
    (a number, *v1.2*, *128k*) is a name's version, after it, never its first word.
    """
    out: Bools = np.zeros((3, len(runs), max(size, 1)), dtype=bool)
    for b, infos in enumerate(runs):
        for t in range(len(infos) - 1):
            head, nxt = infos[t], infos[t + 1]
            if _leans(head, "en") and _leans(nxt, "nl"):
                out[0, b, t : t + 2] = True
                out[2, b, t] = not head.function  # *The Zuiderzee ...* opens a sentence
            out[1, b, t] = nxt.title and (head.kind == KIND_NUM
                                          or (head.kind == KIND_WORD and head.value))
    return out


@lru_cache(maxsize=256)
def _upper(n: int) -> Bools:
    """Where a span ``[i, j)`` of a run of ``n - 1`` tokens has ``i < j``."""
    out: Bools = np.triu(np.ones((n, n), dtype=bool), 1)
    return out


def _name_spans(f: Batch, w: Weights, best: Floats, kind: Ints, breaks: Bools) -> None:
    """Runs of up to ``NAME_SPAN`` tokens that may all stand alone: one name, one ``und`` item
    (not across a break, :func:`_name_breaks`)."""
    n = f.size
    cuts = np.zeros((breaks.shape[1], n + 1), dtype=np.int64)
    np.cumsum(breaks[0, :, :n], axis=1, out=cuts[:, 1:])
    plain = np.where(f.word_or_num, np.maximum(f.und, DTYPE(-50.0)), DTYPE(-50.0))
    sums = np.zeros((plain.shape[0], n + 1), dtype=DTYPE)
    np.cumsum(plain, axis=1, out=sums[:, 1:])
    lowest = plain  # the lowest score of a token in each window of ``size`` tokens
    for size in range(2, min(NAME_SPAN, n) + 1):
        first = np.arange(n - size + 1)
        score = sums[:, size:] - sums[:, :-size] - w.seg / 2 + f.start[:, first]
        lowest = np.minimum(lowest[:, :-1], plain[:, size - 1 :])
        whole = (cuts[:, first + size] == cuts[:, first]) & ~breaks[1][:, first]
        score = np.where((lowest > -10) & whole, score, NEG)
        cur = best[:, first, first + size]
        take = score > cur
        best[:, first, first + size] = np.where(take, score, cur)
        kind[:, first, first + size] = np.where(take, ITEM_UND, kind[:, first, first + size])


def _chinese_third(infos: Sequence[TokenInfo], k2: int) -> bool:
    """Whether a triple's Chinese third may start at token ``k2``: Chinese after Latin text, or
    Latin letters glued to the Chinese that follows (*AI政策*)."""
    if infos[k2 - 1].kind == KIND_HAN:
        return False
    if infos[k2].kind == KIND_HAN:
        # a name glued to the Chinese is part of it (*AI政策*); a Dutch word is not
        return not (infos[k2].glued and infos[k2 - 1].kind == KIND_WORD and infos[k2 - 1].name)
    return (k2 + 1 < len(infos) and infos[k2].kind == KIND_WORD
            and infos[k2 + 1].kind == KIND_HAN and infos[k2 + 1].glued)


def _triples(f: Batch, runs: Sequence[Sequence[TokenInfo]], w: Weights,
             ennl: tuple[Floats, Ints], zh_single: Floats,
             table: tuple[Floats, Ints, Ints, Ints, Floats]) -> None:
    """An English–Dutch pair directly followed by a short all-Chinese segment: one term thrice."""
    pair, pair_split = ennl
    best, kind, split, split2, second = table
    for b, infos in enumerate(runs):
        # the three are labels of one term: each opens with a capital or a number
        opens = [info.cap or info.kind == KIND_NUM or info.value for info in infos]
        for k2 in range(2, len(infos)):
            if not _chinese_third(infos, k2):
                continue
            cand = pair[b, :k2, k2]
            firsts = np.flatnonzero(cand > NEG / 2)
            firsts = firsts[[opens[i] and opens[int(pair_split[b, i, k2])]
                             for i in firsts.tolist()]] if len(firsts) else firsts
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
            j = k2 if infos[k2].kind == KIND_HAN else k2 + 1
            while j < len(infos) and j - k2 < TRIPLE_ZH_TOKENS and infos[j].kind == KIND_HAN:
                j += 1
                nxt = infos[j] if j < len(infos) else None
                if nxt is not None and not (nxt.cap or nxt.kind != KIND_WORD or nxt.value):
                    continue  # the Chinese goes on with a word; a value (*22B*) is the row's
                size_zh = f.pre[b, 5, j] - f.pre[b, 5, k2]
                ratio = ratio_term(np.log((size_zh + 3.0) / (size_en + 3.0)), w.ratio_mu_zh,
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
