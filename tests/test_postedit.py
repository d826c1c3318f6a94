"""Post-editing a translated part, and the invariant a msgstr must meet to be written."""

from __future__ import annotations

import pytest

from localize.mt.masking import mask_text
from localize.mt.postedit import check_translation, polish, soft_problems
from localize.terms.glossary import read_glossary

EN_NL = ("en", "nl")


def spans_of(source: str) -> tuple[str, list]:  # type: ignore[type-arg]
    m = mask_text(source, source="en", target="nl")
    return m.text, list(m.spans)


@pytest.mark.parametrize(
    ("source", "output", "langs", "expected"),
    [
        (" Save ", "Opslaan", EN_NL, " Opslaan "),
        ("Save", "Opslaan Opslaan Opslaan", EN_NL, "Opslaan"),
        ("Log in", "Inloggen Inloggen", EN_NL, "Inloggen"),
        ("Bye bye", "Dag dag", EN_NL, "Dag dag"),
        ("Save", "Opslaan.", EN_NL, "Opslaan"),
        ("The file was saved.", "Het bestand is opgeslagen", EN_NL, "Het bestand is opgeslagen."),
        ("The file was saved!", "Het bestand is opgeslagen", EN_NL, "Het bestand is opgeslagen!"),
        ("Saved.", "已保存", ("en", "zh"), "已保存。"),
        ("Save", "opslaan", EN_NL, "Opslaan"),
        ("save", "Opslaan", EN_NL, "opslaan"),
        ("Hello  world", "Hallo  wereld", EN_NL, "Hallo  wereld"),
        ("Hello world", "Hallo   wereld", EN_NL, "Hallo wereld"),
    ],
    ids=["outer-whitespace", "repeated-word", "repeated-phrase", "source-repeats-itself",
         "label-loses-full-stop",
         "sentence-gets-full-stop", "exclamation", "full-width-for-chinese", "capital",
         "lower-case", "source-double-space-kept", "stray-spaces"],
)
def test_polish(source: str, output: str, langs: tuple[str, str], expected: str) -> None:
    assert polish(source, output, [], langs) == expected


@pytest.mark.parametrize(
    ("source", "output", "langs", "expected"),
    [
        ("Hello {name}", "Hallo⟦0⟧", EN_NL, "Hallo ⟦0⟧"),
        ("<b>Save</b> now", "⟦0⟧ Opslaan ⟦1⟧ nu", EN_NL, "⟦0⟧Opslaan⟦1⟧ nu"),
        ("{n}x faster", "⟦0⟧ x sneller", EN_NL, "⟦0⟧x sneller"),
        ("Delete {0}", "⟦0⟧ verwijderen", EN_NL, "⟦0⟧ verwijderen"),
        ("保存{0}", "Save⟦0⟧", ("zh", "en"), "Save ⟦0⟧"),
        ("Save {0}", "保存 ⟦0⟧", ("en", "zh"), "保存⟦0⟧"),
    ],
    ids=["glued-to-a-word", "spaces-inside-markup", "glued-in-source", "reordered",
         "out-of-chinese", "into-chinese"],
)
def test_spacing_around_masks_follows_the_source(source: str, output: str,
                                                 langs: tuple[str, str], expected: str) -> None:
    masked, spans = spans_of(source)
    assert polish(masked, output, spans, langs) == expected


@pytest.mark.parametrize(
    ("source", "text", "problem"),
    [
        ("Hello {name}", "Hallo", "lost '{name}'"),
        ("Hello", "Hallo %s", "unexpected '%s'"),
        ("Page %d of %s", "Pagina %s van %d", "placeholders out of order"),
        ("<b><i>Save</i></b>", "<b><i>Opslaan</b></i>", "markup not nested as in the source"),
        ("Hello", "Hallo ⟦0", "mask remnant '⟦'"),
        ("Hello", "Hallo ⁇", "mask remnant '⁇'"),
        ("Hello", "Hallo <unk>", "mask remnant '<unk>'"),
        ("Hello", "Hallo [X0", "mask remnant"),
        (" Hello", "Hallo", "leading or trailing whitespace differs"),
        ("Hello world", "Hallo  wereld", "doubled spaces"),
    ],
    ids=["lost", "invented", "swapped", "misnested", "bracket", "unknown", "unk", "stand-in",
         "outer-space", "double-space"],
)
def test_the_invariant_names_what_is_wrong(source: str, text: str, problem: str) -> None:
    masked = mask_text(source, source="en", target="nl")
    canonical = mask_text(text, source="en", target="nl").text
    problems = check_translation(masked, canonical, text, EN_NL)
    assert any(problem in p for p in problems), problems


def test_the_invariant_accepts_a_good_translation_and_named_reordering() -> None:
    source = "Page {current} of {total}, see <b>news</b>"
    text = "{total} pagina's, {current} nu; zie <b>nieuws</b>"
    masked = mask_text(source, source="en", target="nl")
    assert check_translation(masked, mask_text(text, source="en", target="nl").text, text,
                             EN_NL) == []


def test_spacing_glued_to_a_word_is_caught() -> None:
    masked = mask_text("Open %s files", source="en", target="nl")
    problems = check_translation(masked, "Open ⟦0⟧bestanden", "Open %sbestanden", EN_NL)
    assert problems == ["spacing around placeholder '%s' differs from the source"]


def test_a_lost_name_is_caught() -> None:
    glossary = read_glossary("en,nl,zh,dnt,note\nOpenAI,,,yes,\n")
    masked = mask_text("OpenAI wins", source="en", target="nl", glossary=glossary)
    assert "lost name 'OpenAI'" in check_translation(masked, "Open AI wint", "Open AI wint",
                                                      EN_NL)


def test_terms_are_checked_in_their_inflected_forms() -> None:
    glossary = read_glossary("en,nl,zh,dnt,note\nneural network,neuraal netwerk,神经网络,,\n")
    assert soft_problems("A neural network", "Een neuraal netwerk", glossary, EN_NL) == []
    assert soft_problems("Neural networks", "Neurale netwerken", glossary, EN_NL) == []
    assert soft_problems("A neural network", "Een brein", glossary, EN_NL) == [
        "term 'neural network' not translated as 'neuraal netwerk'"]
