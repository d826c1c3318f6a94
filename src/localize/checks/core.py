"""Quality checks over translated catalogs: glossary terms, names, placeholders, language.

Each check is a small registered function with a name, a severity and a one-line
title. It receives one source/translation pair and yields messages that show
both sides; :func:`run_checks` turns them into :class:`Finding` objects.

Only entries with a translation are checked: an empty msgstr is untranslated,
which ``localize stats`` reports, not an error. Findings on fuzzy entries are
downgraded to warnings, as gettext does not use fuzzy translations.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from localize.catalogs.model import Catalog, Entry
from localize.errors import CatalogError
from localize.fsio import read_catalog
from localize.terms.glossary import Glossary, base_lang
from localize.terms.termmatch import TermMatch

__all__ = [
    "CHECKS",
    "ERROR",
    "WARNING",
    "Check",
    "Finding",
    "Unit",
    "catalog_locale",
    "check",
    "check_catalogs",
    "format_findings",
    "placeholders",
    "run_checks",
]

log = logging.getLogger(__name__)

ERROR = "error"
WARNING = "warning"
_LANG_NAMES = {"en": "English", "nl": "Dutch", "zh": "Chinese"}


@dataclass(frozen=True)
class Finding:
    """One problem in one entry of one catalog."""

    check: str
    severity: str
    locale: str
    path: str | None
    line: int | None
    msgid: str
    msgstr: str
    message: str

    def to_dict(self) -> dict[str, object]:
        """The finding as a JSON-ready mapping."""
        return asdict(self)


@dataclass(frozen=True)
class Unit:
    """What a check looks at: one source text and its translation, with their languages."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    glossary: Glossary
    flags: tuple[str, ...] = ()

    @cached_property
    def source_terms(self) -> list[TermMatch]:
        """The glossary terms in the source, each once, in order (shared by the checks)."""
        return _unique_terms(self.glossary.find(self.source, self.source_lang))


CheckFunc = Callable[[Unit], Iterator[str]]


@dataclass(frozen=True)
class Check:
    """A registered check: its name, severity, one-line title and function."""

    name: str
    severity: str
    title: str
    func: CheckFunc


CHECKS: dict[str, Check] = {}


