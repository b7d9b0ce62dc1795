"""Index outcomes by kind and reading (the decisions register's usual filter).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outcomes_kind_reading", "outcomes", ["kind", "reading"])


def downgrade() -> None:
    op.drop_index("ix_outcomes_kind_reading", table_name="outcomes")
