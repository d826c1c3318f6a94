"""The families of site lines: neutral material, shared words, names, quotes, Chinese rows,
English glued to Chinese, triples, amounts, monolingual lines; the site lexicon; confidence.

Every line here is invented for the test.
"""

from __future__ import annotations

import math

import pytest

from localize.splitting import LineSplit, Splitter
from localize.splitting.confidence import CALIBRATION, PairFeatures
from localize.splitting.site import SiteLexicon, build_site_lexicon, pair_key
from tests.splitview import cut, pairs

SPLITTER = Splitter()


@pytest.mark.parametrize(("line", "segments", "paired"), [
    pytest.param("Watch time 7 min Kijktijd 7 min",
                 [("en", "Watch time"), ("und", "7 min"), ("nl", "Kijktijd"), ("und", "7 min")],
                 {("Watch time", "Kijktijd")}, id="value-after-each-half"),
    pytest.param("Export data Gegevens exporteren →",
                 [("en", "Export data"), ("nl", "Gegevens exporteren"), ("und", "→")],
                 {("Export data", "Gegevens exporteren")}, id="arrow-after-pair"),
    pytest.param("2. Results and discussion 2. Resultaten en discussie",
                 [("und", "2."), ("en", "Results and discussion"), ("und", "2."),
                  ("nl", "Resultaten en discussie")],
                 {("Results and discussion", "Resultaten en discussie")}, id="list-numbers"),
    pytest.param("Home Home · Contact Contact · About us Over ons",
                 [("en", "Home"), ("nl", "Home"), ("und", "·"), ("en", "Contact"),
                  ("nl", "Contact"), ("und", "·"), ("en", "About us"), ("nl", "Over ons")],
                 {("Home", "Home"), ("Contact", "Contact"), ("About us", "Over ons")},
                 id="separators"),
])
def test_neutral_material_stands_alone(line: str, segments: list[tuple[str, str]],
                                       paired: set[tuple[str, str]]) -> None:
    got = SPLITTER.split_line(line)
    assert cut(got) == segments
    assert pairs(got) == paired


def test_shared_word_at_the_boundary() -> None:
    got = SPLITTER.split_line("Sign in to comment Log in om te reageren")
    assert pairs(got) == {("Sign in to comment", "Log in om te reageren")}


def test_names_between_pairs_are_und() -> None:
    got = SPLITTER.split_line("Author Auteur Jorien Smeets Publisher Uitgever Brightfield Press")
    assert cut(got) == [("en", "Author"), ("nl", "Auteur"), ("und", "Jorien Smeets"),
                        ("en", "Publisher"), ("nl", "Uitgever"), ("und", "Brightfield Press")]
    assert pairs(got) == {("Author", "Auteur"), ("Publisher", "Uitgever")}


def test_quote_is_no_translation_of_the_sentence_around_it() -> None:
    line = ("Volgens de woordvoerder blijft het plan “ready for launch next quarter”, "
            "al twijfelen analisten.")
    got = SPLITTER.split_line(line)
    assert cut(got) == [("nl", "Volgens de woordvoerder blijft het plan"),
                        ("en", "“ready for launch next quarter”"),
                        ("nl", ", al twijfelen analisten.")]
    assert got.pairs == ()


def test_chinese_label_with_product_names() -> None:
    got = SPLITTER.split_line("模型列表 Falconer Quillbot Zephyrin")
    assert cut(got) == [("zh", "模型列表"), ("und", "Falconer"), ("und", "Quillbot"),
                        ("und", "Zephyrin")]
    assert got.pairs == ()


def test_english_glued_to_chinese() -> None:
    got = SPLITTER.split_line("Print this page打印此页 | Contact us联系我们")
    assert cut(got) == [("en", "Print this page"), ("zh", "打印此页"), ("und", "|"),
                        ("en", "Contact us"), ("zh", "联系我们")]
    assert pairs(got) == {("Print this page", "打印此页"), ("Contact us", "联系我们")}


@pytest.mark.parametrize("line", ["Rust编程入门", "Wim Veldkamp:这个问题很难回答。"])
def test_a_term_or_speaker_glued_to_chinese_stays_in_the_chinese(line: str) -> None:
    assert cut(SPLITTER.split_line(line)) == [("zh", line)]