def check(name: str, severity: str, title: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check function under ``name``."""

    def register(func: CheckFunc) -> CheckFunc:
        CHECKS[name] = Check(name, severity, title, func)
        return func

    return register


def _quote(forms: Sequence[str]) -> str:
    first = f"'{forms[0]}'"
    rest = ", ".join(f"'{f}'" for f in forms[1:])
    return f"{first} (or {rest})" if rest else first


def _unique_terms(matches: Iterable[TermMatch]) -> list[TermMatch]:
    seen: set[int] = set()
    out = []
    for m in matches:
        if id(m.term) not in seen:
            seen.add(id(m.term))
            out.append(m)
    return out


@check("glossary", ERROR, "a glossary term in the source needs the glossary's translation")
def _glossary(unit: Unit) -> Iterator[str]:
    g = unit.glossary
    for m in unit.source_terms:
        if m.term.dnt:
            continue
        # A source form that several terms share (推理: reasoning, inference) accepts any.
        terms = g.sharing(m.text, unit.source_lang) or [m.term]
        wanted = [f for t in terms for f in t.forms(unit.target_lang)]
        if not wanted or any(g.search(unit.target, t, unit.target_lang) for t in terms):
            continue
        yield f"'{m.text}' in source needs {_quote(wanted)} in translation"


@check("names", ERROR, "a do-not-translate name must appear unchanged in the translation")
def _names(unit: Unit) -> Iterator[str]:
    g = unit.glossary
    for m in unit.source_terms:
        if not m.term.dnt:
            continue
        altered = g.find_altered(unit.target, unit.target_lang, [m.term])
        if altered:
            written = ", ".join(f"'{a.text}'" for a in altered)
            yield f"name '{m.text}' in source is written {written} in translation"
        elif not g.search(unit.target, m.term, unit.target_lang):
            yield f"name '{m.text}' in source is missing from translation"


_PRINTF = re.compile(
    r"%(?:\(\w+\))?(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcsrap%]"
)
_BRACE = re.compile(r"\{\{|\}\}|\{(?:\w*)(?:![rsa])?(?::[^{}]*)?\}")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)(?:\s[^<>]*?)?(/?)>")


def placeholders(text: str, flags: Sequence[str] = ()) -> Counter[str]:
    """The format placeholders and markup tags in ``text``, counted.

    >>> sorted(placeholders("%(n)d of {total} <b>files</b>"))
    ['%(n)d', '</b>', '<b>', '{total}']
    """
    found: Counter[str] = Counter()
    if "no-c-format" not in flags and "no-python-format" not in flags:
        found.update(p for p in (m.group() for m in _PRINTF.finditer(text)) if p != "%%")
    if "no-python-brace-format" not in flags:
        found.update(p for p in (m.group() for m in _BRACE.finditer(text)) if p not in ("{{", "}}"))
    found.update(f"<{m.group(1)}{m.group(2).lower()}{m.group(3)}>" for m in _TAG.finditer(text))
    return found


@check("placeholders", ERROR, "format placeholders and markup tags must match the source")
def _placeholders(unit: Unit) -> Iterator[str]:
    source = placeholders(unit.source, unit.flags)
    target = placeholders(unit.target, unit.flags)
    for p in sorted(source - target):
        yield f"placeholder '{p}' in source, missing in translation"
    for p in sorted(target - source):
        yield f"placeholder '{p}' in translation, not in source"


@check("newlines", ERROR, "source and translation must both begin and end with a newline, or not")
def _newlines(unit: Unit) -> Iterator[str]:
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        if test(unit.source, "\n") != test(unit.target, "\n"):
            side = "source" if test(unit.source, "\n") else "translation"
            yield f"only the {side} {where}s with a newline (msgfmt --check rejects this)"


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
            name = _LANG_NAMES[unit.target_lang]
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
        yield (f"translation into {_LANG_NAMES[unit.target_lang]} reads as "
               f"{_LANG_NAMES[other]}: '{unit.target[:60]}'")


def _units(entry: Entry, glossary: Glossary, source_lang: str, target_lang: str
           ) -> Iterator[Unit]:
    """The source/translation pairs of an entry (plural forms pair with msgid_plural)."""
    flags = tuple(entry.flags)
    if entry.msgid_plural is None:
        pairs = [(entry.msgid, entry.msgstr)]
    else:
        pairs = [(entry.msgid if n == 0 else entry.msgid_plural, text)
                 for n, text in sorted(entry.msgstr_plural.items())]
    for source, target in pairs:
        if target:
            yield Unit(source, target, source_lang, target_lang, glossary, flags)


def run_checks(
    catalog: Catalog,
    *,
    locale: str | None = None,
    glossary: Glossary | None = None,
    path: str | None = None,
    only: Iterable[str] | None = None,
) -> list[Finding]:
    """Run the registered checks (or ``only`` those named) over a catalog's translated entries.

    ``locale`` defaults to the catalog's Language header; an entry's source language
    comes from its ``#. lang:`` comment (English when there is none). Entries whose
    source is already in the catalog's language are complete and not checked.
    """
    code = locale or catalog.locale or ""
    target_lang = base_lang(code)
    g = glossary if glossary is not None else Glossary()
    checks = [CHECKS[name] for name in only] if only is not None else list(CHECKS.values())
    findings: list[Finding] = []
    for entry in catalog:
        source_lang = base_lang(entry.source_lang or catalog.source_lang or "en")
        if not entry.msgid or source_lang == target_lang:
            continue
        for unit in _units(entry, g, source_lang, target_lang):
            for c in checks:
                severity = WARNING if entry.fuzzy else c.severity
                findings.extend(
                    Finding(c.name, severity, code, path, entry.line, unit.source,
                            unit.target, message)
                    for message in c.func(unit)
                )
    return findings


def catalog_locale(path: Path, catalog: Catalog) -> str | None:
    """A catalog's locale: its ``<locale>/LC_MESSAGES/`` folder, else its Language header."""
    if path.parent.name == "LC_MESSAGES" and path.parent.parent.name:
        return path.parent.parent.name
    return catalog.locale


def check_catalogs(
    paths: Iterable[Path],
    *,
    glossary: Glossary,
    locale: str | None = None,
    display: Callable[[Path], str] = str,
) -> list[Finding]:
    """Read and check each catalog file; ``locale`` overrides what the path and header say."""
    findings: list[Finding] = []
    for path in paths:
        catalog = read_catalog(path)
        code = locale or catalog_locale(path, catalog)
        if not code:
            raise CatalogError("cannot tell the catalog's language (no Language header, "
                               "not under <locale>/LC_MESSAGES/); pass --locale", path=path)
        findings += run_checks(catalog, locale=code, glossary=glossary, path=display(path))
    return findings


def format_findings(findings: Sequence[Finding], fmt: str = "text") -> str:
    """Findings as compiler-style text lines (with both sides) or as a JSON list."""
    if fmt == "json":
        return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
    lines = []
    for f in findings:
        where = f"{f.path or '<catalog>'}:{f.line}" if f.line is not None else (f.path or "")
        lines.append(f"{where}: {f.severity}: [{f.check}] {f.message}")
        lines.append(f"    msgid:  {_one_line(f.msgid)}")
        lines.append(f"    msgstr: {_one_line(f.msgstr)}")
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    lines.append(f"{errors} error{'s' * (errors != 1)}, "
                 f"{warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(lines) + "\n"


def _one_line(text: str, width: int = 100) -> str:
    flat = text.replace("\n", "\\n")
    return flat if len(flat) <= width else flat[: width - 1] + "…"
