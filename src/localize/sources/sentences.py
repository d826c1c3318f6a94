"""Splitting long text into sentences: Chinese by its full stops, English and Dutch by rule.

Short UI strings pass through whole; only text with several sentences is cut.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "split_sentences"]

# Abbreviations after which a full stop does not end a sentence (lower case, without dot).
ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "cf", "al",
    "fig", "figs", "eq", "eqs", "no", "nos", "vol", "approx", "ca", "inc", "ltd", "co", "corp",
    "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.k", "a.m", "p.m", "ph.d", "dhr", "mevr", "mw", "drs", "ir", "ing", "bijv",
    "bv", "m.a.w", "d.w.z", "o.a", "z.g.a.n", "enz", "nr", "blz", "vgl", "resp", "t.a.v",
    "i.p.v",
))

_ZH_END = re.compile(r"[。！？!?]+[”’」』）)]*")
_LATIN_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+)")
_NEXT_START = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ\u4e00-\u9fff]")
# A URL's ``?`` or ``!`` is no sentence end; it runs to the next space or CJK character.
_URL = re.compile(r"(?:https?|ftp)://[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+"
                  r"|www\.[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text``, each stripped; their order and content kept.

    >>> split_sentences("It works, e.g. here. Dr. Weng agrees.", "en")
    ['It works, e.g. here.', 'Dr. Weng agrees.']
    >>> split_sentences("通用智能很重要。专用智能不同!", "zh")
    ['通用智能很重要。', '专用智能不同!']
    >>> split_sentences("详见 https://example.com/a?b=1。然后继续。", "zh")
    ['详见 https://example.com/a?b=1。', '然后继续。']
    """
    cuts = _zh_cuts(text) if lang == "zh" else _latin_cuts(text)
    urls = [m.span() for m in _URL.finditer(text)]
    cuts = [c for c in cuts if not any(start < c < end for start, end in urls)]
    pieces: list[str] = []
    start = 0
    for cut in [*cuts, len(text)]:
        piece = text[start:cut].strip()
        if piece:
            pieces.append(piece)
        start = cut
    return pieces


def _zh_cuts(text: str) -> list[int]:
    return [m.end() for m in _ZH_END.finditer(text) if m.end() < len(text)]


def _latin_cuts(text: str) -> list[int]:
    cuts = []
    for match in _LATIN_END.finditer(text):
        end = match.end()
        if not _NEXT_START.match(text, end):
            continue
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        cuts.append(end)
    return cuts


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the word before the full stop at ``dot`` is an abbreviation or initial."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([\"'“":
        start -= 1
    word = text[start:dot]
    if not word or _URL.fullmatch(word):
        return False  # "see https://example.com/a. Then": the URL ends the sentence
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    if word.isdigit():
        return not text[:start].strip()  # "1. First point": a list number, not a sentence
    return word.lower() in ABBREVIATIONS or (len(word) > 2 and "." in word.rstrip("."))
