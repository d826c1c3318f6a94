"""Language checks: the translation is in the target language's script and language."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from localize.checks.base import ERROR, LANG_NAMES, WARNING, Unit, check

__all__: list[str] = []

log = logging.getLogger(__name__)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")


def _plain_words(unit: Unit, text: str, lang: str) -> list[str]:
    """The Latin words of ``text`` outside glossary terms, names and URLs."""
    text = _URL.sub(" ", text)
    pieces, last = [], 0
    for m in unit.glossary.find(text, lang):
        pieces.append(text[last : m.start])
        last = m.end
    pieces.append(text[last:])
    return [w for w in _WORD.findall(" ".join(pieces)) if not _HAN.search(w)]


@check("script", ERROR, "the translation must be written in the target language's script")
def _script(unit: Unit) -> Iterator[str]:
    han = len(_HAN.findall(unit.target))
    if unit.target_lang == "zh":
        words = _plain_words(unit, unit.target, "zh")
        if han == 0 and len(words) >= 2:
            yield f"translation into Chinese has no Chinese characters: '{' '.join(words[:6])}'"
    elif unit.target_lang in ("en", "nl"):
        letters = sum(len(w) for w in _WORD.findall(unit.target)) or 1
        if han > letters - han:
            name = LANG_NAMES[unit.target_lang]
            yield f"translation into {name} is mostly Chinese characters"


_MIN_LETTERS = 20


# Function words of one language and not the other: enough to tell a plainly Dutch
# or English sentence without asking the (slower) splitter.
_FUNCTION_WORDS = {
    "en": frozenset({
        "the", "a", "an", "of", "and", "that", "to", "for", "with", "on", "are", "be", "by",
        "this", "it", "from", "or", "which", "was", "were", "have", "has", "not", "but",
        "they", "their", "these", "those", "can", "will", "would"}),
    "nl": frozenset({
        "de", "het", "een", "van", "en", "dat", "die", "voor", "met", "op", "zijn", "worden",
        "wordt", "door", "dit", "deze", "niet", "maar", "ze", "hun", "kan", "zal", "zou",
        "naar", "ook", "bij", "nog", "wat", "om", "te"}),
}


def _clearly(lang: str, words: Sequence[str]) -> bool:
    """Whether the words are plainly ``lang``: more of its function words than the other's."""
    other = "nl" if lang == "en" else "en"
    low = [w.lower() for w in words]
    own = sum(w in _FUNCTION_WORDS[lang] for w in low)
    return own >= 2 and own > 2 * sum(w in _FUNCTION_WORDS[other] for w in low)


@check("language", WARNING, "the translation must be in the target language (by the splitter)")
def _language(unit: Unit) -> Iterator[str]:
    other = {"en": "nl", "nl": "en"}.get(unit.target_lang)
    if other is None or _HAN.search(unit.target):
        return
    words = _plain_words(unit, unit.target, unit.target_lang)
    if sum(len(w) for w in words) < _MIN_LETTERS or _clearly(unit.target_lang, words):
        return
    try:
        from localize.splitting import split_line
    except ImportError:  # the splitter is optional for checking
        log.debug("language check skipped: localize.splitting is not available")
        return
    sizes: Counter[str] = Counter()
    for seg in split_line(unit.target).segments:
        sizes[seg.lang] += seg.end - seg.start
    judged = sizes[other] + sizes[unit.target_lang]
    if judged and sizes[other] / judged > 0.6:
        yield (f"translation into {LANG_NAMES[unit.target_lang]} reads as "
               f"{LANG_NAMES[other]}: '{unit.target[:60]}'")


_SAME_WORDS = 3  # a text of this many words left as it is was not translated


@check("same-as-source", ERROR, "the translation must not be the source left as it is")
def _same_as_source(unit: Unit) -> Iterator[str]:
    if unit.source.strip() != unit.target.strip() or unit.source_lang == unit.target_lang:
        return
    words = _plain_words(unit, unit.source, unit.source_lang)
    if not words:
        return  # names, numbers, symbols: the same in every language
    if len(_WORD.findall(unit.source)) < _SAME_WORDS and unit.from_page:
        return  # a label the page itself gives the same in both languages
    yield (f"the translation is the {LANG_NAMES.get(unit.source_lang, unit.source_lang)} "
           f"source unchanged: '{unit.source[:60]}'")
