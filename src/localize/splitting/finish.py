"""Finishing a parsed line: symbols, values and names peeled off, content-free segments ``und``.

The parser (:mod:`localize.splitting.align`) decides segments and pairs over
token ranges; these rules settle what a token-level parse cannot see well:
a separator or a label's value after a paired half, a list number before
one, names standing alone between pairs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from localize.splitting.align import NAME_SPAN
from localize.splitting.lexicon import KIND_HAN, KIND_NUM, KIND_SYM, KIND_WORD, TokenInfo
from localize.splitting.names import name_row
from localize.splitting.types import LineSplit, Segment

__all__ = ["Span", "amount_words", "finish", "joined"]

WEAK_WORD = 1.0  # nats: a lone word leaning less than this is a name or term
SENTENCE_TOKENS = 6  # tokens of a stretch that counts as a sentence
LOAN = 0.5  # weight of an English-leaning content word when telling a stretch's language
KEYWORDS = 3  # items a keyword row lists at least
LABEL_COLONS = frozenset(":：")
NAME_ROW = 2  # names after a Chinese label that make a row of names
OPENING_QUOTES = frozenset("\"“„«‘'")
CLOSING_QUOTES = frozenset("\"”“»’'")
NAV_SEPARATORS = frozenset("›»>|｜·")  # between items; not bullets (*•* opens an item)
# English and Dutch month names and their abbreviations: a year after one belongs to its date
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "januari", "februari", "maart", "mei", "juni", "juli",
    "augustus", "oktober", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "okt", "nov", "dec", "mrt"})
# English and Dutch names of the seasons: a year after one belongs to it (*Spring 2026*)
SEASONS = frozenset({
    "spring", "summer", "autumn", "fall", "winter", "voorjaar", "lente", "zomer", "najaar",
    "herfst"})
# English and Dutch names of the days of the week and their abbreviations: a time or a
# date after one belongs to it
WEEKDAYS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "maandag",
    "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ma", "di", "wo", "do", "vr", "za",
    "zo"})


class Span(NamedTuple):
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
    segs, pairs = _one_sentence(text, spans, infos, segs, pairs)
    segs = _sentence_ends_back(text, spans, infos, segs)
    segs, pairs = _closing_names(text, spans, infos, segs, pairs)
    segs = _keyword_row(infos, segs, pairs)
    segs, pairs = _navigation(text, spans, infos, segs, pairs)
    out: list[Span] = []
    remap: dict[int, int] = {}
    paired = {i for p in pairs for i in p}
    money = _currency_signs(text, spans, infos)
    segs = _signs_to_amounts(infos, money, segs)
    kept = _numbered_halves(infos, money, segs, pairs)
    for idx, seg in enumerate(segs):
        first = seg.first
        while first < seg.last - 1 and (
            (_separator(infos[first]) and not _amount(infos, money, first))
            or (idx in paired and infos[first].marker and infos[first + 1].title)
        ):
            out.append(Span(first, first + 1, "und"))
            first += 1
        cuts = _trailing(infos, money, first, seg.last, idx in paired and idx not in kept,
                         seg.lang == "zh")
        last = cuts[0] if cuts else seg.last
        lang = seg.lang
        if idx not in paired and (
            _is_und(infos[first:last]) or (idx - 1 in paired and _is_name(infos[first:last]))
        ):
            lang = "und"
        remap[idx] = len(out)
        out.append(Span(first, last, lang))
        out += [Span(a, b, "und") for a, b in zip(cuts, [*cuts[1:], seg.last], strict=False)]
    out = _merge_und(text, spans, infos, out, remap, money)
    out = _name_row(text, spans, infos, out, remap, {remap[i] for p in pairs for i in p})
    new_pairs = tuple((remap[a], remap[b]) for a, b in pairs)
    segments = tuple(
        Segment(text[spans[s.first][0] : spans[s.last - 1][1]], s.lang,
                spans[s.first][0], spans[s.last - 1][1])
        for s in out
    )
    return LineSplit(text, segments, new_pairs)


def amount_words(
    text: str,
    spans: Sequence[tuple[int, int]],
    infos: Sequence[TokenInfo],
    segs: list[Span],
    pairs: list[tuple[int, int]],
    margins: list[float],
) -> tuple[list[Span], list[tuple[int, int]], list[float]]:
    """Give an amount's currency word back to the half that writes it as a word.

    English writes *$1.75*, Dutch *1,75 dollar*: the halves match on their
    digits, and the word after the Dutch number is left over, alone or paired
    with a Chinese amount (*$4.2 billion 4,2 miljard dollar 42亿美元*). When one
    half of a pair has a currency sign on its number and the other has none,
    the single lower-case word that follows the other half closes its amount;
    a Chinese half that word was paired with is the third of the triple.
    """
    out_pairs = list(pairs)
    out_margins = list(margins)
    merged: set[int] = set()
    for n, (a, b) in enumerate(pairs):
        c = b + 1
        if not (b == a + 1 and c < len(segs) and _currency_word(text, spans, infos, segs, a, b)):
            continue
        merged.add(c)
        later = [m for m, p in enumerate(out_pairs) if c in p]
        if not later:
            continue
        m = later[0]
        d = out_pairs[m][1]
        if len(later) > 1 or out_pairs[m][0] != c or segs[d].lang != "zh":
            merged.discard(c)
            continue
        out_pairs[m] = (b, d)
        out_pairs.insert(m, (a, d))
        out_margins.insert(m, min(margins[n], out_margins[m]))
    if not merged:
        return segs, pairs, margins
    out: list[Span] = []
    remap: dict[int, int] = {}
    for idx, seg in enumerate(segs):
        if idx in merged:
            out[-1] = Span(out[-1].first, seg.last, out[-1].lang)
        else:
            out.append(seg)
        remap[idx] = len(out) - 1
    return out, [(remap[a], remap[b]) for a, b in out_pairs], out_margins


def _currency_word(text: str, spans: Sequence[tuple[int, int]], infos: Sequence[TokenInfo],
                   segs: list[Span], a: int, b: int) -> bool:
    """Whether the segment after half ``b`` is the currency word of the amount that half ``a``
    writes with a sign: ``a`` has a number with a currency sign, ``b`` a number without one,
    and the next segment is one lower-case word right after ``b``."""
    word = segs[b + 1]
    if word.first != segs[b].last or word.last != word.first + 1:
        return False
    info = infos[word.first]
    if (info.kind != KIND_WORD or info.cap or info.function or info.value
            or not joined(text[spans[word.first - 1][1] : spans[word.first][0]])):
        return False
    return (_signed(text, spans, infos, segs[a]) is True
            and _signed(text, spans, infos, segs[b]) is False)


def _signed(text: str, spans: Sequence[tuple[int, int]], infos: Sequence[TokenInfo],
            seg: Span) -> bool | None:
    """Whether a segment's amount carries a currency sign (None: it holds no number)."""
    numbers = [t for t in range(seg.first, seg.last) if infos[t].kind == KIND_NUM]
    if not numbers:
        return None
    return any(unicodedata.category(ch) == "Sc"
               for t in range(seg.first, seg.last) for ch in text[spans[t][0] : spans[t][1]])


