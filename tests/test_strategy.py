"""Placeholder strategies: cutting a masked text into engine inputs and reading outputs back."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from localize.mt.masking import Span, mask_text
from localize.mt.strategy import (
    CALIBRATED,
    Part,
    decode,
    judge,
    knows_masks,
    prepare,
    probe_inputs,
    probe_score,
)


def parts(text: str, strategy: str, lang: str = "en") -> list[tuple[str, str | None]]:
    prepared = prepare(mask_text(text, source=lang, target="nl"), strategy, lang)
    assert prepared is not None
    return [(p.text, p.input) for p in prepared.parts]


def test_outer_whitespace_and_wrapping_markup_are_peeled_off() -> None:
    assert parts(" <b><i>Save file</i></b>\n", "numbers") == [
        (" ⟦0⟧⟦1⟧", None), ("Save file", "Save file"), ("⟦2⟧⟦3⟧\n", None)]


def test_markup_that_does_not_wrap_the_whole_text_stays_in() -> None:
    assert parts("<b>Save</b> the <b>file</b>", "numbers") == [
        ("⟦0⟧Save⟦1⟧ the ⟦2⟧file⟦3⟧", "101Save202 the 303file404")]


def test_sentences_are_separate_inputs_with_local_stand_ins() -> None:
    assert parts("Hello {name}. Page %d of %d.", "masks") == [
        ("Hello ⟦0⟧.", "Hello ⟦0⟧."), (" ", None), ("Page ⟦1⟧ of ⟦2⟧.", "Page ⟦0⟧ of ⟦1⟧.")]
    assert parts("Hello {name}. Page %d of %d.", "names")[2][1] == "Page Zorvan of Quimel."
    assert parts("Hello {name}", "brackets") == [("Hello ⟦0⟧", "Hello [X0X]")]


def test_segments_translate_the_text_between_placeholders() -> None:
    assert parts("Click <a href='/x'>here</a> to continue.", "segments") == [
        ("Click", "Click"), (" ", None), ("⟦0⟧", None), ("here", "here"), ("⟦1⟧", None),
        (" ", None), ("to continue.", "to continue.")]


def test_a_text_holding_a_stand_in_already_cannot_use_that_family() -> None:
    masked = mask_text("Call 101 about {topic}", source="en", target="nl")
    assert prepare(masked, "numbers", "en") is None
    assert prepare(masked, "names", "en") is not None


def test_text_without_letters_is_kept() -> None:
    assert parts("{a} / {b}", "numbers") == [("⟦0⟧ / ⟦1⟧", None)]


SPANS = [Span("placeholder", "%s", "%s"), Span("placeholder", "%d", "%d"),
         Span("placeholder", "{name}", "{name}")]


@pytest.mark.parametrize(
    ("strategy", "output", "text", "problems"),
    [
        ("numbers", "Pagina 101 van 202", "Pagina ⟦0⟧ van ⟦1⟧", ()),
        ("numbers", "Pagina 202 van 101", "Pagina ⟦1⟧ van ⟦0⟧",
         ("placeholders out of order: '%d', '%s'",)),
        ("numbers", "Pagina 101 van 7", "Pagina ⟦0⟧ van 7", ("lost placeholder '%d'",)),
        ("names", "Pagina zorvan van Quimel", "Pagina ⟦0⟧ van ⟦1⟧", ()),
        ("brackets", "Pagina [ X0 X ] van [X1X]", "Pagina ⟦0⟧ van ⟦1⟧", ()),
        ("masks", "Pagina ⟦0⟧ van ⟦0⟧ ⟦1⟧", "Pagina ⟦0⟧ van ⟦0⟧ ⟦1⟧",
         ("duplicated placeholder '%s'",)),
        ("masks", "Pagina ⟦0⟧ van ⟦1⟧ ⟦5⟧", "Pagina ⟦0⟧ van ⟦1⟧ ",
         ("invented mask ⟦5⟧",)),
    ],
    ids=["numbers", "numbers-swapped", "numbers-lost", "names-any-case", "brackets-spaced",
         "duplicated", "invented"],
)
def test_decode(strategy: str, output: str, text: str, problems: tuple[str, ...]) -> None:
    part = Part("Page ⟦0⟧ of ⟦1⟧", "unused", (0, 1))
    decoded = decode(part, output, strategy, SPANS)
    assert decoded.problems == problems
    if not problems or problems[0].startswith("placeholders out of order"):
        assert decoded.text == text


def test_named_placeholders_may_be_reordered() -> None:
    part = Part("⟦2⟧ and ⟦0⟧", "unused", (2, 0))
    assert decode(part, "101 en 202", "numbers", SPANS).problems == ()
    assert decode(part, "202 en 101", "numbers", SPANS).problems == ()  # {name} is named


def test_the_memory_verdict() -> None:
    assert judge("numbers")("Page 101 of 202", "Pagina 202 van 101")
    assert not judge("numbers")("Page 101 of 202", "Pagina 101")
    assert not judge("masks")("Save ⟦0⟧", "")
    assert judge("segments")("Save", "Opslaan")
    assert not judge("segments")("Save", "Opslaan ⟦0⟧")


def test_calibration_scores_what_comes_back() -> None:
    for family in CALIBRATED:
        inputs = probe_inputs(family, "en")
        assert probe_score(family, "en", inputs) == len(inputs)  # an echo keeps everything
        assert probe_score(family, "en", ["" for _ in inputs]) == 0
    assert probe_inputs("numbers", "zh")[0] == "阅读更多关于101的内容"


class Probe:
    def __init__(self, answer: bool) -> None:
        self.answer = answer

    def single_pieces(self, texts: Sequence[str]) -> bool:
        return self.answer


def test_knows_masks_asks_the_engine_and_assumes_no() -> None:
    assert knows_masks(Probe(True))
    assert not knows_masks(Probe(False))
    assert not knows_masks(object())
