"""Result types of the splitter: language segments of a line and the pairs among them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LANGS", "LineSplit", "Segment", "Suggestion"]

LANGS = ("en", "nl", "zh", "und")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of one language in a line; ``line[start:end] == text``."""

    text: str
    lang: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An English–Dutch pair the best split of a line does not make, but a close one does.

    ``first`` and ``second`` are adjacent stretches of the line (in line
    order, ``line[start:end] == text``), which may cut across the line's
    segments. ``behind`` is how many nats the best split that makes this pair
    scores below the best split; ``confidence`` is the pair's confidence
    computed as for a pair of the best split, with the deficit as a negative
    margin (a ranking more than a probability).
    """

    first: Segment
    second: Segment
    confidence: float
    behind: float

    def to_dict(self) -> dict[str, object]:
        """The JSON shape: both stretches, the confidence and the deficit."""
        return {"segments": [{"text": s.text, "lang": s.lang, "start": s.start, "end": s.end}
                             for s in (self.first, self.second)],
                "confidence": round(self.confidence, 3), "behind": round(self.behind, 3)}


@dataclass(frozen=True, slots=True)
class LineSplit:
    """A line cut into segments, with ``pairs`` of segment indices that translate each other.

    Each pair ``(i, j)`` has ``i < j`` and names the source segment first.
    ``pair_confidence`` runs parallel to ``pairs``: how likely each pair is
    right, in [0, 1] (calibrated on the benchmark lines, see docs/splitter.md).
    ``suggestions`` are English–Dutch pairs of the splits close behind the best
    one that the best split does not make (see :class:`Suggestion`): material
    for review, never part of ``segments`` or ``pairs``.
    """

    text: str
    segments: tuple[Segment, ...]
    pairs: tuple[tuple[int, int], ...]
    pair_confidence: tuple[float, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of the splitter contract (without the line number); ``suggestions``
        only where there are some."""
        shape: dict[str, object] = {
            "text": self.text,
            "segments": [
                {"text": s.text, "lang": s.lang, "start": s.start, "end": s.end}
                for s in self.segments
            ],
            "pairs": [list(p) for p in self.pairs],
            "pair_confidence": [round(c, 3) for c in self.pair_confidence],
        }
        if self.suggestions:
            shape["suggestions"] = [s.to_dict() for s in self.suggestions]
        return shape
