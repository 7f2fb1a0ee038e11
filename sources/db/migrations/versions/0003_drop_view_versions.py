"""Drop view_versions: what changed since a cited link is read from review and article
times, so viewers' sessions write nothing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("view_versions")


def downgrade() -> None:
    op.create_table(
        "view_versions",
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("states", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("version", name="pk_view_versions"),
    )
