"""The listing index with the version's id and language: `ix_meetings_listing` (reference,
date, sitting_id, number, id, language), revising the one of migration 0006.

- PostgreSQL gives the reference versions in the register's order (date, sitting, number, id)
  from the index alone (before, it sorted each date's versions by id), which the register's
  deep pages walk to count their outcomes (`analyse.decisions._seek`);
- SQLite's register and meetings list with `?language=` check the language on the index, not
  on each version's row (each carries its record). On SQLite `id` is the row id every index
  holds anyway: naming it keeps the order (date, sitting, number, id) before the language.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LISTING = ["reference", "date", "sitting_id", "number"]  # migration 0006's columns


def upgrade() -> None:
    op.drop_index("ix_meetings_listing", table_name="meetings")
    op.create_index("ix_meetings_listing", "meetings", [*LISTING, "id", "language"])


def downgrade() -> None:
    op.drop_index("ix_meetings_listing", table_name="meetings")
    op.create_index("ix_meetings_listing", "meetings", LISTING)
