"""The project on disk: finding sources, and reading and writing catalogs under the run lock.

These are the library modules that deal in paths; the stages they call take
and return text and catalogs.
"""

from __future__ import annotations

from localize.workspace.build import Compiled, compile_catalogs, locale_stats
from localize.workspace.extract import ExtractReport, make_splitter, run_extract
from localize.workspace.layout import LocaleFile, content_targets, locale_files
from localize.workspace.sources import find_sources, read_documents
from localize.workspace.translate import TranslateRun, resolve_locale, translate_locale

__all__ = [
    "Compiled",
    "ExtractReport",
    "LocaleFile",
    "TranslateRun",
    "compile_catalogs",
    "content_targets",
    "find_sources",
    "locale_files",
    "locale_stats",
    "make_splitter",
    "read_documents",
    "resolve_locale",
    "run_extract",
    "translate_locale",
]
