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
  other half lacks: a name glued to a label;
- ``running``: 1 when the pair looks cut out of running text: both halves open
  in lower case and an unpaired English or Dutch neighbour follows on after a
  single space (before the pair, with no sentence end; or after it). Labels
  and sentences open with a capital; a stretch of one sentence mostly does not.

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

TEXT_LANGS = ("en", "nl")
SENTENCE_END = ".!?:;"
MARGIN_CAP = 12.0  # nats: a margin beyond this says nothing more
SMALL_HALVES = 16  # token pairs across a pair up to which each pair is checked on its own


class PairFeatures(NamedTuple):
    """What the confidence of one pair is computed from."""

    margin: float
    linked: float
    unlinked: float
    capitals: float
    running: float = 0.0

    def vector(self) -> tuple[float, ...]:
        """The features in the order of :attr:`Calibration.weights`."""
        return (min(self.margin, MARGIN_CAP), self.linked, self.unlinked, self.capitals,
                self.running)


class Calibration(NamedTuple):
    """Logistic coefficients: ``confidence = 1 / (1 + exp(-(bias + weights · features)))``."""

    bias: float
    weights: tuple[float, ...]

    def confidence(self, features: PairFeatures) -> float:
        """The calibrated probability that a pair with these features is right."""
        z = self.bias + sum(w * x for w, x in zip(self.weights, features.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


CALIBRATION = Calibration(bias=2.285, weights=(1.552, 0.028, -0.261, -1.728, -2.696))


KeySets = tuple[frozenset[str], frozenset[str], frozenset[str]]


def key_sets(info: TokenInfo) -> KeySets:
    """A token's link keys that mark a shared form, all its link keys, and its translations."""
    return (frozenset(key for key, weight in info.keys if weight >= SHARED_MIN),
            frozenset(key for key, _ in info.keys), frozenset(info.targets))


def pair_features(result: LineSplit, n: int, margin: float,
                  info: Callable[[str], tuple[TokenInfo, KeySets]],
                  paired: frozenset[int] | None = None) -> PairFeatures:
    """The features of pair ``n`` of ``result``; ``info`` gives a token's evidence and its
    :func:`key_sets`; ``paired``, the segments in any pair of ``result`` (found when not
    given: pass them for a line's every pair, or a long line takes quadratic time)."""
    a, b = result.pairs[n]
    left = [info(t) for t in result.segments[a].text.split()]
    right = [info(t) for t in result.segments[b].text.split()]
    if paired is None:
        paired = frozenset(i for pair in result.pairs for i in pair)
    running = _running(result, a, b, paired)
    if [t.bare for t, _ in left] == [t.bare for t, _ in right]:
        return PairFeatures(margin, 1.0, 0.0, 0.0, running)
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
    return PairFeatures(margin, linked, float(unlinked), float(abs(inner[0] - inner[1])), running)


def _running(result: LineSplit, a: int, b: int, paired: frozenset[int]) -> float:
    """1.0 when the pair of segments ``a`` and ``b`` looks cut out of running text (both
    halves open in lower case, and an unpaired English or Dutch neighbour runs on into the
    pair or out of it), else 0.0."""
    segments = result.segments
    if not (_opens_lower(segments[a].text) and _opens_lower(segments[b].text)):
        return 0.0

    def runs_on(n: int, first: int, second: int) -> bool:
        return (0 <= n < len(segments) and n not in paired and segments[n].lang in TEXT_LANGS
                and result.text[segments[first].end : segments[second].start] == " ")

    before = runs_on(a - 1, a - 1, a) and segments[a - 1].text[-1] not in SENTENCE_END
    return 1.0 if before or runs_on(b + 1, b, b + 1) else 0.0


def _opens_lower(text: str) -> bool:
    """Whether the first letter of ``text`` is a small letter."""
    first = next((ch for ch in text if ch.isalpha()), "")
    return first.islower()


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
