"""Finding glossary terms in text: the one matcher that checks and machine translation share.

Latin script is matched at word boundaries, case-insensitively, with simple
English and Dutch inflection (``neural networks``, ``neurale netwerken``,
``taalmodellen``). Acronyms (``RLHF``, ``GPU``) and do-not-translate names
(``OpenAI``, ``GPT-4``) are matched with their exact case. Han script has no
spaces, so it is matched as the longest form starting at each position
(``大型语言模型`` before ``语言模型``); a Latin name needs no space around it in
Chinese text (``OpenAI联合创始人``).

Every language gets one precompiled alternation, longest forms first, built on
first use and kept on the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from localize.glossary import Term

__all__ = [
    "LATIN_WORD",
    "TermMatch",
    "TermMatcher",
    "form_pattern",
    "inflections",
    "name_pattern",
]

# The characters of a Latin word; anything else (space, punctuation, Han) is a boundary.
LATIN_WORD = "A-Za-z0-9\u00c0-\u024f"
_BEFORE = f"(?<![{LATIN_WORD}])"
_AFTER = f"(?![{LATIN_WORD}]|[.,]\\d)"  # "GPT-3" is not found inside "GPT-3.5"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_CHAR = re.compile(f"[{LATIN_WORD}]")
_WORD_GAP = re.compile(r"(\s+|-)")
_SPACE_GAP = r"(?:[\s\u00a0]+|-)"
_HYPHEN_GAP = r"[\s\u00a0-]?"
_NAME_CHUNK = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z\u00c0-\u024f]+|[0-9]+")
_NAME_GAP = r"[\s\u00a0\-\u00b7._]?"
_VOWEL = "aeiou"


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a glossary term: ``text`` is what stands at ``start:end``."""

    start: int
    end: int
    term: Term
    lang: str
    text: str

    @property
    def exact(self) -> bool:
        """Whether the text is one of the term's accepted forms exactly as written."""
        return self.text in self.term.forms(self.lang)


def inflections(word: str, lang: str) -> list[str]:
    """The inflected forms of one lowercase word accepted for ``lang``, longest first.

    >>> inflections("netwerk", "nl")[:2]
    ['netwerkens', 'netwerken']
    """
    forms = {word, word + "s"}
    if lang == "nl":
        forms |= _dutch(word)
    forms |= _english(word)
    return sorted(forms, key=lambda f: (-len(f), f))


def _english(word: str) -> set[str]:
    forms = set()
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    if len(word) > 2 and word.endswith("y") and word[-2] not in _VOWEL:
        forms.add(word[:-1] + "ies")
    if word.endswith("is"):
        forms.add(word[:-2] + "es")  # hypothesis, hypotheses
    if word.endswith(("ix", "ex")):
        forms.add(word[:-2] + "ices")  # matrix, matrices
    return forms


def _dutch(word: str) -> set[str]:
    forms = {word + "e", word + "en", word + "'s"}
    if word.endswith("e"):
        forms |= {word + "n", word[:-1]}
    if re.search(r"([aeou])\1[^aeiouyjw]$", word):  # neuraal: neurale, groot: grote
        short = word[:-2] + word[-1]
        forms |= {short + "e", short + "en"}
    if re.search(r"(?:^|[^aeiou])[aeiou][^aeiouyjw]$", word):  # model: modellen
        forms |= {word + word[-1] + "e", word + word[-1] + "en"}
    if word.endswith("f"):
        forms |= {word[:-1] + "ve", word[:-1] + "ven"}
    if word.endswith("s") and not word.endswith("ss"):
        forms |= {word[:-1] + "ze", word[:-1] + "zen"}
    if word.endswith("heid"):
        forms.add(word[:-4] + "heden")
    if word.endswith("um"):
        forms.add(word[:-2] + "a")
    return forms


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in form


def _bounded(form: str, body: str) -> str:
    """Wrap ``body`` in Latin word boundaries where the form starts or ends with a Latin letter."""
    head = _BEFORE if _LATIN_CHAR.match(form[0]) else ""
    tail = _AFTER if _LATIN_CHAR.match(form[-1]) else ""
    return f"{head}{body}{tail}"


