"""The ``localize`` command line: thin commands over the library.

Each sub-module registers the commands of one area on :data:`main`.
"""

from __future__ import annotations

# Importing the command modules registers their commands on ``main``.
from localize.cli import catalogs as _catalogs  # noqa: F401
from localize.cli import exchange as _exchange  # noqa: F401
from localize.cli import glossary as _glossary  # noqa: F401
from localize.cli import split as _split  # noqa: F401
from localize.cli import translate as _translate  # noqa: F401
from localize.cli._base import main

__all__ = ["main"]
