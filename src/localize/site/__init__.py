"""The preview: the site's pages rendered in every locale from the compiled catalogs.

``build_preview`` writes ``index.html`` and ``<locale>/<page>.html`` for each
source document; each message carries its state (``human``, ``machine``,
``fuzzy``, ``missing`` or ``source``), its msgid and its reference.
``make_server`` serves the folder on 127.0.0.1.
"""

from __future__ import annotations

from localize.site.build import PreviewReport, build_preview, page_names
from localize.site.serve import HOST, make_server
from localize.site.states import STATES, Counts, LocaleLookup, Shown, state_of

__all__ = [
    "HOST",
    "STATES",
    "Counts",
    "LocaleLookup",
    "PreviewReport",
    "Shown",
    "build_preview",
    "make_server",
    "page_names",
    "state_of",
]
