"""The terminology glossary: terms in English, Dutch and Chinese, read from CSV files.

The CSV has a header row with at least the columns ``en``, ``nl``, ``zh``,
``dnt`` and ``note`` (more columns are allowed and ignored). A cell may list
accepted alternatives separated by ``|``; the first is preferred. ``dnt`` is
``yes`` for do-not-translate names, whose form is the same in every language:
their ``nl`` and ``zh`` cells stay empty (or repeat ``en``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from localize.errors import GlossaryError
from localize.fsio import read_utf8
from localize.terms.termmatch import TermMatch, TermMatcher

if TYPE_CHECKING:
    from localize.sources.documents import Document

__all__ = [
    "COLUMNS",
    "LANGS",
    "Glossary",
    "Suggestion",
    "Term",
    "base_lang",
    "load_glossary",
    "make_term",
    "merge_glossaries",
    "read_glossary",
    "suggest_terms",
    "write_glossary",
]

LANGS = ("en", "nl", "zh")
COLUMNS = ("en", "nl", "zh", "dnt", "note")
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"", "no", "n", "false", "0"}


def base_lang(locale: str) -> str:
    """The glossary language of a locale code.

    >>> base_lang("zh_Hans_CN"), base_lang("nl-BE"), base_lang("EN")
    ('zh', 'nl', 'en')
    """
    return locale.replace("-", "_").split("_", 1)[0].split("@", 1)[0].lower()


@dataclass(frozen=True)
class Term:
    """One glossary entry: the accepted forms per language, the first preferred."""

    en: tuple[str, ...]
    nl: tuple[str, ...]
    zh: tuple[str, ...]
    dnt: bool
    note: str = ""
    line: int = field(default=0, compare=False)
    path: str | None = field(default=None, compare=False)

    def forms(self, lang: str) -> tuple[str, ...]:
        """The accepted forms in ``lang`` (a do-not-translate name is its own form everywhere)."""
        if self.dnt:
            return self.en
        code = base_lang(lang)
        if code == "en":
            return self.en
        if code == "nl":
            return self.nl
        if code == "zh":
            return self.zh
        return ()

    def preferred(self, lang: str) -> str | None:
        """The preferred form in ``lang``, or None when the glossary has none."""
        forms = self.forms(lang)
        return forms[0] if forms else None


@dataclass(frozen=True)
class Glossary:
    """A set of terms and a stable hash of their content (a cache key for translations)."""

    terms: tuple[Term, ...] = ()

    @cached_property
    def version(self) -> str:
        """A hash of the terms' content: the same for the same glossary, whatever its files."""
        rows = [[t.en, t.nl, t.zh, t.dnt, t.note] for t in self.terms]
        data = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.terms)

    @cached_property
    def matcher(self) -> TermMatcher:
        """The compiled matcher for these terms, built once."""
        return TermMatcher(self.terms)

    def find(self, text: str, lang: str) -> list[TermMatch]:
        """Non-overlapping term occurrences in ``text``, longest match first, in order."""
        return self.matcher.find(text, base_lang(lang))

    def search(self, text: str, term: Term, lang: str) -> list[TermMatch]:
        """Every occurrence of one term's accepted forms in ``text``."""
        return self.matcher.search(text, term, base_lang(lang))

    def find_altered(
        self, text: str, lang: str, terms: Iterable[Term] | None = None
    ) -> list[TermMatch]:
        """Altered spellings of do-not-translate names ("Open AI", "GPT 4", "Gpt-4")."""
        return self.matcher.find_altered(text, base_lang(lang), terms)

    def sharing(self, form: str, lang: str) -> list[Term]:
        """The terms that have ``form`` (any case) among their forms in ``lang``."""
        return self._by_form(base_lang(lang)).get(form.casefold(), [])

    def _by_form(self, lang: str) -> dict[str, list[Term]]:
        index = self._form_index.get(lang)
        if index is None:
            index = {}
            for term in self.terms:
                for f in term.forms(lang):
                    index.setdefault(f.casefold(), []).append(term)
            self._form_index[lang] = index
        return index

    @cached_property
    def _form_index(self) -> dict[str, dict[str, list[Term]]]:
        return {}

    def lookup(self, form: str) -> Term | None:
        """The term that has ``form`` (any language, any case) among its forms."""
        key = form.casefold()
        for term in self.terms:
            for lang in LANGS:
                if any(f.casefold() == key for f in term.forms(lang)):
                    return term
        return None


