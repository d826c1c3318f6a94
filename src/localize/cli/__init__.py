"""The ``localize`` command line: thin commands over the library.

Each sub-module registers the commands of one area on :data:`main`; the
group imports a sub-module when one of its commands is asked for
(``COMMAND_MODULES`` in ``_base.py``).
"""

from __future__ import annotations

from localize.cli._base import main

__all__ = ["main"]
