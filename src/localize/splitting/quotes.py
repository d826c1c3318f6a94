"""English inside Dutch or Chinese running text: quotations and loanwords.

An English quotation is a segment of its own; English loanwords in a Dutch
sentence are part of it (:func:`loanwords` finds them for the plain-language
check of :mod:`localize.splitting.segment`).

A quoted clause of three or more English words ("het zogeheten “move fast and
break things”") is cut out of an unpaired Dutch or Chinese segment, quote
marks included. Segments that are one half of a pair are left whole: the
other half usually carries the same quotation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from localize.splitting.lexicon import KIND_WORD, TokenInfo
from localize.splitting.types import LineSplit, Segment

__all__ = ["carve_quotes", "loanwords"]

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


def loanwords(infos: Sequence[TokenInfo]) -> set[int]:
    """English loanwords inside Dutch running text: *een open-source framework voor agents.*

    A stretch of lower-case content words that read as English, right after a
    word that reads as Dutch (no sentence end between) and followed by the end
    of the sentence or by a word that does not read as English. Dutch borrows
    English words; a stretch that an English word follows (*openen file not
    found*) is English text of its own. The sentence may also open with such a
    stretch (its first word capitalised) when a lower-case Dutch word goes on
    with it (*Machine learning wordt ...*; a label pair's Dutch half opens with
    a capital).
    """
    found: set[int] = set(_loan_opening(infos))
    t = 1
    while t < len(infos):
        end = t
        while end < len(infos) and _english_content(infos[end]):
            end += 1
            if infos[end - 1].ends_sentence:
                break
        before = infos[t - 1]
        if (end > t and before.nl > before.en and not before.ends_sentence
                and (end == len(infos) or infos[end - 1].ends_sentence
                     or infos[end].en <= infos[end].nl)):
            found.update(range(t, end))
        t = end + 1
    return found


def _loan_opening(infos: Sequence[TokenInfo]) -> range:
    """The English words a Dutch sentence opens with (none: an empty range)."""
    first = infos[0]
    if not (first.kind == KIND_WORD and first.en >= first.nl
            and not (first.function or first.ends_sentence)):
        return range(0)
    end = 1
    while end < len(infos) and _english_content(infos[end]) and not infos[end].ends_sentence:
        end += 1
    after = infos[end] if end < len(infos) else None
    if after is None or after.cap or after.kind != KIND_WORD or after.nl <= after.en:
        return range(0)
    return range(end)


def _english_content(info: TokenInfo) -> bool:
    """A lower-case content word that reads as English (a candidate loanword)."""
    return (info.kind == KIND_WORD and not (info.title or info.name or info.function or info.cap)
            and info.en > info.nl)
