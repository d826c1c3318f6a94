"""Per-catalog and per-locale statistics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from localize.catalogs.model import Catalog

__all__ = ["CatalogStats", "catalog_stats", "locale_totals"]


@dataclass(frozen=True)
class CatalogStats:
    """Counts of live entries: translated excludes fuzzy; machine is unreviewed machine output.

    A locale's row sums its catalogs, which ``catalogs`` lists one by one.
    """

    locale: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    machine: int
    obsolete: int
    catalog: str = ""  # the catalog a row counts (empty on a locale's row)
    catalogs: tuple[CatalogStats, ...] = ()

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(catalog: Catalog, locale: str | None = None, *,
                  name: str = "") -> CatalogStats:
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
        obsolete=len(catalog.obsolete), catalog=name,
    )


def locale_totals(locale: str, rows: Sequence[CatalogStats]) -> CatalogStats:
    """One row for a locale: the sums of its catalogs' rows."""
    def total(field: str) -> int:
        return sum(int(getattr(r, field)) for r in rows)

    return CatalogStats(
        locale=locale, total=total("total"), translated=total("translated"),
        fuzzy=total("fuzzy"), untranslated=total("untranslated"), machine=total("machine"),
        obsolete=total("obsolete"), catalogs=tuple(rows))
