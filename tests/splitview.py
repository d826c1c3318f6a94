"""What the splitter tests compare: a result's segments and its pairs, as text."""

from __future__ import annotations

from localize.splitting import LineSplit


def cut(result: LineSplit) -> list[tuple[str, str]]:
    """The segments of a split line as ``(lang, text)``."""
    return [(s.lang, s.text) for s in result.segments]


def pairs(result: LineSplit) -> set[tuple[str, str]]:
    """The pairs of a split line as ``(first text, second text)``."""
    return {(result.segments[a].text, result.segments[b].text) for a, b in result.pairs}