def read_glossary(text: str, *, path: str | None = None) -> Glossary:
    """Parse glossary CSV text; errors name the path and line."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header: list[str] = []
        while not any(header):  # blank lines before the header are allowed
            header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return Glossary()
    except csv.Error as err:
        raise GlossaryError(f"bad CSV: {err}", path=path, line=1) from err
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise GlossaryError(
            f"missing column(s) {', '.join(missing)}; the header must name "
            f"{', '.join(COLUMNS)}", path=path, line=1)
    index = {name: header.index(name) for name in COLUMNS}
    terms: list[Term] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                terms.append(_term(row, index, path, start))
            start = reader.line_num + 1
    except csv.Error as err:
        raise GlossaryError(f"bad CSV: {err}", path=path, line=reader.line_num) from err
    return merge_glossaries([Glossary(tuple(terms))])


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def _forms(cell: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in cell.split("|") if f.strip())


def _term(row: list[str], index: dict[str, int], path: str | None, line: int) -> Term:
    en, nl, zh = (_forms(_cell(row, index[c])) for c in LANGS)
    flag = _cell(row, index["dnt"]).lower()
    if flag not in _YES | _NO:
        raise GlossaryError(f"dnt must be 'yes' or empty, not {flag!r}", path=path, line=line)
    return make_term(en, nl, zh, dnt=flag in _YES, note=_cell(row, index["note"]),
                     path=path, line=line)


def make_term(
    en: Sequence[str],
    nl: Sequence[str],
    zh: Sequence[str],
    *,
    dnt: bool,
    note: str = "",
    path: str | None = None,
    line: int = 0,
) -> Term:
    """A checked term: English is required, and a translation in each language unless dnt."""
    en, nl, zh = (tuple(f.strip() for f in forms if f.strip()) for forms in (en, nl, zh))
    if not en:
        raise GlossaryError("empty en cell: every term needs its English form",
                            path=path, line=line)
    if dnt:
        for lang, forms in (("nl", nl), ("zh", zh)):
            if forms and forms != en:
                raise GlossaryError(
                    f"do-not-translate name {en[0]!r} has a different {lang} form "
                    f"{forms[0]!r}; leave {lang} empty or clear dnt", path=path, line=line)
        nl = zh = ()
    else:
        for lang, forms in (("nl", nl), ("zh", zh)):
            if not forms:
                raise GlossaryError(
                    f"empty {lang} cell for {en[0]!r}: give a translation or mark it dnt=yes",
                    path=path, line=line)
    return Term(en=en, nl=nl, zh=zh, dnt=dnt, note=note.strip(), line=line, path=path)


def merge_glossaries(glossaries: Iterable[Glossary]) -> Glossary:
    """One glossary from several; an English form defined twice is an error."""
    seen: dict[str, Term] = {}
    terms: list[Term] = []
    for glossary in glossaries:
        for term in glossary.terms:
            for form in term.en:
                first = seen.setdefault(form.casefold(), term)
                if first is not term:
                    where = f"line {first.line}" if first.path == term.path else (
                        f"{first.path}:{first.line}")
                    raise GlossaryError(f"duplicate term {form!r} (already on {where})",
                                        path=term.path, line=term.line)
            terms.append(term)
    return Glossary(tuple(terms))


def load_glossary(path: Path, *, required: bool = False) -> Glossary:
    """Read a glossary CSV file, or every ``*.csv`` in a folder.

    A missing glossary is empty, unless ``required`` (the user named it): then
    it is an error, so a typo cannot switch the glossary checks off unnoticed.
    """
    if path.is_dir():
        files = sorted(path.glob("*.csv"))
    elif path.exists():
        files = [path]
    elif required or path.suffix.lower() == ".csv":
        raise GlossaryError("glossary not found (a CSV file or a folder of them); check the "
                            "--glossary option or the 'glossary' setting", path=path)
    else:
        return Glossary()
    return merge_glossaries(_read_file(f) for f in files)


def _read_file(path: Path) -> Glossary:
    text = read_utf8(path, GlossaryError, "glossary", hint="; save it as UTF-8")
    return read_glossary(text, path=str(path))


def write_glossary(glossary: Glossary) -> str:
    """The glossary as CSV text in the format :func:`read_glossary` reads."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for t in glossary.terms:
        nl, zh = ("", "") if t.dnt else ("|".join(t.nl), "|".join(t.zh))
        writer.writerow(["|".join(t.en), nl, zh, "yes" if t.dnt else "", t.note])
    return out.getvalue()


@dataclass(frozen=True)
class Suggestion:
    """A candidate term found in the sources that the glossary lacks."""

    kind: str  # "gloss", "pair", "name" or "altered"
    en: str
    other: str  # the Chinese or Dutch side, or the glossary name an altered spelling means
    lang: str  # the language of ``other``
    count: int
    path: str
    line: int


_HAN_TEXT = "\u3400-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_TEXT}]")
_GLOSS_AFTER = re.compile(
    rf"(?P<han>[{_HAN_TEXT}]+)[”\"」』]?\s*[（(]\s*"
    r"(?P<en>[A-Za-z][A-Za-z0-9 .'’/-]{0,60}?)\s*[)）]")
