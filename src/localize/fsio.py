"""Paths at the edge: reading catalogs, atomic writes and the run lock."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from localize.errors import CatalogError, ChangedError, LocalizeError, LockedError, WriteError

if TYPE_CHECKING:
    from localize.catalogs.model import Catalog
    from localize.catalogs.pofile import (
        decode_po,
        header_charset,
        po_codec,
        read_po,
        write_po,
    )

__all__ = [
    "LOCK_NAME",
    "MAX_CATALOG_BYTES",
    "Committed",
    "Snapshot",
    "atomic_write",
    "catalog_lock",
    "commit",
    "read_catalog",
    "read_limited",
    "read_utf8",
    "remove_stale_temporaries",
    "take_snapshot",
    "update_files",
    "write_catalog",
]

log = logging.getLogger(__name__)

# The PO reader and writer, imported on first use (see _catalog_io): a command that reads no
# catalog (``localize split``) starts without them.
_PO_NAMES = ("decode_po", "header_charset", "po_codec", "read_po", "write_po")
DEFAULT_WIDTH = 79  # as msgcat's default --width (localize.catalogs.pofile.WIDTH)

LOCK_NAME = ".localize.lock"
MAX_CATALOG_BYTES = 1024**3  # far above any real catalog; a stream past it is refused
MAX_TEXT_BYTES = 256 * 1024**2  # glossaries, TBX files


def read_limited(path: Path, error: type[LocalizeError], what: str, *, limit: int,
                 display: object = None, hint: str = "") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, reading no more than that.

    FIFOs, devices and sockets are refused without reading (a FIFO would block,
    ``/dev/zero`` never ends); ``error`` names ``display`` (else ``path``).
    ``hint`` says how to raise the limit.
    """
    name = path if display is None else display
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as err:
        raise error(f"{what} not found", path=name) from err
    except IsADirectoryError as err:
        raise error(f"is a folder, not a {what}", path=name) from err
    except OSError as err:
        raise error(f"cannot read {what}: {err.strerror}", path=name) from err
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise error(f"is a folder, not a {what}", path=name)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"not a regular file (a FIFO, device or socket); a {what} must be a "
                        "file", path=name)
        try:
            data = b"" if info.st_size > limit else handle.read(limit + 1)
        except OSError as err:
            raise error(f"cannot read {what}: {err.strerror}", path=name) from err
    if info.st_size > limit or len(data) > limit:
        size = max(info.st_size, len(data)) / 2**20
        raise error(f"{size:.1f} MB is over the limit of {limit / 2**20:g} MB a {what}{hint}",
                    path=name)
    return data