def test_english_dutch_chinese_triple() -> None:
    got = SPLITTER.split_line("Settings Instellingen 设置")
    assert cut(got) == [("en", "Settings"), ("nl", "Instellingen"), ("zh", "设置")]
    assert pairs(got) == {("Settings", "Instellingen"), ("Settings", "设置"),
                          ("Instellingen", "设置")}


@pytest.mark.parametrize(("line", "paired"), [
    ("Budget Begroting $3.5 million 3,5 miljoen dollar",
     {("Budget", "Begroting"), ("$3.5 million", "3,5 miljoen dollar")}),
    ("2,750 downloads 2.750 downloads", {("2,750 downloads", "2.750 downloads")}),
])
def test_amounts_written_per_language(line: str, paired: set[tuple[str, str]]) -> None:
    assert pairs(SPLITTER.split_line(line)) == paired


@pytest.mark.parametrize(("line", "lang"), [
    ("The workshop took place in Zwolle on a sunny Friday.", "en"),
    ("Onderwerpen: robots, chatbots, regelgeving, privacy", "nl"),
])
def test_monolingual_line_with_a_foreign_looking_word(line: str, lang: str) -> None:
    got = SPLITTER.split_line(line)
    assert cut(got) == [(lang, line)]
    assert got.pairs == ()


def test_site_lexicon_collects_pairs_that_recur_in_different_lines() -> None:
    splitter = Splitter()
    documents = [["Format Vorm Hybrid · Language Taal", "Format Vorm Webinar"],
                 ["Format Vorm Hybrid · Seats Plaatsen 40", "Format Vorm Webinar"]]
    site = splitter.site_lexicon(documents)
    # a repeated line is one context: three distinct lines give level 2
    assert site.level("Format", "Vorm") == 2
    assert site.level("Language", "Taal") == 0
    assert site.digest == splitter.site_lexicon(documents[::-1]).digest
    assert site.digest != SiteLexicon().digest


def test_site_lexicon_levels_change_by_steps() -> None:
    def page(n: int) -> list[LineSplit]:
        return [SPLITTER.split_line(f"Format Vorm Track {chr(65 + k)}") for k in range(n)]

    assert build_site_lexicon([page(3)]).digest == build_site_lexicon([page(4)]).digest
    assert build_site_lexicon([page(4)]).digest != build_site_lexicon([page(5)]).digest


def test_site_evidence_settles_a_doubtful_line() -> None:
    splitter = Splitter()
    line = "Venue Locatie Grand Hall Format Vorm Online"
    assert ("Format", "Vorm") not in pairs(splitter.split_line(line))
    site = SiteLexicon({pair_key("Format", "Vorm"): 3})
    got = splitter.split_lines([line], site)[0]
    assert ("Format", "Vorm") in pairs(got)
    assert ("und", "Grand Hall") in cut(got)


def test_site_lexicon_finds_occurrences() -> None:
    site = SiteLexicon({pair_key("Watch time", "Kijktijd"): 2})
    assert site.occurrences(["watch", "time", "kijktijd", "7", "min"]) == [(0, 2, 3, 2)]
    assert site.occurrences(["watch", "kijktijd"]) == []


def test_every_pair_has_a_confidence_in_range() -> None:
    lines = ["Watch time 7 min Kijktijd 7 min", "Settings Instellingen 设置",
             "Home Home · Contact Contact"]
    for result, features in SPLITTER.explain_lines(lines):
        assert len(result.pair_confidence) == len(result.pairs) == len(features)
        assert all(0.0 <= c <= 1.0 for c in result.pair_confidence)
        assert all(f.margin >= 0.0 for f in features)


def test_confidence_grows_with_margin_and_links_and_falls_with_lone_capitals() -> None:
    base = PairFeatures(margin=1.0, linked=0.5, unlinked=0.0, capitals=0.0)
    conf = CALIBRATION.confidence
    assert conf(PairFeatures(3.0, 0.5, 0.0, 0.0)) > conf(base)
    assert conf(PairFeatures(1.0, 1.0, 0.0, 0.0)) > conf(base)
    assert conf(PairFeatures(1.0, 0.5, 0.0, 2.0)) < conf(base)
    assert math.isclose(conf(PairFeatures(1e9, 1.0, 0.0, 0.0)), 1.0, abs_tol=1e-6)



