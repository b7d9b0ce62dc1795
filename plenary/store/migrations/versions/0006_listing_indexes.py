"""Covering indexes for the paged lists (issue 10): the meetings list and the decision register
choose a page by meeting date without reading a single `meetings` row (each carries its record
JSON, so that a scan of 10,000 meetings read ~10,000 pages for 50 rows shown).

- `ix_meetings_listing` (reference, date, sitting_id, number): the reference versions in date
  order, and their sittings (`analyse.meetings`, `analyse.decisions`: the register walks it in
  order and sorts only within a meeting);
- `ix_outcomes_register` (meeting_id, paragraph_id, position, kind, reading): a version's
  outcomes in document order with the register's usual filters.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_meetings_listing", "meetings",
                    ["reference", "date", "sitting_id", "number"])
    op.create_index("ix_outcomes_register", "outcomes",
                    ["meeting_id", "paragraph_id", "position", "kind", "reading"])


def downgrade() -> None:
    op.drop_index("ix_outcomes_register", table_name="outcomes")
    op.drop_index("ix_meetings_listing", table_name="meetings")
