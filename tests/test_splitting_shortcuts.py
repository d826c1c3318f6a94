"""The splitter's shortcuts give what the plain definitions they stand for give.

Each fast path (a check once per line, a table of candidate pairs shared by
runs of every length, a lexicon of pre-expanded translation keys, ...) is
compared with a direct implementation of its definition, on generated input.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.splitting import Splitter
from localize.splitting.confidence import KeySets, _crossing, key_sets
from localize.splitting.finish import joined
from localize.splitting.lexicon import HAN_RANGES, TokenInfo, WordModel, _han_count, is_han_char
from localize.splitting.links import SHARED_MIN
from localize.splitting.pairs import RATIO_SLACK, grid
from localize.splitting.segment import EDGE_SYMBOLS, QUOTE_THEN_PUNCT, TOKEN, _runs, _tokens
from localize.splitting.wordstore import EN_SUFFIXES, NL_SUFFIXES, stem, translation_keys

# characters around every boundary the shortcuts care about
ALPHABET = [*"aZx .,!?\"”»’'()-_", "、", "：", "ab.C",
            "\u3040", "\u30ff", "\u303f", "\u3100", "\u4e00", "\u9fff",
            "\ua000", "\uf900", "\ufaff", "\u2e80", "\u2fff", "\U00020000", "\U0002ffff",
            "\U00030000", "é", "—", "\u00a0", "\t", "  ", "設", "“", "。", "，", "↗", "▶", "《",
            "「", "€", "™", "\u2190", "\u218f", "\U0001f525", "3"]
TEXT = st.lists(st.sampled_from(ALPHABET), max_size=14).map("".join)

HAN_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
OPENING = re.escape("".join(chr(c) for c in range(0x10000)
                            if unicodedata.category(chr(c)) in ("Ps", "Pi")))
LATIN_THEN_HAN = re.compile(f"[A-Za-z][^\\s{HAN_CLASS}]*?(?=[{OPENING}]*[{HAN_CLASS}])")
HAN_CHARS = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_RANGES) + "]")
SYMBOLS = re.escape("".join(chr(c) for lo, hi in EDGE_SYMBOLS for c in range(lo, hi + 1)
                            if unicodedata.category(chr(c)) in ("So", "Sm")))
LEADING = re.compile(f"^[{SYMBOLS}]+(?=[^\\W_])")
TRAILING = re.compile(f"(?<=[^\\W_])[{SYMBOLS}]+$")


GLUED_STOP = re.compile(r"[^.]{2,}?(?<=[^\W\d_A-Z]{2})\.(?=[A-Z])")
AFTER_MARK = re.compile("(?<=[、：，；])(?=[A-Za-z])")
BEFORE_COMMA = re.compile("(?<=[A-Za-z0-9])(?=、[A-Za-z])")


def marks_by_definition(text: str, head: int, tail: int) -> list[tuple[int, int]]:
    """A token core cut after Chinese list punctuation that Latin letters follow, and before an
    enumeration comma between a Latin letter or digit and a Latin letter."""
    edges = {head, tail}
    for pattern in (AFTER_MARK, BEFORE_COMMA):
        edges |= {m.start() for m in pattern.finditer(text, head, tail) if head < m.start() < tail}
    return list(pairwise(sorted(edges)))


def tokens_by_definition(text: str) -> list[tuple[int, int]]:
    """Whitespace tokens, cut where Latin letters run into Chinese (opening brackets before it
    go with the Chinese) or a quote into punctuation; symbols glued to a word's ends apart; in
    a line with Chinese, a full stop between small letters and a capital ends a token."""
    out = []
    chinese = re.search(f"[{HAN_CLASS}]", text) is not None
    for match in TOKEN.finditer(text):
        start, end = match.span()
        stop = GLUED_STOP.match(text, start, end) if chinese else None
        if stop is not None and stop.end() < end:
            out.append((start, stop.end()))
            start = stop.end()
        token = text[start:end]
        lead, trail = LEADING.search(token), TRAILING.search(token)
        head = start + (lead.end() if lead else 0)
        tail = start + (trail.start() if trail else len(token))
        out += [(start, head)] if head > start else []
        cut = LATIN_THEN_HAN.match(text, head, tail) or QUOTE_THEN_PUNCT.search(text, head, tail)
        if cut is not None and head < cut.end() < tail:
            out += [(head, cut.end()), (cut.end(), tail)]
        else:
            out += marks_by_definition(text, head, tail)
        out += [(tail, end)] if tail < end else []
    return out


def runs_by_definition(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    runs, first = [], 0
    for t in range(1, len(spans)):
        if not joined(text[spans[t - 1][1] : spans[t][0]]):
            runs.append((first, t))
            first = t
    return [*runs, (first, len(spans))] if spans else []


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("a↗ ▶3 ↗↗ ™a↗x x.《設 設↗ a“設")
@example("ab.Cd.Ef 設 x、Ab、c 設：Ab a，a 、a .ab.C一")
def test_tokens_and_runs_follow_their_definition(text: str) -> None:
    spans = _tokens(text)
    assert spans == tokens_by_definition(text)
    assert _runs(text, spans) == runs_by_definition(text, spans)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_chinese_characters_are_counted_as_the_ranges_say(text: str) -> None:
    for token in text.split():
        assert _han_count(token) == len(HAN_CHARS.findall(token))
    for ch in text:
        assert is_han_char(ch) == any(lo <= ord(ch) <= hi for lo, hi in HAN_RANGES)


def grid_by_definition(size: int, half: int, han: bool) -> list[tuple[int, int, int]]:
    """Every (i, k, j) with halves of 1..half tokens, not too far apart, by span then split."""
    found = [(i, i + a, i + a + b) for i in range(size) for a in range(1, half + 1)
             for b in range(1, half + 1)
             if i + a + b <= size and b <= 2 * a + RATIO_SLACK
             and (han or a <= 2 * b + RATIO_SLACK)]
    return sorted(found, key=lambda t: (t[0], t[2], t[1]))


@pytest.mark.parametrize("han", [True, False])
@pytest.mark.parametrize(("size", "half"), [(2, 1), (3, 2), (9, 8), (21, 20), (22, 20),
                                             (40, 20), (40, 7), (30, 29), (140, 20)])
def test_candidate_pairs_are_those_of_the_definition(size: int, half: int, han: bool) -> None:
    g = grid(size, half, han)
    want = grid_by_definition(size, half, han)
    assert list(zip(g.i.tolist(), g.k.tolist(), g.j.tolist(), strict=True)) == want
    spans = sorted({(i, j) for i, _, j in want})
    assert list(zip(g.span_i.tolist(), g.span_j.tolist(), strict=True)) == spans
    assert int(g.counts.sum()) == len(want)
    for at in range(0, len(want), 7):
        assert g.find(*want[at]) == at
    assert g.find(0, size, size + 1) == -1
    assert np.array_equal(g.a, g.i * half + (g.k - g.i - 1))
    assert np.array_equal(g.b, g.k * half + (g.j - g.k - 1))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeghilnorstuyz", min_size=0, max_size=12))
def test_stems_follow_the_suffix_list_in_order(word: str) -> None:
    want = word
    for suffix in EN_SUFFIXES + NL_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            want = word[: -len(suffix)]
            break
    assert stem(word) == want


MODEL = WordModel(extra_pairs=[("dashboard", "overzichtspaneel"), ("file system", "bestand")])


def targets_by_definition(model: WordModel, norm: str) -> tuple[str, ...]:
    """Translations of the word, of its parts of three letters or more, or else of its stem;
    each as a link key, with the link key of its stem."""
    def translations(word: str) -> set[str]:
        stored = model._data.lexicon.get(word) if model._data else None
        keys = set(stored.split("|")) if stored else set()
        return keys | translation_keys(model._lex.get(word, set()))

    found = translations(norm)
    for part in re.split(r"[-‐'’/._]+", norm):
        if len(part) >= 3 and part != norm:
            found |= translations(part)
    if not found:
        found = translations(stem(norm))
    return tuple(sorted(found))


@pytest.mark.parametrize("word", ["house", "houses", "werken", "file", "system", "file-system",
                                  "dashboard", "overzichtspaneel", "bestand", "zzqx", "e.g.",
                                  "open-source", "vakantiehuis", "a"])
def test_translation_keys_follow_their_definition(word: str) -> None:
    MODEL.info(word)  # loads the data
    assert MODEL._targets(word) == targets_by_definition(MODEL, word)


def crossing_by_definition(left: list[str], right: list[str]) -> set[int]:
    infos = [MODEL.info(t) for t in left + right]
    cut = len(left)
    found = set()
    for t, info in enumerate(infos):
        others = infos[cut:] if t < cut else infos[:cut]
        strong = {k for k, w in info.keys if w >= SHARED_MIN}
        every = {k for k, _ in info.keys}
        if any(strong & {k for k, w in o.keys if w >= SHARED_MIN}
               or set(info.targets) & {k for k, _ in o.keys} or every & set(o.targets)
               for o in others):
            found.add(t)
    return found


@pytest.mark.parametrize(("left", "right"), [
    (["Open", "file"], ["Bestand", "openen"]),
    (["Settings"], ["Instellingen"]),
    (["PCF", "font"], ["PCF-lettertype"]),
    (["error", "found"], ["fout", "gevonden"]),
    (["the", "house"], ["het", "huis"]),
    (["Status"], ["Status"]),
    ([], ["leeg"]),
])
def test_links_across_a_pair_follow_their_definition(left: list[str], right: list[str]) -> None:
    def sets(tokens: list[str]) -> list[tuple[TokenInfo, KeySets]]:
        return [(MODEL.info(t), key_sets(MODEL.info(t))) for t in tokens]

    assert _crossing(sets(left), sets(right)) == crossing_by_definition(left, right)


def test_lines_split_alone_or_together_agree() -> None:
    lines = ["Save changes Wijzigingen opslaan", "Reading time Leestijd 8 min",
             "Open the settings 打开设置", "Het weer is vandaag mooi.", "  ", "Status Status",
             "Py学习 \xa0»\xa0 机器学习算法", 'Hij zei "move fast and break things" gisteren.']
    together = Splitter().explain_lines(lines * 3)
    alone = [Splitter().explain_lines([line])[0] for line in lines * 3]
    assert together == alone


@pytest.mark.parametrize("line", [
    "system Leestijd time Auteur Language or een kanaal rapport ondertitel Wijzigingen or "
    "Download maart gevonden Open changes error maart is or score subtitle March map document "
    "Wijzigingen Leestijd diepte or not effective with",
    "Bestand packets Leestijd pakketten bestandsnaam Wijzigingen Cancel is document gevonden "
    "opslaan openen Download veranderd subtitle systeem het rapport is Bestand vereist code "
    "vereist Download Annuleren bestandsnaam the Leestijd Channel Channel Auteur kanaal documenten",
])
def test_a_line_splits_the_same_beside_chinese_lines(line: str) -> None:
    """Lines are scored in batches; a Chinese line in the same call changes nothing."""
    beside = " ".join([*line.split()[:-1], "中文"])
    splitter = Splitter()
    assert splitter.split_lines([line, beside])[0] == splitter.split_lines([line])[0]
