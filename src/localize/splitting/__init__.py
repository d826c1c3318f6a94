"""Splitting mixed English/Dutch/Chinese lines into language segments and aligning translations.

>>> from localize.splitting import split_line
>>> [(s.text, s.lang) for s in split_line("Why it matters Waarom dit telt").segments]
[('Why it matters', 'en'), ('Waarom dit telt', 'nl')]
"""

from __future__ import annotations

from localize.splitting.segment import Splitter, split_line
from localize.splitting.types import LineSplit, Segment, Suggestion

__all__ = ["LineSplit", "Segment", "Splitter", "Suggestion", "split_line"]
