"""Placing a line's messages: each segment in its place, a pair shown once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.site.place import place_line
from localize.sources.collect import messages_from_line
from localize.splitting import LineSplit, Segment, Splitter
from localize.terms.glossary import load_glossary
from localize.workspace import find_sources, make_splitter, read_documents

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def splitter() -> Splitter:
    return make_splitter(load_glossary(ROOT / "glossary"))


def shown(split: LineSplit) -> str:
    """The pieces, messages starred, joined with ``|``."""
    return "|".join(("*" if p.message else "") + p.text for p in place_line(split))


def test_a_pair_is_one_message_where_its_first_half_stood(splitter: Splitter) -> None:
    [split] = splitter.split_lines(["Why it matters Waarom dit telt"])
    assert shown(split) == "*Why it matters"
    [message] = [p.message for p in place_line(split) if p.message]
    assert message.translations == (("nl", "Waarom dit telt"),)


def test_a_mixed_line_keeps_every_segment_in_its_place(splitter: Splitter) -> None:
    [split] = splitter.split_lines(["AI maker AI-maker OpenAI Type Type Article Artikel"])
    assert shown(split) == "*AI maker| |OpenAI| |*Type| |*Article"


def test_symbols_repeated_before_the_second_half_go_with_it(splitter: Splitter) -> None:
    [split] = splitter.split_lines(["← Back to OpenAI updates ← Terug naar OpenAI-updates"])
    assert shown(split) == "←| |*Back to OpenAI updates"


def test_english_is_the_source_even_when_the_page_writes_it_second() -> None:
    line = "Terug naar overzicht Back to overview"
    split = LineSplit(line, (Segment("Terug naar overzicht", "nl", 0, 20),
                             Segment("Back to overview", "en", 21, 37)), ((0, 1),), (0.95,))
    assert shown(split) == "*Back to overview"


def test_a_text_in_three_languages_is_shown_once_from_its_english() -> None:
    line = "Waarom dit telt Why it matters 为什么重要"
    split = LineSplit(line, (Segment("Waarom dit telt", "nl", 0, 15),
                             Segment("Why it matters", "en", 16, 30),
                             Segment("为什么重要", "zh", 31, 36)), ((0, 1), (1, 2), (0, 2)))
    assert shown(split) == "*Why it matters"
    assert {m.text for m in messages_from_line(split)} == {"Why it matters", "Waarom dit telt"}


def test_sentences_keep_the_text_between_them(splitter: Splitter) -> None:
    line = "  • It works, e.g. here. Dr. Weng agrees.  6 min"
    [split] = splitter.split_lines([line])
    assert shown(split) == "  |•| |*It works, e.g. here.| |*Dr. Weng agrees.|  |6 min"
    assert "".join(p.text for p in place_line(split)) == line


def test_a_line_without_messages_is_shown_as_it_is(splitter: Splitter) -> None:
    [split] = splitter.split_lines(["  2022 — 42"])
    pieces = place_line(split)
    assert "".join(p.text for p in pieces) == "  2022 — 42"
    assert all(p.message is None for p in pieces)
    assert place_line(LineSplit("", (), ())) == ()


def test_every_seed_line_places_exactly_the_messages_extract_collects(splitter: Splitter
                                                                      ) -> None:
    documents = read_documents(find_sources([ROOT / "seeds"]), base=ROOT)
    site = splitter.site_lexicon(d.lines for d in documents)
    placed = 0
    for document in documents:
        for split in splitter.split_lines(document.lines, site=site):
            pieces = place_line(split)
            assert Counter(p.message for p in pieces if p.message) == Counter(
                messages_from_line(split)), split.text
            for piece in pieces:
                assert piece.text and (piece.message is None or piece.text == piece.message.text)
            placed += len(pieces)
    assert placed > 1000


_WORDS = st.sampled_from(["Why", "it", "matters", "Waarom", "dit", "telt", "Level", "Niveau",
                          "通用智能很重要。", "OpenAI", "←", "•", "2022", "e.g.", "Dr.", "the",
                          "de", "is", "het", "<script>", "\"", "1.", "?", "!", "  "])


@settings(max_examples=60, deadline=None)
@given(words=st.lists(_WORDS, max_size=14))
@example(words=["dit", "Waarom", "Level"])  # a line with a page suggestion
def test_any_line_places_the_messages_extract_collects(splitter: Splitter,
                                                       words: list[str]) -> None:
    [split] = splitter.split_lines([" ".join(words)])
    pieces = place_line(split)
    placed = Counter(p.message for p in pieces if p.message)
    # a suggestion (a pair of a reading behind the best) is a catalog entry, not a place
    collected = [m for m in messages_from_line(split) if not m.suggested]
    paired = [i for pair in split.pairs for i in pair]
    if len(paired) == len(set(paired)):  # each segment in one pair at most
        assert placed == Counter(collected)
    else:  # a text in three languages: shown once, from its source
        assert {(m.text, m.lang) for m in placed} <= {(m.text, m.lang) for m in collected}
        assert len(placed) <= len(collected)
    assert all(p.text for p in pieces)
    if not split.pairs:  # nothing hidden: the line reads as it was written
        assert "".join(p.text for p in pieces) == split.text
