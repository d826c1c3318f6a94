"""The fuzzy index finds what comparing every pair finds, with bounded work per message."""

from __future__ import annotations

import random
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.catalogs.fuzzy import FUZZY_THRESHOLD, SHORT, FuzzyIndex, grams, similarity
from localize.catalogs.merge import merge_catalog
from localize.catalogs.model import Catalog, Entry
from localize.fsio import read_catalog

ROOT = Path(__file__).resolve().parent.parent


def every_pair(old: list[str], new: list[str], *, seen: bool = False) -> list[str | None]:
    """The reference: each new message against every unused old one, in order (the merge's
    matching before the index); with ``seen``, only against those the index can see (sharing
    an n-gram, or both short)."""
    left = list(old)
    found: list[str | None] = []
    matcher = SequenceMatcher(autojunk=False)
    for text in new:
        best, best_score = None, FUZZY_THRESHOLD
        matcher.set_seq2(text)
        for candidate in left:
            if seen and not (grams(candidate) & grams(text) or len(text) < SHORT):
                continue
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
                continue
            score = matcher.ratio()
            if score > best_score:
                best, best_score = candidate, score
        if best is not None:
            left.remove(best)
        found.append(best)
    return found


def indexed(old: list[str], new: list[str], **options: int) -> list[str | None]:
    index = FuzzyIndex([Entry(msgid=m, msgstr="x") for m in old], **options)
    return [None if (e := index.take(text)) is None else e.msgid for text in new]


def edited(text: str, rng: random.Random) -> str:
    """``text`` with one to three words (characters, for Chinese) dropped, doubled or reversed."""
    spaced = " " in text
    parts = text.split(" ") if spaced else list(text)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(parts))
        roll = rng.random()
        if roll < 0.33 and len(parts) > 1:
            del parts[at]
        elif roll < 0.66:
            parts.insert(at, parts[at])
        else:
            parts[at] = parts[at][::-1]
    return (" " if spaced else "").join(parts)


def seed_messages() -> list[str]:
    return [e.msgid for name in ("messages-en.pot", "messages-zh.pot")
            for e in read_catalog(ROOT / "locales" / name) if e.msgid]


@pytest.mark.parametrize("seed", [1, 2])
def test_the_index_matches_every_pair_on_the_sites_messages(seed: int) -> None:
    rng = random.Random(seed)
    old = seed_messages()
    new = [m for m in dict.fromkeys(edited(m, rng) for m in old) if m not in set(old)]
    new = rng.sample(new, 120)
    expected, found = every_pair(old, new), indexed(old, new)
    differ = [(text, a, b) for text, a, b in zip(new, found, expected, strict=True) if a != b]
    # what the index may miss: a pair that shares no n-gram at all (msgmerge's misses it too)
    assert all(a is None and not (grams(text) & grams(b or "")) for text, a, b in differ), differ
    assert len(differ) <= len(new) // 100


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="abcd 模型", min_size=1, max_size=12), min_size=1,
                max_size=25, unique=True),
       st.lists(st.text(alphabet="abcd 模型", min_size=1, max_size=12), min_size=1,
                max_size=25, unique=True))
def test_on_small_catalogs_the_index_is_every_pair(old: list[str], new: list[str]) -> None:
    # a budget and a candidate list that cover the catalog: the result must be the same
    assert indexed(old, new, budget=10**6, candidates=10**6) == every_pair(old, new, seen=True)


def test_a_tie_goes_to_the_earlier_old_entry_and_each_is_taken_once() -> None:
    old = ["Reading time 5 min", "Reading time 7 min", "Reading time 9 min"]
    assert indexed(old, ["Reading time 6 min"] * 4) == [*old, None]


def test_short_messages_and_chinese_words_are_found() -> None:
    old = ["Yes", "训练模型", "Level", "OpenAI updates"]
    found = indexed(old, ["Yes!", "训练新模型", "Levels", "Unrelated text"])
    assert found == ["Yes", "训练模型", "Level", None]
    assert similarity("训练模型", "训练新模型") > FUZZY_THRESHOLD


def test_the_threshold_is_strict() -> None:
    # "abcde" against "abcxy": 2 * 3 / 10 = 0.6 exactly, not above it
    assert similarity("abcde", "abcxy") == pytest.approx(0.6)
    assert indexed(["abcde"], ["abcxy"]) == [None]


def test_merge_gives_a_changed_message_the_most_similar_translation() -> None:
    old = Catalog()
    for text, translation in [("The model learns from feedback.", "Het model leert."),
                              ("The model learns from data.", "Het model leert van data."),
                              ("A quite different sentence.", "Een andere zin.")]:
        old.add(Entry(msgid=text, msgstr=translation))
    template = Catalog(header={"X-Source-Language": "en"})
    template.add(Entry(msgid="The model learns from more data."))
    merged = merge_catalog(template, old, locale="nl", page_translation=lambda _: None)
    entry = merged.get("The model learns from more data.")
    assert entry is not None and entry.fuzzy
    assert (entry.previous_msgid, entry.msgstr) == ("The model learns from data.",
                                                    "Het model leert van data.")
    assert [e.msgid for e in merged.obsolete] == ["The model learns from feedback.",
                                                  "A quite different sentence."]
