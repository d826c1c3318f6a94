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
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

from localize.splitting.align import (
    ITEM_ID,
    ITEM_PAIRS,
    ITEM_SINGLES,
    ITEM_TRIPLE,
    Item,
    Known,
    RunParse,
    Weights,
    parse_runs,
)
from localize.splitting.confidence import (
    KeySets,
    PairFeatures,
    key_sets,
    pair_confidence,
    pair_features,
)
from localize.splitting.finish import Span, amount_words, finish, joined
from localize.splitting.lexicon import (
    KIND_HAN,
    KIND_SYM,
    KIND_WORD,
    TokenInfo,
    WordModel,
)
from localize.splitting.links import find_links, identical_halves
from localize.splitting.names import acronyms, name_costs, neutral_names
from localize.splitting.quotes import carve_quotes, loanwords
from localize.splitting.site import SiteLexicon, build_site_lexicon, pair_key, token_form
from localize.splitting.types import LineSplit, Segment, Suggestion

__all__ = ["Splitter", "split_line"]

TOKEN = re.compile(r"\S+")
QUOTE_THEN_PUNCT = re.compile(r"[\"”»’](?=[,.;:!?)]+$)")
SYMBOL_FIRST = "\u2190"  # no Chinese character nor any symbol of EDGE_SYMBOLS comes before this
# Unicode blocks of symbols that a word never ends or starts with: arrows, geometric shapes,
# miscellaneous symbols, dingbats, supplemental arrows, pictographs (not keys such as *⌘K*)
EDGE_SYMBOLS = ((0x2190, 0x21FF), (0x25A0, 0x27BF), (0x27F0, 0x27FF), (0x2900, 0x297F),
                (0x2B00, 0x2BFF), (0x1F300, 0x1FAFF))
CLOSING_MARKS = ('"', "”", "»", "’")
HAN_TEXT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # _is_han
LIST_MARKS = frozenset("、：，；")  # Chinese punctuation that may end a label before Latin names
LATIN_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
WINDOW = 120
MEMO_LINES = 200_000  # first-pass splits a splitter keeps for the second pass
PLAIN_MARGIN = 6.0  # nats by which a plain run's language must beat the other one
PLAIN_DOUBT = 2.0  # nats of evidence for the other language that a plain run may hold
PLAIN_DOUBT_PER_TOKEN = 0.15
PLAIN_SHORT = 16  # a short run with two words that translate each other may be a pair
OPENING_QUOTES = frozenset("\"“„«‘'")
CLOSING_QUOTES = frozenset("\"”“»’'")
QUOTE_WORDS = 3
QUOTE_MAX = 40
QUOTE_LEAN = 2.0
SENTENCE_TOKENS = 6
CHINESE_LABEL = 2  # tokens of a Chinese label that opens a triple
NAME_EVIDENCE = 0.2  # share of a name's evidence that counts for the sentence around it
LOAN_EVIDENCE = 0.2  # share of an English loanword's evidence inside Dutch running text
SUGGEST_GAP = 4.0  # nats behind the best parse within which an English–Dutch pair is suggested
SUGGEST_LEAN = 1.0  # nats by which each half of a suggestion must read as its own language
SUGGEST_FLOOR = 0.4  # lowest confidence of a suggestion (a fuzzy lead for a reviewer)


def _tokens(text: str) -> list[tuple[int, int]]:
    """Whitespace tokens; a token that opens in Latin letters and runs into Chinese is cut there.

    ("Privacy policy隐私政策": the cut between *policy* and *隐私政策* is a
    possible segment boundary; whether it is one, the parser decides.) Opening
    brackets and quotation marks right before the Chinese go with it
    (*today.《法案》*). So is a closing quotation mark followed by punctuation
    (*first",*): the quotation may be a segment of its own. Arrows, shapes and
    pictographs glued to either end of a word (*Abonneren↗*, *▶Play*) are
    tokens of their own.
    """
    if not (any(mark in text for mark in CLOSING_MARKS)
            or (not text.isascii() and max(text) >= SYMBOL_FIRST)):
        return [match.span() for match in TOKEN.finditer(text)]
    out = []
    chinese = HAN_TEXT.search(text) is not None
    for match in TOKEN.finditer(text):
        start, end = match.span()
        if chinese and (stop := _glued_sentence_end(text, start, end)) is not None:
            out.append((start, stop))  # *Lyon.Fennick*: a sentence, then the next one
            start = stop
        head, tail = _symbol_edges(text, start, end)
        if head > start:
            out.append((start, head))
        at = _latin_then_han(text, head, tail)
        if at is None:
            quote = QUOTE_THEN_PUNCT.search(text, head, tail)
            at = None if quote is None else quote.end()
        if at is not None and head < at < tail:
            out += [(head, at), (at, tail)]
        else:
            out += _list_marks(text, head, tail)
        if tail < end:
            out.append((tail, end))
    return out


