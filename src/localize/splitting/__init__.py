"""Splitting mixed English/Dutch/Chinese lines into language segments and aligning translations.

>>> from localize.splitting import split_line
>>> [(s.text, s.lang) for s in split_line("Why it matters Waarom dit telt").segments]
[('Why it matters', 'en'), ('Waarom dit telt', 'nl')]
"""

from __future__ import annotations

from pathlib import Path

from localize.compiled import choose

# compiled with mypyc at installation, unless the sources changed since (see localize.compiled)
RUNS_AS = choose(Path(__file__).parent, __name__)

from localize.splitting.segment import Splitter, split_line  # noqa: E402
from localize.splitting.types import LineSplit, Segment, Suggestion  # noqa: E402

__all__ = ["RUNS_AS", "LineSplit", "Segment", "Splitter", "Suggestion", "split_line"]
