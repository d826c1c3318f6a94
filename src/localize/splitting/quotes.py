"""English quotations inside Dutch or Chinese text become segments of their own.

A quoted clause of three or more English words ("het zogeheten “move fast and
break things”") is cut out of an unpaired Dutch or Chinese segment, quote
marks included. Segments that are one half of a pair are left whole: the
other half usually carries the same quotation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from localize.splitting.lexicon import TokenInfo
from localize.splitting.types import LineSplit, Segment

__all__ = ["carve_quotes"]

QUOTED = re.compile(r"[\"“„«「『]([^\"“”„«»「」『』]{3,300})[\"”“»」』]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
MIN_WORDS = 3
HOSTS = ("nl", "zh")


def carve_quotes(result: LineSplit, info: Callable[[str], TokenInfo]) -> LineSplit:
    """``result`` with English quotations inside unpaired nl/zh segments split out."""
    paired = {i for p in result.pairs for i in p}
    if all(s.lang not in HOSTS or i in paired for i, s in enumerate(result.segments)):
        return result
    segments: list[Segment] = []
    remap: dict[int, int] = {}
    for idx, seg in enumerate(result.segments):
        parts = [seg] if idx in paired or seg.lang not in HOSTS else _carve(seg, info)
        remap[idx] = len(segments)
        segments += parts
    pairs = tuple((remap[a], remap[b]) for a, b in result.pairs)
    return LineSplit(result.text, tuple(segments), pairs)


def _carve(seg: Segment, info: Callable[[str], TokenInfo]) -> list[Segment]:
    out: list[Segment] = []
    cursor = 0
    for match in QUOTED.finditer(seg.text):
        inner = match.group(1)
        words = LATIN_WORD.findall(inner)
        if len(words) < MIN_WORDS or not _english(inner, words, seg.lang, info):
            continue
        out += _piece(seg, cursor, match.start(), seg.lang)
        out += _piece(seg, match.start(), match.end(), "en")
        cursor = match.end()
    if not out:
        return [seg]
    return out + _piece(seg, cursor, len(seg.text), seg.lang)


def _english(inner: str, words: list[str], host: str, info: Callable[[str], TokenInfo]) -> bool:
    """Whether a quotation reads as English rather than as the language around it."""
    if host == "zh":
        return len("".join(words)) >= 0.6 * len(inner.replace(" ", ""))
    infos = [info(w) for w in words]
    return sum(t.en for t in infos) > sum(t.nl for t in infos) + 1.0


def _piece(seg: Segment, start: int, end: int, lang: str) -> list[Segment]:
    """The stripped slice ``[start, end)`` of a segment, as a segment (none if blank)."""
    chunk = seg.text[start:end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right <= left:
        return []
    return [Segment(chunk[left:right], lang, seg.start + start + left, seg.start + start + right)]