def read_utf8(path: Path, error: type[LocalizeError], what: str, *, hint: str = "") -> str:
    """The text of a UTF-8 file (a BOM is dropped); ``error`` names the file and line.

    ``what`` names the kind of file in messages ("catalog", "glossary").
    """
    data = read_limited(path, error, what, limit=MAX_TEXT_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise error(f"{what} is not valid UTF-8{hint}", path=path, line=line) from err


def _catalog_io() -> None:
    """Import the PO reader and writer into this module on first use; a name already set
    here (a wrapper put in its place) is kept."""
    if all(name in globals() for name in _PO_NAMES):
        return
    from localize.catalogs import pofile

    for name in _PO_NAMES:
        globals().setdefault(name, getattr(pofile, name))


def __getattr__(name: str) -> Any:
    """The PO reader's and writer's functions as attributes of this module, imported on first
    use."""
    if name in _PO_NAMES:
        _catalog_io()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_catalog(path: Path) -> Catalog:
    """Read a PO/POT file; errors name the file (and line, for syntax errors)."""
    return parse_catalog(read_limited(path, CatalogError, "catalog", limit=MAX_CATALOG_BYTES),
                         path)


def parse_catalog(data: bytes, path: Path) -> Catalog:
    """A catalog from a file's bytes, decoded in the charset its header declares."""
    if b"\x00" in data:
        raise CatalogError("not a gettext catalog (binary data)", path=path)
    _catalog_io()
    return read_po(decode_po(data, path=str(path)), path=str(path))


def catalog_bytes(catalog: Catalog, path: Path, *, width: int | None = DEFAULT_WIDTH) -> bytes:
    """A catalog as a file holds it, in the charset its header declares, laid out as GNU
    msgcat lays it out at ``width`` (None: ``--no-wrap``).

    A text that the charset cannot hold is refused (naming the line), never
    written in another encoding than the header says.
    """
    _catalog_io()
    charset = header_charset(catalog.header)
    codec = po_codec(charset, path=str(path))
    text = write_po(catalog, width)
    try:
        return text.encode(codec)
    except UnicodeEncodeError as err:
        line = text.count("\n", 0, err.start) + 1
        raise CatalogError(
            f"{text[err.start]!r} cannot be written in the catalog's charset {charset}; "
            "convert the catalog with msgconv --to-code=UTF-8", path=path, line=line) from err


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically; returns whether the file's bytes changed."""
    return atomic_write(path, catalog_bytes(catalog, path))


def atomic_write(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` through a temporary file and a rename.

    Returns False (and touches nothing) when the file already holds ``data``. On
    failure the original file is intact and the temporary file is removed.
    """
    with contextlib.suppress(OSError):
        if path.read_bytes() == data:
            return False
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"cannot write: {err.strerror}; nothing was written", path=path) from err
    return True


# --- Writing a set of files: all or nothing, never over a concurrent save -------------------


@dataclass(frozen=True)
class Snapshot:
    """The bytes of files as a run read them (None: the file did not exist)."""

    files: dict[Path, bytes | None]

    def catalog(self, path: Path) -> Catalog | None:
        """The catalog a snapshot file holds, or None when there was no file."""
        data = self.files.get(path)
        return None if data is None else parse_catalog(data, path)


@dataclass(frozen=True)
class Committed:
    """What a commit did: the files replaced (or deleted) and the files that already held
    their bytes."""

    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]


def take_snapshot(paths: Sequence[Path]) -> Snapshot:
    """Read the current bytes of ``paths`` (missing files are None)."""
    files: dict[Path, bytes | None] = {}
    for path in paths:
        try:
            files[path] = read_limited(path, CatalogError, "catalog", limit=MAX_CATALOG_BYTES)
        except CatalogError:
            if path.exists() or path.is_symlink():
                raise
            files[path] = None
    return Snapshot(files)


def update_files(paths: Sequence[Path],
                 build: Callable[[Snapshot], Mapping[Path, bytes | None]], *,
                 attempts: int = 3) -> Committed:
    """Read ``paths``, compute their new bytes with ``build`` and write them all or none.

    ``build`` returns the new bytes of each file to write (None: delete it); it
    may only name files among ``paths``. When a person saves one of the files
    while ``build`` runs, the save is noticed before anything is replaced and
    ``build`` runs again on the saved file, so the person's change is merged;
    after ``attempts`` tries the run stops with :class:`ChangedError` and every
    file stays as it was saved.
    """
    for attempt in range(1, attempts + 1):
        snapshot = take_snapshot(paths)
        try:
            return commit(build(snapshot), snapshot)
        except ChangedError as err:
            if attempt == attempts:
                raise ChangedError(f"{err.message}; it kept changing ({attempts} tries), so "
                                   "nothing was written and it is left as it was saved: run "
                                   "again when it is quiet", path=err.path) from err
            log.warning("%s changed while localize was running; merging with the saved file",
                        err.path)
    raise AssertionError("unreachable")


def commit(changes: Mapping[Path, bytes | None], snapshot: Snapshot) -> Committed:
    """Replace (or, for None, delete) every file whose content changes, or none of them.

    All new contents are staged (written and synced beside their targets)
    before any file is replaced; a file that differs from ``snapshot`` (someone
    saved it meanwhile) stops the commit with :class:`ChangedError` before
    anything is replaced. A replacement that fails puts back the files already
    replaced.
    """
    todo = {p: data for p, data in changes.items() if snapshot.files.get(p) != data}
    unchanged = tuple(p for p in changes if p not in todo)
    staged: dict[Path, str | None] = {}
    try:
        for path, data in todo.items():
            staged[path] = None if data is None else _stage(path, data)
        for path in todo:
            if _current(path) != snapshot.files.get(path):
                raise ChangedError("changed while localize was running", path=path)
        done: list[Path] = []
        for path, tmp in staged.items():
            try:
                if tmp is None:
                    path.unlink()
                else:
                    os.replace(tmp, path)
            except OSError as err:
                _undo(done, snapshot)
                raise WriteError(f"cannot write: {err.strerror}; nothing was written",
                                 path=path) from err
            done.append(path)
    finally:
        for tmp in staged.values():
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    return Committed(written=tuple(todo), unchanged=unchanged)


def _stage(path: Path, data: bytes) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # here, not at the top: a command that writes nothing starts faster

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise WriteError(f"cannot write: {err.strerror}; nothing was written", path=path) from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"cannot write: {err.strerror}; nothing was written", path=path) from err
    return tmp


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise WriteError(f"cannot read back before writing: {err.strerror}", path=path) from err


def _undo(done: Sequence[Path], snapshot: Snapshot) -> None:
    """Put back the files a failed commit had already replaced; say which could not be."""
    stuck = []
    for path in done:
        old = snapshot.files.get(path)
        try:
            if old is None:
                path.unlink()
            else:
                os.replace(_stage(path, old), path)
        except (OSError, WriteError):
            stuck.append(str(path))
    if stuck:
        raise WriteError("a write failed half-way and these files could not be put back, they "
                         f"hold the new version: {', '.join(stuck)}")


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
    import filelock  # here, not at the top: commands that take no lock start faster

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
