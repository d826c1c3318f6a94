"""``localize export`` and ``localize import``: a locale's catalogs as TMX, XLIFF or JSON, and
XLIFF from a CAT tool back into them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from localize.config import Config
from localize.errors import CatalogError, ConfigError
from localize.exchange.i18next import write_i18next
from localize.exchange.tmx import write_tmx
from localize.exchange.xliff import Imported, apply_units, read_xliff, write_xliff
from localize.fsio import (
    MAX_CATALOG_BYTES,
    Snapshot,
    catalog_bytes,
    catalog_lock,
    read_catalog,
    read_limited,
    update_files,
)
from localize.locales import language_of
from localize.workspace.layout import locale_files
from localize.workspace.translate import resolve_locale

__all__ = ["FORMATS", "ImportReport", "export_locale", "import_file"]

FORMATS = ("tmx", "xliff", "json")


@dataclass(frozen=True)
class ImportReport:
    """What an import did, per catalog file."""

    results: tuple[tuple[Path, Imported], ...]
    written: tuple[Path, ...]


def export_locale(config: Config, locale: str, fmt: str) -> bytes:
    """Every catalog of ``locale`` in one file of format ``fmt``."""
    locale = resolve_locale(config, locale)
    files = locale_files(config, locale)
    if not files:
        raise CatalogError(f"no catalogs for {locale!r}; run `localize extract` first",
                           path=config.output / locale / "LC_MESSAGES")
    catalogs = [(f.label, read_catalog(f.path)) for f in files]
    target = language_of(locale)
    if fmt == "tmx":
        return write_tmx([c for _, c in catalogs], target)
    if fmt == "xliff":
        return write_xliff(catalogs, target)
    if fmt == "json":
        return write_i18next([c for _, c in catalogs], locale)
    raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def import_file(config: Config, path: Path, locale: str, *,
                lock_timeout: float = 10.0) -> ImportReport:
    """Bring the translations of an XLIFF file (from :func:`export_locale`) into the catalogs
    of ``locale``, under the never-lose rule; all catalogs written or none."""
    locale = resolve_locale(config, locale)
    data = read_limited(path, CatalogError, "XLIFF file", limit=MAX_CATALOG_BYTES)
    try:
        units = read_xliff(data)
    except Exception as err:  # Translate Toolkit raises lxml's and its own errors
        raise CatalogError(f"not an XLIFF file localize can read: {err}", path=path) from err
    if not units:
        raise CatalogError("no units that localize exported (their ids name the entries); "
                           "export with `localize export --format xliff`", path=path)
    files = {f.label: f.path for f in locale_files(config, locale)}
    unknown = sorted({u.catalog for u in units} - set(files))
    if unknown:
        raise CatalogError(f"the file holds catalogs that {locale} does not have: "
                           f"{', '.join(unknown)}", path=path)
    chosen = {name: files[name] for name in dict.fromkeys(u.catalog for u in units)}
    results: list[tuple[Path, Imported]] = []

    def build(snapshot: Snapshot) -> dict[Path, bytes | None]:
        results.clear()
        changes: dict[Path, bytes | None] = {}
        for name, target in chosen.items():
            catalog = snapshot.catalog(target)
            if catalog is None:
                raise CatalogError("catalog vanished during the import", path=target)
            results.append((target, apply_units(catalog, [u for u in units
                                                          if u.catalog == name])))
            changes[target] = catalog_bytes(catalog, target, width=config.width)
        return changes

    with catalog_lock(config.output, timeout=lock_timeout):
        done = update_files(list(chosen.values()), build)
    return ImportReport(tuple(results), done.written)
