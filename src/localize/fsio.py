"""Paths at the edge: reading catalogs, atomic writes and the run lock."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import filelock

from localize.catalogs.model import Catalog
from localize.catalogs.pofile import read_po, write_po
from localize.errors import CatalogError, LocalizeError, LockedError, WriteError

__all__ = [
    "LOCK_NAME",
    "atomic_write",
    "catalog_lock",
    "read_catalog",
    "read_utf8",
    "remove_stale_temporaries",
    "write_catalog",
]

LOCK_NAME = ".localize.lock"


def read_utf8(path: Path, error: type[LocalizeError], what: str, *, hint: str = "") -> str:
    """The text of a UTF-8 file (a BOM is dropped); ``error`` names the file and line.

    ``what`` names the kind of file in messages ("catalog", "glossary").
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise error(f"{what} not found", path=path) from err
    except OSError as err:
        raise error(f"cannot read {what}: {err.strerror}", path=path) from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise error(f"{what} is not valid UTF-8{hint}", path=path, line=line) from err


def read_catalog(path: Path) -> Catalog:
    """Read a PO/POT file; errors name the file (and line, for syntax errors)."""
    text = read_utf8(path, CatalogError, "catalog",
                     hint=" (convert it with msgconv --to-code=UTF-8)")
    if "\x00" in text:
        raise CatalogError("not a gettext catalog (binary data)", path=path)
    return read_po(text, path=str(path))


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically; returns whether the file's bytes changed."""
    return atomic_write(path, write_po(catalog).encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` through a temporary file and a rename.

    Returns False (and touches nothing) when the file already holds ``data``. On
    failure the original file is intact and the temporary file is removed.
    """
    with contextlib.suppress(OSError):
        if path.read_bytes() == data:
            return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise WriteError(f"cannot write: {err.strerror}", path=path) from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"cannot write: {err.strerror}", path=path) from err
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporary files that an interrupted run left behind; call it holding the lock."""
    removed = []
    for stale in folder.rglob(".*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed.append(stale)
    return removed


@contextlib.contextmanager
def catalog_lock(output_dir: Path, *, timeout: float = 10.0) -> Iterator[None]:
    """Hold the lock that keeps two runs from writing the same catalogs at once."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WriteError(f"cannot create folder: {err.strerror}", path=output_dir) from err
    lock_path = output_dir / LOCK_NAME
    lock = filelock.FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout as err:
        raise LockedError(
            f"another localize run is writing these catalogs (waited {timeout:g} s for "
            f"{lock_path}); try again when it has finished",
            path=output_dir,
        ) from err
    except OSError as err:
        raise WriteError(f"cannot create lock file: {err.strerror}", path=lock_path) from err
    try:
        remove_stale_temporaries(output_dir)
        yield
    finally:
        lock.release()