_GLOSS_BEFORE = re.compile(
    r"(?P<en>[A-Za-z][A-Za-z0-9.'’/]*(?:[ -][A-Za-z0-9.'’/]+){0,5})\s*[（(]\s*"
    rf"(?P<han>[{_HAN_TEXT}]{{1,12}})\s*[)）]")
# Characters that end a word in running Chinese text, to cut a term off what precedes it.
_HAN_BREAK = re.compile("[的了是在对把将从说就也都着过得地即称叫做]")
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u9fff]+")
_NAME_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.·][A-Za-z0-9]+)*")
_PERSON = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?: [A-Z][a-z]+)+(?![A-Za-z])")
_PAIR_MAX_WORDS = 4
_NOT_A_TERM = re.compile(r"[0-9,;]|\bet al\b")


def _covered(glossary: Glossary, text: str, lang: str) -> bool:
    """Whether one glossary term spans all of ``text``."""
    text = text.strip(" .,:;!?")
    return any(m.start == 0 and m.end == len(text) for m in glossary.find(text, lang))


def _han_term(run: str) -> str:
    """The last word-like piece of a run of Chinese characters (where a gloss attaches)."""
    piece = _HAN_BREAK.split(run)[-1] or run
    if len(piece) > 3:
        piece = piece.lstrip("与和及或")
    return piece[-8:]


def _is_model_like(token: str) -> bool:
    """Names such as GPT-4, AlexNet, LSTM: a digit, two capitals, or an inner capital."""
    return (any(c.isdigit() for c in token) and any(c.isalpha() for c in token)) or (
        sum(c.isupper() for c in token) >= 2) or any(c.isupper() for c in token[1:])


def _mine_line(glossary: Glossary, line: str) -> Iterator[tuple[str, str, str, str]]:
    """(kind, en, other, lang) candidates in one line of Chinese text."""
    taken: list[tuple[int, int]] = [m.span() for m in _URL.finditer(line)]
    for m in _GLOSS_AFTER.finditer(line):
        taken.append(m.span("en"))
        yield "gloss", m.group("en").strip(), _han_term(m.group("han")), "zh"
    for m in _GLOSS_BEFORE.finditer(line):
        taken.append(m.span("en"))
        yield "gloss", m.group("en").strip(), m.group("han"), "zh"
    for alt in glossary.find_altered(line, "zh"):
        if _is_model_like(alt.text):
            taken.append((alt.start, alt.end))
            yield "altered", alt.text, alt.term.en[0], "en"
    taken += [(t.start, t.end) for t in glossary.find(line, "zh")]
    names = [m for m in _PERSON.finditer(line)]
    names += [m for m in _NAME_TOKEN.finditer(line) if _is_model_like(m.group())]
    for m in names:
        if not any(a < m.end() and m.start() < b for a, b in taken):
            yield "name", m.group(), m.group(), "zh"


def _pairs(split: Callable[[str], Any], line: str) -> Iterator[tuple[str, str, str, str]]:
    """Short English/Dutch pairs the splitter aligned in one line."""
    result = split(line)
    for i, j in result.pairs:
        by_lang = {s.lang: s.text.strip(" .,:;!?") for s in (result.segments[i],
                                                             result.segments[j])}
        en, nl = by_lang.get("en"), by_lang.get("nl")
        if en and nl and en.lower() != nl.lower() and not _NOT_A_TERM.search(en + nl) and max(
                len(en.split()), len(nl.split())) <= _PAIR_MAX_WORDS:
            yield "pair", en, nl, "nl"


def suggest_terms(
    documents: Iterable[Document],
    glossary: Glossary,
    *,
    split: Callable[[str], Any] | None = None,
) -> list[Suggestion]:
    """Candidate terms in the documents that the glossary lacks, most frequent first.

    Bracketed glosses in Chinese text (``通用智能(General Intelligence)``),
    capitalised names inside Chinese text, altered spellings of known names, and
    short English/Dutch pairs aligned by ``split`` (a ``split_line`` function).
    """
    found: dict[tuple[str, str, str], Suggestion] = {}
    for doc in documents:
        for number, line in enumerate(doc.lines, start=1):
            if _HAN.search(line):
                candidates = list(_mine_line(glossary, line))
            elif split is not None and line.strip():
                candidates = list(_pairs(split, line))
            else:
                candidates = []
            for kind, en, other, lang in candidates:
                if kind != "altered" and (not en or _covered(glossary, en, "en")
                                          or _covered(glossary, en, "zh")):
                    continue
                key = (kind, en.casefold(), other)
                old = found.get(key)
                found[key] = (Suggestion(kind, en, other, lang, 1, doc.path, number)
                              if old is None else
                              Suggestion(kind, en, other, lang, old.count + 1, old.path,
                                         old.line))
    order = {"gloss": 0, "altered": 1, "name": 2, "pair": 3}
    return sorted(found.values(), key=lambda s: (order[s.kind], -s.count, s.en.casefold()))
