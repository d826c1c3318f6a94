"""Masking placeholders, markup, URLs, names and terms, and restoring them after translation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localize.mt.masking import mask_text, restore
from localize.terms.glossary import Glossary, read_glossary

GLOSSARY_CSV = """en,nl,zh,dnt,note
OpenAI,,,yes,
GPT-4,,,yes,
large language model,groot taalmodel,大型语言模型,,
newsletter,nieuwsbrief,新闻简报,,
"""


@pytest.fixture
def glossary() -> Glossary:
    return read_glossary(GLOSSARY_CSV)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("%s files", "⟦0⟧ files"),
        ("%d new articles", "⟦0⟧ new articles"),
        ("Hello %(name)s!", "Hello ⟦0⟧!"),
        ("%1$s and %2$d", "⟦0⟧ and ⟦1⟧"),
        ("%.2f%% done", "⟦0⟧%% done"),
        ("Welcome, {name}!", "Welcome, ⟦0⟧!"),
        ("Page {0} of {1}", "Page ⟦0⟧ of ⟦1⟧"),
        ("{user.name!r:>10} wrote", "⟦0⟧ wrote"),
        ("<b>Save</b> file", "⟦0⟧Save⟦1⟧ file"),
        ('<a href="/x">Read more</a>', "⟦0⟧Read more⟦1⟧"),
        ("Tom &amp; Jerry", "Tom ⟦0⟧ Jerry"),
        ("See https://example.com/a?b=1.", "See ⟦0⟧."),
        ("Visit www.example.org today", "Visit ⟦0⟧ today"),
        ("Mail news@example.com", "Mail ⟦0⟧"),
        ("50% off", "50% off"),
    ],
    ids=["printf-s", "printf-d", "named", "positional", "precision-and-percent", "brace-name",
         "brace-index", "brace-format-spec", "tags", "tag-attributes", "entity", "url",
         "www", "email", "bare-percent"],
)
def test_mask_patterns(text: str, masked: str) -> None:
    result = mask_text(text, source="en", target="nl")
    assert result.text == masked
    assert restore(result, result.text).text == text


def test_names_are_masked_and_terms_are_left_to_the_model(glossary: Glossary) -> None:
    m = mask_text("OpenAI built a large language model", source="en", target="nl",
                  glossary=glossary)
    assert m.text == "⟦0⟧ built a large language model"
    assert [s.kind for s in m.spans] == ["name"]
    restored = restore(m, "⟦0⟧ bouwde een groot taalmodel")
    assert restored.ok
    assert restored.text == "OpenAI bouwde een groot taalmodel"


def test_names_inside_chinese_text(glossary: Glossary) -> None:
    m = mask_text("OpenAI发布了GPT-4。", source="zh", target="en", glossary=glossary)
    assert m.text == "⟦0⟧发布了⟦1⟧。"
    assert restore(m, "⟦0⟧ released ⟦1⟧.").text == "OpenAI released GPT-4."


def test_a_placeholder_next_to_a_term_is_masked_alone(glossary: Glossary) -> None:
    m = mask_text("{n} newsletter", source="en", target="nl", glossary=glossary)
    assert m.text == "⟦0⟧ newsletter"
    assert restore(m, "⟦0⟧ nieuwsbrief").text == "{n} nieuwsbrief"


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        ("Hallo", "lost placeholder '%(name)s'"),
        ("Hallo ⟦0⟧ ⟦0⟧", "duplicated placeholder '%(name)s'"),
        ("Hallo ⟦0⟧ ⟦7⟧", "invented mask ⟦7⟧"),
    ],
    ids=["lost", "duplicated", "invented"],
)
def test_mask_problems_are_reported(output: str, problem: str) -> None:
    m = mask_text("Hello %(name)s", source="en", target="nl")
    restored = restore(m, output)
    assert not restored.ok
    assert restored.problems() == [problem]


@pytest.mark.parametrize("output", ["Hallo ⟦ 0 ⟧", "Hallo ⟦０⟧", "Hallo 〚0〛", "Hallo ［0］"],
                         ids=["spaced", "full-width-digit", "white-brackets", "full-width"])
def test_what_a_model_does_to_a_mask_it_copies_is_tolerated(output: str) -> None:
    m = mask_text("Hello {name}", source="en", target="nl")
    assert restore(m, output).text == "Hallo {name}"


@given(st.text(alphabet=st.characters(blacklist_characters="⟦⟧"), max_size=60))
def test_identity_translation_restores_the_text(text: str) -> None:
    m = mask_text(text, source="en", target="nl")
    restored = restore(m, m.text)
    assert restored.ok
    assert restored.text == text