def _glued_sentence_end(text: str, start: int, end: int) -> int | None:
    """Where a sentence's full stop runs into the next sentence's first word (*in
    Lyon.Fennick*): after the token's first full stop, when two small letters come before
    it and a capital after it."""
    at = text.find(".", start, end - 1)
    if at < start + 2 or not (text[at - 1].islower() and text[at - 2].islower()
                      and text[at + 1] in LATIN_LETTERS and text[at + 1].isupper()):
        return None
    return at + 1


def _list_marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A token cut where Chinese punctuation meets Latin text: an enumeration comma between
    names stands alone (*Quillby、Inkwell*), a full-width colon or comma stays with the Chinese
    before it (*编辑器：Quillby*)."""
    edges = {start, end}
    for at in range(start, end - 1):
        if text[at] in LIST_MARKS and text[at + 1] in LATIN_LETTERS:
            edges.add(at + 1)
            if (text[at] == "、" and at > start and text[at - 1].isascii()
                    and text[at - 1].isalnum()):
                edges.add(at)
    if len(edges) == 2:
        return [(start, end)]
    return list(pairwise(sorted(edges)))


def _symbol_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """A token's core: without runs of symbols glued to a letter or digit at either end."""
    head, tail = start, end
    while head < end and _edge_symbol(text[head]):
        head += 1
    head = head if head < end and text[head].isalnum() else start
    while tail > head + 1 and _edge_symbol(text[tail - 1]):
        tail -= 1
    return head, (tail if text[tail - 1].isalnum() else end)


def _edge_symbol(ch: str) -> bool:
    """An arrow, shape, dingbat or pictograph (``EDGE_SYMBOLS``): no letter, sign or currency."""
    return ch >= SYMBOL_FIRST and unicodedata.category(ch) in ("So", "Sm") and any(
        lo <= ord(ch) <= hi for lo, hi in EDGE_SYMBOLS)


def _latin_then_han(text: str, start: int, end: int) -> int | None:
    """Where a token that opens with a Latin letter runs into Chinese (None: it does not);
    opening brackets and quotation marks right before the Chinese go with it."""
    if text[start] not in LATIN_LETTERS:
        return None
    for at in range(start + 1, end):
        if _is_han(text[at]):
            while at - 1 > start and unicodedata.category(text[at - 1]) in ("Ps", "Pi"):
                at -= 1
            return at
    return None


def _is_han(ch: str) -> bool:
    """A Chinese character or Japanese kana, not CJK punctuation."""
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x3040 <= code <= 0x30FF
            or 0xF900 <= code <= 0xFAFF)


