"""Scoring of candidate segments and aligned pairs over one run of tokens.

A run of ``n`` tokens is parsed into items: a monolingual segment, a standalone
``und`` token, or a pair of adjacent segments that translate each other. Every
item spanning tokens ``[i, j)`` gets a score; the best parse is found by
:func:`localize.splitting.segment` with a dynamic program over these scores.
Pair scores add the two halves' language scores, a length-ratio term, links
between their tokens (identical names and numbers, cognates, lexicon entries)
and a bonus for identical halves. All candidate pairs are scored at once with
numpy over a band of at most ``max_half`` tokens a half, so the work per token
is bounded and the whole line is linear.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from localize.splitting.lexicon import KIND_HAN, KIND_SYM, KIND_WORD, TokenInfo

__all__ = [
    "ITEM_ID",
    "ITEM_NAMES",
    "ITEM_PAIRS",
    "ITEM_SINGLES",
    "ITEM_UND",
    "ItemTable",
    "Weights",
    "score_items",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
NEG = -1e9
LEXICON_LINK = 1.5

ITEM_SINGLES = {1: "en", 2: "nl", 3: "zh"}
ITEM_UND = 4
ITEM_PAIRS = {5: ("en", "nl"), 6: ("nl", "en"), 7: ("en", "zh"), 8: ("zh", "en")}
ITEM_ID = 9
ITEM_NAMES = {**ITEM_SINGLES, ITEM_UND: "und", ITEM_ID: "identical"}


@dataclass(frozen=True, slots=True)
class Weights:
    """Costs and bonuses of the parse, in nats."""

    seg: float = 4.0
    pair: float = 4.0
    reverse: float = 1.0
    pair_zh: float = 3.0
    edge: float = 2.5
    name_miss: float = 3.5
    glue: float = 12.0
    reverse_zh: float = 5.0
    lean: float = 1.5
    identical: float = 6.0
    ratio_mu_nl: float = 0.1
    ratio_sigma_nl: float = 0.45
    ratio_mu_zh: float = 0.0
    ratio_sigma_zh: float = 0.55
    start_cap: float = 0.5
    start_punct: float = 1.0
    max_half: int = 24


@dataclass(frozen=True, slots=True)
class ItemTable:
    """Best item for every token span ``[i, j)``: score, kind and pair split point."""

    score: Floats
    kind: Ints
    split: Ints


def _prefix(values: Sequence[float]) -> Floats:
    out = np.zeros(len(values) + 1)
    np.cumsum(values, out=out[1:])
    return out


def _edges(infos: Sequence[TokenInfo]) -> tuple[Floats, list[bool]]:
    """Link weights between tokens ``a < b`` that look like translations of each other.

    Each token links only to the nearest earlier token sharing a key, so a word
    repeated across several pairs of a line is not counted many times over.
    Also flags tokens that recur whole elsewhere in the line (shared names):
    their spelling says nothing about the language around them.
    """
    n = len(infos)
    w = np.zeros((n, n))
    shared = [False] * n
    keys: dict[str, tuple[int, float]] = {}
    targets: dict[str, int] = {}
    for b, info in enumerate(infos):
        for key, weight in info.keys:
            found = keys.get(key)
            if found is not None:
                a, other = found
                w[a, b] = max(w[a, b], min(weight, other))
                if min(weight, other) >= 0.8:
                    shared[a] = shared[a] or key == infos[a].keys[0][0]
                    shared[b] = shared[b] or key == infos[b].keys[0][0]
            hit = targets.get(key)
            if hit is not None:
                w[hit, b] = max(w[hit, b], LEXICON_LINK)
        for key in info.targets:
            found = keys.get(key)
            if found is not None:
                w[found[0], b] = max(w[found[0], b], LEXICON_LINK)
        for key, weight in info.keys:
            keys[key] = (b, weight)
        for key in info.targets:
            targets[key] = b
    return w, shared


def _rect(cum: Floats, i: Ints, k: Ints, j: Ints) -> Floats:
    """Sum of a matrix over rows ``[i, k)`` and columns ``[k, j)`` from its 2-D prefix sums."""
    out: Floats = cum[k, j] - cum[i, j] - cum[k, k] + cum[i, k]
    return out


def _cum2d(m: Floats) -> Floats:
    n = m.shape[0]
    out = np.zeros((n + 1, n + 1))
    out[1:, 1:] = m.cumsum(0).cumsum(1)
    return out


def _identical(infos: Sequence[TokenInfo], max_half: int) -> set[tuple[int, int, int]]:
    """Spans ``(i, k, j)`` whose halves ``[i, k)`` and ``[k, j)`` read the same."""
    n = len(infos)
    forms = ["".join(ch for ch in info.norm if ch.isalnum()) for info in infos]
    by_text: dict[str, list[tuple[int, int]]] = {}
    spans: list[tuple[int, int, str]] = []
    for i in range(n):
        text = ""
        for k in range(i + 1, min(n, i + max_half) + 1):
            text += forms[k - 1]
            if text:
                by_text.setdefault(text, []).append((i, k))
                spans.append((i, k, text))
    found = set()
    for i, k, text in spans:
        for start, end in by_text[text]:
            if start == k:
                found.add((i, k, end))
    return found


def score_items(infos: Sequence[TokenInfo], w: Weights) -> ItemTable:
    """Score the best item for every span of the token run ``infos``."""
    n = len(infos)
    edges, shared = _edges(infos)
    pre = {
        "en": _prefix([0.0 if s else t.en for t, s in zip(infos, shared, strict=True)]),
        "nl": _prefix([0.0 if s else t.nl for t, s in zip(infos, shared, strict=True)]),
        "zh": _prefix([max(t.zh, -0.6) if s else t.zh for t, s in zip(infos, shared, strict=True)]),
    }
    han = _prefix([1.0 if t.kind == KIND_HAN else 0.0 for t in infos])
    words = _prefix([1.0 if t.kind == KIND_WORD else 0.0 for t in infos])
    size = _prefix([t.weight for t in infos])
    start = np.zeros(n + 1)
    for t in range(1, n):
        prev, cur = infos[t - 1], infos[t]
        start[t] = w.start_cap * cur.cap + w.start_punct * (prev.ends_sentence or cur.kind == KIND_SYM)
        if prev.kind == KIND_HAN and prev.latin_tail and cur.kind != KIND_HAN:
            start[t] -= w.glue
    best = np.full((n + 1, n + 1), NEG)
    kind = np.zeros((n + 1, n + 1), dtype=np.int64)
    split = np.zeros((n + 1, n + 1), dtype=np.int64)
    _singles(pre, han, start, w, best, kind)
    for t, info in enumerate(infos):
        if info.und - w.seg / 2 + start[t] > best[t, t + 1]:
            best[t, t + 1] = info.und - w.seg / 2 + start[t]
            kind[t, t + 1] = ITEM_UND
    if n >= 2:
        _pairs(infos, edges, pre, han, words, size, start, w, best, kind, split)
    return ItemTable(best, kind, split)


def _singles(
    pre: dict[str, Floats], han: Floats, start: Floats, w: Weights, best: Floats, kind: Ints
) -> None:
    n = len(han) - 1
    upper = np.triu(np.ones((n + 1, n + 1), dtype=bool), 1)
    hans = han[None, :] - han[:, None]
    for code, lang in ITEM_SINGLES.items():
        p = pre[lang]
        s = p[None, :] - p[:, None] - w.seg + start[:, None]
        if lang == "zh":
            s = np.where(hans >= 1, s, NEG)
        better = upper & (s > best)
        best[better] = s[better]
        kind[better] = code


def _ratio(size_a: Floats, size_b: Floats, mu: float, sigma: float) -> Floats:
    r = np.log((size_b + 3.0) / (size_a + 3.0)) - mu
    out: Floats = -(r * r) / (2 * sigma * sigma)
    return out


def _pairs(
    infos: Sequence[TokenInfo],
    edges: Floats,
    pre: dict[str, Floats],
    han: Floats,
    words: Floats,
    size: Floats,
    start: Floats,
    w: Weights,
    best: Floats,
    kind: Ints,
    split: Ints,
) -> None:
    n = len(infos)
    half = min(w.max_half, n - 1)
    i = np.arange(n + 1)[:, None, None]
    a = np.arange(1, half + 1)[None, :, None]
    b = np.arange(1, half + 1)[None, None, :]
    k = np.minimum(i + a, n)
    j = np.minimum(k + b, n)
    valid = (i + a + b) <= n
    names = np.array([t.name for t in infos], dtype=np.float64)
    linked = (edges > 0).astype(np.float64)
    link_sum = _rect(_cum2d(edges), i, k, j)
    named_a = _rect(_cum2d(linked * names[:, None]), i, k, j)
    named_b = _rect(_cum2d(linked * names[None, :]), i, k, j)
    name_pre = _prefix(list(names))
    na, nb = name_pre[k] - name_pre[i], name_pre[j] - name_pre[k]
    missing = (na - np.minimum(na, named_a)) + (nb - np.minimum(nb, named_b))
    common = w.pair - 2 * w.seg + start[i] + start[k] + w.edge * link_sum
    miss = w.name_miss * missing
    size_a, size_b = size[k] - size[i], size[j] - size[k]
    han_a, han_b = han[k] - han[i], han[j] - han[k]
    content = ((words[k] - words[i]) >= 1) | (han_a >= 1)
    content = content & (((words[j] - words[k]) >= 1) | (han_b >= 1))
    scores = []
    for code, (la, lb) in ITEM_PAIRS.items():
        s = pre[la][k] - pre[la][i] + pre[lb][j] - pre[lb][k] + common
        if lb == "zh" or la == "zh":
            zh_size, en_size = (size_b, size_a) if lb == "zh" else (size_a, size_b)
            s = s + _ratio(en_size, zh_size, w.ratio_mu_zh, w.ratio_sigma_zh)
            ok = (han_b >= 1) & (han_a == 0) if lb == "zh" else (han_a >= 1) & (han_b == 0)
            s = np.where(ok, s + w.pair_zh, NEG)
        else:
            lean_a = pre[la][k] - pre[la][i] - pre[lb][k] + pre[lb][i]
            lean_b = pre[lb][j] - pre[lb][k] - pre[la][j] + pre[la][k]
            weak = np.maximum(0.0, w.lean - lean_a) + np.maximum(0.0, w.lean - lean_b)
            s = s + _ratio(size_a, size_b, w.ratio_mu_nl, w.ratio_sigma_nl) - miss - 2 * weak
        if la == "zh":
            s = s - w.reverse_zh
        elif la != "en":
            s = s - w.reverse
        scores.append((code, np.where(valid & content, s, NEG)))
    same = _identical(infos, half)
    if same:
        ident = np.full(valid.shape, NEG)
        en_a = pre["en"][k] - pre["en"][i]
        nl_a = pre["nl"][k] - pre["nl"][i]
        base = np.broadcast_to(
            2 * np.maximum(en_a, nl_a) + w.pair - 2 * w.seg + w.identical + start[i], valid.shape
        )
        for si, sk, sj in same:
            ident[si, sk - si - 1, sj - sk - 1] = base[si, sk - si - 1, sj - sk - 1]
        scores.append((ITEM_ID, ident))
    _reduce(scores, n, half, best, kind, split)


def _reduce(
    scores: list[tuple[int, Floats]], n: int, half: int, best: Floats, kind: Ints, split: Ints
) -> None:
    """Keep, for every span ``[i, j)``, the best pair over kinds and split points."""
    stack = np.stack([s for _, s in scores])
    codes = np.array([c for c, _ in scores])
    top = stack.argmax(0)
    top_score = np.take_along_axis(stack, top[None], 0)[0]
    aa, bb = np.meshgrid(np.arange(half), np.arange(half), indexing="ij")
    sheared = np.full((n + 1, half, 2 * half), NEG)
    sheared[:, aa, aa + bb + 1] = top_score
    code_sheared = np.zeros((n + 1, half, 2 * half), dtype=np.int64)
    code_sheared[:, aa, aa + bb + 1] = codes[top]
    best_a = sheared.argmax(1)
    best_s = np.take_along_axis(sheared, best_a[:, None, :], 1)[:, 0, :]
    best_c = np.take_along_axis(code_sheared, best_a[:, None, :], 1)[:, 0, :]
    ii, ss = np.nonzero(best_s > NEG / 2)
    jj = ii + ss + 1
    keep = (jj <= n) & (best_s[ii, ss] > best[ii, np.minimum(jj, n)])
    ii, ss, jj = ii[keep], ss[keep], jj[keep]
    best[ii, jj] = best_s[ii, ss]
    kind[ii, jj] = best_c[ii, ss]
    split[ii, jj] = ii + best_a[ii, ss] + 1
