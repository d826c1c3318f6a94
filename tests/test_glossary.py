"""The glossary CSV: reading, errors with path and line, folders, version, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import GlossaryError
from localize.sources.documents import read_text
from localize.splitting import LineSplit, Segment
from localize.terms.glossary import (
    Glossary,
    base_lang,
    load_glossary,
    read_glossary,
    suggest_terms,
    write_glossary,
)

HEADER = "en,nl,zh,dnt,note\n"


def test_reads_terms_with_alternatives_and_names() -> None:
    g = read_glossary(HEADER + "large language model|LLM,groot taalmodel|LLM,"
                      "大型语言模型|大语言模型,,core\nOpenAI,,,yes,organisation\n", path="g.csv")
    llm, openai = g.terms
    assert llm.en == ("large language model", "LLM")
    assert llm.forms("nl") == ("groot taalmodel", "LLM")
    assert llm.preferred("zh") == "大型语言模型"
    assert (llm.dnt, llm.note, llm.line, llm.path) == (False, "core", 2, "g.csv")
    assert openai.dnt and openai.nl == () and openai.forms("zh") == ("OpenAI",)
    assert openai.preferred("nl") == "OpenAI" and openai.line == 3


def test_unknown_language_has_no_forms() -> None:
    term = read_glossary(HEADER + "agent,agent,智能体,,\n").terms[0]
    assert term.forms("fr") == () and term.preferred("fr") is None


def test_extra_columns_blank_rows_bom_and_spacing() -> None:
    text = ("\ufeffen , NL,zh,dnt,note,pos\n\n"
            " neural network , neuraal netwerk | neural network ,神经网络,no,,noun\n")
    (term,) = read_glossary(text).terms
    assert term.en == ("neural network",)
    assert term.nl == ("neuraal netwerk", "neural network")
    assert term.line == 3


def test_empty_text_is_an_empty_glossary() -> None:
    assert len(read_glossary("")) == 0


@pytest.mark.parametrize(("text", "line", "words"), [
    pytest.param("en,nl,zh,note\nAI,AI,AI,\n", 1, "missing column(s) dnt", id="missing-column"),
    pytest.param(HEADER + "agent,agent,智能体,,\nrobot,robot,机器人,,\nAgent,agent,代理,,\n", 4,
                 "duplicate term 'Agent' (already on line 2)", id="duplicate"),
    pytest.param(HEADER + "agent,agent,智能体,,\nrobot|AGENT,robot,机器人,,\n", 3,
                 "duplicate term 'AGENT'", id="duplicate-alternative"),
    pytest.param(HEADER + "agent,,智能体,,\n", 2, "empty nl cell for 'agent'", id="empty-nl"),
    pytest.param(HEADER + "agent,agent, | ,,\n", 2, "empty zh cell", id="only-bars"),
    pytest.param(HEADER + ",agent,智能体,,\n", 2, "empty en cell", id="empty-en"),
    pytest.param(HEADER + "OpenAI,,开放AI,yes,\n", 2, "different zh form", id="dnt-translated"),
    pytest.param(HEADER + "OpenAI,,,maybe,\n", 2, "dnt must be 'yes' or empty", id="bad-dnt"),
    pytest.param(HEADER + 'a,b,c,,"note\nspanning"\nagent,,智能体,,\n', 4, "empty nl",
                 id="line-after-multiline-cell"),
])
def test_errors_name_path_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        read_glossary(text, path="glossary/terms.csv")
    assert caught.value.path == "glossary/terms.csv"
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"glossary/terms.csv:{line}: ")


def test_dnt_may_repeat_the_name() -> None:
    (term,) = read_glossary(HEADER + "OpenAI,OpenAI,OpenAI,yes,\n").terms
    assert term.dnt and term.nl == ()


def test_bad_utf8_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_bytes(HEADER.encode() + "agent,agent,智能体,,\n".encode() + b"robot,r\xe9bot,x,,\n")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.path == str(path) and caught.value.line == 3
    assert "UTF-8" in caught.value.message


def test_folder_of_files_is_merged_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text(HEADER + "robot,robot,机器人,,\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text(HEADER + "agent,agent,智能体,,\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a glossary", encoding="utf-8")
    g = load_glossary(tmp_path)
    assert [t.en[0] for t in g.terms] == ["agent", "robot"]
    assert g.terms[1].path == str(tmp_path / "b.csv")


def test_duplicate_across_files_names_both(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(HEADER + "agent,agent,智能体,,\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(HEADER + "x,x,x,,\nagent,agent,代理,,\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(tmp_path)
    assert caught.value.path == str(tmp_path / "b.csv") and caught.value.line == 3
    assert f"{tmp_path / 'a.csv'}:2" in caught.value.message


def test_missing_folder_is_empty_and_missing_file_is_an_error(tmp_path: Path) -> None:
    assert len(load_glossary(tmp_path / "nowhere")) == 0
    with pytest.raises(GlossaryError):
        load_glossary(tmp_path / "terms.csv")


def test_version_follows_content_not_location() -> None:
    text = HEADER + "agent,agent,智能体,,\n"
    one, two = read_glossary(text, path="a.csv"), read_glossary("\n" + text, path="b.csv")
    assert one.version == two.version and len(one.version) == 16
    assert read_glossary(text.replace("智能体", "代理")).version != one.version
    assert read_glossary(HEADER + "agent,,,yes,\n").version != one.version


def test_write_glossary_round_trips(tmp_path: Path) -> None:
    g = load_glossary(Path(__file__).resolve().parent.parent / "glossary")
    again = read_glossary(write_glossary(g))
    assert again.terms == g.terms and again.version == g.version


@pytest.mark.parametrize(("locale", "lang"), [
    ("zh_CN", "zh"), ("zh-Hans", "zh"), ("nl_BE", "nl"), ("en@quot", "en"), ("NL", "nl")])
def test_base_lang(locale: str, lang: str) -> None:
    assert base_lang(locale) == lang


def test_lookup_any_language() -> None:
    g = read_glossary(HEADER + "agent,agent,智能体,,\nOpenAI,,,yes,\n")
    assert g.lookup("智能体") is g.terms[0]
    assert g.lookup("openai") is g.terms[1]
    assert g.lookup("robot") is None


CHINESE = (
    "Hyung Won Chung 强调了通用智能(General Intelligence)"
    "与专用智能(Specialized Intelligence)的区别。\n"
    "最近我们一直在训练Instruction-following(指令跟踪)模型,通过GPT3中的开放API进行使用。\n"
    "他和Alex Krizhevsky设计了AlexNet。\n"
)


def test_suggest_mines_glosses_names_and_altered_spellings() -> None:
    g = read_glossary(HEADER + "general intelligence,algemene intelligentie,通用智能,,\n"
                      "GPT-3,,,yes,\nAlexNet,,,yes,\n")
    found = {(s.kind, s.en, s.other) for s in suggest_terms([read_text(CHINESE, path="z.txt")], g)}
    assert ("gloss", "Specialized Intelligence", "专用智能") in found
    assert ("gloss", "Instruction-following", "指令跟踪") in found
    assert ("altered", "GPT3", "GPT-3") in found
    assert ("name", "Hyung Won Chung", "Hyung Won Chung") in found
    assert ("name", "Alex Krizhevsky", "Alex Krizhevsky") in found
    assert not any(s[1] in ("General Intelligence", "AlexNet") for s in found)


def test_suggest_pairs_from_the_splitter() -> None:
    def split(line: str) -> LineSplit:
        cut = line.index(" Waarom")
        return LineSplit(line, (Segment(line[:cut], "en", 0, cut),
                                Segment(line[cut + 1:], "nl", cut + 1, len(line))), ((0, 1),))

    doc = read_text("Why it matters Waarom dit telt\nWhy it matters Waarom dit telt\n", path="p")
    (only,) = suggest_terms([doc], Glossary(), split=split)
    assert (only.kind, only.en, only.other, only.lang, only.count, only.line) == (
        "pair", "Why it matters", "Waarom dit telt", "nl", 2, 1)
