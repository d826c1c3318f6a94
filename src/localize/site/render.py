"""The preview's HTML: one page per document and locale, and an index of them all.

Templates are Jinja2 with autoescaping on for every template: source text,
translations, msgids and file names are untrusted, and reach the HTML only as
escaped text or attribute values. Each page carries a Content-Security-Policy
that allows its own style sheet and nothing else (no script, no image, no
request), and works without JavaScript: the locale switch is plain links and
the highlight toggle a checkbox that the style sheet reads.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from urllib.parse import quote

import jinja2
from babel import Locale, UnknownLocaleError
from markupsafe import Markup

from localize.locales import language_of, parse_locale
from localize.site.states import STATES, Counts, Shown

__all__ = ["IndexRow", "PageLine", "PageView", "page_file", "render_index", "render_page"]


@dataclass(frozen=True)
class PageLine:
    """A line of a document: its number, its reference, and its pieces as a locale shows them
    (``(text, None)`` for text shown as it is)."""

    number: int
    reference: str
    pieces: tuple[tuple[str, Shown | None], ...]


@dataclass(frozen=True)
class PageView:
    """One document as a reader of one locale sees it."""

    name: str  # the file name's stem, unique among the documents
    path: str  # the document as references name it
    locale: str
    lines: tuple[PageLine, ...]
    counts: Counts

    @property
    def file(self) -> str:
        return page_file(self.name)

    @property
    def title(self) -> str:
        return readable(self.path)


@dataclass(frozen=True)
class IndexRow:
    """A document in the index: its renderings' completion by locale."""

    name: str
    path: str
    lines: int
    counts: Mapping[str, Counts]

    @property
    def file(self) -> str:
        return page_file(self.name)

    @property
    def title(self) -> str:
        return readable(self.path)


def page_file(name: str) -> str:
    """The file of a page: ``<name>.html``."""
    return f"{name}.html"


def readable(text: str) -> str:
    """Text fit for a UTF-8 page: bytes of a file name that were not UTF-8 become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def render_page(page: PageView, locales: Sequence[str]) -> str:
    """The HTML of one rendering, with links to the same page in every locale."""
    return _template("page.html").render(page=page, locales=locales,
                                         lang=language_of(page.locale), **_common(locales))


def render_index(rows: Sequence[IndexRow], locales: Sequence[str]) -> str:
    """The HTML of the index: every page in every locale, with its completion."""
    totals = {locale: Counts.sum(row.counts[locale] for row in rows) for locale in locales}
    return _template("index.html").render(rows=rows, locales=locales, totals=totals,
                                          states=STATES, lang="en", **_common(locales))


def _common(locales: Sequence[str]) -> dict[str, object]:
    style = _style()
    return {
        "style": Markup(style),  # our own file: no markup can come into it
        "style_hash": "sha256-" + base64.b64encode(hashlib.sha256(
            style.encode("utf-8")).digest()).decode("ascii"),
        "names": {locale: _display_name(locale) for locale in locales},
        "languages": {locale: language_of(locale) for locale in locales},
        "tooltip": _tooltip,
        "bar": _bar,
    }


def _tooltip(shown: Shown, reference: str) -> str:
    """What a translator needs to find a message: its state, msgid and where it is."""
    lines = [shown.state, f"msgid: {shown.msgid}", f"source: {readable(reference)}"]
    if shown.catalog:
        lines.append(f"catalog: {readable(shown.catalog)}")
    if shown.candidate is not None:
        why = "differs from the compiled catalog" if shown.stale else "not compiled"
        lines.append(f"{why}: {shown.candidate}")
    return "\n".join(lines)


def _bar(counts: Counts) -> Markup:
    """A bar of the states' shares as inline SVG (sizes as attributes: no style needed)."""
    total = counts.total or 1
    rects, at = [], 0.0
    for state, count in counts.parts():
        if count:
            width = 100.0 * count / total
            rects.append(f'<rect class="{state}" x="{at:.2f}" y="0" width="{width:.2f}" '
                         'height="6"/>')
            at += width
    return Markup('<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" '
                  'aria-hidden="true">' + "".join(rects) + "</svg>")


def _display_name(locale: str) -> str:
    """A locale's name in its own language (``Nederlands``), or the code."""
    try:
        return str(Locale.parse(parse_locale(locale).cldr).display_name or locale)
    except (ValueError, UnknownLocaleError):
        return locale


def _href(path: str) -> str:
    """A relative link to a file, percent-encoded byte by byte (any file name works)."""
    return quote(path.encode("utf-8", "surrogateescape"), safe="/.")


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("localize.site", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["href"] = _href
    return environment


def _template(name: str) -> jinja2.Template:
    return _environment().get_template(name)


@functools.cache
def _style() -> str:
    return (files("localize.site") / "templates" / "preview.css").read_text(encoding="utf-8")
