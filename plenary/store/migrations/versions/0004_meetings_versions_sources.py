"""Meetings, versions and sources: a record is a version of a meeting (`sittings`), read from
one or more files (`sources`); regroup the records already stored.

Every stored record becomes a version of the meeting its identity names (its header, else its
ITU file name, else its file name); a record whose content another version already holds (the
`.txt` and the `.pdf` of one record, stored twice by the old schema) becomes a source of that
version and its duplicate rows go. Nothing else is deleted.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sittings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(700), nullable=False, unique=True),
        sa.Column("identified", sa.Boolean(), nullable=False),
        sa.Column("body", sa.String(100)),
        sa.Column("session", sa.String(200)),
        sa.Column("symbol", sa.String(100)),
        sa.Column("label", sa.String(500), nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sources_meeting_id", "sources", ["meeting_id"])
    op.create_index("ux_sources_sha256_path", "sources", ["sha256", "path"], unique=True)
    _add_version_columns()
    _regroup(op.get_bind())


def _add_version_columns() -> None:
    if op.get_bind().dialect.name == "sqlite":  # no ALTER of constraints there
        op.execute("ALTER TABLE meetings ADD COLUMN sitting_id INTEGER "
                   "REFERENCES sittings (id) ON DELETE CASCADE")
    else:
        op.add_column("meetings", sa.Column(
            "sitting_id", sa.Integer(),
            sa.ForeignKey("sittings.id", ondelete="CASCADE", name="fk_meetings_sitting_id")))
    for name in ("reference", "original", "conflict"):
        op.add_column("meetings", sa.Column(name, sa.Boolean(), nullable=False,
                                            server_default=sa.false()))
    op.create_index("ix_meetings_sitting_id", "meetings", ["sitting_id"])
    op.create_index("ix_meetings_reference", "meetings", ["reference"])


def _regroup(conn: sa.Connection) -> None:
    """Place every stored record, oldest first, as ingest places a new one."""
    import json

    from plenary.record import Record
    from plenary.store.identity import resolve
    from plenary.store.versions import (
        add_source,
        create_sitting,
        decide,
        is_original,
        settle_reference,
        source_key,
    )
    from plenary.store.writer import MEETINGS, delete_meeting, prune_dictionaries

    rows = conn.execute(sa.select(MEETINGS.c.id, MEETINGS.c.source_name)
                        .order_by(MEETINGS.c.id)).all()
    for row in rows:
        raw = conn.execute(sa.select(MEETINGS.c.record_json)
                           .where(MEETINGS.c.id == row.id)).scalar_one()
        record = Record.from_dict(json.loads(raw))
        ident = resolve(record)
        path = row.source_name
        d = decide(conn, record, ident, path)
        if d.status in ("source", "unchanged"):
            assert d.version_id is not None
            if d.status == "source":
                add_source(conn, d.version_id, record, path)
            delete_meeting(conn, row.id)
            continue
        sitting = d.sitting_id or create_sitting(conn, d.key, ident, path)
        conn.execute(sa.update(MEETINGS).where(MEETINGS.c.id == row.id).values(
            sitting_id=sitting, original=is_original(record), conflict=d.status == "conflict",
            source_name=source_key(record.source.sha256, path)))
        add_source(conn, row.id, record, path)
        settle_reference(conn, sitting)
    prune_dictionaries(conn)


def downgrade() -> None:
    raise NotImplementedError("0004 regroups records into meetings; it cannot be undone")
