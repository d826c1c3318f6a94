"""How likely a pair the splitter found is right: a calibrated confidence in [0, 1].

A pair's confidence is a logistic function of a few features:

- ``margin``: nats by which the best parse of its run beats the best parse
  without this pair (exact, from a forward and a backward pass over the parse
  table): a pair that another reading almost matches is a guess;
- ``linked``: the share of the words of both halves that share a form, a part
  or a lexicon entry with a word of the other half (halves that read the same
  count as linked);
- ``unlinked``: words of the halves with lexicon translations none of which is
  in the other half;
- ``capitals``: capitalised words inside a half (not its first word) that the
  other half lacks: a name glued to a label.

Pairs that the site repeats in other lines (:mod:`localize.splitting.site`)
get a bonus in the parse, which shows in their margin.

The coefficients (:data:`CALIBRATION`) were fitted by logistic regression on
the benchmark's development lines with ``tools/build_split_confidence.py``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from localize.splitting.lexicon import KIND_HAN, KIND_WORD, TokenInfo
from localize.splitting.links import SHARED_MIN
from localize.splitting.types import LineSplit

__all__ = ["CALIBRATION", "Calibration", "KeySets", "PairFeatures", "key_sets", "pair_confidence",
           "pair_features"]

MARGIN_CAP = 12.0  # nats: a margin beyond this says nothing more
SMALL_HALVES = 16  # token pairs across a pair up to which each pair is checked on its own


class PairFeatures(NamedTuple):
    """What the confidence of one pair is computed from."""

    margin: float
    linked: float
    unlinked: float
    capitals: float

    def vector(self) -> tuple[float, ...]:
        """The features in the order of :attr:`Calibration.weights`."""
        return (min(self.margin, MARGIN_CAP), self.linked, self.unlinked, self.capitals)


class Calibration(NamedTuple):
    """Logistic coefficients: ``confidence = 1 / (1 + exp(-(bias + weights · features)))``."""

    bias: float
    weights: tuple[float, ...]

    def confidence(self, features: PairFeatures) -> float:
        """The calibrated probability that a pair with these features is right."""
        z = self.bias + sum(w * x for w, x in zip(self.weights, features.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


CALIBRATION = Calibration(bias=2.336, weights=(1.252, 0.26, -0.167, -1.762))


KeySets = tuple[frozenset[str], frozenset[str], frozenset[str]]


def key_sets(info: TokenInfo) -> KeySets:
    """A token's link keys that mark a shared form, all its link keys, and its translations."""
    return (frozenset(key for key, weight in info.keys if weight >= SHARED_MIN),
            frozenset(key for key, _ in info.keys), frozenset(info.targets))


def pair_features(result: LineSplit, n: int, margin: float,
                  info: Callable[[str], tuple[TokenInfo, KeySets]]) -> PairFeatures:
    """The features of pair ``n`` of ``result``; ``info`` gives a token's evidence and its
    :func:`key_sets`."""
    a, b = result.pairs[n]
    left = [info(t) for t in result.segments[a].text.split()]
    right = [info(t) for t in result.segments[b].text.split()]
    if [t.bare for t, _ in left] == [t.bare for t, _ in right]:
        return PairFeatures(margin, 1.0, 0.0, 0.0)
    both = [t for t, _ in left] + [t for t, _ in right]
    cut = len(left)
    crossing = _crossing(left, right)
    words = [t for t, tok in enumerate(both) if tok.kind in (KIND_WORD, KIND_HAN)]
    linked = sum(1 for t in words if t in crossing) / len(words) if words else 0.0
    unlinked = sum(1 for t in words if t not in crossing and both[t].targets
                   and not both[t].name and both[t].kind == KIND_WORD)
    # capitalised words after a half's first word that nothing in the other half answers
    inner = [sum(1 for t in range(start + 1, end) if both[t].title and t not in crossing)
             for start, end in ((0, cut), (cut, len(both)))]
    return PairFeatures(margin, linked, float(unlinked), float(abs(inner[0] - inner[1])))


def _crossing(left: list[tuple[TokenInfo, KeySets]],
              right: list[tuple[TokenInfo, KeySets]]) -> set[int]:
    """Tokens (indices into ``left + right``) that share a form, a part or a translation
    with a token of the other half. (The relation is symmetric: a token of one half and a
    token of the other are linked when either names the other.)"""
    cut = len(left)
    if len(left) * len(right) > SMALL_HALVES:
        return ({t for t, hit in enumerate(_links(left, right)) if hit}
                | {cut + t for t, hit in enumerate(_links(right, left)) if hit})
    found = set()
    for t, (_, (strong_t, every_t, targets_t)) in enumerate(left):
        for u, (_, (strong_u, every_u, targets_u)) in enumerate(right):
            if not (strong_t.isdisjoint(strong_u) and targets_t.isdisjoint(every_u)
                    and every_t.isdisjoint(targets_u)):
                found.add(t)
                found.add(cut + u)
    return found


def _links(a: list[tuple[TokenInfo, KeySets]], b: list[tuple[TokenInfo, KeySets]]) -> list[bool]:
    """For each token of half ``a``, whether it is linked to some token of half ``b``."""
    all_a = frozenset().union(*(sets[1] for _, sets in a))
    strong_b = frozenset().union(*(sets[0] for _, sets in b))
    all_b = frozenset().union(*(sets[1] for _, sets in b))
    named: set[str] = set()  # keys of half a that a translation in half b names
    for _, sets in b:
        named |= sets[2] & all_a
    return [not (strong.isdisjoint(strong_b) and targets.isdisjoint(all_b)
                 and every.isdisjoint(named))
            for _, (strong, every, targets) in a]


def pair_confidence(features: PairFeatures, calibration: Calibration = CALIBRATION) -> float:
    """The confidence of a pair with ``features``."""
    return calibration.confidence(features)
