"""The parse of a run: items, the dynamic program over their scores, and each pair's margin.

:mod:`localize.splitting.align` scores every candidate item of a run (a
segment, a standalone token or name, a pair, a triple); a forward pass finds
the best sequence of items and a backward pass over the same table gives,
for each pair of the best parse, the best score of any parse without it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = [
    "DTYPE",
    "ITEM_ID",
    "ITEM_PAIRS",
    "ITEM_SINGLES",
    "ITEM_TRIPLE",
    "ITEM_UND",
    "NEG",
    "PAIRED",
    "Floats",
    "Ints",
    "Item",
    "best_path",
    "best_suffix",
    "of_kinds",
    "runner_ups",
    "with_margins",
]

Floats = npt.NDArray[np.float32]
DTYPE = np.float32
Ints = npt.NDArray[np.int64]
NEG = -1e9

ITEM_SINGLES = {1: "en", 2: "nl", 3: "zh"}
ITEM_UND = 4
ITEM_PAIRS = {5: ("en", "nl"), 6: ("nl", "en"), 7: ("en", "zh"), 8: ("zh", "en")}
ITEM_ID = 9
ITEM_TRIPLE = 10  # en, nl and zh of one term: [first, split), [split, split2), [split2, last)
PAIRED = frozenset((5, 6, 7, 8, 9, 10))  # item kinds that pair segments


class Item(NamedTuple):
    """One item of the best parse of a run: tokens ``[first, last)``, its kind, pair split."""

    first: int
    last: int
    kind: int
    split: int
    split2: int = 0
    margin: float = 0.0  # nats by which the best parse beats the best one without this item


def best_path(best: Floats) -> tuple[Floats, Ints]:
    """Dynamic program over item scores: best prefix totals, and the best start of the last
    item ending at each token."""
    count, n = best.shape[0], best.shape[1] - 1
    total = np.zeros((count, n + 1), dtype=DTYPE)
    back = np.zeros((count, n + 1), dtype=np.int64)
    rows = np.arange(count)
    for j in range(1, n + 1):
        cand = total[:, :j] + best[:, :j, j]
        arg = cand.argmax(1)
        total[:, j] = cand[rows, arg]
        back[:, j] = arg
    return total, back


def best_suffix(best: Floats, sizes: list[int]) -> Floats:
    """Backward pass: the best score of the items from each token to the end of its run."""
    count, n = best.shape[0], best.shape[1] - 1
    ends = np.array(sizes)
    inside = best.copy()
    past = np.broadcast_to(np.arange(n + 1)[None, None, :] > ends[:, None, None], inside.shape)
    inside[past] = NEG  # no item runs past the end of its run
    after = np.zeros((count, n + 1), dtype=DTYPE)
    for i in range(n - 1, -1, -1):
        after[:, i] = (inside[:, i, i + 1 :] + after[:, i + 1 :]).max(1)
        after[ends == i, i] = 0.0
    return after


def with_margins(out: list[list[Item]], best: Floats, second: Floats, total: Floats,
                 sizes: list[int], after: Floats | None = None) -> list[list[Item]]:
    """Each pair item with its margin: how much worse the best parse without it scores.

    Every parse without item ``[i, j)`` covers token ``i`` with some other item,
    so the best such parse is the best over those items (exact max-marginals
    from a forward and a backward pass). ``after`` is :func:`best_suffix`'s
    result, when already at hand.
    """
    after = best_suffix(best, sizes) if after is None else after
    done = []
    for b, items in enumerate(out):
        if not any(item.kind in PAIRED for item in items):
            done.append(items)
            continue
        n = sizes[b]
        table = best[b, : n + 1, : n + 1]
        after_b = after[b, : n + 1]
        through = total[b, : n + 1, None] + table + after_b[None, :]
        fixed = []
        for item in items:
            if item.kind not in PAIRED:
                fixed.append(item)
                continue
            i, j = item.first, item.last
            cover = through[: i + 1, i + 1 :].copy()
            cover[i, j - i - 1] = float(total[b, i]) + float(second[b, i, j]) + after_b[j]
            margin = float(total[b, n]) - float(cover.max())
            fixed.append(Item(i, j, item.kind, item.split, item.split2, max(0.0, margin)))
        done.append(fixed)
    return done


def of_kinds(kind: Ints, kinds: frozenset[int]) -> npt.NDArray[np.bool_]:
    """Where ``kind`` holds one of ``kinds`` (``np.isin`` costs more on arrays this small)."""
    out = np.zeros(kind.shape, dtype=bool)
    for code in kinds:
        out |= kind == code
    return out


def runner_ups(out: list[list[Item]], best: Floats, kind: Ints, split: Ints, total: Floats,
               after: Floats, sizes: list[int], kinds: frozenset[int], gap: float
               ) -> list[list[Item]]:
    """Per run, the pairs (items of ``kinds``) the best parse does not make but a parse
    within ``gap`` nats of it does; each with its ``margin`` set to that deficit (how far
    the best parse through it falls behind the best one).

    The best parse through span ``[i, j)`` scores ``total[i] + best[i, j] + after[j]``
    (exact, as for :func:`with_margins`). A runner-up never overlaps a pair of the
    best parse: it offers a pair where the best parse made none. Runner-ups may
    overlap each other; they come by the smaller deficit, then the earlier start,
    for the caller to choose among.
    """
    done = []
    for b, items in enumerate(out):
        n = sizes[b]
        table = best[b, : n + 1, : n + 1]
        through = total[b, : n + 1, None] + table + after[b, None, : n + 1]
        deficit = float(total[b, n]) - through
        close = of_kinds(kind[b, : n + 1, : n + 1], kinds) & (deficit <= gap)
        taken = {(item.first, item.last) for item in items}
        found = sorted((float(deficit[i, j]), int(i), int(j))
                       for i, j in zip(*np.nonzero(close), strict=True)
                       if (int(i), int(j)) not in taken and table[i, j] > NEG / 2)
        used = np.zeros(n + 1, dtype=bool)
        for item in items:
            if item.kind in PAIRED:
                used[item.first : item.last] = True
        done.append([Item(i, j, int(kind[b, i, j]), int(split[b, i, j]), 0, max(0.0, gone))
                     for gone, i, j in found if not used[i:j].any()])
    return done
