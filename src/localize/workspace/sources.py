"""Source documents on disk: finding them and reading them with their display names."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from localize.errors import InputError
from localize.sources.documents import Document, read_document

__all__ = ["find_sources", "iter_documents", "read_documents"]


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
    return list(iter_documents(files, base=base, max_mb=max_mb))


def iter_documents(files: Sequence[Path], *, base: Path, max_mb: float = 16
                   ) -> Iterator[Document]:
    """Read the source files one at a time (a file named twice is read once), so that a large
    site is never held in memory whole."""
    limit = int(max_mb * 2**20)
    try:
        root: Path | None = base.resolve()
    except (OSError, RuntimeError):
        root = None
    seen: set[str] = set()
    folders: dict[Path, Path | None] = {}
    for file in files:
        display = _display(file, root, folders)
        if display not in seen:
            seen.add(display)
            yield read_document(file, display=display, max_bytes=limit)


def _display(path: Path, base: Path | None, folders: dict[Path, Path | None]) -> str:
    """A path as references show it: relative to ``base`` (resolved) when inside it, with ``/``.

    ``folders`` keeps each folder resolved once: a file that is no link resolves to its
    resolved folder and its name.
    """
    if base is None:
        return path.as_posix()
    try:
        if path.is_symlink() or path.name in ("", ".", ".."):
            resolved = path.resolve()
        else:
            if path.parent not in folders:
                folders[path.parent] = path.parent.resolve()
            folder = folders[path.parent]
            resolved = path.resolve() if folder is None else folder / path.name
        relative = os.path.relpath(resolved, base)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return path.as_posix()
    if relative.startswith(".."):
        return path.as_posix()
    return Path(relative).as_posix()
