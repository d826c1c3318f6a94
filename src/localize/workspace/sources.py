"""Source documents on disk: finding them and reading them with their display names."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from localize.errors import InputError
from localize.sources.documents import Document, read_document

__all__ = ["find_sources", "read_documents"]


def find_sources(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the files inside the folders named (sorted, hidden ones skipped).

    A file named on its own is read whatever it is (a FIFO or device is then
    refused by name); inside folders only regular files are taken.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise InputError("no such file or folder", path=path)
    return found


def _walk(folder: Path) -> list[Path]:
    def fail(err: OSError) -> None:
        raise InputError(f"cannot read folder: {err.strerror}", path=err.filename)

    found = []
    for root, dirs, files in os.walk(folder, onerror=fail):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root) / name
            try:
                regular = not name.startswith(".") and stat.S_ISREG(os.stat(path).st_mode)
            except FileNotFoundError:
                continue  # a dangling link
            except OSError as err:
                raise InputError(f"cannot read: {err.strerror}", path=path) from err
            if regular:
                found.append(path)
    return sorted(found)


def read_documents(files: Sequence[Path], *, base: Path, max_mb: float = 16) -> list[Document]:
    """Read every source file; the first unreadable one stops the run before anything is written."""
    limit = int(max_mb * 2**20)
    return [read_document(file, display=_display(file, base), max_bytes=limit) for file in files]


def _display(path: Path, base: Path) -> str:
    """A path as references show it: relative to ``base`` when inside it, with ``/``."""
    try:
        relative = os.path.relpath(path.resolve(), base.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return path.as_posix()
    if relative.startswith(".."):
        return path.as_posix()
    return Path(relative).as_posix()
