"""Header checks: Plural-Forms present, well-formed, and fitting the entries and the language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from babel.messages.plurals import get_plural

from localize.catalogs.model import Catalog
from localize.checks.base import ERROR, catalog_check

__all__: list[str] = []

_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?")


@catalog_check("plural-forms", ERROR, "Plural-Forms must be set and fit every plural entry")
def _plural_forms(catalog: Catalog, language: str) -> Iterator[tuple[int | None, str]]:
    plurals = [e for e in catalog if e.msgid_plural is not None]
    spec = catalog.header.get("Plural-Forms")
    if spec is None:
        if plurals:
            yield 1, (f"no Plural-Forms header, but {len(plurals)} plural entries "
                      f"(first: '{plurals[0].msgid[:40]}')")
        return
    match = _NPLURALS.fullmatch(spec.strip())
    if match is None:
        yield 1, f"Plural-Forms {spec!r} is not 'nplurals=N; plural=EXPR;'"
        return
    nplurals = int(match.group(1))
    for entry in plurals:
        if entry.msgstr_plural and len(entry.msgstr_plural) != nplurals:
            yield entry.line, (f"'{entry.msgid[:40]}' has {len(entry.msgstr_plural)} forms, "
                               f"the header says nplurals={nplurals}")
    expected = _cldr_nplurals(language)
    if expected is not None and expected != nplurals:
        yield 1, (f"nplurals={nplurals} in the header, {expected} in CLDR for {language}; "
                  "check that this is deliberate")


def _cldr_nplurals(language: str) -> int | None:
    try:
        return int(get_plural(language).num_plurals)
    except (ValueError, LookupError):
        return None
