"""Finishing a parsed line: symbols, values and names peeled off, content-free segments ``und``.

The parser (:mod:`localize.splitting.align`) decides segments and pairs over
token ranges; these rules settle what a token-level parse cannot see well:
a separator or a label's value after a paired half, a list number before
one, names standing alone between pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from localize.splitting.align import NAME_SPAN
from localize.splitting.lexicon import KIND_HAN, KIND_NUM, KIND_SYM, KIND_WORD, TokenInfo
from localize.splitting.types import LineSplit, Segment

__all__ = ["Span", "finish", "joined"]

WEAK_WORD = 1.0  # nats: a lone word leaning less than this is a name or term


@dataclass(frozen=True, slots=True)
class Span:
    """A segment as a token range, before it becomes a :class:`Segment`."""

    first: int
    last: int  # exclusive
    lang: str


def joined(gap: str) -> bool:
    """Whether a gap between tokens is an ordinary word space (or none), not layout."""
    return gap in (" ", "")


def finish(
    text: str,
    spans: Sequence[tuple[int, int]],
    infos: Sequence[TokenInfo],
    segs: list[Span],
    pairs: list[tuple[int, int]],
) -> LineSplit:
    """Peel symbols and values off segments, mark content-free ones ``und``, build the result."""
    out: list[Span] = []
    remap: dict[int, int] = {}
    paired = {i for p in pairs for i in p}
    for idx, seg in enumerate(segs):
        first = seg.first
        while first < seg.last - 1 and (
            (infos[first].kind == KIND_SYM and not infos[first].punct)
            or (idx in paired and infos[first].marker and infos[first + 1].title)
        ):
            out.append(Span(first, first + 1, "und"))
            first += 1
        cuts = _trailing(infos, first, seg.last, idx in paired) if seg.lang != "zh" else []
        last = cuts[0] if cuts else seg.last
        lang = seg.lang
        if idx not in paired and (
            _is_und(infos[first:last]) or (idx - 1 in paired and _is_name(infos[first:last]))
        ):
            lang = "und"
        remap[idx] = len(out)
        out.append(Span(first, last, lang))
        out += [Span(a, b, "und") for a, b in zip(cuts, [*cuts[1:], seg.last], strict=False)]
    out = _merge_und(text, spans, infos, out, remap)
    new_pairs = tuple((remap[a], remap[b]) for a, b in pairs)
    segments = tuple(
        Segment(text[spans[s.first][0] : spans[s.last - 1][1]], s.lang,
                spans[s.first][0], spans[s.last - 1][1])
        for s in out
    )
    return LineSplit(text, segments, new_pairs)


def _trailing(infos: Sequence[TokenInfo], first: int, last: int, paired: bool) -> list[int]:
    """Where the pieces peeled off the end of a segment start: symbols, and a paired half's values.

    A label's value or a separator after it is no part of its translation:
    "Bronnen 6", "Leestijd 9 min", "Volgende →". A number stays where the half
    is itself an amount or date ("17 oktober 2024") or a function word takes it
    ("Pagina 3 van 12").
    """
    starts_with_number = _is_value(infos[first])
    cuts: list[int] = []
    end = last
    while end > first + 1:
        tail = infos[end - 1]
        if tail.kind == KIND_SYM and not tail.punct:
            end -= 1
            cuts.append(end)
            continue
        unit = end - 1 if _is_unit(tail) and end - 2 > first else end
        if not paired or starts_with_number or not _is_value(infos[unit - 1]):
            break
        before = infos[unit - 2] if unit - 2 >= first else None
        if before is None or before.kind != KIND_WORD or before.function:
            break
        end = unit - 1
        cuts.append(end)
    return cuts[::-1]


def _is_value(info: TokenInfo) -> bool:
    """A number or a short code with digits (*12.4k*, *13B*, *v0.9.2*, *#87*)."""
    return info.kind == KIND_NUM or (info.kind == KIND_WORD and info.value)


def _is_unit(info: TokenInfo) -> bool:
    """A short unit after a number (*min*, *TB*)."""
    return info.kind == KIND_WORD and info.unit


def _is_und(body: Sequence[TokenInfo]) -> bool:
    if any(t.kind == KIND_HAN for t in body):
        return False
    if all(t.kind in (KIND_SYM, KIND_NUM) for t in body):
        return True
    if all(t.name or t.kind in (KIND_SYM, KIND_NUM) for t in body):
        return True
    if len(body) == 1 and abs(body[0].en - body[0].nl) < WEAK_WORD:
        return True  # one word that hardly leans to either language: a name or a term
    letters = sum(t.weight for t in body if t.kind not in (KIND_NUM, KIND_SYM, KIND_HAN))
    return len(body) <= 2 and any(t.kind == KIND_NUM for t in body) and letters <= 3


def _is_name(body: Sequence[TokenInfo]) -> bool:
    """Capitalised words (with numbers or particles) that may all stand alone: a name.

    Used for an unpaired segment right after a pair, where a label's value stands.
    """
    if not 0 < len(body) <= NAME_SPAN or not any(t.title or t.name for t in body):
        return False
    return all(t.kind == KIND_NUM or (t.kind == KIND_WORD and t.und > -10) for t in body)


def _merge_und(
    text: str,
    spans: Sequence[tuple[int, int]],
    infos: Sequence[TokenInfo],
    segs: list[Span],
    remap: dict[int, int],
) -> list[Span]:
    """Join neighbouring ``und`` segments that only a single space separates.

    A separator (*·*, *→*) after a value stays a segment of its own.
    """
    out: list[Span] = []
    moved: dict[int, int] = {}
    for idx, seg in enumerate(segs):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.lang == "und"
            and seg.lang == "und"
            and joined(text[spans[prev.last - 1][1] : spans[seg.first][0]])
            and not all(t.kind == KIND_SYM for t in infos[seg.first : seg.last])
            and not all(t.kind == KIND_SYM for t in infos[prev.first : prev.last])
        ):
            out[-1] = Span(prev.first, seg.last, "und")
        else:
            out.append(seg)
        moved[idx] = len(out) - 1
    for key, value in remap.items():
        remap[key] = moved[value]
    return out
