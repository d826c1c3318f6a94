"""Locale codes as people write them: ``zh``, ``zh_Hans``, ``zh_CN``, ``zh-Hans``, ``nl-BE``.

The code a user gives names the catalog folder (``locales/zh_Hans/``) and the
``Language`` header, so their framework finds it: Django writes ``zh_Hans``,
``pybabel init -l zh_CN`` writes ``zh_Hans_CN``. Everything that depends on the
language itself (models, plural rules, page translations, the source language
of a catalog) uses the language the code names, read with Babel's CLDR data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

from localize.errors import ConfigError

__all__ = ["LocaleCode", "language_of", "parse_locale"]


@dataclass(frozen=True)
class LocaleCode:
    """A locale as the user wrote it and what it means."""

    code: str  # as given: the folder name
    language: str  # ISO 639 code: what models, page pairs and source languages use
    script: str | None = None
    territory: str | None = None

    @property
    def header(self) -> str:
        """The code for a PO ``Language`` header (``ll_CC``, underscores)."""
        return self.code.replace("-", "_")

    @property
    def cldr(self) -> str:
        """Babel's identifier, for plural rules and names (``zh_Hans_CN``)."""
        parts = [self.language, self.script, self.territory]
        return "_".join(p for p in parts if p)


@cache
def parse_locale(code: str) -> LocaleCode:
    """Read a locale code; unknown codes are a usage error with examples.

    >>> parse_locale("zh-Hans").language, parse_locale("zh_CN").script
    ('zh', 'Hans')
    """
    shown = code.strip()
    if not shown or not shown.replace("_", "").replace("-", "").isalnum():
        raise ConfigError(f"invalid locale code {code!r} (expected a code such as nl, zh_Hans, "
                          "zh-CN or pt_BR)")
    try:
        parsed = Locale.parse(shown, sep="-" if "-" in shown else "_")
    except (ValueError, UnknownLocaleError) as err:
        raise ConfigError(f"unknown locale {code!r} (expected a code such as nl, zh_Hans, zh-CN "
                          "or pt_BR)") from err
    return LocaleCode(shown, parsed.language, parsed.script, parsed.territory)


def language_of(code: str) -> str:
    """The language a locale code names: ``zh`` for ``zh_Hans_CN``."""
    return parse_locale(code).language
