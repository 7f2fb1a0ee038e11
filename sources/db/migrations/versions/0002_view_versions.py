"""Views cited by link: each data version's claims and their state, to say what changed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "view_versions",
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("states", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("version", name="pk_view_versions"),
    )


def downgrade() -> None:
    op.drop_table("view_versions")
