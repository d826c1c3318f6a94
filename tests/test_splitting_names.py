"""Names and brands on site lines: rows of product names after a Chinese label, names with
Dutch particles, repository paths.

Every line here is invented for the test.
"""

from __future__ import annotations

import pytest

from localize.splitting import Splitter
from localize.splitting.lexicon import WordModel
from localize.splitting.names import name_costs, name_row
from tests.splitview import cut, pairs

SPLITTER = Splitter()
MODEL = WordModel()


def row(text: str) -> list[str] | None:
    tokens = text.split()
    found = name_row(tokens, name_costs([MODEL.info(tok) for tok in tokens]))  # as in a split
    return None if found is None else [" ".join(tokens[a:b]) for a, b in found]


@pytest.mark.parametrize(("line", "names"), [
    pytest.param("热门助手 Orbit-2x Falcon 2.1 Turbo Zephyr 4 Nova 9", [
        "Orbit-2x", "Falcon 2.1 Turbo", "Zephyr 4", "Nova 9"], id="versions-and-editions"),
    pytest.param("训练语料 WikiText Open Library The Stack", [
        "WikiText", "Open Library", "The Stack"], id="ordinary-words-and-article"),
    pytest.param("部署工具 Kubeflow Green Field 12B Seldon 3", [
        "Kubeflow", "Green Field 12B", "Seldon 3"], id="two-words-and-size"),
])
def test_a_chinese_label_then_a_row_of_product_names(line: str, names: list[str]) -> None:
    got = cut(SPLITTER.split_line(line))
    assert got[0][0] == "zh"
    assert got[1:] == [("und", name) for name in names]


@pytest.mark.parametrize(("text", "names"), [
    ("Meteor 3 Bright Harbor Quill", ["Meteor 3", "Bright Harbor", "Quill"]),
    ("Zephyr Max", ["Zephyr Max"]),
    ("Orbit 2 Pro Nova 5", ["Orbit 2 Pro", "Nova 5"]),
    ("Kestrel Quibbler Snorkio", ["Kestrel", "Quibbler", "Snorkio"]),
    ("Lumen XR2 Basalt", ["Lumen", "XR2", "Basalt"]),
])
def test_name_row_grouping(text: str, names: list[str]) -> None:
    assert row(text) == names


def test_name_row_refuses_what_is_no_row_of_names() -> None:
    assert row("3 Orbit") is None  # a number opens no name
    assert row("Orbit, Nova") is None
    assert row("the orbit") is None


@pytest.mark.parametrize(("line", "pair", "name"), [
    pytest.param("Photographer Fotograaf Marloes van 't Veld", ("Photographer", "Fotograaf"),
                 "Marloes van 't Veld", id="van-t"),
    pytest.param("Moderator Gespreksleider Joost van der Kamp Language Taal Dutch Nederlands",
                 ("Moderator", "Gespreksleider"), "Joost van der Kamp", id="van-der"),
    pytest.param("Reviewer Beoordelaar Anne-Fleur van den Heuvel", ("Reviewer", "Beoordelaar"),
                 "Anne-Fleur van den Heuvel", id="hyphenated-given-name"),
    pytest.param("Reviewer Beoordelaar dr. Saskia Broer Publisher Uitgever",
                 ("Reviewer", "Beoordelaar"), "dr. Saskia Broer", id="title"),
    pytest.param("Reviewer Beoordelaar prof. dr. ir. Saskia Broer", ("Reviewer", "Beoordelaar"),
                 "prof. dr. ir. Saskia Broer", id="titles"),
    pytest.param("Editor Redacteur Anna in 't Hout Publisher Uitgever", ("Editor", "Redacteur"),
                 "Anna in 't Hout", id="in-t"),
    pytest.param("Investor Investeerder Grachtwerk Ventures Stage Fase",
                 ("Investor", "Investeerder"), "Grachtwerk Ventures",
                 id="dutch-word-and-company-word"),
    pytest.param("Client Opdrachtgever Quillmoor Labs Budget Budget", ("Client", "Opdrachtgever"),
                 "Quillmoor Labs", id="unknown-word-and-company-word"),
    pytest.param("Author Auteur Mirte Jansen-de Vries", ("Author", "Auteur"),
                 "Mirte Jansen-de Vries", id="double-surname"),
])
def test_a_name_after_a_pair_is_und(line: str, pair: tuple[str, str], name: str) -> None:
    """Person names with particles or titles, companies and double surnames."""
    got = SPLITTER.split_line(line)
    assert ("und", name) in cut(got)
    assert pair in pairs(got)


def test_particles_after_a_dutch_word_are_no_person_name() -> None:
    infos = SPLITTER._prepare("Ministerie van de Economie").infos  # an institution
    assert not any(info.name for info in infos)


@pytest.mark.parametrize("token", ["acmelabs/widgetkit", "dwarf-ai/tiny-sets"])
def test_repository_paths_are_names(token: str) -> None:
    info = MODEL.info(token)
    assert info.name
    assert abs(info.en - info.nl) < 1.0  # its spelling is (next to) no evidence of a language