def _one_sentence(
    text: str,
    spans: Sequence[tuple[int, int]],
    infos: Sequence[TokenInfo],
    segs: list[Span],
    pairs: list[tuple[int, int]],
) -> tuple[list[Span], list[tuple[int, int]]]:
    """Join unpaired English and Dutch neighbours inside one sentence into one segment.

    Nothing on a page switches language mid-sentence without a quotation mark
    (a sentence here: at least ``SENTENCE_TOKENS`` tokens ending in ``.!?``):
    "Onderzoekers ... presenteerden hun paper over reinforcement learning" is
    Dutch with English loanwords. The language is the one its function words
    (*de*, *van*, *the*, *of*) speak for, or else its words as a whole.
    """
    paired = {i for p in pairs for i in p}
    out: list[Span] = []
    remap: dict[int, int] = {}
    for idx, seg in enumerate(segs):
        prev = out[-1] if out else None
        if (prev is not None and idx not in paired and idx - 1 not in paired
                and {prev.lang, seg.lang} == {"en", "nl"} and prev.last == seg.first
                and joined(text[spans[seg.first - 1][1] : spans[seg.first][0]])
                and not infos[prev.last - 1].ends_sentence
                and not _quoted(text, spans, prev) and not _quoted(text, spans, seg)
                and _sentence_end(text, spans, seg.last)
                and seg.last - prev.first >= SENTENCE_TOKENS):
            out[-1] = Span(prev.first, seg.last, _matrix_language(infos[prev.first : seg.last]))
        else:
            out.append(seg)
        remap[idx] = len(out) - 1
    return out, [(remap[a], remap[b]) for a, b in pairs]


