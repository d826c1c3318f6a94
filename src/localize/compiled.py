"""Whether the splitter runs as compiled at installation or from its sources.

Installing the package compiles the modules of :mod:`localize.splitting` with
mypyc where a C compiler is at hand (see ``setup.py``): the same code, typed,
turned into C extensions that Python imports in place of the ``.py`` files.
They give the same results, in about two thirds of the time.

A compiled module is only right while its source is what was compiled. An
editable installation keeps both side by side, and Python prefers the
extension, so after an edit the old code would run. The installation therefore
records a checksum of the sources it compiled (``_compiled.txt``); when the
sources no longer match it, the splitter's modules are imported from their
sources instead (logged at the INFO level: the results are the same, only
slower). ``LOCALIZE_SPLITTER=source`` asks for the sources always (to profile
or debug them).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from collections.abc import Sequence
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from pathlib import Path
from types import ModuleType
from zlib import crc32

__all__ = ["STAMP", "choose", "source_digest"]

STAMP = "_compiled.txt"  # the checksum of the sources that were compiled, beside them
SWITCH = "LOCALIZE_SPLITTER"  # "source": import the sources even when compiled ones are there

log = logging.getLogger(__name__)


def source_digest(folder: Path) -> str:
    """A checksum of the modules of the package in ``folder`` that get compiled (all but
    ``__init__.py``): their names, sizes and contents. (Not hashlib: ``localize split``
    starts without it.)"""
    parts = []
    for path in sorted(folder.glob("*.py")):
        if path.name != "__init__.py":
            data = path.read_bytes()
            parts.append(f"{path.name}:{len(data)}:{crc32(data):08x}")
    return " ".join(parts)


def choose(folder: Path, package: str) -> str:
    """Make the modules of ``package`` (in ``folder``) import as they should; say how:
    ``"compiled"``, or ``"source"`` (nothing compiled, compiled ones out of date, or
    the sources asked for)."""
    if not any((folder / f"segment{suffix}").is_file() for suffix in EXTENSION_SUFFIXES):
        return "source"
    if os.environ.get(SWITCH) != "source":
        stamp = folder / STAMP
        if stamp.is_file() and stamp.read_text("ascii").strip() == source_digest(folder):
            return "compiled"
        log.info("the compiled modules of %s are older than their sources in %s; running the "
                 "sources (slower). Install the package again to compile them.", package, folder)
    sys.meta_path.insert(0, _Sources(package, folder))
    return "source"


class _Sources:
    """Finds the modules of one package as their ``.py`` files, before the compiled ones.

    A meta path finder (not derived from ``importlib.abc.MetaPathFinder``, whose module
    imports ``importlib.resources`` and ``tempfile``: ``localize split`` starts without
    them)."""

    def __init__(self, package: str, folder: Path) -> None:
        self._package = package
        self._folder = folder

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        parent, _, name = fullname.rpartition(".")
        source = self._folder / f"{name}.py"
        if parent != self._package or not source.is_file():
            return None
        return importlib.util.spec_from_file_location(fullname, source)
