"""``localize preview``: the site rendered from its sources and compiled catalogs.

The documents are read and split as ``extract`` reads and splits them (the
same splitter, glossary and site lexicon), so each line yields the messages
the catalogs hold. Each locale's ``<domain>.mo`` gives the text (Python's
gettext, the lookup the site makes); its content catalogs give each message's
state. Catalogs and compiled files are read under the catalog lock, so a
``compile`` running at the same time is seen whole or not at all.
"""

from __future__ import annotations

import functools
import gettext
import io
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from localize.catalogs.model import format_reference
from localize.config import Config
from localize.errors import CatalogError
from localize.fsio import catalog_lock, read_catalog
from localize.site.output import write_site
from localize.site.place import Piece, place_line
from localize.site.render import IndexRow, PageLine, PageView, render_index, render_page
from localize.site.states import Counts, LocaleLookup, Shown
from localize.sources.documents import Document
from localize.terms.glossary import load_glossary
from localize.workspace import find_sources, locale_files, make_splitter, read_documents

__all__ = ["PreviewReport", "build_preview", "page_names"]


@dataclass(frozen=True)
class PreviewReport:
    """What a preview build wrote: its folder, the pages by locale, and what to fix."""

    out: Path
    locales: tuple[str, ...]
    pages: tuple[IndexRow, ...]
    # per locale: messages whose compiled text differs from the catalog (compile again)
    stale: tuple[tuple[str, int], ...]


def build_preview(config: Config, out: Path, *, base: Path | None = None,
                  lock_timeout: float = 10.0) -> PreviewReport:
    """Render every document in every configured locale into ``out`` (replaced whole)."""
    base = Path.cwd() if base is None else base
    documents = read_documents(find_sources(config.sources), base=base,
                               max_mb=config.max_document_mb)
    placed = _place(config, documents)
    lookups = _lookups(config, base, lock_timeout)
    names = page_names([d.path for d in documents])
    files: dict[str, bytes] = {}
    rows: list[IndexRow] = []
    stale = dict.fromkeys(config.locales, 0)
    for document, lines, name in zip(documents, placed, names, strict=True):
        counts: dict[str, Counts] = {}
        for lookup in lookups:
            page = _page(document, name, lines, lookup)
            stale[lookup.locale] += sum(1 for line in page.lines for _, shown in line.pieces
                                        if shown is not None and shown.stale)
            counts[lookup.locale] = page.counts
            files[f"{lookup.locale}/{page.file}"] = _html(render_page(page, config.locales))
        rows.append(IndexRow(name, document.path, len(document.lines), counts))
    files["index.html"] = _html(render_index(rows, config.locales))
    write_site(out, files)
    return PreviewReport(out, config.locales, tuple(rows),
                         tuple((loc, n) for loc, n in stale.items() if n))


def page_names(paths: Sequence[str]) -> list[str]:
    """A name per document: its file stem, with ``-2``, ``-3``... for a stem taken before
    (compared without case, for file systems that ignore it).

    >>> page_names(["a/intro.txt", "b/intro.txt", "news.md"])
    ['intro', 'intro-2', 'news']
    """
    taken: set[str] = set()
    names = []
    for path in paths:
        stem = PurePosixPath(path).stem or "page"
        name, number = stem, 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem}-{number}"
        taken.add(name.casefold())
        names.append(name)
    return names


def _place(config: Config, documents: Sequence[Document]) -> list[list[tuple[Piece, ...]]]:
    """Each document's lines as pieces, split as ``extract`` splits them."""
    splitter = make_splitter(load_glossary(config.glossary, required=config.glossary_named))
    site = splitter.site_lexicon(document.lines for document in documents)
    split_lines = functools.partial(splitter.split_lines, site=site)
    return [[place_line(split) for split in split_lines(document.lines)]
            for document in documents]


def _lookups(config: Config, base: Path, lock_timeout: float) -> list[LocaleLookup]:
    if not config.output.is_dir():
        raise CatalogError("no catalogs yet; run `localize extract` and `localize compile` "
                           "first", path=config.output)
    with catalog_lock(config.output, timeout=lock_timeout):
        return [_lookup(config, locale, base) for locale in config.locales]


def _lookup(config: Config, locale: str, base: Path) -> LocaleLookup:
    """A locale's compiled catalog and its content catalogs."""
    mo = config.mo_path(locale)
    try:
        data = mo.read_bytes()
    except FileNotFoundError as err:
        raise CatalogError("no compiled catalog; run `localize compile` first",
                           path=mo) from err
    except OSError as err:
        raise CatalogError(f"cannot read: {err.strerror or err}", path=mo) from err
    try:
        translations = gettext.GNUTranslations(io.BytesIO(data))
    except (OSError, UnicodeDecodeError, ValueError, IndexError, KeyError,
            struct.error) as err:
        raise CatalogError(f"not a valid .mo file ({err}); run `localize compile` again",
                           path=mo) from err
    catalogs = {f.source: (read_catalog(f.path), _shown_path(f.path, base))
                for f in locale_files(config, locale) if f.source is not None}
    return LocaleLookup(locale, translations, catalogs)


def _page(document: Document, name: str, lines: Sequence[tuple[Piece, ...]],
          lookup: LocaleLookup) -> PageView:
    states: dict[tuple[str, str], str] = {}  # each message counted once
    rendered = []
    for number, pieces in enumerate(lines, start=1):
        shown: list[tuple[str, Shown | None]] = []
        for piece in pieces:
            if piece.message is None:
                shown.append((piece.text, None))
                continue
            result = lookup.show(piece.message.text, piece.message.lang)
            shown.append((result.text, result))
            states.setdefault((piece.message.text, piece.message.lang), result.state)
        rendered.append(PageLine(number, format_reference(document.path, number), tuple(shown)))
    return PageView(name, document.path, lookup.locale, tuple(rendered),
                    Counts.of(states.values()))


def _shown_path(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return path.as_posix()


def _html(text: str) -> bytes:
    """UTF-8; bytes of file names that were not UTF-8 are shown as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode("utf-8")