@pytest.mark.parametrize(("line", "paired", "alone"), [
    pytest.param("Licence Licentie MIT · Format Formaat PDF",
                 {("Licence", "Licentie"), ("Format", "Formaat")}, ["MIT", "PDF"],
                 id="acronym-values"),
    pytest.param("Terms Voorwaarden CC BY-SA Region Regio EU",
                 {("Terms", "Voorwaarden"), ("Region", "Regio")}, ["EU"], id="common-word-acronym"),
])
def test_acronyms_after_a_pair_stand_alone(line: str, paired: set[tuple[str, str]],
                                           alone: list[str]) -> None:
    got = SPLITTER.split_line(line)
    assert pairs(got) == paired
    assert all(("und", name) in cut(got) for name in alone)


def test_a_line_in_capitals_is_no_row_of_acronyms() -> None:
    assert pairs(SPLITTER.split_line("SIGN UP NOW MELD JE NU AAN")) == {
        ("SIGN UP NOW", "MELD JE NU AAN")}
    assert cut(SPLITTER.split_line("THE NEW RULES ARE OUT")) == [("en", "THE NEW RULES ARE OUT")]


@pytest.mark.parametrize(("line", "paired"), [
    pytest.param("Risk model Risicomodel · Safety policy Safetysbeleid",
                 {("Risk model", "Risicomodel")}, id="translated-compound"),
    pytest.param("Speech recognition Speechrecognitie",
                 {("Speech recognition", "Speechrecognitie")}, id="dutch-ending"),
    pytest.param("Search results Searchsresults", {("Search results", "Searchsresults")},
                 id="linking-s"),
    pytest.param("Image generation Imagegeneratie 图像生成",
                 {("Image generation", "Imagegeneratie"), ("Image generation", "图像生成"),
                  ("Imagegeneratie", "图像生成")}, id="triple"),
])
def test_closed_compounds_pair_with_the_open_term(line: str, paired: set[tuple[str, str]]) -> None:
    assert paired <= pairs(SPLITTER.split_line(line))


def test_closed_compound_rules() -> None:
    from localize.splitting.links import _closes_up

    assert _closes_up(["training", "data"], "trainingsdata")
    assert _closes_up(["model", "evaluation", "suite"], "modelevaluationssuite")
    assert _closes_up(["anomaly", "detection"], "anomalydetectie")
    assert not _closes_up(["training", "data"], "trainingdata")  # the same letters: identical
    assert not _closes_up(["training", "data"], "trainingsdatum")
    assert not _closes_up(["open", "source"], "opensources")


@pytest.mark.parametrize(("line", "edition"), [
    pytest.param("Popular Populair Vortex-7 Max Staff pick Keuze van de staf Archive Archief",
                 "Vortex-7 Max", id="max"),
])
def test_a_models_edition_stays_with_its_name(line: str, edition: str) -> None:
    got = SPLITTER.split_line(line)
    assert ("und", edition) in cut(got)
    assert ("Staff pick", "Keuze van de staf") in pairs(got)


@pytest.mark.parametrize(("line", "paired"), [
    pytest.param("Help帮助", {("Help", "帮助")}, id="alone"),
    pytest.param("Pricing价格 Careers招聘 Blog博客",
                 {("Pricing", "价格"), ("Careers", "招聘"), ("Blog", "博客")}, id="row"),
])
def test_one_english_word_glued_to_its_chinese_label(line: str,
                                                    paired: set[tuple[str, str]]) -> None:
    assert pairs(SPLITTER.split_line(line)) == paired


@pytest.mark.parametrize("line", ["Python开源", "我们用 Python开源了代码。",
                                  "他说 Home首页很好看。"])
def test_a_name_or_a_word_inside_chinese_text_stays_in_it(line: str) -> None:
    assert cut(SPLITTER.split_line(line)) == [("zh", line)]


def test_an_unlisted_dutch_spelling_of_a_latin_word_is_dutch_and_translates_it() -> None:
    from localize.splitting.lexicon import dutch_cognate

    assert dutch_cognate("speculation") == "speculatie"
    assert dutch_cognate("liquidity") == "liquiditeit"
    assert dutch_cognate("table") is None
    got = SPLITTER.split_line("Speculation Speculatie · Liquidity Liquiditeit")
    assert pairs(got) == {("Speculation", "Speculatie"), ("Liquidity", "Liquiditeit")}
    assert [s.lang for s in got.segments] == ["en", "nl", "und", "en", "nl"]