def _sentence_ends_back(text: str, spans: Sequence[tuple[int, int]],
                        infos: Sequence[TokenInfo], segs: list[Span]) -> list[Span]:
    """Give a sentence's last word back to it when the next segment opened with it.

    "... tested in three labs in Utrecht. De test ..." is not an English
    sentence ending at *in* and a Dutch one-word sentence *Utrecht.*: no
    segment opens with a word that ends a sentence and goes on with the next one
    while the segment before stops mid-sentence.
    """
    out = list(segs)
    for idx in range(1, len(out)):
        prev, seg = out[idx - 1], out[idx]
        head = seg.first
        if (prev.last == head and seg.last - head >= 2 and {prev.lang, seg.lang} <= {"en", "nl"}
                and infos[head].kind == KIND_WORD and text[spans[head][1] - 1] in ".!?"
                and infos[head + 1].kind == KIND_WORD and infos[head + 1].cap
                and not infos[prev.last - 1].ends_sentence
                and infos[prev.last - 1].kind == KIND_WORD
                and joined(text[spans[head - 1][1] : spans[head][0]])):
            out[idx - 1] = prev._replace(last=head + 1)
            out[idx] = seg._replace(first=head + 1)
    return out


def _closing_names(
    text: str,
    spans: Sequence[tuple[int, int]],
    infos: Sequence[TokenInfo],
    segs: list[Span],
    pairs: list[tuple[int, int]],
) -> tuple[list[Span], list[tuple[int, int]]]:
    """Give a name that ends a sentence (*... op een dak in Zwolle.*) back to the sentence
    when the parse left it alone after the sentence's last word: an unpaired segment of one
    capitalised word closed by a full stop, after an English or Dutch segment that stops
    at a lower-case word, at the end of the line or before a new sentence."""
    paired = {i for p in pairs for i in p}
    drop: set[int] = set()
    for idx in range(1, len(segs)):
        prev, seg, head = segs[idx - 1], segs[idx], segs[idx].first
        if (idx not in paired and idx - 1 not in drop and seg.last - head == 1
                and prev.last == head and prev.lang in ("en", "nl")
                and infos[head].kind == KIND_WORD and infos[head].cap
                and text[spans[head][1] - 1] in ".!?"
                and infos[head - 1].kind == KIND_WORD and not infos[head - 1].cap
                and text[spans[head - 1][1] - 1].isalpha()
                and joined(text[spans[head - 1][1] : spans[head][0]])
                and (idx + 1 == len(segs) or infos[segs[idx + 1].first].cap)):
            drop.add(idx)
    if not drop:
        return segs, pairs
    out: list[Span] = []
    remap: dict[int, int] = {}
    for idx, seg in enumerate(segs):
        if idx in drop:
            out[-1] = out[-1]._replace(last=seg.last)
        else:
            out.append(seg)
        remap[idx] = len(out) - 1
    return out, [(remap[a], remap[b]) for a, b in pairs]


