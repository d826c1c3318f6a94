"""Symbols, separators and amounts at the edges of segments.

Every line here is invented for the test.
"""

from __future__ import annotations

import pytest

from localize.splitting import Splitter
from localize.splitting.segment import _tokens
from tests.splitview import cut, pairs

SPLITTER = Splitter()


def words(line: str) -> list[str]:
    return [line[a:b] for a, b in _tokens(line)]


@pytest.mark.parametrize(("line", "tokens"), [
    ("Downloaden↗ nu", ["Downloaden", "↗", "nu"]),
    ("▶Afspelen", ["▶", "Afspelen"]),
    ("Top★★ ★4.5", ["Top", "★★", "★", "4.5"]),
    ("⌘K ↗↗ C++ 20° ChatGPT™ ←→", ["⌘K", "↗↗", "C++", "20°", "ChatGPT™", "←→"]),
    ("over.《法案》生效", ["over.", "《法案》生效"]),
    ("Zie“报告”", ["Zie", "“报告”"]),
])
def test_symbols_glued_to_a_word_are_tokens_of_their_own(line: str, tokens: list[str]) -> None:
    assert words(line) == tokens


@pytest.mark.parametrize(("line", "segments", "paired"), [
    pytest.param("Share this page Deel deze pagina↗",
                 [("en", "Share this page"), ("nl", "Deel deze pagina"), ("und", "↗")],
                 {("Share this page", "Deel deze pagina")}, id="arrow-glued-to-the-label"),
    pytest.param("Open the map Open de kaart↗ · Route Route",
                 [("en", "Open the map"), ("nl", "Open de kaart"), ("und", "↗"), ("und", "·"),
                  ("en", "Route"), ("nl", "Route")],
                 {("Open the map", "Open de kaart"), ("Route", "Route")},
                 id="arrow-then-separator"),
    pytest.param("Listen to this lecture Beluister dit college ▶ 51:03",
                 [("en", "Listen to this lecture"), ("nl", "Beluister dit college"), ("und", "▶"),
                  ("und", "51:03")],
                 {("Listen to this lecture", "Beluister dit college")}, id="symbol-then-time"),
    pytest.param("Travel time Reistijd · 45 min",
                 [("en", "Travel time"), ("nl", "Reistijd"), ("und", "·"), ("und", "45 min")],
                 {("Travel time", "Reistijd")}, id="separator-then-value"),
])
def test_symbols_and_values_after_a_half_stand_alone(
        line: str, segments: list[tuple[str, str]], paired: set[tuple[str, str]]) -> None:
    got = SPLITTER.split_line(line)
    assert cut(got) == segments
    assert pairs(got) == paired


@pytest.mark.parametrize(("line", "segments"), [
    ("Monthly rent Huur per maand €1,450 per month € 1.450 per maand",
     [("en", "Monthly rent"), ("nl", "Huur per maand"), ("en", "€1,450 per month"),
      ("nl", "€ 1.450 per maand")]),
    ("Entrance fee Entreeprijs €7.50 € 7,50",
     [("en", "Entrance fee"), ("nl", "Entreeprijs"), ("en", "€7.50"), ("nl", "€ 7,50")]),
    ("Deposit Borg € 150", [("en", "Deposit"), ("nl", "Borg"), ("und", "€ 150")]),
])
def test_a_currency_sign_written_apart_belongs_to_its_amount(
        line: str, segments: list[tuple[str, str]]) -> None:
    assert cut(SPLITTER.split_line(line)) == segments


@pytest.mark.parametrize(("line", "segments", "paired"), [
    pytest.param("Membership Lidmaatschap $4.75 4,75 dollar",
                 [("en", "Membership"), ("nl", "Lidmaatschap"), ("en", "$4.75"),
                  ("nl", "4,75 dollar")],
                 {("Membership", "Lidmaatschap"), ("$4.75", "4,75 dollar")}, id="word-left-over"),
    pytest.param("Grant Subsidie $8.2 billion 8,2 miljard dollar 82亿美元",
                 [("en", "Grant"), ("nl", "Subsidie"), ("en", "$8.2 billion"),
                  ("nl", "8,2 miljard dollar"), ("zh", "82亿美元")],
                 {("Grant", "Subsidie"), ("$8.2 billion", "8,2 miljard dollar"),
                  ("$8.2 billion", "82亿美元"), ("8,2 miljard dollar", "82亿美元")},
                 id="word-paired-with-the-chinese"),
])
def test_an_amounts_currency_word_stays_with_it(
        line: str, segments: list[tuple[str, str]], paired: set[tuple[str, str]]) -> None:
    got = SPLITTER.split_line(line)
    assert cut(got) == segments
    assert pairs(got) == paired
    assert len(got.pair_confidence) == len(got.pairs)


def test_an_english_sentence_leaves_the_opening_bracket_to_the_chinese() -> None:
    got = SPLITTER.split_line("The museum reopens next week.《展览指南》下周发布。")
    assert cut(got) == [("en", "The museum reopens next week."), ("zh", "《展览指南》下周发布。")]


@pytest.mark.parametrize(("line", "segments"), [
    ("首页 › 课程 › Python 3.12", [("zh", "首页"), ("und", "›"), ("zh", "课程"), ("und", "›"),
                                 ("und", "Python 3.12")]),
    ("帮助 | 隐私 | 条款", [("zh", "帮助"), ("und", "|"), ("zh", "隐私"), ("und", "|"),
                          ("zh", "条款")]),
    ("文章 · 视频", [("zh", "文章"), ("und", "·"), ("zh", "视频")]),
])
def test_separators_of_a_chinese_navigation_row_stand_alone(
        line: str, segments: list[tuple[str, str]]) -> None:
    assert cut(SPLITTER.split_line(line)) == segments


@pytest.mark.parametrize("line", ["新闻快讯 • 3 小时前 • 88 次阅读", "版本 4.1 / 4.2 已上线",
                                  "出处|Nightly Lab Notes"])
def test_bullets_slashes_and_glued_bars_stay_inside_chinese_text(line: str) -> None:
    assert cut(SPLITTER.split_line(line)) == [("zh", line)]
