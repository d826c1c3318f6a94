"""``localize compile`` and ``localize stats``: what the site loads, and the work left."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.catalogs.headers import make_header, now
from localize.catalogs.model import Catalog
from localize.catalogs.mofile import join_catalogs, write_mo
from localize.catalogs.stats import CatalogStats, catalog_stats, locale_totals
from localize.config import Config
from localize.errors import CatalogError
from localize.fsio import catalog_lock, commit, read_catalog, take_snapshot
from localize.workspace.layout import LocaleFile, locale_files

__all__ = ["Compiled", "compile_catalogs", "locale_stats"]


@dataclass(frozen=True)
class Compiled:
    """One ``.mo`` written by compile: what went in, and whether the file changed."""

    path: Path
    stats: CatalogStats
    changed: bool


def compile_catalogs(config: Config, *, locales: Sequence[str] = (), use_fuzzy: bool = False,
                     lock_timeout: float = 10.0) -> list[Compiled]:
    """Write each locale's ``<domain>.mo`` (all its content catalogs joined) and one ``.mo``
    per template domain; all files or none."""
    chosen = locales or config.locales
    with catalog_lock(config.output, timeout=lock_timeout):
        found = _read_all(config, chosen)
        outputs: dict[Path, tuple[bytes, CatalogStats]] = {}
        for locale, files in found.items():
            by_domain: dict[str, list[tuple[LocaleFile, Catalog]]] = {config.domain: []}
            for file, catalog in files:
                by_domain.setdefault(file.domain, []).append((file, catalog))
            for domain, group in by_domain.items():
                catalogs = [c for _, c in group]
                header = catalogs[0].header if catalogs else make_header(
                    locale, {}, project=domain, created=now(), revised=now())
                joined = join_catalogs(catalogs, header)
                rows = [catalog_stats(c, locale, name=f.label) for f, c in group]
                outputs[config.mo_path(locale, domain)] = (
                    write_mo(joined, use_fuzzy=use_fuzzy), locale_totals(locale, rows))
        data = {path: mo for path, (mo, _) in outputs.items()}
        done = commit(data, take_snapshot(list(data)))
    return [Compiled(path, stats, path in done.written) for path, (_, stats) in outputs.items()]


def locale_stats(config: Config, *, locales: Sequence[str] = ()) -> list[CatalogStats]:
    """One row per locale (its catalogs summed, and listed in ``catalogs``)."""
    found = _read_all(config, locales or config.locales)
    return [locale_totals(locale, [catalog_stats(c, locale, name=f.label) for f, c in files])
            for locale, files in found.items()]


def _read_all(config: Config, locales: Sequence[str]
              ) -> dict[str, list[tuple[LocaleFile, Catalog]]]:
    found = {loc: [(f, read_catalog(f.path)) for f in locale_files(config, loc)]
             for loc in locales}
    if not any(found.values()) and not any(config.output.glob(f"{config.domain}-*.pot")):
        raise CatalogError("no catalogs yet; run `localize extract` first", path=config.output)
    return found