def _navigation(
    text: str,
    spans: Sequence[tuple[int, int]],
    infos: Sequence[TokenInfo],
    segs: list[Span],
    pairs: list[tuple[int, int]],
) -> tuple[list[Span], list[tuple[int, int]]]:
    """Cut an unpaired Chinese segment at the separators of a navigation row or breadcrumb.

    "首页 › 工具 › Atlas 2 13B" is a row of items, not a sentence: a
    separator (``NAV_SEPARATORS``, standing apart) next to a Chinese item
    stands alone, and each item is a segment of its own; an item without
    Chinese is a name (``und``) or else English or Dutch by its words.
    """
    paired = {i for p in pairs for i in p}
    out: list[Span] = []
    remap: dict[int, int] = {}
    for idx, seg in enumerate(segs):
        remap[idx] = len(out)
        cuts = [t for t in range(seg.first + 1, seg.last - 1)
                if infos[t].kind == KIND_SYM and text[spans[t][0] : spans[t][1]] in NAV_SEPARATORS]
        if seg.lang != "zh" or idx in paired or not cuts:
            out.append(seg)
            continue
        bounds = [seg.first, *cuts, seg.last]
        pieces = [(a + (a > seg.first), b) for a, b in pairwise(bounds)]
        han = [any(t.kind == KIND_HAN for t in infos[a:b]) for a, b in pieces]
        at = seg.first
        for n, t in enumerate(cuts):
            if han[n] or han[n + 1]:
                out.append(_item(infos, at, t))
                out.append(Span(t, t + 1, "und"))
                at = t + 1
        out.append(_item(infos, at, seg.last))
    return out, [(remap[a], remap[b]) for a, b in pairs]


def _item(infos: Sequence[TokenInfo], first: int, last: int) -> Span:
    """One item of a navigation row: Chinese, a name, or English or Dutch text."""
    body = infos[first:last]
    if any(t.kind == KIND_HAN for t in body):
        return Span(first, last, "zh")
    if _is_und(body) or _is_name(body):
        return Span(first, last, "und")
    return Span(first, last, "nl" if sum(t.nl - t.en for t in body) > 0 else "en")


def _sentence_end(text: str, spans: Sequence[tuple[int, int]], last: int) -> bool:
    """Whether token ``last - 1`` closes a sentence (``.``, ``!``, ``?``, quotes aside)."""
    return text[spans[last - 1][0] : spans[last - 1][1]].rstrip("\"”’»)")[-1:] in ".!?"


def _keyword_row(infos: Sequence[TokenInfo], segs: list[Span],
                 pairs: list[tuple[int, int]]) -> list[Span]:
    """A label with a colon and a list of keywords ("Tags: a, b, c"): one segment.

    Loanwords in a keyword list are no language change; the row's language is
    the one its words lean to as a whole.
    """
    if (pairs or len(segs) < 2 or not infos or not infos[0].ends_sentence
            or sum(1 for t in infos if t.comma) < KEYWORDS - 1
            or any(t.kind == KIND_HAN for t in infos)
            or any(s.lang == "und" and infos[s.first].kind == KIND_SYM for s in segs)):
        return segs
    return [Span(segs[0].first, segs[-1].last, _matrix_language(infos))]


def _quoted(text: str, spans: Sequence[tuple[int, int]], seg: Span) -> bool:
    return text[spans[seg.first][0]] in OPENING_QUOTES and text[spans[seg.last - 1][1] - 1] in (
        CLOSING_QUOTES)


def _matrix_language(infos: Sequence[TokenInfo]) -> str:
    """English or Dutch, by the function words of a stretch of text, else by all its words.

    Dutch borrows English words freely and English hardly borrows Dutch ones,
    so an English-leaning content word counts for less (``LOAN``).
    """
    lean = sum(t.nl - t.en for t in infos if t.function)
    if abs(lean) < 1.0:
        lean = sum((t.nl - t.en) * (1.0 if t.nl > t.en else LOAN)
                   for t in infos if not t.name)
    return "nl" if lean > 0 else "en"


