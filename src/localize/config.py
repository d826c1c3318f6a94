"""Project configuration from ``[tool.localize]`` in pyproject.toml or from localize.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from localize.errors import ConfigError
from localize.locales import parse_locale

__all__ = ["DEFAULTS", "Config", "load_config"]

DEFAULTS: dict[str, Any] = {
    "sources": ["seeds"],
    "locales": ["en", "nl", "zh"],
    "domain": "messages",
    "output": "locales",
    "glossary": "glossary",
    "models_dir": None,
    "max_document_mb": 16,
    "templates": [],
    "width": 79,
    "no_wrap": False,
    "page_confidence": 0.9,
}


@dataclass(frozen=True)
class Config:
    """Where sources, catalogs, glossary and models live, resolved to paths."""

    sources: tuple[Path, ...]
    locales: tuple[str, ...]
    domain: str
    output: Path
    glossary: Path
    models_dir: Path | None = None
    max_document_mb: float = 16
    # page translations the splitter is less sure of are written as fuzzy (docs/splitter.md)
    page_confidence: float = 0.9
    origin: Path | None = None  # the file the settings came from, if any
    glossary_named: bool = False  # set by a flag or the settings file: it must exist
    templates: tuple[Path, ...] = ()  # template domains (.pot from pybabel or xgettext)
    width: int | None = 79  # page width of written catalogs, as msgcat's --width; None: no wrap

    def template_path(self, source: str) -> Path:
        """``<output>/<domain>-<source>.pot``: the template of the texts written in ``source``."""
        return self.output / f"{self.domain}-{source}.pot"

    def catalog_path(self, locale: str, source: str) -> Path:
        """``<output>/<locale>/LC_MESSAGES/<domain>-<source>.po``."""
        return self.domain_path(locale, f"{self.domain}-{source}")

    def domain_path(self, locale: str, domain: str) -> Path:
        """``<output>/<locale>/LC_MESSAGES/<domain>.po`` (a template domain such as pybabel's)."""
        return self.output / locale / "LC_MESSAGES" / f"{domain}.po"

    def mo_path(self, locale: str, domain: str | None = None) -> Path:
        """``<output>/<locale>/LC_MESSAGES/<domain>.mo``: what the site loads."""
        return self.domain_path(locale, domain or self.domain).with_suffix(".mo")

    def legacy_paths(self, locales: Sequence[str]) -> list[Path]:
        """The files of the first release's layout: one template and one catalog per locale,
        all source languages mixed (``<domain>.pot``, ``<locale>/.../<domain>.po``)."""
        return [self.output / f"{self.domain}.pot", *(self.domain_path(loc, self.domain)
                                                       for loc in locales)]

    def override(self, **changes: Any) -> Config:
        """A copy with the given settings replaced; ``None`` values leave a setting alone."""
        given = {k: v for k, v in changes.items() if v is not None and v != ()}
        for key in ("sources", "templates"):
            if key in given:
                given[key] = tuple(Path(p) for p in given[key])
        for key in ("output", "glossary", "models_dir"):
            if key in given:
                given[key] = Path(given[key])
        if "locales" in given:
            given["locales"] = _locales(given["locales"], self.origin)
        if "glossary" in given:
            given["glossary_named"] = True
        if given.pop("no_wrap", False):
            given["width"] = None
        elif "width" in given:
            given["width"] = _width(given["width"], self.origin)
        return replace(self, **given)


def load_config(cwd: Path | None = None) -> Config:
    """Read settings from ``localize.toml`` or ``pyproject.toml`` in ``cwd``; defaults otherwise.

    Relative paths are taken relative to the folder holding the settings file.
    """
    base = Path.cwd() if cwd is None else cwd
    for name, table_path in (("localize.toml", ()), ("pyproject.toml", ("tool", "localize"))):
        path = base / name
        if path.is_file():
            table = _read_table(path, table_path)
            if table is not None:
                return _build(table, base, path)
    return _build({}, base, None)


def _read_table(path: Path, table_path: tuple[str, ...]) -> dict[str, Any] | None:
    try:
        data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read settings: {err}", path=path) from err
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        message = getattr(err, "msg", str(err))
        raise ConfigError(f"invalid TOML: {message}", path=path, line=line) from err
    for key in table_path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    if not isinstance(data, dict):
        raise ConfigError("the localize settings must be a table", path=path)
    return data


def _build(table: dict[str, Any], base: Path, origin: Path | None) -> Config:
    unknown = sorted(set(table) - set(DEFAULTS))
    if unknown:
        known = ", ".join(DEFAULTS)
        raise ConfigError(f"unknown setting {unknown[0]!r}; known settings: {known}", path=origin)
    settings = {**DEFAULTS, **table}
    sources, templates = (_paths(settings, key, origin) for key in ("sources", "templates"))
    for key in ("domain", "output", "glossary"):
        if not isinstance(settings[key], str) or not settings[key]:
            raise ConfigError(f"{key!r} must be a non-empty string", path=origin)
    models_dir = settings["models_dir"]
    limit = settings["max_document_mb"]
    if not isinstance(limit, int | float) or limit <= 0:
        raise ConfigError("'max_document_mb' must be a positive number", path=origin)
    threshold = settings["page_confidence"]
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not (
            0 <= threshold <= 1):
        raise ConfigError("'page_confidence' must be a number from 0 to 1", path=origin)
    return Config(
        sources=tuple(base / s for s in sources),
        locales=_locales(settings["locales"], origin),
        domain=settings["domain"],
        output=base / settings["output"],
        glossary=base / settings["glossary"],
        models_dir=None if models_dir is None else base / str(models_dir),
        max_document_mb=limit,
        page_confidence=float(threshold),
        origin=origin,
        glossary_named="glossary" in table,
        templates=tuple(base / s for s in templates),
        width=None if settings["no_wrap"] is True else _width(settings["width"], origin),
    )


def _width(value: Any, origin: Path | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"'width' must be a whole number of columns (0 or more), not "
                          f"{value!r}", path=origin)
    return value


def _paths(settings: dict[str, Any], key: str, origin: Path | None) -> list[str]:
    value = settings[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise ConfigError(f"{key!r} must be a list of paths", path=origin)
    return value


def _locales(value: Any, origin: Path | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list | tuple) or not value:
        raise ConfigError("'locales' must be a non-empty list such as ['en', 'nl', 'zh']",
                          path=origin)
    for code in value:
        if not isinstance(code, str):
            raise ConfigError(f"invalid locale code {code!r}", path=origin)
        try:
            parse_locale(code)
        except ConfigError as err:
            raise ConfigError(err.message, path=origin) from err
    if len(set(value)) != len(value):
        raise ConfigError("a locale is listed twice in 'locales'", path=origin)
    return tuple(value)