def _runs(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token index ranges between layout gaps."""
    if spans and " ".join(text.split()) == text.strip():
        return [(0, len(spans))]  # every gap is one plain space: no layout gap
    runs = []
    first = 0
    for t in range(1, len(spans)):
        if not joined(text[spans[t - 1][1] : spans[t][0]]):
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


def _settled(line: _Line, result: LineSplit, site: SiteLexicon) -> bool:
    """Whether the site's evidence cannot change a line's first-pass split.

    That is so when none of the site's recurring pairs occurs in the line, or
    each one that does is already a pair there (a bonus to an item of the best
    parse leaves it the best).
    """
    forms = [token_form(line.text[a:b]) for a, b in line.spans]
    found = site.occurrences(forms)
    if not found:
        return True
    if result.suggestions:
        return False  # a site bonus moves the splits behind the best one
    have = {pair_key(result.segments[a].text, result.segments[b].text) for a, b in result.pairs}
    return all((tuple(forms[i:k]), tuple(forms[k:j])) in have for i, k, j, _ in found)


def _parse(items: Sequence[Item]) -> tuple[list[Span], list[tuple[int, int]], list[float]]:
    """Segments, the pairs among them (segment indices) and each pair's margin, from a run's
    parsed items."""
    spans: list[Span] = []
    pairs: list[tuple[int, int]] = []
    margins: list[float] = []
    for item in items:
        i, j, code, k = item.first, item.last, item.kind, item.split
        if code in ITEM_SINGLES:
            spans.append(Span(i, j, ITEM_SINGLES[code]))
        elif code == ITEM_TRIPLE:
            at = len(spans)
            pairs += [(at, at + 1), (at, at + 2), (at + 1, at + 2)]
            margins += [item.margin] * 3
            spans += [Span(i, k, "en"), Span(k, item.split2, "nl"), Span(item.split2, j, "zh")]
        elif code in ITEM_PAIRS or code == ITEM_ID:
            la, lb = _identical_langs(i, k, j) if code == ITEM_ID else ITEM_PAIRS[code]
            pairs.append((len(spans), len(spans) + 1))
            margins.append(item.margin)
            spans += [Span(i, k, la), Span(k, j, lb)]
        else:
            spans.append(Span(i, j, "und"))
    return spans, pairs, margins


def _identical_langs(i: int, k: int, j: int) -> tuple[str, str]:
    """Halves that read the same: Dutch closes up or hyphenates what English spaces."""
    return ("nl", "en") if k - i < j - k else ("en", "nl")


class _Line(NamedTuple):
    """A line on its way through the splitter."""

    text: str
    spans: list[tuple[int, int]]
    infos: list[TokenInfo]
    fixed: list[tuple[int, Span]]  # (order key, span) decided without the parser
    windows: list[tuple[int, int]]


class Splitter:
    """Splits mixed English/Dutch/Chinese lines and aligns their translations.

    ``extra_pairs`` adds bilingual evidence (for example the glossary's
    English–Dutch terms) to the built-in lexicon.
    """

    def __init__(self, *, extra_pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._model = WordModel(extra_pairs)
        self._weights = Weights(suggest_gap=SUGGEST_GAP)
        # first-pass splits (no site evidence), reused by the second pass where nothing changes
        self._plain: dict[str, tuple[LineSplit, tuple[PairFeatures, ...], _Line]] = {}
        self._sets: dict[str, tuple[TokenInfo, KeySets]] = {}  # for the pairs' confidence

    def split_line(self, text: str) -> LineSplit:
        """Split one line."""
        return self.split_lines([text])[0]

    def split_lines(self, lines: Sequence[str], site: SiteLexicon | None = None) -> list[LineSplit]:
        """Split the lines of one document; repeated lines are split once.

        All lines are scored together, which is much faster than one by one.
        ``site`` (from :meth:`site_lexicon`) adds the pairs the whole site repeats
        as evidence.
        """
        return [result for result, _ in self.explain_lines(lines, site)]

    def site_lexicon(self, documents: Iterable[Sequence[str]]) -> SiteLexicon:
        """The label pairs that recur across the lines of ``documents`` (a first pass).

        The first-pass splits are kept until :meth:`split_lines` is called with
        the lexicon, which then re-parses only the lines the lexicon touches.
        """
        return build_site_lexicon(
            [result for result, _ in self.explain_lines(lines, remember=True)]
            for lines in documents)

    def explain_lines(
        self, lines: Sequence[str], site: SiteLexicon | None = None, *, remember: bool = False
    ) -> list[tuple[LineSplit, tuple[PairFeatures, ...]]]:
        """Like :meth:`split_lines`, with the features behind each pair's confidence."""
        done: dict[str, tuple[LineSplit, tuple[PairFeatures, ...]]] = {}
        todo: list[tuple[_Line, list[list[Known]]]] = []
        for text in dict.fromkeys(lines):
            kept = self._plain.pop(text, None) if site is not None else None
            if kept is not None and site is not None and _settled(kept[2], kept[0], site):
                done[text] = kept[:2]
                continue
            line = self._prepare(text) if kept is None else kept[2]
            todo.append((line, self._known(line, site)))
        runs = [line.infos[a:b] for line, _ in todo for a, b in line.windows]
        bonuses = [found for _, known in todo for found in known]
        tables = iter(parse_runs(runs, self._weights, bonuses))
        for line, _ in todo:
            parsed = [next(tables) for _ in line.windows]
            done[line.text] = self._settle(line, parsed)
            if remember and len(self._plain) < MEMO_LINES:
                self._plain[line.text] = (*done[line.text], line)
        return [done[text] for text in lines]

    def _known(self, line: _Line, site: SiteLexicon | None) -> list[list[Known]]:
        """Per window of the line, the site's recurring pairs found in it."""
        if site is None or not len(site):
            return [[] for _ in line.windows]
        forms = [token_form(line.text[a:b]) for a, b in line.spans]
        return [site.occurrences(forms[a:b]) for a, b in line.windows]

    def _settle(
        self, line: _Line, runs: list[RunParse]
    ) -> tuple[LineSplit, tuple[PairFeatures, ...]]:
        """A line's windows put together, finished, with each pair's confidence and the
        suggestions of the parses close behind."""
        pairs: list[tuple[int, int]] = []
        margins: list[float] = []
        spans: list[Span] = []
        parsed = [_parse(run.items) for run in runs]
        for (first, _), (got, got_pairs, got_margins) in zip(line.windows, parsed, strict=True):
            base = len(spans)
            spans += [Span(x.first + first, x.last + first, x.lang) for x in got]
            pairs += [(a + base, b + base) for a, b in got_pairs]
            margins += got_margins
        ordered = sorted([(x.first, x) for x in spans] + line.fixed, key=lambda p: p[0])
        index = {id(x): n for n, (_, x) in enumerate(ordered)}
        pairs = [(index[id(spans[a])], index[id(spans[b])]) for a, b in pairs]
        merged, pairs = _join_windows(line, [x for _, x in ordered], pairs)
        merged, pairs, margins = _chinese_run(line, merged, pairs, margins)
        pairs, margins = _chinese_first(line, merged, pairs, margins)
        merged, pairs, margins = amount_words(line.text, line.spans, line.infos, merged, pairs,
                                              margins)
        result = finish(line.text, line.spans, line.infos, merged, pairs)
        result = carve_quotes(result, self._model.info)
        paired = frozenset(i for pair in result.pairs for i in pair)
        features = tuple(pair_features(result, n, margin, self._token_sets, paired)
                         for n, margin in enumerate(margins))
        confidence = tuple(pair_confidence(f) for f in features)
        return LineSplit(result.text, result.segments, result.pairs, confidence,
                         self._suggestions(line, runs, result)), features

    def _suggestions(self, line: _Line, runs: list[RunParse], result: LineSplit
                     ) -> tuple[Suggestion, ...]:
        """The runner-up pairs of each window that make suggestions, none overlapping another,
        in the order of the line; of overlapping ones the likeliest (the highest confidence,
        then the closest to the best parse) is kept."""
        made = {(result.segments[a].start, result.segments[a].end, result.segments[b].end)
                for a, b in result.pairs}
        found = [suggestion for (first, _), run in zip(line.windows, runs, strict=True)
                 for item in run.runner_ups
                 if (suggestion := self._suggestion(line, item, first)) is not None
                 and (suggestion.first.start, suggestion.first.end,
                      suggestion.second.end) not in made]
        return likeliest(found)

    def _suggestion(self, line: _Line, item: Item, offset: int) -> Suggestion | None:
        """A runner-up pair item of a window (tokens from ``offset``) as a suggestion."""
        i, k, j = item.first + offset, item.split + offset, item.last + offset
        if not i < k < j or not (_opens_capital(line, i) and _opens_capital(line, k)):
            return None
        while j - 1 > k and (line.infos[j - 1].value or line.infos[j - 1].kind != KIND_WORD):
            j -= 1  # a label's value (*Talen 14*) is no part of its translation
        la, lb = ITEM_PAIRS[item.kind]
        if min(_lean(line.infos[i:k], la), _lean(line.infos[k:j], lb)) < SUGGEST_LEAN:
            return None
        halves = (Segment(line.text[line.spans[i][0] : line.spans[k - 1][1]], la,
                          line.spans[i][0], line.spans[k - 1][1]),
                  Segment(line.text[line.spans[k][0] : line.spans[j - 1][1]], lb,
                          line.spans[k][0], line.spans[j - 1][1]))
        alone = LineSplit(line.text, halves, ((0, 1),))
        features = pair_features(alone, 0, -item.margin, self._token_sets)
        confidence = pair_confidence(features)
        if confidence < SUGGEST_FLOOR:
            return None
        return Suggestion(halves[0], halves[1], confidence, item.margin)

    def _token_sets(self, token: str) -> tuple[TokenInfo, KeySets]:
        """A token's evidence and its link key sets (remembered)."""
        found = self._sets.get(token)
        if found is None:
            info = self._model.info(token)
            found = (info, key_sets(info))
            if len(self._sets) < MEMO_LINES:
                self._sets[token] = found
        return found

    def _prepare(self, text: str) -> _Line:
        spans = _tokens(text)
        tokens = [text[s:e] for s, e in spans]
        infos = [self._model.info(tok) for tok in tokens]
        infos = name_costs(acronyms(tokens, neutral_names(tokens, infos)))
        for t in range(1, len(spans)):
            if spans[t - 1][1] == spans[t][0]:
                infos[t] = infos[t]._replace(glued=True)
        line = _Line(text, spans, infos, [], [])
        has_han = any(t.kind == KIND_HAN for t in infos)
        for first, last in _runs(text, spans):
            if last - first == 1 and has_han and infos[first].kind != KIND_HAN:
                line.fixed.append((first, Span(first, last, "und")))
                continue
            for part_first, part_last, known in _quote_parts(text, spans, infos, first, last):
                if known is not None:
                    line.fixed.append((part_first, Span(part_first, part_last, known)))
                    continue
                for w_first, w_last in _windows(infos, part_first, part_last):
                    lang = _plain_language(infos[w_first:w_last], self._weights.max_half)
                    if lang is None:
                        line.windows.append((w_first, w_last))
                    else:
                        line.fixed.append((w_first, Span(w_first, w_last, lang)))
        return line


def likeliest(found: Sequence[Suggestion]) -> tuple[Suggestion, ...]:
    """Suggestions none of which overlaps another, in the order of the line: of overlapping
    ones the likeliest is kept (the highest confidence, then the closest to the best parse,
    then the first)."""
    chosen: list[Suggestion] = []
    for one in sorted(found, key=lambda x: (-x.confidence, x.behind, x.first.start)):
        if not any(one.first.start < other.second.end and other.first.start < one.second.end
                   for other in chosen):
            chosen.append(one)
    return tuple(sorted(chosen, key=lambda x: x.first.start))


def _opens_capital(line: _Line, t: int) -> bool:
    """Whether token ``t`` opens with a capital letter (labels and sentences do; a stretch
    cut out of running text mostly does not)."""
    return line.text[line.spans[t][0]].isupper()


def _lean(infos: Sequence[TokenInfo], lang: str) -> float:
    """Nats by which tokens read as ``lang`` (English or Dutch) rather than the other."""
    en, nl = sum(t.en for t in infos), sum(t.nl for t in infos)
    return en - nl if lang == "en" else nl - en


def _quote_parts(
    text: str, spans: Sequence[tuple[int, int]], infos: Sequence[TokenInfo], first: int, last: int
) -> list[tuple[int, int, str | None]]:
    """Cut an English quotation of whole tokens out of plainly Dutch text around it.

    Returns token ranges with their language when known: the quotation is
    ``en``, the text around it ``nl``; ``None`` (no quotation) leaves the run
    to the parser.
    """
    if not any(mark in text for mark in OPENING_QUOTES):
        return [(first, last, None)]
    han = [0]  # Chinese tokens before each token of the run: Chinese around a quote is no Dutch
    for info in infos[first:last]:
        han.append(han[-1] + (info.kind == KIND_HAN))
    for a in range(first, last):
        if text[spans[a][0]] not in OPENING_QUOTES:
            continue
        for b in range(a + QUOTE_WORDS - 1, min(last, a + QUOTE_MAX)):
            if text[spans[b][1] - 1] not in CLOSING_QUOTES:
                continue
            inside = infos[a : b + 1]
            lean = sum(t.en - t.nl for t in inside)
            if (lean >= QUOTE_LEAN and han[a - first] + han[-1] - han[b + 1 - first] == 0
                    and (first < a or b + 1 < last)):
                outside = [*infos[first:a], *infos[b + 1 : last]]
                if _plain_language(outside, 0, links=False) == "nl":
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
    loans = loanwords(infos)
    for t, info in enumerate(infos):
        prev = infos[t - 1] if t else None
        capital = info.title or (info.name and info.kind == KIND_WORD)
        particle = (info.unit and info.function and prev is not None and prev.title
                    and t + 1 < len(infos) and infos[t + 1].title)
        lowered = (prev is not None and prev.kind == KIND_WORD and not prev.title
                   and not prev.ends_sentence)
        inside = (capital and (lowered or inside)) or particle
        weight = NAME_EVIDENCE if inside else LOAN_EVIDENCE if t in loans else 1.0
        en += weight * info.en
        nl += weight * info.nl
    return en, nl


def _join_windows(
    line: _Line, segs: list[Span], pairs: list[tuple[int, int]]
) -> tuple[list[Span], list[tuple[int, int]]]:
    """Join unpaired neighbours of one language that a window cut (not a layout gap) parted."""
    paired = {i for p in pairs for i in p}
    out: list[Span] = []
    remap: dict[int, int] = {}
    for idx, seg in enumerate(segs):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.lang == seg.lang != "und"
            and idx not in paired
            and idx - 1 not in paired
            and prev.last == seg.first
            and joined(line.text[line.spans[seg.first - 1][1] : line.spans[seg.first][0]])
        ):
            out[-1] = Span(prev.first, seg.last, seg.lang)
        else:
            out.append(seg)
        remap[idx] = len(out) - 1
    return out, [(remap[a], remap[b]) for a, b in pairs]


