"""Where each message of a line stands: the line as a reader of one locale sees it.

A line is cut into language segments, and segments that translate each other
are paired (``Why it matters Waarom dit telt``). A rendering for one locale shows
each message once: a pair becomes its messages, standing where the pair's first
segment stood, and its other half is left out. Unpaired segments become their
sentences; text with no message (numbers, bullets, names alone, the space
between sentences) stays as it is, in its place.

The messages are the ones :func:`localize.sources.collect.messages_from_line`
extracts, so every message shown is one the catalogs hold. The line is shown as
the splitter's best reading has it: a page suggestion (a pair only a reading
behind the best one makes) is a fuzzy entry for a reviewer, not a place on the
page.
"""

from __future__ import annotations

from dataclasses import dataclass

from localize.sources.collect import Message, messages_from_line
from localize.splitting import LineSplit, Segment

__all__ = ["Piece", "place_line"]


@dataclass(frozen=True)
class Piece:
    """A run of a line: a message (``message`` set) or text that is shown as it is."""

    text: str
    message: Message | None = None


def place_line(split: LineSplit) -> tuple[Piece, ...]:
    """The pieces of a line in reading order, each message where its source stands.

    >>> from localize.splitting import Segment
    >>> line = LineSplit("Why it matters Waarom dit telt",
    ...                  (Segment("Why it matters", "en", 0, 14),
    ...                   Segment("Waarom dit telt", "nl", 15, 30)), ((0, 1),))
    >>> [(p.text, p.message is not None) for p in place_line(line)]
    [('Why it matters', True)]
    """
    pairs = _pairs(split)
    hidden = {index for pair in pairs.values() for index in pair.hides}
    pieces: list[Piece] = []
    at = 0
    for index, segment in enumerate(split.segments):
        if index in hidden:
            at = segment.end  # the gap before a hidden segment goes with it
            continue
        pieces.append(Piece(split.text[at:segment.start]))
        if index in pairs:
            pieces.extend(pairs[index].pieces)
        else:
            pieces.extend(_within(segment, messages_from_line(
                LineSplit(split.text, (segment,), ()))))
        at = segment.end
    pieces.append(Piece(split.text[at:]))
    return tuple(p for p in pieces if p.text)


@dataclass(frozen=True)
class _Pair:
    """Segments that translate each other, shown as one: what they show, what they hide."""

    pieces: list[Piece]
    hides: tuple[int, ...]


def _pairs(split: LineSplit) -> dict[int, _Pair]:
    """The groups of paired segments that yield messages, by their first segment.

    Segments joined by pairs form a group (a line may give a text in three
    languages). It shows the messages of its source, the English segment if it
    has one (extract takes English as the source of a pair), else its first;
    it hides its other segments, and the bare symbols before each that repeat
    those before the first (the second ``←`` of ``← Back ← Terug``).
    """
    segments = split.segments
    found: dict[int, _Pair] = {}
    for members in _components(split):
        source = next((m for m in members if segments[m].lang == "en"), members[0])
        messages = _source_messages(split, source)
        if not messages:
            continue
        first = members[0]
        hides = {h for m in members[1:] for h in (*_echo(segments, first, m), m)}
        found[first] = _Pair(_within(segments[source], messages), tuple(sorted(hides)))
    return found


def _components(split: LineSplit) -> list[list[int]]:
    """The segments that pairs join, group by group, each sorted."""
    group = {i: i for pair in split.pairs for i in pair}

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, j in split.pairs:
        group[root(j)] = root(i)
    members: dict[int, list[int]] = {}
    for i in sorted(group):
        members.setdefault(root(i), []).append(i)
    return sorted(members.values())


def _source_messages(split: LineSplit, source: int) -> list[Message]:
    """The messages of the first pair that has ``source`` as its source."""
    confidences = split.pair_confidence or (1.0,) * len(split.pairs)
    for (i, j), confidence in zip(split.pairs, confidences, strict=True):
        if source in (i, j):
            halves = (split.segments[i], split.segments[j])
            pair = LineSplit(split.text, halves, ((0, 1),), (confidence,))
            messages = messages_from_line(pair)
            if messages and all(m.lang == split.segments[source].lang for m in messages):
                return messages
    return []


def _echo(segments: tuple[Segment, ...], first: int, second: int) -> range:
    """The ``und`` segments just before ``second`` that repeat those just before ``first``."""
    count = 0
    while (second - count - 1 > first and first - count - 1 >= 0
           and segments[second - count - 1].lang == "und"
           and segments[first - count - 1].lang == "und"
           and segments[second - count - 1].text == segments[first - count - 1].text):
        count += 1
    return range(second - count, second)


def _within(segment: Segment, messages: list[Message]) -> list[Piece]:
    """The messages of a segment in its text, with the text between them kept."""
    pieces: list[Piece] = []
    at = 0
    for message in messages:
        found = segment.text.find(message.text, at)
        if found < 0:  # not found as written: the messages alone, a space apart
            return _spaced(messages)
        pieces.append(Piece(segment.text[at:found]))
        pieces.append(Piece(message.text, message))
        at = found + len(message.text)
    pieces.append(Piece(segment.text[at:]))
    return [p for p in pieces if p.text]


def _spaced(messages: list[Message]) -> list[Piece]:
    pieces: list[Piece] = []
    for n, message in enumerate(messages):
        if n:
            pieces.append(Piece(" "))
        pieces.append(Piece(message.text, message))
    return pieces
