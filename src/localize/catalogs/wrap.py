"""Lay out PO strings and references exactly as GNU gettext 0.21 writes them.

GNU's writer (msgcat, msgmerge, xgettext) cuts a string after each ``\\n`` it
contains, escapes each piece, and breaks a piece that does not fit the page at
the last break opportunity before the edge. The opportunities are those of
Unicode's line-breaking algorithm (UAX #14) as libunistring 1.0 implements it:
after spaces and hyphens, between ideographs, never before closing punctuation,
never inside an escape sequence or a format directive. A string that takes more
than one line, or whose first line would not fit after its keyword, starts with
an empty ``msgid ""`` line. Reproducing this byte for byte keeps translators'
diffs empty whichever tool wrote the file last.

The character data (line-breaking class and column width of every code point,
Unicode 14.0 as libunistring 1.0 has them) is ``data/linebreak.tsv``, built by
``tools/build_linebreak_data.py``; it is read on first use.

Every function here is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Collection, Iterable
from importlib import resources

__all__ = ["NO_WRAP", "PAGE_WIDTH", "display_width", "escape", "reference_lines",
           "string_lines"]

PAGE_WIDTH = 79
NO_WRAP = 2**31 - 1  # GNU's INT_MAX: a page no line reaches

_REVERSE = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\v": "\\v", '"': '\\"', "\\": "\\\\"}
_ESCAPE_TABLE = str.maketrans(_REVERSE)

# Line-breaking classes. The first 33 index the pair table below; the rest are
# handled before it is consulted.
_TABLE_CLASSES = ("WJ", "GL", "B2", "BA", "BB", "HY", "CL", "CP1", "CP2", "EX", "IN", "NS",
                  "OP1", "OP2", "QU", "IS", "NU", "PO", "PR", "SY", "AL", "H2", "H3", "ID1",
                  "ID2", "JL", "JV", "JT", "HL", "RI", "ZWJ", "EB", "EM")
_CLASS = {name: index for index, name in enumerate(_TABLE_CLASSES)}
_BK, _CM, _ZW, _SP, _AI = 33, 34, 35, 36, 37
_CLASS.update(BK=_BK, CM=_CM, ZW=_ZW, SP=_SP, AI=_AI)
_AL, _ID1, _HY, _BA, _HL, _RI, _ZWJ = (_CLASS[n] for n in ("AL", "ID1", "HY", "BA", "HL",
                                                             "RI", "ZWJ"))
_HL_BA = 100  # a Hebrew letter followed by a hyphen or break-after character

# UAX #14's pair table as libunistring 1.0 tailors it: row = class before the
# opportunity, column = class after it. D: break; I: break only if spaces
# come between; P: no break.
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # BB
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",  # CL
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CP1 (not East Asian)
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",  # CP2 (East Asian)
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1 (not East Asian)
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP2 (East Asian)
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",  # QU
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # NU
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",  # PR
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # AL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # H3
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ID2 (unassigned pictographic)
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # JV
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # HL
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",  # ZWJ
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)

# Break decisions at one position.
_NO, _YES, _MUST = 0, 1, 2


class _CharData:
    """Line-breaking class and column width of every code point, from the data file."""

    def __init__(self) -> None:
        text = resources.files("localize").joinpath("data/linebreak.tsv").read_text("utf-8")
        self.starts: list[int] = []
        self.values: list[tuple[int, int]] = []
        for line in text.splitlines():
            if line and not line.startswith("#"):
                start, name, width = line.split("\t")
                self.starts.append(int(start, 16))
                # GNU adds no column for control characters (width -1 in the data)
                self.values.append((_CLASS[name], max(int(width), 0)))
        self.cache: dict[str, tuple[int, int]] = {}
        self.pairs = [[_decision(c) for c in row] for row in _PAIRS]

    def props(self, ch: str) -> tuple[int, int]:
        """(class, columns) of one character."""
        found = self.cache.get(ch)
        if found is None:
            found = self.values[bisect.bisect_right(self.starts, ord(ch)) - 1]
            self.cache[ch] = found
        return found

    def columns(self, text: str, cjk: bool) -> list[int]:
        """The columns each character of ``text`` takes."""
        props = self.props
        widths = [props(ch)[1] for ch in text]
        if cjk:  # legacy CJK charsets print most non-ASCII characters double
            for index, ch in enumerate(text):
                if widths[index] == 1 and 0xA1 <= ord(ch) < 0xFF61 and ch != "\u20a9":
                    widths[index] = 2
        return widths


def _decision(code: str) -> int:
    return {"D": _YES, "I": -1, "P": _NO}[code]


@functools.cache
def _data() -> _CharData:
    return _CharData()


def escape(text: str) -> str:
    """Text as the inside of a PO string literal, escaped as GNU escapes it."""
    return text.translate(_ESCAPE_TABLE)


def display_width(text: str, *, cjk: bool = False) -> int:
    """The columns ``text`` takes as GNU counts them (control characters count 0)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(_data().columns(text, cjk))