def _chinese_run(
    line: _Line, segs: list[Span], pairs: list[tuple[int, int]], margins: list[float]
) -> tuple[list[Span], list[tuple[int, int]], list[float]]:
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
        return segs, pairs, margins
    out: list[Span] = []
    remap: dict[int, int] = {}
    idx = 0
    while idx < len(segs):
        remap[idx] = len(out)
        if idx in undone:
            out.append(Span(segs[idx].first, segs[idx + 2].last, "zh"))
            idx += 3
            continue
        out.append(segs[idx])
        idx += 1
    kept = [(pair, margin) for pair, margin in zip(pairs, margins, strict=True)
            if pair[0] not in undone]
    return out, [(remap[a], remap[b]) for (a, b), _ in kept], [margin for _, margin in kept]


def _chinese_first(
    line: _Line, segs: list[Span], pairs: list[tuple[int, int]], margins: list[float]
) -> tuple[list[tuple[int, int]], list[float]]:
    """Pair a Chinese label with the English–Dutch pair right after it (*显示全部 Show all
    Alles tonen*): a triple written Chinese first. The label is one or two Chinese tokens
    with no sentence end, opening the line or following neutral material, and no Chinese
    follows the pair (that would be the pair's own third)."""
    paired = {i for p in pairs for i in p}
    added: list[tuple[tuple[int, int], float]] = []
    for (a, b), margin in zip(pairs, margins, strict=True):
        label = a - 1
        if not (b == a + 1 and segs[a].lang == "en" and segs[b].lang == "nl" and label >= 0
                and segs[label].lang == "zh" and label not in paired
                and (label == 0 or segs[label - 1].lang == "und")
                and (b + 1 == len(segs) or segs[b + 1].lang != "zh")):
            continue
        tokens = line.infos[segs[label].first : segs[label].last]
        if len(tokens) <= CHINESE_LABEL and all(
                t.kind == KIND_HAN and not t.ends_sentence for t in tokens):
            added += [((label, a), margin), ((label, b), margin)]  # pairs run in line order
    return pairs + [p for p, _ in added], margins + [m for _, m in added]


def _follows(line: _Line, t: int) -> bool:
    """Whether token ``t`` follows the one before it after a single space (or none)."""
    return joined(line.text[line.spans[t - 1][1] : line.spans[t][0]])


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
