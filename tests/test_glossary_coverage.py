"""The project glossary covers the seeds: every gloss, name and model in them has an entry.

Candidates are derived from the seeds with simple patterns written here (not the
library's own miner), so a gap in either shows up:

* bracketed English glosses in Chinese text, 通用智能(General Intelligence), and
  the reverse, Instruction-following(指令跟踪);
* names inside Chinese text: model-like tokens (GPT-4, AlexNet, TensorFlow,
  LSTM), capitalised words and multi-word names (Ilya Sutskever);
* model-like tokens in the English article and the paper abstracts (RLHF,
  CIFAR-10, GPT-J).

What is deliberately not a term is listed below with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from localize.terms.glossary import Glossary, load_glossary

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

HAN = re.compile(r"[\u4e00-\u9fff]")
URL = re.compile(r"(?:https?://|www\.)[^\s\u4e00-\u9fff]+"
                 r"|[A-Za-z0-9.-]+\.(?:com|net|org|ai)\b[^\s\u4e00-\u9fff]*")
GLOSS_AFTER = re.compile(r"([\u4e00-\u9fff]+)[”\"]?[(（]([A-Za-z][A-Za-z '\-]*)[)）]")
GLOSS_BEFORE = re.compile(r"([A-Za-z][A-Za-z\-]*)[(（]([\u4e00-\u9fff]+)[)）]")
MODEL_LIKE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.·*/;](?=[A-Z0-9])[A-Za-z0-9]+)*"
    r"(?:\((?:True|IK)\))?")
CAPITALISED = re.compile(r"(?<![A-Za-z0-9])[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*(?![A-Za-z0-9])")

NOT_TERMS = {
    # ordinary words glossed in passing, not terminology
    "wide": "an adjective (足够宽), glossed for emphasis",
    "deep": "an adjective (很深), glossed for emphasis",
    "fall": "a verb (抑制), glossed for emphasis",
    "inert and passive": "adjectives (惰性和被动), glossed for emphasis",
    "soft problem": "an idiom (软柿子) explained in passing",
    "bit": "'a bit' is everyday English; matching it would flag ordinary prose",
    # misspellings in the sources, kept as found
    "AIphaGo": "a misspelling of AlphaGo (capital I for l) in seed 001",
    "GPT3": "a misspelling of GPT-3 in seed 001; find_altered reports it",
    "Greg Brookman": "a misspelling of Greg Brockman in seed 001",
    "Piter Abbeel": "a misspelling of Pieter Abbeel in seed 001",
    "Alexnet": "a miscapitalisation of AlexNet in seed 001; find_altered reports it",
    # the scraped site's navigation and footer around the article in seed 001
    "WEB": "navigation", "DATABASE": "navigation", "Py": "navigation ('Py学习')",
    "Django": "navigation", "DjangoApp": "navigation",
    "MongoDB": "navigation", "Redis": "navigation", "NGINX": "navigation",
    "NoSql": "navigation", "Bootstrap": "navigation", "Git": "navigation",
    "IE": "navigation", "MQ": "navigation", "Jquery": "navigation", "Web": "navigation",
    "Python/Django": "the site's footer naming two frameworks",
    # units, file types and page furniture
    "PPT": "a file format", "U.S": "a country abbreviation in an abstract",
}


def chinese_lines() -> Iterator[str]:
    for path in SEEDS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if HAN.search(line):
                yield URL.sub(" ", line)


def english_lines() -> Iterator[str]:
    """The long lines of the English seeds: the article's paragraphs and the abstracts.

    Short lines are page furniture, and seed 002's title lines run titles into
    author names and dates ("SuperpositionNelson", "LGSep"), a scraping artefact.
    """
    for path in SEEDS:
        lines = path.read_text(encoding="utf-8").splitlines()
        if not any(HAN.search(x) for x in lines):
            yield from (x for x in lines if len(x) >= 200)


def glosses() -> list[tuple[str, str]]:
    found = []
    for line in chinese_lines():
        found += [(en.strip(), han) for han, en in GLOSS_AFTER.findall(line)]
        found += [(en.strip(), han) for en, han in GLOSS_BEFORE.findall(line)]
    return sorted(set(found))


def chinese_names() -> list[str]:
    found: set[str] = set()
    for line in chinese_lines():
        line = GLOSS_AFTER.sub(" ", line)
        found |= {m for m in MODEL_LIKE.findall(line) if model_like(m)}
        found |= set(CAPITALISED.findall(line))
    return sorted(found)


def english_names() -> list[str]:
    found: set[str] = set()
    for line in english_lines():
        found |= {m for m in MODEL_LIKE.findall(line) if model_like(m)}
    return sorted(found)


def model_like(token: str) -> bool:
    has_digit = any(c.isdigit() for c in token) and any(c.isalpha() for c in token)
    capitals = sum(c.isupper() for c in token)
    return has_digit or capitals >= 2


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


def covered(glossary: Glossary, candidate: str) -> bool:
    """Whether a glossary form holds the candidate as a whole word sequence."""
    options = [candidate]
    if candidate.endswith("s") and candidate[:-1].isupper():
        options.append(candidate[:-1])  # plural acronyms: LMs, GPUs
    for option in options:
        pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(option)}(?![A-Za-z0-9])")
        folded = re.compile(pattern.pattern, re.IGNORECASE)
        for term in glossary.terms:
            for form in term.en + term.nl + term.zh:
                lowercase_form = not term.dnt and form == form.lower()
                if (folded if lowercase_form else pattern).search(form):
                    return True
    return False


def test_glossary_has_at_least_120_entries(glossary: Glossary) -> None:
    assert len(glossary.terms) >= 120
    assert sum(not t.dnt for t in glossary.terms) >= 120  # terms, not only names


def test_the_derivation_finds_what_it_should() -> None:
    """Guard against patterns that silently find nothing."""
    assert ("General Intelligence", "强调了通用智能") in glosses()
    assert ("Instruction-following", "指令跟踪") in glosses()
    assert {"GPT-4", "AlexNet", "TensorFlow", "Ilya Sutskever", "LSTM"} <= set(chinese_names())
    assert {"RLHF", "CIFAR-10", "GPT-J", "TL;DR", "P(IK)"} <= set(english_names())


def test_not_terms_still_occur_in_the_seeds() -> None:
    """Every exclusion is something the derivation really finds (the list cannot go stale)."""
    derived = {e for e, _ in glosses()} | set(chinese_names()) | set(english_names())
    assert set(NOT_TERMS) <= derived, set(NOT_TERMS) - derived


@pytest.mark.parametrize(("english", "han"), [
    pytest.param(e, h, id=e) for e, h in glosses() if e not in NOT_TERMS])
def test_bracketed_gloss_is_in_the_glossary(glossary: Glossary, english: str, han: str) -> None:
    matches = glossary.find(english, "en")
    assert len(matches) == 1 and matches[0].text == english, f"no entry for {english!r}"
    term = matches[0].term
    assert term.dnt or any(form in han for form in term.zh), (
        f"{english!r} is glossed as {han!r}, but the glossary says {term.zh}")


@pytest.mark.parametrize("name", [
    pytest.param(n, id=n) for n in chinese_names() if n not in NOT_TERMS])
def test_name_in_chinese_text_is_in_the_glossary(glossary: Glossary, name: str) -> None:
    assert covered(glossary, name), f"{name!r} (in Chinese text) has no glossary entry"


@pytest.mark.parametrize("name", [
    pytest.param(n, id=n) for n in english_names() if n not in NOT_TERMS])
def test_name_in_english_text_is_in_the_glossary(glossary: Glossary, name: str) -> None:
    assert covered(glossary, name), f"{name!r} (in English text) has no glossary entry"


@pytest.mark.parametrize(("written", "name"), [("GPT3", "GPT-3"), ("Alexnet", "AlexNet")])
def test_misspelt_names_in_the_seeds_are_reported(glossary: Glossary, written: str,
                                                  name: str) -> None:
    line = next(x for x in chinese_lines() if re.search(rf"(?<![A-Za-z]){written}", x))
    altered = {(m.text, m.term.en[0]) for m in glossary.find_altered(line, "zh")}
    assert (written, name) in altered
