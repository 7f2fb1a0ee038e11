"""Schema migrations with Alembic, run in code on a connection we hold.

The app calls :func:`upgrade` when it opens the database, and so does
``python -m sources.db upgrade``. Alembic keeps its own ``alembic_version``
table, so a database at the newest revision costs one query to check.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

__all__ = ["alembic_config", "current_revision", "head_revision", "upgrade"]

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic configuration for our migrations, with ``connection`` to run them on."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {MIGRATIONS}")
    return head


def current_revision(engine: sa.Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (the newest by default); a no-op when it is there."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
