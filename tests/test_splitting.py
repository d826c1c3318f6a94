"""Tests for localize.splitting: the segment contract, robustness and behaviour on our own lines."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize.splitting import LineSplit, Splitter, split_line

LANGS = {"en", "nl", "zh", "und"}

# Words that make mixed lines for the property tests: English, Dutch, Chinese, names, symbols.
PIECES = [
    "Open", "the", "file", "Bestand", "openen", "niet", "gevonden", "Settings",
    "Instellingen", "打开文件", "设置", "OpenAI", "v2.1", "42", "•", "←", "|", "—",
    "😀", "שלום", "مرحبا", "\u200f", "\x07", "Ünïcödé", "ﬁle", "e\u0301",
]


@pytest.fixture(scope="module")
def splitter() -> Splitter:
    return Splitter()


@pytest.fixture(scope="module")
def other() -> Splitter:
    return Splitter()


def check_contract(text: str, result: LineSplit) -> None:
    """The splitter contract: segments are exact slices, in order, covering every non-space."""
    assert result.text == text
    end = 0
    for seg in result.segments:
        assert seg.lang in LANGS
        assert text[seg.start : seg.end] == seg.text
        assert seg.text and seg.text == seg.text.strip()
        assert seg.start >= end
        assert text[end : seg.start].strip() == ""
        end = seg.end
    assert text[end:].strip() == ""
    for a, b in result.pairs:
        assert 0 <= a < b < len(result.segments)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_keeps_the_contract(splitter: Splitter, text: str) -> None:
    check_contract(text, splitter.split_line(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from([" ", "  ", "\t", "\xa0"]))
def test_mixed_pieces_keep_the_contract(splitter: Splitter, words: list[str], gap: str) -> None:
    text = gap.join(words)
    check_contract(text, splitter.split_line(text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=60), max_size=12))
def test_split_lines_matches_split_line(
    splitter: Splitter, other: Splitter, lines: list[str]
) -> None:
    together = splitter.split_lines(lines)
    assert [r.text for r in together] == lines
    assert together == [other.split_line(line) for line in lines]


def test_deterministic() -> None:
    line = "Save changes Wijzigingen opslaan Cancel Annuleren 3 May 2024 3 mei 2024"
    assert Splitter().split_line(line) == Splitter().split_line(line) == split_line(line)


def test_huge_line_is_handled() -> None:
    one_token = "a" * 1_000_000
    result = split_line(one_token)
    assert [(s.start, s.end) for s in result.segments] == [(0, 1_000_000)]
    long_line = "Save changes Wijzigingen opslaan 打开文件 OpenAI • " * 400
    check_contract(long_line, split_line(long_line))


def langs(line: str) -> list[tuple[str, str]]:
    return [(s.text, s.lang) for s in split_line(line).segments]


def pairs(line: str) -> list[tuple[str, str]]:
    result = split_line(line)
    return [(result.segments[a].text, result.segments[b].text) for a, b in result.pairs]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("Save changes Wijzigingen opslaan",
                     [("Save changes", "en"), ("Wijzigingen opslaan", "nl")], id="label-pair"),
        pytest.param("Download the report Download het rapport",
                     [("Download the report", "en"), ("Download het rapport", "nl")],
                     id="shared-first-word"),
        pytest.param("Status Status", [("Status", "en"), ("Status", "nl")], id="identical"),
        pytest.param("The weather is nice today and we are going outside.",
                     [("The weather is nice today and we are going outside.", "en")],
                     id="english-sentence"),
        pytest.param("Het weer is vandaag mooi en we gaan naar buiten.",
                     [("Het weer is vandaag mooi en we gaan naar buiten.", "nl")],
                     id="dutch-sentence"),
        pytest.param("我们今天去公园散步", [("我们今天去公园散步", "zh")], id="chinese"),
        pytest.param("Anthropic", [("Anthropic", "und")], id="bare-name"),
        pytest.param("12 min", [("12 min", "und")], id="number-unit"),
        pytest.param("→ Next page → Volgende pagina",
                     [("→", "und"), ("Next page", "en"), ("→", "und"), ("Volgende pagina", "nl")],
                     id="arrows"),
    ],
)
def test_segments_on_our_lines(line: str, expected: list[tuple[str, str]]) -> None:
    assert langs(line) == expected


def test_label_value_run_pairs_each_label() -> None:
    line = "Author Auteur Reading time Leestijd Language Taal"
    assert pairs(line) == [("Author", "Auteur"), ("Reading time", "Leestijd"),
                           ("Language", "Taal")]


def test_dates_pair() -> None:
    assert pairs("4 March 2021 4 maart 2021") == [("4 March 2021", "4 maart 2021")]


def test_monolingual_lines_are_not_paired() -> None:
    assert pairs("The weather is nice today and we are going outside.") == []
    assert pairs("Het weer is vandaag mooi en we gaan naar buiten.") == []


def test_english_names_stay_inside_chinese() -> None:
    line = "我们使用 PyTorch 和 TensorFlow 训练模型"
    assert langs(line) == [(line, "zh")]


def test_english_with_chinese_translation() -> None:
    line = "Open the settings 打开设置"
    assert langs(line) == [("Open the settings", "en"), ("打开设置", "zh")]
    assert pairs(line) == [("Open the settings", "打开设置")]


def test_glossary_pairs_are_evidence() -> None:
    plain = Splitter()
    taught = Splitter(extra_pairs=[("dashboard", "overzichtspaneel")])
    line = "dashboard overzichtspaneel"
    assert [s.lang for s in plain.split_line(line).segments] == ["nl"]
    assert [s.lang for s in taught.split_line(line).segments] == ["en", "nl"]
    assert taught.split_line(line).pairs == ((0, 1),)


def test_english_quote_inside_dutch_is_its_own_segment() -> None:
    line = "Hij zei letterlijk “move fast and break things” tegen de pers."
    assert langs(line) == [("Hij zei letterlijk", "nl"),
                           ("“move fast and break things”", "en"), ("tegen de pers.", "nl")]


def test_english_quote_inside_chinese_is_its_own_segment() -> None:
    line = "他说“we are the best team”然后离开了。"
    assert langs(line) == [("他说", "zh"), ("“we are the best team”", "en"), ("然后离开了。", "zh")]


def test_long_paragraph_stays_one_segment() -> None:
    subjects = ["The team", "Our group", "Every reviewer", "The first author", "A small lab"]
    verbs = ["measured", "described", "compared", "tested", "questioned"]
    objects = ["the new model", "older systems", "these results", "its answers", "the data"]
    line = " ".join(
        f"{s} {v} {o} during week {n}." for n, (s, v, o) in
        enumerate((s, v, o) for s in subjects for v in verbs for o in objects[:2])
    )
    assert len(line.split()) > 200
    assert langs(line) == [(line, "en")]
