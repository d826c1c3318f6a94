"""Writing the preview folder: all of it or nothing, and never over a folder that is not one.

The new site is written to a fresh folder beside the target and renamed into
place; the previous preview, if any, is removed only once the new one stands.
A folder that holds files but no :data:`MARKER` is someone else's and is
refused, so a mistyped ``--out`` cannot delete anything.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from localize.errors import ConfigError, WriteError

__all__ = ["MARKER", "write_site"]

MARKER = ".localize-preview"


def write_site(out: Path, files: Mapping[str, bytes]) -> None:
    """Replace the folder ``out`` by one holding ``files`` (paths relative to it, with ``/``)."""
    _check_target(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.parent))
    except OSError as err:
        raise WriteError(f"cannot create folder: {err.strerror}", path=out) from err
    try:
        for name, data in {MARKER: b"localize preview\n", **files}.items():
            path = staged / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        os.chmod(staged, 0o755)
        _swap(staged, out)
    except OSError as err:
        shutil.rmtree(staged, ignore_errors=True)
        raise WriteError(f"cannot write the preview: {err.strerror}",
                         path=err.filename or out) from err


def _check_target(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise ConfigError("not a folder; choose another --out", path=out)
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ConfigError(f"the folder holds files and is not a preview (no {MARKER}); "
                          "choose an empty or new folder with --out", path=out)


def _swap(staged: Path, out: Path) -> None:
    """Put ``staged`` in the place of ``out``; the old folder goes only when the new stands."""
    if not out.exists():
        os.rename(staged, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    os.rename(out, old / "site")
    try:
        os.rename(staged, out)
    except OSError:
        with contextlib.suppress(OSError):
            os.rename(old / "site", out)
        shutil.rmtree(old, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