def _name_row(
    text: str,
    spans: Sequence[tuple[int, int]],
    infos: Sequence[TokenInfo],
    segs: list[Span],
    remap: dict[int, int],
    paired: set[int],
) -> list[Span]:
    """A Chinese label followed by names to the end of its run: each name stands alone.

    Navigation rows list products after a category ("图像生成 Midjourney
    Ideogram"); a Chinese sentence that mentions a name goes on in Chinese or
    ends in punctuation.
    """
    out: list[Span] = []
    moved: dict[int, int] = {}
    idx = 0
    while idx < len(segs):
        seg = segs[idx]
        moved[idx] = len(out)
        if seg.lang != "zh" or idx in paired:
            out.append(seg)
            idx += 1
            continue
        end = idx + 1
        while (end < len(segs) and end not in paired and segs[end].lang != "zh"
               and joined(text[spans[segs[end].first - 1][1] : spans[segs[end].first][0]])):
            end += 1
        stop = segs[end - 1].last
        head = seg.last
        while head > seg.first and infos[head - 1].kind != KIND_HAN:
            head -= 1
        row = None
        # a label may end in a colon (*本周上新：*); other sentence ends close a sentence
        if (head > seg.first and stop - head >= NAME_ROW
                and (not infos[head - 1].ends_sentence
                     or text[spans[head - 1][1] - 1] in LABEL_COLONS)
                and not infos[head - 1].latin_tail
                and (stop == len(infos) or not joined(text[spans[stop - 1][1] : spans[stop][0]]))):
            row = name_row([text[a:b] for a, b in spans[head:stop]], infos[head:stop])
        if row is not None:
            out.append(Span(seg.first, head, "zh"))
            out += [Span(head + a, head + b, "und") for a, b in row]
            for skipped in range(idx + 1, end):
                moved[skipped] = len(out) - 1
            idx = end
            continue
        out.append(seg)
        idx += 1
    for key, value in remap.items():
        remap[key] = moved[value]
    return out


def _trailing(infos: Sequence[TokenInfo], money: frozenset[int], first: int, last: int,
              paired: bool, chinese: bool = False) -> list[int]:
    """Where the pieces peeled off the end of a segment start: symbols, and a paired half's values.

    A label's value or a separator after it is no part of its translation:
    "Bronnen 6", "Leestijd 9 min", "Leestijd · 9 min", "Volgende →". A number
    stays where the half is itself an amount or date ("17 oktober 2024",
    "€ 12,50", "vr 14.00 uur") or a function word takes it ("Pagina 3 van 12"); a
    currency sign goes with the number it stands before ("Prijs € 25"). A paired
    Chinese half gives up only a count or time after a space, and a symbol before it
    ("评论 (12)", "音频 ▸ 3:10").
    """
    starts_with_number = _is_value(infos[first]) or _amount(infos, money, first)
    cuts: list[int] = []
    end = last
    while end > first + 1:
        tail = infos[end - 1]
        if _separator(tail):
            end -= 1
            cuts.append(end)
            continue
        unit = end - 1 if _is_unit(tail) and end - 2 > first else end
        if not paired or starts_with_number or not _is_value(infos[unit - 1]):
            break
        value = unit - 2 if unit - 2 > first and unit - 2 in money else unit - 1
        before = infos[value - 1] if value - 1 >= first else None
        if before is not None and (_is_year_of(before, infos[value]) or _is_day(before)):
            break  # "Updated 3 March 2025", "Fri 14:00": the number belongs to its date
        if chinese:
            if before is None or not (_count_after_chinese(before, infos[value])
                                      or _separator(before)):
                break
            end = value  # "评论 (12)", "音频 ▸ 3:10": a count or time, and a symbol before it
            cuts.append(end)
            continue
        if before is None or not (
                (before.kind == KIND_WORD and not before.function) or _separator(before)):
            break
        end = value
        cuts.append(end)
    return cuts[::-1]


def _numbered_halves(infos: Sequence[TokenInfo], money: frozenset[int], segs: Sequence[Span],
                     pairs: Sequence[tuple[int, int]]) -> set[int]:
    """The paired halves that keep the number they end with: the other half holds the
    same number as part of its text (*No. 7 Nr. 7*: the English half keeps its number
    after a function word, so the Dutch half keeps it too), or both halves end with the
    same number and open in lower case, as values do, not labels (*about 40% circa 40%*,
    but *Sources 6 Bronnen 6*)."""
    kept: set[int] = set()
    for a, b in pairs:
        cut = [_trailing(infos, money, segs[x].first, segs[x].last, True) for x in (a, b)]
        ends = [cuts[0] if cuts else segs[x].last for cuts, x in zip(cut, (a, b), strict=True)]
        peeled = [_digits(infos[ends[x] : segs[p].last]) for x, p in enumerate((a, b))]
        inside = [_digits(infos[segs[p].first : ends[x]]) for x, p in enumerate((a, b))]
        lower = all(infos[segs[p].first].kind == KIND_WORD and not infos[segs[p].first].cap
                    for p in (a, b))
        for x, y in ((0, 1), (1, 0)):
            if peeled[x] and (peeled[x] == inside[y] or (lower and peeled[x] == peeled[y])):
                kept.add((a, b)[x])
    return kept


