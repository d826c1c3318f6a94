"""The check registry: findings, the unit a check looks at, running checks over catalogs.

Each check is a small registered function with an id, a severity and a
one-line title, in a module of its family (``terms``, ``placeholders``,
``language``, ``whitespace``, ``headers``). A unit check receives one
source/translation pair and yields messages that show both sides; a catalog
check receives a whole catalog (its header). :func:`run_checks` turns the
messages into :class:`Finding` objects.

Only entries with a translation are checked: an empty msgstr is untranslated,
which ``localize stats`` reports, not an error. Findings on fuzzy entries are
downgraded to warnings, as gettext does not use fuzzy translations.
"""

from __future__ import annotations

import json
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
    "CATALOG_CHECKS",
    "CHECKS",
    "ERROR",
    "LANG_NAMES",
    "WARNING",
    "Check",
    "Finding",
    "Unit",
    "catalog_check",
    "catalog_locale",
    "check",
    "check_catalogs",
    "format_findings",
    "run_checks",
]

ERROR = "error"
WARNING = "warning"
LANG_NAMES = {"en": "English", "nl": "Dutch", "zh": "Chinese"}


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
    from_page: bool = False  # the page's own translation, not yet reviewed by a person

    @cached_property
    def source_terms(self) -> list[TermMatch]:
        """The glossary terms in the source, each once, in order (shared by the checks)."""
        return _unique_terms(self.glossary.find(self.source, self.source_lang))


def _unique_terms(matches: Iterable[TermMatch]) -> list[TermMatch]:
    seen: set[int] = set()
    out = []
    for m in matches:
        if id(m.term) not in seen:
            seen.add(id(m.term))
            out.append(m)
    return out


CheckFunc = Callable[[Unit], Iterator[str]]
CatalogFunc = Callable[[Catalog, str], Iterator[tuple[int | None, str]]]


@dataclass(frozen=True)
class Check:
    """A registered check: its id, severity, one-line title and function."""

    name: str
    severity: str
    title: str
    func: CheckFunc


@dataclass(frozen=True)
class CatalogCheck:
    """A check of a whole catalog (its header): its function yields (line, message)."""

    name: str
    severity: str
    title: str
    func: CatalogFunc


CHECKS: dict[str, Check] = {}
CATALOG_CHECKS: dict[str, CatalogCheck] = {}


def check(name: str, severity: str, title: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check of source/translation pairs under ``name``."""

    def register(func: CheckFunc) -> CheckFunc:
        CHECKS[name] = Check(name, severity, title, func)
        return func

    return register


def catalog_check(name: str, severity: str, title: str) -> Callable[[CatalogFunc], CatalogFunc]:
    """Register a check of whole catalogs under ``name``."""

    def register(func: CatalogFunc) -> CatalogFunc:
        CATALOG_CHECKS[name] = CatalogCheck(name, severity, title, func)
        return func

    return register


def _units(entry: Entry, glossary: Glossary, source_lang: str, target_lang: str
           ) -> Iterator[Unit]:
    """The source/translation pairs of an entry (plural forms pair with msgid_plural)."""
    flags = tuple(entry.flags)
    ours = entry.ours
    from_page = ours is not None and ours.kind == "page"
    if entry.msgid_plural is None:
        pairs = [(entry.msgid, entry.msgstr)]
    else:
        pairs = [(entry.msgid if n == 0 else entry.msgid_plural, text)
                 for n, text in sorted(entry.msgstr_plural.items())]
    for source, target in pairs:
        if target:
            yield Unit(source, target, source_lang, target_lang, glossary, flags, from_page)


def run_checks(
    catalog: Catalog,
    *,
    locale: str | None = None,
    glossary: Glossary | None = None,
    path: str | None = None,
    only: Iterable[str] | None = None,
) -> list[Finding]:
    """Run the registered checks (or ``only`` those named) over a catalog's translated entries.

    ``locale`` defaults to the catalog's Language header; the source language is
    the catalog's ``X-Source-Language`` (an entry's ``#. lang:`` comment in
    first-release catalogs; English when there is none). Entries whose source is
    already in the catalog's language are complete and not checked.
    """
    code = locale or catalog.locale or ""
    target_lang = base_lang(code)
    g = glossary if glossary is not None else Glossary()
    names = list(only) if only is not None else [*CHECKS, *CATALOG_CHECKS]
    findings: list[Finding] = []
    for name in names:
        if name in CATALOG_CHECKS:
            whole = CATALOG_CHECKS[name]
            findings.extend(Finding(whole.name, whole.severity, code, path, line, "", "", text)
                            for line, text in whole.func(catalog, target_lang))
    checks = [CHECKS[name] for name in names if name in CHECKS]
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
