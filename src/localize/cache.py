"""Where localize keeps what it can always rebuild: the splitter's word data, the split
cache and the translation memory."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

__all__ = ["default_cache_dir", "open_database"]


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$LOCALIZE_CACHE_DIR``, else ``$XDG_CACHE_HOME/localize``, else ``~/.cache/localize``."""
    env = os.environ if env is None else env
    if env.get("LOCALIZE_CACHE_DIR"):
        return Path(env["LOCALIZE_CACHE_DIR"])
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "localize"


def open_database(path: Path, schema: str) -> sqlite3.Connection:
    """A SQLite database in the cache, created with ``schema`` where missing, in WAL mode
    so that readers never wait for a writer; raises OSError or sqlite3.Error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30.0)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(schema)
    conn.commit()
    return conn
