"""Running sentences: English loanwords and quotations inside Dutch text are no pairs, and a
pair cut out of running text is less sure.

Every line here is invented for the test.
"""

from __future__ import annotations

import pytest

from localize.splitting import LineSplit, Splitter
from localize.splitting.confidence import (
    CALIBRATION,
    KeySets,
    PairFeatures,
    key_sets,
    pair_features,
)
from localize.splitting.lexicon import TokenInfo, WordModel
from localize.splitting.types import Segment
from tests.splitview import cut

SPLITTER = Splitter()


@pytest.mark.parametrize("line", [
    "Zij bouwen een low-code platform voor scholen.",
    "Onze redactie volgt de opkomst van smart glasses en wearables.",
    "Het team werkt aan een open-source toolkit voor robots.",
    "Deze week gaat de nieuwsbrief over embeddings en vector databases.",
    "Machine learning wordt steeds belangrijker in de zorg.",
    "Open source software wordt steeds vaker gebruikt door gemeenten.",
    "Prompt engineering vraagt geduld en oefening.",
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


MODEL = WordModel()


def _info(token: str) -> tuple[TokenInfo, KeySets]:
    return MODEL.info(token), key_sets(MODEL.info(token))


def _features(parts: list[tuple[str, str]], pair: tuple[int, int]) -> PairFeatures:
    """The features of ``pair`` in a line made of ``parts`` (language, text), one space apart."""
    text = " ".join(part for _, part in parts)
    segments, at = [], 0
    for lang, part in parts:
        segments.append(Segment(part, lang, at, at + len(part)))
        at += len(part) + 1
    return pair_features(LineSplit(text, tuple(segments), (pair,)), 0, 1.0, _info)


@pytest.mark.parametrize(("parts", "pair", "running"), [
    pytest.param([("nl", "Het team bouwt een"), ("en", "demo portal"), ("nl", "voor scholen.")],
                 (1, 2), 1.0, id="inside-a-sentence"),
    pytest.param([("en", "demo portal"), ("nl", "voor scholen"), ("en", "and more")],
                 (0, 1), 1.0, id="text-runs-on-after"),
    pytest.param([("en", "Demo portal"), ("nl", "Demoportaal")], (0, 1), 0.0, id="label"),
    pytest.param([("en", "file not found"), ("nl", "bestand niet gevonden")], (0, 1), 0.0,
                 id="lower-case-message"),
    pytest.param([("nl", "Klaar."), ("en", "file not found"), ("nl", "bestand niet gevonden")],
                 (1, 2), 0.0, id="after-a-sentence-end"),
])
def test_running_text_feature(parts: list[tuple[str, str]], pair: tuple[int, int],
                              running: float) -> None:
    assert _features(parts, pair).running == running


def test_a_pair_cut_out_of_running_text_is_less_sure() -> None:
    label = PairFeatures(margin=1.0, linked=0.0, unlinked=1.0, capitals=0.0)
    assert CALIBRATION.confidence(label._replace(running=1.0)) < 0.9 < CALIBRATION.confidence(label)
