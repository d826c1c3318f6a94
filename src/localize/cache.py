"""Where localize keeps what it can always rebuild: the splitter's word data, the split
cache and the translation memory."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["default_cache_dir"]


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$LOCALIZE_CACHE_DIR``, else ``$XDG_CACHE_HOME/localize``, else ``~/.cache/localize``."""
    env = os.environ if env is None else env
    if env.get("LOCALIZE_CACHE_DIR"):
        return Path(env["LOCALIZE_CACHE_DIR"])
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "localize"