@pytest.mark.parametrize(("line", "third"), [
    pytest.param("GPU cluster GPU-cluster GPU集群", "GPU集群", id="latin-glued-to-chinese"),
    pytest.param("2nd place 2e plaats 第二名", "第二名", id="opens-with-a-number"),
    pytest.param("Data policy Databeleid AI政策", "AI政策", id="glued-latin-stays-chinese"),
    pytest.param("Latest updates Laatste updates最新动态", "最新动态", id="dutch-glued-to-chinese"),
])
def test_triples_with_numbers_and_latin_glued_to_the_chinese(line: str, third: str) -> None:
    got = SPLITTER.split_line(line)
    assert [s.lang for s in got.segments] == ["en", "nl", "zh"]
    assert got.segments[2].text == third
    assert set(got.pairs) == {(0, 1), (0, 2), (1, 2)}


@pytest.mark.parametrize(("line", "label"), [
    ("Latest version Laatste versie v2.7.1 Maintainers Beheerders 14 Open tickets Open tickets 9",
     ("Maintainers", "Beheerders")),
    ("Size Grootte 4.2k Followers Volgers 310 Status Status Active Actief",
     ("Followers", "Volgers")),
])
def test_label_pair_between_values_is_no_name(line: str, label: tuple[str, str]) -> None:
    # a value opens no name, and an English label followed by its Dutch is no name either
    got = SPLITTER.split_line(line)
    assert label in pairs(got)
    assert all(s.lang != "und" or not s.text.startswith(label[0]) for s in got.segments)


@pytest.mark.parametrize(("line", "triple", "value"), [
    ("Waiting time Wachttijd 等待时间 3 days Venue Zaal 场地 Paradiso",
     ("Venue", "Zaal", "场地"), "Paradiso"),
    ("Hidden layers Verborgen lagen 隐藏层 48L Licence Licentie 许可证 MIT",
     ("Hidden layers", "Verborgen lagen", "隐藏层"), "48L"),
])
def test_triple_followed_by_a_value(line: str, triple: tuple[str, str, str], value: str) -> None:
    # the Dutch label is no part of a Chinese half, and a value after the Chinese is the row's
    got = SPLITTER.split_line(line)
    en, nl, zh = triple
    assert {(en, nl), (en, zh), (nl, zh)} <= pairs(got)
    assert ("und", value) in cut(got)


def test_api_route_after_a_label_is_a_name() -> None:
    got = SPLITTER.split_line("Route Route /api/users/list Owner Eigenaar Team Core")
    assert ("und", "/api/users/list") in cut(got)
    assert pairs(got) == {("Route", "Route"), ("Owner", "Eigenaar")}
    # inside a sentence the path stays in it
    assert cut(SPLITTER.split_line("Save the file to /home/user/notes now")) == [
        ("en", "Save the file to /home/user/notes now")]


def test_an_unlisted_agent_noun_reads_as_the_word_it_comes_from() -> None:
    info = SPLITTER._model.info("Maintainer")  # unlisted; *maintain* is English
    assert not info.name and info.en > info.nl
    got = SPLITTER.split_line("Maintainer Onderhouder Jesse Tromp")
    assert cut(got) == [("en", "Maintainer"), ("nl", "Onderhouder"), ("und", "Jesse Tromp")]


@pytest.mark.parametrize("line", ["Launched April 2024 Gelanceerd april 2024",
                                  "Updated 3 March 2025 Bijgewerkt op 3 maart 2025"])
def test_a_year_after_a_month_stays_with_its_date(line: str) -> None:
    got = SPLITTER.split_line(line)
    assert len(got.segments) == 2 and got.pairs == ((0, 1),)


def test_a_count_after_a_chinese_label_stands_alone() -> None:
    got = SPLITTER.split_line("Likes 点赞 (87) Share 分享")
    assert cut(got) == [("en", "Likes"), ("zh", "点赞"), ("und", "(87)"), ("en", "Share"),
                        ("zh", "分享")]


def test_a_dutch_compound_with_a_plural_part_is_dutch() -> None:
    got = SPLITTER.split_line("Source graphs Brongrafen 源图")  # *grafen*: plural of *graf*
    assert [s.lang for s in got.segments] == ["en", "nl", "zh"]
    assert len(got.pairs) == 3