def _digits(infos: Sequence[TokenInfo]) -> str:
    """The digits of the numbers among ``infos``, in order."""
    return "".join(ch for info in infos if _is_value(info) for ch in info.norm if ch.isdigit())


def _count_after_chinese(before: TokenInfo, value: TokenInfo) -> bool:
    """Whether ``value`` is a count standing after a Chinese label, a space between."""
    return before.kind == KIND_HAN and value.kind == KIND_NUM and not value.glued


def _is_year_of(month: TokenInfo, year: TokenInfo) -> bool:
    """Whether ``year`` is a year written after the name of a month or a season (*March
    2025*, *sept. 2024*, *Spring 2026*)."""
    return (month.kind == KIND_WORD and month.norm.rstrip(".") in MONTHS | SEASONS
            and year.kind == KIND_NUM and len(year.norm) == 4 and year.norm[:2] in ("19", "20"))


def _is_day(info: TokenInfo) -> bool:
    """Whether ``info`` names a day of the week (*Friday*, *vr*, *Sat.*)."""
    return info.kind == KIND_WORD and info.norm.rstrip(".") in WEEKDAYS


def _separator(info: TokenInfo) -> bool:
    """A symbol token (an arrow, a bullet, a currency sign), not sentence punctuation."""
    return info.kind == KIND_SYM and not info.punct


def _currency_signs(text: str, spans: Sequence[tuple[int, int]],
                    infos: Sequence[TokenInfo]) -> frozenset[int]:
    """The tokens that are currency signs written apart from their number (*€ 5.200*)."""
    return frozenset(t for t, info in enumerate(infos) if info.kind == KIND_SYM and all(
        unicodedata.category(ch) == "Sc" for ch in text[spans[t][0] : spans[t][1]]))


def _signs_to_amounts(infos: Sequence[TokenInfo], money: frozenset[int],
                      segs: list[Span]) -> list[Span]:
    """A currency sign that closes a segment goes to the amount that opens the next one.

    Halves that read the same (*€12.50 € 12,50*) are matched on letters and
    digits, so the sign written apart can end up behind the first half.
    """
    if not money:
        return segs
    out = list(segs)
    for idx in range(len(out) - 1):
        seg, nxt = out[idx], out[idx + 1]
        if (seg.last - 1 in money and seg.last - 1 > seg.first and nxt.first == seg.last
                and _amount(infos, money, seg.last - 1)):
            out[idx] = Span(seg.first, seg.last - 1, seg.lang)
            out[idx + 1] = Span(nxt.first - 1, nxt.last, nxt.lang)
    return out


def _amount(infos: Sequence[TokenInfo], money: frozenset[int], t: int) -> bool:
    """Whether token ``t`` is a currency sign before a number: the amount's first token."""
    return t in money and t + 1 < len(infos) and _is_value(infos[t + 1])


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
    if len(body) == 1 and abs(body[0].en - body[0].nl) < WEAK_WORD and not (
            body[0].ends_sentence and not body[0].cap):
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
    money: frozenset[int],
) -> list[Span]:
    """Join neighbouring ``und`` segments that only a single space separates.

    A separator (*·*, *→*) after a value stays a segment of its own; a currency
    sign joins the amount after it (*$ 15*).
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
            and (not all(t.kind == KIND_SYM for t in infos[prev.first : prev.last])
                 or _amount(infos, money, prev.last - 1))
        ):
            out[-1] = Span(prev.first, seg.last, "und")
        else:
            out.append(seg)
        moved[idx] = len(out) - 1
    for key, value in remap.items():
        remap[key] = moved[value]
    return out
