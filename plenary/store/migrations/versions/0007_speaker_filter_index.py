"""Index interventions by actor, role and paragraph: the country and group filters of search
take the paragraphs an actor spoke in from the index alone, without reading the intervention
rows (at 10,000 records, Canada's 2,800 interventions were 2,000 heap pages on PostgreSQL).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_interventions_actor_role_paragraph", "interventions",
                    ["actor_id", "role", "paragraph_id"])


def downgrade() -> None:
    op.drop_index("ix_interventions_actor_role_paragraph", table_name="interventions")