def test_a_sentence_glued_to_the_next_by_its_full_stop_is_cut_there() -> None:
    line = "Fennick Labs opened an office in Lyon.Fennick Labs 在里昂开设了办公室。"
    got = SPLITTER.split_line(line)
    assert cut(got) == [("en", "Fennick Labs opened an office in Lyon."),
                        ("zh", "Fennick Labs 在里昂开设了办公室。")]
    assert len(got.pairs) == 1


def test_a_chinese_label_before_an_english_dutch_pair_is_a_triple() -> None:
    got = SPLITTER.split_line("显示全部 Show all Alles tonen")
    assert cut(got) == [("zh", "显示全部"), ("en", "Show all"), ("nl", "Alles tonen")]
    assert pairs(got) == {("Show all", "Alles tonen"), ("显示全部", "Show all"),
                          ("显示全部", "Alles tonen")}
    got = SPLITTER.split_line("我们今天发布了新版本。 Read more Lees meer")  # a sentence: no label
    assert pairs(got) == {("Read more", "Lees meer")}


def test_no_segment_holds_a_label_and_its_translation() -> None:
    got = SPLITTER.split_line("Dataset Dataset Zeeklank Speakers Sprekers 1,200 Hours Uren 300")
    assert ("Speakers", "Sprekers") in pairs(got)
    assert ("und", "Zeeklank") in cut(got)


def test_plural_cognates_are_dutch_and_translate_the_english_plural() -> None:
    model = SPLITTER._model
    for dutch, english in (("Mutaties", "mutations"), ("Capaciteiten", "capacities")):
        info = model.info(dutch)
        assert info.nl > info.en and not info.name
        assert "w:" + dutch.lower() in model.info(english).targets


@pytest.mark.parametrize(("line", "paired"), [
    pytest.param("Live stream Livestream · Friday 20:15 vrijdag 20.15 uur",
                 ("Friday 20:15", "vrijdag 20.15 uur"), id="weekday-and-time"),
    pytest.param("Back issues Oude nummers · No. 42 Nr. 42", ("No. 42", "Nr. 42"),
                 id="same-number-in-both-halves"),
    pytest.param("Uptime Beschikbaarheid about 40% circa 40%", ("about 40%", "circa 40%"),
                 id="values-in-lower-case"),
    pytest.param("Release Uitgave Autumn 2027 Najaar 2027", ("Autumn 2027", "Najaar 2027"),
                 id="season-and-year"),
])
def test_a_number_both_halves_write_is_part_of_the_pair(line: str,
                                                        paired: tuple[str, str]) -> None:
    assert paired in pairs(SPLITTER.split_line(line))


def test_a_value_after_each_label_still_stands_alone() -> None:
    got = SPLITTER.split_line("Chapters 9 Hoofdstukken 9")
    assert cut(got) == [("en", "Chapters"), ("und", "9"), ("nl", "Hoofdstukken"), ("und", "9")]


def test_a_time_and_a_symbol_after_a_chinese_label_stand_alone() -> None:
    got = SPLITTER.split_line("Listen now立即收听 ▸ 31:07")
    assert cut(got) == [("en", "Listen now"), ("zh", "立即收听"), ("und", "▸"), ("und", "31:07")]
    assert pairs(got) == {("Listen now", "立即收听")}


def test_a_lower_case_model_number_in_a_chinese_row_stays_with_its_name() -> None:
    got = SPLITTER.split_line("开源模型 Quillo k2.5 Marrow Pro")
    assert ("und", "Quillo k2.5") in cut(got)


def test_no_segment_opens_with_the_last_word_of_the_sentence_before() -> None:
    got = SPLITTER.split_line("The trial ran for two years at four schools in Drenthe. "
                              "De proef liep twee jaar op vier Drentse scholen.")
    assert cut(got) == [
        ("en", "The trial ran for two years at four schools in Drenthe."),
        ("nl", "De proef liep twee jaar op vier Drentse scholen.")]


def test_a_name_that_ends_a_sentence_stays_in_it() -> None:
    got = SPLITTER.split_line("The drone landed on a roof in Zwolle. "
                              "De drone landde op een dak in Zwolle.")
    assert cut(got) == [("en", "The drone landed on a roof in Zwolle."),
                        ("nl", "De drone landde op een dak in Zwolle.")]