def _phrase_pattern(form: str, lang: str) -> str:
    """A case-insensitive pattern for a Latin phrase, with inflection on the words that take it."""
    parts = _WORD_GAP.split(form.lower())
    words, gaps = parts[0::2], parts[1::2]
    inflect_all = lang == "nl"
    out: list[str] = []
    for i, word in enumerate(words):
        if i:
            out.append(_HYPHEN_GAP if gaps[i - 1] == "-" else _SPACE_GAP)
        if word.isalpha() and (inflect_all or i == len(words) - 1):
            out.append("(?:" + "|".join(re.escape(w) for w in inflections(word, lang)) + ")")
        else:
            out.append(re.escape(word))
    return "(?i:" + "".join(out) + ")"


def form_pattern(form: str, lang: str, *, dnt: bool) -> str:
    """The regular expression that finds one accepted form of a term in ``lang`` text."""
    if dnt or _HAN.search(form):
        return _bounded(form, re.escape(form))
    if _is_acronym(form):
        return _bounded(form, re.escape(form) + "(?:s|'s)?")
    return _bounded(form, _phrase_pattern(form, lang))


def name_pattern(name: str) -> str:
    """A loose pattern for a name: any case, a space, hyphen or nothing between its parts.

    It finds the altered spellings of a do-not-translate name ("Open AI", "GPT 4",
    "Gpt-4") as well as the name itself.
    """
    chunks = _NAME_CHUNK.findall(name)
    if not chunks:
        return _bounded(name, re.escape(name))
    body = _NAME_GAP.join(re.escape(c) for c in chunks)
    return f"{_BEFORE}(?i:{body}){_AFTER}"


class TermMatcher:
    """Precompiled finders for a set of terms, one per language, built on first use."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self._terms = tuple(terms)
        self._all: dict[str, tuple[re.Pattern[str], dict[str, Term]]] = {}
        self._names: dict[str, tuple[re.Pattern[str], dict[str, Term]]] = {}
        self._single: dict[tuple[int, str], re.Pattern[str]] = {}

    def find(self, text: str, lang: str) -> list[TermMatch]:
        """Non-overlapping occurrences of any term in ``text``, leftmost and longest first."""
        if lang not in self._all:
            self._all[lang] = self._compile(lang, self._terms, loose=False)
        return self._scan(self._all[lang], text, lang)

    def find_altered(
        self, text: str, lang: str, terms: Iterable[Term] | None = None
    ) -> list[TermMatch]:
        """Spellings of do-not-translate names that differ from the name ("Open AI" for "OpenAI").

        With ``terms``, only those names are looked for. Without, single-word names
        may also turn up as ordinary words ("claude"), so callers that know which
        names to expect should pass them.
        """
        wanted = None if terms is None else {id(t) for t in terms}
        if lang not in self._names:
            names = [t for t in self._terms if t.dnt]
            self._names[lang] = self._compile(lang, names, loose=True)
        return [
            m
            for m in self._scan(self._names[lang], text, lang)
            if not m.exact and (wanted is None or id(m.term) in wanted)
        ]

    def search(self, text: str, term: Term, lang: str) -> list[TermMatch]:
        """Every occurrence of one term's forms, whatever other terms overlap it."""
        key = (id(term), lang)
        if key not in self._single:
            self._single[key] = self._compile(lang, [term], loose=False)[0]
        return [
            TermMatch(m.start(), m.end(), term, lang, m.group())
            for m in self._single[key].finditer(text)
        ]

    @staticmethod
    def _compile(
        lang: str, terms: Iterable[Term], *, loose: bool
    ) -> tuple[re.Pattern[str], dict[str, Term]]:
        alternatives: list[tuple[int, str, str]] = []
        owners: dict[str, Term] = {}
        for i, term in enumerate(terms):
            for k, form in enumerate(term.forms(lang)):
                group = f"t{i}_{k}"
                owners[group] = term
                pattern = name_pattern(form) if loose else form_pattern(form, lang, dnt=term.dnt)
                alternatives.append((len(form), group, pattern))
        alternatives.sort(key=lambda a: -a[0])
        if not alternatives:
            return re.compile(r"(?!)"), owners
        body = "|".join(f"(?P<{g}>{p})" for _, g, p in alternatives)
        return re.compile(body), owners

    @staticmethod
    def _scan(
        compiled: tuple[re.Pattern[str], dict[str, Term]], text: str, lang: str
    ) -> list[TermMatch]:
        pattern, owners = compiled
        out = []
        for m in pattern.finditer(text):
            if m.lastgroup is None:
                continue
            out.append(TermMatch(m.start(), m.end(), owners[m.lastgroup], lang, m.group()))
        return out
