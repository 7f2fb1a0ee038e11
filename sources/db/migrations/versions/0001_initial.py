"""The first schema: articles, extraction cache, places, reviews, imports.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
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
        sa.Column("added_at", _TZ, nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("sha256", name="uq_articles_sha256"),
    )
    op.create_table(
        "extractions",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("article_sha256", sa.String(64), nullable=False),
        sa.Column("extractor", sa.String(80), nullable=False),
        sa.Column("gazetteer", sa.String(80), nullable=False),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("claims", sa.Text, nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_extractions"),
    )
    op.create_index("ix_extractions_article_sha256", "extractions", ["article_sha256"])
    op.create_index("ix_extractions_extractor_gazetteer", "extractions", ["extractor", "gazetteer"])
    op.create_table(
        "extractor_versions",
        sa.Column("extractor", sa.String(80), nullable=False),
        sa.Column("gazetteer", sa.String(80), nullable=False),
        sa.Column("first_seen_at", _TZ, nullable=False),
        sa.Column("last_seen_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("extractor", "gazetteer", name="pk_extractor_versions"),
    )
    op.create_table(
        "places",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("place_id", sa.String(200), nullable=False),
        sa.Column("fields", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_places"),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(200), nullable=False),
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
        sa.Column("created_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_reviews_article_id_articles"
        ),
        sa.UniqueConstraint(
            "article_id",
            "span_start",
            "span_end",
            "revision",
            name="uq_reviews_article_id_span_start_span_end_revision",
        ),
    )
    op.create_index("ix_reviews_article_id", "reviews", ["article_id"])
    op.create_table(
        "imports",
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("done_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", name="pk_imports"),
    )


def downgrade() -> None:
    for table in ("imports", "reviews", "places", "extractor_versions", "extractions", "articles"):
        op.drop_table(table)