def string_lines(keyword: str, text: str, *, prefix: str = "", width: int = PAGE_WIDTH,
                 cjk: bool = False, protected: Collection[int] = ()) -> list[str]:
    """``keyword "text"`` laid out in lines of at most ``width`` columns, as GNU does.

    ``prefix`` starts every line (``#~ `` for obsolete entries, ``#| `` for
    previous strings); ``width`` is the page width (:data:`NO_WRAP` for none);
    ``protected`` holds the indices of characters of ``text`` that must not
    start a line (inside format directives); ``cjk`` counts widths as GNU does
    for legacy CJK charsets.

    >>> string_lines("msgid", "Hello")
    ['msgid "Hello"']
    """
    after_break = len(prefix) + 1
    room = width - 1 - after_break
    first_start = len(keyword) + 1  # columns after the prefix: keyword, space, quote, less one
    pieces = _pieces(text)
    if len(pieces) == 1 and not protected:
        single = escape(text)
        if first_start + display_width(single, cjk=cjk) <= room:
            return [f'{prefix}{keyword} "{single}"']  # the common case: it fits
    data = _data()
    lines: list[str] = []
    first = True
    offset = 0
    for number, piece in enumerate(pieces):
        escaped, prohibited = _escape_piece(piece, offset, protected)
        offset += len(piece)
        more = number + 1 < len(pieces)
        decisions = _opportunities(escaped, data, cjk)
        widths = data.columns(escaped, cjk)
        start = first_start if first else 0
        breaks = _breaks(decisions, widths, prohibited, room, start)
        if first and escaped and (more or start > room or breaks):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            breaks = _breaks(decisions, widths, prohibited, room, 0)
        bounds = [0, *breaks, len(escaped)]
        chunks = [escaped[a:b] for a, b in itertools.pairwise(bounds)]
        lines.append(f'{prefix}{keyword} "{chunks[0]}"' if first else f'{prefix}"{chunks[0]}"')
        lines.extend(f'{prefix}"{chunk}"' for chunk in chunks[1:])
        first = False
    return lines


def _pieces(text: str) -> list[str]:
    """``text`` cut after each newline; one empty piece for the empty string."""
    pieces = text.split("\n")
    out = [p + "\n" for p in pieces[:-1]]
    if pieces[-1] or not out:
        out.append(pieces[-1])
    return out


def _escape_piece(piece: str, offset: int, protected: Collection[int]) -> tuple[str, set[int]]:
    """The escaped piece and the positions in it where no line may start.

    ``offset`` is where the piece starts in the string ``protected`` refers to.
    """
    escaped = escape(piece)
    prohibited: set[int] = set()
    if protected or len(escaped) != len(piece):
        at = 0
        for index, ch in enumerate(piece):
            if offset + index in protected:
                prohibited.add(at)
            if ch in _REVERSE:
                prohibited.add(at + 1)  # never inside an escape sequence
                at += 2
            else:
                at += 1
    if piece.endswith("\n"):
        prohibited.add(len(escaped) - 2)  # never a line that holds only the final \n
    return escaped, prohibited


