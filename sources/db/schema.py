"""The database's tables, as SQLAlchemy Core metadata: one source for code and migrations.

Only portable column types are used, so the same tables live in SQLite and
PostgreSQL. The Alembic migrations in ``sources/db/migrations`` create exactly
these tables; a test compares the two after ``upgrade head``.

* ``articles``: every article the atlas holds, text and metadata, whatever
  brought it in (the articles folder, the page, ``python -m sources.ingest``).
* ``extractions``: the extraction cache, one row per article text and extractor
  version, so replicas on different versions never overwrite each other.
* ``extractor_versions``: when a replica last ran each extractor version;
  pruning drops only versions nobody has used for a while.
* ``places``: the full record of every place a cached claim points at, so a
  claim whose place left the gazetteer still loads.
* ``reviews``: the review history. Rows are only ever added; a claim's state is
  its last row. ``(article_id, span_start, span_end, revision)`` is unique, which
  makes two concurrent reviews of one claim a conflict, never a lost update.
* ``imports``: one-off imports already done (``corrections.json`` files, folder
  fingerprints), so they are not done twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

import sqlalchemy as sa

__all__ = [
    "CHUNK",
    "articles",
    "chunks",
    "extractions",
    "extractor_versions",
    "imports",
    "metadata",
    "places",
    "reviews",
]

# Named constraints, so that migrations can refer to them on every backend.
metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("file", sa.String(300), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("outlet", sa.Text, nullable=False),
    sa.Column("outlet_country", sa.Text, nullable=False),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("published", sa.Date, nullable=True),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("origin", sa.String(20), nullable=False),
    sa.Column("added_by", sa.Text, nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("article_sha256", sa.String(64), nullable=False, index=True),
    sa.Column("extractor", sa.String(80), nullable=False),
    sa.Column("gazetteer", sa.String(80), nullable=False),
    sa.Column("n_claims", sa.Integer, nullable=False),
    sa.Column("claims", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index(None, "extractor", "gazetteer"),
)

extractor_versions = sa.Table(
    "extractor_versions",
    metadata,
    sa.Column("extractor", sa.String(80), primary_key=True),
    sa.Column("gazetteer", sa.String(80), primary_key=True),
    sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("key", sa.String(32), primary_key=True),
    sa.Column("place_id", sa.String(200), nullable=False),
    sa.Column("fields", sa.Text, nullable=False),
)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(200), sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("mention", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("before", sa.Text, nullable=True),
    sa.Column("after", sa.Text, nullable=False),
    sa.Column("editor", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("origin", sa.String(40), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("article_id", "span_start", "span_end", "revision"),
    sa.Index(None, "article_id"),
)

imports = sa.Table(
    "imports",
    metadata,
    sa.Column("kind", sa.String(40), primary_key=True),
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
)

# Keeps an IN (...) list under SQLite's oldest limit of 999 parameters.
CHUNK = 500
_T = TypeVar("_T")


def chunks(items: Sequence[_T], size: int = CHUNK) -> Iterator[Sequence[_T]]:
    """``items`` in slices of ``size``, for IN (...) lists and batched writes."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, instead got: {size!r}.")
    for start in range(0, len(items), size):
        yield items[start : start + size]
