"""Alembic's environment: run migrations on the connection ``sources.db.migrate`` hands in.

There is no alembic.ini: :func:`sources.db.migrate.alembic_config` builds the
configuration in code, so the app, ``python -m sources.db`` and the tests all
migrate the same way, on the same connection they then use.
"""

from __future__ import annotations

from alembic import context

from sources.db.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through sources.db.migrate, which passes a connection")
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