def _breaks(decisions: list[int], widths: list[int], prohibited: Collection[int],
            width: int, start: int) -> list[int]:
    """Where lines start (after the first), filling greedily as libunistring 1.0 does.

    A piece of text runs from one break opportunity to the next; when a piece
    ends past ``width``, the opportunity before it becomes a line break.
    """
    breaks: list[int] = []
    last_break = -1
    column = start
    piece = 0
    for index, decision in enumerate(decisions):
        if decision != _NO and index in prohibited:
            decision = _NO
        if decision != _NO:
            if last_break >= 0 and column + piece > width:
                breaks.append(last_break)
                column = 0
            if decision == _MUST:
                last_break = -1
                column = piece = 0
                continue
            last_break = index
            column += piece
            piece = 0
        piece += widths[index]
    if last_break >= 0 and column + piece > width:
        breaks.append(last_break)
    return breaks


def _opportunities(text: str, data: _CharData, cjk: bool) -> list[int]:
    """For each character: may a line start there (UAX #14 as libunistring 1.0 has it)?"""
    pairs, props = data.pairs, data.props
    decisions = [_NO] * len(text)
    before = last = _BK  # the class of the previous character; of the last non-space one
    space = False
    regional = 0
    for index, ch in enumerate(text):
        cls = props(ch)[0]
        if cls >= _BK:  # the classes the pair table does not cover
            if cls == _BK:
                decisions[index] = _MUST
                before = last = _BK
                space = False
                regional = 0
                continue
            if cls == _SP:
                space = True
            elif cls == _ZW:
                last = _ZW
                space = False
            elif cls == _CM:
                before, last, space = _mark(decisions, index, cls, before, last, space)
                regional = 0
                continue
            else:  # AI: ambiguous, a letter unless the charset is a CJK one
                cls = _ID1 if cjk else _AL
        if cls == _ZWJ:
            before, last, space = _mark(decisions, index, cls, before, last, space)
            regional = 0
            continue
        if cls < _BK:
            if last < _BK and before != _ZWJ and before != _HL_BA and cls != _RI:
                decision = pairs[last][cls]  # the common case: the pair table decides
            else:
                decision = _special(before, last, cls, regional)
            decisions[index] = (_YES if space else _NO) if decision < 0 else decision
            last = cls
            space = False
        before = _HL_BA if before == _HL and cls in (_HY, _BA) else cls
        regional = regional + 1 if cls == _RI else 0
    return decisions


def _mark(decisions: list[int], index: int, cls: int, before: int, last: int,
          space: bool) -> tuple[int, int, bool]:
    """A combining mark or joiner: part of what precedes it, or a letter on its own."""
    if last in (_BK, _ZW) or space:
        decisions[index] = _NO if last == _BK else _YES
        last, space = _AL, False
    return (_HL_BA if before == _HL and cls in (_HY, _BA) else cls), last, space


def _special(before: int, last: int, cls: int, regional: int) -> int:
    """The decision where a rule comes before the pair table (UAX #14 LB4-LB8a, LB21a, LB30a)."""
    if last == _BK:
        return _NO
    if last == _ZW:
        return _YES
    if before in (_ZWJ, _HL_BA):
        return _NO
    if last == _RI and cls == _RI:
        return -1 if regional % 2 else _YES  # -1: only after spaces
    return _data().pairs[last][cls]


def reference_lines(references: Iterable[str], width: int = PAGE_WIDTH) -> list[str]:
    """``#:`` lines holding ``references``, filled as GNU fills them."""
    lines: list[str] = []
    current = "#:"
    column = 2
    for reference in references:
        size = len(reference.encode("utf-8")) + 1  # GNU counts bytes here
        if column > 2 and column + size > width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + reference
        column += size
    if column > 2:
        lines.append(current)
    return lines
