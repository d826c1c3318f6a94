"""Cutting a line into language segments and aligning the segments that translate each other.

The line is tokenised on whitespace. Wide gaps (a tab, a no-break space, two
or more spaces) are layout and never inside a segment. Each run of tokens
between gaps is parsed by a dynamic program over the item scores of
:mod:`localize.splitting.align`; very long runs are cut first at sentence ends
into windows of bounded size, so time grows linearly with the line.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from localize.splitting.align import (
    ITEM_ID,
    ITEM_PAIRS,
    ITEM_SINGLES,
    ITEM_TRIPLE,
    NAME_SPAN,
    Item,
    Weights,
    parse_runs,
)
from localize.splitting.lexicon import (
    KIND_HAN,
    KIND_NUM,
    KIND_SYM,
    KIND_WORD,
    TokenInfo,
    WordModel,
)
from localize.splitting.links import find_links, identical_halves
from localize.splitting.names import name_costs, neutral_names
from localize.splitting.quotes import carve_quotes
from localize.splitting.types import LineSplit, Segment

__all__ = ["Splitter", "split_line"]

TOKEN = re.compile(r"\S+")
QUOTE_THEN_PUNCT = re.compile(r"[\"”»’](?=[,.;:!?)]+$)")
HAN_CLASS = "\u2e80-\u9fff\uf900-\ufaff"
LATIN_THEN_HAN = re.compile(f"[A-Za-z][^\\s{HAN_CLASS}]*(?=[{HAN_CLASS}])")
WINDOW = 120
PLAIN_MARGIN = 6.0  # nats by which a plain run's language must beat the other one
PLAIN_DOUBT = 2.0  # nats of evidence for the other language that a plain run may hold
PLAIN_DOUBT_PER_TOKEN = 0.15
PLAIN_SHORT = 16  # a short run with two words that translate each other may be a pair
OPENING_QUOTES = frozenset("\"“„«‘'")
CLOSING_QUOTES = frozenset("\"”“»’'")
QUOTE_WORDS = 3
QUOTE_MAX = 40
QUOTE_LEAN = 2.0
WEAK_WORD = 1.0  # nats: a lone word leaning less than this is a name or term
SENTENCE_TOKENS = 6
NAME_EVIDENCE = 0.2  # share of a name's evidence that counts for the sentence around it


@dataclass(frozen=True, slots=True)
class _Span:
    """A segment as a token range, before it becomes a :class:`Segment`."""

    first: int
    last: int  # exclusive
    lang: str


def _tokens(text: str) -> list[tuple[int, int]]:
    """Whitespace tokens; a token that opens in Latin letters and runs into Chinese is cut there.

    ("Privacy policy隐私政策": the cut between *policy* and *隐私政策* is a
    possible segment boundary; whether it is one, the parser decides.) So is a
    closing quotation mark followed by punctuation (*first",*): the quotation
    may be a segment of its own.
    """
    out = []
    for match in TOKEN.finditer(text):
        start, end = match.span()
        cut = LATIN_THEN_HAN.match(text, start, end) or QUOTE_THEN_PUNCT.search(text, start, end)
        if cut is not None and start < cut.end() < end:
            out += [(start, cut.end()), (cut.end(), end)]
        else:
            out.append((start, end))
    return out


def _joined(gap: str) -> bool:
    """Whether a gap between tokens is an ordinary word space (or none), not layout."""
    return gap in (" ", "")


def _runs(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token index ranges between layout gaps."""
    runs = []
    first = 0
    for t in range(1, len(spans)):
        if not _joined(text[spans[t - 1][1] : spans[t][0]]):
            runs.append((first, t))
            first = t
    if spans:
        runs.append((first, len(spans)))
    return runs


def _windows(infos: Sequence[TokenInfo], first: int, last: int) -> list[tuple[int, int]]:
    """Cut ``[first, last)`` into windows of at most ``WINDOW`` tokens, at sentence ends."""
    out = []
    while last - first > WINDOW:
        cut = first + WINDOW
        for t in range(first + WINDOW - 1, first + WINDOW // 2, -1):
            if infos[t].ends_sentence:
                cut = t + 1
                break
        out.append((first, cut))
        first = cut
    out.append((first, last))
    return out


def _parse(items: Sequence[Item]) -> tuple[list[_Span], list[tuple[int, int]]]:
    """Segments and the pairs among them (segment indices) from a run's parsed items."""
    spans: list[_Span] = []
    pairs: list[tuple[int, int]] = []
    for item in items:
        i, j, code, k = item.first, item.last, item.kind, item.split
        if code in ITEM_SINGLES:
            spans.append(_Span(i, j, ITEM_SINGLES[code]))
        elif code == ITEM_TRIPLE:
            at = len(spans)
            pairs += [(at, at + 1), (at, at + 2), (at + 1, at + 2)]
            spans += [_Span(i, k, "en"), _Span(k, item.split2, "nl"), _Span(item.split2, j, "zh")]
        elif code in ITEM_PAIRS or code == ITEM_ID:
            la, lb = _identical_langs(i, k, j) if code == ITEM_ID else ITEM_PAIRS[code]
            pairs.append((len(spans), len(spans) + 1))
            spans += [_Span(i, k, la), _Span(k, j, lb)]
        else:
            spans.append(_Span(i, j, "und"))
    return spans, pairs


def _identical_langs(i: int, k: int, j: int) -> tuple[str, str]:
    """Halves that read the same: Dutch closes up or hyphenates what English spaces."""
    return ("nl", "en") if k - i < j - k else ("en", "nl")


@dataclass(slots=True)
class _Line:
    """A line on its way through the splitter."""

    text: str
    spans: list[tuple[int, int]]
    infos: list[TokenInfo]
    fixed: list[tuple[int, _Span]]  # (order key, span) decided without the parser
    windows: list[tuple[int, int]]


class Splitter:
    """Splits mixed English/Dutch/Chinese lines and aligns their translations.

    ``extra_pairs`` adds bilingual evidence (for example the glossary's
    English–Dutch terms) to the built-in lexicon.
    """

    def __init__(self, *, extra_pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._model = WordModel(extra_pairs)
        self._weights = Weights()

    def split_line(self, text: str) -> LineSplit:
        """Split one line."""
        return self.split_lines([text])[0]

    def split_lines(self, lines: Sequence[str]) -> list[LineSplit]:
        """Split the lines of one document; repeated lines are split once.

        All lines are scored together, which is much faster than one by one.
        """
        unique = list(dict.fromkeys(lines))
        prepared = [self._prepare(text) for text in unique]
        runs = [line.infos[a:b] for line in prepared for a, b in line.windows]
        tables = iter(parse_runs(runs, self._weights))
        done = {}
        for line in prepared:
            segs: list[tuple[int, _Span]] = list(line.fixed)
            pairs: list[tuple[int, int]] = []
            parsed: list[_Span] = []
            for first, _ in line.windows:
                got, got_pairs = _parse(next(tables))
                base = len(parsed)
                parsed += [_Span(x.first + first, x.last + first, x.lang) for x in got]
                pairs += [(a + base, b + base) for a, b in got_pairs]
            ordered = sorted([(x.first, x) for x in parsed] + segs, key=lambda p: p[0])
            index = {id(x): n for n, (_, x) in enumerate(ordered)}
            pairs = [(index[id(parsed[a])], index[id(parsed[b])]) for a, b in pairs]
            merged, pairs = _join_windows(line, [x for _, x in ordered], pairs)
            merged, pairs = _chinese_run(line, merged, pairs)
            result = _finish(line.text, line.spans, line.infos, merged, pairs)
            done[line.text] = carve_quotes(result, self._model.info)
        return [done[text] for text in lines]

    def _prepare(self, text: str) -> _Line:
        spans = _tokens(text)
        tokens = [text[s:e] for s, e in spans]
        infos = name_costs(neutral_names(tokens, [self._model.info(tok) for tok in tokens]))
        for t in range(1, len(spans)):
            if spans[t - 1][1] == spans[t][0]:
                infos[t] = replace(infos[t], glued=True)
        line = _Line(text, spans, infos, [], [])
        has_han = any(t.kind == KIND_HAN for t in infos)
        for first, last in _runs(text, spans):
            if last - first == 1 and has_han and infos[first].kind != KIND_HAN:
                line.fixed.append((first, _Span(first, last, "und")))
                continue
            for part_first, part_last, known in _quote_parts(text, spans, infos, first, last):
                if known is not None:
                    line.fixed.append((part_first, _Span(part_first, part_last, known)))
                    continue
                for w_first, w_last in _windows(infos, part_first, part_last):
                    lang = _plain_language(infos[w_first:w_last], self._weights.max_half)
                    if lang is None:
                        line.windows.append((w_first, w_last))
                    else:
                        line.fixed.append((w_first, _Span(w_first, w_last, lang)))
        return line


def _quote_parts(
    text: str, spans: Sequence[tuple[int, int]], infos: Sequence[TokenInfo], first: int, last: int
) -> list[tuple[int, int, str | None]]:
    """Cut an English quotation of whole tokens out of plainly Dutch text around it.

    Returns token ranges with their language when known: the quotation is
    ``en``, the text around it ``nl``; ``None`` (no quotation) leaves the run
    to the parser.
    """
    for a in range(first, last):
        if text[spans[a][0]] not in OPENING_QUOTES:
            continue
        for b in range(a + QUOTE_WORDS - 1, min(last, a + QUOTE_MAX)):
            if text[spans[b][1] - 1] not in CLOSING_QUOTES:
                continue
            inside = infos[a : b + 1]
            outside = [*infos[first:a], *infos[b + 1 : last]]
            lean = sum(t.en - t.nl for t in inside)
            if lean >= QUOTE_LEAN and outside and _plain_language(outside, 0, links=False) == "nl":
                parts = [(first, a, "nl"), (a, b + 1, "en"), (b + 1, last, "nl")]
                return [p for p in parts if p[1] > p[0]]
            break
    return [(first, last, None)]


def _plain_language(
    infos: Sequence[TokenInfo], max_half: int, *, links: bool = True
) -> str | None:
    """The language of a plainly monolingual run, or None when it needs the parser.

    Plain means: Chinese with no Latin words, or Latin text where hardly a token
    argues for the other language, no stretch is repeated (a repeated phrase may
    be a doubled line) and, in a short run, no two words translate each other.
    """
    if len(infos) < 2:
        return None
    kinds = {t.kind for t in infos}
    if KIND_HAN in kinds:
        return "zh" if KIND_WORD not in kinds else None
    en, nl = _evidence(infos)
    lang, score, other = ("en", en, nl) if en >= nl else ("nl", nl, en)
    if score < -PLAIN_DOUBT - PLAIN_DOUBT_PER_TOKEN * len(infos) or score - other < PLAIN_MARGIN:
        return None
    if any(t.kind == KIND_SYM and not t.punct for t in infos[1:]):
        return None
    one_sentence = len(infos) >= SENTENCE_TOKENS and not any(t.ends_sentence for t in infos[:-1])
    if (links and len(infos) <= PLAIN_SHORT and not (one_sentence and infos[-1].ends_sentence)
            and find_links(infos).translated):
        return None
    if identical_halves(infos, max_half):
        return None
    return lang


def _evidence(infos: Sequence[TokenInfo]) -> tuple[float, float]:
    """English and Dutch log-scores of running text, names inside a sentence discounted.

    A capitalised word after a lower-case one (or after such a name, or a
    particle between two of them) inside a sentence (a run of at least
    ``SENTENCE_TOKENS`` tokens ending in sentence punctuation) is a name: *in Eindhoven*,
    *the Tweede Kamer*, *Jan-Willem de Groot*. Its spelling says little about
    the sentence's language.
    """
    if len(infos) < SENTENCE_TOKENS or not infos[-1].ends_sentence:
        return sum(t.en for t in infos), sum(t.nl for t in infos)
    en = nl = 0.0
    inside = False
    for t, info in enumerate(infos):
        prev = infos[t - 1] if t else None
        capital = info.title or (info.name and info.kind == KIND_WORD)
        particle = (info.unit and info.function and prev is not None and prev.title
                    and t + 1 < len(infos) and infos[t + 1].title)
        lowered = (prev is not None and prev.kind == KIND_WORD and not prev.title
                   and not prev.ends_sentence)
        inside = (capital and (lowered or inside)) or particle
        weight = NAME_EVIDENCE if inside else 1.0
        en += weight * info.en
        nl += weight * info.nl
    return en, nl


def _join_windows(
    line: _Line, segs: list[_Span], pairs: list[tuple[int, int]]
) -> tuple[list[_Span], list[tuple[int, int]]]:
    """Join unpaired neighbours of one language that a window cut (not a layout gap) parted."""
    paired = {i for p in pairs for i in p}
    out: list[_Span] = []
    remap: dict[int, int] = {}
    for idx, seg in enumerate(segs):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.lang == seg.lang != "und"
            and idx not in paired
            and idx - 1 not in paired
            and prev.last == seg.first
            and _joined(line.text[line.spans[seg.first - 1][1] : line.spans[seg.first][0]])
        ):
            out[-1] = _Span(prev.first, seg.last, seg.lang)
        else:
            out.append(seg)
        remap[idx] = len(out) - 1
    return out, [(remap[a], remap[b]) for a, b in pairs]


def _chinese_run(
    line: _Line, segs: list[_Span], pairs: list[tuple[int, int]]
) -> tuple[list[_Span], list[tuple[int, int]]]:
    """Undo an English–Chinese pair cut out of the head of one Chinese sentence.

    When the Chinese half of such a pair runs on (one space, no gap) into more
    unpaired Chinese, the English words before it are a name or term inside that
    Chinese text, unless they end a sentence of their own.
    """
    paired = {i for p in pairs for i in p}
    undone = {
        a for a, b in pairs
        if b == a + 1 < len(segs) - 1
        and segs[a].lang == "en" and segs[b].lang == "zh" and segs[b + 1].lang == "zh"
        and b + 1 not in paired
        and not line.infos[segs[a].last - 1].ends_sentence
        and _follows(line, segs[b].last)
    }
    if not undone:
        return segs, pairs
    out: list[_Span] = []
    remap: dict[int, int] = {}
    idx = 0
    while idx < len(segs):
        remap[idx] = len(out)
        if idx in undone:
            out.append(_Span(segs[idx].first, segs[idx + 2].last, "zh"))
            idx += 3
            continue
        out.append(segs[idx])
        idx += 1
    return out, [(remap[a], remap[b]) for a, b in pairs if a not in undone]


def _follows(line: _Line, t: int) -> bool:
    """Whether token ``t`` follows the one before it after a single space (or none)."""
    return _joined(line.text[line.spans[t - 1][1] : line.spans[t][0]])


def _finish(
    text: str,
    spans: Sequence[tuple[int, int]],
    infos: Sequence[TokenInfo],
    segs: list[_Span],
    pairs: list[tuple[int, int]],
) -> LineSplit:
    """Peel symbols and values off segments, mark content-free ones ``und``, build the result."""
    out: list[_Span] = []
    remap: dict[int, int] = {}
    paired = {i for p in pairs for i in p}
    for idx, seg in enumerate(segs):
        first = seg.first
        while first < seg.last - 1 and (
            (infos[first].kind == KIND_SYM and not infos[first].punct)
            or (idx in paired and infos[first].marker and infos[first + 1].title)
        ):
            out.append(_Span(first, first + 1, "und"))
            first += 1
        cuts = _trailing(infos, first, seg.last, idx in paired) if seg.lang != "zh" else []
        last = cuts[0] if cuts else seg.last
        lang = seg.lang
        if idx not in paired and (
            _is_und(infos[first:last]) or (idx - 1 in paired and _is_name(infos[first:last]))
        ):
            lang = "und"
        remap[idx] = len(out)
        out.append(_Span(first, last, lang))
        out += [_Span(a, b, "und") for a, b in zip(cuts, [*cuts[1:], seg.last], strict=False)]
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
    segs: list[_Span],
    remap: dict[int, int],
) -> list[_Span]:
    """Join neighbouring ``und`` segments that only a single space separates.

    A separator (*·*, *→*) after a value stays a segment of its own.
    """
    out: list[_Span] = []
    moved: dict[int, int] = {}
    for idx, seg in enumerate(segs):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.lang == "und"
            and seg.lang == "und"
            and _joined(text[spans[prev.last - 1][1] : spans[seg.first][0]])
            and not all(t.kind == KIND_SYM for t in infos[seg.first : seg.last])
            and not all(t.kind == KIND_SYM for t in infos[prev.first : prev.last])
        ):
            out[-1] = _Span(prev.first, seg.last, "und")
        else:
            out.append(seg)
        moved[idx] = len(out) - 1
    for key, value in remap.items():
        remap[key] = moved[value]
    return out


_DEFAULT: Splitter | None = None
_LOCK = threading.Lock()


def split_line(text: str) -> LineSplit:
    """Split one line with a shared default :class:`Splitter`.

    >>> [s.lang for s in split_line("Why it matters Waarom dit telt").segments]
    ['en', 'nl']
    """
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = Splitter()
    return _DEFAULT.split_line(text)
