"""Per-locale catalog statistics."""

from __future__ import annotations

from dataclasses import dataclass

from localize.catalogs.model import Catalog

__all__ = ["CatalogStats", "catalog_stats"]


@dataclass(frozen=True)
class CatalogStats:
    """Counts of live entries: translated excludes fuzzy; machine is unreviewed machine output."""

    locale: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    machine: int
    obsolete: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(catalog: Catalog, locale: str | None = None) -> CatalogStats:
    """Count a catalog's entries the way ``msgfmt --statistics`` does, plus machine translations."""
    total = translated = fuzzy = machine = 0
    for entry in catalog:
        total += 1
        if entry.translated and entry.fuzzy:
            fuzzy += 1
        elif entry.translated:
            translated += 1
        if entry.translated and entry.machine_translated:
            machine += 1
    return CatalogStats(
        locale=locale or catalog.locale or "", total=total, translated=translated,
        fuzzy=fuzzy, untranslated=total - translated - fuzzy, machine=machine,
        obsolete=len(catalog.obsolete),
    )
