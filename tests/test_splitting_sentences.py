"""Running sentences: English loanwords and quotations inside Dutch text are no pairs.

Every line here is invented for the test.
"""

from __future__ import annotations

import pytest

from localize.splitting import LineSplit, Splitter

SPLITTER = Splitter()


def cut(result: LineSplit) -> list[tuple[str, str]]:
    return [(s.lang, s.text) for s in result.segments]


@pytest.mark.parametrize("line", [
    "Zij bouwen een low-code platform voor scholen.",
    "Onze redactie volgt de opkomst van smart glasses en wearables.",
    "Het team werkt aan een open-source toolkit voor robots.",
    "Deze week gaat de nieuwsbrief over embeddings en vector databases.",
])
def test_dutch_sentence_with_english_loanwords_is_one_segment(line: str) -> None:
    got = SPLITTER.split_line(line)
    assert cut(got) == [("nl", line)]
    assert got.pairs == ()


@pytest.mark.parametrize(("before", "quote", "after"), [
    pytest.param("Het bedrijf noemt de chip", '"the fastest open hardware on the market"',
                 "maar reviewers zijn kritisch over de benchmarks.", id="shared-word-inside"),
    pytest.param("De docent vindt dat studenten", "“should learn to test their own code”",
                 "en raadt unit tests aan.", id="loanwords-after"),
    pytest.param("Een woordvoerder noemde de storing", '"a rare bug in our cloud storage"',
                 "en beloofde een fix.", id="loanword-at-the-end"),
    pytest.param("Volgens haar is prompt design", "'the best skill for new students'",
                 "en geen hype.", id="english-words-before-the-quote"),
])
def test_quotation_with_loanwords_around_it(before: str, quote: str, after: str) -> None:
    got = SPLITTER.split_line(f"{before} {quote} {after}")
    assert cut(got) == [("nl", before), ("en", quote), ("nl", after)]
    assert got.pairs == ()


@pytest.mark.parametrize(("line", "halves"), [
    # English text after a Dutch word, followed by more English: no loanword
    ("Kon het bestand niet openen file not found.", ("Kon het bestand niet openen",
                                                     "file not found.")),
    ("Read the full report Lees het volledige rapport.", ("Read the full report",
                                                          "Lees het volledige rapport.")),
])
def test_english_text_next_to_dutch_is_still_its_own_segment(
        line: str, halves: tuple[str, str]) -> None:
    got = SPLITTER.split_line(line)
    assert {s.text for s in got.segments} == set(halves)
