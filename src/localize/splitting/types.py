"""Result types of the splitter: language segments of a line and the pairs among them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LANGS", "LineSplit", "Segment"]

LANGS = ("en", "nl", "zh", "und")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of one language in a line; ``line[start:end] == text``."""

    text: str
    lang: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LineSplit:
    """A line cut into segments, with ``pairs`` of segment indices that translate each other.

    Each pair ``(i, j)`` has ``i < j`` and names the source segment first.
    ``pair_confidence`` runs parallel to ``pairs``: how likely each pair is
    right, in [0, 1] (calibrated on the benchmark lines, see docs/splitter.md).
    """

    text: str
    segments: tuple[Segment, ...]
    pairs: tuple[tuple[int, int], ...]
    pair_confidence: tuple[float, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of the splitter contract (without the line number)."""
        return {
            "text": self.text,
            "segments": [
                {"text": s.text, "lang": s.lang, "start": s.start, "end": s.end}
                for s in self.segments
            ],
            "pairs": [list(p) for p in self.pairs],
            "pair_confidence": [round(c, 3) for c in self.pair_confidence],
        }
