"""Finding glossary terms in text: the one matcher that checks and machine translation share.

Latin script is matched at word boundaries with simple English and Dutch
inflection (``neural networks``, ``neurale netwerken``, ``taalmodellen``). A
form written in lowercase matches in any case; a form with capitals (``Google``,
``RLHF``) keeps them. Do-not-translate names (``OpenAI``, ``GPT-4``) match
exactly as written; :meth:`TermMatcher.find_altered` finds their altered
spellings ("Open AI", "GPT 4", "Gpt-4"). Han script has no
spaces, so it is matched as the longest form starting at each position
(``大型语言模型`` before ``语言模型``); a Latin name needs no space around it in
Chinese text (``OpenAI联合创始人``).

Every language gets one precompiled alternation, longest forms first, built on
first use and kept on the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from localize.terms.glossary import Term

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
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN_TOKEN = re.compile(f"[{LATIN_WORD}]+")
_LATIN_RUN = re.compile(f"[{LATIN_WORD}]+")
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
    """A pattern for a Latin phrase, with inflection on the words that take it.

    A form written in lowercase matches in any case ("Neural networks" at the start
    of a sentence); a form with capitals keeps them ("Google", "Go", "AI system").
    """
    ignore_case = form == form.lower()
    parts = _WORD_GAP.split(form)
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
    body = "".join(out)
    return f"(?i:{body})" if ignore_case else body


def form_pattern(form: str, lang: str, *, dnt: bool, compound: bool = False) -> str:
    """The regular expression that finds one accepted form of a term in ``lang`` text.

    With ``compound`` (Dutch), a term may also open a closed compound:
    "deep learning" in "deep-learningmodellen", "taalmodel" in "taalmodelonderzoek".
    """
    if dnt or _HAN.search(form):
        return _bounded(form, re.escape(form))
    body = re.escape(form) + "(?:s|'s)?" if _is_acronym(form) else _phrase_pattern(form, lang)
    if compound and lang == "nl" and _LATIN_CHAR.match(form[-1]):
        head = _BEFORE if _LATIN_CHAR.match(form[0]) else ""
        return f"{head}{body}(?:-?[a-z\u00e0-\u00ff]+)?{_AFTER}"
    return _bounded(form, body)


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


@dataclass(frozen=True)
class _Form:
    pattern: re.Pattern[str]
    term: Term


@dataclass
class _Index:
    """Forms keyed by how they start, so a scan tries only a handful at each word.

    Patterns are compiled when a text first has a word that could start them.
    """

    latin: dict[str, list[tuple[str, Term]]] = field(default_factory=dict)
    han: dict[str, list[tuple[str, Term]]] = field(default_factory=dict)
    key_size: int = 3
    compiled: dict[str, list[_Form]] = field(default_factory=dict)  # per key
    seen: dict[str, list[_Form]] = field(default_factory=dict)  # candidates per token


def _build_index(lang: str, terms: Iterable[Term], *, loose: bool) -> _Index:
    index = _Index(key_size=1 if loose else 3)
    for term in terms:
        for form in term.forms(lang):
            first = _LATIN_RUN.match(form)
            if first is None:
                index.han.setdefault(form[0], []).append((form, term))
                continue
            pattern = name_pattern(form) if loose else form_pattern(form, lang, dnt=term.dnt)
            key = first.group().lower()[: index.key_size]
            index.latin.setdefault(key, []).append((pattern, term))
    for forms in index.han.values():
        forms.sort(key=lambda f: -len(f[0]))
    return index


def _bucket(index: _Index, key: str) -> list[_Form]:
    forms = index.compiled.get(key)
    if forms is None:
        forms = [_Form(re.compile(p), t) for p, t in index.latin.get(key, ())]
        index.compiled[key] = forms
    return forms


def _candidates(index: _Index, token: str) -> list[_Form]:
    """The forms whose first word starts like ``token`` (short first words key on themselves)."""
    out = index.seen.get(token)
    if out is None:
        low = token.lower()
        out = []
        for size in range(min(index.key_size, len(low)), 0, -1):
            out.extend(_bucket(index, low[:size]))
        index.seen[token] = out
    return out


def _scan(index: _Index, text: str, lang: str) -> list[TermMatch]:
    """Leftmost-longest, non-overlapping matches of the indexed forms."""
    found: list[TermMatch] = []
    for m in _LATIN_TOKEN.finditer(text):
        best: re.Match[str] | None = None
        owner: Term | None = None
        for form in _candidates(index, m.group()):
            hit = form.pattern.match(text, m.start())
            if hit and (best is None or hit.end() > best.end()):
                best, owner = hit, form.term
        if best is not None and owner is not None:
            found.append(TermMatch(best.start(), best.end(), owner, lang, best.group()))
    if index.han:
        for run in _HAN_RUN.finditer(text):
            for i in range(run.start(), run.end()):
                for han, term in index.han.get(text[i], ()):
                    if text.startswith(han, i):
                        found.append(TermMatch(i, i + len(han), term, lang, han))
                        break
    found.sort(key=lambda t: (t.start, t.start - t.end))
    out: list[TermMatch] = []
    for match in found:
        if not out or match.start >= out[-1].end:
            out.append(match)
    return out


class TermMatcher:
    """Precompiled finders for a set of terms, one per language, built on first use."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self._terms = tuple(terms)
        self._all: dict[str, _Index] = {}
        self._names: dict[str, _Index] = {}
        self._single: dict[tuple[int, str], re.Pattern[str]] = {}

    def find(self, text: str, lang: str) -> list[TermMatch]:
        """Non-overlapping occurrences of any term in ``text``, leftmost and longest first."""
        if lang not in self._all:
            self._all[lang] = _build_index(lang, self._terms, loose=False)
        return _scan(self._all[lang], text, lang)

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
            self._names[lang] = _build_index(lang, names, loose=True)
        return [
            m
            for m in _scan(self._names[lang], text, lang)
            if not m.exact and (wanted is None or id(m.term) in wanted)
        ]

    def search(self, text: str, term: Term, lang: str) -> list[TermMatch]:
        """Every occurrence of one term's forms, whatever other terms overlap it.

        Dutch forms are also found as the first part of a closed compound.
        """
        key = (id(term), lang)
        if key not in self._single:
            forms = sorted(term.forms(lang), key=len, reverse=True)
            body = "|".join(form_pattern(f, lang, dnt=term.dnt, compound=True)
                            for f in forms) or "(?!)"
            self._single[key] = re.compile(body)
        return [
            TermMatch(m.start(), m.end(), term, lang, m.group())
            for m in self._single[key].finditer(text)
        ]