@pytest.mark.parametrize("token", ["and/or", "input/output", "20-minute", "$15/month"])
def test_words_and_amounts_with_slashes_and_hyphens_stay_words(token: str) -> None:
    assert not MODEL.info(token).name


@pytest.mark.parametrize(("line", "value", "paired"), [
    pytest.param("Repository Repository acmelabs/widgetkit Stars Sterren 9k",
                 "acmelabs/widgetkit", ("Stars", "Sterren"), id="path"),
])
def test_a_repository_path_between_pairs_stands_alone(line: str, value: str,
                                                      paired: tuple[str, str]) -> None:
    got = SPLITTER.split_line(line)
    assert ("und", value) in cut(got)
    assert paired in pairs(got)


@pytest.mark.parametrize(("line", "names"), [
    ("开源工具 | Harbor Cloud | Vortex 2 Max | Zephyr",
     ["|", "Harbor Cloud", "|", "Vortex 2 Max", "|", "Zephyr"]),
    ("合作伙伴 · Tuvo Klarn · Pixora · Meridian Labs",
     ["·", "Tuvo Klarn", "·", "Pixora", "·", "Meridian Labs"]),
    ("新品： Atlas Borealis q4-mini", ["Atlas", "Borealis", "q4-mini"]),
])
def test_chinese_label_rows_with_separators_colons_and_lower_case_names(
        line: str, names: list[str]) -> None:
    # separators stand alone and bound the names; a label may end in a colon
    got = Splitter().split_line(line)
    assert got.segments[0].lang == "zh"
    assert [(s.lang, s.text) for s in got.segments[1:]] == [("und", x) for x in names]
    assert not got.pairs


def test_two_names_followed_by_a_version_are_one_model() -> None:
    # a family and its model, then the version: *Tuvo Klarn 3*, *Zephyr Small 3.1*
    got = Splitter().split_line("新品： Tuvo Klarn 3 Zephyr Small 3.1")
    assert [(s.lang, s.text) for s in got.segments] == [
        ("zh", "新品："), ("und", "Tuvo Klarn 3"), ("und", "Zephyr Small 3.1")]


@pytest.mark.parametrize(("line", "segments"), [
    pytest.param("编辑器：Quillby、Inkwell Pro、Scribe",
                 [("zh", "编辑器："), ("und", "Quillby"), ("und", "、"), ("und", "Inkwell Pro"),
                  ("und", "、"), ("und", "Scribe")], id="glued-list-marks"),
    pytest.param("芯片 Lumo X2 Parrin 400 Tessel N3",
                 [("zh", "芯片"), ("und", "Lumo X2"), ("und", "Parrin 400"), ("und", "Tessel N3")],
                 id="model-numbers"),
])
def test_chinese_rows_of_names_with_glued_marks_and_model_numbers(
        line: str, segments: list[tuple[str, str]]) -> None:
    assert cut(SPLITTER.split_line(line)) == segments


def test_an_enumeration_comma_inside_a_chinese_sentence_keeps_the_sentence_whole() -> None:
    line = "我们比较了Python、Rust和Go的速度。"
    assert cut(SPLITTER.split_line(line)) == [("zh", line)]


def test_a_common_word_before_a_company_word_is_an_ordinary_term() -> None:
    got = SPLITTER.split_line("Operating Systems Besturingssystemen")
    assert pairs(got) == {("Operating Systems", "Besturingssystemen")}
    got = SPLITTER.split_line("Themes Thema's Robotics Robotica")
    assert ("Robotics", "Robotica") in pairs(got)


@pytest.mark.parametrize("token", ["kestrel.ai", "www.example.nl", "docs.example.com/start"])
def test_web_addresses_are_names(token: str) -> None:
    info = SPLITTER._model.info(token)
    assert info.name and info.en == info.nl == 0.0
    got = SPLITTER.split_line(f"Website Website {token} Founded Opgericht 2021")
    assert ("und", token) in cut(got)
    assert ("Founded", "Opgericht") in pairs(got)


def test_a_company_name_is_never_cut_between_segments() -> None:
    line = "App App Reed Jotly Made by Gemaakt door Reed Labs Size Grootte 40 MB"
    got = SPLITTER.split_line(line)
    assert ("Made by", "Gemaakt door") in pairs(got)
    assert ("und", "Reed Labs") in cut(got)
    infos = SPLITTER._prepare("Gemaakt door Reed Labs").infos
    assert [info.joined for info in infos] == [False, False, False, True]


def test_a_word_both_languages_use_often_is_a_label_not_a_name() -> None:
    got = SPLITTER.split_line("Mentor Begeleider Harbor Fund Region Regio")
    assert pairs(got) == {("Mentor", "Begeleider"), ("Region", "Regio")}


def test_such_a_word_beside_a_name_is_part_of_it() -> None:
    line = "(从左至右依次为Ilya Novak, Alex Brandt, Geoffrey Baker)"
    assert cut(SPLITTER.split_line(line)) == [("zh", line)]
