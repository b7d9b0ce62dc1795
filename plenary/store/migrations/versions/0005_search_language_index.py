"""Index meetings by language: a search stems its words in each language of the archive, and
`SELECT DISTINCT language` read every meeting row (with its record JSON) without it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_meetings_language", "meetings", ["language"])


def downgrade() -> None:
    op.drop_index("ix_meetings_language", table_name="meetings")
