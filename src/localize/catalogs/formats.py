"""Where GNU gettext keeps format directives whole when it wraps a string.

GNU's writer never starts a line inside a format directive of an entry flagged
``python-format`` or ``python-brace-format`` (or another ``*-format``), so the
writer needs the same positions, found the way GNU's parsers find them: on the
UTF-8 bytes, parsing stops at the first malformed directive (the ones before it
still count). GNU 0.21's ``python-brace-format`` parser records each directive
relative to the directive's own start, so what it protects is the beginning of
the string, up to the end of the shortest directive; that is reproduced too.
Languages without a parser here protect nothing (their directives seldom hold a
break opportunity).
"""

from __future__ import annotations

__all__ = ["protected_positions"]

_PY_FLAGS = "-+ #0"
_PY_CONVERSIONS = "%csrdiuoxXeEfgG"
_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"


def protected_positions(language: str | None, text: str) -> set[int]:
    """Indices of the characters of ``text`` that GNU never puts at the start of a line.

    >>> sorted(protected_positions("python", "a %(n)s"))
    [3, 4, 5, 6]
    """
    if language not in ("python", "python-brace") or not text:
        return set()
    raw = text.encode("utf-8").decode("latin-1")  # one character per byte, as GNU sees it
    spans = _python(raw) if language == "python" else _python_brace(raw)
    protected: set[int] = set()
    if not spans:
        return protected
    offset = 0
    span = 0
    for index, ch in enumerate(text):
        while span < len(spans) and spans[span][1] < offset:
            span += 1
        if span < len(spans) and spans[span][0] < offset <= spans[span][1]:
            protected.add(index)
        offset += len(ch.encode("utf-8"))
    return protected


def _python(text: str) -> list[tuple[int, int]]:
    """``%`` directives (``%s``, ``%(name)s``, ``%-5.2f``); named and unnamed do not mix."""
    spans: list[tuple[int, int]] = []
    named = unnamed = 0
    i = 0
    while i < len(text):
        if text[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        name = False
        if _is(text, i, "("):
            close = _closing_paren(text, i + 1)
            if close is None:
                return spans
            name, i = True, close + 1
        while _is(text, i, _PY_FLAGS):
            i += 1
        stars, i = _python_number(text, i)
        if _is(text, i, "."):
            more, i = _python_number(text, i + 1)
            stars += more
        if stars and named:
            return spans
        unnamed += stars
        if _is(text, i, "hlL"):
            i += 1
        if not _is(text, i, _PY_CONVERSIONS):
            return spans
        conversion = text[i]
        if name:
            if unnamed:
                return spans
            named += 1
        elif conversion != "%":
            if named:
                return spans
            unnamed += 1
        spans.append((start, i))  # first and last byte
        i += 1
    return spans


def _python_number(text: str, i: int) -> tuple[int, int]:
    """Skip a width or precision: (1 if it was ``*``, the position after it)."""
    if _is(text, i, "*"):
        return 1, i + 1
    while _is(text, i, _DIGITS):
        i += 1
    return 0, i


def _closing_paren(text: str, i: int) -> int | None:
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            if depth == 0:
                return j
            depth -= 1
    return None


def _python_brace(raw: str) -> list[tuple[int, int]]:
    """The one span GNU 0.21 protects for ``{...}`` directives (see the module docstring)."""
    parser = _BraceParser(raw)
    i = 0
    while i < len(raw):
        if raw[i] != "{":
            i += 1
            continue
        after = parser.directive(i, toplevel=True)
        if after is None:
            break
        i = after
    if not parser.ends:
        return []
    first = min(parser.ends)
    if parser.error is not None and parser.error <= first:
        return []  # GNU sees a malformed directive there and protects nothing
    return [(0, first)]


class _BraceParser:
    """GNU's ``{...}`` grammar; positions recorded relative to each directive's start."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.ends: list[int] = []
        self.error: int | None = None

    def fail(self, at: int, start: int) -> int | None:
        """Record where a malformed directive went wrong; None, for the caller to return."""
        self.error = at - start
        return None

    def directive(self, i: int, *, toplevel: bool) -> int | None:
        """The position after the directive at ``raw[i] == "{"``; None when malformed."""
        raw, start = self.raw, i
        i += 1
        if _is(raw, i, "{"):
            return i + 1
        field = _field(raw, i, numeric=True)
        if field is None:
            return self.fail(i, start)
        i = field
        while _is(raw, i, ".["):
            field = _field(raw, i + 1, numeric=raw[i] == "[")
            if field is None:
                return self.fail(i + 1, start)
            if raw[i] == "[":
                if not _is(raw, field, "]"):
                    return self.fail(field + 1, start)
                field += 1
            i = field
        if _is(raw, i, ":"):
            if not toplevel:
                return self.fail(i, start)
            after = self.spec(i + 1)
            if after is None:
                return None
            if not _is(raw, after, "}"):
                return self.fail(after, start)
            i = after
        if not _is(raw, i, "}"):
            return self.fail(i, start)
        if toplevel:
            self.ends.append(i - start)
        return i + 1

    def spec(self, i: int) -> int | None:
        """Skip a nested ``{...}`` or ``[[fill]align][sign][#][0][width][.precision][type]``."""
        raw = self.raw
        if _is(raw, i, "{"):
            return self.directive(i, toplevel=False)
        if _is(raw, i + 1, "<>=^"):
            i += 2
        elif _is(raw, i, "<>=^"):
            i += 1
        for optional in ("+- ", "#", "0"):
            if _is(raw, i, optional):
                i += 1
        while _is(raw, i, _DIGITS):
            i += 1
        if _is(raw, i, "."):
            i += 1
            while _is(raw, i, _DIGITS):
                i += 1
        if _is(raw, i, "bcdoxXneEfFgG%"):
            i += 1
        return i


def _field(raw: str, i: int, *, numeric: bool) -> int | None:
    """Skip an identifier (or, when ``numeric``, a number); None if neither starts here."""
    if _is(raw, i, _LETTERS):
        while _is(raw, i, _LETTERS + _DIGITS):
            i += 1
        return i
    if numeric and _is(raw, i, _DIGITS):
        while _is(raw, i, _DIGITS):
            i += 1
        return i
    return None


def _is(text: str, i: int, chars: str) -> bool:
    """True when there is a character at ``i`` and it is one of ``chars``."""
    return i < len(text) and text[i] in chars
