"""Which database to use, and an engine for it.

``$ATLAS_DATABASE_URL`` (any SQLAlchemy URL; ``$ATLAS_STORE_URL`` is read as an
older name for it), else an SQLite file outside the source tree, one per
articles folder: an empty folder gets an empty database, and ``python -m
sources.ingest`` run with the same folder setting writes to the database the
page reads. The files live in ``$ATLAS_DATA_DIR``, else in the project's cache
directory under ``db/``.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from geo.cachedir import cache_dir

__all__ = [
    "ENV_DATA_DIR",
    "ENV_URL",
    "LEGACY_ENV_URL",
    "database_url",
    "default_url",
    "open_engine",
    "safe_url",
]

ENV_URL = "ATLAS_DATABASE_URL"
ENV_DATA_DIR = "ATLAS_DATA_DIR"
LEGACY_ENV_URL = "ATLAS_STORE_URL"


def database_url(directory: Path | str | None = None) -> str:
    """The configured URL, else :func:`default_url` for ``directory``."""
    for name in (ENV_URL, LEGACY_ENV_URL):
        configured = os.environ.get(name, "").strip()
        if configured:
            return configured
    return default_url(directory)


def default_url(directory: Path | str | None = None) -> str:
    """An SQLite file in the cache directory, named after the articles folder."""
    from sources.articles import articles_dir

    folder = Path(directory) if directory is not None else articles_dir()
    resolved = str(folder.expanduser().resolve())
    digest = hashlib.sha256(resolved.encode()).hexdigest()[:10]
    slug = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-")[:40] or "articles"
    configured = os.environ.get(ENV_DATA_DIR, "").strip()
    root = Path(configured) if configured else cache_dir() / "db"
    return f"sqlite:///{root / f'{slug}-{digest}.sqlite'}"


def safe_url(url: str) -> str:
    """``url`` with any password hidden, fit to show on a page or in a log."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "(an unreadable database URL)"


def open_engine(url: str) -> sa.Engine:
    """An engine for ``url``: SQLite in WAL mode with a busy timeout; others pre-pinged."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # A replica must notice a restarted server instead of failing on a dead connection.
        return sa.create_engine(url, pool_pre_ping=True)
    if not parsed.database or parsed.database == ":memory:":
        # One connection for everyone: each new connection would be a new, empty database.
        engine = sa.create_engine(
            url, poolclass=sa.pool.StaticPool, connect_args={"check_same_thread": False}
        )
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30})
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # WAL lets the page read while an ingest process writes; NORMAL sync is safe
    # in WAL mode (a power cut may lose the last commits, never corrupt). Foreign
    # keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
