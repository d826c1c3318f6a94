from __future__ import annotations

import pytest

from localize.sources.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("One. Two! Three?", "en", ["One.", "Two!", "Three?"]),
        ("See e.g. the appendix. Then stop.", "en", ["See e.g. the appendix.", "Then stop."]),
        ("Dr. Weng and Mr. Chung spoke. They agreed.", "en",
         ["Dr. Weng and Mr. Chung spoke.", "They agreed."]),
        ("J. Smith wrote it. It is 2.5 times faster.", "en",
         ["J. Smith wrote it.", "It is 2.5 times faster."]),
        ("1. Fully automate tasks. Then rest.", "en", ["1. Fully automate tasks.", "Then rest."]),
        ("Zie bijv. de bijlage. Dat is alles.", "nl", ["Zie bijv. de bijlage.", "Dat is alles."]),
        ("Dit werkt o.a. goed. Klaar.", "nl", ["Dit werkt o.a. goed.", "Klaar."]),
        ("模型很强。它会学习！真的吗?", "zh", ["模型很强。", "它会学习！", "真的吗?"]),
        ("他说:“让他保持饥饿。”这很重要。", "zh", ["他说:“让他保持饥饿。”", "这很重要。"]),
        ("a sentence without end", "en", ["a sentence without end"]),
        ("lower case after. stop does not split", "en", ["lower case after. stop does not split"]),
    ],
    ids=["basic", "eg", "titles", "initial-decimal", "list-number", "nl-bijv", "nl-oa", "zh",
         "zh-quote", "no-end", "lowercase-next"],
)
def test_split_sentences(text: str, lang: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("详见 https://example.com/a?b=1。然后继续。", "zh",
     ["详见 https://example.com/a?b=1。", "然后继续。"]),
    ("Search https://example.com/find?q=ai! Then read on.", "en",
     ["Search https://example.com/find?q=ai!", "Then read on."]),
    ("See https://example.com/a. Then go.", "en", ["See https://example.com/a.", "Then go."]),
])
def test_a_url_is_never_cut(text: str, lang: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected
