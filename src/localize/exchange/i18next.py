"""JSON for i18next (format v4): the translations a JavaScript front end loads.

Keys are the source texts, so i18next must run with ``keySeparator: false``
and ``nsSeparator: false``; a missing key shows the source text itself, as
gettext does. Plural forms become ``<key>_one``, ``<key>_other``..., by the
CLDR categories of the target language; a context becomes ``<key>_<context>``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from babel import Locale

from localize.catalogs.model import Catalog
from localize.locales import parse_locale

__all__ = ["write_i18next"]

_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def write_i18next(catalogs: Sequence[Catalog], target: str, *, use_fuzzy: bool = False) -> bytes:
    """The translated entries of ``catalogs`` as i18next v4 JSON (fuzzy ones if asked)."""
    categories = _categories(target)
    out: dict[str, str] = {}
    for catalog in catalogs:
        for entry in catalog:
            if not entry.translated or (entry.fuzzy and not use_fuzzy):
                continue
            key = entry.msgid if entry.msgctxt is None else f"{entry.msgid}_{entry.msgctxt}"
            if entry.msgid_plural is None:
                out.setdefault(key, entry.msgstr)
            elif len(entry.msgstr_plural) == len(categories):
                for index, category in enumerate(categories):
                    out.setdefault(f"{key}_{category}", entry.msgstr_plural[index])
    return (json.dumps(out, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _categories(target: str) -> list[str]:
    """CLDR plural categories in gettext's order (Babel writes Plural-Forms in this order)."""
    tags = set(Locale.parse(parse_locale(target).cldr).plural_form.tags) | {"other"}
    return [c for c in _CATEGORIES if c in tags]
