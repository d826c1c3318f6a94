"""Whitespace checks: spaces at the edges as in the source, no doubled spaces added."""

from __future__ import annotations

import re
from collections.abc import Iterator

from localize.checks.base import ERROR, WARNING, Unit, check

__all__: list[str] = []

_DOUBLED = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def _edges(text: str) -> tuple[str, str]:
    stripped = text.strip(" \t")
    start = text[: len(text) - len(text.lstrip(" \t"))]
    return start, text[len(start) + len(stripped):]


@check("edge-whitespace", ERROR, "spaces at the start and end must be as in the source")
def _edge_whitespace(unit: Unit) -> Iterator[str]:
    for where, theirs, ours in zip(("start", "end"), _edges(unit.source), _edges(unit.target),
                                   strict=True):
        if theirs != ours:
            yield (f"{len(theirs)} space(s) at the {where} of the source, {len(ours)} in the "
                   "translation")


@check("doubled-space", WARNING, "the translation has a doubled space the source does not")
def _doubled_space(unit: Unit) -> Iterator[str]:
    ours = _DOUBLED.findall(unit.target)
    if len(ours) > len(_DOUBLED.findall(unit.source)):
        spot = _DOUBLED.search(unit.target)
        assert spot is not None
        context = unit.target[max(0, spot.start() - 15):spot.end() + 15]
        yield f"doubled space in the translation ('{context}'), none there in the source"
