"""Tests for the splitter's evidence rules: names, dates, abbreviations and Chinese sentences.

Each case is an invented line of a shape that once produced a wrong "human
translation": author lists and glued date labels read as Dutch, pairs made of
names or symbols, and English names cut off the head of a Chinese sentence.
"""

from __future__ import annotations

import pytest

from localize.splitting import Splitter, split_line
from localize.splitting.lexicon import WordModel
from localize.splitting.names import neutral_names
from tests.test_splitting import langs, pairs


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Sparse Rewards in Gridworld NavigationHelga Sorensen, Piotr Wojcik, "
                     "Amara Obi et al.", id="title-glued-to-authors"),
        pytest.param("Adaptive Curricula for Robot GraspingOlusegun Adeyemi, Harald Bakke, "
                     "Tom R. Whitfield et al.", id="initial-before-surname"),
        pytest.param("Learned Optimizers at ScaleWiebke Brandt, Casimir Ostrowski et al. "
                     "· oxford, deepmind", id="affiliations-after-dot"),
    ],
)
def test_author_lists_are_not_dutch(line: str) -> None:
    got = split_line(line)
    assert "nl" not in {s.lang for s in got.segments}
    assert got.pairs == ()


def test_a_bare_author_list_is_und() -> None:
    line = "Jorunn Haugland, Teodor Vik et al."
    assert langs(line) == [(line, "und")]


@pytest.mark.parametrize("line", ["QXMar 3, 2021", "RTOct 19, 2017", "ZKJan 30, 2024"])
def test_a_date_glued_to_a_label_is_und(line: str) -> None:
    assert langs(line) == [(line, "und")]


def test_letters_and_symbols_are_no_doubled_text() -> None:
    line = "The model copies patterns such as [P][Q] ... [P] -> [Q]. We call this rule induction."
    assert pairs(line) == []
    assert {s.lang for s in split_line(line).segments} == {"en"}


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Maria Lopez 提出了新的方法。", id="name-before-sentence"),
        pytest.param("Peter Vandermeulen 认为这种方法很有前景。", id="rare-surname"),
        pytest.param("Tinyflow 使用 Open-Source 框架,可以在浏览器中运行",
                     id="term-then-more-chinese"),
    ],
)
def test_english_before_chinese_stays_in_the_chinese_segment(line: str) -> None:
    assert langs(line) == [(line, "zh")]
    assert pairs(line) == []


def test_a_lone_word_that_hardly_leans_is_und() -> None:
    assert langs("vlogkit   tekstai") == [("vlogkit", "und"), ("tekstai", "und")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("Open File Bestand openen", [("Open File", "Bestand openen")], id="en-nl"),
        pytest.param("Print preview Afdrukvoorbeeld Settings Instellingen",
                     [("Print preview", "Afdrukvoorbeeld"), ("Settings", "Instellingen")],
                     id="label-run"),
        pytest.param("Joseph Marlow Joseph Marlow", [("Joseph Marlow", "Joseph Marlow")],
                     id="doubled-name"),
        pytest.param("Billing Info 计费信息", [("Billing Info", "计费信息")], id="en-zh"),
        pytest.param("Downloads 下载", [("Downloads", "下载")], id="loanword-en-zh"),
        pytest.param("SYSTEM NAME SYSTEEMNAAM", [("SYSTEM NAME", "SYSTEEMNAAM")],
                     id="shouted-compound"),
    ],
)
def test_real_translations_still_pair(line: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(line) == expected


def test_name_lists_are_found_by_shape() -> None:
    model = WordModel()
    tokens = ["results", "by", "Ann", "Vries,", "Bo", "Lindqvist", "et", "al.", "were", "checked"]
    infos = neutral_names(tokens, [model.info(t) for t in tokens])
    names = [tok for tok, info in zip(tokens, infos, strict=True) if info.name]
    assert names == ["Ann", "Vries,", "Bo", "Lindqvist", "et", "al."]
    assert all(info.en == info.nl == 0.0 for info in infos[2:8])


def test_title_case_words_without_commas_are_no_name_list() -> None:
    model = WordModel()
    tokens = ["Open", "Settings", "Save", "Changes"]
    infos = [model.info(t) for t in tokens]
    assert neutral_names(tokens, infos) == infos


def test_the_glossary_splitter_agrees() -> None:
    line = "Jorunn Haugland, Teodor Vik et al."
    assert Splitter(extra_pairs=[("settings", "instellingen")]).split_line(line).segments[0].lang \
        == "und"


def test_dotted_abbreviations_of_both_languages_are_neutral() -> None:
    model = WordModel()
    shared = model.info("e.g.")
    assert shared.en == shared.nl == 0.0
    dutch = model.info("d.w.z.")
    assert dutch.nl > dutch.en
