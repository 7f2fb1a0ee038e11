"""Where the project keeps what it builds or fetches: never the source tree."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_CACHE_DIR", "cache_dir"]

ENV_CACHE_DIR = "ATLAS_CACHE_DIR"


def cache_dir() -> Path:
    """``$ATLAS_CACHE_DIR``, else ``$XDG_CACHE_HOME/exercise-atlas``, else ``~/.cache/...``."""
    configured = os.environ.get(ENV_CACHE_DIR, "").strip()
    if configured:
        return Path(configured)
    root = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(root) / "exercise-atlas"
