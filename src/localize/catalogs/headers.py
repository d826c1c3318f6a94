"""Catalog headers: Language, Plural-Forms from CLDR (through Babel), dates and generator."""

from __future__ import annotations

import logging
import os
import time

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from localize import __version__
from localize.errors import ConfigError
from localize.locales import parse_locale

__all__ = ["DATE_FIELDS", "SOURCE_LANGUAGE", "format_date", "language_name", "make_header", "now",
           "plural_forms"]

log = logging.getLogger(__name__)

DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
SOURCE_LANGUAGE = "X-Source-Language"  # the one language every msgid of a catalog is in
_TEAM = "Language-Team"
# The placeholders GNU gettext puts in a template's header.
_UNSET_DATE = "YEAR-MO-DA HO:MI+ZONE"
_UNSET_TRANSLATOR = "FULL NAME <EMAIL@ADDRESS>"
_UNSET_TEAM = "LANGUAGE <LL@li.org>"


_MAX_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC


def now() -> str:
    """The current time in PO header format; ``SOURCE_DATE_EPOCH`` pins it (reproducible runs)."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    if pinned is None or pinned == "":
        return format_date(int(time.time()))
    if not pinned.isdigit() or int(pinned) > _MAX_EPOCH:
        raise ConfigError(f"SOURCE_DATE_EPOCH={pinned[:30]!r} is not a Unix time (whole seconds "
                          f"from 0 to {_MAX_EPOCH}); fix or unset it")
    return format_date(int(pinned))


def format_date(seconds: int) -> str:
    """``2022-12-23 10:00+0000`` for a Unix time."""
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(seconds))


def make_header(locale: str | None, old: dict[str, str], *, project: str,
                created: str, revised: str, source: str | None = None) -> dict[str, str]:
    """A header for ``locale`` (None for a template) of a catalog whose msgids are in
    ``source`` (``X-Source-Language``).

    An existing catalog keeps its header as its translators left it, as
    msgmerge does: only ``POT-Creation-Date`` follows the template, and fields
    it lacks are added. ``Plural-Forms``, ``Last-Translator``,
    ``PO-Revision-Date``, ``X-Generator`` and the charset are the translators'.
    """
    fresh = _fresh_header(locale, project=project, created=created, revised=revised)
    if source is not None:
        fresh[SOURCE_LANGUAGE] = source
    if not old:
        return fresh
    fields = dict(old)
    fields["POT-Creation-Date"] = created
    for key, value in fresh.items():
        fields.setdefault(key, value)
    fields = _as_msgmerge_writes(fields)
    if locale and "Plural-Forms" in old and old["Plural-Forms"] != fresh["Plural-Forms"]:
        log.info("%s: keeping the catalog's Plural-Forms %r (CLDR gives %r)", locale,
                 old["Plural-Forms"], fresh["Plural-Forms"])
    return fields


# msgmerge writes these fields first, in this order, then the others as they come.
_KNOWN_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
                "PO-Revision-Date", "Last-Translator", "Language-Team", "Language", "MIME-Version",
                "Content-Type", "Content-Transfer-Encoding")
# GNU gettext's spelling of the charsets it knows (po-charset.c); it rewrites others to these.
_CHARSETS = {name.upper(): name for name in (
    "ASCII", "ANSI_X3.4-1968", "US-ASCII", *(f"ISO-8859-{n}" for n in range(1, 16)),
    "KOI8-R", "KOI8-U", "KOI8-T", "CP850", "CP866", "CP874", "CP932", "CP949", "CP950",
    *(f"CP125{n}" for n in range(9)), "GB2312", "EUC-JP", "EUC-KR", "EUC-TW", "BIG5",
    "BIG5-HKSCS", "GBK", "GB18030", "SHIFT_JIS", "JOHAB", "TIS-620", "VISCII", "GEORGIAN-PS",
    "UTF-8")}


def _as_msgmerge_writes(fields: dict[str, str]) -> dict[str, str]:
    """The header as msgmerge leaves it: known fields in GNU's order, the charset spelled as
    GNU spells it, so a catalog that a translator's tool reordered stays a fixed point."""
    known = {key: fields[key] for key in _KNOWN_ORDER if key in fields}
    ordered = known | {k: v for k, v in fields.items() if k not in known}
    content = ordered.get("Content-Type")
    if content is not None and "charset=" in content:
        head, _, charset = content.partition("charset=")
        name, sep, tail = charset.partition(";")
        spelled = _CHARSETS.get(name.strip().upper(), name.strip())
        ordered["Content-Type"] = f"{head}charset={spelled}{sep}{tail}"
    return ordered


def _fresh_header(locale: str | None, *, project: str, created: str,
                  revised: str) -> dict[str, str]:
    fields: dict[str, str] = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": revised if locale else _UNSET_DATE,
        "Last-Translator": "" if locale else _UNSET_TRANSLATOR,
        _TEAM: language_name(locale) if locale else _UNSET_TEAM,
    }
    if locale:
        fields["Language"] = parse_locale(locale).header
    fields.update({
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    })
    if locale:
        fields["Plural-Forms"] = plural_forms(locale)
    fields["X-Generator"] = f"localize {__version__}"
    return fields


def plural_forms(locale: str) -> str:
    """The Plural-Forms header value from CLDR data, e.g. ``nplurals=2; plural=(n != 1);``."""
    try:
        return str(get_plural(parse_locale(locale).cldr).plural_forms)
    except (ValueError, UnknownLocaleError) as err:
        raise ConfigError(f"unknown locale {locale!r} (expected a code such as nl, zh_Hans, "
                          "pt_BR)") from err


def language_name(locale: str) -> str:
    """The English name of a locale (``Dutch``), or the code itself when unknown."""
    try:
        return str(Locale.parse(parse_locale(locale).cldr).english_name)
    except (ValueError, UnknownLocaleError, ConfigError):
        return locale
