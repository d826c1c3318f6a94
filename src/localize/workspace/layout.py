"""Where a project's catalogs live, and which exist.

Content catalogs have one source language each: ``<output>/<domain>-<src>.pot``
and ``<output>/<locale>/LC_MESSAGES/<domain>-<src>.po`` for every locale whose
language is not ``src``. The site loads ``<domain>.mo``, which ``compile`` joins
from a locale's content catalogs. Any other ``.po`` in ``LC_MESSAGES`` is a
template domain (from ``--template``), compiled to its own ``.mo``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from localize.config import Config
from localize.locales import language_of
from localize.sources.extract import SOURCE_LANGS

__all__ = ["LocaleFile", "content_targets", "locale_files"]


@dataclass(frozen=True)
class LocaleFile:
    """One catalog of a locale: a content catalog (``source`` set) or a template domain."""

    locale: str
    path: Path
    domain: str  # the .mo it compiles into
    source: str | None = None  # the source language of a content catalog

    @property
    def label(self) -> str:
        """How reports name it: ``messages-en`` or a template domain's name."""
        return self.path.stem


def content_targets(config: Config, source: str) -> list[str]:
    """The locales that get a catalog of the texts written in ``source``."""
    return [loc for loc in config.locales if language_of(loc) != source]


def locale_files(config: Config, locale: str) -> list[LocaleFile]:
    """The catalogs a locale has on disk: content catalogs (English source first), then
    template domains by name."""
    found = [LocaleFile(locale, config.catalog_path(locale, s), config.domain, s)
             for s in SOURCE_LANGS if s != language_of(locale)
             and config.catalog_path(locale, s).is_file()]
    folder = config.output / locale / "LC_MESSAGES"
    content = {f.path for f in found} | {config.domain_path(locale, config.domain)}
    others = sorted(p for p in folder.glob("*.po") if p not in content
                    and not p.stem.startswith(f"{config.domain}-"))
    return found + [LocaleFile(locale, p, p.stem) for p in others]
